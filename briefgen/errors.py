"""The project's own error types.

Every failure a user can cause (a bad file, a broken template, a locked output) surfaces as a
:class:`BriefgenError` whose ``str()`` is one line naming the file and the reason, so the CLI and
the GUI can show it as is and a batch can go on past it.
"""

from __future__ import annotations

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

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
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
        super().__init__(message)
