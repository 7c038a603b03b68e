"""Indonesian/English sentence splitting that survives abbreviations, dates and numbers.

A first pass: split after ``.!?`` (and a closing quote) when the next word starts a sentence,
unless the token before the stop is a known abbreviation or the stop sits inside a number.
"""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "dr prof ir drs dra hj h no nomor dll dsb dst tsb yth sdr bpk jl jln kec kab kota st mr mrs ms jr sr "
    "inc ltd co corp u.s u.n a.s p.m a.m vs etc e.g i.e gen col lt sen rep gov pres amb".split()
)
FINAL_ABBREVIATIONS = frozenset({"dll", "dsb", "dst", "etc"})
# "Nov. 9", "Sept. 19": a month's short form before a day number never ends a sentence
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug agu agt sep sept oct okt nov dec des".split())
MAX_QUOTED = 600  # characters a quoted passage may run over several sentences
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, in order, whitespace-trimmed."""
    text = paragraph.strip()
    if not text:
        return []
    out: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end(1)
        before = text[start:m.start()].rstrip(".!?")
        last_word = before.split()[-1].lower() if before.split() else ""
        if last_word.rstrip(".") in MONTH_ABBREVIATIONS and text[m.end():m.end() + 1].isdigit():
            continue
        if last_word.rstrip(".") in FINAL_ABBREVIATIONS:
            pass  # "…, amunisi, dll. Kemudian …": a list's "dll." usually ends the sentence
        elif last_word.rstrip(".") in ABBREVIATIONS or len(last_word) == 1:
            continue  # "Dr. Budi", "No. 5", an initial such as "A. Blinken"
        if _inside_quote(text[start:end]):
            continue
        out.append(text[start:end].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _inside_quote(chunk: str) -> bool:
    """True when a quote opened in ``chunk`` is still open: a quoted sentence goes on."""
    if len(chunk) > MAX_QUOTED:
        return False  # a quote left open by a copy-paste must not swallow the rest of the paragraph
    opens = chunk.count("“") + chunk.count("‘")
    closes = chunk.count("”") + chunk.count("’")
    straight = chunk.count('"')
    return opens > closes or straight % 2 == 1
