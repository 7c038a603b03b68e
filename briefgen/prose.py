"""Briefing prose: the points read as a briefing's sentences, not as pasted news copy.

A transform over the finished (translated) :class:`Briefing`, applied once before the layout, so
every writer and the window's preview see the same text; it changes wording only where a rule of
the briefing's style says so, and keeps every item's provenance and citations:

* **dates in running text** in the briefing's style: "pada Rabu (8/11/2023)" → "pada Rabu,
  8 November 2023" (the year, when the clipping leaves it out, from the cited article's date);
* **leading connectives** that only made sense inside the article are dropped ("Sementara itu,",
  "Selain itu,", "Meanwhile,", and "juga"/"also" in the opening clause);
* **near-duplicate points** (the same claim in different words, token-set similarity ≥ 80) become
  one point citing all their sources; **the same sentence is never printed twice** in one document;
* **background and outlook items** become whole sentences generated from the event in both
  languages ("Maret 2021: Antony Blinken berkunjung ke Korea Selatan." / "March 2021: Antony Blinken
  visited South Korea."); an event without anyone named carries no information and is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from rapidfuzz import fuzz

from briefgen.i18n import format_date
from briefgen.model import BiText, Briefing, Item, Section, Status

POINT_SECTIONS = ("bottom_line", "key_points", "summary")
EVENT_SECTIONS = ("background", "outlook")
SIMILAR = 80  # token-set ratio above which two points say the same thing

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

# event kind (the Indonesian label the extractor writes) → sentence per language, past and future
EVENT_SENTENCES: dict[str, dict[str, tuple[str, str]]] = {
    "Pertemuan puncak": {"id": ("{who} bertemu dalam pertemuan puncak{at}", "{who} akan bertemu dalam pertemuan "
                                "puncak{at}"),
                         "en": ("{who} met at a summit{at}", "{who} will meet at a summit{at}")},
    "Kedatangan": {"id": ("{who} tiba{at}", "{who} akan tiba{at}"),
                   "en": ("{who} arrived{at}", "{who} will arrive{at}")},
    "Pertemuan": {"id": ("{who} mengadakan pertemuan{at}", "{who} akan mengadakan pertemuan{at}"),
                  "en": ("{who} held talks{at}", "{who} will hold talks{at}")},
    "Kunjungan": {"id": ("{who} berkunjung{to}", "{who} akan berkunjung{to}"),
                  "en": ("{who} visited{to_en}", "{who} will visit{to_en}")},
    "Kecaman": {"id": ("{who} menyampaikan kecaman{about}", "{who} akan menyampaikan kecaman{about}"),
                "en": ("{who} issued a condemnation{about}", "{who} will issue a condemnation{about}")},
    "Bantahan": {"id": ("{who} menyampaikan bantahan{about}", "{who} akan menyampaikan bantahan{about}"),
                 "en": ("{who} issued a denial{about}", "{who} will issue a denial{about}")},
    "Pernyataan": {"id": ("{who} menyampaikan pernyataan{about}", "{who} akan menyampaikan pernyataan{about}"),
                   "en": ("{who} made a statement{about}", "{who} will make a statement{about}")},
    "Peluncuran": {"id": ("{who} melakukan peluncuran{at}", "{who} akan melakukan peluncuran{at}"),
                   "en": ("{who} carried out a launch{at}", "{who} will carry out a launch{at}")},
    "Pendaratan": {"id": ("{who} melakukan pendaratan{at}", "{who} akan melakukan pendaratan{at}"),
                   "en": ("{who} made a landing{at}", "{who} will make a landing{at}")},
    "Peristiwa": {"id": ("Peristiwa yang melibatkan {who}{at}", "Peristiwa yang akan melibatkan {who}{at}"),
                  "en": ("An event involving {who}{at}", "An event that will involve {who}{at}")},
}
PLACE_KINDS = ("country", "place")
_EVENT_TEXT = re.compile(r"^(?P<date>.+?) — (?P<label>[^:]+?)(?:: (?P<names>.+))?$")


def polish(briefing: Briefing) -> Briefing:
    """The briefing with its points, background and outlook written as briefing prose (see above)."""
    years = {s.article: s.published for s in briefing.sources}
    sections = []
    seen: list[str] = []
    for section in briefing.sections:
        if section.key in POINT_SECTIONS and section.kind in ("list", "numbered"):
            items = [_clean_item(item, years) for item in section.items]
            section = replace(section, items=tuple(_unique(_merge(items), seen)))
        elif section.kind == "table":  # quoted sentences stay as they are, but their dates are written out
            section = replace(section, items=tuple(_table_dates(item, years) for item in section.items))
        elif section.key in EVENT_SECTIONS and section.kind == "list":
            items = [_event_sentence(item, future=section.key == "outlook") for item in section.items]
            section = replace(section, items=tuple(_unique([i for i in items if i is not None], seen)))
        sections.append(section)
    return replace(briefing, sections=_rebalance(sections))


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
        if text.status(lang) is Status.MISSING or not text.text(lang):
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
            if value and cell.status(lang) is not Status.MISSING:
                written = write_dates(value, lang, year)
                if written != value:
                    cell = cell.with_text(lang, written, cell.status(lang))
        cells.append(cell)
    return replace(item, cells=tuple(cells))


def _key_text(item: Item) -> str:
    text = item.text
    lang = text.source_lang or ("id" if text.id else "en")
    return re.sub(r"\W+", " ", text.text(lang).lower()).strip()


def _merge(items: list[Item]) -> list[Item]:
    """Points that say the same thing become one, citing every source of both (the first one's words)."""
    out: list[Item] = []
    for item in items:
        key = _key_text(item)
        twin = next((i for i, kept in enumerate(out) if key and fuzz.token_set_ratio(key, _key_text(kept)) >= SIMILAR),
                    None)
        if twin is None:
            out.append(item)
            continue
        kept = out[twin]
        cites = tuple(dict.fromkeys((*kept.cites, *item.cites)))
        out[twin] = replace(kept, cites=cites, provenance=(*kept.provenance, *item.provenance),
                            support=0 if len(cites) > len(kept.cites) else kept.support)
    return out


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


def _rebalance(sections: list[Section]) -> tuple[Section, ...]:
    """When merging emptied a bottom-line slot, the next key point moves up (the BLUF keeps its four)."""
    keys = [s.key for s in sections]
    if "bottom_line" not in keys or "key_points" not in keys:
        return tuple(sections)
    b, k = keys.index("bottom_line"), keys.index("key_points")
    bottom, points = list(sections[b].items), list(sections[k].items)
    while len(bottom) < 4 and points:
        bottom.append(points.pop(0))
    sections[b] = replace(sections[b], items=tuple(bottom))
    sections[k] = replace(sections[k], items=tuple(points))
    return tuple(sections)


# --- events -------------------------------------------------------------------------------------------------
def _names_join(names: list[str], lang: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    word = " dan " if lang == "id" else " and "
    return ", ".join(names[:-1]) + word + names[-1]


def _event_sentence(item: Item, future: bool) -> Item | None:
    """'Maret 2021 — Kunjungan: Antony Blinken, Korea Selatan' → 'Maret 2021: Antony Blinken berkunjung ke
    Korea Selatan.' in both languages; items of another shape are kept as they are."""
    from briefgen.extract.gazetteer import load_gazetteer

    text = item.text
    if text.id_status is not Status.GENERATED or text.en_status is not Status.GENERATED:
        return item
    parts = {lang: _EVENT_TEXT.match(text.text(lang)) for lang in ("id", "en")}
    if not all(parts.values()):
        return item
    label = parts["id"]["label"]
    if label not in EVENT_SENTENCES:
        return item
    if not parts["id"]["names"]:
        return None  # an event with nobody named says nothing a reader can use
    gazetteer = load_gazetteer()
    names_id = [n.strip() for n in parts["id"]["names"].split(",")]
    names_en = [n.strip() for n in (parts["en"]["names"] or "").split(",")]
    if len(names_en) != len(names_id):
        return item
    kinds = [getattr(gazetteer.lookup(n), "kind", "person") for n in names_id]
    who = {lg: [n for n, k in zip(ns, kinds, strict=True) if k not in PLACE_KINDS]
           for lg, ns in (("id", names_id), ("en", names_en))}
    where = {lg: [n for n, k in zip(ns, kinds, strict=True) if k in PLACE_KINDS]
             for lg, ns in (("id", names_id), ("en", names_en))}
    if not who["id"]:  # only places: the places are who acted (a government), nowhere else to put them
        who, where = where, {"id": [], "en": []}
    out = {}
    for lang in ("id", "en"):
        places = _names_join(where[lang], lang)
        pattern = EVENT_SENTENCES[label][lang][1 if future else 0]
        if label == "Kunjungan" and not places:  # "visited." needs a place; without one, "made a visit"
            pattern = {"id": ("{who} melakukan kunjungan", "{who} akan melakukan kunjungan"),
                       "en": ("{who} made a visit", "{who} will make a visit")}[lang][1 if future else 0]
        sentence = pattern.format(
            who=_names_join(who[lang], lang),
            at=(f" di {places}" if lang == "id" else f" in {places}") if places else "",
            to=f" ke {places}" if places else "",
            to_en=f" {places}" if places else "",
            about=(f" terkait {places}" if lang == "id" else f" on {places}") if places else "",
        )
        date = parts[lang]["date"]
        out[lang] = f"{date[0].upper()}{date[1:]}: {sentence[0].upper()}{sentence[1:]}."
    return replace(item, text=BiText.generated(out["id"], out["en"]))
