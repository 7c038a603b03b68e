"""The sdist and the wheel carry templates, assets, fonts and the catalogue; the installed wheel runs.

``uv build`` makes the sdist and then the wheel *from the sdist*, so a file the sdist forgot is missing
from the wheel too. The wheel is installed (without dependencies, which come from this environment
through a .pth file: offline and fast) into a throwaway venv and run from outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

import briefgen

REPO = Path(__file__).resolve().parents[1]
UV = shutil.which("uv")
pytestmark = pytest.mark.skipif(UV is None, reason="uv not on PATH")


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([UV, "build", "--offline", "-q", "--out-dir", str(out)], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


def _expected_data() -> list[str]:
    """Every committed data file, at its place in the wheel."""
    files = [p for folder in ("templates", "assets") for p in (REPO / folder).rglob("*") if p.is_file()]
    return sorted(f"briefgen/_data/{p.relative_to(REPO).as_posix()}" for p in files)


def test_wheel_lists_templates_assets_fonts_and_locale(dists):
    with zipfile.ZipFile(dists["wheel"]) as wheel:
        names = set(wheel.namelist())
        metadata = wheel.read(f"briefgen-{briefgen.__version__}.dist-info/METADATA").decode()
        entry_points = wheel.read(f"briefgen-{briefgen.__version__}.dist-info/entry_points.txt").decode()
    missing = [name for name in _expected_data() if name not in names]
    assert not missing, missing[:10]
    assert any(n.startswith("briefgen/_data/assets/fonts/") and n.endswith(".ttf") for n in names)
    assert len([n for n in names if n.startswith("briefgen/_data/assets/samples/") and n.endswith(".txt")]) == 5
    assert any(n.startswith("briefgen/_data/templates/") and n.endswith("reference.docx") for n in names)
    assert "briefgen/locale/id/LC_MESSAGES/briefgen.po" in names
    assert "briefgen/locale/id/qt/qtbase_id.qm" in names  # Qt's own strings in Indonesian (Qt ships none)
    assert f"Version: {briefgen.__version__}" in metadata
    assert "briefgen = briefgen.cli:main" in entry_points
    assert not [n for n in names if n.startswith(("tests/", "packaging/", "benchmarks/"))]


def test_sdist_carries_sources_data_and_packaging(dists):
    with tarfile.open(dists["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for required in ("pyproject.toml", "README.md", "briefgen/locale/id/LC_MESSAGES/briefgen.po",
                     "packaging/briefgen.spec", "packaging/windows/briefgen.iss", "templates/_base/reference.docx",
                     "assets/fonts/NotoSans-Regular.ttf", "assets/samples/README.md"):
        assert required in names, required
    data = [name.removeprefix("briefgen/_data/") for name in _expected_data()]
    assert not [name for name in data if name not in names]


def test_installed_wheel_builds_the_sample_from_outside_the_checkout(dists, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([UV, "venv", "-q", "--python", sys.executable, str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([UV, "pip", "install", "-q", "--offline", "--no-deps", "--python", str(python),
                    str(dists["wheel"])], check=True, timeout=120)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    deps = Path(sys.executable).parent.parent  # this environment's site-packages provide the dependencies
    site = next(deps.glob("lib/python3*/site-packages"), deps / "Lib" / "site-packages")
    Path(purelib, "zz-test-deps.pth").write_text(str(site) + "\n")

    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(QT_QPA_PLATFORM="offscreen", BRIEFGEN_USER_DIR=str(tmp_path / "user"))
    script = venv / ("Scripts/briefgen.exe" if os.name == "nt" else "bin/briefgen")
    result = subprocess.run([str(script), "build", "--sample", "-o", "x.docx"], cwd=work, env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (work / "x.docx").stat().st_size > 10_000

    probe = ("import briefgen, briefgen.resources as r; "
             "print(r.run_mode(), briefgen.__file__, r.templates_dir(), r.asset('fonts'), briefgen.__version__)")
    mode, module, templates, fonts, version = subprocess.run(
        [str(python), "-c", probe], cwd=work, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert mode == "wheel" and version == briefgen.__version__
    for path in (module, templates, fonts):
        assert Path(path).is_relative_to(Path(purelib)), path  # the wheel's copy, not the checkout's
