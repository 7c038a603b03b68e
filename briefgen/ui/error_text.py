"""What went wrong, said in the user's language: one catalogue entry per kind of problem, with its fix.

The core raises :class:`briefgen.errors.BriefgenError` with an English one-line reason (the CLI
prints it) and a ``code``; OS errors are classified by cause (errno, and whether the folder or the
file refused: :func:`briefgen.errors.error_kind`). Here each kind gets a plain sentence and the action
that fixes it, both through the gettext catalogue. The technical text (the English reason, the
exception's type) is kept for the *Details* button only, so nothing like ``UnicodeDecodeError`` or
"Read-only file system" reaches the message itself.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import error_kind


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark now, translate later"
    return message


# kind -> (what happened, what to do). Keys are BriefgenError codes or briefgen.errors.os_error_kind's kinds.
CATALOGUE: dict[str, tuple[str, str]] = {
    # writing (export, save project, settings)
    "locked": (N_("The file is open in another program (for example Word)."),
               N_("Close it there and try again, or save under another name.")),
    "read-only-folder": (N_("You cannot save in this folder: it is read-only for you."),
                         N_("Choose another folder, for example Documents.")),
    "read-only-file": (N_("The file is marked read-only."),
                       N_("Save under another name, or remove the read-only mark in the file's properties.")),
    "read-only-drive": (N_("This drive is read-only (a protected USB stick, a CD or a read-only share)."),
                        N_("Save on another drive, for example in Documents.")),
    "disk-full": (N_("The disk is full."),
                  N_("Free some space (empty the Recycle Bin), or save on another drive.")),
    "folder-missing": (N_("The folder no longer exists (renamed, deleted, or a drive was removed)."),
                       N_("Choose another folder.")),
    "name-too-long": (N_("The file name or its folder path is too long."),
                      N_("Choose a shorter name or a folder closer to the top of the drive.")),
    "unknown-format": (N_("briefgen cannot write this kind of file."),
                       N_("Save as .docx, .pdf or .html.")),
    # reading clippings and projects
    "file-missing": (N_("The file no longer exists."),
                     N_("Check that it was not moved, renamed or deleted, then try again.")),
    "no-permission": (N_("You are not allowed to read this file."),
                      N_("Copy it to a folder of your own, or ask its owner for access.")),
    "cannot-read": (N_("The file could not be read."),
                    N_("Check that the drive is connected, then try again.")),
    "unsupported-type": (N_("This kind of file is not a clipping briefgen can read."),
                         N_("Save it as text, Word (.docx), PDF or a web page (.html), then import it.")),
    "too-large": (N_("The file is larger than the limit for one clipping."),
                  N_("Import the article alone (copy its text into a new file).")),
    "empty-file": (N_("The file is empty."), N_("Check that it was saved completely.")),
    "no-text": (N_("The file holds no text."), N_("Check that it is the right file.")),
    "not-text": (N_("The file is not text (it looks like a program, an image or another binary file)."),
                 N_("Open it in the program that made it and save it as text, Word or PDF.")),
    "broken-file": (N_("The file is damaged and cannot be opened."),
                    N_("Open it in Word or a PDF reader and save a new copy, then import that.")),
    "refused-container": (N_("The file was refused for safety: its contents are not what a document holds."),
                          N_("Ask the sender for a clean copy, or copy the text into a new file.")),
    "encrypted-pdf": (N_("The PDF is protected with a password."),
                      N_("Save an unprotected copy (Print to PDF), then import that.")),
    "scanned-pdf": (N_("The PDF is a scan: it holds pictures of text, not text."),
                    N_("Run text recognition (OCR) on it first, or copy the article from its web page.")),
    "web-page-broken": (N_("The web page could not be read."),
                        N_("Save the page again from the browser (Save page as, complete), or copy its text.")),
    "web-page-empty": (N_("No article text was found in the web page."),
                       N_("Copy the article's text and paste it with Ctrl+V.")),
    "nothing-pasted": (N_("There is no text to paste."), N_("Copy the article's text first.")),
    "nothing-read": (N_("None of the files could be read."), N_("See the reasons for each file.")),
    # projects
    "not-a-project": (N_("This is not a briefgen project file."), N_("Choose a file ending in .briefgen.")),
    "project-too-new": (N_("The project was saved by a newer briefgen."), N_("Update briefgen to open it.")),
    "project-damaged": (N_("The project file is damaged."),
                        N_("Open an earlier copy, or the work autosaved in this session.")),
    # other parts
    "template": (N_("The document template has a problem."),
                 N_("Choose another template, or ask whoever made this one to check it.")),
    "gazetteer": (N_("Your gazetteer (names list) could not be used."),
                  N_("Check the entry you typed, or restore the gazetteer file from a copy.")),
    "glossary": (N_("The glossary could not be used."), N_("Check the glossary file.")),
    "pack": (N_("A translation pack could not be used."), N_("Reinstall the pack.")),
    "memory": (N_("The translation memory could not be used."),
               N_("Close other briefgen windows, then try again.")),
    "tmx": (N_("The translation memory file could not be read."), N_("Check that it is a TMX file.")),
    "xliff": (N_("The exchange file (XLIFF) could not be used."),
              N_("Check that it is the XLIFF file exported for this project, saved by your translation tool.")),
    "userfile": (N_("The file you chose could not be used: it is not an ordinary file, it is too large, "
                    "or it is not valid text."),
                 N_("Choose the file itself (not a shortcut or a device), saved as UTF-8 text.")),
    "cancelled": (N_("Cancelled: nothing was written."), ""),
    "os-error": (N_("The system refused the operation."), N_("Try again; if it keeps failing, see Details.")),
    "general": (N_("Something went wrong."), N_("Try again; if it keeps failing, see Details.")),
}
# errors of other layers that carry no code yet: their class decides
CLASS_KINDS = {"TemplateError": "template", "GazetteerError": "gazetteer", "GlossaryError": "glossary",
               "PackError": "pack", "TranslationMemoryError": "memory", "TmxError": "tmx", "XliffError": "xliff",
               "UserFileError": "userfile",
               "Cancelled": "cancelled", "ImportFailed": "cannot-read"}


@dataclass(frozen=True)
class UserMessage:
    kind: str
    text: str  # what happened, in the UI language
    action: str  # what fixes it, in the UI language ("" when nothing is to be done)
    path: str  # the file concerned, "" when none
    details: str  # the technical account, behind a Details button

    def line(self) -> str:
        """One line for the status bar or a list: the file's name, what happened and what to do."""
        name = Path(self.path).name if self.path else ""
        return " ".join(p for p in ((f"{name}:" if name else ""), self.text, self.action) if p)


