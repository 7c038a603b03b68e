"""Relative times in the finished briefing, resolved in brackets in each language.

Why after translation: the sentences a briefing carries keep the clippings' words ("Blinken akan
tiba … Rabu depan"), and a briefing read on 10 November must not leave the reader to work out which
Wednesday that was. The resolved date is added in brackets after the relative words — "Rabu depan
[8 November 2023]", "last week [30 Oct–3 Nov 2023]" — as briefgen's addition, in whichever language
each text is. It is added after the translation layer has run, so the translation memory, the
glossaries and the packs see the clipping's own sentence, and each language gets its own dates.
Text a person wrote or reviewed, and text briefgen generated (dates, names), is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from briefgen.extract.timeexpr import annotate_times
from briefgen.model import BiText, Briefing, Item, Status

# a matched text (another clipping's own sentence, shown as that source's words) is left verbatim
ANNOTATED = (Status.SOURCE, Status.MACHINE, Status.SAMPLE, Status.FUZZY)


def _text(text: BiText, published: dt.date | None) -> BiText:
    for lang in ("id", "en"):
        status = text.status(lang)
        if status not in ANNOTATED:
            continue
        new = annotate_times(text.text(lang), published, lang)
        if new != text.text(lang):
            text = text.with_text(lang, new, status, text.taken_from(lang))
    return text


def _item(item: Item, published: dict[str, dt.date | None], by_number: dict[int, dt.date | None]) -> Item:
    day = published.get(item.provenance[0].article) if item.provenance else None
    if day is None and item.cites:
        day = by_number.get(item.cites[0])
    if day is None:
        return item
    return replace(item, text=_text(item.text, day), cells=tuple(_text(c, day) for c in item.cells))


def annotate_briefing(briefing: Briefing) -> Briefing:
    """The briefing with relative times resolved in brackets in every carried sentence (see module)."""
    published = {s.article: s.published for s in briefing.sources}
    by_number = {s.number: s.published for s in briefing.sources}
    sections = tuple(replace(s, items=tuple(_item(i, published, by_number) for i in s.items))
                     for s in briefing.sections)
    return replace(briefing, sections=sections)
