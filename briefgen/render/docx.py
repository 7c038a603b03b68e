"""DOCX writer (python-docx). Styling comes from the template's ``reference.docx``; this module only
names styles, so a designer changes the look in Word, not here.

What Word users expect: real styles, the classification marking in every page's header and
footer, "Halaman X dari Y / Page X of Y" from PAGE/NUMPAGES fields, a language tag on every run
(so Word checks the spelling of each language) with Hangul mapped to the East Asian font, core
properties, a TOC field that Word fills with page numbers, pictures for figures, data tables whose
heading row repeats on every page, and a two-column table for the side-by-side layout.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from collections.abc import Iterable
from contextvars import ContextVar
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from briefgen import __version__
from briefgen.export import atomic_write
from briefgen.i18n import gettext_for
from briefgen.render.docx_package import clean_package
from briefgen.render.layout import Block, Cell, Document, Span, Table, legend
from briefgen.render.reference import load_reference
from briefgen.templating import Template, check_reference_docx

SUPPORTS = frozenset({"styles", "tables", "page-furniture", "fields", "language-tags", "figures", "toc"})
WORD_LANG = {"id": "id-ID", "en": "en-US"}
PARAGRAPH_STYLES = {
    "title": "Title", "subtitle": "Briefgen Subtitle", "heading": "Heading 1", "field": "Briefgen Field",
    "item": "List Bullet", "numbered": "Briefgen Numbered", "source": "Briefgen Source", "quote": "Quote",
    "note": "Briefgen Note", "label": "Briefgen Label Line", "para": "Body Text",
}
STYLE_NAMES = (
    *dict.fromkeys(PARAGRAPH_STYLES.values()), "Caption", "TOC Heading", "toc 1",
    "Briefgen Marking", "Briefgen Page Number", "Briefgen Legend", "Briefgen Column Heading", "Briefgen Label",
    "Briefgen Marker", "Briefgen Original", "Briefgen Cite", "Briefgen Count", "Briefgen Second Language",
    "Briefgen Table Text", "Briefgen Table Heading", "Briefgen Letterhead", "Briefgen Letterhead Line",
    "Briefgen Signature", "Briefgen Figure", "Briefgen Field Label", "Briefgen Letterhead Unit", "Briefgen Rule",
    "Briefgen Annex Heading", "Briefgen Code",
    "Briefgen Bilingual Table", "Briefgen Data Table", "Briefgen Fields Table",
)
TEXT_WIDTH_CM = 17.0  # the text width for tables; set per document from its page style (see _page_setup)
_text_width: ContextVar[float] = ContextVar("briefgen_docx_width", default=TEXT_WIDTH_CM)
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


_style_ids: ContextVar[tuple[DocxDocument, dict[str, str]]] = ContextVar("briefgen_docx_styles")


def sid(name: str) -> str:
    """The style id for a style name, looked up once per document (python-docx searches all styles each time)."""
    doc, cache = _style_ids.get()
    if name not in cache:
        cache[name] = doc.styles[name].style_id
    return cache[name]


def add_paragraph(container, style: str | None) -> Paragraph:
    paragraph = container.add_paragraph()
    if style:
        paragraph._p.style = sid(style)
    return paragraph


def set_style(paragraph: Paragraph, style: str | None) -> None:
    paragraph._p.style = sid(style) if style else None


def clean_xml_text(text: str) -> str:
    """python-docx refuses control characters; clippings sometimes carry them."""
    return _XML_UNSAFE.sub("", text)


def _tag_language(run, lang: str, text: str) -> None:
    rpr = run._element.get_or_add_rPr()
    if _HANGUL.search(text):  # Word then takes the East Asian font of the style (Malgun Gothic) for it
        fonts = OxmlElement("w:rFonts")
        fonts.set(qn("w:hint"), "eastAsia")
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, fonts)  # schema order: rStyle, rFonts
    el = OxmlElement("w:lang")
    el.set(qn("w:val"), WORD_LANG[lang])
    el.set(qn("w:eastAsia"), "ko-KR")
    rpr.append(el)


def add_run(paragraph: Paragraph, text: str, lang: str, style: str | None = None):
    text = clean_xml_text(text)
    if "\t" in text or "\n" in text:  # python-docx turns these into w:tab / w:br
        run = paragraph.add_run(text)
    else:  # one w:t directly: python-docx's text setter walks the string a character at a time
        run = paragraph.add_run()
        if text:
            element = OxmlElement("w:t")
            element.text = text
            if text != text.strip():
                element.set(qn("xml:space"), "preserve")
            run._r.append(element)
    if style:
        run._r.style = sid(style)
    _tag_language(run, lang, text)
    return run


def _add_field(paragraph: Paragraph, instruction: str, lang: str, result: str | None = "1",
               parts: Iterable[str] = ("begin", "instr", "separate", "text", "end")) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word and LibreOffice update when they lay out."""
    for kind in parts:
        if kind == "text" and result is None:
            continue
        run = add_run(paragraph, "", lang)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = result
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            if kind == "begin" and instruction.startswith("TOC"):
                pass
        run._element.append(el)


