"""Window geometry, dock/toolbar state and splitter positions, remembered between sessions.

Kept with ``QSettings`` in an INI file inside the user data folder (not the registry or
``~/.config``), so a portable install and the tests stay self-contained; the typed preferences
live in :mod:`briefgen.settings`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from briefgen.resources import user_data_dir


def _store() -> QSettings:
    return QSettings(str(user_data_dir() / "window.ini"), QSettings.Format.IniFormat)


def save_window_state(window: QMainWindow) -> None:
    store = _store()
    store.setValue("window/geometry", window.saveGeometry())
    store.setValue("window/state", window.saveState())
    for splitter in window.findChildren(QSplitter):
        if splitter.objectName():
            store.setValue(f"splitters/{splitter.objectName()}", splitter.saveState())
    store.sync()


def restore_window_state(window: QMainWindow) -> bool:
    """Put the window back as it was; False when nothing was stored (first run)."""
    store = _store()
    geometry = store.value("window/geometry")
    if not isinstance(geometry, QByteArray | bytes) or not geometry:
        return False
    window.restoreGeometry(geometry)
    state = store.value("window/state")
    if isinstance(state, QByteArray | bytes):
        window.restoreState(state)
    for splitter in window.findChildren(QSplitter):
        value = store.value(f"splitters/{splitter.objectName()}") if splitter.objectName() else None
        if isinstance(value, QByteArray | bytes):
            splitter.restoreState(value)
    return True
