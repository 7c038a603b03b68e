"""Amounts and counts ("US$106 miliar", "1 juta peluru artileri", "2,5 tahun"), normalised.

English clippings are read the English way ("US$106 billion", "1 million artillery shells",
"2.5 years", "1,000"): the same value and noun key come out of both languages, so figures can be
compared across them (claims, discrepancies, :mod:`briefgen.extract.crosslang`).

Why not translate the phrase: a figure is structured data, so both languages are rendered from the
value with Babel and the noun from the gazetteer's terms. When the noun is not in the gazetteer the
English side stays missing: a wrong unit is worse than none.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from briefgen.extract.gazetteer import Entry, Gazetteer
from briefgen.i18n import format_number
from briefgen.model import BiText, Status

SCALES: dict[str, tuple[float, str, str]] = {  # scale word -> (factor, id word, en word)
    "ribu": (1e3, "ribu", "thousand"), "juta": (1e6, "juta", "million"),
    "miliar": (1e9, "miliar", "billion"), "milyar": (1e9, "miliar", "billion"),
    "triliun": (1e12, "triliun", "trillion"),
    "thousand": (1e3, "ribu", "thousand"), "million": (1e6, "juta", "million"),
    "billion": (1e9, "miliar", "billion"), "trillion": (1e12, "triliun", "trillion"),
}
CURRENCIES: dict[str, str] = {"us$": "US$", "usd": "US$", "$": "US$", "rp": "Rp", "rp.": "Rp", "€": "€", "euro": "€",
                              "s$": "S$", "₩": "₩"}
WORD_NUMBERS: dict[str, float] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "hundred": 100, "dozen": 12, "dozens": 24,
}
_NUM_ID = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUM_EN = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_SCALE = r"ribu|juta|miliar|milyar|triliun|thousand|million|billion|trillion"


def _pattern(num: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w/.,])(?P<cur>US\$|USD|S\$|Rp\.?|\$|€|₩)?\s?(?P<num>{num}|(?:{_WORDS})(?:\s+setengah|-and-a-half)?)"
        rf"(?![\w/]|[.,]\d)(?:\s+(?P<scale>{_SCALE}))?(?P<pct>\s?%|\s+persen|\s+per\s?cent|\s+percent)?",
        re.IGNORECASE,
    )


_FIGURE = {"id": _pattern(_NUM_ID), "en": _pattern(_NUM_EN)}
EN_SCALES: dict[str, str] = {"thousand": "ribu", "million": "juta", "billion": "miliar", "bn": "miliar",
                             "trillion": "triliun"}  # one scale key in both languages: figures compare alike
SINGULAR = {"years": "year", "months": "month", "days": "day", "weeks": "week", "times": "time",
            "people": "person", "containers": "container", "missiles": "missile", "shells": "shell",
            "artillery shells": "artillery shell", "troops": "soldier"}
_NOT_NOUNS = frozenset("yang dan untuk dari di ke pada dengan atau dalam oleh itu ini juga sejak lebih "
                       "kurang hingga sampai per tersebut telah akan adalah ialah merupakan kali "
                       "the and of to in for from on at by with as is was are were or than that this "
                       "which who a an its it has have had per over under about".split())
# after a bare number these say when or what order, not how many: "pukul 10", "tahun 2023", "No. 5"
_ORDINAL_BEFORE = re.compile(r"(?:pukul|jam|tahun|no\.?|nomor|ke-|pasal|ayat|grup|group|menit|babak|tanggal|"
                             r"level|round|game|pekan|week|kilometer|km)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number with its currency, scale and noun; ``text`` is how the clipping wrote it."""

    start: int
    end: int
    text: str
    value: float  # scale applied: 1 juta -> 1_000_000
    currency: str | None
    unit: str | None  # the gazetteer term's key, or None
    unit_text: str  # the noun as written (may be empty)
    shown: float  # the number as written before the scale word
    scale: str | None
    percent: bool = False

    def as_dict(self) -> dict:
        return {"text": self.text, "value": self.value, "currency": self.currency, "unit": self.unit,
                "percent": self.percent}

    @property
    def signature(self) -> tuple[str | None, str | None, bool]:
        """What makes two figures comparable: same currency, unit and percent-ness."""
        return (self.currency, self.unit, self.percent)


def _number(text: str, lang: str = "id") -> float:
    """'1.500,5' (Indonesian), '1,500.5' (English), 'dua setengah', 'two-and-a-half' → a float."""
    text = text.lower().strip()
    head = re.split(r"[\s-]", text)[0]
    if head in WORD_NUMBERS:
        value = WORD_NUMBERS[head]
        return value + 0.5 if text.endswith(("setengah", "half")) else value
    if lang == "en":
        return float(text.replace(",", ""))
    return float(text.replace(".", "").replace(",", "."))


def _en_singular(word: str) -> list[str]:
    return [word, word[:-1]] if word.endswith("s") else [word, word + "s"]


