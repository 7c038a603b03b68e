"""The rules that turn sections and the header into blocks (used by :func:`briefgen.render.layout.lay_out`).

Kept apart from the layout's data types so each template rule reads on its own: the memo's header
(Nomor under the title, Kepada Yth., Lampiran counted), the bottom line cut to four points with
their source counts, tables with columns sized to their text, the Dossier's source annex and its
contents list, the timeline figure. Nothing here invents content: a section the extraction left
empty says so ("None found in the selected clippings"), and form blanks (the memo's number or
signature when none was given) are dotted lines, never a made-up value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefgen.i18n import label
from briefgen.model import BiText, Briefing, Item, Lang, Section, Status
from briefgen.render.layout import Block, Cell, Features, Figure, Span, Table, span

BLANK = "……………………"
FIELD_LABELS = {  # field key → catalogue message id
    "classification": "Classification", "urgency": "Urgency", "number": "Number", "date": "Date", "to": "To",
    "addressee": "Addressed to", "from": "From", "attachments": "Attachments", "subject": "Subject",
}
QUOTE_SECTIONS = frozenset({"statements"})


def _spans(text: BiText, langs: Sequence[Lang], single: bool, **kw) -> tuple[Span, ...]:
    return tuple(span(text, lg, show_original=single, **kw) for lg in langs)


def _cell(text: BiText, langs: Sequence[Lang], single: bool) -> Cell:
    """A table cell: one span per language, or one when both languages read the same (names, numbers)."""
    spans = _spans(text, langs, single)
    if len(spans) == 2 and spans[0].text == spans[1].text and not spans[0].missing and not spans[1].missing:
        return spans[:1]
    return spans


def _plain(value: str) -> BiText:
    return BiText.generated(value, value) if value else BiText()


def _count(n: int, lang: Lang) -> str:
    text = label("1 source") if n == 1 else label("{count} sources", count=n)
    return text.text(lang).replace(" ", "\u00a0")  # "(2 sumber)" never breaks across lines


def _field_value(briefing: Briefing, key: str, memo: bool) -> BiText | None:
    h = briefing.header
    if key == "attachments":
        n = h.attachments
        if not n and memo:
            n = len(briefing.sources)
        return label("1 file") if n == 1 else label("{count} files", count=n) if n else _plain("–")
    value = {
        "classification": h.classification, "urgency": h.urgency, "date": h.date_text, "subject": h.subject,
        "number": _plain(h.number), "to": h.text_of("to"), "addressee": h.text_of("to"), "from": h.text_of("from"),
    }[key]
    if not (value.id or value.en):
        return _plain(BLANK) if memo else None
    return value


def front_blocks(briefing: Briefing, langs: tuple[Lang, ...], single: bool, features: Features) -> list[Block]:
    """Letterhead, title, and the header fields (a label/value table, or one row per field side by side)."""
    memo = features.front == "memo"
    blocks: list[Block] = []
    if features.letterhead:
        cells = [Span("\n".join(features.letterhead.get(lg, ())), lg, Status.GENERATED) for lg in langs]
        cells = [c for c in cells if c.text]
        if len(cells) == 2 and cells[0].text == cells[1].text:
            cells = cells[:1]
        if cells:
            blocks.append(Block("letterhead", tuple(cells)))
    title = briefing.title
    if memo:
        title = BiText(title.id.upper(), title.en.upper(), title.id_status, title.en_status)
    blocks.append(Block("title", _spans(title, langs, single)))
    keys = list(features.fields)
    if memo:
        number = label("Number")
        value = briefing.header.number or BLANK
        blocks.append(Block("subtitle", tuple(Span(f"{number.text(lg)}: {value}", lg, Status.GENERATED)
                                              for lg in langs)))
        keys = [k for k in keys if k != "number"]
    rows: list[tuple[BiText, BiText]] = []
    for key in keys:
        value = _field_value(briefing, key, memo)
        if value is not None:
            rows.append((label(FIELD_LABELS[key]), value))
    if not single:  # side by side: one row of the two-column table per field, aligned item by item
        for lab, value in rows:
            blocks.append(Block("field", tuple(span(value, lg, label_text=lab.text(lg), show_original=False)
                                               for lg in langs)))
        return blocks
    table_rows = tuple((_cell(lab, langs, single), _cell(value, langs, single)) for lab, value in rows)
    blocks.append(Block("table", (), table=Table((), table_rows, "fields", (0.24, 0.76))))
    return blocks


TABLE_WIDTH_CHARS = 95  # about 17 cm of 9 pt table text


def _widths(columns: Sequence[Cell], rows: Sequence[Sequence[Cell]]) -> tuple[float, ...]:
    """Relative column widths: each column at least as wide as its longest word (so "Reuters" never
    breaks as "Reu-ters"), the rest shared by how much text each column holds on average."""
    count = len(columns) or (len(rows[0]) if rows else 0)
    mins, weights = [], []
    for i in range(count):
        texts = [s.plain for row in rows if i < len(row) for s in row[i]]
        texts += [s.text for s in columns[i]] if columns else []
        longest = max((len(w) for t in texts for w in t.split()), default=1)
        mins.append(min(longest + 4, 25))
        lengths = [max((len(s.plain) for s in row[i]), default=0) for row in rows if i < len(row)]
        weights.append(min(max(sum(lengths) / len(lengths) if lengths else 0, 4.0), 70.0))
    rest = TABLE_WIDTH_CHARS - sum(mins)
    alloc = list(map(float, mins))
    if rest > 0:
        extra = [max(w - m, 0.0) for w, m in zip(weights, mins, strict=True)]
        share = sum(extra) or float(count)
        alloc = [m + rest * ((e / share) if sum(extra) else 1 / count) for m, e in zip(mins, extra, strict=True)]
    total = sum(alloc) or 1.0
    return tuple(round(a / total, 4) for a in alloc)


def _table_block(section: Section, langs: tuple[Lang, ...], single: bool, numbered: bool) -> Block:
    columns = [_cell(c, langs, single) for c in section.columns]
    rows: list[tuple[Cell, ...]] = []
    for n, item in enumerate(section.items, start=1):
        cells = [_cell(c, langs, single) for c in item.cells]
        shown = "".join(s.text for c in (*cells, *columns) for s in c)
        if item.cites and cells and not all(f"[{c}]" in shown for c in item.cites):  # a matrix names them already
            last = cells[-1][-1]
            cells[-1] = (*cells[-1][:-1], Span(last.text, last.lang, last.status, last.marker, last.original,
                                               item.cites))
        if numbered:
            cells.insert(0, (Span(str(n), langs[0], Status.GENERATED),))
        rows.append(tuple(cells))
    if numbered:
        columns.insert(0, _cell(label("No."), langs, single))
    return Block("table", _spans(section.label, langs, single), section=section.key,
                 table=Table(tuple(columns), tuple(rows), "data", _widths(columns, rows)))


def _figure_block(section: Section, langs: tuple[Lang, ...], single: bool) -> Block:
    lang = langs[0]

    def text(value: BiText) -> str:
        if value.status(lang) is not Status.MISSING:
            return value.text(lang)
        src = value.source_lang
        return value.text(src) if src else ""

    events = []
    for item in section.items:
        date = text(item.cells[0]) if item.cells else ""
        what = text(item.cells[1]) if len(item.cells) > 1 else text(item.text)
        if date and what.startswith(date):  # "9 November 2023 — Kunjungan": the date is drawn above already
            what = what[len(date):].lstrip(" —–-:")
        events.append((date, what))
    caption = label("Timeline of events; the numbers refer to the rows of the table below.")
    return Block("figure", _spans(caption, langs, single), section=section.key,
                 figure=Figure(section.key, lang, tuple(events)))


def _source_blocks(briefing: Briefing, langs: tuple[Lang, ...], single: bool, as_table: bool) -> list[Block]:
    blocks = []
    rows = []
    for entry in briefing.sources:
        outlet = _plain(entry.outlet) if entry.outlet else label("Outlet unknown")
        people_by_lang = {lg: _people(entry, lg) for lg in langs}
        file_text = f"{entry.file.rsplit('/', 1)[-1]} · sha256 {entry.article[:16]}"
        if as_table:
            rows.append(tuple(_cell(v, langs, single) for v in (
                _plain(f"[{entry.number}]"), outlet, _plain(entry.title), entry.published_text,
                BiText.generated(_people(entry, "id") or "–", _people(entry, "en") or "–"), _plain(file_text))))
            continue
        cells = []
        for lg in langs:
            parts = [outlet.text(lg), entry.title, entry.published_text.text(lg)]
            parts += [people_by_lang[lg]] if people_by_lang[lg] else []
            parts.append(f"sha256 {entry.article[:12]}")
            cells.append(Span(" — ".join(parts), lg, Status.GENERATED))
        blocks.append(Block("source", tuple(cells), entry.number, section="sources"))
    if as_table and rows:
        columns = [_cell(label(m), langs, single) for m in ("No.", "Outlet", "Title", "Date", "People", "File")]
        widths = (0.06, 0.14, 0.32, 0.14, 0.16, 0.18)
        blocks.append(Block("table", _spans(label("Sources"), langs, single), section="sources",
                            table=Table(tuple(columns), tuple(rows), "data", widths)))
    return blocks


ROLE_WORDS = ("author", "editor", "reporter", "photographer", "wire", "source")
_ROLE = re.compile(r"^(?P<name>.*?) \((?P<role>[a-z]+)\)$")


def _people(entry, lang: Lang) -> str:
    """The people of a source with their roles in the document's language ("(penyunting)", not "(editor)")."""
    names = []
    for person in (*entry.people, *(f"{w} (wire)" for w in entry.wire)):
        match = _ROLE.match(person)
        if match and match["role"] in ROLE_WORDS:
            person = f"{match['name']} ({label(match['role']).text(lang)})"
        names.append(person)
    return ", ".join(names)


