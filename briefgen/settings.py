"""The user's preferences: declared with types and defaults, stored as versioned JSON.

Why a declared dataclass rather than free-form keys: every setting has one name, one type and one
default in one place, so a hand-edited or older file can be checked field by field (a wrong type
falls back to the default instead of crashing the window), and a change of format is an explicit,
tested upgrade step (``UPGRADES``) rather than scattered ``get(..., fallback)`` calls.

The file lives in :func:`briefgen.resources.user_data_dir` as ``settings.json``. This module is
core: it knows nothing of Qt (window geometry is kept by the UI with ``QSettings``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from briefgen.errors import BriefgenError
from briefgen.export import atomic_write_bytes
from briefgen.resources import user_data_dir
from briefgen.userfiles import UserFileError, read_regular

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 2
UI_LANGS = ("id", "en")
EXPORT_FORMATS = ("docx", "pdf", "both")


@dataclass
class Settings:
    """Every preference with its default. ``ui_lang`` empty means "not chosen yet: follow the system"."""

    version: int = SETTINGS_VERSION
    ui_lang: str = ""
    recent_projects: list[str] = field(default_factory=list)
    max_recent: int = 8
    autosave_seconds: int = 60
    author: str = ""
    default_template: str = ""
    default_layout: str = ""
    default_languages: str = "bilingual"
    export_format: str = "both"
    last_import_dir: str = ""
    last_export_dir: str = ""
    load_samples_on_start: bool = True
    letterhead: str = ""  # the user's kop, Indonesian, one line each: every new project starts with it
    letterhead_en: str = ""  # its English lines; "": the Indonesian ones
    redact_nik: bool = True  # hide 16-digit Indonesian ID numbers (NIK) found in clippings
    redact_passport: bool = False  # hide passport numbers that follow the word paspor/passport

    def add_recent(self, path: Path | str) -> None:
        """Put ``path`` first in the recent-projects list (no duplicates, at most ``max_recent``)."""
        text = str(Path(path).resolve())
        self.recent_projects = [text, *[p for p in self.recent_projects if p != text]][: max(1, self.max_recent)]

    def validate(self) -> Settings:
        """Clamp values a user may have hand-edited into nonsense; returns self."""
        if self.ui_lang not in ("", *UI_LANGS):
            self.ui_lang = ""
        if self.export_format not in EXPORT_FORMATS:
            self.export_format = "both"
        self.autosave_seconds = min(max(self.autosave_seconds, 10), 3600)
        self.max_recent = min(max(self.max_recent, 1), 30)
        self.recent_projects = self.recent_projects[: self.max_recent]
        return self


# --- upgrades: one function per version step, each takes and returns the raw dict ---------------------

def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (the walking skeleton's format) said ``language`` and ``recent``, and autosaved in minutes."""
    if "language" in data:
        data["ui_lang"] = data.pop("language")
    if "recent" in data:
        data["recent_projects"] = data.pop("recent")
    if "autosave_minutes" in data:
        minutes = data.pop("autosave_minutes")
        if isinstance(minutes, int | float) and not isinstance(minutes, bool) and 0 <= minutes <= 10_000:
            data["autosave_seconds"] = int(minutes * 60)  # out of range (1e308, -5, NaN): the default stays
    return data


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


class UnknownVersion(ValueError):
    """A settings file from a future briefgen, or with a version no briefgen ever wrote."""


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Run the upgrade steps from the file's version to :data:`SETTINGS_VERSION`.

    A missing version is 1 (the first format had none); any other version that is not a known step
    (0, negative, a float, a future one) is an :class:`UnknownVersion`: guessing its meaning could turn
    a newer briefgen's preference into the wrong one here.
    """
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= SETTINGS_VERSION:
        raise UnknownVersion(f"settings version {str(version)[:20]!r} is not one this briefgen knows")
    while version < SETTINGS_VERSION:
        data = UPGRADES[version](dict(data))
        version += 1
    data["version"] = SETTINGS_VERSION
    return data


def _typed(name: str, value: Any, expected: Any, default: Any) -> Any:
    """``value`` if it has the declared type, else the default (logged, never fatal)."""
    origin = getattr(expected, "__origin__", expected)
    ok = (isinstance(value, origin) and not (origin is int and isinstance(value, bool)))
    if ok and origin is int:
        ok = -10**9 < value < 10**9  # a 400-digit number is not a preference
    if ok and origin is str:
        ok = len(value) <= MAX_TEXT
    if ok and origin is list:
        ok = len(value) <= 1_000 and all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value)
    if not ok:
        log.warning("settings: %s has the wrong type (%r); using the default", name, value)
        return default
    return value


def from_dict(data: dict[str, Any]) -> Settings:
    data = upgrade(dict(data))
    defaults = Settings()
    hints = get_type_hints(Settings)
    values = {}
    for f in fields(Settings):
        if f.name in data:
            values[f.name] = _typed(f.name, data[f.name], hints[f.name], getattr(defaults, f.name))
    return Settings(**values).validate()


def settings_path() -> Path:
    return user_data_dir() / SETTINGS_FILE


MAX_SETTINGS_BYTES = 1024 * 1024
MAX_TEXT = 10_000  # characters in one text setting (a letterhead is a few lines)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def _fall_back(path: Path, data: bytes, why: str) -> Settings:
    """Defaults, with a warning; the unusable file is copied to ``settings.json.bak`` first, so the next
    save (which writes the defaults) loses nothing a person could still recover by hand."""
    backup = backup_path(path)
    try:
        atomic_write_bytes(backup, data)
        kept = f"; the file was kept as {backup.name}"
    except BriefgenError:
        kept = ""
    log.warning("settings: %s: %s; using the defaults%s", path, why, kept)
    return Settings()


def load_settings(path: Path | None = None) -> Settings:
    """The stored settings, upgraded; defaults (with a warning and a backup) when the file cannot be used.

    Never raises: a settings file must not stop the window from starting, whatever is in it (version 0,
    a future version, deep nesting, huge numbers, a FIFO in its place).
    """
    path = path or settings_path()
    if not path.exists() and not path.is_symlink():
        return Settings()
    try:
        data = read_regular(path, MAX_SETTINGS_BYTES)
    except UserFileError as exc:
        log.warning("settings: %s; using the defaults", exc)
        return Settings()
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        return _fall_back(path, data, "nested too deeply")
    except ValueError as exc:  # not JSON, not UTF-8
        return _fall_back(path, data, f"unreadable ({str(exc)[:80]})")
    if not isinstance(parsed, dict):
        return _fall_back(path, data, "not a settings object")
    try:
        return from_dict(parsed)
    except UnknownVersion as exc:
        return _fall_back(path, data, str(exc))
    except (TypeError, ValueError, OverflowError, KeyError, RecursionError) as exc:
        return _fall_back(path, data, f"cannot be used ({type(exc).__name__})")


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    text = json.dumps(asdict(settings.validate()), ensure_ascii=False, indent=2, sort_keys=True)
    return atomic_write_bytes(path, text.encode("utf-8"))
