"""Build-time helpers shared by ``briefgen.spec``, ``build.py`` and the tests.

Kept out of the spec so it can be unit-tested on any OS: the version read from ``pyproject.toml``
(the single source), the compiled gettext catalogues, the application icons, the Windows version
resource and the macOS Info.plist keys. Nothing here imports PyInstaller; only :func:`make_icons`
imports Qt (PySide6 is a runtime dependency anyway, Pillow is not).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
APP_NAME = "briefgen"
DISPLAY_NAME = "briefgen"
PUBLISHER = "briefgen team"
DEFAULT_BUNDLE_ID = "org.briefgen.briefgen"
MACOS_MINIMUM = "13.0"
ICON_SOURCE = ROOT / "assets" / "icons" / "briefgen.png"

# Qt modules the app never uses. PyInstaller's PySide6 hooks only collect what is imported, so this
# list is a guard against a stray import (a dependency probing for QtNetwork, say) pulling in
# hundreds of megabytes; the smoke build checks none of them made it in.
QT_EXCLUDES = [
    f"PySide6.{name}"
    for name in (
        "QtNetwork QtQml QtQuick QtQuickWidgets QtQuickControls2 QtQuick3D QtWebEngineCore QtWebEngineWidgets "
        "QtWebEngineQuick QtWebChannel QtWebSockets QtMultimedia QtMultimediaWidgets QtSpatialAudio Qt3DCore "
        "Qt3DRender Qt3DInput Qt3DLogic Qt3DAnimation Qt3DExtras QtCharts QtDataVisualization QtGraphs "
        "QtBluetooth QtNfc QtPositioning QtLocation QtSensors QtSerialPort QtSerialBus QtSql QtTest QtDesigner "
        "QtHelp QtOpenGL QtOpenGLWidgets QtSvg QtSvgWidgets QtPdf QtPdfWidgets QtRemoteObjects QtScxml "
        "QtStateMachine QtTextToSpeech QtHttpServer QtUiTools QtXml QtConcurrent QtDBus QtNetworkAuth"
    ).split()
]
# Python packages that are development tools or optional extras, never needed by the frozen app.
PY_EXCLUDES = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "pytest", "_pytest", "hypothesis", "pytestqt",
    "importlinter", "grimp", "ruff", "fontTools", "PyInstaller", "setuptools", "pip", "IPython",
    "matplotlib", "pandas", "scipy", "torch", "tensorflow", "transformers", "huggingface_hub",
    # numpy is NOT excluded: CTranslate2's OPUS-MT converter needs it when a release zip is installed
    # (briefgen.translate.opus_convert). It ships in the optional "Offline machine translation" component
    # (MT_ENGINE_FOLDERS below), never in the core: briefgen's own hashing is standard-library (briefgen.minhash).
]
# Dependencies that read data files beside their modules, which PyInstaller collects only when told:
# trafilatura its settings.cfg (without it every HTML clipping fails to import), justext the stop lists of
# trafilatura's fallback extractor, tld (through courlan) the public-suffix list. The smoke build imports an
# HTML, a Word and a PDF clipping with the frozen app to prove nothing is missing.
PACKAGE_DATA = ("trafilatura", "justext", "tld")
# Bundle paths (destination, "/"-separated) that the frozen app never uses. Hooks collect some of them
# as plugin dependencies even when no Python module imports them; `keep_in_bundle` drops them.
DROP_PATTERNS = [
    # shared libraries and plugins of the excluded Qt modules
    r"Qt6?(WebEngine|Qml|Quick|Network|Multimedia|3D|Pdf|VirtualKeyboard|Designer|Sql|Test|Charts|Positioning)",
    r"plugins/(qmltooling|sqldrivers|tls|networkinformation|designer|wayland-[^/]*|egldeviceintegrations)/",
    r"imageformats/libqpdf",
    # Linux: the embedded-device platforms (framebuffer, KMS, VNC) and their input plugins; the desktop
    # runs on xcb or wayland
    r"plugins/platforms/libq(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)\.so",
    r"plugins/generic/",
    r"libQt6EglF[Ss]",
    # Windows: Mesa's software OpenGL (20 MB), a fallback for OpenGL views; briefgen's widgets paint with raster
    r"(^|/)opengl32sw\.dll$",
    # Linux only: the GTK theme plugin drags in GTK, cairo, pango and atk (~20 MB) for native dialogs
    r"platformthemes/libqgtk3",
    r"(^|/)lib(gtk-3|gdk-3|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0"
    r"|gdk_pixbuf-2\.0|epoxy|pixman-1)\.so",
    # Qt's own translations: Qt Help, Designer and the like; briefgen's strings live in its gettext catalogue
    r"PySide6/Qt/translations/(?!qtbase_en\.qm$)",
]
# Babel ships CLDR data for ~1000 locales (32 MB). The app formats dates and numbers in Indonesian and
# English only (briefgen.i18n.BABEL_LOCALES); these are those locales with their CLDR parent chains.
# The optional installer component "Offline machine translation": CTranslate2 and sentencepiece, folders of
# the bundle's library folder. It is most of the download (CTranslate2 carries MKL, oneDNN and CUDA kernels:
# 61 MB on Windows, 83 MB on Linux; 5 MB on macOS) and does nothing until the user installs a pack, so the
# Windows installer offers it as a component; without it briefgen.translate.engine.engine_problem says so.
# numpy (+ its OpenBLAS, 25-40 MB) is part of it: only converting an OPUS-MT release needs it.
MT_ENGINE_FOLDERS = ("ctranslate2", "ctranslate2.libs", "sentencepiece", "sentencepiece.libs", "numpy", "numpy.libs")
BABEL_LOCALES_KEPT = {"root", "en", "en_001", "en_150", "en_GB", "en_US", "en_US_POSIX", "id", "id_ID"}
_BABEL_DATA = re.compile(r"babel/locale-data/([^/]+)\.dat$")
_DROP = re.compile("|".join(DROP_PATTERNS))


def keep_in_bundle(dest: str) -> bool:
    """Whether a collected file (its destination path inside the bundle, any separator) ships."""
    dest = dest.replace("\\", "/")
    if _DROP.search(dest):
        return False
    babel = _BABEL_DATA.search(dest)
    return not (babel and babel.group(1) not in BABEL_LOCALES_KEPT)


def is_mt_engine(rel: str) -> bool:
    """Whether a path inside the bundle's library folder belongs to the optional machine-translation engine."""
    return rel.replace("\\", "/").split("/", 1)[0] in MT_ENGINE_FOLDERS


