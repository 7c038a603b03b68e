"""Assemble a :class:`Briefing` from clean articles and the user's options.

Content comes only from the articles (and later from the analyst): every item carries the article
and paragraph it came from, and the sources it cites are numbered in order of first citation.
Labels come from the gettext catalogue, dates from Babel; free text keeps its source language and
is marked missing in the other until the translation layer fills it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from briefgen.extract.crosslang import quoted
from briefgen.extract.facts import Facts, remembered_facts
from briefgen.extract.gazetteer import Gazetteer
from briefgen.extract.sections import SectionBuilder
from briefgen.extract.sentences import split_sentences
from briefgen.i18n import date_text, label
from briefgen.model import (
    Article,
    BiText,
    Briefing,
    Counterpart,
    Header,
    Item,
    Provenance,
    Section,
    SourceEntry,
    Status,
)
from briefgen.model.briefing import CLASSIFICATIONS, URGENCIES  # noqa: F401 - re-exported

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
    subject_en: str = ""  # the analyst's English subject (reviewed); empty: translated or marked untranslated
    date_of_issue: dt.date | None = None
    cc: tuple[str, ...] = ()
    signatory: str = ""
    # the analyst's English for the memo fields (reviewed); empty: a known office or name, else marked untranslated
    to_en: str = ""
    sender_en: str = ""
    cc_en: tuple[str, ...] = ()  # line for line with ``cc``
    signatory_en: str = ""
    author: str = ""  # the drafter, for the document properties
    signatory_title: str = ""  # jabatan above the signature
    signatory_nip: str = ""
    opening: str = ""  # the memo's opening paragraph (Indonesian); "": the template's
    opening_en: str = ""
    closing: str = ""
    closing_en: str = ""
    max_points: int = 8
    assessment: BiText | None = None  # the analyst's own words (status reviewed)
    recommendations: BiText | None = None
    dropped: frozenset[str] = frozenset()  # Item.key values the user removed
    rejected_pairs: frozenset[str] = frozenset()  # cross-language pairings the user rejected (Pair.key)
    order: tuple[str, ...] = ()  # Item.key values in the user's order (others follow)
    extra: dict[str, str] = field(default_factory=dict)


class _Citations:
    """Numbers sources in order of first citation."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self._number: dict[str, int] = {}  # sha256 → number: a lookup per citation, not a scan of the list

    def cite(self, article: Article) -> int:
        number = self._number.get(article.sha256)
        if number is None:
            self.order.append(article.sha256)
            number = self._number[article.sha256] = len(self.order)
        return number


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


def analyst_text(indonesian: str, english: str) -> BiText:
    """Text the analyst typed per language (reviewed); a language left empty stays missing."""
    text = BiText()
    for lang, value in (("id", indonesian.strip()), ("en", english.strip())):
        if value:
            text = text.with_text(lang, value, Status.REVIEWED)
    return text


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


def arrange(items: Sequence[Item], options: BriefingOptions) -> tuple[Item, ...]:
    """Leave out the items the user dropped; put the ones they ordered first, in their order."""
    kept = [i for i in items if i.key not in options.dropped]
    rank = {key: n for n, key in enumerate(options.order)}
    return tuple(sorted(kept, key=lambda i: rank.get(i.key, len(rank))))  # sorted() is stable


TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "timeline": ("Date", "Event", "Source"),
    "actors": ("Name", "Role", "Affiliation"),
    "statements": ("Speaker", "Statement", "Date"),
    "figures": ("Figure", "Context"),
    "discrepancies": ("Claim", "Difference"),
}
BOTTOM_LINE_POINTS = 4


def split_bottom_line(sections: Sequence[Section], order: Sequence[str] = ()) -> tuple[Section, ...]:
    """A BLUF note prints each point once: the bottom line is the first points, the key points go on after.

    Both are cut from one pool, the points of both sections in ``order`` (the user's, by key; the
    others keep their place after them), so moving a point to the top puts it in the bottom line and
    dropping one there brings the next up. Other templates (only one of the two sections) are unchanged.
    """
    keys = [s.key for s in sections]
    if "bottom_line" not in keys or "key_points" not in keys:
        return tuple(sections)
    b, k = keys.index("bottom_line"), keys.index("key_points")
    pool = list({item.key or str(n): item
                 for n, item in enumerate((*sections[b].items, *sections[k].items))}.values())
    rank = {key: n for n, key in enumerate(order)}
    pool.sort(key=lambda item: rank.get(item.key, len(rank)))  # stable
    out = list(sections)
    out[b] = replace(sections[b], items=tuple(pool[:BOTTOM_LINE_POINTS]))
    out[k] = replace(sections[k], items=tuple(pool[BOTTOM_LINE_POINTS:]))
    return tuple(out)


