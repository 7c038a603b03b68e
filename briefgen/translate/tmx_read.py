"""Reading TMX (1.1 to 1.4) safely and without losing what briefgen does not use.

Why a module of its own: a translator's memory comes from OmegaT, Trados or memoQ and goes back to
them, so every unit is read twice over — as the *plain text* briefgen matches on (inline codes
dropped, ``<hi>`` text kept, whitespace exactly as in the file) and as the *unit itself* (inline
codes, ``<sub>`` flows, notes, props, dates), serialised so that export writes it back unchanged.

Safety: the file is parsed with ``defusedxml`` (entity declarations and external references
refused in every encoding: UTF-8 with or without BOM, UTF-16 LE/BE with or without BOM, or any
declared single-byte encoding), streamed unit by unit (a large memory is never held whole), with
the element depth bounded (a ``<hi>`` nested thousands deep is a one-line error, not a
``RecursionError``) and the file size and segment length capped.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import stat
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from briefgen.errors import BriefgenError
from briefgen.model.text import Lang

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
INLINE_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})  # native markup: not text (their <sub> flows neither)
MAX_TMX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 64  # tmx/body/tu/tuv/seg is 5; real files nest codes and <hi> a few levels more
MAX_SEGMENT_CHARS = 20_000  # a long paragraph is ~2,000; beyond this it is not a translation unit
# props that say in which context a translation holds: OmegaT's alternatives (id, prev, next, path;
# file only together with one of these), memoQ's x-context-pre/post, Trados' and Okapi's x-context...
_CONTEXT_PROPS = frozenset({"id", "prev", "next", "path"})


class TmxError(BriefgenError):
    """A TMX file that cannot be read (not XML, not TMX, entity declarations, too deep, too large)."""


@dataclass(frozen=True, slots=True)
class Variant:
    """One ``<tuv>``: its language as written, the briefgen language it maps to, its plain text."""

    lang: str
    code: Lang | None
    text: str


@dataclass(slots=True)
class Unit:
    """One ``<tu>``: what briefgen matches on plus the unit as read, for export."""

    xml: str  # the <tu> serialised (TMX 1.4 form: xml:lang, srclang made explicit)
    srclang: str  # the unit's own, else the header's; may be "*all*"
    variants: list[Variant]
    context: dict[str, str] = field(default_factory=dict)
    changed: str | None = None  # ISO date of the last change the file records, if any
    problem: str | None = None  # why the unit cannot be used (set while reading)


def lang_code(value: str | None) -> Lang | None:
    """By primary subtag: 'id', 'id-ID', 'in' (the old code), 'IND' → 'id'; 'en', 'en-GB', 'ENG' → 'en'."""
    base = (value or "").strip().lower().replace("_", "-").split("-")[0]
    if base in ("id", "in", "ind"):
        return "id"
    if base in ("en", "eng"):
        return "en"
    return None


def plain_text(seg: ET.Element) -> str:
    """The text of a ``<seg>`` as a reader sees it: codes' native markup left out, whitespace as written."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in INLINE_CODES:
            parts.append(plain_text(child))  # <hi> and anything unknown: their text is the sentence's
        parts.append(child.tail or "")
    return "".join(parts)


def context_of(tu: ET.Element) -> dict[str, str]:
    """The props of a unit that tie its translation to a context ({} for a default translation)."""
    props = {(p.get("type") or "").strip(): p.text or "" for p in tu.findall("prop")}
    context = {k: v for k, v in props.items() if k.lower() in _CONTEXT_PROPS or k.lower().startswith("x-context")}
    if context and "file" in props:
        context["file"] = props["file"]
    return context


def context_key(context: dict[str, str]) -> str:
    """The stored form of a context: '' for none, else sorted JSON (stable, comparable)."""
    return json.dumps(context, sort_keys=True, ensure_ascii=False) if context else ""


