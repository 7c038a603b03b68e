"""Decode clipping bytes of unknown encoding, the way they actually arrive.

Clippings are Indonesian or English: Latin script. Saved on Windows they are cp1252; pasted
into an old editor they are UTF-16, sometimes without a byte-order mark; stitched together from
several pages they can be UTF-8 with one cp1252 line. charset-normalizer is the fallback, not the
first guess, because on short Latin text it picks code pages such as cp775 ('Café' → 'Cafķ').
Binary files are refused by their control bytes before any guessing.
"""

from __future__ import annotations

import re

from briefgen.errors import ImportFailed

_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_C1 = re.compile(r"[\x80-\x9f]")
LATIN_SHARE = 0.08  # at most this share of non-ASCII characters reads as accented Latin text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: ASCII letters leave a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    for encoding, share in (("utf-16-be", even), ("utf-16-le", odd)):
        if share > 0.6 and (odd if encoding == "utf-16-be" else even) < 0.05:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    return len(_BINARY_BYTES.findall(sample)) > max(2, len(sample) // 200)


def _mixed_lines(data: bytes) -> str | None:
    """UTF-8 text with a few lines in cp1252 (pasted from two sources): decode line by line."""
    lines = data.split(b"\n")
    utf8_rich = 0
    out = []
    for line in lines:
        try:
            text = line.decode("utf-8")
            utf8_rich += not line.isascii()
        except UnicodeDecodeError:
            try:
                text = line.decode("cp1252")
            except UnicodeDecodeError:
                return None
        out.append(text)
    return "\n".join(out) if utf8_rich else None


def _cp1252(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return text if non_ascii <= LATIN_SHARE * max(1, len(text)) and not _C1.search(text) else None


def decode_text(data: bytes, file: str) -> tuple[str, str]:
    """Decode bytes of unknown encoding; returns (text, encoding) or raises ImportFailed."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8"), "utf-8-sig"
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16"), "utf-16"
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"not text: the byte-order mark promises {exc.encoding}, the bytes disagree", file,
                           code="not-text") from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _looks_binary(data):
            raise ImportFailed("not text: control bytes throughout (binary file?)", file, code="not-text") from None
        if (mixed := _mixed_lines(data)) is not None:
            text, encoding = mixed, "utf-8+cp1252"
        elif (latin := _cp1252(data)) is not None:
            text, encoding = latin, "cp1252"
        else:
            from charset_normalizer import from_bytes  # the last resort, so loaded only when reached

            best = from_bytes(data).best()
            if best is None:
                raise ImportFailed("not text: no character encoding fits (binary file?)", file,
                                   code="not-text") from None
            text, encoding = str(best), best.encoding
    if "\x00" in text:
        raise ImportFailed("not text: contains NUL bytes (binary file?)", file, code="not-text")
    return text, encoding


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_HTML_BLOCK = re.compile(r"<(script|style|iframe|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def markdown_to_text(text: str) -> str:
    """Markdown to the plain lines a browser copy gives: no '#', no link syntax, no raw HTML or scripts."""
    text = _HTML_BLOCK.sub("", text)
    lines = []
    for line in text.splitlines():
        line = _MD_HEADING.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        lines.append(_HTML_TAG.sub("", line))
    return "\n".join(lines)
