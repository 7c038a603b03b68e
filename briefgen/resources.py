"""Find bundled data (templates, assets, locale) and the user's folders.

One resolver serves the three ways briefgen runs:

* a source checkout (``uv run``): ``templates/`` and ``assets/`` beside the ``briefgen`` package;
* an installed wheel: the same folders packed as ``briefgen/_data/...`` (see pyproject's
  ``force-include``);
* a frozen PyInstaller bundle: ``sys._MEIPASS/briefgen/_data/...`` (see packaging/briefgen.spec).

User folders come from platformdirs so they land where each OS expects them.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "briefgen"
_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found.append(Path(frozen_root) / "briefgen" / "_data" / name)
    found.append(_PACKAGE_DIR / "_data" / name)  # installed wheel
    found.append(_PACKAGE_DIR.parent / name)  # source checkout
    return found


@cache
def data_dir(name: str) -> Path:
    """The bundled folder ``name`` (``templates`` or ``assets``), wherever briefgen runs from."""
    for path in _candidates(name):
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in _candidates(name))
    raise FileNotFoundError(f"briefgen data folder {name!r} not found (tried {tried})")


def asset(*parts: str) -> Path:
    """A file or folder inside ``assets/``."""
    return data_dir("assets").joinpath(*parts)


def templates_dir() -> Path:
    return data_dir("templates")


def locale_dir() -> Path:
    return _PACKAGE_DIR / "locale"


def sample_files() -> list[Path]:
    """The bundled sample clippings, in a stable order."""
    return sorted(asset("samples").glob("*.txt"))


def user_data_dir() -> Path:
    """Per-user writable folder (autosave, translation memory, packs, user rules).

    ``BRIEFGEN_USER_DIR`` overrides it, so tests and portable installs stay self-contained.
    """
    override = os.environ.get("BRIEFGEN_USER_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"
