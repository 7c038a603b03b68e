"""The window, offscreen: the library, preview, options, article and review tabs react as a user expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui_helpers import open_window, settle

pytest.importorskip("pytestqt")


@pytest.fixture()
def window(qtbot, user_dir):
    return open_window(qtbot)


def preview_text(win) -> str:
    return win.preview.toPlainText()


def test_library_lists_the_five_samples_with_badges(window):
    lib = window.library
    assert lib.count() == 5
    assert all(lib.is_checked(i) for i in range(5))
    texts = [[lib.tree.topLevelItem(i).text(c) for c in range(5)] for i in range(5)]
    assert {t[3] for t in texts} == {"ID"}
    assert any("DATE?" in t[4] for t in texts)  # a year inferred from the weekday is flagged
    assert not any("⚑" in t[4] for t in texts)  # the samples come with their English: nothing is untranslated
    assert "5 of 5 articles included" in lib.summary.text()
    text = preview_text(window)
    first = window.last_briefing.sections[0].label
    assert first.id in text and first.en in text and first.id != first.en


def test_untick_removes_the_article_from_the_preview(window, qtbot):
    dropped = window.articles[1]
    lead = dropped.paragraphs[0][:60]
    assert lead in preview_text(window)
    window.set_checked(1, False)
    assert window.project.articles[1].included is False and window.modified
    settle(qtbot, window)
    assert lead not in preview_text(window)
    assert "4 of 5 articles included" in window.library.summary.text()


def test_layout_and_language_choices_change_the_preview(window, qtbot):
    window.lang_box.setCurrentIndex(window.lang_box.findData("en"))
    settle(qtbot, window)
    text = preview_text(window)
    first = window.last_briefing.sections[0].label
    assert first.en in text and first.id not in text
    assert "[Untranslated]" not in text  # the samples' English is complete: the translation supplied with them,
    assert "[sample translation]" in text  # marked as such
    assert window.project.options.languages == "en"


def test_template_description_is_shown(window):
    panel = window.options_panel
    assert panel.template_about.text()
    assert panel.template_about.text() == panel.templates[panel.template_box.currentData()].description["en"]


def test_memo_fields_reach_the_preview(window, qtbot):
    panel = window.options_panel
    panel.number_edit.setText("B-123/Kemlu/XI/2023")
    panel.subject_edit.setText("Kunjungan Menlu AS ke Seoul")
    panel.subject_en_edit.setText("US Secretary of State visits Seoul")
    panel.class_box.setCurrentIndex(panel.class_box.findData("terbatas"))
    settle(qtbot, window)
    text = preview_text(window)
    assert "Kunjungan Menlu AS ke Seoul" in text and "Terbatas" in text
    assert "US Secretary of State visits Seoul" in text and window.project.options.subject_en.startswith("US ")
    assert window.project.options.number == "B-123/Kemlu/XI/2023"
    assert window.suggested_name(".docx").endswith("-kunjungan-menlu-as-ke-seoul.docx")


def test_letterhead_from_the_panel_and_from_preferences(window, qtbot):
    from briefgen.ui.dialogs import PreferencesDialog

    panel = window.options_panel
    panel.template_box.setCurrentIndex(panel.template_box.findData("nota-dinas"))
    panel.letterhead_edit.setPlainText("KEMENTERIAN LUAR NEGERI\nDirektorat Asia Timur dan Pasifik")
    settle(qtbot, window)
    text = preview_text(window)
    assert "Direktorat Asia Timur dan Pasifik" in text and "KEMENTERIAN / LEMBAGA" not in text
    assert window.project.options.letterhead.startswith("KEMENTERIAN LUAR NEGERI")
    dialog = PreferencesDialog(window._, window.settings, window)
    dialog.letterhead_edit.setPlainText("KEMENTERIAN PERTAHANAN")
    dialog.apply_to(window.settings)
    assert window.settings.letterhead == "KEMENTERIAN PERTAHANAN"
    window.confirm_discard = lambda: True  # no "save changes?" question in a test
    window.new_project()
    assert window.project.options.letterhead == "KEMENTERIAN PERTAHANAN"  # every new project starts with it
    assert panel.letterhead_edit.toPlainText() == "KEMENTERIAN PERTAHANAN"


def test_suggested_file_name_has_date_and_subject(window):
    name = window.suggested_name(".pdf")
    assert name.endswith(".pdf") and name[:4].isdigit() and name[4] == "-" and " " not in name
    assert "blinken" in name  # the newest article's title is the default subject


def test_review_edit_becomes_reviewed_text(window, qtbot):
    review = window.review
    supplied = [r for r in range(review.table.rowCount())  # points (memo fields go to the memo panel)
                if review.table.item(r, 3).text() == "sample translation"
                and not review.key_at(r).startswith("header:")]
    key = review.key_at(supplied[0])
    sample_before = sum(review.table.item(r, 3).text() == "sample translation" for r in range(review.table.rowCount()))
    review.edit_text(key, "en", "Blinken arrived in Seoul on Wednesday evening.")
    assert window.project.edits[key] == {"en": "Blinken arrived in Seoul on Wednesday evening."}
    settle(qtbot, window)
    assert "Blinken arrived in Seoul on Wednesday evening." in preview_text(window)
    assert review.table.item(review.row_of(key), 3).text() == "reviewed"
    statuses = [review.table.item(r, 3).text() for r in range(review.table.rowCount())]
    assert statuses.count("sample translation") == sample_before - 1
    review.filter_box.setCurrentIndex(review.filter_box.findData("missing"))
    assert review.table.isRowHidden(review.row_of(key))
    assert review.counts.text().startswith("0 of ")  # the samples' English is complete
    # the edit went to the translation memory too: it is offered as a suggestion, and after the
    # project's own edit is reverted the memory still supplies it, as reviewed text
    assert review.memory.available
    review.select_key(key)
    qtbot.waitUntil(lambda: not review.cache.busy, timeout=10000)  # the memory is searched ahead, in slices
    review.select_key(key)
    suggestions = [review.suggestions.item(i).text() for i in range(review.suggestions.count())]
    assert any("Blinken arrived in Seoul on Wednesday evening." in s for s in suggestions)
    review.revert_current()
    settle(qtbot, window)
    assert key not in window.project.edits
    assert "Blinken arrived in Seoul on Wednesday evening." in preview_text(window)
    assert review.table.item(review.row_of(key), 3).text() == "reviewed"


def test_source_text_is_not_editable_in_review(window):
    from PySide6.QtCore import Qt

    assert not window.review.table.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    assert window.review.table.item(0, 2).flags() & Qt.ItemFlag.ItemIsEditable


def test_analyst_words_and_point_choices(window, qtbot):
    analyst = window.analyst
    keys = analyst.point_keys()
    section = next(s for s in window.full_briefing.sections if s.kind in ("list", "numbered") and len(s.items) >= 3)
    first, before, last = (section.items[i].key for i in (0, -2, -1))
    assert {first, before, last} <= set(keys)
    analyst.edits[("assessment", "id")].setPlainText("Kunjungan ini menegaskan aliansi.")
    analyst.set_dropped(first, True)
    analyst.points.setCurrentRow(keys.index(last))
    while analyst.point_keys().index(last) > analyst.point_keys().index(before):
        analyst.move_current(-1)
    settle(qtbot, window)
    text = preview_text(window)
    assert "Penilaian" in text and "Kunjungan ini menegaskan aliansi." in text
    shown = [i.key for i in window.last_briefing.section(section.key).items]
    assert first not in shown and shown.index(last) < shown.index(before)
    assert first in window.project.dropped and window.project.order == analyst.point_keys()
    assessment = window.last_briefing.section("assessment").items[0].text
    assert assessment.id_status.value == "reviewed"


def test_article_tab_restores_a_removed_line(window, qtbot):
    window.library.tree.setCurrentItem(window.library.tree.topLevelItem(0))
    article = window.articles[0]
    removed = article.removed[0]
    assert "Removed lines" in window.article_view.toPlainText()
    assert removed.text.strip()[:30] in window.article_view.toPlainText()
    with qtbot.waitSignal(window.preview_updated, timeout=10000):
        window.article_view.restore_requested.emit(removed.line, True)
    assert removed.line in window.project.articles[0].restored
    assert removed.line not in {r.line for r in window.articles[0].removed}
    assert "Restored lines" in window.article_view.toPlainText()


def test_paste_imports_text_and_flags_a_duplicate(window, qtbot, sample_paths):
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(sample_paths[0].read_text(encoding="utf-8") + "\n\n")
    with qtbot.waitSignal(window.articles_loaded, timeout=20000):
        window.paste()
    assert window.library.count() == 6
    assert window.articles[5].duplicate_of == window.articles[0].sha256
    assert not window.library.is_checked(5) and "DUP" in window.library.tree.topLevelItem(5).text(4)


def test_dropping_a_folder_imports_its_clippings(window, qtbot, tmp_path: Path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    (tmp_path / "a.txt").write_text("JAKARTA - Menteri Luar Negeri Retno Marsudi bertemu mitranya di Jakarta "
                                    "pada Senin (6/11/2023) untuk membahas kerja sama maritim kedua negara.\n",
                                    encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.articles_loaded, timeout=20000):
        window.library.tree.dropEvent(event)
    assert window.library.count() == 6 and window.articles[5].file.endswith("a.txt")


def test_export_failure_is_reported(window, qtbot, tmp_path: Path):
    missing = tmp_path / "no-such-folder" / "brief.docx"
    with qtbot.waitSignal(window.export_failed, timeout=30000) as blocker:
        window.export_to([missing])
    assert "brief.docx" in blocker.args[0] and "folder no longer exists" in blocker.args[0]
    assert "Choose another folder" in blocker.args[0]  # the fix, not only the fault
    assert not missing.exists()


def test_about_lists_versions_and_font_licences(window):
    from briefgen.ui.dialogs import about_html

    text = about_html(window._)
    assert "PySide6" in text and "python-docx" in text and "Noto" in text and "SIL Open Font License 1.1" in text
    assert "Offline machine translation engine: installed" in text  # ctranslate2 is in the test environment


def test_about_says_when_the_machine_translation_engine_is_not_installed(window, monkeypatch):
    import sys

    from briefgen.translate import engine
    from briefgen.ui.dialogs import about_html

    engine.engine_problem.cache_clear()
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    try:
        assert "Offline machine translation engine: not installed (optional installer component)" in about_html(
            window._)
    finally:
        engine.engine_problem.cache_clear()


def test_pasted_text_is_redacted_like_files(window, qtbot):
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText(
        "JAKARTA - Menteri Luar Negeri Retno Marsudi bertemu mitranya pada Senin (6/11/2023) untuk membahas "
        "kerja sama maritim.\nMasuk sebagai budi.santoso@gmail.com\nTelp 0812-3456-7890\n")
    with qtbot.waitSignal(window.articles_loaded, timeout=20000):
        window.paste()
    raw = window.project.articles[-1].raw
    assert raw.file.startswith("<pasted") and "budi.santoso@gmail.com" not in raw.text
    assert "0812-3456-7890" not in raw.text and "personal_data" in raw.hints


def test_samples_shown_at_start_leave_nothing_to_save(qtbot, user_dir):
    win = open_window(qtbot, sample=False)
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load([], sample=True, modifies=False)
    assert win.library.count() == 5 and not win.modified
    assert win.projects.autosave_now() is None  # nothing to autosave either
    win.set_checked(0, False)
    assert win.modified


def test_closing_the_window_during_an_export_leaves_no_handler_touching_deleted_widgets(qtbot, user_dir, tmp_path):
    """The export finishes on its worker after the window (and its progress dialog) are gone: the handlers
    are skipped; an exception in them would fail this test through pytest-qt's event-loop capture."""
    from briefgen.settings import Settings
    from briefgen.ui.app import create_window
    from briefgen.ui.workers import _running

    _app, win = create_window(ui_lang="en", sample=False, settings=Settings(ui_lang="en"))
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load([], sample=True)
    op = win.export_to([tmp_path / "brief.docx"])
    win.close()
    win.deleteLater()
    qtbot.waitUntil(lambda: op not in _running, timeout=30000)
    qtbot.wait(50)  # let queued handlers and deferred deletes run
    assert (tmp_path / "brief.docx").is_file()  # the work itself completed


