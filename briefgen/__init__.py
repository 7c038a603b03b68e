"""briefgen: offline bilingual (Indonesian/English) diplomatic briefings from news clippings.

The package is split like Anki's ``pylib``/``qt``: everything outside :mod:`briefgen.ui` is plain
Python with no Qt import (the one exception is :mod:`briefgen.render.pdf`, which uses Qt's PDF
writer), so the whole pipeline runs headless from the CLI and in tests.
"""

from __future__ import annotations

from importlib import metadata as _metadata


def _read_version() -> str:
    """The single source of the version is ``pyproject.toml``; installed metadata carries it."""
    try:
        return _metadata.version("briefgen")
    except _metadata.PackageNotFoundError:  # frozen bundle without dist-info, or a bare checkout
        from briefgen._version_fallback import VERSION

        return VERSION


__version__ = _read_version()