def _write_span(paragraph: Paragraph, span: Span, extra_style: str | None = None) -> None:
    if span.label:
        add_run(paragraph, f"{span.label}: ", span.lang, "Briefgen Label")
    if span.missing:
        add_run(paragraph, span.marker, span.lang, "Briefgen Marker")
        if span.original:  # the source-language text: tagged with its own language, not the column's
            add_run(paragraph, f" {span.original}", span.original_lang or span.lang, "Briefgen Original")
    else:
        add_run(paragraph, span.text, span.lang, extra_style)
        if span.marker:
            add_run(paragraph, f" {span.marker}", span.lang, "Briefgen Marker")
    if span.cites:
        add_run(paragraph, f" {span.cite_text}", span.lang, "Briefgen Cite")
    if span.count:
        add_run(paragraph, f" ({span.count})", span.lang, "Briefgen Count")


def _write_block(container, block: Block, span: Span, paragraph: Paragraph | None = None) -> None:
    style = PARAGRAPH_STYLES.get(block.kind)
    if paragraph is None:
        paragraph = add_paragraph(container, style)
    else:
        set_style(paragraph, style)
    if block.kind == "source":
        add_run(paragraph, f"[{block.number}] ", span.lang, "Briefgen Cite")
    elif block.kind == "numbered":
        add_run(paragraph, f"{block.numeral}\t", span.lang)
    elif block.kind == "heading" and block.mark:  # a memo paragraph's number: "1. Pokok-Pokok"
        add_run(paragraph, f"{block.numeral} ", span.lang)
    _write_span(paragraph, span)
    if block.kind == "label":
        add_run(paragraph, ":", span.lang)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _no_split(row) -> None:
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def _write_cell(cell, spans: Cell, style: str, first=None) -> None:
    paragraph = cell.paragraphs[0]
    set_style(paragraph, style)
    for i, span in enumerate(spans):
        if i:
            paragraph = add_paragraph(cell, style)
        _write_span(paragraph, span, "Briefgen Second Language" if i else None)


def _widths(table, widths: tuple[float, ...]) -> list[Emu]:
    total = Cm(_text_width.get())
    emus = [Emu(int(total * w)) for w in widths]
    for column, width in zip(table.columns, emus, strict=False):
        column.width = width
    return emus


def _data_table(doc: DocxDocument, table_model: Table) -> None:
    style = "Briefgen Fields Table" if table_model.style == "fields" else "Briefgen Data Table"
    ncols = len(table_model.columns) or (len(table_model.rows[0]) if table_model.rows else 1)
    heading = bool(table_model.columns)
    table = doc.add_table(rows=len(table_model.rows) + heading, cols=ncols)
    table._tbl.tblPr.style = sid(style)
    table.autofit = False
    widths = _widths(table, table_model.widths) if table_model.widths else None
    rows = table.rows
    if heading:
        _repeat_header(rows[0])
        for cell, spans in zip(rows[0].cells, table_model.columns, strict=True):
            _write_cell(cell, spans, "Briefgen Table Heading")
    for row, cells in zip(rows[heading:], table_model.rows, strict=True):
        _no_split(row)
        for i, (cell, spans) in enumerate(zip(row.cells, cells, strict=True)):
            fields = table_model.style == "fields"
            _write_cell(cell, spans, ("Briefgen Field Label" if i == 0 else "Briefgen Field") if fields
                        else "Briefgen Table Text")
            if fields and i == 0:
                add_run(cell.paragraphs[-1], " :", spans[-1].lang)
            if widths:
                cell.width = widths[i]


