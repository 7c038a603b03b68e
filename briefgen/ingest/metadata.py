"""Read an article's metadata from what cleaning left: title, outlet, date, people, wire, language.

Unknown stays unknown: an outlet the text does not name is None, a date with no year and no weekday
is None. Derived or inferred values are flagged as such.
"""

from __future__ import annotations

import datetime as dt
import re

from briefgen.ingest.clean import CleanResult
from briefgen.ingest.dates import WEEKDAYS, DateMention, find_dates, infer_year, years_in
from briefgen.ingest.outlets import find_outlet, outlet_in, registry
from briefgen.model import Person

ROLE_WORDS = {
    "penulis": "author", "oleh": "author", "by": "author", "writer": "author", "written by": "author",
    "editor": "editor", "redaktur": "editor", "editing by": "editor",
    "reporter": "reporter", "pewarta": "reporter", "kontributor": "reporter", "reporting by": "reporter",
    "foto": "photographer", "fotografer": "photographer", "photo": "photographer",
    "sumber": "source", "source": "source",
    "rep": "reporter", "red": "editor", "ditulis oleh": "author", "dilaporkan oleh": "reporter",
    "disunting oleh": "editor", "additional reporting by": "reporter", "writing by": "author",
    "laporan wartawan": "reporter", "laporan reporter": "reporter", "laporan koresponden": "reporter",
    "laporan kontributor": "reporter",
}
_LABEL_AHEAD = "|".join(sorted((re.escape(w) for w in ROLE_WORDS if " " not in w or w.endswith(" by")),
                               key=len, reverse=True))
# "Rep: X/ Red: Y", "Penulis: X, Editor: Y": a separator followed by the next label starts a new part
_NEXT_LABEL = re.compile(rf"\s*[/,;|]\s*(?=(?i:{_LABEL_AHEAD})\s*:)|\s*;\s*(?=(?i:editing|additional|writing) by)")
_LABEL = re.compile(r"^(?P<label>" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")\b\s*:?\s*(?P<rest>.*)$",
                    re.IGNORECASE)
_INITIALS = re.compile(r"^[\[(]\s*(?P<i>[a-z/ ]+)\s*[\])]$", re.IGNORECASE)
_CREDIT_CUE = re.compile(
    r"\b(?i:melansir|dilansir(?: dari)?|mengutip|dikutip(?: dari)?|seperti dilaporkan|dilaporkan|"
    r"laporan|kepada|menurut|sumber\s*:|via|according to|told|reported by|citing|berasal dari|bersumber dari|"
    r"information from|reporting from)"
    r"\s+(?P<name>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})"
)
_DIGIT_RE = re.compile(r"\d")
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


_INITIALS_ONLY = re.compile(r"^[a-z]{1,5}(?:\s*/\s*[a-z]{1,5})*$")
_NAME_WORDS = re.compile(r"^[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|bin|binti|van|de|al|el|da))*$")


def _person(name: str, role: str) -> Person | None:
    """One credited name, classed: an agency or outlet is a wire credit, lower-case letters are initials.

    A name in capitals ("HYUNG-JIN KIM", as AP prints bylines) is given in title case.
    """
    name = name.strip(" .:-–()[]")
    if not name or len(name) > 60:
        return None
    outlet = find_outlet(name) or find_outlet(re.sub(r"\s+(news agency|news|agency)$", "", name, flags=re.IGNORECASE))
    if outlet is not None:
        return Person(outlet.name, "wire")
    if _INITIALS_ONLY.match(name):
        return Person(name, "initials")
    if name.isupper() and len(name) > 4:
        name = " ".join(w.capitalize() if "-" not in w else "-".join(p.capitalize() for p in w.split("-"))
                        for w in name.split())
    if (role in ("author", "reporter", "editor", "photographer") and not _NAME_WORDS.match(name)
            and re.search(r"\.(com|co|id|net)\b", name, re.IGNORECASE)):
        return None  # "Tribunnews.com": an outlet not in the registry, not a person
    return Person(name, role)


