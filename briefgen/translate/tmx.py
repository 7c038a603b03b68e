"""TMX 1.4 import and export, so a ministry's existing memory loads and the work goes back out.

Import keeps each translation unit's pair in the direction its ``srclang`` says (the unit's own
attribute, else the header's; ``*all*`` stores both directions), maps regional codes (``id-ID``,
``en-GB``, the old ``in``) to the two languages briefgen knows and skips the rest. Inline codes
(``<bpt>``, ``<ph>``...) hold native markup, not text, so only their tails are kept; ``<hi>`` text is
kept. Everything imported is a person's translation: status ``reviewed``.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from briefgen import __version__
from briefgen.errors import BriefgenError
from briefgen.export import atomic_write_bytes
from briefgen.model.text import Lang
from briefgen.translate.memory import TranslationMemory

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE_CODES = {"bpt", "ept", "it", "ph", "ut"}
MAX_TMX_BYTES = 512 * 1024 * 1024


class TmxError(BriefgenError):
    """A TMX file that cannot be read (not XML, not TMX, entity declarations)."""


@dataclass(frozen=True)
class TmxReport:
    stored: int
    skipped: int  # units without both an Indonesian and an English variant


def lang_code(value: str | None) -> Lang | None:
    """'id', 'id-ID', 'in', 'IND' → 'id'; 'en', 'en-GB', 'ENG' → 'en'; anything else → None."""
    base = (value or "").strip().lower().replace("_", "-").split("-")[0]
    if base in ("id", "in", "ind"):
        return "id"
    if base in ("en", "eng"):
        return "en"
    return None


def _seg_text(seg: ET.Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if child.tag not in _INLINE_CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _parse(path: Path) -> ET.Element:
    try:
        size = path.stat().st_size
        if size > MAX_TMX_BYTES:
            raise TmxError(f"the file is too large ({size} bytes) for a translation memory", path)
        data = path.read_bytes()
    except OSError as exc:
        raise TmxError(f"cannot be read ({exc.strerror or exc})", path) from exc
    if b"<!ENTITY" in data:  # entity expansion is how XML bombs work; real TMX never declares entities
        raise TmxError("declares XML entities, which a TMX file does not need; refused", path)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise TmxError(f"is not well-formed XML ({exc})", path) from exc
    if root.tag != "tmx":
        raise TmxError(f"is not a TMX file (root element <{root.tag}>)", path)
    return root


def import_tmx(path: Path | str, memory: TranslationMemory) -> TmxReport:
    """Load every Indonesian–English unit of a TMX file into the memory as ``reviewed``."""
    path = Path(path)
    root = _parse(path)
    header = root.find("header")
    default_src = (header.get("srclang") if header is not None else None) or "*all*"
    pairs: dict[tuple[Lang, Lang], list[tuple[str, str]]] = {("id", "en"): [], ("en", "id"): []}
    skipped = 0
    for tu in root.iter("tu"):
        texts: dict[Lang, str] = {}
        for tuv in tu.findall("tuv"):
            lang = lang_code(tuv.get(XML_LANG) or tuv.get("lang"))
            seg = tuv.find("seg")
            if lang and seg is not None and lang not in texts:
                texts[lang] = " ".join(_seg_text(seg).split())
        if not (texts.get("id") and texts.get("en")):
            skipped += 1
            continue
        src = tu.get("srclang") or default_src
        directions = [("id", "en"), ("en", "id")] if src == "*all*" else []
        if lang_code(src):
            directions = [(lang_code(src), "en" if lang_code(src) == "id" else "id")]
        for s, t in directions or [("id", "en")]:
            pairs[(s, t)].append((texts[s], texts[t]))
    stored = sum(memory.store_many(p, s, t, "reviewed", f"tmx:{path.name}") for (s, t), p in pairs.items() if p)
    return TmxReport(stored, skipped)


def export_tmx(memory: TranslationMemory, path: Path | str) -> int:
    """Write the people's translations as TMX 1.4 (atomically); returns the number of units."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "briefgen", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "briefgen-sqlite", "adminlang": "en", "srclang": "*all*", "datatype": "plaintext",
        "creationdate": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
    })
    body = ET.SubElement(root, "body")
    count = 0
    for entry in memory.entries():
        tu = ET.SubElement(body, "tu", srclang=entry.src_lang)
        if entry.origin:
            ET.SubElement(tu, "prop", type="x-briefgen-origin").text = entry.origin
        for lang, text in ((entry.src_lang, entry.source), (entry.tgt_lang, entry.target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
        count += 1
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
    atomic_write_bytes(Path(path), data)
    return count
