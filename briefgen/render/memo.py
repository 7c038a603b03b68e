"""The Nota Dinas (memorandum) laid out as the Tata Naskah Dinas rules have it.

Which rule each element follows is written down in ``templates/nota-dinas/README.md``; in short
(Peraturan ANRI 5/2021, and Permenlu 22/2020 for Kemlu):

* **kepala**: the kop (first page only, once, also in the sequential layout), "NOTA DINAS" centred,
  Nomor under it, then Yth., Dari, Tanggal, Sifat (the classification), the urgency, Lampiran
  (counted from what is really attached: the source annex) and Hal;
* **batang tubuh**: an opening paragraph, the sections as numbered memo paragraphs (1., 2., …) with
  their points lettered (a., b., …), a closing paragraph;
* **kaki**: jabatan, room for the signature, the full name, NIP when given; Tembusan last;
* **lampiran**: the source list on a page of its own after the memo, headed with the memo's number
  and date, which is what "Lampiran: 1 berkas" counts.

In the sequential layout the English text follows as a translation of the memo's body under one
short heading: one kop, one memo header, one signature. Nothing here invents content; blanks the
user did not fill are dotted lines, and :mod:`briefgen.format_check` warns about them.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.i18n import label
from briefgen.model import BiText, Briefing, Lang, Status
from briefgen.render.blocks import BLANK, FIELD_LABELS, _cell, _field_value, _spans, body_blocks
from briefgen.render.layout import Block, Features, Span, Table, span

MEMO_FIELDS = ("addressee", "from", "date", "classification", "urgency", "attachments", "subject")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def attachments(briefing: Briefing, features: Features) -> int:
    """Lampiran: the files the user attaches plus the source annex this memo carries."""
    annex = 1 if features.attach_sources and briefing.sources and briefing.section("sources") else 0
    return briefing.header.attachments + annex


def _letterhead(features: Features, langs: Sequence[Lang]) -> list[Block]:
    cells = [Span("\n".join(features.letterhead.get(lg, ())), lg, Status.GENERATED) for lg in langs]
    cells = [c for c in cells if c.text]
    if len(cells) == 2 and cells[0].text == cells[1].text:
        cells = cells[:1]
    return [Block("letterhead", tuple(cells))] if cells else []


def _paragraph(briefing: Briefing, which: str, features: Features, langs: Sequence[Lang]) -> Block | None:
    """The opening or closing paragraph: the analyst's text, else the template's default (per language)."""
    own: BiText = getattr(briefing.header, which)
    default = getattr(features, which)
    cells = []
    for lg in langs:
        if own.text(lg) and own.status(lg) is not Status.MISSING:
            cells.append(Span(own.text(lg), lg, own.status(lg)))
        elif default.get(lg):
            cells.append(Span(default[lg], lg, Status.GENERATED))
        else:
            return None
    return Block("para", tuple(cells), section=which)


def _header(briefing: Briefing, langs: Sequence[Lang], single: bool, features: Features) -> list[Block]:
    title = briefing.title
    blocks = [Block("title", _spans(BiText(title.id.upper(), title.en.upper(), title.id_status, title.en_status),
                                    langs, single))]
    number = label("Number")
    blocks.append(Block("subtitle", tuple(Span(f"{number.text(lg)}: {briefing.header.number or BLANK}", lg,
                                               Status.GENERATED) for lg in langs)))
    rows: list[tuple[BiText, BiText]] = []
    count = attachments(briefing, features)
    for key in features.fields or MEMO_FIELDS:
        if key == "number":
            continue
        if key == "attachments":
            value = label("1 file") if count == 1 else label("{count} files", count=count) if count else _plain("–")
        else:
            value = _field_value(briefing, key, True)
        if value is not None:
            rows.append((label(FIELD_LABELS[key]), value))
    if not single:
        for lab, value in rows:
            blocks.append(Block("field", tuple(span(value, lg, label_text=lab.text(lg), show_original=False)
                                               for lg in langs)))
    else:
        table_rows = tuple((_cell(lab, langs, single), _cell(value, langs, single)) for lab, value in rows)
        blocks.append(Block("table", (), table=Table((), table_rows, "fields", (0.22, 0.78))))
    blocks.append(Block("rule", tuple(Span("", lg, Status.GENERATED) for lg in langs)))
    return blocks


def _plain(value: str) -> BiText:
    return BiText.generated(value, value) if value else BiText()


def _numbered_body(briefing: Briefing, langs: tuple[Lang, ...], single: bool, features: Features) -> list[Block]:
    """The sections as memo paragraphs: "1. Pokok-Pokok" with the points under it as a., b., c."""
    blocks = []
    number = 0
    for block in body_blocks(briefing, langs, single, features, closing=False, sources=False):
        if block.kind == "heading":
            number += 1
            letter = 0
            blocks.append(Block("heading", block.cells, number, block.section, mark=f"{number}."))
        elif block.kind in ("item", "numbered", "quote"):
            mark = LETTERS[letter % 26] + "." if letter < 26 else f"{letter + 1}."
            letter += 1
            blocks.append(Block("numbered", block.cells, letter, block.section, mark=mark))
        else:
            blocks.append(block)
    return blocks


def _signature(briefing: Briefing, langs: Sequence[Lang], single: bool) -> Block:
    """Jabatan, room to sign, the full name, NIP: the kaki of a naskah dinas (one block, the memo's language)."""
    h = briefing.header
    lang = langs[0]
    name = h.signatory or h.sender
    lines = [Span(f"{h.signatory_title}," if h.signatory_title else BLANK, lang, Status.GENERATED),
             Span(name or BLANK, lang, Status.GENERATED)]  # position, then (after room to sign) the full name
    if h.signatory_nip:
        lines.append(Span(f"NIP {h.signatory_nip}", lang, Status.GENERATED))
    return Block("signature", tuple(lines))


def _copies(briefing: Briefing, langs: Sequence[Lang], single: bool) -> list[Block]:
    copies = briefing.header.cc_of()
    if not copies:
        return []
    blocks = [Block("label", _spans(label("Copy to"), langs, single), section="cc")]
    for n, name in enumerate(copies, start=1):
        blocks.append(Block("numbered", _spans(name, langs, single), n, section="cc"))
    return blocks


def _annex(briefing: Briefing, langs: tuple[Lang, ...], single: bool, features: Features) -> list[Block]:
    """The source list as the memo's Lampiran, on a page of its own, headed with the memo's number and date."""
    from briefgen.render.blocks import _source_blocks

    sources = _source_blocks(briefing, langs, single, features.sources == "table")
    if not (features.attach_sources and sources):
        return []
    h = briefing.header
    number = label("Number")
    date = label("Date")
    lines = tuple(Span("\n".join((label("Attachment to memorandum").text(lg).upper(),
                                  f"{number.text(lg)}: {h.number or BLANK}",
                                  f"{date.text(lg)}: {h.date_text.text(lg)}")), lg, Status.GENERATED)
                  for lg in langs)
    return [Block("pagebreak", lines[:1]), Block("annexhead", lines[:1], section="annex"),
            Block("heading", _spans(label("Sources"), langs, single), section="sources"), *sources]


def _translation_head(briefing: Briefing, langs: tuple[Lang, ...], single: bool) -> list[Block]:
    """The English part's heading: what it translates (number, date), then To, From, Copy to and Subject."""
    h = briefing.header
    lang = langs[0]
    title = label("Memorandum: English translation")
    reference = Span(f"{label('Number').text(lang)}: {h.number or BLANK} · {h.date_text.text(lang)}", lang,
                     Status.GENERATED)
    rows = []
    for key in ("addressee", "from"):
        value = _field_value(briefing, key, True)
        if value is not None:
            rows.append((_cell(label(FIELD_LABELS[key]), langs, single), _cell(value, langs, single)))
    for n, copy in enumerate(h.cc_of()):
        rows.append((_cell(label("Copy to") if n == 0 else BiText.generated(" ", " "), langs, single),
                     _cell(copy, langs, single)))
    rows.append((_cell(label(FIELD_LABELS["subject"]), langs, single),
                 _cell(_field_value(briefing, "subject", True) or BiText(), langs, single)))
    return [Block("title", tuple(Span(title.text(lg).upper(), lg, Status.GENERATED) for lg in langs)),
            Block("subtitle", (reference,)),
            Block("table", (), table=Table((), tuple(rows), "fields", (0.22, 0.78))),
            Block("rule", (Span("", lang, Status.GENERATED),))]


def memo_parts(briefing: Briefing, column_sets: Sequence[tuple[Lang, ...]], single: bool,
               features: Features) -> list[list[Block]]:
    """The reading order of a Nota Dinas: one part per column set (sequential: the English one is the
    translation of the body only)."""
    parts: list[list[Block]] = []
    for index, langs in enumerate(column_sets):
        blocks: list[Block] = []
        translation = index > 0  # sequential: the English part after the Indonesian memo
        if translation:  # no second kop, memo header or signature: the translation of the memo, named as such
            blocks += _translation_head(briefing, langs, single)
        else:
            blocks += _letterhead(features, langs[:1])  # one kop: the issuing office, in the memo's language
            blocks += _header(briefing, langs, single, features)
        opening = _paragraph(briefing, "opening", features, langs)
        blocks += [opening] if opening else []
        blocks += _numbered_body(briefing, langs, single, features)
        closing = _paragraph(briefing, "closing", features, langs)
        blocks += [closing] if closing else []
        if not translation:
            blocks.append(_signature(briefing, langs, single))
            blocks += _copies(briefing, langs, single)
            blocks += _annex(briefing, langs, single, features)
        parts.append(blocks)
    return parts
