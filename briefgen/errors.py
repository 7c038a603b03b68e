"""The project's own error types.

Every failure a user can cause (a bad file, a broken template, a locked output) surfaces as a
:class:`BriefgenError` whose ``str()`` is one line naming the file and the reason, so the CLI and
the GUI can show it as is and a batch can go on past it.
"""

from __future__ import annotations

from pathlib import Path


class BriefgenError(Exception):
    """Base class: a problem we can explain to the user in one line."""

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.reason = message
        super().__init__(f"{self.path}: {message}" if self.path else message)


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
