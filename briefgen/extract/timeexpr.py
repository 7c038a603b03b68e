"""Time expressions in Indonesian news text, resolved against the article's publication date.

Why rules first: newsroom Indonesian dates events relative to the day of publication ("pada hari
Jumat" in a Saturday article is the day before; "Rabu depan" is next week's Wednesday; "September
lalu" is the last September). dateparser resolves counted spans ("2 hari yang lalu") well, so it is
used for those; calendar dates reuse :mod:`briefgen.ingest.dates`. Every result carries its
precision (day, week, month, year) so a timeline never claims more than the text says.
"""

from __future__ import annotations

import contextlib
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
FUTURE_MARKERS = re.compile(
    r"\b(akan|depan|mendatang|dijadwalkan|rencananya|berencana|hendak|bakal|"
    r"will|expected|due|scheduled|set to|plans? to|planned|planning|is to|are to|upcoming|next|later|opens?|"
    r"ahead of|before)\b", re.IGNORECASE)
PAST_MARKERS = re.compile(r"\b(lalu|telah|sudah|sebelumnya|kemarin|last|ago|earlier|previously|had|was|were|"
                          r"did|met|held|visited|arrived|said|says|told|announced|mengatakan|menyatakan|kata|ujar)\b",
                          re.IGNORECASE)

_FULL_MONTHS = [m for m in MONTHS if len(m) > 3 and m not in {"sept", "may", "june", "july"}]
_MONTH = "(?P<mon>" + "|".join(sorted(_FULL_MONTHS, key=len, reverse=True)) + ")"
_EN_MONTHS = ("January February March April May June July August September October November December "
              "Januari Februari Maret Mei Juni Juli Agustus Oktober Desember").split()
_EN_MONTH = "(?P<mon>" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<wd>" + "|".join(sorted((w.capitalize() for w in WEEKDAYS), key=len, reverse=True)) + ")"
_PART = r"(?:\s+(?P<part>dini hari|pagi|siang|sore|petang|malam))?"
_NUMBER_WORDS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "sepuluh": 10,
                 "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "ten": 10, "se": 1}
_N = r"(?P<n>\d+|satu|dua|tiga|empat|lima|enam|tujuh|sepuluh|an?|one|two|three|four|five|six|seven|ten)"
_UNITS = {"hari": "day", "minggu": "week", "pekan": "week", "bulan": "month", "tahun": "year", "day": "day",
          "week": "week", "month": "month", "year": "year"}
