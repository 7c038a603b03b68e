"""Lay a :class:`Briefing` out for one layout and language choice, once, for every writer.

Like a Sphinx/pandoc transform, this turns the bilingual model into a flat list of blocks whose
cells are single-language spans, so the HTML, DOCX and PDF writers share one reading order and
never decide content themselves:

* side-by-side: one part with two columns (id, en), one block per item: a row of the two-column table;
  "wide" blocks (data tables, the timeline figure, the contents list, the letterhead) span both columns;
* sequential: one part per language, Indonesian first;
* one language: a single part with one column.

Missing text is never filled: its span has status ``missing`` and carries the catalogue's
"Untranslated" marker (and, in one-language layouts, the original beside it, marked as such).
What a template wants beyond the sections (a letterhead, a contents list, a figure for the timeline,
a signature block, at most four bottom-line points) comes in as :class:`Features`, read from its
``template.yaml``; the section rules themselves live in :mod:`briefgen.render.blocks`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from typing import Literal

from briefgen.i18n import gettext_for
from briefgen.model import BiText, Briefing, Lang, Status

Layout = Literal["side-by-side", "sequential", "single"]
LANG_CHOICES: dict[str, tuple[Lang, ...]] = {"bilingual": ("id", "en"), "id": ("id",), "en": ("en",)}
LAYOUTS: tuple[str, ...] = ("side-by-side", "sequential")
WIDE_KINDS = frozenset({"table", "figure", "toc", "letterhead", "signature", "pagebreak", "rule", "annexhead"})
PAGE_SIZES_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "F4": (215.0, 330.0), "Letter": (215.9, 279.4)}


PAGE_CHOICES = {"marking": ("band", "corner"), "page_numbers": ("footer", "top")}
TYPE_SIZES_PT = (6.0, 72.0)  # body, heading and title sizes a page can hold
MAX_MARGIN_CM = 8.0
MIN_TEXT_MM = 80.0  # text width and height left on the smallest paper


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _checked_size(key: str, value: object) -> float:
    size = _number(value)
    low, high = TYPE_SIZES_PT
    if size is None or not low <= size <= high:
        raise ValueError(f"page {key} must be a number of points from {low:g} to {high:g}, not {value!r}")
    return size


def _checked_margins(margins: object) -> tuple[float, float, float, float]:
    """top, right, bottom, left in mm, from {top:, right:, bottom:, left:} in cm."""
    sides = ("top", "right", "bottom", "left")
    if not isinstance(margins, Mapping) or set(margins) != set(sides):
        raise ValueError("page margins_cm must be a mapping of exactly top, right, bottom and left (cm)")
    out = []
    for side in sides:
        cm = _number(margins[side])
        if cm is None or not 0 <= cm <= MAX_MARGIN_CM:
            raise ValueError(f"page margin {side} must be from 0 to {MAX_MARGIN_CM:g} cm, not {margins[side]!r}")
        out.append(cm * 10)
    width = min(w for w, _ in PAGE_SIZES_MM.values()) - out[1] - out[3]
    height = min(h for _, h in PAGE_SIZES_MM.values()) - out[0] - out[2]
    if min(width, height) < MIN_TEXT_MM:
        raise ValueError(f"page margins leave {width:.0f} × {height:.0f} mm of text on the smallest paper "
                         f"(at least {MIN_TEXT_MM:g} mm each way)")
    return tuple(out)  # type: ignore[return-value]


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
    count: str = ""  # "2 sumber" / "2 sources": how many sources back a bottom-line or key point
    original_lang: Lang | None = None  # the language of ``original`` (Word tags it so, not as the column's)
    key: str = ""  # the translation work list's key (briefgen.translate.worklist): the preview links a mark to Review

    @property
    def linkable(self) -> bool:
        """A mark the window's preview turns into a link to the segment in the Review tab."""
        return bool(self.key) and (self.missing or self.status.needs_review or self.status is Status.SAMPLE)

    @property
    def missing(self) -> bool:
        return self.status is Status.MISSING

    @property
    def cite_text(self) -> str:
        return "".join(f"[{n}]" for n in self.cites)

    @property
    def plain(self) -> str:
        """Everything a reader sees of this span, as one line (for tests and metadata)."""
        parts = [f"{self.label}:" if self.label else "", self.marker if self.missing else self.text,
                 self.original if self.missing else self.marker, self.cite_text,
                 f"({self.count})" if self.count else ""]
        return " ".join(p for p in parts if p)


