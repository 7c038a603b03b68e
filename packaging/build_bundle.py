"""Build the one-folder bundle with PyInstaller, then (``--installer``) the platform's installer.

    uv run python packaging/build_bundle.py                  # dist/briefgen/ (and dist/briefgen.app on macOS)
    uv run python packaging/build_bundle.py --installer      # + the Inno Setup .exe (Windows) or the .dmg (macOS)

Windows needs Inno Setup 6 (``iscc`` on PATH or in its default folder); macOS needs ``hdiutil`` (always
there). On Linux ``--installer`` writes a ``.tar.gz`` of the folder: Linux is not a shipped target,
but the smoke build (packaging/smoke.py) runs here. Signing is configured by environment variables,
see briefgen.spec and macos/make_dmg.sh.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import buildsupport as bs  # noqa: E402

SPEC = bs.PACKAGING / "briefgen.spec"


def build_bundle(dist: Path, work: Path, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; return the one-folder bundle (``dist/briefgen``)."""
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
           "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        cmd.append("--clean")
    started = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=bs.ROOT)
    print(f"PyInstaller: {time.perf_counter() - started:.0f} s -> {dist / bs.APP_NAME}")
    return dist / bs.APP_NAME


def executable(dist: Path, console: bool = True) -> Path:
    """The bundle's executable; on Windows the console twin when ``console`` (for ``build``)."""
    if sys.platform == "win32":
        return dist / bs.APP_NAME / (bs.APP_NAME + ("-cli.exe" if console else ".exe"))
    if sys.platform == "darwin" and (dist / (bs.DISPLAY_NAME + ".app")).is_dir():
        return dist / (bs.DISPLAY_NAME + ".app") / "Contents" / "MacOS" / bs.APP_NAME
    return dist / bs.APP_NAME / bs.APP_NAME


def _iscc() -> str:
    found = shutil.which("iscc") or shutil.which("ISCC")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "C:/") / "Inno Setup 6" / "ISCC.exe"
        if candidate.is_file():
            return str(candidate)
    raise SystemExit("build: Inno Setup 6 not found (install it: choco install innosetup)")


def make_installer(dist: Path, work: Path, version: str) -> Path:
    """The platform's installer for the bundle in ``dist``; returns its path."""
    if sys.platform == "win32":
        icon = work / "briefgen" / "generated" / "icons" / "briefgen.ico"
        subprocess.run([_iscc(), f"/DAppVersion={version}", f"/DDistDir={dist / bs.APP_NAME}",
                        f"/DIconFile={icon}", f"/DOutputDir={dist}", str(bs.PACKAGING / "windows" / "briefgen.iss")],
                       check=True)
        return dist / f"{bs.APP_NAME}-{version}-windows-x64-setup.exe"
    if sys.platform == "darwin":
        out = subprocess.run(["bash", str(bs.PACKAGING / "macos" / "make_dmg.sh"), str(dist), version],
                             check=True, capture_output=True, text=True).stdout
        return Path(out.strip().splitlines()[-1])
    archive = dist / f"{bs.APP_NAME}-{version}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(dist / bs.APP_NAME, arcname=bs.APP_NAME)
    return archive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=bs.ROOT / "dist")
    parser.add_argument("--work", type=Path, default=bs.ROOT / "build")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--installer", action="store_true", help="also make the installer / disk image")
    args = parser.parse_args(argv)
    version = bs.project_version()
    build_bundle(args.dist, args.work, clean=args.clean)
    print(f"briefgen {version}: {executable(args.dist, console=False)}")
    if args.installer:
        print(f"installer: {make_installer(args.dist, args.work, version)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
