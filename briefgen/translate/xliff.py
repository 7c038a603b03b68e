"""The briefing's segments as a bilingual exchange file for a translator outside briefgen, and back.

Why XLIFF and not a DOCX table: a translator opens XLIFF straight in a CAT tool, with its memory,
glossary and QA, and the file comes back with each segment's key intact (a Word table loses rows
and keys to reformatting). Two versions, the user's pick:

* **XLIFF 1.2** (default): what every CAT tool reads and writes — OmegaT (built in), Trados Studio,
  memoQ, Wordfast, Phrase, Memsource;
* **XLIFF 2.0**: the current OASIS standard; Trados Studio 2019+, memoQ 9+, OmegaT with the Okapi
  filters plugin.

One file holds one direction (the briefing's segments into ``lang``). Each unit is named by the
work list's key (``resname`` in 1.2, ``name`` in 2.0) and carries the section as a note; a
machine or suggested translation goes out as the target, marked for review; an untranslated one
has no target. On import, a target counts when the translator changed it or marked it done, and
only when the unit's source is still the briefing's (else the briefing changed since the export).

Hostile input: read with defusedxml (no DTD entities, no outside references), at most
:data:`MAX_BYTES`, :data:`MAX_UNITS` units and :data:`MAX_TEXT` characters per text; any problem is
one :class:`XliffError` line naming the file. Writes are atomic. Core module, no Qt.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import defusedxml.ElementTree as DET
from defusedxml import DefusedXmlException

from briefgen.errors import BriefgenError
from briefgen.export import atomic_write_bytes
from briefgen.model import Briefing, Lang, Status
from briefgen.translate.worklist import WorkSegment
from briefgen.userfiles import UserFileError, read_regular

VERSIONS = ("1.2", "2.0")
NS = {"1.2": "urn:oasis:names:tc:xliff:document:1.2", "2.0": "urn:oasis:names:tc:xliff:document:2.0"}
MAX_BYTES = 20 * 1024 * 1024
MAX_UNITS = 100_000
MAX_TEXT = 20_000
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# the states that say "a person finished this" (a target left in another state counts only if it was changed)
DONE_STATES = frozenset({"translated", "final", "signed-off", "reviewed", "needs-review-l10n"})


class XliffError(BriefgenError):
    """An exchange file that cannot be read (or written)."""


@dataclass(frozen=True)
class Unit:
    key: str
    source: str
    target: str
    state: str
    note: str = ""


@dataclass
class ImportReport:
    applied: list[tuple[str, str, str]] = field(default_factory=list)  # (key, lang, text)
    unchanged: int = 0  # no target, or the target as exported and not marked done
    unknown: list[str] = field(default_factory=list)  # keys the briefing no longer has
    source_changed: list[str] = field(default_factory=list)  # the briefing's source differs from the file's

    def summary(self) -> str:
        return (f"{len(self.applied)} translations taken, {self.unchanged} unchanged, "
                f"{len(self.unknown)} unknown, {len(self.source_changed)} with a changed source")


def _units(segments: list[WorkSegment], lang: Lang) -> list[tuple[WorkSegment, str, Status]]:
    out = []
    for seg in segments:
        if seg.source_lang == lang or not seg.text.text(seg.source_lang):
            continue
        status = seg.text.status(lang)
        out.append((seg, "" if status is Status.MISSING else seg.text.text(lang), status))
    return out


def _state(status: Status, version: str) -> str:
    if status is Status.MISSING:
        return "needs-translation" if version == "1.2" else "initial"
    if status.needs_review or status is Status.SAMPLE:
        return "needs-review-translation" if version == "1.2" else "translated"
    return "translated" if version == "1.2" else "reviewed"


def xliff_bytes(briefing: Briefing, segments: list[WorkSegment], lang: Lang, version: str = "1.2") -> bytes:
    """The XLIFF document for the work-list ``segments`` translated into ``lang``."""
    if version not in VERSIONS:
        raise ValueError(f"XLIFF version {version!r}: choose {' or '.join(VERSIONS)}")
    src: Lang = "en" if lang == "id" else "id"
    title = escape(briefing.header.subject.text(src) or briefing.title.text(src))
    rows = []
    for n, (seg, target, status) in enumerate(_units(segments, lang), start=1):
        note = escape(f"{seg.label.en or seg.section} · {status.value}")
        source = escape(seg.text.text(seg.source_lang))
        state = _state(status, version)
        if version == "1.2":
            tgt = f'<target xml:lang="{lang}" state="{state}">{escape(target)}</target>' if target else ""
            rows.append(f'   <trans-unit id="u{n}" resname={quoteattr(seg.key)}><source xml:lang="{src}">{source}'
                        f'</source>{tgt}<note>{note}</note></trans-unit>')
        else:
            tgt = f"<target>{escape(target)}</target>" if target else ""
            rows.append(f'  <unit id="u{n}" name={quoteattr(seg.key)}><notes><note>{note}</note></notes>'
                        f'<segment state="{state}"><source>{source}</source>{tgt}</segment></unit>')
    body = "\n".join(rows)
    if version == "1.2":
        text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="{NS["1.2"]}">\n'
                f' <file original="briefing" source-language="{src}" target-language="{lang}" datatype="plaintext"'
                f' tool-id="briefgen">\n  <header><note>{title}</note></header>\n  <body>\n{body}\n  </body>\n'
                f' </file>\n</xliff>\n')
    else:
        text = (f'<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" xmlns="{NS["2.0"]}" srcLang="{src}"'
                f' trgLang="{lang}">\n <file id="briefing" original="briefing"><notes><note>{title}</note></notes>\n'
                f'{body}\n </file>\n</xliff>\n')
    return text.encode("utf-8")


def export_xliff(path: Path, briefing: Briefing, segments: list[WorkSegment], lang: Lang,
                 version: str = "1.2") -> int:
    """Write the exchange file atomically; returns how many units it holds."""
    data = xliff_bytes(briefing, segments, lang, version)
    atomic_write_bytes(Path(path), data)
    return len(_units(segments, lang))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(element: ET.Element | None) -> str:
    """The element's text with inline codes (<g>, <pc>, <mrk>…) flattened, whitespace as one space."""
    if element is None:
        return ""
    text = " ".join("".join(element.itertext()).split())
    if len(text) > MAX_TEXT:
        raise XliffError(f"a text is longer than {MAX_TEXT} characters; refused")
    return text


