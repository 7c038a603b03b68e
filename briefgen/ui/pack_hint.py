"""The first-run hint in the status bar when no translation pack is installed.

Without a pack the English side of an Indonesian briefing stays marked untranslated until a person
writes it; a new user should learn that before wondering why, and where the two ways out are.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMainWindow

log = logging.getLogger(__name__)


def no_pack_installed() -> bool:
    try:
        from briefgen.translate.packs import list_packs

        return not list_packs()
    except Exception as exc:  # noqa: BLE001 - an unreadable packs folder: say nothing rather than fail to start
        log.warning("translation packs not listed: %s", exc)
        return False


def show_pack_hint(window: QMainWindow) -> bool:
    """Show the hint (until the next status message) when no pack is installed; True when shown."""
    if not no_pack_installed():
        return False
    _ = window._
    window.statusBar().showMessage(_(
        "No translation pack installed: the English side of Indonesian clippings stays marked untranslated "
        "until you write it in the Review tab, or install a pack (Tools → Translation packs…)."))
    return True