def fact_section(key: str, builder: SectionBuilder, options: BriefingOptions) -> Section:
    """One section built from the extracted facts (see :mod:`briefgen.extract.sections`)."""
    title = label(SECTION_LABELS[key])
    if key == "corroboration":
        columns, items = builder.corroboration()
        return Section(key, title, arrange(items, options), kind="table", columns=columns)
    if key in TABLE_COLUMNS:
        items = getattr(builder, key)()
        return Section(key, title, arrange(items, options), kind="table",
                       columns=tuple(label(c) for c in TABLE_COLUMNS[key]))
    if key == "bottom_line":
        return Section(key, title, arrange(builder.points(options.max_points), options)[:BOTTOM_LINE_POINTS])
    if key == "key_points":  # with a bottom line too, they go on after it (split_bottom_line): ask for more
        wanted = options.max_points + (BOTTOM_LINE_POINTS if "bottom_line" in options.sections else 0)
        return Section(key, title, arrange(builder.points(wanted), options), kind="numbered")
    return Section(key, title, arrange(getattr(builder, key)(), options), kind="list")  # background, outlook


def assemble(articles: Sequence[Article], options: BriefingOptions | None = None,
             facts: Facts | None = None, gazetteer: Gazetteer | None = None) -> Briefing:
    """Build the briefing model from the selected (non-duplicate) articles.

    ``facts`` may be passed when the caller already extracted them (the window keeps them per
    selection); otherwise they are extracted here with ``gazetteer`` (default: the packaged one).
    """
    options = options or BriefingOptions()
    articles = [a for a in articles if a.duplicate_of is None]
    citations = _Citations()
    by_sha = {a.sha256: a for a in articles}
    issued = options.date_of_issue or dt.date.today()
    sections: list[Section] = []
    wants_facts = any(k in SECTION_LABELS and k not in ("sources", "assessment", "recommendations")
                      for k in options.sections)
    builder = None
    if wants_facts:
        facts = facts or remembered_facts(articles, gazetteer)
        builder = SectionBuilder(facts, articles, lambda sha: citations.cite(by_sha[sha]), options.max_points,
                                 options.rejected_pairs)
    for key in options.sections:
        if key == "summary":
            points = builder.points(options.max_points) if builder else ()
            items = points or summary_points(articles, citations, options.max_points)
            sections.append(Section(key, label(SECTION_LABELS[key]), arrange(items, options), kind="list"))
        elif key == "sources":
            sections.append(Section(key, label("Sources"), (), kind="sources"))
        elif key in ("assessment", "recommendations"):
            text = getattr(options, key)
            items = (Item(text=text, key=key),) if text is not None else ()
            sections.append(Section(key, label(SECTION_LABELS[key]), items, kind="prose"))
        elif key in SECTION_LABELS and builder is not None:
            sections.append(fact_section(key, builder, options))
        else:
            sections.append(Section(key, label(SECTION_LABELS.get(key, key)), ()))
    sources = source_entries(articles, citations)
    newest = [a for a in _newest_first(articles) if a.title]  # a clipping of only boilerplate has no title
    subject = (
        BiText.source(options.subject, "id") if options.subject
        else BiText() if options.subject_en
        else BiText.source(newest[0].title, newest[0].lang) if newest else BiText()
    )
    if options.subject_en:  # the analyst's own English: reviewed text, never replaced by a translation
        subject = subject.with_text("en", options.subject_en, Status.REVIEWED)
    from briefgen.translate.titles import header_text

    cc_en = tuple(options.cc_en) + ("",) * max(0, len(options.cc) - len(options.cc_en))
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
        author=options.author,
        to_text=header_text(options.to, options.to_en, gazetteer),
        sender_text=header_text(options.sender, options.sender_en, gazetteer),
        signatory_text=header_text(options.signatory, options.signatory_en, gazetteer),
        cc_texts=tuple(t for t in (header_text(c, e, gazetteer) for c, e in zip(options.cc, cc_en, strict=False))
                       if t.id or t.en),
        signatory_title=options.signatory_title,
        signatory_nip=options.signatory_nip,
        opening=analyst_text(options.opening, options.opening_en),
        closing=analyst_text(options.closing, options.closing_en),
    )
    counterparts = counterparts_of(facts, options.rejected_pairs) if facts is not None else ()
    return Briefing(label(options.title), header, split_bottom_line(sections), sources, options.template,
                    counterparts=counterparts)


def counterparts_of(facts: Facts, rejected: frozenset[str] = frozenset()) -> tuple[Counterpart, ...]:
    """Each cross-language pair of the same fact, both ways, the user's rejections left out.

    A direct quote travels with its sentence: when each side of a pair quotes exactly one passage, the
    quoted passages are paired too (the Key Statements table shows the quote, not the sentence).
    """
    out: list[Counterpart] = []
    for pair in facts.pairs:
        if pair.kind != "same" or pair.key in rejected:
            continue
        texts = [(pair.id.text, pair.en.text)]
        q_id, q_en = quoted(pair.id.text), quoted(pair.en.text)
        if len(q_id) == 1 and len(q_en) == 1:
            texts.append((f"“{q_id[0]}”", f"“{q_en[0]}”"))
        for id_text, en_text in texts:
            out.append(Counterpart(pair.key, "id", id_text, en_text, pair.en.article, pair.en.provenance,
                                   pair.score, pair.anchors))
            out.append(Counterpart(pair.key, "en", en_text, id_text, pair.id.article, pair.id.provenance,
                                   pair.score, pair.anchors))
    return tuple(out)
