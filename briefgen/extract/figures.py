"""Amounts and counts ("US$106 miliar", "1 juta peluru artileri", "2,5 tahun"), normalised.

English clippings are read the English way ("US$106 billion", "1 million artillery shells",
"2.5 years", "1,000"): the same value and noun key come out of both languages, so figures can be
compared across them (claims, discrepancies, :mod:`briefgen.extract.crosslang`).

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
EN_SCALES: dict[str, str] = {"thousand": "ribu", "million": "juta", "billion": "miliar", "bn": "miliar",
                             "trillion": "triliun"}
EN_WORD_NUMBERS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "a hundred": 100, "a thousand": 1000,
}
_EN_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_EN_WORDS = "|".join(sorted(EN_WORD_NUMBERS, key=len, reverse=True))
_EN_FIGURE = re.compile(
    rf"(?<![\w/.,])(?P<cur>US\$|USD|\$|€)?\s?(?P<num>{_EN_NUM}|(?:{_EN_WORDS})(?:\s+and\s+a\s+half)?)(?![\w/])"
    rf"(?:[\s-]+(?P<scale>thousand|million|billion|bn|trillion))?(?P<pct>\s?%|\s+percent|\s+per\s+cent)?",
    re.IGNORECASE,
)
_EN_NOT_NOUNS = frozenset("and of to for from in on at with or by the that this a an than more less since per "
                          "have has had were was are is".split())
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


def _number(text: str, lang: str = "id") -> float:
    text = text.lower().strip()
    if lang == "en":
        for words, value in sorted(EN_WORD_NUMBERS.items(), key=lambda kv: -len(kv[0])):
            if text.startswith(words):
                return value + 0.5 if text.endswith("half") else value
        return float(text.replace(",", ""))
    if text.split()[0] in WORD_NUMBERS:
        value = WORD_NUMBERS[text.split()[0]]
        return value + 0.5 if text.endswith("setengah") else value
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


def find_figures(sentence: str, gazetteer: Gazetteer, skip: list[tuple[int, int]] = (),
                 lang: str = "id") -> list[Figure]:
    """Figures of one sentence, leaving out spans already taken (dates, times) and bare years.

    ``lang`` is the clipping's language: "1,000" is a thousand in English and one in Indonesian."""
    out = []
    pattern, not_nouns = (_EN_FIGURE, _EN_NOT_NOUNS) if lang == "en" else (_FIGURE, _NOT_NOUNS)
    for m in pattern.finditer(sentence):
        if any(s < m.end() and m.start() < e for s, e in skip):
            continue
        raw = m.group("num")
        is_word = not raw[0].isdigit()
        cur = CURRENCIES.get((m.group("cur") or "").lower())
        scale = (m.group("scale") or "").lower() or None
        if lang == "en" and scale:
            scale = EN_SCALES[scale]  # the same scale key in both languages: figures compare and render alike
        pct = bool(m.group("pct"))
        if re.fullmatch(r"(19|20)\d\d", raw) and not (cur or scale or pct):
            continue  # a year
        entry, noun = _noun(sentence[m.end():], gazetteer, lang)
        if not (cur or scale or pct or entry):
            continue  # a bare number says nothing on its own ("No. 5", "G7")
        if is_word and not entry:
            continue
        if entry is None and not cur and not pct:  # "1 juta barel": an unknown noun is kept, untranslated
            nxt = re.match(r"\s+([a-z]+)", sentence[m.end():])
            if nxt and nxt.group(1) not in not_nouns:
                noun = nxt.group(1)
        shown = _number(raw, lang)
        value = shown * (SCALES[scale][0] if scale else 1)
        end = m.end() + (len(sentence[m.end():]) - len(sentence[m.end():].lstrip()) + len(noun) if noun else 0)
        out.append(Figure(m.start(), end, sentence[m.start():end], value, cur, entry.key if entry else None,
                          noun, shown, scale, pct))
    return out


def figure_text(figure: Figure, gazetteer: Gazetteer, source_lang: str = "id") -> BiText:
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
        return BiText.source(figure.text, "en" if source_lang == "en" else "id")
    return BiText(texts["id"], texts["en"], Status.GENERATED, Status.GENERATED)
