"""Briefing prose: the points read as a briefing's sentences, not as pasted news copy.

A transform over the finished (translated) :class:`Briefing`, applied once before the layout, so
every writer and the window's preview see the same text; it changes wording only where a rule of
the briefing's style says so, and keeps every item's provenance and citations:

* **dates in running text** in the briefing's style: "pada Rabu (8/11/2023)" → "pada Rabu,
  8 November 2023" (the year, when the clipping leaves it out, from the cited article's date);
* **leading connectives** that only made sense inside the article are dropped ("Sementara itu,",
  "Selain itu,", "Meanwhile,", and "juga"/"also" in the opening clause);
* **the same sentence is never printed twice** in one document (a later copy is left out).

Only text whose status is ``source`` (the clipping's own sentence, in its own language) is tidied:
the analyst's ``reviewed`` words, another outlet's ``matched`` sentence (quoted as "from source [n]"),
the bundled ``sample`` translation, ``memory``/``fuzzy`` and ``machine`` text are printed exactly as
they came. The pass never merges points, moves them between sections or adds citations: which
sources say the same thing is decided once, in :mod:`briefgen.extract.claims`, under its
corroboration rules; background and outlook sentences are written from the event itself in
:mod:`briefgen.extract.event_prose`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from briefgen.i18n import format_date
from briefgen.model import Briefing, Item, Status

POINT_SECTIONS = ("bottom_line", "key_points", "summary")
EVENT_SECTIONS = ("background", "outlook")
TIDIED = frozenset({Status.SOURCE})  # the only texts the pass may restyle (see the module docstring)

WEEKDAYS = {"id": "Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad",
            "en": "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"}
_NUMERIC_DATE = {
    lang: re.compile(rf"\b(?P<day_name>{names})\s*\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\)")
    for lang, names in WEEKDAYS.items()}
_BARE_DATE = re.compile(r"\((?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\)")
CONNECTIVES = {
    "id": r"(?:Sementara itu|Selain itu|Di sisi lain|Dalam pada itu|Adapun|Namun demikian|Namun|Lebih lanjut|"
          r"Oleh karena itu|Kemudian|Bahkan)",
    "en": r"(?:Meanwhile|In addition|Also|However|Moreover|Furthermore|Separately|Besides|Additionally)",
}
_LEADING = {lang: re.compile(rf"^{words},?\s+") for lang, words in CONNECTIVES.items()}
_ALSO = {"id": re.compile(r"^([^,.;:]{3,60}?)\s+juga\s+"), "en": re.compile(r"^([^,.;:]{3,60}?)\s+also\s+")}


def polish(briefing: Briefing) -> Briefing:
    """The briefing with its points, background and outlook written as briefing prose (see above)."""
    years = {s.article: s.published for s in briefing.sources}
    sections = []
    seen: list[str] = []
    for section in briefing.sections:
        if section.key in (*POINT_SECTIONS, *EVENT_SECTIONS) and section.kind in ("list", "numbered"):
            items = [_clean_item(item, years) for item in section.items]
            section = replace(section, items=tuple(_unique(items, seen)))
        elif section.kind == "table":  # quoted sentences stay as they are, but their dates are written out
            section = replace(section, items=tuple(_table_dates(item, years) for item in section.items))
        sections.append(section)
    return replace(briefing, sections=tuple(sections))


# --- sentences --------------------------------------------------------------------------------------------
def write_dates(text: str, lang: str, year: int | None = None) -> str:
    """Journalistic numeric dates written out: "Rabu (8/11/2023)" → "Rabu, 8 November 2023"."""
    def numeric(match: re.Match) -> str:
        written = _date(match, lang, year)
        return f"{match['day_name']}, {written}" if written else match.group(0)

    text = _NUMERIC_DATE.get(lang, _NUMERIC_DATE["id"]).sub(numeric, text)
    return _BARE_DATE.sub(lambda m: _date(m, lang, year) or m.group(0), text)


def clean_sentence(text: str, lang: str, year: int | None = None) -> str:
    """One point's text in the briefing's style: dates written out, leading connectives dropped."""
    if not text:
        return text
    text = write_dates(text, lang, year)
    stripped = _LEADING.get(lang, _LEADING["id"]).sub("", text)
    stripped = _ALSO.get(lang, _ALSO["id"]).sub(r"\1 ", stripped, count=1)
    if stripped != text and stripped:
        stripped = stripped[0].upper() + stripped[1:]
    return stripped


def _date(match: re.Match, lang: str, year: int | None) -> str:
    try:
        y = int(match["y"]) if match["y"] else year
        if y is None:
            return ""
        if y < 100:
            y += 2000
        return format_date(dt.date(y, int(match["m"]), int(match["d"])), lang, "medium")  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return ""


def _clean_item(item: Item, published: dict[str, dt.date | None]) -> Item:
    dates = [published.get(p.article) for p in item.provenance]
    year = next((d.year for d in dates if d), None)
    text = item.text
    for lang in ("id", "en"):
        if text.status(lang) not in TIDIED or not text.text(lang):
            continue
        cleaned = clean_sentence(text.text(lang), lang, year)
        if cleaned != text.text(lang):
            text = text.with_text(lang, cleaned, text.status(lang))
    return replace(item, text=text)


def _table_dates(item: Item, published: dict[str, dt.date | None]) -> Item:
    year = next((d.year for d in (published.get(p.article) for p in item.provenance) if d), None)
    cells = []
    for cell in item.cells:
        for lang in ("id", "en"):
            value = cell.text(lang)
            if value and cell.status(lang) in TIDIED:
                written = write_dates(value, lang, year)
                if written != value:
                    cell = cell.with_text(lang, written, cell.status(lang))
        cells.append(cell)
    return replace(item, cells=tuple(cells))


def _key_text(item: Item) -> str:
    text = item.text
    lang = text.source_lang or ("id" if text.id else "en")
    return re.sub(r"\W+", " ", text.text(lang).lower()).strip()


def _unique(items: list[Item], seen: list[str]) -> list[Item]:
    """Items whose sentence was already printed earlier in the document are left out."""
    out = []
    for item in items:
        key = _key_text(item)
        if key and any(key == s or (len(key) > 40 and (key in s or s in key)) for s in seen):
            continue
        seen.append(key)
        out.append(item)
    return out
