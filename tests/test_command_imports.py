"""What each command loads: start-up is most of a small build, so a command imports only what it uses.

Each case runs the real CLI in a fresh interpreter and lists the third-party packages (and our own
Qt-using modules) left in ``sys.modules`` afterwards. A lazy import turned eager again fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import SEEDS

HEAVY = ("docx", "lxml", "PySide6", "shiboken6", "jinja2", "trafilatura", "pypdf", "ctranslate2", "sentencepiece",
         "charset_normalizer", "briefgen.ui", "briefgen.render.pdf", "briefgen.render.docx")

PROBE = """
import contextlib, io, json, runpy, sys
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["briefgen", *args]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        runpy.run_module("briefgen", run_name="__main__")
    except SystemExit as exc:
        code = exc.code
print(json.dumps(sorted({h for h in heavy for m in sys.modules if m == h or m.startswith(h + ".")})))
"""


def loaded_by(args: list[str], cwd) -> set[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)], capture_output=True,
                            text=True, cwd=cwd, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def seed() -> str:
    return str(sorted(SEEDS.glob("*.txt"))[0])


@pytest.mark.parametrize("args,allowed", [
    (["--version"], set()),
    (["inspect", "--json", "SEED"], set()),
    # pypdf adds what Qt's PDF writer cannot: /Lang, bookmarks, subset tags (briefgen.render.pdf_meta)
    (["build", "SEED", "-o", "x.pdf"], {"PySide6", "shiboken6", "jinja2", "briefgen.render.pdf", "pypdf"}),
    (["build", "SEED", "-o", "x.html"], {"jinja2"}),
    (["build", "SEED", "-o", "x.docx"], {"docx", "lxml", "briefgen.render.docx", "jinja2"}),
], ids=["version", "inspect", "pdf", "html", "docx"])
def test_each_command_imports_only_what_it_uses(tmp_path, args, allowed):
    loaded = loaded_by([seed() if a == "SEED" else a for a in args], tmp_path)
    assert loaded <= allowed, f"{' '.join(args)} loaded {sorted(loaded - allowed)}"


def test_the_probe_sees_what_a_command_does_load(tmp_path):
    """The probe itself can fail: a DOCX build does load python-docx."""
    assert {"docx", "briefgen.render.docx"} <= loaded_by(["build", seed(), "-o", "x.docx"], tmp_path)
