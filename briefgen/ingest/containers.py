"""Readers for clippings that arrive inside a container: saved web pages, Word files and PDFs.

Each reader turns the container into plain text, one paragraph per line, so the same cleaning
rules and metadata readers as for copied text apply afterwards. What the container itself knows
(the page's title, site name and publication date; the document's title and author) travels as
``RawArticle.hints``. Every failure is an :class:`ImportFailed` naming the file and the reason.

The heavy libraries (trafilatura, python-docx, pypdf) are imported on first use, so the command
line starts fast when only text files are read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from urllib.parse import urlparse

from briefgen.errors import ImportFailed
from briefgen.model import RawArticle

MAX_UNPACKED = 200 * 1024 * 1024  # a .docx never unpacks to more; a zip bomb does
MAX_RATIO = 200  # text XML compresses ~10x; a bomb compresses thousands of times


def _sha(data: bytes) -> str:
    from briefgen.ingest.importers import sha256

    return sha256(data)


# --- saved web pages -------------------------------------------------------------------------------------------------

def _html_text(data: bytes, file: str) -> str:
    from briefgen.ingest.importers import decode_text

    head = data[:4096].lower()
    m = re.search(rb"charset=[\"']?([\w-]+)", head)
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, file)[0]


_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.IGNORECASE | re.DOTALL)


def _canonical_url(html: str) -> str | None:
    for pattern in (r'<link[^>]+rel=["\']canonical["\'][^>]+href=["\']([^"\']+)',
                    r'<meta[^>]+property=["\']og:url["\'][^>]+content=["\']([^"\']+)',
                    r'<!-- saved from url=\(\d+\)(\S+) -->'):
        m = re.search(pattern, html, re.IGNORECASE)
        if m and m.group(1).startswith("http"):
            return m.group(1)
    return None


def read_html(path: Path, data: bytes) -> RawArticle:
    """A saved page: the article body and metadata through trafilatura and htmldate (no network)."""
    import trafilatura
    from htmldate import find_date

    html = _NOSCRIPT.sub("", _html_text(data, str(path)))  # "enable JavaScript" is not the article
    url = _canonical_url(html)
    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            include_tables=False, favor_precision=False)
        doc = found.as_dict() if hasattr(found, "as_dict") else found
    except Exception as exc:  # trafilatura raises many kinds on malformed markup
        raise ImportFailed(f"cannot read this web page: {exc}", path, code="web-page-broken") from exc
    if not doc or not (doc.get("text") or "").strip():
        raise ImportFailed("no article text found in this web page", path, code="web-page-empty")
    hints: dict[str, str] = {}
    if doc.get("title"):
        hints["title"] = doc["title"].strip()
    if doc.get("sitename"):
        hints["sitename"] = doc["sitename"].strip()
    host = urlparse(url or doc.get("url") or "").hostname
    if host:
        hints["domain"] = host.removeprefix("www.")
    if doc.get("author"):
        hints["author"] = doc["author"]
    try:
        date = find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is best effort; the text's own dates still count
        date = None
    if date:
        hints["date"] = date
    text = doc["text"]
    if doc.get("title") and not text.startswith(doc["title"]):
        text = doc["title"] + "\n\n" + text  # the headline line, as a browser copy would have it
    return RawArticle(file=str(path), sha256=_sha(data), text=text, fmt="html", encoding=None, hints=hints)


# --- Word documents --------------------------------------------------------------------------------------------------

def _check_zip(data: bytes, path: Path, what: str) -> None:
    """Refuse broken archives and zip bombs before any library unpacks them."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ImportFailed(f"broken {what}: not a valid zip container ({exc})", path, code="broken-file") from exc
    for info in infos:
        name = info.filename.replace("\\", "/")
        if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"):
            raise ImportFailed(f"refused {what}: it holds a part named {info.filename!r}, outside the package", path,
                               code="refused-container")
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        raise ImportFailed(f"refused {what}: unpacks to {unpacked // (1024 * 1024)} MB from "
                           f"{len(data) // 1024} KB (zip bomb?)", path, code="refused-container")


