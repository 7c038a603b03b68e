"""Quality checks on a translation, before a segment is accepted and again before export.

What a reviewer misses when reading a long sentence, checked mechanically (as OmegaT's and
Trados' QA do): a figure that changed on the way ("1 juta" written as "1 billion"), a date or
weekday that moved, a gazetteer name or a glossary term left out, a segment still untranslated,
and a target that is the source copied unchanged. Each finding is a *warning*: the analyst may
know better (a rounded figure, a name written another way), so nothing is blocked.

Core module, no Qt: the Review tab's Check panel, the export dialog and the CLI read the same list.
Messages come from the catalogue in both languages (:func:`briefgen.i18n.label`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from briefgen.i18n import label
from briefgen.model import BiText, Briefing, Lang, Status
from briefgen.translate.worklist import WorkSegment, work_segments

KINDS = ("untranslated", "numbers", "dates", "names", "terms", "identical")

MONTHS: dict[Lang, tuple[str, ...]] = {
    "id": ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
           "oktober", "november", "desember"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"),
}
MONTH_ABBR: dict[str, int] = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "agu": 8,
                              "agt": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "des": 12, "dec": 12}
WEEKDAYS: dict[Lang, tuple[str, ...]] = {
    "id": ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
SCALES: dict[str, float] = {
    "ribu": 1e3, "rb": 1e3, "juta": 1e6, "jt": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
    "thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12, "tn": 1e12,
}
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_NUMBER = re.compile(rf"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:st|nd|rd|th)?(?:\s?({_SCALE}))?(?![\w])", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?(?![\d/])")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# "Minggu" is Sunday but also "week" ("pekan" too): only counted as a weekday beside a date or a comma
_AMBIGUOUS_WEEKDAY = {"minggu"}


@dataclass(frozen=True, slots=True)
class QaWarning:
    """One finding for one segment: ``kind`` (see :data:`KINDS`), a message in both languages."""

    kind: str
    message: BiText
    key: str = ""  # the work segment's key (``header:subject``, an item key)
    section: str = ""  # the section key ("header" for the memo fields)
    lang: Lang = "en"  # the language that was checked (the target)


def parse_number(token: str, lang: Lang) -> float | None:
    """``token`` as written in ``lang``: Indonesian "1.000,5" and English "1,000.5" are both 1000.5.

    A separator followed by exactly three digits (repeated) is read as a thousands separator in either
    language, because translators and wires mix the conventions; otherwise the language's decimal sign.
    """
    if re.fullmatch(r"\d{1,3}([.,])\d{3}(\1\d{3})*", token):
        return float(re.sub(r"[.,]", "", token))
    decimal, group = (",", ".") if lang == "id" else (".", ",")
    text = token.replace(group, "") if token.count(decimal) <= 1 else token.replace(decimal, "")
    try:
        return float(text.replace(decimal, "."))
    except ValueError:
        return None


def _month(word: str, lang: Lang) -> int | None:
    low = word.casefold().rstrip(".")
    for table in (MONTHS[lang], MONTHS["en" if lang == "id" else "id"]):
        if low in table:
            return table.index(low) + 1
    return MONTH_ABBR.get(low) if word[:1].isupper() else None


@dataclass(frozen=True, slots=True)
class Facts:
    """What must survive translation: numbers (scaled), months, weekdays."""

    numbers: Counter
    months: Counter
    weekdays: Counter


def facts_of(text: str, lang: Lang) -> Facts:
    """The numbers, months and weekdays of ``text``; a numeric date "8/11/2023" gives day, month and year."""
    months: Counter = Counter()
    numbers: Counter = Counter()
    weekdays: Counter = Counter()

    def numeric_date(m: re.Match[str]) -> str:
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group(0)
        months[month] += 1
        numbers[float(day)] += 1
        if m.group(3):
            numbers[float(m.group(3))] += 1
        return " "

    rest = _NUMERIC_DATE.sub(numeric_date, text)
    for m in _NUMBER.finditer(rest):
        value = parse_number(m.group(1), lang)
        if value is not None:
            numbers[round(value * SCALES.get((m.group(2) or "").casefold(), 1.0), 6)] += 1
    words = list(_WORD.finditer(rest))
    for w in words:
        month = _month(w.group(0), lang)
        if month and w.group(0)[:1].isupper():
            months[month] += 1
        low = w.group(0).casefold()
        for table in WEEKDAYS.values():
            if low in table and w.group(0)[:1].isupper():
                if low in _AMBIGUOUS_WEEKDAY and not _beside_date(rest, w.end()):
                    continue
                weekdays[table.index(low)] += 1
    return Facts(numbers, months, weekdays)


def _beside_date(text: str, end: int) -> bool:
    return bool(re.match(r"\s*[,(]?\s*\d", text[end:end + 6]))


def _describe(counter: Counter) -> str:
    """The values, plainly: 1000000 as "1,000,000", 2.5 as "2.5", a year as "2023"."""
    def one(v: float) -> str:
        if not float(v).is_integer():
            return f"{v:,}"
        return f"{v:,.0f}" if abs(v) >= 10_000 else f"{v:.0f}"
    return ", ".join(one(v) for v in sorted(counter.elements()))


def check_pair(source: str, target: str, src: Lang, tgt: Lang, glossary=None, gazetteer=None,  # noqa: ANN001
               ) -> list[QaWarning]:
    """Warnings for one translation ``target`` of ``source`` (empty target: untranslated)."""
    if not target.strip():
        return [QaWarning("untranslated", label("Not translated yet"), lang=tgt)]
    out: list[QaWarning] = []
    a, b = facts_of(source, src), facts_of(target, tgt)
    if a.numbers != b.numbers:  # only what differs: the figures of the source not in the translation, and back
        out.append(QaWarning("numbers", label("Numbers differ: source {source}; translation {target}",
                                              source=_describe(a.numbers - b.numbers) or "–",
                                              target=_describe(b.numbers - a.numbers) or "–"), lang=tgt))
    if a.months != b.months or a.weekdays != b.weekdays:
        out.append(QaWarning("dates", label("Dates differ: a month or weekday of the source is not in the translation"),
                             lang=tgt))
    out += _names_and_terms(source, target, src, tgt, glossary, gazetteer)
    if _same(source, target) and len(_WORD.findall(source)) > 3:
        out.append(QaWarning("identical", label("The translation is the source, unchanged"), lang=tgt))
    return out


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _names_and_terms(source: str, target: str, src: Lang, tgt: Lang, glossary, gazetteer) -> list[QaWarning]:  # noqa: ANN001
    out: list[QaWarning] = []
    low = target.casefold()
    seen: set[str] = set()  # source forms already looked at (the glossary check skips them)
    reported: set[str] = set()  # expected forms already warned about
    if gazetteer is not None:
        for mention in gazetteer.find(source):
            entry, role = mention.entry, mention.role
            # the gazetteer's plain words ("senjata", "hari") help translating but are not a required wording,
            # nor is a phrase in lower case ("timur Rusia"); a user's glossary is (below)
            if (entry.kind == "term" and role is None) or not mention.text[:1].isupper():
                seen.add(mention.text)
                continue
            if role is not None:
                forms = [role.en if tgt == "en" else role.id]
                # "US Defense Secretary Lloyd Austin" for "Menteri Pertahanan AS Lloyd Austin": the holder is named
                forms += [entry.name[tgt], *entry.variants.get(tgt, ())] if entry.kind == "person" else []
                kind = "terms"
            elif mention.text in entry.metonyms:  # "Seoul" for South Korea's government: "Seoul"
                forms = [entry.metonyms[mention.text]]
                kind = "names"
            else:
                forms = [entry.name[tgt], *entry.variants.get(tgt, ())]
                if mention.text in entry.name[tgt]:  # "Blinken" kept as written
                    forms.insert(0, mention.text)
                kind = "terms" if entry.kind == "term" else "names"
            seen.add(mention.text)
            if forms[0] and not any(f.casefold() in low for f in forms if f) and forms[0] not in reported:
                reported.add(forms[0])
                msgid = "Name missing: {source} → {target}" if kind == "names" else \
                    "Glossary term missing: {source} → {target}"
                out.append(QaWarning(kind, label(msgid, source=mention.text, target=forms[0]), lang=tgt))
    if glossary is not None:
        for term in glossary.missing_in(source, target, src, tgt):
            if term.origin != "gazetteer" and term.source not in seen:
                seen.add(term.source)
                out.append(QaWarning("terms", label("Glossary term missing: {source} → {target}",
                                                    source=term.source, target=term.target), lang=tgt))
    return out


def check_segment(segment: WorkSegment, lang: Lang, glossary=None, gazetteer=None) -> list[QaWarning]:  # noqa: ANN001
    """Warnings for ``segment`` translated into ``lang`` (nothing when ``lang`` is its source)."""
    text = segment.text
    src = text.source_lang or ("id" if lang == "en" else "en")
    if src == lang or not text.text(src):
        return []
    target = "" if text.status(lang) is Status.MISSING else text.text(lang)
    found = check_pair(text.text(src), target, src, lang, glossary, gazetteer)
    return [QaWarning(w.kind, w.message, segment.key, segment.section, lang) for w in found]


def check_briefing(briefing: Briefing, langs: Iterable[Lang] = ("en",), glossary=None, gazetteer=None,  # noqa: ANN001
                   ) -> list[QaWarning]:
    """Every warning of every work segment for the given target languages, in reading order."""
    out: list[QaWarning] = []
    for segment in work_segments(briefing):
        for lang in langs:
            out += check_segment(segment, lang, glossary, gazetteer)
    return out


def default_checkers():  # noqa: ANN201 - (Glossary, Gazetteer); either may be None when it cannot be read
    """The user's glossary and the gazetteer, as the translation layer uses them."""
    glossary = gazetteer = None
    try:
        from briefgen.translate.glossary import Glossary

        glossary = Glossary.default()
    except Exception:  # noqa: BLE001 - a broken glossary must not stop a check; the checks without it still run
        glossary = None
    try:
        from briefgen.extract.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    except Exception:  # noqa: BLE001
        gazetteer = None
    return glossary, gazetteer