_TMX_DATE = re.compile(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z")


def tmx_date(value: str | None) -> str | None:
    """'20241127T035017Z' (TMX's only date form) → '2024-11-27T03:50:17+00:00'; anything else → None."""
    m = _TMX_DATE.fullmatch((value or "").strip())
    if not m:
        return None
    try:
        return dt.datetime(*map(int, m.groups()), tzinfo=dt.UTC).isoformat(timespec="seconds")
    except ValueError:  # 20231332T...: the right shape, not a date
        return None


def serialise(element: ET.Element) -> str:
    """An element as XML text; a carriage return (only there from ``&#13;``) stays a reference."""
    return ET.tostring(element, encoding="unicode").replace("\r", "&#13;")


# what a header says for all its units, and the value briefgen's export header gives instead
HEADER_DEFAULTS = {"srclang": "*all*", "datatype": "plaintext", "segtype": "sentence"}


def _unit(tu: ET.Element, header: dict[str, str]) -> Unit:
    for tuv in tu.findall("tuv"):  # TMX 1.1 says lang=, 1.4 xml:lang=: keep one, the 1.4 form
        if tuv.get(XML_LANG) is None and tuv.get("lang") is not None:
            tuv.set(XML_LANG, tuv.attrib.pop("lang"))
    srclang = (tu.get("srclang") or header.get("srclang") or "*all*").strip()
    for name, ours in HEADER_DEFAULTS.items():  # exported under briefgen's header: say what the file meant
        if tu.get(name) is None and header.get(name) and header[name].lower() != ours.lower():
            tu.set(name, header[name])
    tail, tu.tail = tu.tail, None
    variants: list[Variant] = []
    problem = None
    dates = [tu.get("changedate"), tu.get("creationdate")]
    for tuv in tu.findall("tuv"):
        lang = (tuv.get(XML_LANG) or "").strip()
        seg = tuv.find("seg")
        text = plain_text(seg) if seg is not None else ""
        if len(text) > MAX_SEGMENT_CHARS:
            problem = f"a segment longer than {MAX_SEGMENT_CHARS:,} characters"
        variants.append(Variant(lang, lang_code(lang), text))
        if lang_code(lang):
            dates[:0] = [tuv.get("changedate"), tuv.get("creationdate")]
    changed = next((d for d in map(tmx_date, dates) if d), None)
    unit = Unit(serialise(tu), srclang, variants, context_of(tu), changed, problem)
    tu.tail = tail
    return unit


def read_units(path: Path, on_header: Callable[[ET.Element], None] | None = None) -> Iterator[Unit]:
    """Every ``<tu>`` of a TMX file, in order, streamed; :class:`TmxError` when the file is unusable.
    ``on_header`` gets the ``<header>`` (its notes, props, ``<ude>`` maps) once it is read.

    Raised mid-way too (a file broken after its first units), so a caller that writes in one
    transaction keeps nothing of a broken file.
    """
    handle = _open_regular(path)
    with handle:
        yield from _stream(_Bounded(handle, MAX_TMX_BYTES, path), path, on_header)


def _open_regular(path: Path) -> io.BufferedReader:
    """``path`` opened for streaming if it is a regular file within the limit; else a one-line TmxError.

    The same rules as :func:`briefgen.userfiles.read_regular` (which reads whole; a memory file is streamed):
    a FIFO or device is refused by its type before it is opened, the descriptor is opened non-blocking
    and checked again, so ``memory import some.fifo`` or ``/dev/zero`` cannot hang or fill the memory.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise TmxError("refused: not a regular file (a folder, pipe or device)", path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise TmxError(f"cannot be read ({exc.strerror or exc})", path) from exc
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_TMX_BYTES:
        os.close(fd)
        if stat.S_ISREG(st.st_mode):
            raise TmxError(f"the file is too large ({st.st_size:,} bytes; the limit is {MAX_TMX_BYTES:,}) for a "
                           "translation memory", path)
        raise TmxError("refused: not a regular file (a folder, pipe or device)", path)
    return io.open(fd, "rb", closefd=True)  # noqa: UP020 -- io.open on a descriptor, not a path


class _Bounded:
    """A reader that stops with a TmxError after ``limit`` bytes (a file that grows while it is read)."""

    def __init__(self, handle: io.BufferedReader, limit: int, path: Path) -> None:
        self._handle, self._left, self._path = handle, limit, path

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size if size >= 0 else self._left + 1)
        self._left -= len(data)
        if self._left < 0:
            raise TmxError(f"the file is too large (more than {MAX_TMX_BYTES:,} bytes) for a translation memory",
                           self._path)
        return data

    def tell(self) -> int:  # for the error messages' "before byte n"
        return self._handle.tell()


def _stream(handle, path: Path, on_header: Callable[[ET.Element], None] | None) -> Iterator[Unit]:
    depth = 0
    header: dict[str, str] = {}
    parents: list[ET.Element] = []
    try:
        for event, element in DET.iterparse(handle, events=("start", "end"), forbid_dtd=False,
                                            forbid_entities=True, forbid_external=True):
            if event == "start":
                if element.tag[:1] == "{":  # a default namespace some tools add: TMX's names are plain
                    element.tag = element.tag.rsplit("}", 1)[1]
                depth += 1
                if depth == 1 and element.tag != "tmx":
                    raise TmxError(f"is not a TMX file (root element <{element.tag}>)", path)
                if depth > MAX_DEPTH:
                    raise TmxError(f"nests elements more than {MAX_DEPTH} levels deep ({_where(handle)}); "
                                   "refused", path)
                if element.tag == "header" and depth == 2:
                    header = {k: v for k, v in element.attrib.items() if k in HEADER_DEFAULTS}
                parents.append(element)
                continue
            depth -= 1
            parents.pop()
            if element.tag == "header" and depth == 1 and on_header is not None:
                on_header(element)
            if element.tag == "tu" and depth == 2:
                yield _unit(element, header)
                if parents:
                    parents[-1].remove(element)  # streamed: the body never holds more than one unit
    except DefusedXmlException as exc:
        raise TmxError("declares XML entities or refers to outside files, which a TMX file does not need; "
                       f"refused ({type(exc).__name__})", path) from exc
    except ET.ParseError as exc:
        raise TmxError(f"is not well-formed XML ({exc})", path) from exc
    except (UnicodeError, LookupError, ValueError) as exc:  # an encoding the file declares but does not use
        raise TmxError(f"cannot be decoded ({exc})", path) from exc


def _where(handle) -> str:
    try:
        return f"before byte {handle.tell():,}"
    except OSError:
        return "position unknown"
