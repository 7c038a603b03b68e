"""Bringing a pack file or folder into a private staging folder without trusting it.

A translation model arrives from outside (a USB stick, a share, an e-mail from IT), so every zip
member is checked before a byte is written: its name must stay inside the staging folder (no
absolute path, drive letter, ``..`` or link), must not be absurdly long, must not clash with a
folder of the same name, the member count and total size are bounded (a budget, not a guess: the
bytes actually written are counted, because a zip header can understate them), each member's
compression ratio is bounded (a zip bomb), and a member whose CRC does not match is refused. A
folder is copied with the same budget, and links in it are refused rather than followed.

Every refusal is a :class:`PackError` whose message is one line naming the file.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from briefgen.errors import BriefgenError
from briefgen.progress import Progress

MAX_MEMBERS = 5_000
MAX_TOTAL_BYTES = 6 * 1024**3  # the largest real model (NLLB-200 3.3B, int8) is about 3.3 GB
MAX_RATIO = 200  # uncompressed / compressed, for members over 1 MiB (model weights compress ~1.1:1)
MAX_NAME = 255  # characters in a member's path; longer names are refused before any file system sees them
MAX_PART = 200  # characters in one path component (most file systems allow 255 bytes)
_BLOCK = 1 << 20


class PackError(BriefgenError):
    """A pack that is refused (bad layout, unsafe member, hash mismatch) or cannot be found."""


def _member_path(info: zipfile.ZipInfo, archive: Path) -> PurePosixPath:
    name = info.filename.replace("\\", "/")
    shown = info.filename if len(info.filename) <= 80 else info.filename[:77] + "..."
    if len(name) > MAX_NAME or any(len(part) > MAX_PART for part in name.split("/")):
        raise PackError(f"refused: member {shown!r} has a name of {len(name)} characters (at most {MAX_NAME})",
                        archive)
    if "\0" in name:
        raise PackError(f"refused: member {shown!r} has a NUL character in its name", archive)
    path = PurePosixPath(name)
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in path.parts:
        raise PackError(f"refused: member {shown!r} would be written outside the pack folder", archive)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise PackError(f"refused: member {shown!r} is a link", archive)
    if info.file_size > _BLOCK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise PackError(f"refused: member {shown!r} expands {info.file_size // max(info.compress_size, 1)}"
                        f" times (a zip bomb?)", archive)
    return path


def _check_clashes(members: list[zipfile.ZipInfo], paths: list[PurePosixPath], archive: Path) -> None:
    """A name used both as a file and as a folder (``model`` and ``model/x``), or twice, is refused."""
    files: set[str] = set()
    folders: set[str] = set()
    for info, path in zip(members, paths, strict=True):
        key = path.as_posix().rstrip("/").casefold()  # Windows and macOS compare names without case
        parents = {p.as_posix().casefold() for p in path.parents if p.as_posix() != "."}
        folders |= parents
        if info.is_dir():
            folders.add(key)
        elif key in files:
            raise PackError(f"refused: member {info.filename!r} appears twice", archive)
        else:
            files.add(key)
    clash = sorted(files & folders)
    if clash:
        raise PackError(f"refused: {clash[0]!r} is both a file and a folder in the archive", archive)


def extract_zip(archive: Path, dest: Path, progress: Progress | None = None) -> None:
    """Unzip ``archive`` into ``dest`` after checking every member; counts the bytes actually written."""
    progress = progress or Progress()
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise PackError(f"is not a readable zip file ({exc})", archive) from exc
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise PackError(f"refused: {len(members)} files in the archive (at most {MAX_MEMBERS})", archive)
        declared = sum(m.file_size for m in members)
        if declared > MAX_TOTAL_BYTES:
            raise PackError(f"refused: {declared} bytes once unpacked (at most {MAX_TOTAL_BYTES})", archive)
        paths = [_member_path(m, archive) for m in members]
        _check_clashes(members, paths, archive)
        progress.grow(max(1, declared // _BLOCK))
        written = 0
        root = dest.resolve()
        for info, rel in zip(members, paths, strict=True):
            target = (dest / rel).resolve()
            if root not in target.parents and target != root:
                raise PackError(f"refused: member {info.filename!r} would be written outside the pack folder",
                                archive)
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(info) as src, target.open("xb") as out:
                    size = 0
                    for block in iter(lambda src=src: src.read(_BLOCK), b""):
                        size += len(block)
                        written += len(block)
                        if size > info.file_size or written > MAX_TOTAL_BYTES:
                            raise PackError(f"refused: member {info.filename!r} is larger than its header says",
                                            archive)
                        out.write(block)
                        progress.step(f"{rel.name}")
                    if size != info.file_size:
                        raise PackError(f"refused: member {info.filename!r} is smaller than its header says",
                                        archive)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # bad CRC, truncated or corrupt data
                raise PackError(f"refused: member {info.filename!r} is damaged ({exc})", archive) from exc
            except FileExistsError as exc:
                raise PackError(f"refused: member {info.filename!r} appears twice", archive) from exc
            except NotImplementedError as exc:  # an unsupported compression method
                raise PackError(f"refused: member {info.filename!r} cannot be unpacked ({exc})", archive) from exc
            except OSError as exc:
                if isinstance(exc, PackError):
                    raise
                raise PackError(f"member {info.filename!r} cannot be written ({exc.strerror or exc})",
                                archive) from exc


def copy_folder(folder: Path, dest: Path, progress: Progress | None = None) -> None:
    """Copy a pack folder into ``dest``: links refused, files and bytes within the same budget as a zip."""
    progress = progress or Progress()
    total = 0
    count = 0
    entries: list[tuple[Path, Path]] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        here = Path(current)
        for name in dirs + files:
            path = here / name
            rel = path.relative_to(folder)
            if path.is_symlink():
                raise PackError(f"refused: {rel.as_posix()} is a link", folder)
            if len(rel.as_posix()) > MAX_NAME:
                raise PackError(f"refused: {rel.as_posix()[:77]!r}... has too long a name", folder)
            if name in files:
                if not path.is_file():
                    raise PackError(f"refused: {rel.as_posix()} is not a regular file", folder)
                count += 1
                total += path.stat().st_size
                entries.append((path, dest / rel))
        if count > MAX_MEMBERS or total > MAX_TOTAL_BYTES:
            raise PackError(f"refused: the folder holds more than {MAX_MEMBERS} files or {MAX_TOTAL_BYTES} bytes",
                            folder)
    progress.grow(max(1, total // _BLOCK))
    for src, target in entries:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with src.open("rb") as fin, target.open("xb") as fout:
                for block in iter(lambda fin=fin: fin.read(_BLOCK), b""):
                    fout.write(block)
                    progress.step(src.name)
        except OSError as exc:
            raise PackError(f"{src.relative_to(folder).as_posix()} cannot be copied ({exc.strerror or exc})",
                            folder) from exc


def bring_in(source: Path, dest: Path, progress: Progress | None = None) -> None:
    """A zip file (any suffix: .zip, .argosmodel) is unpacked, a folder copied; anything else refused."""
    if source.is_dir():
        copy_folder(source, dest, progress)
    elif source.is_file():
        if not zipfile.is_zipfile(source):
            raise PackError(_not_a_pack(source), source)
        extract_zip(source, dest, progress)
    else:
        raise PackError("no such file or folder", source)


def _not_a_pack(path: Path) -> str:
    """Name what a lone non-zip file is, and what would work instead."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    what = "is not a zip file or a folder"
    if head.startswith(b"PK"):
        what = "is not a readable zip file"
    elif path.suffix.lower() == ".npz" or head.startswith(b"\x93NUMPY"):
        what = "is a lone Marian model file"
    elif path.suffix.lower() in (".bin", ".gz") and "intgemm" in path.name:
        what = "is a Bergamot/Firefox Translations model file (Marian, RNN decoder), which CTranslate2 cannot run"
    return (f"{what}; give the whole release: an Argos .argosmodel, an OPUS-MT/Tatoeba-MT release .zip or folder,"
            f" a CTranslate2 model folder (NLLB-200, M2M-100, MADLAD-400) or a briefgen pack .zip")


def remove_tree(path: Path) -> None:
    """Remove a staging or old pack folder; read-only files (copied from a CD or share) included."""

    def make_writable(func, target, _exc) -> None:  # noqa: ANN001
        os.chmod(target, stat.S_IWRITE | stat.S_IREAD)
        func(target)

    if path.exists():
        if sys.version_info >= (3, 12):
            shutil.rmtree(path, onexc=make_writable)
        else:
            shutil.rmtree(path, onerror=make_writable)
