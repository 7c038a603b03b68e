"""Faults during export and saving: the user's previous file survives, and every failure says what happened.

Simulated where the OS cannot be made to fail on demand: ENOSPC by a writer that fills half the file and
raises, a locked file (Word on Windows) by ``os.replace`` raising PermissionError (we run as root, so
chmod alone would not stop us). The hard interruption is real: a child process is killed with SIGKILL
while it is writing.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import briefgen.export
from briefgen.cli import main
from briefgen.errors import BriefgenError, ExportFailed
from briefgen.pipeline import BuildOptions, make_briefing, make_document, write_outputs

FORMATS = (".docx", ".pdf", ".html")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture(scope="module")
def document(sample_articles):
    options = BuildOptions()
    briefing, template = make_briefing(sample_articles, options)
    return make_document(briefing, template, options), template, options


@pytest.fixture(scope="module")
def exported(document, tmp_path_factory) -> dict[str, bytes]:
    doc, template, options = document
    folder = tmp_path_factory.mktemp("exported")
    paths = {suffix: folder / f"briefing{suffix}" for suffix in FORMATS}
    write_outputs(doc, template, list(paths.values()), options)
    return {suffix: path.read_bytes() for suffix, path in paths.items()}


@pytest.fixture()
def previous(tmp_path, exported) -> dict[str, Path]:
    """A DOCX, PDF and HTML from an earlier export, to be overwritten."""
    paths = {suffix: tmp_path / f"briefing{suffix}" for suffix in FORMATS}
    for suffix, path in paths.items():
        path.write_bytes(exported[suffix])
    return paths


def _failing_produce(monkeypatch, exc: BaseException) -> None:
    """Make every atomic write produce half its file and then fail with ``exc``."""
    real = briefgen.export.atomic_write

    def atomic_write(path, produce):
        def half_then_fail(tmp: Path) -> None:
            produce(tmp)
            data = tmp.read_bytes()
            tmp.write_bytes(data[: len(data) // 2])
            raise exc

        return real(path, half_then_fail)

    for module in ("briefgen.export", "briefgen.render.docx", "briefgen.render.pdf"):
        mod = sys.modules.get(module) or __import__(module, fromlist=["x"])
        if hasattr(mod, "atomic_write"):
            monkeypatch.setattr(mod, "atomic_write", atomic_write)


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_interrupted_export_leaves_the_previous_file_intact(suffix, previous, document, monkeypatch, tmp_path):
    doc, template, options = document
    before = digest(previous[suffix])
    _failing_produce(monkeypatch, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_outputs(doc, template, [previous[suffix]], options)
    assert digest(previous[suffix]) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_full_disk_is_a_clear_error_and_nothing_is_corrupted(suffix, previous, document, monkeypatch, tmp_path):
    doc, template, options = document
    before = digest(previous[suffix])
    _failing_produce(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(ExportFailed) as caught:
        write_outputs(doc, template, [previous[suffix]], options)
    assert str(caught.value) == f"{previous[suffix]}: cannot write: the disk is full"
    assert digest(previous[suffix]) == before
    assert leftovers(tmp_path) == []


def test_a_locked_output_is_a_clear_error(previous, document, monkeypatch, tmp_path):
    """Word holds the file open (on Windows os.replace then fails with PermissionError)."""
    doc, template, options = document
    before = {s: digest(p) for s, p in previous.items()}

    def locked(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(briefgen.export.os, "replace", locked)
    for suffix, path in previous.items():
        with pytest.raises(ExportFailed) as caught:
            write_outputs(doc, template, [path], options)
        assert str(caught.value).startswith(f"{path}: cannot write: the file is open in another program")
        assert "\n" not in str(caught.value)
        assert digest(path) == before[suffix]
    assert leftovers(tmp_path) == []


def test_a_read_only_folder_is_a_clear_error_from_the_cli(tmp_path, monkeypatch, capsys):
    target = tmp_path / "ro" / "brief.docx"
    target.parent.mkdir()

    def refused(*args, **kwargs):
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(briefgen.export.tempfile, "mkstemp", refused)
    assert main(["build", "--sample", "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"briefgen: {target}: cannot write: the file is open in another program (e.g. Word) or the " \
                  "folder is read-only"
    assert not target.exists()


def test_a_process_killed_mid_write_leaves_the_previous_file_intact(previous, tmp_path):
    """SIGKILL while the new file is being written: no cleanup runs, yet the old file is whole."""
    target = previous[".html"]
    before = digest(target)
    marker = tmp_path / "writing"
    code = f"""