Cell = tuple[Span, ...]  # one span per language (a single span when both languages read the same)


@dataclass(frozen=True, slots=True)
class Table:
    """A data table (timeline, actors, matrix, source annex, memo fields, contents)."""

    columns: tuple[Cell, ...]  # headings; empty for the memo's field table (no heading row)
    rows: tuple[tuple[Cell, ...], ...]
    style: str = "data"  # data | fields | toc
    widths: tuple[float, ...] = ()  # relative column widths, summing to 1


@dataclass(frozen=True, slots=True)
class Figure:
    """The timeline drawn as an image: numbered events, oldest first, keyed to the table's rows."""

    name: str
    lang: Lang  # the language of the figure's labels
    events: tuple[tuple[str, str], ...]  # (date text, one-line label) per event
    image: bytes = b""  # PNG; drawn on demand by briefgen.render.pdf_figures


@dataclass(frozen=True, slots=True)
class Block:
    """One row of reading order; ``cells`` has one span per language column of its part."""

    kind: str  # letterhead | title | subtitle | field | heading | item | numbered | para | quote | source | label
    #            | note | table | figure | toc | signature
    cells: tuple[Span, ...]
    number: int | None = None
    section: str = ""  # the Section.key this block belongs to ("" for the front matter)
    mark: str = ""  # the printed number of a memo paragraph ("1.", "a."); empty: ``number`` with a dot
    table: Table | None = None
    figure: Figure | None = None

    @property
    def numeral(self) -> str:
        """What stands before a numbered block: its memo mark ("a.") or its number ("3.")."""
        return self.mark or (f"{self.number}." if self.number is not None else "")

    @property
    def wide(self) -> bool:
        """Spans the whole width in side-by-side: not a row of the two-column table."""
        return self.kind in WIDE_KINDS