def kind_of(exc: BaseException) -> str:
    kind = error_kind(exc)
    if kind in CATALOGUE:
        return kind
    for cls in type(exc).__mro__:
        if cls.__name__ in CLASS_KINDS:
            return CLASS_KINDS[cls.__name__]
    return "os-error" if isinstance(exc, OSError) else "general"


def user_message(exc: BaseException, _) -> UserMessage:
    kind = kind_of(exc)
    text, action = CATALOGUE[kind]
    path = getattr(exc, "path", None) or getattr(exc, "filename", None) or ""
    details = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    if exc.__cause__ is not None:
        details += "\n" + "".join(traceback.format_exception_only(type(exc.__cause__), exc.__cause__)).strip()
    return UserMessage(kind, _(text), _(action) if action else "", str(path), details)


def show_error_box(parent, exc: BaseException, _, title: str = "briefgen") -> UserMessage:
    """A warning box: the plain sentence, the file, the fix; the technical account behind *Details*."""
    from PySide6.QtWidgets import QMessageBox

    message = user_message(exc, _)
    box = QMessageBox(QMessageBox.Icon.Warning, title, message.text, parent=parent)
    box.setInformativeText("\n\n".join(p for p in (message.path, message.action) if p))
    box.setDetailedText(message.details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    box.button(QMessageBox.StandardButton.Close).setText(_("Close"))
    parent.error_box = box  # tests find and close it
    box.exec()
    return message