import time
from pathlib import Path
import briefgen.export as export
real = export.atomic_write
def slow(path, produce):
    def produce_then_hang(tmp):
        produce(tmp)
        Path({str(marker)!r}).write_text(str(tmp))
        time.sleep(60)
    return real(path, produce_then_hang)
export.atomic_write = slow
from briefgen.cli import main
main(["build", "--sample", "-o", {str(target)!r}])
"""
    child = subprocess.Popen([sys.executable, "-c", code], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        deadline = time.monotonic() + 60
        # the name, not just the file: write_text creates the marker before it writes into it
        while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.05)
        assert marker.exists(), "the child never reached the write"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert digest(target) == before
    half_written = Path(marker.read_text())
    assert half_written.name.startswith(".briefing.") and half_written.parent == target.parent


# --- projects and the translation memory --------------------------------------------------------------------

def test_a_full_disk_while_saving_a_project_keeps_the_saved_one(tmp_path, monkeypatch, sample_paths):
    project_mod = pytest.importorskip("briefgen.project")
    from briefgen.pipeline import load_articles

    project = project_mod.Project()
    project.add_raws(load_articles(sample_paths).raws)
    path = project_mod.save_project(project, tmp_path / "work.briefgen")
    before = digest(path)
    project.options.subject = "changed"
    real_write = Path.write_bytes

    def full(self, data):
        real_write(self, data[: len(data) // 3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(ExportFailed, match="disk is full"):
        project_mod.save_project(project, path)
    monkeypatch.undo()
    assert digest(path) == before
    assert project_mod.load_project(path).options.subject == ""
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("damage", ["truncated", "not json", "binary", "empty"])
def test_a_corrupt_project_file_is_a_clear_error(tmp_path, damage, sample_paths):
    project_mod = pytest.importorskip("briefgen.project")
    from briefgen.pipeline import load_articles

    project = project_mod.Project()
    project.add_raws(load_articles(sample_paths[:2]).raws)
    path = project_mod.save_project(project, tmp_path / "work.briefgen")
    data = path.read_bytes()
    path.write_bytes({"truncated": data[: len(data) // 2], "not json": b"<html>oops</html>",
                      "binary": os.urandom(512), "empty": b""}[damage])
    with pytest.raises(BriefgenError) as caught:
        project_mod.load_project(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "project file" in message


def test_opening_a_corrupt_project_offers_the_autosave(qtbot, user_dir, tmp_path, monkeypatch, sample_paths):
    project_mod = pytest.importorskip("briefgen.project")
    from PySide6.QtWidgets import QMessageBox

    from briefgen.pipeline import load_articles
    from tests.gui_helpers import open_window

    win = open_window(qtbot, sample=False)
    monkeypatch.setattr(win, "show_error", lambda exc, title="briefgen": None)
    asked: list[str] = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(f"{title} {text}")
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    project = project_mod.Project()
    project.add_raws(load_articles(sample_paths[:2]).raws)
    project.options.subject = "autosaved work"
    win.projects.autosave.save(project)
    corrupt = tmp_path / "work.briefgen"
    corrupt.write_bytes(b'{"format": "briefgen-project", "version": 1, "articles": [')
    with qtbot.waitSignal(win.projects.opened, timeout=2000):
        win.projects.open(corrupt)
    assert asked and "autosave" in asked[0].lower()
    assert win.project.options.subject == "autosaved work"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "zeroed header"])
def test_a_corrupt_translation_memory_is_set_aside_and_rebuilt(damage, tmp_path):
    memory = pytest.importorskip("briefgen.translate.memory")
    path = tmp_path / "memory.sqlite"
    with memory.TranslationMemory(path) as tm:
        tm.store_many([(f"Kalimat nomor {i} tentang kerja sama.", f"Sentence number {i} on cooperation.")
                       for i in range(300)], "id", "en")
        tm.store("Menteri Luar Negeri", "Foreign Minister", "id", "en")
    data = path.read_bytes()
    damaged = {"garbage": os.urandom(4096), "truncated": data[: len(data) // 2],
               "zeroed header": b"\0" * 100 + data[100:]}[damage]
    path.write_bytes(damaged)
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)

    with memory.TranslationMemory(path) as tm:
        assert tm.recovered and tm.recovered.startswith(f"{path}: ") and "\n" not in tm.recovered
        assert tm.lookup("Menteri Luar Negeri", "id", "en") is None  # a fresh, empty memory
        tm.store("Menteri Luar Negeri", "Foreign Minister", "id", "en")
        assert tm.lookup("Menteri Luar Negeri", "id", "en").target == "Foreign Minister"
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged  # set aside byte for byte, never deleted
    with memory.TranslationMemory(path) as tm:  # and the rebuilt one opens cleanly next time
        assert tm.recovered is None and tm.count() == 1