def _item_blocks(section: Section, langs: tuple[Lang, ...], single: bool, features: Features) -> list[Block]:
    items: Sequence[Item] = section.items
    limit = features.max_items.get(section.key)
    if limit:
        items = items[:limit]
    if section.kind == "numbered":
        kind = "numbered"
    elif section.kind == "prose":
        kind = "para"
    else:
        kind = "quote" if section.key in QUOTE_SECTIONS else "item"
    counted = section.key in features.source_counts
    blocks = []
    for n, item in enumerate(items, start=1):
        # independent sources: two outlets carrying one wire story count once (Item.support, when known)
        sources = item.support or len(set(item.cites))
        cells = tuple(span(item.text, lg, cites=item.cites, show_original=single,
                           count=_count(sources, lg) if counted and item.cites else "")
                      for lg in langs)
        blocks.append(Block(kind, cells, n, section=section.key))
    return blocks


def _closing_blocks(briefing: Briefing, langs: tuple[Lang, ...], single: bool, features: Features) -> list[Block]:
    """The memo's signature block and Tembusan (copies), after the body and before the annex."""
    blocks = []
    h = briefing.header
    if features.signature:
        blank = label("(signature, name and position)")
        name = h.text_of("signatory") if h.signatory or h.signatory_text.en else h.text_of("from")
        cells = _cell(name, langs, single) if (name.id or name.en) else _spans(blank, langs, single)
        blocks.append(Block("signature", cells))
    if features.cc and h.cc_of():
        blocks.append(Block("label", _spans(label("Copy to"), langs, single), section="cc"))
        for n, name in enumerate(h.cc_of(), start=1):
            blocks.append(Block("numbered", _spans(name, langs, single), n, section="cc"))
    return blocks