_UNIT = r"(?P<unit>hari|minggu|pekan|bulan|tahun|days?|weeks?|months?|years?)"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    # "2 hari yang lalu", "dua pekan lalu", "sepekan lalu", "two weeks ago", "a month ago"
    ("count", re.compile(rf"\b(?:{_N}\s+|se(?=hari|minggu|pekan|bulan|tahun)){_UNIT}\s+(?:yang\s+)?(?:lalu|ago)\b",
                         re.IGNORECASE)),
    # "sehari sebelumnya", "dua hari kemudian", "sebulan setelah", "a day earlier", "two weeks later",
    # "the day before", "keesokan harinya", "the next day": counted from the time named before
    ("offset", re.compile(rf"\b(?:(?:{_N}\s+|se(?=hari|minggu|pekan|bulan|tahun)){_UNIT}\s+(?P<dir>sebelumnya|"
                          rf"setelahnya|sesudahnya|kemudian|setelah|sesudah|sebelum|earlier|later|before|after)"
                          rf"|(?P<named>keesokan harinya|hari berikutnya|the (?:next|following|previous) day|"
                          rf"the day (?:before|after)|hari sebelumnya|(?:pada )?hari yang sama|(?:on )?the same day|"
                          rf"later that day|hari itu juga))\b", re.IGNORECASE)),
    ("today", re.compile(r"\b(?:hari ini|kemarin|besok|lusa|today|yesterday|tomorrow|tonight)\b" + _PART,
                         re.IGNORECASE)),
    # "pekan lalu", "bulan depan", "awal bulan depan", "last week", "early next month", "later this year"
    ("rel_unit", re.compile(r"\b(?:(?P<unit>pekan|minggu|bulan|tahun)\s+(?P<rel>lalu|depan|ini|mendatang|berikutnya)"
                            r"|(?P<rel_en>last|next|this|the coming|the past|the next|the following)"
                            r"\s+(?P<unit_en>week|month|year))\b",
                            re.IGNORECASE)),
    ("month", re.compile(rf"\b(?:(?P<pre>pada|sejak|hingga|sampai|awal|akhir|pertengahan|bulan)\s+)?(?:bulan\s+)?"
                         rf"{_MONTH}(?:\s+(?P<year>(?:19|20)\d\d)|\s+(?P<rel>lalu|depan|mendatang|ini))?\b",
                         re.IGNORECASE)),
    # "in May", "since August", "early September", "last March", "in May and August"
    ("month_en", re.compile(rf"\b(?P<pre>in|since|until|by|early|late|mid-|end of|last|next|this|during|the|from|"
                            rf"starting|pada|sejak|hingga|sampai|awal|akhir|pertengahan|mulai|per|jelang|menjelang|"
                            rf"dan|and|or|atau|through)\s+{_EN_MONTH}(?:\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("weekday", re.compile(rf"\b(?:(?P<pre>last|next|this|coming|pada|on|hari)\s+)?(?:hari\s+)?{_WEEKDAY}"
                           rf"(?:\s+(?P<rel>lalu|depan|ini|mendatang))?{_PART}\b")),
]
_PART_RE = re.compile(r"\)?" + _PART)
# words without which a rule cannot match: a substring test is far cheaper than the rule's regex
_NEEDS: dict[str, tuple[str, ...]] = {
    "count": ("lalu", "ago"),
    "offset": ("sebelum", "setelah", "sesudah", "kemudian", "earlier", "later", "before", "after", "keesokan",
               "berikutnya", "next day", "following day", "previous day", "same day", "hari yang sama", "hari itu"),
    "today": ("hari ini", "kemarin", "besok", "lusa", "today", "yesterday", "tomorrow", "tonight"),
    "rel_unit": ("pekan", "minggu", "bulan", "tahun", "week", "month", "year"),
    "month": tuple(_FULL_MONTHS),
    "month_en": tuple(m.lower() for m in _EN_MONTHS),
    "weekday": tuple(WEEKDAYS),
}
_RANGE_BEFORE = re.compile(r"(?P<d>\d{1,2})\s*(?:-|–|—|hingga|sampai|s\.?d\.?|to|and|dan)\s*$")
_RANGE_AFTER = re.compile(r"^\s*(?:-|–|—)\s*(?P<d>\d{1,2})\b(?!\s*/)")


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
    until: dt.date | None = None  # the last day of a range ("8-9 November")

    @property
    def last_day(self) -> dt.date:
        if self.precision == "day":
            return self.until or self.date
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
                "part": self.part, "until": self.until.isoformat() if self.until else None}


def time_text(ref: TimeRef) -> BiText:
    """The span in both languages with Babel (status ``generated``): '8 November 2023 (malam)'."""
    if ref.precision == "day" and ref.until and ref.until != ref.date:
        return BiText.generated(*(range_text(ref.date, ref.until, lang) for lang in ("id", "en")))
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


def range_text(first: dt.date, last: dt.date, lang: str) -> str:
    """'8–9 November 2023', '30 Oct–3 Nov 2023', '30 Dec 2023–2 Jan 2024' (Babel month names)."""
    if first.year != last.year:
        return f"{format_date(first, lang, 'd MMM y')}–{format_date(last, lang, 'd MMM y')}"
    if first.month != last.month:
        return f"{format_date(first, lang, 'd MMM')}–{format_date(last, lang, 'd MMM y')}"
    return f"{first.day}–{format_date(last, lang, 'd MMMM y')}"


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


