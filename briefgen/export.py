"""Write output files atomically and dispatch on the output's suffix.

Every writer produces bytes (or writes to a temporary file beside the target); the target is only
replaced once the new file is complete, so an interrupted export leaves the previous file intact.
A file locked by Word, a read-only folder or a full disk becomes an :class:`ExportFailed` naming
the file and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from briefgen.errors import ExportFailed

FORMATS = (".docx", ".pdf", ".html")


def _explain(exc: OSError, path: Path, stage: str = "cannot-write") -> ExportFailed:
    """An ExportFailed naming ``path``; ``stage`` says where it failed (``cannot-create``: a new file in the
    folder; ``cannot-replace``: putting it in the target's place), which tells a read-only folder from a
    locked file (:func:`briefgen.errors.error_kind`)."""
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        reason = "cannot write: the file is open in another program (e.g. Word) or the folder is read-only"
    elif exc.errno == errno.ENOSPC:
        reason = "cannot write: the disk is full"
    elif exc.errno == errno.ENOENT:
        reason = "cannot write: the folder does not exist"
    else:
        reason = f"cannot write: {exc.strerror or exc}"
    return ExportFailed(reason, path, code=stage)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def writable_target(path: Path) -> Path:
    """The file to replace for ``path``: refused unless it is a regular file or does not exist yet.

    ``os.replace`` onto ``/dev/full``, a FIFO or a socket would swap the device node itself for our file
    (as an administrator) or fail half-way; a folder cannot be replaced. A symbolic link is followed,
    so the file it points at is replaced and the link stays.
    """
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise _explain(exc, path) from exc
    if stat.S_ISDIR(mode):
        raise ExportFailed("cannot write: a folder has that name; give a file name", path)
    if not stat.S_ISREG(mode):
        raise ExportFailed("refused: not a regular file (a device, pipe or socket); give a file name", path)
    return path


def atomic_write(path: Path, produce: Callable[[Path], None]) -> Path:
    """Call ``produce(tmp)`` to write a temporary file beside ``path``, then move it into place."""
    path = writable_target(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".part", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise _explain(exc, path, "cannot-create") from exc
    tmp = Path(tmp_name)
    try:
        produce(tmp)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        raise _explain(exc, path, "cannot-replace") from exc
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_bytes(data))


def check_format(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExportFailed(f"unknown output format {suffix or '(none)'!r} (use {', '.join(FORMATS)})", path,
                           code="unknown-format")
    return suffix
