"""Packaging helpers (packaging/buildsupport.py) and the installer/CI files, checked on any OS.

The bundle itself is built and run by packaging/smoke.py (tests/test_packaging_smoke.py, ``slow``);
the wheel and sdist by tests/test_packaging_wheel.py.
"""

from __future__ import annotations

import gettext
import importlib.util
import io
import plistlib
import re
import struct
import sys
import tomllib
import types
from pathlib import Path

import pytest
import yaml

import briefgen

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))
import buildsupport as bs  # noqa: E402


def test_version_single_source():
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert bs.project_version() == version == briefgen.__version__
    assert bs.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert bs.version_tuple("0.4rc1") == (0, 4, 0, 0)  # a pre-release must not look newer than 0.4.0
    assert bs.version_tuple("2.0.1+local.7") == (2, 0, 1, 0)


def test_windows_version_resource_parses_and_carries_the_version(tmp_path, monkeypatch):
    import PyInstaller.compat

    # versioninfo imports two Windows-only modules that only its .exe patching uses; parsing and
    # serialising the resource need neither, so stand-ins let this run on every OS.
    if importlib.util.find_spec("pefile") is None:
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    if not hasattr(PyInstaller.compat, "win32api"):
        monkeypatch.setattr(PyInstaller.compat, "win32api", None, raising=False)
    from PyInstaller.utils.win32.versioninfo import load_version_info_from_text_file

    info = load_version_info_from_text_file(bs.write_version_info(tmp_path / "v.txt", "1.2.3"))
    assert info.ffi.fileVersionMS == (1 << 16) | 2 and info.ffi.fileVersionLS == 3 << 16
    strings = {s.name: s.val for s in info.kids[0].kids[0].kids}
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.2.3"
    assert strings["OriginalFilename"] == "briefgen.exe"
    assert len(info.toRaw()) > 500  # serialises to the binary resource PyInstaller writes


def test_info_plist_minimum_macos_is_what_the_locked_qt_needs():
    """LSMinimumSystemVersion must not promise a macOS older than the locked PySide6 wheels support."""
    lock = (REPO / "uv.lock").read_text(encoding="utf-8")
    tags = re.findall(r"pyside6_essentials-[^\"]*?-macosx_(\d+)_(\d+)_", lock)
    assert tags, "no macOS PySide6 wheel in uv.lock"
    needed = max((int(major), int(minor)) for major, minor in tags)
    promised = tuple(int(part) for part in bs.MACOS_MINIMUM.split("."))
    assert promised >= needed, (promised, needed)
    assert bs.info_plist("1.0")["LSMinimumSystemVersion"] == bs.MACOS_MINIMUM


def test_info_plist_is_a_valid_plist_with_the_version():
    data = plistlib.loads(plistlib.dumps(bs.info_plist("1.2.3")))
    assert data["CFBundleShortVersionString"] == data["CFBundleVersion"] == "1.2.3"
    assert set(data["CFBundleLocalizations"]) == {"en", "id"}


def test_entitlements_parse():
    entitlements = plistlib.loads((REPO / "packaging/macos/entitlements.plist").read_bytes())
    assert entitlements and all(key.startswith("com.apple.security.") for key in entitlements)
    assert not any("network" in key for key in entitlements)  # offline app


