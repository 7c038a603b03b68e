"""Assemble a :class:`Briefing` from clean articles and the user's options.

Content comes only from the articles (and later from the analyst): every item carries the article
and paragraph it came from, and the sources it cites are numbered in order of first citation.
Labels come from the gettext catalogue, dates from Babel; free text keeps its source language and
is marked missing in the other until the translation layer fills it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from briefgen.extract.sentences import split_sentences
from briefgen.i18n import date_text, label
from briefgen.model import Article, BiText, Briefing, Header, Item, Provenance, Section, SourceEntry

CLASSIFICATIONS: dict[str, str] = {
    "biasa": "Unclassified",
    "terbatas": "Restricted",
    "rahasia": "Secret",
    "sangat-rahasia": "Top Secret",
}
URGENCIES: dict[str, str] = {"sangat-segera": "Immediate", "segera": "Priority", "biasa": "Routine"}

SECTION_LABELS: dict[str, str] = {
    "bottom_line": "Bottom Line",
    "key_points": "Key Points",
    "summary": "Summary",
    "background": "Background",
    "timeline": "Timeline",
    "actors": "Key Actors",
    "statements": "Key Statements",
    "figures": "Key Figures",
    "corroboration": "Cross-Source Corroboration",
    "discrepancies": "Discrepancies",
    "outlook": "Outlook",
    "assessment": "Assessment",
    "recommendations": "Recommendations",
    "sources": "Sources",
}


@dataclass(frozen=True)
class BriefingOptions:
    """What the user chose beyond the articles: template, memo fields, date of issue."""

    template: str = "briefing-note"
    sections: tuple[str, ...] = ("summary", "sources")
    title: str = "Briefing Note"  # a catalogue message id
    classification: str = "biasa"
    urgency: str = "biasa"
    number: str = ""
    to: str = ""
    sender: str = ""
    subject: str = ""
    date_of_issue: dt.date | None = None
    cc: tuple[str, ...] = ()
    signatory: str = ""
    max_points: int = 8
    assessment: BiText | None = None  # the analyst's own words (status reviewed)
    recommendations: BiText | None = None
    dropped: frozenset[str] = frozenset()  # Item.key values the user removed
    order: tuple[str, ...] = ()  # Item.key values in the user's order (others follow)
    extra: dict[str, str] = field(default_factory=dict)


class _Citations:
    """Numbers sources in order of first citation."""

    def __init__(self) -> None:
        self.order: list[str] = []

    def cite(self, article: Article) -> int:
        if article.sha256 not in self.order:
            self.order.append(article.sha256)
        return self.order.index(article.sha256) + 1


def _newest_first(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or dt.date.min, a.title), reverse=True)


def summary_points(articles: Sequence[Article], citations: _Citations, limit: int) -> tuple[Item, ...]:
    """One point per article: its lead sentence, newest first, citing the article."""
    items = []
    for article in _newest_first(articles)[:limit]:
        if not article.paragraphs:
            continue
        lead = split_sentences(article.paragraphs[0])[0]
        items.append(
            Item(
                text=BiText.source(lead, article.lang),
                provenance=(Provenance(article.sha256, 0, 0),),
                cites=(citations.cite(article),),
                key=f"lead-{article.sha256[:12]}",
            )
        )
    return tuple(items)


def source_entries(articles: Sequence[Article], citations: _Citations) -> tuple[SourceEntry, ...]:
    for article in articles:  # uncited articles still belong in the annex
        citations.cite(article)
    by_hash = {a.sha256: a for a in articles}
    entries = []
    for number, sha in enumerate(citations.order, start=1):
        a = by_hash[sha]
        published = date_text(a.published, "medium") if a.published else label("Date unknown")
        people = tuple(f"{p.name} ({p.role})" for p in a.authors if p.role != "initials")
        entries.append(SourceEntry(number, sha, a.outlet, a.title, a.published, published, a.file, people, a.wire))
    return tuple(entries)


def assemble(articles: Sequence[Article], options: BriefingOptions | None = None) -> Briefing:
    """Build the briefing model from the selected (non-duplicate) articles."""
    options = options or BriefingOptions()
    articles = [a for a in articles if a.duplicate_of is None]
    citations = _Citations()
    issued = options.date_of_issue or dt.date.today()
    sections: list[Section] = []
    point_items = summary_points(articles, citations, options.max_points)
    sources = source_entries(articles, citations)
    for key in options.sections:
        if key in ("summary", "key_points"):
            sections.append(Section(key, label(SECTION_LABELS[key]), point_items, kind="list"))
        elif key == "sources":
            sections.append(Section(key, label("Sources"), (), kind="sources"))
        elif key in ("assessment", "recommendations"):
            text = getattr(options, key)
            items = (Item(text=text, key=key),) if text is not None else ()
            sections.append(Section(key, label(SECTION_LABELS[key]), items, kind="prose"))
        else:
            sections.append(Section(key, label(SECTION_LABELS.get(key, key)), ()))
    newest = _newest_first(articles)
    subject = (
        BiText.source(options.subject, "id") if options.subject
        else BiText.source(newest[0].title, newest[0].lang) if newest else BiText()
    )
    header = Header(
        classification=label(CLASSIFICATIONS.get(options.classification, "Unclassified")),
        urgency=label(URGENCIES.get(options.urgency, "Routine")),
        date_of_issue=issued,
        date_text=date_text(issued),
        number=options.number,
        to=options.to,
        sender=options.sender,
        subject=subject,
        attachments=0,
        cc=options.cc,
        signatory=options.signatory,
    )
    return Briefing(label(options.title), header, tuple(sections), sources, options.template)
