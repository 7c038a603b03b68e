"""Tools → Translation packs…: install on a worker (progress, cancel, one-line failure), list the facts, remove."""

from __future__ import annotations

import pytest

from tests.gui_helpers import open_window

pytest.importorskip("pytestqt")


@pytest.fixture()
def window(qtbot, user_dir):
    return open_window(qtbot)


def _dialog(window, qtbot):
    from PySide6.QtCore import QTimer

    seen = {}

    def grab():
        qtbot.waitUntil(lambda: getattr(window, "packs_dialog", None) is not None)
        seen["dialog"] = window.packs_dialog

    QTimer.singleShot(0, grab)
    QTimer.singleShot(50, lambda: window.packs_dialog.hide())  # exec() returns once the dialog is hidden
    window.actions_by_name["packs"].trigger()
    return seen["dialog"]


def _rows(dialog) -> list[list[str]]:
    table = dialog.table
    return [[table.topLevelItem(i).text(c) for c in range(table.columnCount())]
            for i in range(table.topLevelItemCount())]


def test_install_list_and_remove_from_the_tools_menu(window, qtbot, tmp_path):
    import tiny_models as tm

    from briefgen.translate.packs import list_packs, packs_dir
    from briefgen.ui.dialogs import about_html

    dialog = _dialog(window, qtbot)
    assert dialog.windowTitle() == "Translation packs" and _rows(dialog) == []
    assert "No translation pack is installed" in dialog.status.text()
    folder = tm.multilingual_folder(tmp_path, "nllb", licence="cc-by-nc-4.0")
    with qtbot.waitSignal(dialog.changed, timeout=30000):
        op = dialog.install(folder)
        assert not dialog.file_button.isEnabled() and dialog.cancel_button.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: dialog.op is None, timeout=10000)
    assert op.cancel_token is not None and dialog.file_button.isEnabled()
    [row] = _rows(dialog)
    assert row[:5] == ["nllb-id-en-nllb-ct2-int8", "id↔en", "nllb-ct2-int8", "nllb", "CC-BY-NC 4.0 (non-commercial)"]
    assert row[5].endswith("MB") and row[6] == "not published"
    assert "Installed nllb-id-en-nllb-ct2-int8 (id↔en)" in dialog.status.text()
    about = about_html(window._)
    assert "nllb-id-en-nllb-ct2-int8 (id↔en; nllb-ct2-int8; nllb; Licence: CC-BY-NC 4.0, non-commercial" in about

    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("nothing")
    dialog.install(empty)
    qtbot.waitUntil(lambda: dialog.op is None, timeout=10000)
    assert dialog.status.text().startswith("Not installed: ") and "no translation model found" in dialog.last_error
    assert "\n" not in dialog.last_error

    release = tm.opus_mt_release(tmp_path / "release")
    op = dialog.install(release)
    op.cancel()  # cancelled before or during unpacking: nothing is left behind
    qtbot.waitUntil(lambda: dialog.op is None, timeout=10000)
    assert "cancelled" in dialog.status.text() and [p.name for p in list_packs()] == ["nllb-id-en-nllb-ct2-int8"]
    assert [p.name for p in packs_dir().iterdir()] == ["nllb-id-en-nllb-ct2-int8"]

    dialog.table.setCurrentItem(dialog.table.topLevelItem(0))
    with qtbot.waitSignal(dialog.changed):
        dialog.remove_selected(confirm=False)
    assert _rows(dialog) == [] and list_packs() == []


def test_the_window_asks_what_a_release_does_not_say_and_installs_with_the_answer(window, qtbot, tmp_path,
                                                                                 monkeypatch):
    import tiny_models as tm
    from PySide6.QtWidgets import QInputDialog

    asked = []

    def answer(parent, title, question, items, current, editable):  # noqa: ANN001, ANN202
        asked.append((question, list(items)))
        return items[-1], True  # "English → Indonesian"

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(answer))
    dialog = _dialog(window, qtbot)
    quiet = tm.opus_mt_release(tmp_path / "quiet", "en", "id", readme=False).rename(tmp_path / "quiet" / "release")
    with qtbot.waitSignal(dialog.changed, timeout=30000):
        dialog.install(quiet)
    assert asked == [("The model does not say which languages it translates. Which direction?",
                      ["Indonesian → English", "English → Indonesian"])]
    qtbot.waitUntil(lambda: dialog.op is None, timeout=10000)
    assert _rows(dialog)[0][1] == "en→id"


def test_a_refused_pack_is_explained_in_the_windows_language_with_the_reason_behind_it(qtbot, user_dir, tmp_path):
    window = open_window(qtbot, ui_lang="id", sample=False)
    dialog = _dialog(window, qtbot)
    empty = tmp_path / "kosong"
    empty.mkdir()
    (empty / "catatan.txt").write_text("tidak ada model")
    dialog.install(empty)
    qtbot.waitUntil(lambda: dialog.op is None, timeout=10000)
    assert dialog.status.text().startswith("Tidak terpasang: Berkas ini bukan paket terjemahan")
    assert "no translation model found" not in dialog.status.text()
    assert "no translation model found" in dialog.status.toolTip() == dialog.last_error
