"""The GUI boundary: only briefgen.ui (and the Qt PDF writer) may import PySide6; the core runs without Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import briefgen

REPO = Path(__file__).resolve().parents[1]
QT_ALLOWED = ("briefgen.ui", "briefgen.render.pdf")


def test_import_linter_contracts_hold():
    script = Path(sys.executable).with_name("lint-imports" + (".exe" if sys.platform == "win32" else ""))
    result = subprocess.run([str(script), "--config", str(REPO / "pyproject.toml")], capture_output=True,
                            text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 3 kept, 0 broken" in result.stdout


def test_every_module_is_covered_by_the_qt_contract():
    """A new core module must be added to the contract, or it could import Qt unnoticed."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    contract = config["tool"]["importlinter"]["contracts"][0]
    covered = set(contract["source_modules"])
    modules = [m.name for m in pkgutil.walk_packages(briefgen.__path__, "briefgen.")]
    uncovered = [
        m for m in modules
        if not m.startswith(QT_ALLOWED) and not any(m == c or m.startswith(c + ".") for c in covered)
        and m not in ("briefgen.__main__", "briefgen._version_fallback", "briefgen.render")  # render: parent of pdf
    ]
    assert not uncovered, f"add to the import-linter contract: {uncovered}"


def test_core_pipeline_runs_without_qt(tmp_path):
    code = f"""
import sys
from pathlib import Path
from briefgen.pipeline import build
loaded, written = build([], [Path({str(tmp_path / 'x.docx')!r}), Path({str(tmp_path / 'x.html')!r})], sample=True)
assert len(loaded.articles) == 5
assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))], "Qt was imported"
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_version_has_one_source():
    from briefgen._version_fallback import VERSION

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert briefgen.__version__ == project["version"] == VERSION


def test_ruff_clean():
    script = Path(sys.executable).with_name("ruff" + (".exe" if sys.platform == "win32" else ""))
    result = subprocess.run([str(script), "check", str(REPO)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout[-3000:]
