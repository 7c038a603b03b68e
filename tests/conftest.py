"""Test set-up: headless Qt, a private user-data folder, and the sample corpus.

The environment is set here, at import time, before any test module imports Qt, so
`uv run pytest` needs nothing from the caller.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("BRIEFGEN_USER_DIR", tempfile.mkdtemp(prefix="briefgen-test-user-"))

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    from briefgen.resources import sample_files

    files = sample_files()
    assert len(files) == 5
    return files


@pytest.fixture(scope="session")
def sample_articles(sample_paths):
    from briefgen.pipeline import load_articles

    loaded = load_articles(sample_paths)
    assert not loaded.errors
    return loaded.articles


@pytest.fixture(scope="session")
def clipping_paths(sample_paths, tmp_path_factory) -> list[Path]:
    """The sample texts as a user's own clippings: a line added, so their content hashes differ.

    The translation supplied with briefgen is for the bundled sample files only, so these have no
    English until something translates them: what tests of translation, markers and edits need.
    """
    folder = tmp_path_factory.mktemp("clippings")
    copies = []
    for path in sample_paths:
        copy = folder / path.name
        copy.write_bytes(path.read_bytes() + b"\n")
        copies.append(copy)
    return copies


@pytest.fixture(scope="session")
def clipping_articles(clipping_paths):
    from briefgen.pipeline import load_articles

    loaded = load_articles(clipping_paths)
    assert not loaded.errors
    return loaded.articles


@pytest.fixture()
def user_dir(tmp_path, monkeypatch) -> Path:
    """A fresh user-data folder for tests that write there."""
    folder = tmp_path / "user"
    folder.mkdir()
    monkeypatch.setenv("BRIEFGEN_USER_DIR", str(folder))
    return folder


@pytest.fixture(scope="session", autouse=True)
def qt_application():
    """One QApplication for the whole run, made before any test writes a PDF in-process.

    The PDF writer makes a bare QGuiApplication when none exists; a widget test after it would then
    abort the interpreter (widgets need a QApplication), so the order of test files would matter.
    """
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])