def is_future(sentence: str, pos: int) -> bool:
    """Whether the words before ``pos`` put it ahead ("akan tiba pada Rabu", "will arrive on Monday").

    The nearest marker wins: "Blinken, who arrived on Wednesday, will meet Yoon on Thursday" puts
    Wednesday behind and Thursday ahead; "…, he said on Tuesday" is past whatever came before.
    """
    head = sentence[max(0, pos - 120):pos]
    fut = [m.start() for m in FUTURE_MARKERS.finditer(head)]
    past = [m.start() for m in PAST_MARKERS.finditer(head)]
    return bool(fut) and (not past or fut[-1] > past[-1])


def _number(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 1)


def _unit(word: str) -> str:
    """'hari', 'days', 'week' → day / week / month / year."""
    word = word.lower()
    return _UNITS.get(word) or _UNITS[word[:-1]]


def _step(date: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return date + dt.timedelta(days=n)
    if unit == "week":
        return date + dt.timedelta(weeks=n)
    if unit == "month":
        return _shift_month(date.replace(day=1), n)
    return dt.date(date.year + n, 1, 1)


def _month_year(month: int, base: dt.date, how: str) -> int:
    """The year of a month named without one: the coming one, the last one, or the nearest."""
    if how == "future":
        return base.year if month >= base.month else base.year + 1
    if how == "past":
        return base.year if month <= base.month else base.year - 1
    return base.year if month - base.month <= 2 else base.year - 1


def _resolve(kind: str, m: re.Match[str], base: dt.date, future: bool, last: TimeRef | None,
             anchor: TimeRef | None = None, after: TimeRef | None = None) -> TimeRef | None:
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    text, part = m.group(0), g.get("part")
    if kind == "count":
        n = _number(g.get("n"))
        unit_word = g["unit"]
        precision = _unit(unit_word)
        date = _dateparser(f"{n} {unit_word} yang lalu", base) if unit_word in ("hari", "tahun") else None
        if date is None:
            date = (base - dt.timedelta(weeks=n) if precision == "week" else _shift_month(base, -n)
                    if precision == "month" else dt.date(base.year - n, 1, 1) if precision == "year"
                    else base - dt.timedelta(days=n))
        return _ref(m, date, precision, "counted")
    if kind == "offset":
        if g.get("named"):
            sign = 1 if any(w in g["named"] for w in ("keesokan", "berikutnya", "next", "following", "after")) else -1
            n, unit = (0 if any(w in g["named"] for w in ("sama", "same", "that day", "itu juga")) else 1), "day"
        else:
            sign = -1 if g["dir"] in ("sebelumnya", "sebelum", "earlier", "before") else 1
            n, unit = _number(g.get("n")), _unit(g["unit"])
        ref = after if g.get("dir") in ("setelah", "sesudah", "sebelum", "before", "after") and after else \
            last or anchor
        if ref is None:
            return None  # counted from nothing the text named: not guessed
        precision = PRECISIONS[max(PRECISIONS.index(unit), PRECISIONS.index(ref.precision))]
        date = _step(ref.date, unit, sign * n)
        if precision == "month":
            date = date.replace(day=1)
        return _ref(m, date, precision, "relative")
    if kind == "today":
        word = text.lower().split()[0]
        offset = {"hari": 0, "kemarin": -1, "besok": 1, "lusa": 2, "today": 0, "yesterday": -1, "tomorrow": 1,
                  "tonight": 0}[word]
        return _ref(m, base + dt.timedelta(days=offset), "day", "relative", part)
    if kind == "rel_unit":
        unit = g.get("unit") or {"week": "pekan", "month": "bulan", "year": "tahun"}[g["unit_en"]]
        rel = g.get("rel") or g.get("rel_en")
        step = {"lalu": -1, "depan": 1, "mendatang": 1, "ini": 0, "berikutnya": 1, "last": -1, "next": 1,
                "this": 0, "the coming": 1, "the past": -1, "the next": 1, "the following": 1}[rel]
        if rel in ("the next", "the following"):
            # "the next month" counts from the time named before it ("in September ... the next month"), not
            # from the day of publication; with nothing named before it, it is left unresolved
            if last is None:
                return None
            base = last.date
        if unit in ("pekan", "minggu"):
            return _ref(m, _monday(base) + dt.timedelta(weeks=step), "week", "relative")
        if unit == "bulan":
            ref_month = last.date if rel == "berikutnya" and last and last.precision == "month" else base
            return _ref(m, _shift_month(ref_month.replace(day=1), step), "month", "relative")
        return _ref(m, dt.date(base.year + step, 1, 1), "year", "relative")
    if kind == "month":
        if not g.get("pre") and not g.get("year") and not g.get("rel"):
            return None  # a bare month name is too often part of a name or a date already found
        month = MONTHS[g["mon"]]
        if g.get("year"):
            year = int(g["year"])
        elif g.get("rel") in ("depan", "mendatang") or (future and g.get("rel") != "lalu"):
            year = _month_year(month, base, "future")
        elif g.get("rel") == "lalu":
            year = base.year if month < base.month else base.year - 1
        else:
            year = _month_year(month, base, "near")
        return _ref(m, dt.date(year, month, 1), "month", "month")
    if kind == "month_en":
        month = MONTHS[g["mon"]]
        pre = g["pre"]
        if pre in ("and", "or", "dan", "atau"):
            if last is None or last.precision != "month" or m.start() - last.end > 3:
                return None  # "and August" only continues a month just named ("in May and August")
            year = last.date.year if month >= last.date.month else last.date.year + 1
        elif g.get("year"):
            year = int(g["year"])
        elif pre == "last":
            year = base.year if month < base.month else base.year - 1
        elif pre == "next":
            year = base.year if month > base.month else base.year + 1
        else:
            year = _month_year(month, base, "future" if future else "near")
        return _ref(m, dt.date(year, month, 1), "month", "month")
    if kind == "weekday":
        weekday = WEEKDAYS[g["wd"]]
        rel, pre = g.get("rel"), g.get("pre")
        if rel == "depan":  # "Kamis depan": Thursday of next week, even when said on a Wednesday
            return _ref(m, _monday(base) + dt.timedelta(weeks=1, days=weekday), "day", "weekday", part)
        if pre in ("next", "coming") or rel == "mendatang":
            delta = (weekday - base.weekday()) % 7 or 7
        elif pre == "last" or rel == "lalu":
            delta = -((base.weekday() - weekday) % 7) or -7
        elif future:
            delta = (weekday - base.weekday()) % 7
        else:
            delta = -((base.weekday() - weekday) % 7)
        return _ref(m, base + dt.timedelta(days=delta), "day", "weekday", part)
    return None


def _ref(m: re.Match[str], date: dt.date, precision: str, how: str, part: str | None = None) -> TimeRef:
    return TimeRef(m.start(), m.end(), m.group(0), date, precision, how, part)


def _yearless(day: int, month: int, published: dt.date, how: str) -> dt.date | None:
    """'25 Oktober' with no year: the coming one, the last one, or the nearest to the publication date."""
    def make(year: int) -> dt.date | None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    options = [d for d in (make(published.year - 1), make(published.year), make(published.year + 1)) if d]
    if how == "future":
        ahead = [d for d in options if d >= published]
        return min(ahead) if ahead else None
    behind = [d for d in options if d <= published]
    if how == "past":
        return max(behind) if behind else None
    return min(options, key=lambda d: (abs((d - published).days), d > published)) if options else None


def find_times(sentence: str, published: dt.date | None, anchor: TimeRef | None = None) -> list[TimeRef]:
    """Time expressions of one sentence, in order, resolved against ``published``.

    Calendar dates need no publication date; relative ones are skipped when it is unknown
    (nothing is guessed). ``anchor`` is the last day the article named before this sentence:
    "sehari sebelumnya", "the next day" count from it.
    """
    found: list[TimeRef] = []
    hint = [published.year] if published else []
    for d in find_dates(sentence, hint, today=published or dt.date.today()):
        date = d.date
        if date is None and published is not None:  # "(9 November)", "25 Oktober" with no year or weekday
            how = "future" if is_future(sentence, d.start) else "past" if PAST_MARKERS.search(
                sentence[max(0, d.start - 60):d.start]) else "near"
            date = _yearless(d.day, d.month, published, how)
        if date is None:
            continue
        start, until = d.start, None
        before = _RANGE_BEFORE.search(sentence, max(0, d.start - 12), d.start)
        after = _RANGE_AFTER.match(sentence[d.end:])
        if before and 0 < int(before.group("d")) < date.day:  # "8-9 November", "8 hingga 10 Desember"
            start, until, date = before.start(), date, date.replace(day=int(before.group("d")))
        elif after and date.day < int(after.group("d")) <= 31:  # "Nov. 8-9"
            with contextlib.suppress(ValueError):
                until = date.replace(day=int(after.group("d")))
        tail = _PART_RE.match(sentence, d.end)
        part = tail.group("part") if tail and tail.group("part") else None
        end = tail.end() if part else d.end + (after.end() if until and after and start == d.start else 0)
        found.append(TimeRef(start, end, sentence[start:end], date, "day", "absolute",
                             part.lower() if part else None, until))
    if published is not None:
        lowered = sentence.lower()
        matches = sorted(((m, kind) for kind, pattern in _RULES if any(w in lowered for w in _NEEDS[kind])
                          for m in pattern.finditer(sentence)),
                         key=lambda mk: (mk[0].start(), -(mk[0].end() - mk[0].start())))
        taken = [(t.start, t.end) for t in found]
        for m, kind in matches:
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            future = is_future(sentence, m.start())
            previous = [t for t in found if t.end <= m.start()]
            following = [t for t in found if t.start >= m.end() and t.start - m.end() < 40]
            ref = _resolve(kind, m, published, future, previous[-1] if previous else None, anchor,
                           following[0] if following else None)
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


def _added_text(ref: TimeRef, lang: str) -> str:
    """The resolved span as the annotation shows it: a day, a working week, a month or a year."""
    if ref.precision == "day":
        return range_text(ref.date, ref.until, lang) if ref.until else format_date(ref.date, lang, "d MMMM y")
    if ref.precision == "week":
        return range_text(ref.date, ref.date + dt.timedelta(days=4), lang)  # Monday to Friday: the working week
    if ref.precision == "month":
        return format_date(ref.date, lang, "MMMM y")
    return str(ref.date.year)


def annotate_times(sentence: str, published: dt.date | None, lang: str = "id") -> str:
    """The sentence with each relative time resolved in brackets after it, as briefgen's addition.

    "Blinken akan tiba Rabu depan." → "Blinken akan tiba Rabu depan [15 November 2023]."; a briefing
    read days later no longer says "next Wednesday" without saying which. Only relative expressions
    (a weekday, "depan"/"lalu"/"ago", counted spans) are resolved: a calendar date already names its
    day and month ("Kamis (9 November)", "8-9 November"), and a bracket after it would print the date
    twice, as would one after a month named with its year ("Maret 2021"). Nothing is added without a
    publication date.
    """
    if published is None:
        return sentence
    refs = [r for r in find_times(sentence, published)
            if r.how != "absolute" and not re.search(r"(?:19|20)\d\d", r.text)]  # "Maret 2021" says it all
    out, last = [], 0
    for ref in refs:
        if sentence[ref.end:ref.end + 2].startswith((" [", "[")):
            continue  # already annotated
        out += [sentence[last:ref.end], f" [{_added_text(ref, lang)}]"]
        last = ref.end
    return "".join(out) + sentence[last:]