def _side_by_side(doc: DocxDocument, blocks: list[Block], langs: tuple[str, ...], column_heads: bool) -> None:
    table = doc.add_table(rows=len(blocks) + column_heads, cols=len(langs))
    table._tbl.tblPr.style = sid("Briefgen Bilingual Table")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    rows = table.rows
    if column_heads:
        head = rows[0]
        _repeat_header(head)
        for cell, lang in zip(head.cells, langs, strict=True):
            paragraph = cell.paragraphs[0]
            set_style(paragraph, "Briefgen Column Heading")
            add_run(paragraph, gettext_for(lang)("Indonesian" if lang == "id" else "English"), lang)
    for row, block in zip(rows[column_heads:], blocks, strict=True):
        _no_split(row)
        for cell, span in zip(row.cells, block.cells, strict=True):
            _write_block(cell, block, span, cell.paragraphs[0])
            if block.kind in ("heading", "title", "label") or block.section == "closing":
                # Word keeps the row with the next one (the closing paragraph with the signature)
                cell.paragraphs[0].paragraph_format.keep_with_next = True


def _figure(doc: DocxDocument, block: Block) -> None:
    from briefgen.render.html import figure_bytes  # draws with Qt only when the document has a figure

    data = figure_bytes(block.figure) if block.figure else b""
    if data:
        paragraph = add_paragraph(doc, "Briefgen Figure")
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(data), width=Cm(min(16.0, _text_width.get())))
        _tag_language(run, block.figure.lang, "")
    caption = add_paragraph(doc, "Caption")
    for i, span in enumerate(block.cells):
        add_run(caption, (" / " if i else "") + span.text, span.lang)


def _toc(doc: DocxDocument, block: Block, pages: dict[str, int]) -> None:
    """The contents: a TOC field whose stored result lists the headings with their page numbers when
    the build knows them (from the PDF laid out in the same build); F9 in Word refreshes it. No
    ``updateFields``: Word would ask about fields on every open."""
    heading = add_paragraph(doc, "TOC Heading")
    for i, span in enumerate(block.cells):
        add_run(heading, (" / " if i else "") + span.text, span.lang)
    rows = block.table.rows if block.table else ()
    for index, row in enumerate(rows or ((),)):
        paragraph = add_paragraph(doc, "toc 1")
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(_text_width.get() - 0.2), WD_TAB_ALIGNMENT.RIGHT,
                                                          WD_TAB_LEADER.DOTS)
        if index == 0:
            _add_field(paragraph, 'TOC \\o "1-1" \\h \\z \\u', block.cells[0].lang, None,
                       ("begin", "instr", "separate"))
        texts = [span.text for span in (row[0] if row else ())]
        for i, span in enumerate(row[0] if row else ()):
            add_run(paragraph, (" / " if i else "") + span.text, span.lang)
        page = pages.get(" / ".join(texts)) or (pages.get(texts[0]) if texts else None)
        if page:
            add_run(paragraph, f"\t{page}", block.cells[0].lang)
        if index == max(len(rows) - 1, 0):
            _add_field(paragraph, "", block.cells[0].lang, None, ("end",))


