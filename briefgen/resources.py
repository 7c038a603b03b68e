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


def frozen_root() -> Path | None:
    """The unpacked bundle folder of a PyInstaller build (``sys._MEIPASS``), or None."""
    root = getattr(sys, "_MEIPASS", None)
    return Path(root) if root else None


def _checkout_root() -> Path | None:
    """The source checkout holding this package, recognised by its ``pyproject.toml``.

    The marker matters for an installed wheel: ``site-packages/templates`` may belong to another
    distribution and must never be mistaken for ours.
    """
    root = _PACKAGE_DIR.parent
    return root if (root / "pyproject.toml").is_file() else None


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    bundle = frozen_root()
    if bundle:
        found.append(bundle / "briefgen" / "_data" / name)
    found.append(_PACKAGE_DIR / "_data" / name)  # installed wheel
    checkout = _checkout_root()
    if checkout:
        found.append(checkout / name)
    return found


def run_mode() -> str:
    """How briefgen runs: ``frozen`` (PyInstaller bundle), ``wheel`` (installed) or ``checkout``."""
    if frozen_root():
        return "frozen"
    return "wheel" if (_PACKAGE_DIR / "_data").is_dir() else "checkout"


@cache
def data_dir(name: str) -> Path:
    """The bundled folder ``name`` (``templates`` or ``assets``), wherever briefgen runs from."""
    for path in _candidates(name):
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in _candidates(name)) or "no candidate"
    raise FileNotFoundError(f"briefgen data folder {name!r} not found (tried {tried})")


def asset(*parts: str) -> Path:
    """A file or folder inside ``assets/``."""
    return data_dir("assets").joinpath(*parts)


def templates_dir() -> Path:
    return data_dir("templates")


def locale_dir() -> Path:
    """The gettext catalogues: ``.po`` in a checkout or wheel, compiled ``.mo`` in a frozen bundle."""
    bundle = frozen_root()
    if bundle and (bundle / "briefgen" / "locale").is_dir():
        return bundle / "briefgen" / "locale"
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


def file_state(path: Path) -> tuple[str, int, int] | None:
    """(path, mtime in ns, size) of a file, None when it cannot be seen: the cache key of readers that
    parse a file again only when it changed (gazetteer, glossaries)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (str(path), st.st_mtime_ns, st.st_size)
