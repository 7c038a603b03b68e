"""Amounts and counts ("US$106 miliar", "1 juta peluru artileri", "2,5 tahun"), normalised.

Why not translate the phrase: a figure is structured data, so both languages are rendered from the
value with Babel and the noun from the gazetteer's terms. When the noun is not in the gazetteer the
English side stays missing: a wrong unit is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.extract.gazetteer import Entry, Gazetteer
from briefgen.i18n import format_number
from briefgen.model import BiText, Status

SCALES: dict[str, tuple[float, str, str]] = {  # Indonesian word -> (factor, id word, en word)
    "ribu": (1e3, "ribu", "thousand"), "juta": (1e6, "juta", "million"),
    "miliar": (1e9, "miliar", "billion"), "milyar": (1e9, "miliar", "billion"),
    "triliun": (1e12, "triliun", "trillion"),
}
CURRENCIES: dict[str, str] = {"us$": "US$", "usd": "US$", "$": "US$", "rp": "Rp", "rp.": "Rp", "€": "€", "euro": "€"}
WORD_NUMBERS: dict[str, float] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
    "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
}
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_FIGURE = re.compile(
    rf"(?<![\w/.,])(?P<cur>US\$|USD|Rp\.?|\$|€)?\s?(?P<num>{_NUM}|(?:{_WORDS})(?:\s+setengah)?)(?![\w/])"
    rf"(?:\s+(?P<scale>ribu|juta|miliar|milyar|triliun))?(?P<pct>\s?%|\s+persen)?",
    re.IGNORECASE,
)
_NOT_NOUNS = frozenset("yang dan untuk dari di ke pada dengan atau dalam oleh itu ini juga sejak lebih "
                       "kurang hingga sampai per tersebut telah akan".split())
SINGULAR = {"years": "year", "months": "month", "days": "day", "weeks": "week", "times": "time",
            "people": "person", "containers": "container", "missiles": "missile", "shells": "shell",
            "artillery shells": "artillery shell", "troops": "soldier"}


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


def _number(text: str) -> float:
    text = text.lower().strip()
    if text.split()[0] in WORD_NUMBERS:
        value = WORD_NUMBERS[text.split()[0]]
        return value + 0.5 if text.endswith("setengah") else value
    return float(text.replace(".", "").replace(",", "."))


def _noun(after: str, gazetteer: Gazetteer) -> tuple[Entry | None, str]:
    """The longest gazetteer term among the next one to three words; else the next word as written."""
    words = re.findall(r"[A-Za-z%-]+", after[:60])
    for n in (3, 2, 1):
        if len(words) >= n:
            phrase = " ".join(words[:n])
            entry = gazetteer.term(phrase)
            if entry is not None and after.lstrip().lower().startswith(phrase.lower()):
                return entry, phrase
    return None, ""


def find_figures(sentence: str, gazetteer: Gazetteer, skip: list[tuple[int, int]] = ()) -> list[Figure]:
    """Figures of one sentence, leaving out spans already taken (dates, times) and bare years."""
    out = []
    for m in _FIGURE.finditer(sentence):
        if any(s < m.end() and m.start() < e for s, e in skip):
            continue
        raw = m.group("num")
        is_word = not raw[0].isdigit()
        cur = CURRENCIES.get((m.group("cur") or "").lower())
        scale = (m.group("scale") or "").lower() or None
        pct = bool(m.group("pct"))
        if re.fullmatch(r"(19|20)\d\d", raw) and not (cur or scale or pct):
            continue  # a year
        entry, noun = _noun(sentence[m.end():], gazetteer)
        if not (cur or scale or pct or entry):
            continue  # a bare number says nothing on its own ("No. 5", "G7")
        if is_word and not entry:
            continue
        if entry is None and not cur and not pct:  # "1 juta barel": an unknown noun is kept, untranslated
            nxt = re.match(r"\s+([a-z]+)", sentence[m.end():])
            if nxt and nxt.group(1) not in _NOT_NOUNS:
                noun = nxt.group(1)
        shown = _number(raw)
        value = shown * (SCALES[scale][0] if scale else 1)
        end = m.end() + (len(sentence[m.end():]) - len(sentence[m.end():].lstrip()) + len(noun) if noun else 0)
        out.append(Figure(m.start(), end, sentence[m.start():end], value, cur, entry.key if entry else None,
                          noun, shown, scale, pct))
    return out


def figure_text(figure: Figure, gazetteer: Gazetteer) -> BiText:
    """'US$106 miliar' / 'US$106 billion'; English missing when the noun is unknown to the gazetteer."""
    texts = {}
    for lang in ("id", "en"):
        number = format_number(figure.shown, lang)
        scale = SCALES[figure.scale][1 if lang == "id" else 2] if figure.scale else ""
        parts = [f"{figure.currency or ''}{number}", scale]
        if figure.percent:
            parts.append("persen" if lang == "id" else "per cent")
        if figure.unit_text:
            entry = gazetteer.get(figure.unit)
            if entry is None:
                texts[lang] = None
                continue
            noun = entry.name[lang]
            if lang == "en" and figure.value == 1 and noun in SINGULAR:
                noun = SINGULAR[noun]
            parts.append(noun)
        texts[lang] = " ".join(p for p in parts if p)
    if texts["en"] is None:
        return BiText.source(figure.text, "id")
    return BiText(texts["id"], texts["en"], Status.GENERATED, Status.GENERATED)
