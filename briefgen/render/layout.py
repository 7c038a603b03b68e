"""Lay a :class:`Briefing` out for one layout and language choice, once, for every writer.

Like a Sphinx/pandoc transform, this turns the bilingual model into a flat list of blocks whose
cells are single-language spans, so the HTML, DOCX and PDF writers share one reading order and
never decide content themselves:

* side-by-side: one part with two columns (id, en), one block per item: a row of the two-column table;
* sequential: one part per language, Indonesian first;
* one language: a single part with one column.

Missing text is never filled: its span has status ``missing`` and carries the catalogue's
"Untranslated" marker (and, in one-language layouts, the original beside it, marked as such).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefgen.i18n import gettext_for, label
from briefgen.model import BiText, Briefing, Lang, Section, Status

Layout = Literal["side-by-side", "sequential", "single"]
LANG_CHOICES: dict[str, tuple[Lang, ...]] = {"bilingual": ("id", "en"), "id": ("id",), "en": ("en",)}
LAYOUTS: tuple[str, ...] = ("side-by-side", "sequential")


@dataclass(frozen=True, slots=True)
class Span:
    """Text in one language with its status; ``marker`` is the honest note shown for it."""

    text: str
    lang: Lang
    status: Status
    marker: str = ""  # "[Untranslated]", "[MT]": shown by every writer, styled per format
    original: str = ""  # the source-language text, shown beside a missing translation in 1-language layouts
    cites: tuple[int, ...] = ()
    label: str = ""  # for header fields: "Tanggal" / "Date"

    @property
    def missing(self) -> bool:
        return self.status is Status.MISSING

    @property
    def cite_text(self) -> str:
        return "".join(f"[{n}]" for n in self.cites)


@dataclass(frozen=True, slots=True)
class Block:
    """One row of reading order; ``cells`` has one span per language column of its part."""

    kind: str  # title | field | heading | item | numbered | para | source | legend
    cells: tuple[Span, ...]
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Part:
    langs: tuple[Lang, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    """A briefing laid out: what every writer renders."""

    layout: str
    langs: tuple[Lang, ...]
    parts: tuple[Part, ...]
    title: str  # plain title for file metadata, in the primary language
    marking: str  # classification marking for page headers/footers: "BIASA / UNCLASSIFIED"
    page_label: dict[str, str] = field(default_factory=dict)  # per lang: "Halaman {page} dari {pages}"
    statuses: frozenset[Status] = frozenset()

    @property
    def primary(self) -> Lang:
        return self.langs[0]

    @property
    def columns(self) -> int:
        return max(len(p.langs) for p in self.parts)


def _marker(status: Status, lang: Lang) -> str:
    _ = gettext_for(lang)
    if status is Status.MISSING:
        return f"[{_('Untranslated')}]"
    if status is Status.MACHINE:
        return f"[{_('Machine translation, not reviewed')}]"
    if status is Status.FUZZY:
        return f"[{_('Translation suggestion, not reviewed')}]"
    return ""


def span(text: BiText, lang: Lang, *, cites: tuple[int, ...] = (), label_text: str = "", show_original: bool) -> Span:
    status = text.status(lang)
    original = ""
    if status is Status.MISSING and show_original:
        src = text.source_lang
        original = text.text(src) if src else ""
    return Span(text.text(lang), lang, status, _marker(status, lang), original, cites, label_text)


def _section_blocks(section: Section, briefing: Briefing, langs: tuple[Lang, ...], single: bool) -> list[Block]:
    def row(kind: str, text: BiText, cites: tuple[int, ...] = (), number: int | None = None) -> Block:
        return Block(kind, tuple(span(text, lg, cites=cites, show_original=single) for lg in langs), number)

    blocks = [row("heading", section.label)]
    if section.kind == "sources":
        for entry in briefing.sources:
            outlet = BiText.generated(entry.outlet, entry.outlet) if entry.outlet else label("Outlet unknown")
            cells = []
            for lg in langs:
                parts = [outlet.text(lg), entry.title, entry.published_text.text(lg)]
                if entry.people:
                    parts.append(", ".join(entry.people))
                if entry.wire:
                    parts.append(", ".join(entry.wire))
                parts.append(f"sha256 {entry.article[:12]}")
                cells.append(Span(" — ".join(parts), lg, Status.GENERATED))
            blocks.append(Block("source", tuple(cells), entry.number))
        return blocks
    for n, item in enumerate(section.items, start=1):
        kind = "numbered" if section.kind == "numbered" else "para" if section.kind == "prose" else "item"
        blocks.append(row(kind, item.text, item.cites, n))
    return blocks


def _front_blocks(briefing: Briefing, langs: tuple[Lang, ...], single: bool) -> list[Block]:
    h = briefing.header
    blocks = [Block("title", tuple(span(briefing.title, lg, show_original=single) for lg in langs))]
    fields: list[tuple[str, BiText]] = [("Classification", h.classification), ("Urgency", h.urgency)]
    if h.number:
        fields.append(("Number", BiText.generated(h.number, h.number)))
    fields.append(("Date", h.date_text))
    for msgid, value in (("To", h.to), ("From", h.sender)):
        if value:
            fields.append((msgid, BiText.generated(value, value)))
    if h.subject.source_lang or h.subject.id or h.subject.en:
        fields.append(("Subject", h.subject))
    for msgid, value in fields:
        lab = label(msgid)
        blocks.append(
            Block("field", tuple(span(value, lg, label_text=lab.text(lg), show_original=single) for lg in langs))
        )
    return blocks


def lay_out(briefing: Briefing, layout: str = "side-by-side", languages: str = "bilingual") -> Document:
    """The reading order of ``briefing`` for a layout (side-by-side/sequential) and languages."""
    langs = LANG_CHOICES[languages]
    if len(langs) == 1:
        layout = "single"
    if layout not in (*LAYOUTS, "single"):
        raise ValueError(f"unknown layout {layout!r} (choose {', '.join(LAYOUTS)})")
    column_sets = [langs] if layout in ("side-by-side", "single") else [(lg,) for lg in langs]
    single = layout != "side-by-side"
    parts = []
    statuses: set[Status] = set()
    for cols in column_sets:
        blocks = _front_blocks(briefing, cols, single)
        for section in briefing.sections:
            blocks.extend(_section_blocks(section, briefing, cols, single))
        statuses.update(c.status for b in blocks for c in b.cells)
        parts.append(Part(cols, tuple(blocks)))
    classification = briefing.header.classification
    marking = " / ".join(classification.text(lg).upper() for lg in langs)
    return Document(
        layout=layout,
        langs=langs,
        parts=tuple(parts),
        title=briefing.title.text(langs[0]) + (f": {briefing.header.subject.text(langs[0])}"
                                                if briefing.header.subject.text(langs[0]) else ""),
        marking=marking,
        page_label={lg: gettext_for(lg)("Page {page} of {pages}") for lg in langs},
        statuses=frozenset(statuses),
    )


def legend(document: Document) -> list[Span]:
    """Explanations of the status markers that occur in the document, in its languages."""
    out = []
    for status in (Status.MACHINE, Status.FUZZY, Status.MISSING):
        if status in document.statuses:
            for lg in document.langs:
                out.append(Span(_marker(status, lg), lg, status))
    return out