def _credit_part(part: str, pending: str | None, people: list[Person]) -> str | None:
    """Read one part of a credit line into ``people``; returns the role a bare label leaves pending."""
    from briefgen.ingest.clean import is_person_line, name_and_outlet, name_and_section

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
                elif _INITIALS_ONLY.match(piece) or re.fullmatch(r"[A-Za-z]{1,4}", piece):
                    people.append(Person(piece, "initials"))
                elif piece and piece[0].isupper():
                    people.append(Person(piece, "wire"))  # "Sumber: Guardian": whose copy, not who wrote it
            return None
        if m.group("label").lower().startswith("laporan "):  # "Laporan Wartawan Tribunnews.com, X"
            rest = rest.split(",", 1)[1] if "," in rest else ""
        people += [p for name in _names(rest) if (p := _person(name, role)) is not None]
        return None
    if m := _INITIALS.match(part):
        people.append(Person(m.group("i").strip(), "initials"))
    elif _INITIALS_ONLY.match(part) and "/" in part:
        people.append(Person(part, "initials"))
    elif m := _ROLE_AFTER.match(part):
        people.append(Person(m.group("name"), _AFTER_ROLE[m.group("role").lower()]))
    elif byline := name_and_outlet(part):
        people.append(Person(byline[0], "author"))
    elif section_name := name_and_section(part):
        people.append(Person(section_name, "author"))
    elif not pending and is_person_line(part):
        people.append(Person(part, "author"))  # a name alone beside the date stamp
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
        line = line.strip()
        if line.startswith("(") and line.endswith((")", ").")) and not _INITIALS.match(line):
            line = line.lstrip("(").rstrip(".").rstrip(")")  # "(Reporting by X; Editing by Y)"
        parts = [q for p in _PARTS.split(line) if p for q in _NEXT_LABEL.split(p) if q]
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


_WEEKDAY_WORD = re.compile(r"\b(" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def dateline_date(prefix: str, paragraphs: list[str], today: dt.date | None) -> DateMention | None:
    """'SEOUL, Nov. 9 (Yonhap) --', 'TOKYO, Nov 8 (Reuters) -': the wire's own date in the dateline.

    A wire dateline gives no year: it is taken from the years the article writes (the latest one
    not after today), else from a weekday the lead names on that day; otherwise no date.
    """
    mentions = [m for m in find_dates(prefix, today=today) if m.year is None or not m.inferred]
    if not mentions:
        mentions = find_dates(prefix, [0], today)  # no year hint: the mention comes back without a year
    if not mentions:
        return None
    m = mentions[0]
    if m.date is not None and not m.inferred:
        return m
    limit = today or dt.date.today()
    text = " ".join(paragraphs)
    for year in sorted({y for y in years_in(text) if y <= limit.year}, reverse=True):
        try:
            date = dt.date(year, m.month, m.day)
        except ValueError:
            continue
        if date <= limit:
            return DateMention(m.start, m.end, m.text, m.day, m.month, year, None, date, True)
    lead = paragraphs[0] if paragraphs else ""
    for w in _WEEKDAY_WORD.finditer(lead):
        year = infer_year(m.day, m.month, WEEKDAYS[w.group(1).lower()], [], limit)
        if year is not None and limit.year - year <= 1:
            return DateMention(m.start, m.end, m.text, m.day, m.month, year, None, dt.date(year, m.month, m.day), True)
    return None


def publication_date(paragraphs: list[str], today: dt.date | None = None,
                     stamps: list[tuple[int, str]] | None = None, dateline: str = "") -> DateMention | None:
    """The article's own date.

    The page header's date line when there is one (it is the publication stamp); else the date in
    a wire dateline ("SEOUL, Nov. 9 (Yonhap) --"); else a date the lead marks as 'hari ini'; else
    the latest past date in the lead paragraphs. Captions and the lists of other articles never
    reach here: cleaning has taken them out of the body.
    """
    stamp = _stamp_date(stamps or [], today)
    if stamp is not None:
        return stamp
    if dateline and _DIGIT_RE.search(dateline):
        found = dateline_date(dateline, paragraphs, today)
        if found is not None:
            return found
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


_URL_HOST = re.compile(r"https?://(?:www\.)?([\w.-]+)|\b[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


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
        for hosts in _URL_HOST.findall(removed.text):
            host = hosts[0] or hosts[1]
            outlet = find_outlet(host) or find_outlet(".".join(host.split(".")[-3:])) or find_outlet(
                ".".join(host.split(".")[-2:]))
            if outlet:
                return outlet.name
    for removed in result.removed:  # "© 2023 Kompas.com", "Copyright Okezone": the site names itself
        if removed.reason == "copyright notice":
            outlet = outlet_in(removed.text)
            if outlet:
                return outlet.name
    credited = [p.name for p in people if p.role == "wire"]
    return credited[0] if credited else None
