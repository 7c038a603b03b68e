"""TMX import and export, so a translator's memory from OmegaT, Trados or memoQ loads, serves both
directions, and goes back out no poorer than it came in.

Import (``read_units`` in :mod:`briefgen.translate.tmx_read` does the safe parsing):

- every unit with an Indonesian and an English variant (``id``, ``in``, ``id-ID``; ``en``, ``en-US``,
  ``en-GB``...: matched by primary subtag) serves **both directions**, whatever its ``srclang``
  (``*all*``, a third language, none); ``srclang`` only says which direction is the unit's own;
- other variants of one language (``en-US`` and ``en-GB``) are extra sources for the other language;
- a unit with context props (OmegaT's alternatives, ``x-context``...) is an **alternative**, kept
  beside the default translation; a second translation of the same sentence is kept too;
- a unit of several sentences is also cut into sentence pairs with the app's own splitter
  (:func:`briefgen.extract.sentences.split_sentences`) when both sides have the same number of them;
  the paragraph stays, whole;
- text is stored as written (tabs, runs of spaces, no-break and full-width spaces); only the
  matching key is normalised;
- the unit itself (inline codes, ``<sub>``, notes, props, dates) is kept and written back on export.

Everything imported is a person's translation: status ``reviewed``. One file is one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as DET

from briefgen import __version__
from briefgen.export import atomic_write_bytes
from briefgen.model.text import Lang
from briefgen.translate.memory import TranslationMemory, UnitRows
from briefgen.translate.segments import normalise, split_segments
from briefgen.translate.tmx_read import XML_LANG, TmxError, Unit, Variant, context_key, lang_code, read_units, serialise  # noqa: F401

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_OTHER: dict[Lang, Lang] = {"id": "en", "en": "id"}
_HEADER_KEPT = ("note", "prop", "ude")  # what a file's header says about all its units: written back on export
OUTCOMES = ("stored", "alternative", "updated", "unchanged")


@dataclass
class TmxReport:
    """What an import did, unit by unit (each ``<tu>`` lands in exactly one count)."""

    units: int = 0
    stored: int = 0  # new default translations
    alternatives: int = 0  # context-specific translations, or another translation of a sentence already here
    updated: int = 0  # a translation already here, now carrying this unit's codes, notes, props, date
    unchanged: int = 0  # this very unit was already in the memory (or repeated in the file)
    sentences: int = 0  # sentence pairs added from paragraph units (the paragraphs count once, above)
    unsplit: int = 0  # paragraph units whose sides have different numbers of sentences: kept whole only
    skipped: dict[str, Counter] = field(default_factory=dict)  # reason → {languages of the unit: units}

    @property
    def usable(self) -> int:
        return self.stored + self.alternatives + self.updated + self.unchanged

    @property
    def skipped_total(self) -> int:
        return sum(sum(c.values()) for c in self.skipped.values())

    def skip(self, reason: str, unit: Unit) -> None:
        langs = "+".join(sorted({(v.lang or "?").lower() for v in unit.variants})) or "no <tuv>"
        self.skipped.setdefault(reason, Counter())[langs] += 1

    def summary(self) -> str:
        """One line: ``12 units: 9 stored, 2 alternatives, 1 skipped (no Indonesian: en-US+fr-CA 1)``."""
        parts = [f"{self.stored} stored", f"{self.alternatives} alternatives", f"{self.updated} updated",
                 f"{self.unchanged} already in the memory"]
        if self.sentences or self.unsplit:
            parts.append(f"{self.sentences} sentence pairs from paragraph units"
                         + (f" ({self.unsplit} paragraphs kept whole: sentence counts differ)" if self.unsplit else ""))
        line = f"{self.units} units: " + ", ".join(parts) + f", {self.skipped_total} skipped"
        return line + (f" ({self.skip_reasons()})" if self.skipped else "")

    def skip_reasons(self) -> str:
        """``no Indonesian variant: en-us+fr-ca 3; no English variant: id+ja 1``."""
        return "; ".join(f"{reason}: " + ", ".join(f"{langs} {n}" for langs, n in counts.most_common())
                         for reason, counts in self.skipped.items())


def _preferred(variants: list[Variant], srclang: str) -> Variant:
    """Of several variants of one language, the one the unit names as its source, else the first."""
    return next((v for v in variants if v.lang.lower() == srclang.lower()), variants[0])


def unit_rows(unit: Unit, report: TmxReport) -> UnitRows | None:
    """The memory rows of one unit, or ``None`` (and the reason counted) when it cannot serve."""
    if unit.problem:
        report.skip(unit.problem, unit)
        return None
    sides: dict[Lang, list[Variant]] = {"id": [], "en": []}
    for variant in unit.variants:
        if variant.code and variant.text.strip():
            sides[variant.code].append(variant)
    if not (sides["id"] and sides["en"]):
        codes = {v.code for v in unit.variants}
        reason = ("no Indonesian or English variant" if not codes & {"id", "en"} else
                  "an Indonesian or English segment is empty" if codes >= {"id", "en"} else
                  "no Indonesian variant" if "en" in codes else "no English variant")
        report.skip(reason, unit)
        return None
    best = {code: _preferred(variants, unit.srclang) for code, variants in sides.items()}
    src: Lang = lang_code(unit.srclang) or "id"  # "*all*" or a third language: Indonesian first, the app's use
    tgt = _OTHER[src]
    mirrors = [(tgt, src, best[tgt].text, best[src].text)]
    for code, variants in sides.items():
        seen = {normalise(best[code].text)}
        for v in variants:
            if normalise(v.text) not in seen:
                seen.add(normalise(v.text))
                mirrors.append((code, _OTHER[code], v.text, best[_OTHER[code]].text))
    cut = {code: [s for paragraph in split_segments(best[code].text) for s in paragraph] for code in ("id", "en")}
    sentences: list[tuple[Lang, Lang, str, str]] = []
    if len(cut["id"]) == len(cut["en"]) > 1:
        for a, b in zip(cut["id"], cut["en"], strict=True):
            sentences += [("id", "en", a, b), ("en", "id", b, a)]
    elif max(len(cut["id"]), len(cut["en"])) > 1:
        report.unsplit += 1
    # no date in the file: unknown, which ranks below any dated translation (see TranslationMemory.lookup)
    return UnitRows(unit.xml, src, tgt, best[src].text, best[tgt].text, context_key(unit.context), unit.changed or "",
                    tuple(mirrors), tuple(sentences))


def import_tmx(path: Path | str, memory: TranslationMemory) -> TmxReport:
    """Load every Indonesian–English unit of a TMX file (all or nothing); :class:`TmxError` if unreadable."""
    path = Path(path)
    report = TmxReport()
    origin = f"tmx:{path.name}"
    seen: set[int] = set()
    headers: list[ET.Element] = []
    with memory.transaction():
        for unit in read_units(path, on_header=headers.append):
            report.units += 1
            rows = unit_rows(unit, report)
            if rows is None:
                continue
            outcome, sentences = memory.add_unit(rows, origin, seen)
            report.sentences += sentences
            if outcome == "alternative":
                report.alternatives += 1
            else:
                setattr(report, outcome, getattr(report, outcome) + 1)
        kept = [child for header in headers for child in header if child.tag in _HEADER_KEPT]
        for child in kept:
            child.tail = None
        if kept and report.usable:
            memory.add_header("".join(serialise(child) for child in kept), origin)
    return report


def nothing_usable(report: TmxReport) -> str | None:
    """Why a file gave the memory nothing (for a non-zero exit), or ``None`` when it gave something."""
    if report.usable:
        return None
    if not report.units:
        return "nothing imported: the file has no translation units"
    return ("nothing imported: no unit has both an Indonesian and an English segment "
            f"({report.units} units; {report.skip_reasons()})")


def _text(value: str) -> str:
    return _XML_INVALID.sub("", value)


def export_tmx(memory: TranslationMemory, path: Path | str) -> int:
    """Write the people's translations as TMX 1.4 (atomically); returns the number of units.

    An imported unit goes back as it came (codes, ``<sub>``, notes, props, dates, alternatives' context
    props); a translation made in briefgen becomes a unit with its origin as a prop.
    """
    header = ET.Element("header", {
        "creationtool": "briefgen", "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": "briefgen-sqlite", "adminlang": "en", "srclang": "*all*", "datatype": "plaintext",
        "creationdate": dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
    })
    seen: set[str] = set()
    for kept in memory.headers():  # imported files' header notes, props and <ude> maps, each once
        for child in DET.fromstring(f"<header>{kept}</header>"):
            child.tail = None
            key = f"ude:{child.get('name')}" if child.tag == "ude" else serialise(child)  # one map per name
            if key not in seen:
                seen.add(key)
                header.append(child)
    chunks = ['<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  ', serialise(header), "\n  <body>\n"]
    count = 0
    for entry in memory.entries():
        if entry.unit_xml:
            chunks += ["    ", entry.unit_xml, "\n"]
        else:
            tu = ET.Element("tu", srclang=entry.src_lang)
            if entry.origin:
                ET.SubElement(tu, "prop", type="x-briefgen-origin").text = _text(entry.origin)
            for lang, text in ((entry.src_lang, entry.source), (entry.tgt_lang, entry.target)):
                tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
                ET.SubElement(tuv, "seg").text = _text(text)
            stamp = _tmx_stamp(entry.updated)
            if stamp:
                tu.set("changedate", stamp)
            chunks += ["    ", serialise(tu), "\n"]
        count += 1
    chunks.append("  </body>\n</tmx>\n")
    atomic_write_bytes(Path(path), "".join(chunks).encode("utf-8"))
    return count


def _tmx_stamp(iso: str) -> str | None:
    try:
        stamp = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
