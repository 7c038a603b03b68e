"""Time expressions in Indonesian news text, resolved against the article's publication date.

Why rules first: newsroom Indonesian dates events relative to the day of publication ("pada hari
Jumat" in a Saturday article is the day before; "Rabu depan" is next week's Wednesday; "September
lalu" is the last September). dateparser resolves counted spans ("2 hari yang lalu") well, so it is
used for those; calendar dates reuse :mod:`briefgen.ingest.dates`. Every result carries its
precision (day, week, month, year) so a timeline never claims more than the text says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from briefgen.i18n import format_date
from briefgen.ingest.dates import MONTHS, WEEKDAYS, find_dates
from briefgen.model import BiText

PRECISIONS = ("day", "week", "month", "year")
PARTS: dict[str, tuple[str, str]] = {  # part of day: Indonesian word -> (id, en)
    "pagi": ("pagi", "morning"), "siang": ("siang", "midday"), "sore": ("sore", "afternoon"),
    "petang": ("petang", "evening"), "malam": ("malam", "evening"), "dini hari": ("dini hari", "early morning"),
}
FUTURE_MARKERS = re.compile(r"\b(akan|depan|mendatang|dijadwalkan|rencananya|berencana"
                            r"|will|scheduled|(?:is|are) (?:due|set|expected) to|plans? to)\b", re.IGNORECASE)

_FULL_MONTHS = [m for m in MONTHS if len(m) > 3 and m not in {"sept", "may", "june", "july"}]
_MONTH = "(?P<mon>" + "|".join(sorted(_FULL_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<wd>" + "|".join(sorted((w.capitalize() for w in WEEKDAYS), key=len, reverse=True)) + ")"
_PART = r"(?:\s+(?P<part>dini hari|pagi|siang|sore|petang|malam))?"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("count", re.compile(r"\b(?P<n>\d+|satu|dua|tiga|empat|lima)\s+(?P<unit>hari|minggu|pekan|bulan|tahun)"
                         r"\s+(?:yang\s+)?lalu\b", re.IGNORECASE)),
    ("today", re.compile(r"\b(?:hari ini|kemarin|besok|lusa)\b" + _PART, re.IGNORECASE)),
    ("rel_unit", re.compile(r"\b(?P<unit>pekan|minggu|bulan|tahun)\s+(?P<rel>lalu|depan|ini|mendatang|berikutnya)\b",
                            re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:(?P<pre>pada|sejak|hingga|sampai|awal|akhir|pertengahan|bulan)\s+)?(?:bulan\s+)?"
                         rf"{_MONTH}(?:\s+(?P<year>(?:19|20)\d\d)|\s+(?P<rel>lalu|depan|mendatang|ini))?\b",
                         re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:(?:pada\s+)?hari\s+)?{_WEEKDAY}(?:\s+(?P<rel>lalu|depan|ini))?{_PART}\b")),
]
_PART_RE = re.compile(r"\)?" + _PART)
_WORD_NUMBERS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5}


@dataclass(frozen=True, slots=True)
class TimeRef:
    """A resolved time expression: ``date`` is the first day of the span its ``precision`` names."""

    start: int
    end: int
    text: str
    date: dt.date
    precision: str  # day | week | month | year
    how: str  # absolute | weekday | relative | month | counted
    part: str | None = None  # part of day (Indonesian word), e.g. "malam"

    @property
    def last_day(self) -> dt.date:
        if self.precision == "day":
            return self.date
        if self.precision == "week":
            return self.date + dt.timedelta(days=6)
        if self.precision == "month":
            nxt = dt.date(self.date.year + self.date.month // 12, self.date.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.date.year, 12, 31)

    def contains(self, other: TimeRef) -> bool:
        return self.date <= other.date and other.last_day <= self.last_day

    def compatible(self, other: TimeRef) -> bool:
        """True when one span holds the other (9 Nov is compatible with November 2023)."""
        return self.contains(other) or other.contains(self)

    def as_dict(self) -> dict:
        return {"text": self.text, "date": self.date.isoformat(), "precision": self.precision, "how": self.how,
                "part": self.part}


def time_text(ref: TimeRef) -> BiText:
    """The span in both languages with Babel (status ``generated``): '8 November 2023 (malam)'."""
    if ref.precision == "day":
        texts = [format_date(ref.date, lang, "medium") for lang in ("id", "en")]
        if ref.part:
            texts = [f"{texts[0]} ({PARTS[ref.part][0]})", f"{texts[1]} ({PARTS[ref.part][1]})"]
        return BiText.generated(*texts)
    if ref.precision == "week":
        return BiText.generated(f"pekan {format_date(ref.date, 'id', 'd MMMM y')}",
                                f"week of {format_date(ref.date, 'en', 'd MMMM y')}")
    if ref.precision == "month":
        return BiText.generated(format_date(ref.date, "id", "MMMM y"), format_date(ref.date, "en", "MMMM y"))
    return BiText.generated(str(ref.date.year), str(ref.date.year))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _shift_month(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date) -> dt.date | None:
    """dateparser for counted spans ("2 hari yang lalu"); None when it cannot tell."""
    import dateparser  # imported lazily: it costs a quarter second

    settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time()), "PREFER_DATES_FROM": "past"}
    parsed = dateparser.parse(text, languages=["id"], settings=settings)
    return parsed.date() if parsed else None


def _resolve(kind: str, m: re.Match[str], base: dt.date, future: bool, last: TimeRef | None) -> TimeRef | None:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    text, part = m.group(0), g.get("part")
    if kind == "count":
        n = int(g["n"]) if g["n"].isdigit() else _WORD_NUMBERS[g["n"]]
        unit = g["unit"]
        precision = {"hari": "day", "minggu": "week", "pekan": "week", "bulan": "month", "tahun": "year"}[unit]
        date = _dateparser(f"{n} {unit} yang lalu", base) if unit in ("hari", "tahun") else None
        if date is None:
            date = (base - dt.timedelta(weeks=n) if precision == "week" else _shift_month(base, -n)
                    if precision == "month" else base - dt.timedelta(days=n))
        return _ref(m, date, precision, "counted")
    if kind == "today":
        word = text.lower().split()[0]
        offset = {"hari": 0, "kemarin": -1, "besok": 1, "lusa": 2}[word]
        return _ref(m, base + dt.timedelta(days=offset), "day", "relative", part)
    if kind == "rel_unit":
        unit, rel = g["unit"], g["rel"]
        step = {"lalu": -1, "depan": 1, "mendatang": 1, "ini": 0, "berikutnya": 1}[rel]
        if unit in ("pekan", "minggu"):
            return _ref(m, _monday(base) + dt.timedelta(weeks=step), "week", "relative")
        if unit == "bulan":
            anchor = last.date if rel == "berikutnya" and last and last.precision == "month" else base
            return _ref(m, _shift_month(anchor.replace(day=1), step), "month", "relative")
        return _ref(m, dt.date(base.year + step, 1, 1), "year", "relative")
    if kind == "month":
        if not g.get("pre") and not g.get("year") and not g.get("rel"):
            return None  # a bare month name is too often part of a name or a date already found
        month = MONTHS[g["mon"]]
        if g.get("year"):
            year = int(g["year"])
        elif g.get("rel") in ("depan", "mendatang") or (future and g.get("rel") != "lalu"):
            year = base.year if month >= base.month else base.year + 1
        elif g.get("rel") == "lalu":
            year = base.year if month < base.month else base.year - 1
        else:
            year = base.year if month <= base.month else base.year - 1
        return _ref(m, dt.date(year, month, 1), "month", "month")
    if kind == "weekday":
        weekday = WEEKDAYS[g["wd"]]
        rel = g.get("rel")
        if rel == "depan":  # "Kamis depan": Thursday of next week, even when said on a Wednesday
            return _ref(m, _monday(base) + dt.timedelta(weeks=1, days=weekday), "day", "weekday", part)
        if future and rel != "lalu":
            delta = (weekday - base.weekday()) % 7 or (7 if rel == "depan" else 0)
        else:
            delta = -((base.weekday() - weekday) % 7)
            if rel == "lalu" and delta == 0:
                delta = -7
        return _ref(m, base + dt.timedelta(days=delta), "day", "weekday", part)
    return None


def _ref(m: re.Match[str], date: dt.date, precision: str, how: str, part: str | None = None) -> TimeRef:
    return TimeRef(m.start(), m.end(), m.group(0), date, precision, how, part)


def find_times(sentence: str, published: dt.date | None) -> list[TimeRef]:
    """Time expressions of one sentence, in order, resolved against ``published``.

    Calendar dates need no publication date; relative ones are skipped when it is unknown
    (nothing is guessed).
    """
    found: list[TimeRef] = []
    hint = [published.year] if published else []
    for d in find_dates(sentence, hint, today=published or dt.date.today()):
        date = d.date
        if date is None and published is not None:  # "(9 November)" with no year or weekday
            year = published.year
            candidate = dt.date(year, d.month, min(d.day, 28) if d.month == 2 and d.day > 28 else d.day)
            if (candidate - published).days > 183:
                candidate = candidate.replace(year=year - 1)
            date = candidate
        if date is None:
            continue
        tail = _PART_RE.match(sentence, d.end)
        part = tail.group("part") if tail and tail.group("part") else None
        end = tail.end() if part else d.end
        found.append(TimeRef(d.start, end, sentence[d.start:end], date, "day", "absolute",
                             part.lower() if part else None))
    if published is not None:
        matches = sorted(((m, kind) for kind, pattern in _RULES for m in pattern.finditer(sentence)),
                         key=lambda mk: (mk[0].start(), -(mk[0].end() - mk[0].start())))
        taken = [(t.start, t.end) for t in found]
        for m, kind in matches:
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            future = bool(FUTURE_MARKERS.search(sentence[:m.start()]))  # "akan tiba pada Rabu", not "bahwa ... akan"
            previous = [t for t in found if t.end <= m.start()]
            ref = _resolve(kind, m, published, future, previous[-1] if previous else None)
            if ref is not None:
                found.append(ref)
                taken.append((ref.start, ref.end))
    found.sort(key=lambda t: t.start)
    return found


def main_time(refs: list[TimeRef]) -> TimeRef | None:
    """The most precise reference of a sentence (the first among equals)."""
    if not refs:
        return None
    return min(refs, key=lambda t: (PRECISIONS.index(t.precision), t.start))
