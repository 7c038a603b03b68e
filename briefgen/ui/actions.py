"""Menus, toolbar and keyboard shortcuts of the main window, declared in one place.

Standard keys (Open, Save, Quit, Paste…) use ``QKeySequence.StandardKey`` so each platform gets
its native binding (Cmd on macOS). Ctrl+V on the window pastes a clipping; inside a text field Qt
gives the field priority, so ordinary pasting keeps working.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

StandardKey = QKeySequence.StandardKey


def _action(window: QMainWindow, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut))
    hint = tip or text.replace("&", "").rstrip("…")
    if shortcut is not None:
        hint += f" ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
    action.setToolTip(hint)
    action.setStatusTip(hint)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


_MNEMONIC = re.compile(r"&(?!&)(\w)")


def mnemonic(text: str) -> str:
    """The Alt-key letter of a menu text ("&File" → "f"), "" when it has none."""
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def _with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with an Alt-key letter nobody else in its menu has: its own when free, else a word's first
    letter, else any letter; no mnemonic at all when every letter is taken."""
    own = mnemonic(text)
    if own and own not in used:
        return text
    plain = re.sub(r"&(?!&)", "", text)
    starts = [m.start() for m in re.finditer(r"\b\w", plain)]
    for index in starts + list(range(len(plain))):
        char = plain[index].lower()
        if char.isalnum() and char not in used:
            return plain[:index] + "&" + plain[index:]
    return plain


def unique_mnemonics(menu: QMenu | QMenuBar) -> None:
    """Give every entry of ``menu`` (and of its submenus) an Alt-key letter of its own.

    Translations place their ``&`` independently and menus grow (recent files, other helpers' tools),
    so clashes are resolved here, keeping the written letter whenever it is still free.
    """
    used: set[str] = set()
    for action in menu.actions():
        if action.isSeparator() or not action.text():
            continue
        text = _with_mnemonic(action.text(), used)
        if text != action.text():
            action.setText(text)
        if mnemonic(text):
            used.add(mnemonic(text))
        if action.menu() is not None:
            unique_mnemonics(action.menu())


def build_menus(window) -> None:
    _ = window._
    a = window.actions_by_name = {}
    a["new"] = _action(window, _("&New project"), window.new_project, QKeySequence(StandardKey.New))
    a["open"] = _action(window, _("&Open project…"), window.projects.choose_open, QKeySequence(StandardKey.Open))
    a["save"] = _action(window, _("&Save project"), window.projects.save, QKeySequence(StandardKey.Save))
    a["save_as"] = _action(window, _("Save project &as…"), window.projects.choose_save_as, "Ctrl+Shift+S")
    a["import"] = _action(window, _("&Import clippings…"), window.choose_imports, "Ctrl+I",
                          _("Import clipping files (.txt, .md, …)"))
    a["import_folder"] = _action(window, _("Import a fo&lder…"), window.choose_import_folder, "Ctrl+Shift+I")
    a["paste"] = _action(window, _("&Paste clipping"), window.paste, QKeySequence(StandardKey.Paste),
                         _("Import the text (or files) on the clipboard as a clipping"))
    a["export"] = _action(window, _("&Export…"), lambda: window.exporter.choose(window.settings.export_format),
                          "Ctrl+E", _("Export in the format chosen in Preferences"))
    a["export_docx"] = _action(window, _("Export DO&CX…"), lambda: window.exporter.choose("docx"), "Ctrl+Shift+D")
    a["export_pdf"] = _action(window, _("Export P&DF…"), lambda: window.exporter.choose("pdf"), "Ctrl+Shift+E")
    a["export_both"] = _action(window, _("Export &both, DOCX and PDF…"), lambda: window.exporter.choose("both"),
                               "Ctrl+Shift+B")
    a["preferences"] = _action(window, _("Pre&ferences…"), window.show_preferences,
                               QKeySequence(StandardKey.Preferences) if not QKeySequence(
                                   StandardKey.Preferences).isEmpty() else "Ctrl+,")
    a["quit"] = _action(window, _("&Quit"), window.close, QKeySequence(StandardKey.Quit))
    a["refresh"] = _action(window, _("Re&fresh preview"), window.refresh_preview, QKeySequence(StandardKey.Refresh))
    a["about"] = _action(window, _("&About briefgen"), window.show_about)
    a["names"] = _action(window, _("Unknown &names…"), window.show_names, "Ctrl+Shift+N",
                         _("Names the gazetteer does not know: give their English form and role"))
    a["tm_import"] = _action(
        window, _("&Import translation memory (TMX)…"), window.memory_transfer.choose_import,
        tip=_("Load a TMX from OmegaT, Trados or memoQ: both directions, alternatives, codes kept"))
    a["tm_export"] = _action(window, _("&Export translation memory (TMX)…"), window.memory_transfer.choose_export,
                             tip=_("Write the people's translations as TMX 1.4, imported units as they came"))
    a["packs"] = _action(window, _("Translation &packs…"), window.show_packs, tip=_(
        "Install, list and remove the translation models your IT department supplies"))
    for number, name in enumerate((_("&Preview"), _("&Article"), _("&Review")), start=1):
        a[f"tab{number}"] = _action(window, name, lambda n=number: window.tabs.setCurrentIndex(n - 1),
                                    f"Ctrl+{number}")

    menu = window.menuBar()
    file_menu = menu.addMenu(_("&File"))
    for key in ("new", "open"):
        file_menu.addAction(a[key])
    window.projects.recent_menu = file_menu.addMenu(_("Open &recent"))
    window.projects.rebuild_recent_menu()
    for key in ("save", "save_as", None, "import", "import_folder", "paste", None, "export", "export_docx",
                "export_pdf", "export_both", None, "preferences", None, "quit"):
        if key is None:
            file_menu.addSeparator()
        else:
            file_menu.addAction(a[key])
    view_menu = menu.addMenu(_("&View"))
    for key in ("tab1", "tab2", "tab3", "refresh"):
        view_menu.addAction(a[key])
    tools_menu = menu.addMenu(_("&Tools"))
    tools_menu.addAction(a["names"])
    tools_menu.addAction(a["packs"])
    tools_menu.addSeparator()
    tools_menu.addAction(a["tm_import"])
    tools_menu.addAction(a["tm_export"])
    help_menu = menu.addMenu(_("&Help"))
    help_menu.addAction(a["about"])

    unique_mnemonics(menu)

    toolbar = window.addToolBar(_("Main"))
    toolbar.setObjectName("main-toolbar")
    toolbar.setMovable(False)
    for key in ("import", "open", "save", "export"):
        toolbar.addAction(a[key])
    # compatibility with the skeleton's names
    window.import_action, window.export_docx_action, window.export_pdf_action = a["import"], a["export_docx"], \
        a["export_pdf"]
