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
    r"laporan|kepada|menurut|sumber\s*:|via|according to|told|reported by|citing|berasal dari|bersumber dari|"
    r"information from|reporting from)"
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


_PARTS = re.compile(r"\s*[|;·●]\s*")
_ROLE_AFTER = re.compile(r"^(?P<name>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3})\s*,\s*(?P<role>jurnalis|wartawan|reporter|"
                         r"kontributor|koresponden|correspondent|staff writer)\b", re.IGNORECASE)
_AFTER_ROLE = {"jurnalis": "reporter", "wartawan": "reporter", "reporter": "reporter", "kontributor": "reporter",
               "koresponden": "reporter", "correspondent": "reporter", "staff writer": "author"}


def _names(rest: str) -> list[str]:
    rest = re.split(r"\s+(?:pada|on)\s+(?=\w*\s*\d)", rest)[0]  # "Oleh X pada 13 Jul 2023" → X
    return [n for n in re.split(r"\s*(?:,|\bdan\b|\band\b|&)\s*", rest) if n and not re.search(r"\d", n)]


def _credit_part(part: str, pending: str | None, people: list[Person]) -> str | None:
    """Read one part of a credit line into ``people``; returns the role a bare label leaves pending."""
    from briefgen.ingest.clean import name_and_outlet

    m = _LABEL.match(part)
    if m:
        role = ROLE_WORDS[m.group("label").lower()]
        rest = m.group("rest").strip()
        if not rest:
            return role
        if role == "source":
            for piece in re.split(r"\s*[/,;]\s*", rest):
                outlet = find_outlet(piece)
                if outlet:
                    people.append(Person(outlet.name, "wire"))
                elif piece:
                    people.append(Person(piece, "initials"))
            return None
        people += [Person(name, role) for name in _names(rest)]
        return None
    if m := _INITIALS.match(part):
        people.append(Person(m.group("i").strip(), "initials"))
    elif m := _ROLE_AFTER.match(part):
        people.append(Person(m.group("name"), _AFTER_ROLE[m.group("role").lower()]))
    elif byline := name_and_outlet(part):
        people.append(Person(byline[0], "author"))
    elif pending and not re.search(r"\d", part):
        people.append(Person(part, pending))
    return None


def people_from_credits(credits: list[tuple[int, str]]) -> list[Person]:
    """Credits → people with roles.

    'Penulis : X' (author); 'Penulis X | Editor Y'; 'Reporting by X and Y; Editing by Z'; a bare
    label line followed by a name line (Tempo's "Editor" / "Ida Rosdalina"; a label with no name
    after it gives no one); 'X, Jurnalis'; 'X - detikNews'; sign-off initials. A name credited
    twice keeps its first role.
    """
    people: list[Person] = []
    pending: str | None = None
    for _, line in credits:
        if find_dates(line) and not _LABEL.match(line) and "·" not in line and "|" not in line:
            continue  # a date stamp, not a person
        parts = [p for p in _PARTS.split(line) if p]
        for part in parts:
            pending = _credit_part(part, pending, people)
    seen: set[str] = set()
    unique = []
    for person in people:
        if person.name.casefold() not in seen:
            seen.add(person.name.casefold())
            unique.append(person)
    return unique


def wire_credits(paragraphs: list[str], people: list[Person], result: CleanResult | None = None) -> list[str]:
    """Agencies whose copy this is ('(Reuters) -', 'Sumber: CNA') or which the body cites ('Melansir Reuters')."""
    names = [p.name for p in people if p.role == "wire"]
    if result is not None and result.dateline is not None and result.dateline.credit is not None:
        names.insert(0, result.dateline.credit.name)
    known = {o.name for o in registry()}
    credit_lines = [line for _, line in result.credits] if result else []
    for line in credit_lines:
        outlet = find_outlet(line)
        if outlet is not None and outlet.wire and outlet.name not in names:
            names.append(outlet.name)  # "REUTERS" alone at the end
    texts = list(paragraphs) + credit_lines
    for text in texts:
        for m in _CREDIT_CUE.finditer(text):
            outlet = outlet_in(m.group("name"))
            if outlet and outlet.name in known and outlet.name not in names:
                names.append(outlet.name)
    return list(dict.fromkeys(names))


def _stamp_date(stamps: list[tuple[int, str]], today: dt.date | None) -> DateMention | None:
    """The first written date (with its year) in the page header's date lines."""
    for _, line in stamps:
        for mention in find_dates(line, today=today):
            if mention.date is not None and not mention.inferred and (today is None or mention.date <= today):
                return mention
    return None


def publication_date(paragraphs: list[str], today: dt.date | None = None,
                     stamps: list[tuple[int, str]] | None = None) -> DateMention | None:
    """The article's own date.

    The page header's date line when there is one (it is the publication stamp); else a date the
    lead marks as 'hari ini'; else the latest past date in the lead paragraphs. Captions and the
    lists of other articles never reach here: cleaning has taken them out of the body.
    """
    stamp = _stamp_date(stamps or [], today)
    if stamp is not None:
        return stamp
    hints = years_in(" ".join(paragraphs))
    lead = paragraphs[:3]
    candidates: list[DateMention] = []
    for paragraph in lead:
        for mention in find_dates(paragraph, hints, today):
            if mention.date is None:
                continue
            before = paragraph[max(0, mention.start - 40): mention.start]
            if _TODAY_CUE.search(before):
                return mention
            if _FUTURE_CUE.search(before[-25:]):
                continue
            candidates.append(mention)
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.date, not c.inferred))


_URL_HOST = re.compile(r"https?://(?:www\.)?([\w.-]+)")


def outlet_name(result: CleanResult, people: list[Person], hints: dict[str, str]) -> str | None:
    """The outlet the clipping itself names; None when it names none (never a guess).

    In order: the dateline; a header line or byline naming a registered outlet; the saved page's
    own site name or address; the address in a printed page's footer; a 'Sumber:' credit.
    """
    if result.dateline is not None and result.dateline.outlet is not None:
        return result.dateline.outlet.name
    if result.outlets:
        return result.outlets[0].name
    if hints.get("sitename") or hints.get("domain"):
        for key in ("sitename", "domain"):
            outlet = find_outlet(hints.get(key, "")) if hints.get(key) else None
            if outlet:
                return outlet.name
        if hints.get("sitename"):
            return hints["sitename"]  # the page names itself; not in the registry, but not a guess
    for removed in result.removed:
        for host in _URL_HOST.findall(removed.text):
            outlet = find_outlet(host)
            if outlet:
                return outlet.name
    credited = [p.name for p in people if p.role == "wire"]
    return credited[0] if credited else None