def _wide(doc: DocxDocument, block: Block, document: Document, pages: dict[str, int]) -> None:
    if block.kind == "table" and block.table:
        _data_table(doc, block.table)
        add_paragraph(doc, "Briefgen Table Text")  # Word glues adjacent tables together otherwise
    elif block.kind == "figure":
        _figure(doc, block)
    elif block.kind == "toc":
        _toc(doc, block, pages)
    elif block.kind == "letterhead":
        _letterhead(doc, block, document)
    elif block.kind == "signature":  # jabatan, room to sign, full name (bold, underlined), NIP
        for i, span in enumerate(block.cells):
            paragraph = add_paragraph(doc, "Briefgen Signature")
            paragraph.paragraph_format.space_before = Pt(60 if i == 1 else 0)
            paragraph.paragraph_format.keep_with_next = i < len(block.cells) - 1
            run = add_run(paragraph, span.text, span.lang)
            if i == 1:
                run.bold = run.underline = True
    elif block.kind == "rule":
        paragraph = add_paragraph(doc, "Briefgen Rule")
        _tag_language(paragraph.add_run(), block.cells[0].lang if block.cells else document.primary, "")
    elif block.kind == "pagebreak":
        paragraph = add_paragraph(doc, None)
        run = paragraph.add_run()
        _tag_language(run, block.cells[0].lang if block.cells else document.primary, "")
        run.add_break(WD_BREAK.PAGE)
    elif block.kind == "annexhead":
        for span in block.cells:
            for line in span.text.split("\n"):
                add_run(add_paragraph(doc, "Briefgen Annex Heading"), line, span.lang)


def _letterhead(doc: DocxDocument, block: Block, document: Document) -> None:
    """The kop: the emblem (if the user gave one), the ministry, the unit, then smaller lines, and a rule."""
    if document.emblem:
        paragraph = add_paragraph(doc, "Briefgen Letterhead")
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(document.emblem), height=Cm(1.8))
        _tag_language(run, document.primary, "")
    lines = [(s.lang, line) for s in block.cells for line in s.text.split("\n")]
    for i, (lang, line) in enumerate(lines):
        style = ("Briefgen Letterhead" if i == 0 else "Briefgen Letterhead Unit" if i == 1 and len(lines) > 1
                 else "Briefgen Letterhead Line")
        paragraph = add_paragraph(doc, style)
        add_run(paragraph, line, lang)
        paragraph.paragraph_format.keep_with_next = True
    add_paragraph(doc, "Briefgen Rule")


def _runs(blocks: Iterable[Block]) -> list[tuple[bool, list[Block]]]:
    """Blocks grouped: each wide block alone, consecutive two-column rows together."""
    groups: list[tuple[bool, list[Block]]] = []
    for block in blocks:
        if block.wide or not groups or groups[-1][0]:
            groups.append((block.wide, [block]))
        else:
            groups[-1][1].append(block)
    return groups


def _page_furniture(doc: DocxDocument, document: Document) -> None:
    section = doc.sections[0]
    if document.page.marking == "corner":
        _corner_furniture(section, document)
        return
    header = section.header.paragraphs[0]
    set_style(header, "Briefgen Marking")
    add_run(header, document.marking, document.primary)
    footer = section.footer
    marking = footer.paragraphs[0]
    set_style(marking, "Briefgen Marking")
    add_run(marking, document.marking, document.primary)
    page = add_paragraph(footer, "Briefgen Page Number")
    for i, lang in enumerate(document.langs):
        if i:
            add_run(page, " / ", lang)
        before, _, rest = document.page_label[lang].partition("{page}")
        middle, _, after = rest.partition("{pages}")
        add_run(page, before, lang)
        _add_field(page, "PAGE", lang)
        add_run(page, middle, lang)
        _add_field(page, "NUMPAGES", lang)
        add_run(page, after, lang)


def _corner_furniture(section, document: Document) -> None:
    """Nota Dinas: the classification code top left on every page (SR/R red); from page 2 the page
    number top centre ("- 2 -"); the first page's header carries the code only (a different first page)."""
    section.different_first_page_header_footer = True
    center = Cm(_text_width.get() / 2)
    for header, numbered in ((section.first_page_header, False), (section.header, True)):
        paragraph = header.paragraphs[0]
        set_style(paragraph, "Briefgen Code")
        paragraph.paragraph_format.tab_stops.add_tab_stop(center, WD_TAB_ALIGNMENT.CENTER)
        run = add_run(paragraph, document.code or document.marking, document.primary)
        if document.code_red:
            run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        if numbered:
            add_run(paragraph, "\t- ", document.primary)
            _add_field(paragraph, "PAGE", document.primary, "2")
            add_run(paragraph, " -", document.primary)
    for footer in (section.first_page_footer, section.footer):
        footer.is_linked_to_previous = False


