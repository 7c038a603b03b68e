"""Source counts shown beside key points count independent sources, not cited articles."""

from __future__ import annotations

import datetime as dt

from briefgen.i18n import date_text, label
from briefgen.model import BiText, Briefing, Header, Item, Section
from briefgen.render.layout import lay_out
from briefgen.templating import get_template


def _briefing(support: int) -> Briefing:
    point = Item(text=BiText.source("Blinken tiba di Seoul.", "id"), cites=(1, 2), key="p1", support=support)
    header = Header(label("Unclassified"), label("Routine"), dt.date(2023, 11, 10), date_text(dt.date(2023, 11, 10)))
    section = Section("key_points", label("Key Points"), (point,), kind="numbered")
    return Briefing(label("Briefing Note"), header, (section,), ())


def _counts(briefing: Briefing) -> list[str]:
    template = get_template("briefing-note")
    document = lay_out(briefing, "sequential", "id", template.features)
    return [s.count for part in document.parts for b in part.blocks for s in b.cells if getattr(s, "count", "")]


def test_wire_copies_count_once():
    assert _counts(_briefing(support=1)) == ["1\u00a0sumber"]  # two outlets, one Reuters story
    assert _counts(_briefing(support=0)) == ["2\u00a0sumber"]  # unknown support: the cited articles
