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

from briefgen.export import atomic_write_bytes
from briefgen.resources import user_data_dir

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
        if isinstance(minutes, int | float):
            data["autosave_seconds"] = int(minutes * 60)
    return data


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Run the upgrade steps from the file's version to :data:`SETTINGS_VERSION`."""
    version = data.get("version", 1)
    if not isinstance(version, int):
        version = 1
    while version < SETTINGS_VERSION:
        data = UPGRADES[version](dict(data))
        version += 1
    data["version"] = SETTINGS_VERSION
    return data


def _typed(name: str, value: Any, expected: Any, default: Any) -> Any:
    """``value`` if it has the declared type, else the default (logged, never fatal)."""
    origin = getattr(expected, "__origin__", expected)
    ok = (isinstance(value, origin) and not (origin is int and isinstance(value, bool)))
    if ok and origin is list:
        ok = all(isinstance(v, str) for v in value)
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


def load_settings(path: Path | None = None) -> Settings:
    """The stored settings, upgraded; defaults when there is no file or it is unreadable."""
    path = path or settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings: %s unreadable (%s); using defaults", path, exc)
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    return from_dict(data)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    path = path or settings_path()
    text = json.dumps(asdict(settings.validate()), ensure_ascii=False, indent=2, sort_keys=True)
    return atomic_write_bytes(path, text.encode("utf-8"))
