"""Two UI languages: first run follows the system, Preferences switch keeps the project, Qt catalogues tried."""

from __future__ import annotations

import pytest

from tests.gui_helpers import open_window

pytest.importorskip("pytestqt")


def test_first_run_follows_the_system_locale(monkeypatch, user_dir, qtbot):
    import locale

    from briefgen.settings import Settings
    from briefgen.ui import app as app_mod

    monkeypatch.setattr(locale, "getlocale", lambda *a: (None, None))
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "id_ID.UTF-8")
    assert app_mod.system_ui_lang() == "id"
    settings = Settings()
    _app, win = app_mod.create_window(sample=False, settings=settings)
    qtbot.addWidget(win)
    assert settings.ui_lang == "id" and win.ui_lang == "id"
    assert win.menuBar().actions()[0].text() == "&Berkas"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert app_mod.system_ui_lang() == "en"


def test_switching_language_keeps_the_project(qtbot, user_dir):
    from briefgen.ui.app import _switch_language

    win = open_window(qtbot)
    win.set_checked(2, False)
    win.options_panel.subject_edit.setText("Kunjungan Blinken")
    project = win.project
    new = _switch_language(win, "id")
    qtbot.addWidget(new)
    assert new.ui_lang == "id" and new.project is project and new.modified
    assert new.library.count() == 5 and not new.library.is_checked(2)
    assert new.options_panel.subject_edit.text() == "Kunjungan Blinken"
    assert new.tabs.tabText(0) == "Pratinjau" and new.right_tabs.tabText(1) == "Analis"
    assert win.handing_over and win.closed


def test_qt_own_strings_are_indonesian_in_an_indonesian_window(qapp):
    """Qt ships no qtbase_id: briefgen's stands in, so message-box buttons and text menus follow the window."""
    from PySide6.QtWidgets import QLineEdit, QMessageBox

    from briefgen.ui.app import install_qt_translations

    def buttons() -> list[str]:
        box = QMessageBox()
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                               | QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                               | QMessageBox.StandardButton.Cancel)
        return sorted(b.text() for b in box.buttons())

    try:
        assert install_qt_translations(qapp, "id") is True
        assert buttons() == sorted(["&Ya", "&Tidak", "Simpan", "Buang", "Batal"])
        edit = QLineEdit()
        menu = edit.createStandardContextMenu()
        texts = {a.text().split("\t")[0] for a in menu.actions() if a.text()}
        assert {"&Salin", "&Tempel", "Pilih Semua", "&Urungkan"} <= texts
    finally:
        assert install_qt_translations(qapp, "en") is False
    assert buttons() == sorted(["&Yes", "&No", "Save", "Discard", "Cancel"])


def test_the_compiled_qt_catalogue_matches_its_source():
    """qtbase_id.qm is committed beside qtbase_id.ts: every message of the source is in it, as written."""
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    from briefgen.resources import locale_dir

    folder = locale_dir() / "id" / "qt"
    translator = QTranslator()
    assert translator.load(str(folder / "qtbase_id.qm"))
    messages = [(ctx.findtext("name"), m.findtext("source"), m.findtext("translation"))
                for ctx in ET.parse(folder / "qtbase_id.ts").getroot().iter("context") for m in ctx.iter("message")]
    assert len(messages) > 40
    assert [(c, s, translator.translate(c, s)) for c, s, _t in messages] == messages


def test_window_geometry_and_splitters_are_remembered(qtbot, user_dir):
    win = open_window(qtbot, sample=False)
    win.resize(760, 560)  # inside the offscreen screen (800×600), so no clamping
    win.splitter.setSizes([200, 300, 200])
    sizes = win.splitter.sizes()
    win.close()
    assert (user_dir / "window.ini").is_file()
    again = open_window(qtbot, sample=False)
    assert (again.width(), again.height()) == (760, 560)
    assert again.splitter.sizes() == sizes