def _properties(doc: DocxDocument, document: Document) -> None:
    props = doc.core_properties

    def fit(text: str) -> str:  # Word's core properties hold at most 255 characters
        text = clean_xml_text(text)
        return text if len(text) <= 255 else text[:254] + "…"

    props.title = fit(document.title)
    props.subject = fit(document.subject or document.title)
    props.author = fit(document.author) or "briefgen"
    props.keywords = fit("; ".join(("briefing", *document.keywords, *document.langs)))
    props.category = fit(document.template)
    props.comments = f"Generated by briefgen {__version__}; machine output is marked until reviewed."
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.language = WORD_LANG[document.primary]


PAGE_SIZES_MM = {"A4": (210.0, 297.0), "F4": (215.0, 330.0), "Letter": (215.9, 279.4)}


def _page_setup(doc: DocxDocument, document: Document, page_size: str) -> None:
    """Paper, margins and body type size from the template's page style (its template.yaml)."""
    width, height = PAGE_SIZES_MM[page_size]
    top, right, bottom, left = document.page.margins_mm
    for section in doc.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        section.header_distance = section.footer_distance = Mm(min(top, bottom) / 2)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(document.page.font_size)
    for name in ("Body Text", "List Bullet", "Briefgen Numbered", "Briefgen Field", "Briefgen Field Label",
                 "Briefgen Signature", "Briefgen Annex Heading"):
        with contextlib.suppress(KeyError):
            doc.styles[name].font.size = Pt(document.page.font_size)
    _text_width.set((width - left - right) / 10)


def build_docx(document: Document, template: Template, page_size: str = "A4",
               pages: dict[str, int] | None = None) -> DocxDocument:
    """The DOCX of ``document``; ``pages``: heading text → page number, for the contents (when known)."""
    reference = template.reference_docx
    if reference:
        check_reference_docx(reference)
    doc = load_reference(reference) if reference else open_docx()  # external references removed
    token = _style_ids.set((doc, {}))
    width = _text_width.set(TEXT_WIDTH_CM)
    try:
        _body(doc, document, page_size, pages or {})
    finally:
        _style_ids.reset(token)
        _text_width.reset(width)
    clean_package(doc)
    return doc


def _body(doc: DocxDocument, document: Document, page_size: str, pages: dict[str, int]) -> None:
    _properties(doc, document)
    _page_setup(doc, document, page_size)
    _page_furniture(doc, document)
    headed = False
    for index, part in enumerate(document.parts):
        if index:  # each language starts a page
            _tag_language(add_paragraph(doc, None).add_run(), part.langs[0], "")
            doc.paragraphs[-1].runs[-1].add_break(WD_BREAK.PAGE)
        if len(part.langs) == 1:
            for block, after in zip(part.blocks, (*part.blocks[1:], None), strict=True):
                _wide(doc, block, document, pages) if block.wide else _write_block(doc, block, block.cells[0])
                if after is not None and after.kind == "signature" and doc.paragraphs:
                    doc.paragraphs[-1].paragraph_format.keep_with_next = True  # no signature alone on a page
            continue
        for wide, group in _runs(part.blocks):
            if wide:
                _wide(doc, group[0], document, pages)
            else:  # consecutive rows share one two-column table; its language heading repeats on each page
                _side_by_side(doc, group, part.langs, column_heads=not headed or len(group) >= 6)
                headed = True
    notes = legend(document)
    if notes:
        for span in notes:  # one line per mark: what it means, how many passages carry it, how to fill it
            add_run(add_paragraph(doc, "Briefgen Legend"), span.marker, span.lang)


def write_docx(document: Document, template: Template, path: Path, page_size: str = "A4",
               pages: dict[str, int] | None = None) -> None:
    doc = build_docx(document, template, page_size, pages)
    atomic_write(path, lambda tmp: doc.save(str(tmp)))