def _ico_entries(data: bytes) -> list[tuple[int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    entries = []
    for i in range(count):
        width, _h, _c, _r, _planes, _bpp, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        entries.append((width or 256, data[offset:offset + size]))
    return entries


def _icns_elements(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    elements, pos = {}, 8
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack_from(">I", data, pos + 4)[0]
        elements[kind] = data[pos + 8:pos + length]
        pos += length
    return elements


@pytest.mark.parametrize("source", ["real", "missing"])
def test_icons_are_made_from_the_png_or_a_placeholder(tmp_path, source):
    from PySide6.QtGui import QImage

    png = bs.ICON_SOURCE if source == "real" else tmp_path / "absent.png"
    if source == "real" and not png.is_file():
        pytest.skip("assets/icons/briefgen.png not committed yet")
    ico, icns = bs.make_icons(tmp_path / "out", png)

    entries = _ico_entries(ico.read_bytes())
    assert [size for size, _ in entries] == list(bs.ICO_SIZES)
    for size, blob in entries:
        image = QImage.fromData(blob, "PNG")
        assert (image.width(), image.height()) == (size, size)
        assert image.pixelColor(size // 2, size // 2).alpha() > 0  # something drawn in the middle
    elements = _icns_elements(icns.read_bytes())
    assert set(elements) == {b"icp4", b"icp5", b"icp6", b"ic07", b"ic08", b"ic09"}
    assert QImage.fromData(elements[b"ic09"], "PNG").width() == 512


def test_compiled_catalogues_match_the_po(tmp_path):
    from briefgen.i18n import compile_po

    datas = bs.compile_catalogues(tmp_path)
    assert "briefgen/locale/id/LC_MESSAGES" in [dest for _, dest in datas]
    mo = next(Path(src) for src, dest in datas if dest.endswith("id/LC_MESSAGES"))
    po = REPO / "briefgen/locale/id/LC_MESSAGES/briefgen.po"
    compiled = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))._catalog
    expected = gettext.GNUTranslations(io.BytesIO(compile_po(po.read_bytes())))._catalog
    assert len(compiled) > 50 and sum(k != v for k, v in compiled.items() if k) > 50  # really translated
    # the header ("") carries a creation date that moves whenever the catalogue is re-extracted
    assert {k: v for k, v in compiled.items() if k} == {k: v for k, v in expected.items() if k}
    assert (str(REPO / "briefgen/locale/id/qt/qtbase_id.qm"), "briefgen/locale/id/qt") in datas


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/lib/libQt6Network.so.6", False),
    ("PySide6/Qt6Network.dll", False),
    ("PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork", False),
    ("PySide6/Qt6WebEngineCore.dll", False),
    ("PySide6/Qt/lib/libQt6Qml.so.6", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/translations/qt_help_de.qm", False),
    ("babel/locale-data/fr.dat", False),
    ("babel/locale-data/en_AU.dat", False),
    ("PySide6/Qt/lib/libQt6Gui.so.6", True),
    ("PySide6/Qt6Widgets.dll", True),
    ("PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore", True),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("babel/locale-data/id.dat", True),
    ("babel/locale-data/en_GB.dat", True),
    ("babel/global.dat", True),
    ("briefgen/_data/assets/fonts/NotoSans-Regular.ttf", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/generic/libqevdevmouseplugin.so", False),
    ("PySide6/Qt/lib/libQt6EglFSDeviceIntegration.so.6", False),
    ("PySide6/opengl32sw.dll", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
])
def test_bundle_pruning(dest, kept):
    assert bs.keep_in_bundle(dest) is kept


def _cldr_chain(locale: str) -> list[str]:
    """A locale and its CLDR parents, as babel.localedata.load walks them."""
    from babel.core import get_global

    chain = [locale]
    while chain[-1] != "root":
        name = chain[-1]
        parent = get_global("parent_exceptions").get(name)
        chain.append(parent or ("_".join(name.split("_")[:-1]) if "_" in name else "root"))
    return chain


def test_babel_pruning_keeps_every_locale_the_app_formats_with():
    from briefgen.i18n import BABEL_LOCALES

    needed = {name for locale in BABEL_LOCALES.values() for name in _cldr_chain(locale)}
    assert needed <= bs.BABEL_LOCALES_KEPT, needed - bs.BABEL_LOCALES_KEPT


def test_inno_setup_script_takes_the_version_from_the_build():
    iss = (REPO / "packaging/windows/briefgen.iss").read_text(encoding="utf-8")
    assert re.search(r"^AppVersion=\{#AppVersion\}$", iss, re.M)
    assert "GetVersionNumbersString" in iss  # fallback: the exe's version resource, filled from pyproject
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.M)
    assert 'Source: "{#DistDir}\\*"' in iss


def test_inno_setup_makes_the_mt_engine_the_optional_component_the_app_names():
    from briefgen.translate.engine import ENGINE_MISSING

    iss = (REPO / "packaging/windows/briefgen.iss").read_text(encoding="utf-8").replace("\\\n", "")
    main = next(line for line in iss.splitlines() if line.startswith('Source: "{#DistDir}\\*"'))
    excluded = re.search(r'Excludes: "([^"]+)"', main).group(1).split(",")
    assert sorted(excluded) == sorted("\\_internal\\" + folder for folder in bs.MT_ENGINE_FOLDERS)
    for folder in bs.MT_ENGINE_FOLDERS:  # each left-out folder comes back as part of the "mt" component
        assert re.search(rf'Source: "{{#DistDir}}\\_internal\\{re.escape(folder)}\\\*".*Components: mt', iss)
    component = re.search(r'^Name: "mt"; Description: "([^"]+)"', iss, re.M).group(1)
    assert component.startswith("Offline machine translation") and "Offline machine translation" in ENGINE_MISSING
    assert bs.is_mt_engine("ctranslate2/ctranslate2.dll") and bs.is_mt_engine("sentencepiece.libs\\msvcp140.dll")
    assert not bs.is_mt_engine("PySide6/Qt6Core.dll") and not bs.is_mt_engine("briefgen/_data/assets")
    # numpy ships, but only in the MT component: CTranslate2's OPUS-MT converter needs it at pack install
    assert "numpy" not in bs.PY_EXCLUDES and bs.is_mt_engine("numpy/_core/_multiarray_umath.cp311-win_amd64.pyd")


def test_ci_workflow_builds_on_windows_and_macos_and_keeps_artifacts():
    workflow = yaml.safe_load((REPO / ".github/workflows/build.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["build"]
    runners = {entry["os"] for entry in job["strategy"]["matrix"]["include"]}
    assert any(r.startswith("windows") for r in runners) and any(r.startswith("macos") for r in runners)
    steps = " ".join(str(step) for step in job["steps"])
    assert "packaging/build_bundle.py --installer" in steps
    assert "actions/upload-artifact" in steps


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: the Linux bundle")
def test_strip_debug_info_removes_dwarf_and_keeps_the_library_working(tmp_path):
    import ctypes
    import shutil
    import subprocess

    if not (shutil.which("gcc") and shutil.which("objcopy")):
        pytest.skip("needs gcc and objcopy")
    source = tmp_path / "twice.c"
    source.write_text("int twice(int x) { return 2 * x; }\n" + "".join(
        f"static int pad{i}(int x) {{ return x + {i}; }} int use{i}(int x) {{ return pad{i}(x); }}\n"
        for i in range(200)))
    lib = tmp_path / "libtwice.so"
    subprocess.run(["gcc", "-g", "-shared", "-fPIC", "-o", str(lib), str(source)], check=True)
    assert bs.has_debug_info(lib)
    entries = [("sub/libtwice.so", str(lib), "BINARY"), ("README.md", str(REPO / "README.md"), "DATA")]
    out = bs.strip_debug_info(entries, tmp_path / "stripped")
    stripped = Path(out[0][1])
    assert out[0][0] == "sub/libtwice.so" and stripped == tmp_path / "stripped" / "sub" / "libtwice.so"
    assert out[1] == entries[1]  # not ELF: untouched
    assert not bs.has_debug_info(stripped) and stripped.stat().st_size < lib.stat().st_size
    assert ctypes.CDLL(str(stripped)).twice(21) == 42
    assert not bs.has_debug_info(REPO / "README.md") and bs._elf_section_names(REPO / "README.md") == []