def test_unknown_names_dialog_adds_a_name_and_the_preview_follows(window, qtbot, user_dir):
    import yaml
    from PySide6.QtCore import Qt, QTimer

    from briefgen.ui.names_dialog import NamesDialog

    dialog = NamesDialog(window._, window.selected_articles(), window)
    dialog.added.connect(lambda _key: window.refresh_preview())
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() > 0, timeout=20000)
    names = [dialog.table.topLevelItem(i).text(0) for i in range(dialog.table.topLevelItemCount())]
    assert "Ronald Reagan" in names and "Antony Blinken" not in names
    row = dialog.table.findItems("Ronald Reagan", Qt.MatchFlag.MatchExactly)[0]
    dialog.table.setCurrentItem(row)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("organisation"))
    dialog.en_edit.clear()
    dialog.add()  # no English form: refused, nothing written
    assert "English form" in dialog.status.text() and not (user_dir / "gazetteer.yaml").exists()
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("place"))
    dialog.id_edit.setText("USS Ronald Reagan")
    dialog.en_edit.setText("USS Ronald Reagan")
    with qtbot.waitSignal(window.preview_updated, timeout=20000):
        dialog.add()
    entries = yaml.safe_load((user_dir / "gazetteer.yaml").read_text(encoding="utf-8"))["entries"]
    assert entries[0]["name"]["en"] == "USS Ronald Reagan" and entries[0]["variants"] == {"id": ["Ronald Reagan"]}
    assert "Ronald Reagan" not in [dialog.table.topLevelItem(i).text(0)
                                   for i in range(dialog.table.topLevelItemCount())]
    assert "USS Ronald Reagan" in dialog.status.text()
    QTimer.singleShot(0, dialog.reject)


def test_tools_menu_opens_the_unknown_names_dialog(window, qtbot):
    from PySide6.QtCore import QTimer

    def close_it():
        qtbot.waitUntil(lambda: getattr(window, "names_dialog", None) is not None)
        window.names_dialog.reject()

    QTimer.singleShot(0, close_it)
    window.actions_by_name["names"].trigger()
    assert window.names_dialog.windowTitle() == "Unknown names"
