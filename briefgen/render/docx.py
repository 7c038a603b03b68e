"""DOCX writer (python-docx). Styling comes from the template's ``reference.docx``; this module only
names styles, so a designer changes the look in Word, not here.

What Word users expect: real styles, the classification marking in every page's header and
footer, "Halaman X dari Y / Page X of Y" from PAGE/NUMPAGES fields, a language tag on every run
(so Word checks the spelling of each language), core properties, and a two-column table for the
side-by-side layout whose header row repeats on every page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from briefgen import __version__
from briefgen.export import atomic_write
from briefgen.i18n import gettext_for
from briefgen.render.layout import Block, Document, Span, legend
from briefgen.templating import Template

SUPPORTS = frozenset({"styles", "tables", "page-furniture", "fields", "language-tags"})
WORD_LANG = {"id": "id-ID", "en": "en-US"}
STYLE_NAMES = (
    "Title", "Heading 1", "Briefgen Field", "Briefgen Marking", "Briefgen Page Number", "Briefgen Legend",
    "Briefgen Column Heading", "Briefgen Label", "Briefgen Marker", "Briefgen Original", "Briefgen Cite",
    "Briefgen Bilingual Table", "List Bullet", "List Number",
)
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARAGRAPH_STYLE = {"title": "Title", "heading": "Heading 1", "field": "Briefgen Field", "item": "List Bullet",
                    "numbered": "List Number", "source": None}


def clean_xml_text(text: str) -> str:
    """python-docx refuses control characters; clippings sometimes carry them."""
    return _XML_UNSAFE.sub("", text)


def _tag_language(run, lang: str) -> None:
    rpr = run._element.get_or_add_rPr()
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), WORD_LANG[lang])
    el.set(qn("w:eastAsia"), "ko-KR")


def add_run(paragraph: Paragraph, text: str, lang: str, style: str | None = None):
    run = paragraph.add_run(clean_xml_text(text), style=style)
    _tag_language(run, lang)
    return run


def _add_field(paragraph: Paragraph, instruction: str, lang: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC) that Word and LibreOffice update when they lay out."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", "1"), ("end", None)):
        run = add_run(paragraph, "", lang)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._element.append(el)


def _write_span(paragraph: Paragraph, span: Span) -> None:
    if span.label:
        add_run(paragraph, f"{span.label}: ", span.lang, "Briefgen Label")
    if span.missing:
        add_run(paragraph, span.marker, span.lang, "Briefgen Marker")
        if span.original:
            add_run(paragraph, f" {span.original}", span.lang, "Briefgen Original")
    else:
        add_run(paragraph, span.text, span.lang)
        if span.marker:
            add_run(paragraph, f" {span.marker}", span.lang, "Briefgen Marker")
    if span.cites:
        add_run(paragraph, f" {span.cite_text}", span.lang, "Briefgen Cite")


def _write_block(container, block: Block, span: Span) -> None:
    style = _PARAGRAPH_STYLE.get(block.kind)
    paragraph = container.add_paragraph(style=style)
    if block.kind == "source":
        add_run(paragraph, f"[{block.number}] ", span.lang, "Briefgen Cite")
    _write_span(paragraph, span)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _first_paragraph(cell: _Cell) -> Paragraph:
    return cell.paragraphs[0]


def _side_by_side(doc: DocxDocument, blocks: tuple[Block, ...], langs: tuple[str, ...]) -> None:
    table = doc.add_table(rows=1, cols=len(langs), style="Briefgen Bilingual Table")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    head = table.rows[0]
    _repeat_header(head)
    for cell, lang in zip(head.cells, langs, strict=True):
        paragraph = _first_paragraph(cell)
        paragraph.style = doc.styles["Briefgen Column Heading"]
        add_run(paragraph, gettext_for(lang)("Indonesian" if lang == "id" else "English"), lang)
    for block in blocks:
        row = table.add_row()
        for cell, span in zip(row.cells, block.cells, strict=True):
            _write_block(cell, block, span)
            cell._element.remove(cell.paragraphs[0]._element)  # the empty paragraph Word cells start with


def _page_furniture(doc: DocxDocument, document: Document) -> None:
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.style = doc.styles["Briefgen Marking"]
    add_run(header, document.marking, document.primary)
    footer = section.footer
    marking = footer.paragraphs[0]
    marking.style = doc.styles["Briefgen Marking"]
    add_run(marking, document.marking, document.primary)
    page = footer.add_paragraph(style="Briefgen Page Number")
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


def build_docx(document: Document, template: Template) -> DocxDocument:
    reference = template.reference_docx
    doc = open_docx(str(reference)) if reference else open_docx()
    props = doc.core_properties
    props.title = document.title
    props.subject = document.title
    props.author = "briefgen"
    props.keywords = "briefing; briefgen; " + ", ".join(document.langs)
    props.comments = f"Generated by briefgen {__version__}; machine output is marked until reviewed."
    props.created = props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    props.language = WORD_LANG[document.primary]
    _page_furniture(doc, document)
    for index, part in enumerate(document.parts):
        if index:
            doc.add_page_break()
        if len(part.langs) > 1:
            _side_by_side(doc, part.blocks, part.langs)
        else:
            for block in part.blocks:
                _write_block(doc, block, block.cells[0])
    notes = legend(document)
    if notes:
        paragraph = doc.add_paragraph(style="Briefgen Legend")
        for i, span in enumerate(notes):
            add_run(paragraph, ("  ·  " if i else "") + span.marker, span.lang)
    return doc


def write_docx(document: Document, template: Template, path: Path) -> None:
    doc = build_docx(document, template)
    atomic_write(path, lambda tmp: doc.save(str(tmp)))