@dataclass(frozen=True, slots=True)
class Part:
    langs: tuple[Lang, ...]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageStyle:
    """Paper, margins and type of a template (``features: page:`` in its template.yaml).

    The DOCX names ``font`` (Arial, so Word uses the real face); the PDF draws with ``pdf_font``, a
    bundled metric-compatible face (Liberation Sans, SIL OFL), so both break lines at the same places.
    """

    margins_mm: tuple[float, float, float, float] = (22.0, 20.0, 22.0, 20.0)  # top, right, bottom, left
    font_size: float = 10.5  # body text, pt
    title_size: float = 16.0
    heading_size: float = 12.0
    font: str = "Arial"
    pdf_font: str = "Liberation Sans"
    marking: str = "band"  # band: the marking centred at top and foot | corner: the code top left (Nota Dinas)
    page_numbers: str = "footer"  # footer: "Page X of Y" at the foot | top: the number top centre from page 2

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> PageStyle:
        """The page settings of a template, checked: a user template's YAML may hold anything, and a
        margin wider than the paper or a negative type size would hang the PDF or crash the DOCX."""
        if data is not None and not isinstance(data, Mapping):
            raise ValueError("page must be a mapping of settings")
        data = dict(data or {})
        kwargs: dict[str, object] = {}
        margins = data.pop("margins_cm", None)
        if margins is not None:
            kwargs["margins_mm"] = _checked_margins(margins)
        for key, value in data.items():
            if key not in cls.__dataclass_fields__ or key == "margins_mm":
                raise ValueError(f"unknown page setting {key!r}")
            if key.endswith("_size"):
                kwargs[key] = _checked_size(key, value)
            elif key in PAGE_CHOICES:
                if value not in PAGE_CHOICES[key]:
                    raise ValueError(f"page {key} must be one of {', '.join(PAGE_CHOICES[key])}, not {value!r}")
                kwargs[key] = value
            else:
                if not isinstance(value, str) or not value.strip() or len(value) > 100:
                    raise ValueError(f"page {key} must be a font name")
                kwargs[key] = value
        return cls(**kwargs)  # type: ignore[arg-type]

    def text_width_mm(self, page_size: str) -> float:
        return PAGE_SIZES_MM[page_size][0] - self.margins_mm[1] - self.margins_mm[3]


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
    lang_statuses: frozenset[tuple[str, Status]] = frozenset()  # (language, status) pairs that occur
    subject: str = ""  # for file metadata
    author: str = ""
    keywords: tuple[str, ...] = ()
    template: str = ""
    machine_packs: tuple[str, ...] = ()  # named in the legend beside the machine-translation marker
    status_counts: tuple[tuple[str, Status, int], ...] = ()  # (language, status, spans carrying it), for the legend

    def count(self, lang: str, status: Status) -> int:
        return next((n for lg, st, n in self.status_counts if lg == lang and st is status), 0)
    page: PageStyle = field(default_factory=PageStyle)
    code: str = ""  # the classification code printed top left (Nota Dinas): SR, R, T, B
    code_red: bool = False  # SR and R are printed in red
    omitted: tuple[str, ...] = ()  # analyst sections left out because nobody wrote them (a warning names them)
    emblem: bytes = b""  # the user's emblem for the kop (PNG or JPEG), checked on the way in

    @property
    def primary(self) -> Lang:
        return self.langs[0]

    @property
    def columns(self) -> int:
        return max(len(p.langs) for p in self.parts)

    def blocks(self) -> list[Block]:
        return [b for p in self.parts for b in p.blocks]


@dataclass(frozen=True)
class Features:
    """What a template asks of the layout beyond its sections (``features:`` in template.yaml)."""

    front: str = "note"  # note: title + field table | memo: Nota Dinas heading, Nomor under the title
    letterhead: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # lines per language (the kop)
    toc: bool = False
    figures: tuple[str, ...] = ()  # section keys drawn as a figure too (timeline)
    sources: str = "list"  # list | table (the Dossier's annex: outlet, title, date, people, file hash)
    signature: bool = False
    cc: bool = False  # Tembusan after the signature
    attach_sources: bool = False  # Lampiran counts the source annex
    max_items: Mapping[str, int] = field(default_factory=dict)  # bottom_line: 4
    source_counts: tuple[str, ...] = ()  # sections whose points show "N sources"
    fields: tuple[str, ...] = ("classification", "urgency", "number", "date", "to", "from", "subject")
    page: PageStyle = field(default_factory=PageStyle)
    opening: Mapping[str, str] = field(default_factory=dict)  # the memo's opening paragraph per language
    closing: Mapping[str, str] = field(default_factory=dict)  # and its closing paragraph

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> Features:
        data = dict(data or {})
        page = PageStyle.from_mapping(data.pop("page", None))  # type: ignore[arg-type]
        for key in ("opening", "closing"):
            if key in data:
                data[key] = {str(k): str(v) for k, v in dict(data[key] or {}).items()}  # type: ignore[arg-type]
        letterhead = data.pop("letterhead", None) or {}
        kwargs: dict[str, object] = {}
        for key, value in data.items():
            if key not in cls.__dataclass_fields__:
                raise ValueError(f"unknown feature {key!r}")
            kwargs[key] = tuple(value) if isinstance(value, list) else value
        lines = {str(lg): tuple(str(x) for x in v) for lg, v in dict(letterhead).items()}  # type: ignore[arg-type]
        return cls(letterhead=lines, page=page, **kwargs)  # type: ignore[arg-type]