def _elf_section_names(path: Path) -> list[str]:
    """Section names of a 64-bit little-endian ELF file, read from its header (empty for anything else)."""
    with open(path, "rb") as fh:
        head = fh.read(64)
        if len(head) < 64 or head[:6] != b"\x7fELF\x02\x01":
            return []
        shoff, = struct.unpack_from("<Q", head, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", head, 0x3A)
        fh.seek(shoff)
        table = fh.read(shentsize * shnum)
        if len(table) < shentsize * shnum or shstrndx >= shnum:
            return []
        headers = [struct.unpack_from("<IIQQQQ", table, i * shentsize) for i in range(shnum)]
        _, _, _, _, str_offset, str_size = headers[shstrndx]
        fh.seek(str_offset)
        names = fh.read(str_size)
    return [names[h[0]:names.index(b"\0", h[0])].decode("ascii", "replace") for h in headers]


def has_debug_info(path: Path) -> bool:
    """Whether an ELF library carries DWARF sections (``.debug_*``)."""
    return any(name.startswith(".debug_") for name in _elf_section_names(path))


def strip_debug_info(entries: list[tuple], out_dir: Path) -> list[tuple]:
    """Linux: point PyInstaller at copies of the libraries that carry DWARF, with it removed.

    Some Linux wheels and Python builds ship their debug information inside the libraries (ctranslate2's
    extension alone carries 64 MB of it); Windows and macOS wheels keep it out. ``objcopy --strip-debug``
    removes only the ``.debug_*`` sections: symbols, RPATHs and the layout auditwheel patched stay as
    they are (a full ``strip`` breaks numpy's OpenBLAS, which is why the spec's ``strip`` stays off).
    ``entries`` are PyInstaller TOC tuples ``(destination, source, kind)``; others pass through.
    """
    if not sys.platform.startswith("linux") or not shutil.which("objcopy"):
        return entries
    out: list[tuple] = []
    for dest, source, kind in entries:
        src = Path(source)
        if src.is_file() and src.stat().st_size > 64 * 1024 and has_debug_info(src):
            target = out_dir / dest
            if not target.is_file() or target.stat().st_mtime < src.stat().st_mtime:
                target.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["objcopy", "--strip-debug", str(src), str(target)], check=True)
            source = str(target)
        out.append((dest, source, kind))
    return out


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """``[project].version``: the one place the version is written."""
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for the Windows version resource, from the release part ("0.4rc1" → (0, 4, 0, 0))."""
    release = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in release.group(0).split(".")[:4]] if release else []
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def compile_catalogues(out_root: Path) -> list[tuple[str, str]]:
    """Compile every ``briefgen/locale/*/LC_MESSAGES/*.po`` to ``.mo`` under ``out_root``.

    Returns PyInstaller ``datas`` pairs (file, destination folder). The bundle ships only the
    ``.mo``: :func:`briefgen.i18n.translations` uses it when no newer ``.po`` sits beside it.
    """
    sys.path.insert(0, str(ROOT))
    from briefgen.i18n import compile_po

    datas: list[tuple[str, str]] = []
    for po in sorted((ROOT / "briefgen" / "locale").glob("*/LC_MESSAGES/*.po")):
        rel = po.parent.relative_to(ROOT)
        target = out_root / rel / (po.stem + ".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compile_po(po.read_bytes()))
        datas.append((str(target), rel.as_posix()))
    # Qt's own strings (buttons, text menus) for languages Qt ships no catalogue for: committed compiled
    for qm in sorted((ROOT / "briefgen" / "locale").glob("*/qt/*.qm")):
        datas.append((str(qm), qm.parent.relative_to(ROOT).as_posix()))
    return datas


def data_files() -> list[tuple[str, str]]:
    """Templates and assets (fonts and samples included) at the wheel's layout: ``briefgen/_data/...``.

    The frozen resolver (``briefgen.resources``) looks in ``sys._MEIPASS/briefgen/_data``.
    """
    return [
        (str(ROOT / "templates"), "briefgen/_data/templates"),
        (str(ROOT / "assets"), "briefgen/_data/assets"),
    ]


# --- icons -------------------------------------------------------------------------------------

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that accept PNG data, by pixel size (Apple's "ic.." types, macOS 10.7+).
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file whose entries are PNG images (valid since Windows Vista; 256 px is written as 0)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, data in sorted(pngs.items()):
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns file of PNG elements (what ``iconutil`` writes for the same sizes)."""
    body = b"".join(ICNS_TYPES[size] + struct.pack(">I", 8 + len(data)) + data
                    for size, data in sorted(pngs.items()) if size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def _render_pngs(source: Path | None, sizes: tuple[int, ...]) -> dict[int, bytes]:
    """Scale ``source`` (or draw a placeholder when it is missing) to PNG bytes per size, with Qt."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (fonts need an application)
    base = QImage(str(source)) if source and source.is_file() else QImage()
    if base.isNull():  # placeholder until the real icon lands: "bg" on the navy of the house style
        base = QImage(512, 512, QImage.Format.Format_ARGB32)
        base.fill(Qt.GlobalColor.transparent)
        painter = QPainter(base)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor("#0B2545"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(QRectF(16, 16, 480, 480), 96, 96)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(QFont("Noto Sans", 200, QFont.Weight.Bold))
        painter.drawText(QRectF(0, 0, 512, 512), Qt.AlignmentFlag.AlignCenter, "bg")
        painter.end()
    pngs: dict[int, bytes] = {}
    for size in sizes:
        # a hand-tuned small size beside the source (briefgen-16.png ...) beats a scaled-down 512 px
        tuned = source.with_name(f"{source.stem}-{size}.png") if source else None
        if tuned and tuned.is_file() and QImage(str(tuned)).size().toTuple() == (size, size):
            pngs[size] = tuned.read_bytes()
            continue
        scaled = base.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        scaled.save(buffer, "PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def make_icons(out_dir: Path, source: Path = ICON_SOURCE) -> tuple[Path, Path]:
    """Write ``briefgen.ico`` and ``briefgen.icns`` into ``out_dir`` from the 512 px PNG.

    Works before the real icon exists: a placeholder is drawn instead, so the build never breaks.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = _render_pngs(source, tuple(sorted(set(ICO_SIZES) | {512})))
    ico = out_dir / "briefgen.ico"
    icns = out_dir / "briefgen.icns"
    ico.write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    icns.write_bytes(icns_bytes({s: pngs[s] for s in (16, 32, 64, 128, 256, 512)}))
    return ico, icns


# --- platform metadata -------------------------------------------------------------------------

def write_version_info(target: Path, version: str) -> Path:
    """Fill ``windows/version_info.txt.in`` (PyInstaller's VSVersionInfo text form) for ``version``."""
    text = (PACKAGING / "windows" / "version_info.txt.in").read_text(encoding="utf-8")
    values = {"VERSION": version, "VERSION_TUPLE": repr(version_tuple(version)), "APP_NAME": APP_NAME,
              "DISPLAY_NAME": DISPLAY_NAME, "PUBLISHER": PUBLISHER}
    for key, value in values.items():
        text = text.replace("@" + key + "@", value)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def info_plist(version: str) -> dict[str, object]:
    """Keys merged into the .app's Info.plist (PyInstaller writes the bundle basics itself)."""
    return {
        "CFBundleDisplayName": DISPLAY_NAME,
        "CFBundleName": DISPLAY_NAME,
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleDevelopmentRegion": "en",
        "CFBundleLocalizations": ["en", "id"],
        # Qt 6.11 (the PySide6 wheels are tagged macosx_13_0) needs macOS 13; Finder refuses older systems
        # with a clear message instead of the app crashing at start
        "LSMinimumSystemVersion": MACOS_MINIMUM,
        "LSApplicationCategoryType": "public.app-category.productivity",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": f"© {PUBLISHER}. MIT licence. Fonts: SIL Open Font License.",
        "CFBundleDocumentTypes": [{
            "CFBundleTypeName": "News clipping",
            "CFBundleTypeRole": "Viewer",
            "LSHandlerRank": "Alternate",
            "LSItemContentTypes": ["public.plain-text", "net.daringfireball.markdown"],
        }],
    }