def read_xliff(path: Path) -> tuple[str, Lang, list[Unit]]:
    """(version, target language, units) of an XLIFF 1.2 or 2.0 file; :class:`XliffError` otherwise."""
    path = Path(path)
    try:  # a regular file only, never more than the limit read (a FIFO or device is refused, not opened)
        data = read_regular(path, MAX_BYTES)
    except UserFileError as exc:
        raise XliffError(f"cannot be read: {exc.reason}", path) from exc
    try:
        root = DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise XliffError(f"declares XML entities or refers to outside files; refused ({type(exc).__name__})",
                         path) from exc
    except ET.ParseError as exc:
        raise XliffError(f"is not well-formed XML ({exc})", path) from exc
    except (ValueError, RecursionError) as exc:
        raise XliffError(f"cannot be parsed ({type(exc).__name__})", path) from exc
    if _local(root.tag) != "xliff":
        raise XliffError(f"is not an XLIFF file (its root element is <{_local(root.tag) or '?'}>)", path)
    version = (root.get("version") or "").strip()
    if version.startswith("1."):
        version = "1.2"
    if version not in VERSIONS:
        raise XliffError(f"XLIFF version {version or '(none)'} is not supported; use 1.2 or 2.0", path)
    try:
        return (version, *_parse(root, version))  # type: ignore[return-value]
    except XliffError as exc:
        raise XliffError(exc.reason, path) from None


def _lang(value: str | None) -> Lang | None:
    code = (value or "").strip().lower().replace("_", "-").split("-")[0]
    return {"id": "id", "in": "id", "ind": "id", "en": "en", "eng": "en"}.get(code)  # type: ignore[return-value]


def _parse(root: ET.Element, version: str) -> tuple[Lang, list[Unit]]:
    units: list[Unit] = []
    lang: Lang | None = _lang(root.get("trgLang")) if version == "2.0" else None
    for element in root.iter():
        name = _local(element.tag)
        if version == "1.2" and name == "file":
            lang = lang or _lang(element.get("target-language"))
        if name not in ("trans-unit", "unit"):
            continue
        if len(units) >= MAX_UNITS:
            raise XliffError(f"has more than {MAX_UNITS} units; refused")
        key = (element.get("resname") if version == "1.2" else element.get("name")) or element.get("id") or ""
        children = {_local(c.tag): c for c in element}
        if version == "1.2":
            source, target = children.get("source"), children.get("target")
            state = (target.get("state") if target is not None else "") or ""
        else:  # 2.0: the unit's segments, joined (a tool may have split a sentence)
            segs = [c for c in element if _local(c.tag) == "segment"]
            source = target = None
            parts_s = [_text(next((x for x in s if _local(x.tag) == "source"), None)) for s in segs]
            parts_t = [_text(next((x for x in s if _local(x.tag) == "target"), None)) for s in segs]
            state = next((s.get("state") for s in segs if s.get("state")), "") or ""
            units.append(Unit(key, " ".join(p for p in parts_s if p), " ".join(p for p in parts_t if p), state))
            continue
        units.append(Unit(key, _text(source), _text(target), state))
    if lang is None:
        raise XliffError("does not say its target language (Indonesian or English)")
    return lang, units


def import_xliff(path: Path, segments: list[WorkSegment]) -> ImportReport:
    """What the translator's file changes in the briefing: a (key, lang, text) per taken translation."""
    _version, lang, units = read_xliff(path)
    by_key = {s.key: s for s in segments}
    report = ImportReport()
    for unit in units:
        seg = by_key.get(unit.key)
        if seg is None or seg.source_lang == lang:
            report.unknown.append(unit.key)
            continue
        if " ".join(seg.text.text(seg.source_lang).split()) != unit.source:
            report.source_changed.append(unit.key)
            continue
        current = "" if seg.text.status(lang) is Status.MISSING else " ".join(seg.text.text(lang).split())
        changed = unit.target and unit.target != current
        if unit.target and (changed or (unit.state in DONE_STATES and seg.text.status(lang) is not Status.REVIEWED)):
            report.applied.append((unit.key, lang, unit.target))
        else:
            report.unchanged += 1
    return report