def _noun(after: str, gazetteer: Gazetteer, lang: str = "id") -> tuple[Entry | None, str]:
    """The longest gazetteer term among the next one to three words; else the next word as written."""
    words = re.findall(r"[A-Za-z%-]+", after[:60])
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = " ".join(words[:n])
            forms = [phrase] if lang == "id" else [" ".join(words[:n - 1] + [w]) for w in _en_singular(words[n - 1])]
            for form in forms:
                entry = gazetteer.term(form, lang)
                if entry is not None and after.lstrip().lower().startswith(phrase.lower()):
                    return entry, phrase
    return None, ""


_LOOKAHEAD = 80  # characters after a number where its noun can be: enough for three words
_LOOKBEHIND = 40  # characters before a number where an ordinal word ("ke-", "nomor") can be


def find_figures(sentence: str, gazetteer: Gazetteer, skip: list[tuple[int, int]] = (),
                 lang: str = "id") -> list[Figure]:
    """Figures of one sentence, leaving out spans already taken (dates, times) and bare years.

    A figure is a number with a currency, a scale word, a percent sign, or a noun it counts ("11
    climbers", "delapan negara mitra"), or a number written with separators ("6.977,67"). Numbers
    are read the way the sentence's language writes them (Indonesian "1.500,5", English "1,500.5").
    Linear in the sentence: each number looks only at the next :data:`_LOOKAHEAD` characters after it
    and :data:`_LOOKBEHIND` before it, and the skipped spans are walked once, in order (a 10 MB
    clipping of numbers used to take minutes because every number copied the rest of the text).
    """
    out = []
    spans = sorted(skip)
    k = 0
    ends: list[int] = []  # ends of the skipped spans that start before the current number ends (a heap)
    for m in _FIGURE["en" if lang == "en" else "id"].finditer(sentence):
        while k < len(spans) and spans[k][0] < m.end():
            heapq.heappush(ends, spans[k][1])
            k += 1
        while ends and ends[0] <= m.start():
            heapq.heappop(ends)
        if ends:  # a skipped span overlaps this number
            continue
        after = sentence[m.end():m.end() + _LOOKAHEAD]
        raw = m.group("num")
        is_word = not raw[0].isdigit()
        cur = CURRENCIES.get((m.group("cur") or "").lower())
        scale = (m.group("scale") or "").lower() or None
        if scale:
            scale = EN_SCALES.get(scale, scale)  # the same scale key in both languages: figures compare alike
        pct = bool(m.group("pct"))
        if re.fullmatch(r"(19|20)\d\d", raw) and not (cur or scale or pct):
            continue  # a year
        entry, noun = _noun(after, gazetteer, lang)
        formatted = bool(re.search(r"\d[.,]\d", raw))
        if entry is None and not cur and not pct:  # "1 juta barel", "11 climbers": an unknown noun, untranslated
            nxt = re.match(r"\s+([a-z][a-z-]*)", after)
            if nxt and nxt.group(1) not in _NOT_NOUNS and nxt.group(1) not in WORD_NUMBERS:
                noun = nxt.group(1)
        glued = re.match(r"-([a-z]+)\b", after) if is_word or raw.isdigit() else None
        if glued and not (cur or scale or pct or noun):  # "two-day visit", "3-year term"
            noun = after[:glued.end()]
        if not (cur or scale or pct or entry or noun or formatted):
            continue  # a bare number says nothing on its own ("No. 5", "G7")
        if is_word and (WORD_NUMBERS[re.split(r"[\s-]", raw.lower())[0]] < 2 or not (entry or noun or scale)):
            continue  # "satu", "one": too often not a count ("salah satu", "one of")
        before = sentence[max(0, m.start() - _LOOKBEHIND):m.start()]
        if not (cur or scale or pct or formatted) and _ORDINAL_BEFORE.search(before):
            continue
        shown = _number(raw, lang)
        value = shown * (SCALES[scale][0] if scale else 1)
        end = m.end() + ((len(after) - len(after.lstrip()) + len(noun)) if noun and not noun.startswith("-")
                         else len(noun) if noun else 0)
        begin = m.start() if cur else m.start("num")
        out.append(Figure(begin, end, sentence[begin:end], value, cur, entry.key if entry else None,
                          noun.lstrip("-"), shown, scale, pct))
    return out


def figure_text(figure: Figure, gazetteer: Gazetteer, source_lang: str = "id") -> BiText:
    """'US$106 miliar' / 'US$106 billion'; English missing when the noun is unknown to the gazetteer."""
    texts = {}
    for out in ("id", "en"):
        number = format_number(figure.shown, out)
        scale = SCALES[figure.scale][1 if out == "id" else 2] if figure.scale else ""
        parts = [f"{figure.currency or ''}{number}", scale]
        if figure.percent:
            parts.append("persen" if out == "id" else "per cent")
        if figure.unit_text:
            entry = gazetteer.get(figure.unit)
            if entry is None:
                texts[out] = None
                continue
            noun = entry.name[out]
            if out == "en" and figure.value == 1 and noun in SINGULAR:
                noun = SINGULAR[noun]
            parts.append(noun)
        texts[out] = " ".join(p for p in parts if p)
    if texts["en"] is None or texts["id"] is None:
        # a noun the gazetteer does not know: as written, untranslated
        return BiText.source(figure.text, "en" if source_lang == "en" else "id")
    return BiText(texts["id"], texts["en"], Status.GENERATED, Status.GENERATED)