def body_blocks(briefing: Briefing, langs: tuple[Lang, ...], single: bool, features: Features,
                closing: bool = True, sources: bool = True) -> list[Block]:
    """Each section's heading and items; ``closing``: the signature and copies before the source list;
    ``sources``: the source list itself (the memo puts it in its annex instead)."""
    blocks: list[Block] = []
    ending = _closing_blocks(briefing, langs, single, features) if closing else []
    for section in briefing.sections:
        if section.kind == "sources" and not sources:
            continue
        if section.kind == "sources" and ending:
            blocks += ending
            ending = []
        blocks.append(Block("heading", _spans(section.label, langs, single), section=section.key))
        if section.kind == "sources":
            source_blocks = _source_blocks(briefing, langs, single, features.sources == "table")
            blocks += source_blocks or [_nothing(section, langs, single)]
        elif not section.items:
            blocks.append(_nothing(section, langs, single))
        elif section.kind == "table":
            figure = section.key in features.figures
            if figure:
                blocks.append(_figure_block(section, langs, single))
            blocks.append(_table_block(section, langs, single, numbered=figure))
        else:
            blocks += _item_blocks(section, langs, single, features)
    return blocks + ending


def _nothing(section: Section, langs: tuple[Lang, ...], single: bool) -> Block:
    """Say the section is empty rather than hide it: extraction found nothing, or the analyst has not written it."""
    msgid = "Not yet written by the analyst." if section.kind == "prose" else "None found in the selected clippings."
    return Block("note", _spans(label(msgid), langs, single), section=section.key)


def toc_block(parts: Sequence[Sequence[Block]], langs: tuple[Lang, ...]) -> Block:
    """The Dossier's contents: every section heading, in reading order (Word refreshes it with page numbers)."""
    rows = tuple((tuple(b.cells),) for blocks in parts for b in blocks if b.kind == "heading")
    title = label("Contents")
    cells = tuple(Span(title.text(lg), lg, Status.GENERATED) for lg in langs)
    return Block("toc", cells, table=Table((), rows, "toc"))
