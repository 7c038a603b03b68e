"""The project's own error types.

Every failure a user can cause (a bad file, a broken template, a locked output) surfaces as a
:class:`BriefgenError` whose ``str()`` is one line naming the file and the reason, so the CLI and
the GUI can show it as is and a batch can go on past it.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

# Characters that would break "one line per error" or disguise a name: line and paragraph breaks, other
# C0/C1 controls, and the bidirectional overrides and isolates that reorder what a terminal shows.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every line break, control and bidi-override character escaped (``\\n``, ``\\x1b``, ``\\u202e``).

    File names come from the user's disk or from archives; a newline in one must not forge a second line
    in the error output (``briefgen: x.txt: ok``), nor an escape sequence recolour the terminal.
    """
    def escape(m: re.Match[str]) -> str:
        c = m.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100
                                                                 else f"\\u{ord(c):04x}")
    return _UNPRINTABLE.sub(escape, text)


class BriefgenError(Exception):
    """Base class: a problem we can explain to the user in one line (names are escaped to keep it one)."""

    def __init__(self, message: str, path: str | Path | None = None, code: str = "") -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
        self.code = code  # what kind of problem, for a message in the user's language (briefgen.ui.error_text)
        super().__init__(printable(f"{self.path}: {message}" if self.path else message))


class ImportFailed(BriefgenError):
    """A clipping could not be read (encoding, size, format, broken container)."""


class TemplateError(BriefgenError):
    """A template is missing, malformed, or uses something the sandbox forbids."""


class ExportFailed(BriefgenError):
    """An output file could not be written (locked, read-only, disk full)."""


class Cancelled(BriefgenError):
    """The user cancelled long-running work; nothing was written."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message, code="cancelled")


# --- what kind of problem: chosen by cause (errno and the state of the folder), not by the message -------

LOCKED_WINERRORS = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION: another program holds the file


def os_error_kind(exc: OSError, path: str | Path | None = None, stage: str = "") -> str:
    """``locked``, ``read-only-folder``, ``read-only-file``, ``read-only-drive``, ``disk-full``,
    ``folder-missing``, ``file-missing``, ``no-permission``, ``name-too-long`` or ``os-error``.

    ``stage`` says what was being done: ``cannot-create`` (a new file in the folder: a permission error
    is the folder's), ``cannot-replace``/``cannot-write`` (the target itself: marked read-only, or held
    open by another program such as Word), ``cannot-read``/"" (reading).
    """
    code = exc.errno
    writing = stage in ("cannot-create", "cannot-replace", "cannot-write")
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "disk-full"
    if code == errno.EROFS:
        return "read-only-drive"
    if code == errno.ENAMETOOLONG:
        return "name-too-long"
    if code == errno.ENOENT or isinstance(exc, FileNotFoundError):
        return "folder-missing" if writing else "file-missing"
    if getattr(exc, "winerror", None) in LOCKED_WINERRORS or code in (errno.EBUSY, errno.ETXTBSY):
        return "locked"
    if not (isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM)):
        return "os-error"
    if not writing:
        return "no-permission"
    target = Path(path) if path else None
    if stage == "cannot-create" or target is None:
        return "read-only-folder"
    if target.parent.is_dir() and not os.access(target.parent, os.W_OK):
        return "read-only-folder"
    if target.exists() and not os.access(target, os.W_OK):
        return "read-only-file"
    return "locked" if target.exists() else "read-only-folder"


def error_kind(exc: BaseException) -> str:
    """The kind of ``exc`` for choosing a message and its advice; "" when nothing more specific is known."""
    code = getattr(exc, "code", "") or ""
    cause = exc if isinstance(exc, OSError) else exc.__cause__
    if isinstance(cause, OSError) and code in ("cannot-create", "cannot-replace", "cannot-write", "cannot-read", ""):
        path = getattr(exc, "path", None) or getattr(cause, "filename", None)
        return os_error_kind(cause, path, code)
    return code if isinstance(code, str) else ""
