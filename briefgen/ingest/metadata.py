"""Read an article's metadata from what cleaning left: title, outlet, date, people, wire, language.

Unknown stays unknown: an outlet the text does not name is None, a date with no year and no weekday
is None. Derived or inferred values are flagged as such.
"""

from __future__ import annotations

import datetime as dt
import re

from briefgen.ingest.clean import CleanResult
from briefgen.ingest.dates import DateMention, find_dates, years_in
from briefgen.ingest.outlets import find_outlet, outlet_in, registry
from briefgen.model import Person

ROLE_WORDS = {
    "penulis": "author", "oleh": "author", "by": "author", "writer": "author", "written by": "author",
    "editor": "editor", "redaktur": "editor", "editing by": "editor",
    "reporter": "reporter", "pewarta": "reporter", "kontributor": "reporter", "reporting by": "reporter",
    "foto": "photographer", "fotografer": "photographer", "photo": "photographer",
    "sumber": "source", "source": "source",
}
_LABEL = re.compile(r"^(?P<label>" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\s*:?\s*(?P<rest>.*)$",
                    re.IGNORECASE)
_INITIALS = re.compile(r"^[\[(]\s*(?P<i>[a-z/ ]+)\s*[\])]$", re.IGNORECASE)
_CREDIT_CUE = re.compile(
    r"\b(?i:melansir|dilansir(?: dari)?|mengutip|dikutip(?: dari)?|seperti dilaporkan|dilaporkan|"
    r"laporan|kepada|menurut|sumber\s*:|via|according to|told|reported by|citing)"
    r"\s+(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
)
_TODAY_CUE = re.compile(r"\b(hari ini|today|saat ini)\b", re.IGNORECASE)
_FUTURE_CUE = re.compile(r"\b(akan|depan|mendatang|dijadwalkan|will|next|scheduled)\b", re.IGNORECASE)

ID_WORDS = frozenset(
    "yang dan di ke dari untuk dengan ini itu akan pada tidak adalah dalam juga oleh bahwa para telah sebagai "
    "mereka kata".split()
)
EN_WORDS = frozenset(
    "the and of to in is that for with on was said by as are from has have it its were will this".split()
)


def detect_lang(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    id_hits = sum(w in ID_WORDS for w in words)
    en_hits = sum(w in EN_WORDS for w in words)
    return "en" if en_hits > id_hits else "id"


def derive_title(paragraphs: list[str], max_words: int = 14) -> str:
    """A title from the lead sentence, for clippings copied without their headline."""
    lead = paragraphs[0] if paragraphs else ""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", lead, maxsplit=1)[0].rstrip(".")
    words = sentence.split()
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")


def people_from_credits(credits: list[tuple[int, str]]) -> list[Person]:
    """'Penulis : X' → X (author); a bare label line followed by a name line; sign-off initials."""
    people: list[Person] = []
    pending: str | None = None
    for _, line in credits:
        m = _LABEL.match(line)
        if m:
            role = ROLE_WORDS[m.group("label").lower()]
            rest = m.group("rest").strip()
            if not rest:
                pending = role
                continue
            pending = None
            if role == "source":
                for part in re.split(r"\s*[/,;]\s*", rest):
                    outlet = find_outlet(part)
                    if outlet:
                        people.append(Person(outlet.name, "wire"))
                    elif part:
                        people.append(Person(part, "initials"))
                continue
            for name in re.split(r"\s*(?:,|;|\bdan\b|\band\b|&)\s*", rest):
                if name:
                    people.append(Person(name, role))
            continue
        m = _INITIALS.match(line)
        if m:
            people.append(Person(m.group("i").strip(), "initials"))
            continue
        if pending:
            people.append(Person(line, pending))
            pending = None
    return people


def wire_credits(paragraphs: list[str], people: list[Person]) -> list[str]:
    """Agencies and outlets the body says it draws on ('Melansir Reuters', 'kata X kepada AFP')."""
    names = [p.name for p in people if p.role == "wire"]
    known = {o.name for o in registry()}
    for paragraph in paragraphs:
        for m in _CREDIT_CUE.finditer(paragraph):
            outlet = outlet_in(m.group("name"))
            if outlet and outlet.name in known and outlet.name not in names:
                names.append(outlet.name)
    return names


def publication_date(paragraphs: list[str], today: dt.date | None = None) -> DateMention | None:
    """The article's own date: one marked 'hari ini', else the latest past date in the lead paragraphs."""
    hints = years_in(" ".join(paragraphs))
    lead = paragraphs[:3]
    candidates: list[tuple[int, DateMention]] = []
    for paragraph in lead:
        for mention in find_dates(paragraph, hints, today):
            if mention.date is None:
                continue
            before = paragraph[max(0, mention.start - 40): mention.start]
            if _TODAY_CUE.search(before):
                return mention
            if _FUTURE_CUE.search(before[-25:]):
                continue
            candidates.append((0, mention))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c[1].date, not c[1].inferred))[1]


def outlet_name(result: CleanResult, people: list[Person], hints: dict[str, str]) -> str | None:
    if result.dateline is not None and result.dateline.outlet is not None:
        return result.dateline.outlet.name
    for key in ("sitename", "outlet", "domain"):
        if hints.get(key):
            outlet = find_outlet(hints[key])
            return outlet.name if outlet else hints[key]
    credited = [p.name for p in people if p.role == "wire"]
    return credited[0] if credited else None