def read_docx(path: Path, data: bytes) -> RawArticle:
    """A Word file: body paragraphs (and table cells) in order, title and author from its properties."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_zip(data, path, "Word file")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ImportFailed(f"broken Word file: {exc or 'no document part'}", path, code="broken-file") from exc
    except Exception as exc:  # lxml XMLSyntaxError and friends: a damaged part
        raise ImportFailed(f"broken Word file: {type(exc).__name__}: {exc}", path, code="broken-file") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text.strip() for c in row.cells if c.text.strip()))
    hints: dict[str, str] = {}
    props = document.core_properties
    if props.title:
        hints["title"] = props.title.strip()
    if props.author:
        hints["author"] = props.author.strip()
    return RawArticle(file=str(path), sha256=_sha(data), text="\n".join(lines), fmt="docx", hints=hints)


# --- PDF -------------------------------------------------------------------------------------------------------------

_END = re.compile(r"[.!?:;\"”’)\]]$")


def join_pdf_lines(lines: list[str], blanks_only: bool = False) -> list[str]:
    """Undo the PDF's line wrapping: a line ends a paragraph when it ends a sentence and is short.

    A PDF has no paragraphs, only lines. When the layout's spacing marked paragraphs (blank lines from
    :func:`_page_lines`), only those break (``blanks_only``). Otherwise the wording decides: a wrapped
    line runs close to the full measure; the last line of a paragraph ends with punctuation and
    usually stops short; headline-like lines (no final punctuation, clearly short) stand alone.
    """
    widths = sorted(len(x) for x in lines if x.strip())
    measure = widths[int(len(widths) * 0.9)] if widths else 0
    out: list[str] = []
    current = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            if current:
                out.append(current)
            current = ""
            continue
        current = f"{current[:-1]}{line}" if current.endswith("-") and line[:1].islower() else \
            (f"{current} {line}" if current else line)
        short = len(line) < 0.8 * measure
        if not blanks_only and short and (_END.search(line) or len(line) < 0.5 * measure):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _page_lines(page) -> list[str]:
    """A page's lines with a blank line wherever the vertical gap says a new paragraph starts.

    Lines inside a paragraph sit one line-height apart; paragraph spacing adds to that. When every
    gap is the same (no paragraph spacing), the wording decides instead (:func:`join_pdf_lines`).
    """
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, _size: float) -> None:
        if text.strip():
            runs.append((tm[4] * cm[1] + tm[5] * cm[3] + cm[5], text))

    plain = page.extract_text(visitor_text=visit) or ""
    rows: list[tuple[float, str]] = []
    for y, text in runs:
        if rows and abs(rows[-1][0] - y) < 1.0:
            rows[-1] = (rows[-1][0], rows[-1][1] + " " + text)
        else:
            rows.append((y, text))
    gaps = [round(a[0] - b[0], 1) for a, b in zip(rows, rows[1:], strict=False) if a[0] > b[0]]
    if len(rows) < 3 or not gaps:
        return plain.splitlines()
    step = sorted(gaps)[len(gaps) // 4]  # the plain line-to-line distance
    if all(g < step * 1.3 for g in gaps):
        return plain.splitlines()
    out: list[str] = []
    for k, (y, text) in enumerate(rows):
        if k and rows[k - 1][0] - y > step * 1.3:
            out.append("")
        out += text.splitlines()
    return out


def read_pdf(path: Path, data: bytes) -> RawArticle:
    """A PDF with a text layer; a scan (no text) or a password-protected file is refused with the reason."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise ImportFailed(f"encrypted PDF: cannot decrypt ({exc})", path, code="encrypted-pdf") from exc
            if not opened:
                raise ImportFailed("encrypted PDF: it needs a password; save an unprotected copy", path,
                                   code="encrypted-pdf")
        pages = [_page_lines(page) for page in reader.pages]
        meta = reader.metadata
    except ImportFailed:
        raise
    except FileNotDecryptedError as exc:
        raise ImportFailed("encrypted PDF: it needs a password; save an unprotected copy", path,
                           code="encrypted-pdf") from exc
    except LimitReachedError as exc:
        raise ImportFailed(f"refused PDF: a compressed stream unpacks past the safety limit ({exc})", path,
                           code="refused-container") from exc
    except RecursionError as exc:
        raise ImportFailed("broken PDF: its objects are nested too deeply", path, code="broken-file") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, ArithmeticError,
            AssertionError, zlib.error) as exc:  # pypdf raises all of these on damaged files
        raise ImportFailed(f"broken PDF: {type(exc).__name__}: {exc}", path, code="broken-file") from exc
    if not "".join("".join(page) for page in pages).strip():
        raise ImportFailed("no text layer: this PDF is a scan or an image; run OCR on it first", path,
                           code="scanned-pdf")
    lines: list[str] = []
    for page in pages:
        lines += [*page, ""]
    hints: dict[str, str] = {}
    if meta is not None:
        if meta.title and meta.title.strip():
            hints["title"] = meta.title.strip()
        if meta.author and meta.author.strip():
            hints["author"] = meta.author.strip()
    spaced = any(not line for page in pages for line in page[:-1])  # the layout marked paragraphs
    text = "\n".join(join_pdf_lines(lines, blanks_only=spaced))
    return RawArticle(file=str(path), sha256=_sha(data), text=text, fmt="pdf", hints=hints)
