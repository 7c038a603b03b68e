"""Read clipping files into :class:`RawArticle` values.

Each supported suffix maps to a reader. Readers decode bytes to text and refuse what they cannot
read with an :class:`ImportFailed` that names the file and the reason; ``import_paths`` collects
those errors and goes on with the rest of the batch.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from briefgen.errors import ImportFailed
from briefgen.ingest.containers import read_docx, read_html, read_pdf
from briefgen.ingest.encoding import decode_text, markdown_to_text
from briefgen.model import RawArticle

MB = 1024 * 1024
MAX_BYTES = 50 * MB  # far above any clipping; keeps a stray video out of memory

Reader = Callable[[Path, bytes], RawArticle]
_VISIBLE = re.compile(r"[^\s\x00-\x1f\x7f-\x9f\ufeff\u200b-\u200f]")  # a character a reader can see

__all__ = ["MAX_BYTES", "READERS", "decode_text", "import_paths", "read_path", "read_pasted", "sha256"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_text_file(path: Path, data: bytes) -> RawArticle:
    text, encoding = decode_text(data, str(path))
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    if fmt == "md":
        text = markdown_to_text(text)
    return RawArticle(file=str(path), sha256=sha256(data), text=text, fmt=fmt, encoding=encoding)


READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}


def supported_suffixes() -> tuple[str, ...]:
    return tuple(sorted(READERS))


def read_path(path: Path) -> RawArticle:
    """Read one file; every failure is an ImportFailed naming the file."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(supported_suffixes())
        raise ImportFailed(f"unsupported file type {path.suffix or '(none)'!r} (supported: {known})", path,
                           code="unsupported-type")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailed(f"cannot read: {exc.strerror or exc}", path, code="cannot-read") from exc
    if size > MAX_BYTES:
        raise ImportFailed(f"file too large: {size / MB:.0f} MB, the limit is {MAX_BYTES // MB} MB per clipping", path,
                           code="too-large")
    if size == 0:
        raise ImportFailed("empty file", path, code="empty-file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read: {exc.strerror or exc}", path, code="cannot-read") from exc
    raw = reader(path, data)
    if not _VISIBLE.search(raw.text):
        raise ImportFailed("no text in file", path, code="no-text")
    return raw


def read_pasted(text: str, name: str = "<pasted>") -> RawArticle:
    """Text pasted in the window or piped to the CLI (``-``)."""
    if not text.strip():
        raise ImportFailed("nothing pasted", name, code="nothing-pasted")
    return RawArticle(file=name, sha256=sha256(text.encode("utf-8")), text=text, fmt="paste")


def read_stdin(stream: BinaryIO | None = None, name: str = "<stdin>") -> RawArticle:
    """Standard input read as bytes and decoded like a file (cp1252, UTF-16 with or without BOM, …).

    Text-mode stdin would decode with the locale's encoding and raise on a cp1252 clipping; the same
    file given by path reads fine, so the bytes go through :func:`decode_text` as a file's do. At most
    :data:`MAX_BYTES` are read.
    """
    stream = stream if stream is not None else sys.stdin.buffer
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"input too large: over the limit of {MAX_BYTES // MB} MB per clipping", name)
    if not data.strip():
        raise ImportFailed("nothing on standard input", name)
    text, encoding = decode_text(data, name)
    if not _VISIBLE.search(text):
        raise ImportFailed("no text in input", name)
    return RawArticle(file=name, sha256=sha256(data), text=text, fmt="paste", encoding=encoding)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every supported file inside a given folder (sorted, not recursive)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(p for p in sorted(path.iterdir()) if p.is_file() and p.suffix.lower() in READERS)
        else:
            out.append(path)
    return out


@dataclass(frozen=True)
class ImportResult:
    articles: tuple[RawArticle, ...]
    errors: tuple[ImportFailed, ...]


def import_paths(paths: Iterable[Path]) -> ImportResult:
    """Read every file; failures are collected, never fatal to the batch."""
    articles: list[RawArticle] = []
    errors: list[ImportFailed] = []
    for path in expand_paths(paths):
        try:
            articles.append(read_path(path))
        except ImportFailed as exc:
            errors.append(exc)
    return ImportResult(tuple(articles), tuple(errors))
