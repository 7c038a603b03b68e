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


def test_qt_translations_are_loaded_when_qt_ships_them():
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtWidgets import QApplication

    from briefgen.ui.app import install_qt_translations

    app = QApplication.instance()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    from pathlib import Path

    shipped = Path(folder, "qtbase_id.qm").is_file()
    assert install_qt_translations(app, "id") is shipped  # PySide6's wheel has none for Indonesian today
    assert install_qt_translations(app, "en") is False


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
