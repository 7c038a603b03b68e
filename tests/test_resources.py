"""The one resource resolver in its three homes: source checkout, installed wheel, frozen bundle.

The checkout is this test run; the frozen bundle is simulated here with ``sys._MEIPASS`` (and proven
for real by packaging/smoke.py); the installed wheel is covered by tests/test_packaging_wheel.py.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefgen import resources

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def fresh_cache():
    resources.data_dir.cache_clear()
    yield
    resources.data_dir.cache_clear()


def _fake_bundle(root: Path) -> Path:
    """A PyInstaller-like ``_MEIPASS`` folder: data at the wheel's layout, compiled .mo and no .po."""
    from briefgen.i18n import compile_po

    data = root / "briefgen" / "_data"
    shutil.copytree(REPO / "templates", data / "templates")
    shutil.copytree(REPO / "assets", data / "assets", ignore=shutil.ignore_patterns("icons"))
    po = REPO / "briefgen" / "locale" / "id" / "LC_MESSAGES" / "briefgen.po"
    mo = root / "briefgen" / "locale" / "id" / "LC_MESSAGES" / "briefgen.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(compile_po(po.read_bytes()))
    return root


def test_checkout_mode_finds_the_top_level_folders(fresh_cache):
    assert resources.run_mode() == "checkout"
    assert resources.templates_dir() == REPO / "templates"
    assert resources.asset("fonts") == REPO / "assets" / "fonts"
    assert [p.name for p in resources.sample_files()] == sorted(p.name for p in (REPO / "assets/samples").glob("*.txt"))
    assert (resources.locale_dir() / "id" / "LC_MESSAGES" / "briefgen.po").is_file()


def test_frozen_mode_prefers_meipass(tmp_path, monkeypatch, fresh_cache):
    bundle = tmp_path / "bundle"
    (bundle / "briefgen" / "_data" / "templates" / "only-in-bundle").mkdir(parents=True)
    (bundle / "briefgen" / "_data" / "assets" / "samples").mkdir(parents=True)
    (bundle / "briefgen" / "_data" / "assets" / "samples" / "x.txt").write_text("Judul\n\nIsi.", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)

    assert resources.run_mode() == "frozen"
    assert resources.templates_dir() == bundle / "briefgen" / "_data" / "templates"
    assert [p.name for p in resources.sample_files()] == ["x.txt"]  # not the checkout's five
    # without a locale folder in the bundle the package's own is used
    assert resources.locale_dir() == REPO / "briefgen" / "locale"
    (bundle / "briefgen" / "locale").mkdir()
    assert resources.locale_dir() == bundle / "briefgen" / "locale"


def test_frozen_mode_falls_back_when_the_bundle_lacks_a_folder(tmp_path, monkeypatch, fresh_cache):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.templates_dir() == REPO / "templates"


def test_a_stray_templates_folder_beside_an_installed_package_is_not_ours(tmp_path, monkeypatch, fresh_cache):
    """In site-packages, ``templates/`` next to ``briefgen/`` may belong to another distribution."""
    site = tmp_path / "site-packages"
    (site / "briefgen").mkdir(parents=True)
    (site / "templates" / "someone-elses").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", site / "briefgen")
    with pytest.raises(FileNotFoundError, match="'templates' not found"):
        resources.templates_dir()
    (site / "pyproject.toml").write_text("[project]\nname = 'briefgen'\n")  # a checkout after all
    resources.data_dir.cache_clear()
    assert resources.templates_dir() == site / "templates"


def test_a_simulated_frozen_app_builds_from_the_bundle_only(tmp_path):
    """A whole build with ``sys._MEIPASS`` set: every file read comes from the bundle, labels from the .mo."""
    bundle = _fake_bundle(tmp_path / "bundle")
    out = tmp_path / "x.docx"
    code = textwrap.dedent(f"""
        import sys
        sys._MEIPASS = {str(bundle)!r}
        from pathlib import Path
        from briefgen import resources
        from briefgen.i18n import translations
        from briefgen.pipeline import build
        bundle = Path(sys._MEIPASS)
        assert resources.run_mode() == "frozen"
        for path in (resources.templates_dir(), resources.asset("fonts"), resources.locale_dir(),
                     *resources.sample_files()):
            assert bundle in path.parents, path
        catalogue = translations("id")
        assert type(catalogue).__name__ == "GNUTranslations" and catalogue._catalog
        loaded, written = build([], [Path({str(out)!r})], sample=True)
        assert len(loaded.articles) == 5, loaded.errors
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            timeout=120)
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-2000:]
    assert out.stat().st_size > 10_000