def marker(status: Status, lang: Lang, taken_from: tuple[int, ...] = ()) -> str:
    _ = gettext_for(lang)
    if status is Status.MISSING:
        return f"[{_('Untranslated')}]"
    if status is Status.MACHINE:
        return f"[{_('Machine translation, not reviewed')}]"
    if status is Status.FUZZY:
        return f"[{_('Translation suggestion, not reviewed')}]"
    if status is Status.MATCHED:
        numbers = ", ".join(f"[{n}]" for n in taken_from) or "[?]"
        return f"[{_('from source {n}').format(n=numbers)}]"
    if status is Status.SAMPLE:
        return f"[{_('sample translation')}]"
    return ""


LEGEND_WORDS: dict[Status, str] = {  # what a marker means, said in words at the end of the document
    Status.MATCHED: "not a translation: the sentence of the cited source in this language that reports the same "
                    "fact, matched by briefgen",
    Status.SAMPLE: "sample translation (supplied with briefgen) of its bundled sample clippings, not your "
                   "reviewed text",
}


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Control characters copied from web pages: invisible in print, refused by python-docx, boxes in PDF."""
    return _CONTROL.sub("", text) if text else text


# The work-list key of each text being laid out, by object identity: set by lay_out for the span() calls of
# one layout, so the rules in render.blocks need not pass keys around (a text without a key gets "").
_SEGMENT_KEYS: ContextVar[dict[int, str] | None] = ContextVar("segment_keys", default=None)


def _segment_keys(briefing: Briefing) -> dict[int, str]:
    h = briefing.header
    keys = {id(h.subject): "header:subject", id(h.to_text): "header:to", id(h.sender_text): "header:from",
            id(h.signatory_text): "header:signatory"}
    keys.update({id(c): f"header:cc:{n}" for n, c in enumerate(h.cc_texts)})
    for section in briefing.sections:
        for item in section.items:
            if not item.key:
                continue
            keys.setdefault(id(item.text), item.key)
            own = {item.text.id, item.text.en} - {""}
            for n, cell in enumerate(item.cells):  # a cell with the item's own words is the item's segment
                keys.setdefault(id(cell), item.key if {cell.id, cell.en} & own else f"{item.key}#c{n}")
    return keys


def span(text: BiText, lang: Lang, *, cites: tuple[int, ...] = (), label_text: str = "", show_original: bool,
         count: str = "") -> Span:
    status = text.status(lang)
    original = ""
    if status is Status.MISSING and show_original:
        src = text.source_lang
        original = clean_text(text.text(src)) if src else ""
    keys = _SEGMENT_KEYS.get()
    return Span(clean_text(text.text(lang)), lang, status, marker(status, lang, text.taken_from(lang)), original,
                cites, label_text, count, text.source_lang if original else None,
                keys.get(id(text), "") if keys else "")


CLASSIFICATION_CODES = {"Unclassified": "B", "Restricted": "T", "Secret": "R", "Top Secret": "SR"}  # ANRI 5/2021


def unwritten(briefing: Briefing) -> tuple[str, ...]:
    """Analyst sections (prose) nobody wrote: left out of the export, and named in a warning."""
    return tuple(s.key for s in briefing.sections if s.kind == "prose" and not any(
        (i.text.id or i.text.en) for i in s.items))


def lay_out(briefing: Briefing, layout: str = "side-by-side", languages: str = "bilingual",
            features: Features | Mapping[str, object] | None = None) -> Document:
    """The reading order of ``briefing`` for a layout (side-by-side/sequential), languages and template features."""
    from briefgen.render.blocks import body_blocks, front_blocks, toc_block

    if not isinstance(features, Features):
        features = Features.from_mapping(features)
    langs = LANG_CHOICES[languages]
    if len(langs) == 1:
        layout = "single"
    if layout not in (*LAYOUTS, "single"):
        raise ValueError(f"unknown layout {layout!r} (choose {', '.join(LAYOUTS)})")
    column_sets = [langs] if layout in ("side-by-side", "single") else [(lg,) for lg in langs]
    single = layout != "side-by-side"
    parts: list[list[Block]] = []
    omitted = unwritten(briefing)
    if omitted:
        briefing = replace(briefing, sections=tuple(s for s in briefing.sections if s.key not in omitted))
    token = _SEGMENT_KEYS.set(_segment_keys(briefing))
    try:
        if features.front == "memo":
            from briefgen.render.memo import memo_parts

            parts = memo_parts(briefing, column_sets, single, features)
        else:
            for cols in column_sets:
                parts.append([*front_blocks(briefing, cols, single, features),
                              *body_blocks(briefing, cols, single, features)])
    finally:
        _SEGMENT_KEYS.reset(token)
    if features.toc:
        toc = toc_block(parts, langs)
        first = parts[0]
        first.insert(next((i for i, b in enumerate(first) if b.section), len(first)), toc)
    counted = Counter((c.lang, c.status) for blocks in parts for b in blocks for c in _all_spans(b))
    lang_statuses = set(counted)
    classification = briefing.header.classification
    subject = briefing.header.subject.text(langs[0])
    return Document(
        layout=layout,
        langs=langs,
        parts=tuple(Part(cols, tuple(blocks)) for cols, blocks in zip(column_sets, parts, strict=True)),
        title=briefing.title.text(langs[0]) + (f": {subject}" if subject else ""),
        marking=" / ".join(classification.text(lg).upper() for lg in langs),
        page_label={lg: gettext_for(lg)("Page {page} of {pages}") for lg in langs},
        statuses=frozenset(status for _, status in lang_statuses),
        lang_statuses=frozenset(lang_statuses),
        subject=subject,
        author=briefing.header.author or briefing.header.sender,
        keywords=tuple(dict.fromkeys(s.label.text(langs[0]) for s in briefing.sections if s.items)),
        template=briefing.template,
        machine_packs=briefing.machine_packs,
        status_counts=tuple((lg, st, n) for (lg, st), n in sorted(counted.items())),
        page=features.page,
        code=CLASSIFICATION_CODES.get(classification.en, ""),
        code_red=CLASSIFICATION_CODES.get(classification.en, "") in ("SR", "R"),
        omitted=omitted,
    )


def _all_spans(block: Block) -> list[Span]:
    spans = list(block.cells)
    if block.table:
        for row in (block.table.columns, *block.table.rows):
            for cell in row:
                spans.extend(cell)
    return spans


LEGEND_TEXTS = {  # what each mark means and what to do about it, in words (catalogue message ids)
    Status.MISSING: "{mark} ({count}): not translated into this language yet; only the other language's text "
                    "exists. Write the translation in briefgen's Review tab, or install a translation pack.",
    Status.MACHINE: "{mark} ({count}): machine translation, not checked by a person.",
    Status.FUZZY: "{mark} ({count}): the translation memory's text for a similar sentence, not checked by a person.",
}


def legend(document: Document) -> list[Span]:
    """One line per status mark that occurs, in the language it occurs in: the mark, how many passages
    carry it, what it means (and how to fill it, or the pack's name beside machine translation)."""
    out = []
    for status in (Status.MATCHED, Status.SAMPLE, Status.MACHINE, Status.FUZZY, Status.MISSING):
        for lg in document.langs:
            if (lg, status) in document.lang_statuses:
                _ = gettext_for(lg)
                count = document.count(lg, status) or 1
                if status in LEGEND_TEXTS:
                    text = _(LEGEND_TEXTS[status]).format(mark=marker(status, lg), count=count)
                else:  # another-language source, sample: the mark, the count, the words
                    text = marker(status, lg, ("n",) if status is Status.MATCHED else ())  # type: ignore[arg-type]
                    text = f"{text} ({count}): {_(LEGEND_WORDS[status])}" if status in LEGEND_WORDS else text
                if status is Status.MACHINE and document.machine_packs:  # which pack made it, in words
                    text += f" {_('translation pack')}: {', '.join(document.machine_packs)}"
                out.append(Span(text, lg, status, text))
    return out
