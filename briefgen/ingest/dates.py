"""Find calendar dates written the Indonesian and English ways in clipping text.

Written by hand because no library knows the Indonesian newsroom forms: "Rabu (8/11/2023)",
"Kamis, 9 November 2023", "Kamis (9 November)" and "Rabu (1/11)" (no year: it is inferred from the
weekday named beside it), plus English "Nov. 9, 2023" and "9 November 2023".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        ("januari", "january", "jan"),
        ("februari", "pebruari", "february", "feb", "peb"),
        ("maret", "march", "mar"),
        ("april", "apr"),
        ("mei", "may"),
        ("juni", "june", "jun"),
        ("juli", "july", "jul"),
        ("agustus", "august", "agu", "agt", "ags", "aug"),
        ("september", "sept", "sep"),
        ("oktober", "october", "okt", "oct"),
        ("november", "nopember", "nov"),
        ("desember", "december", "des", "dec"),
    ],
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _n

WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4, "sabtu": 5,
    "minggu": 6, "ahad": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}

_WD = r"(?P<wd>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")"
_MON = r"(?P<mon>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# a year may be glued to the time after it when a page is copied ("November 8, 20233:12 AM")
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:(?=\d{1,2}[:.]\d\d)|(?!\d))"

_PATTERNS = [
    # Rabu (8/11/2023) · Rabu (1/11) · Rabu, 8/11/2023 · 22/11/2023, 22:00 WIB
    re.compile(rf"(?:\b{_WD}\s*,?\s*\(?\s*)?\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<year>(?:19|20)?\d\d))?\b\)?",
               re.IGNORECASE),
    # Kamis, 9 November 2023 · Kamis (9 November) · 9 Nov 2023 (not the minutes of "08:12 November 03")
    re.compile(rf"(?:\b{_WD}\s*,?\s*\(?\s*)?\b(?<![:.])(?P<d>\d{{1,2}})\s+{_MON}(?:\s+{_YEAR}|\b)\)?", re.IGNORECASE),
    # Nov. 9, 2023 · November 9, 2023 · Thursday, November 9
    re.compile(rf"(?:\b{_WD}\s*,\s*)?\b{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*{_YEAR}|\b)", re.IGNORECASE),
    # 2023-11-09 (ISO, as "Posted : 2023-11-09 19:25")
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)\b"),
]


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class DateMention:
    """A date found in text. ``date`` is None when it cannot be pinned (no year, no weekday)."""

    start: int
    end: int
    text: str
    day: int
    month: int
    year: int | None
    weekday: int | None
    date: dt.date | None
    inferred: bool  # the year was inferred, not written


def years_in(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", text)]


FUTURE_WINDOW = 190  # days after the reference date within which a weekday-checked date may fall


def infer_year(day: int, month: int, weekday: int | None, hint_years: Iterable[int], today: dt.date) -> int | None:
    """The year in which ``day``/``month`` falls on ``weekday``, closest to the years the text names.

    ``today`` is the reference (the publication date when extraction resolves a sentence). A date
    up to about six months after it is allowed: newsrooms write coming days the same way
    ("hingga Kamis (19/10)", "pada Jumat (10/11)"), and the weekday check leaves only one such
    year; anything later must be in the past. Without a weekday there is nothing to check against,
    so no year is guessed.
    """
    if weekday is None:
        return None
    hints = sorted(set(hint_years))
    anchor = max(hints) if hints else today.year
    horizon = today + dt.timedelta(days=FUTURE_WINDOW)
    candidates = []
    for year in range(anchor - 7, anchor + 8):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date.weekday() == weekday and date <= horizon:
            candidates.append(year)
    if not candidates:
        return None
    return min(candidates, key=lambda y: (abs(y - anchor), -y))


def find_dates(text: str, hint_years: Iterable[int] = (), today: dt.date | None = None) -> list[DateMention]:
    """Every date mention in ``text`` in order; overlapping matches keep the longest."""
    if _DIGIT.search(text) is None:
        return []  # every date form has a number in it
    today = today or dt.date.today()
    hints = list(hint_years) or years_in(text)
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            day = int(g["d"])
            month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower().rstrip(".")]
            weekday = WEEKDAYS.get((g.get("wd") or "").lower()) if g.get("wd") else None
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            year_text = g.get("year")
            if g.get("m") and not year_text and weekday is None:
                continue  # "3/4" alone is a fraction, not a date
            year = int(year_text) if year_text else None
            if year is not None and year < 100:
                year += 2000
            inferred = False
            if year is None:
                year = infer_year(day, month, weekday, hints, today)
                inferred = year is not None
            try:
                date = dt.date(year, month, day) if year else None
            except ValueError:
                continue
            found.append(DateMention(m.start(), m.end(), m.group(0), day, month, year, weekday, date, inferred))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            if kept[-1].year is None and mention.year is not None and not mention.inferred:
                kept[-1] = mention  # "12 November 03, 2023": the mention with its year is the date
            continue
        kept.append(mention)
    return kept
