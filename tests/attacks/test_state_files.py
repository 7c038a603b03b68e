"""Class 8: start-up and state files, output paths, names in error lines.

settings.json with an unknown version, deep nesting or absurd values loads the defaults with a warning
and keeps a backup; a malformed project is refused whole with one line; an output path never replaces a
device, FIFO or folder; a newline in a file name cannot forge a line of briefgen's error output.
(TMX nesting belongs to the TMX work, pack archives to the packs work.)"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.errors import BriefgenError

SETTINGS = {
    "version 0": '{"version": 0, "ui_lang": "en", "author": "X"}',
    "negative version": '{"version": -3, "ui_lang": "en"}',
    "future version": '{"version": 99, "ui_lang": "en", "autosave_seconds": "soon"}',
    "version as text": '{"version": "2", "ui_lang": "en"}',
    "version as float": '{"version": 2.5}',
    "version true": '{"version": true}',
    "deep nesting": '{"version": 2, "author": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "huge minutes": '{"version": 1, "autosave_minutes": 1e308}',
    "NaN minutes": '{"version": 1, "autosave_minutes": NaN}',
    "huge integer": '{"version": 2, "autosave_seconds": ' + "9" * 5000 + "}",
    "huge list": '{"version": 2, "recent_projects": [' + ",".join(['"x"'] * 200_000) + "]}",
    "not an object": "[1, 2, 3]",
    "not UTF-8": b'{"version": 2, "author": "caf\xe9"}',
}


@pytest.mark.parametrize("kind", list(SETTINGS))
def test_hostile_settings_load_defaults_with_a_warning_and_a_backup(kind, tmp_path, caplog):
    from briefgen.settings import Settings, backup_path, load_settings

    path = tmp_path / "settings.json"
    content = SETTINGS[kind]
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    settings = load_settings(path)
    assert isinstance(settings, Settings) and 10 <= settings.autosave_seconds <= 3600
    assert len(settings.recent_projects) <= settings.max_recent
    if kind in ("version 0", "negative version", "future version", "version as text", "version as float",
                "version true", "deep nesting", "not an object", "not UTF-8"):
        assert settings == Settings()
        assert backup_path(path).read_bytes() == path.read_bytes()  # what could not be used is kept
        assert any("settings" in r.getMessage() for r in caplog.records)


@pytest.mark.timeout(30)
def test_a_fifo_as_settings_does_not_block(tmp_path):
    from briefgen.settings import Settings, load_settings

    os.mkfifo(tmp_path / "settings.json")
    assert load_settings(tmp_path / "settings.json") == Settings()


def test_the_window_starts_with_a_version_0_settings_file(tmp_path):
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    (tmp_path / "settings.json").write_text('{"version": 0, "autosave_minutes": 1e308}')
    script = ("from briefgen.ui.app import create_window\napp, window = create_window(ui_lang='en')\n"
              "window.show(); app.processEvents(); print('started'); window.close()\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert "started" in result.stdout, result.stderr[-2000:]


GOOD_ARTICLE = {"file": "a.txt", "sha256": "0" * 64, "text": "Judul\n\nIsi berita yang lengkap dan panjang."}
PROJECTS = {
    "articles a mapping": {"articles": {"a": 1}},
    "text a number": {"articles": [{**GOOD_ARTICLE, "text": 5}]},
    "restored text": {"articles": [{**GOOD_ARTICLE, "restored": ["x"]}]},
    "included a string": {"articles": [{**GOOD_ARTICLE, "included": "yes"}]},
    "hints a list": {"articles": [{**GOOD_ARTICLE, "hints": [1]}]},
    "second article broken": {"articles": [GOOD_ARTICLE, {"file": "b"}]},
    "options a list": {"articles": [GOOD_ARTICLE], "options": ["x"]},
    "option a mapping": {"articles": [GOOD_ARTICLE], "options": {"template": {"a": 1}}},
    "bad status": {"articles": [GOOD_ARTICLE], "analyst": {"assessment": {"id": "x", "id_status": "bogus"}}},
    "edits a list": {"articles": [GOOD_ARTICLE], "edits": [1, 2]},
    "dropped numbers": {"articles": [GOOD_ARTICLE], "dropped": [{"k": 1}]},
    "version 0": {"version": 0, "articles": [GOOD_ARTICLE]},
    "version text": {"version": "1", "articles": [GOOD_ARTICLE]},
}


@pytest.mark.parametrize("kind", list(PROJECTS))
def test_a_malformed_project_is_refused_whole_in_one_line(kind, tmp_path):
    from briefgen.project import FORMAT, build_articles, load_project

    path = tmp_path / "p.briefgen"
    path.write_text(json.dumps({"format": FORMAT, "version": 1, **PROJECTS[kind]}), encoding="utf-8")
    with pytest.raises(BriefgenError) as caught:
        project = load_project(path)
        build_articles(project)  # a project that loads must also build: no half-applied state
    assert "\n" not in str(caught.value) and str(caught.value).startswith(str(path))


def test_a_deeply_nested_project_is_refused(tmp_path):
    from briefgen.project import load_project

    path = tmp_path / "deep.briefgen"
    path.write_text('{"format": "briefgen-project", "version": 1, "edits": ' + "[" * 200_000 + "]" * 200_000 + "}")
    with pytest.raises(BriefgenError, match="nested too deeply|damaged"):
        load_project(path)


@pytest.fixture()
def specials(tmp_path) -> dict[str, Path]:
    """A FIFO, a character device (a private /dev/null twin: nothing outside tmp is touched) and a folder,
    each with an output's name."""
    out = {}
    out["fifo"] = tmp_path / "pipe.docx"
    os.mkfifo(out["fifo"])
    out["folder"] = tmp_path / "folder.docx"
    out["folder"].mkdir()
    device = tmp_path / "device.html"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        out["device"] = device
    except (PermissionError, OSError):
        pass  # not root: the FIFO and folder cases still run
    return out


def test_an_output_never_replaces_a_device_fifo_or_folder(specials, tmp_path):
    from briefgen.export import atomic_write_bytes

    for kind, path in specials.items():
        before = path.lstat().st_mode
        with pytest.raises(BriefgenError) as caught:
            atomic_write_bytes(path, b"briefing")
        assert path.lstat().st_mode == before, kind  # still the device / FIFO / folder it was
        assert "\n" not in str(caught.value)
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left behind


def test_memory_export_and_build_refuse_a_device(specials, tmp_path):
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(tmp_path / "user"), "QT_QPA_PLATFORM": "offscreen"}
    target = specials.get("device") or specials["fifo"]
    for args in (["memory", "export", str(target)], ["build", "--sample", "--no-mt", "-o", str(specials["fifo"])]):
        result = subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True, env=env,
                                timeout=120)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr[-1500:]
        assert "not a regular file" in result.stderr
    assert not stat.S_ISREG(target.lstat().st_mode)


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    evil = folder / "x.txt\nbriefgen: all files read, 0 errors.txt"
    evil.write_bytes(b"")  # empty: refused with an error line naming it
    escape = folder / "bell\x1b[31mred\u202eevil.txt"
    escape.write_bytes(b"")
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(tmp_path / "user")}
    result = subprocess.run([sys.executable, "-m", "briefgen", "inspect", "--sample", str(evil), str(escape)],
                            capture_output=True, text=True, env=env, timeout=120)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert all(line.startswith("briefgen: ") and "empty file" in line for line in lines), lines
    assert "\\n" in lines[0] and "\x1b" not in result.stderr and "\u202e" not in result.stderr
