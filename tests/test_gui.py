"""The window, offscreen: five samples load, one is unticked, the export runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import docx_text

pytest.importorskip("pytestqt")


@pytest.fixture()
def window(qtbot):
    from briefgen.ui.app import create_window

    _app, win = create_window(ui_lang="en", sample=False)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load([], sample=True)
    return win


def test_window_lists_the_five_samples(window):
    assert window.article_list.count() == 5
    assert all(window.article_list.item(i).checkState().name == "Checked" for i in range(5))
    assert "Ringkasan" in window.preview.toPlainText() and "Summary" in window.preview.toPlainText()


def test_untick_and_export_docx_and_pdf(window, qtbot, tmp_path: Path):
    dropped = window.articles[1]
    window.set_checked(1, False)
    with qtbot.waitSignal(window.preview_updated, timeout=5000):
        pass
    assert dropped.title not in window.preview.toPlainText()
    out_docx, out_pdf = tmp_path / "brief.docx", tmp_path / "brief.pdf"
    with qtbot.waitSignal(window.export_finished, timeout=60000) as blocker:
        window.export_to([out_docx, out_pdf])
    assert blocker.args[0] == [out_docx, out_pdf]
    text = docx_text(out_docx)
    kept = [a for i, a in enumerate(window.articles) if i != 1]
    for article in kept:
        assert article.title in text
    assert dropped.title not in text
    assert out_pdf.stat().st_size > 5000


def test_export_failure_is_reported(window, qtbot, tmp_path: Path):
    missing = tmp_path / "no-such-folder" / "brief.docx"
    with qtbot.waitSignal(window.export_failed, timeout=30000) as blocker:
        window.export_to([missing])
    assert "brief.docx" in blocker.args[0] and "folder does not exist" in blocker.args[0]
    assert not missing.exists()


def test_layout_and_language_choices_change_the_preview(window, qtbot):
    window.lang_box.setCurrentIndex(window.lang_box.findData("en"))
    with qtbot.waitSignal(window.preview_updated, timeout=5000):
        pass
    text = window.preview.toPlainText()
    assert "Summary" in text and "Ringkasan" not in text
    assert "[Untranslated]" in text  # English-only shows the honest marker with the original


def test_suggested_file_name(window):
    name = window.suggested_name(".pdf")
    assert name.endswith(".pdf") and name[:4].isdigit() and " " not in name


def test_screenshot_of_main_window(window, tmp_path):
    window.resize(1280, 800)
    window.show()
    pixmap = window.grab()
    path = tmp_path / "main-window.png"
    assert pixmap.save(str(path))
    assert path.stat().st_size > 10000
