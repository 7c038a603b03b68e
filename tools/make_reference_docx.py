"""Generate templates/_base/reference.docx: the Word styles every briefgen DOCX uses.

Run once (``uv run python tools/make_reference_docx.py``) and commit the result; from then on the
styling lives in the .docx, which a designer may edit in Word. The DOCX writer refers to styles only
by name (see briefgen/render/docx.py STYLE_NAMES) and ``briefgen templates --check`` reports any
that a template's reference.docx lacks.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

NAVY = RGBColor(0x0B, 0x25, 0x45)
RUST = RGBColor(0x9A, 0x34, 0x12)
GREY = RGBColor(0x55, 0x55, 0x55)
BLUE = RGBColor(0x1D, 0x4E, 0xD8)
RED = RGBColor(0x7F, 0x1D, 0x1D)
LATIN, EAST_ASIA = "Arial", "Malgun Gothic"


def _fonts(style, size: float | None = None, bold: bool | None = None, italic: bool | None = None,
           color=None) -> None:
    font = style.font
    font.name = LATIN
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), EAST_ASIA)
    if size:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color


def _style(doc, name: str, kind=WD_STYLE_TYPE.PARAGRAPH, base: str | None = "Normal"):
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, kind)
        if base and kind == WD_STYLE_TYPE.PARAGRAPH:
            style.base_style = doc.styles[base]
        style.hidden = False
        style.quick_style = True
        return style


def build(path: Path) -> None:
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.0)

    normal = doc.styles["Normal"]
    _fonts(normal, 10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1

    _fonts(doc.styles["Title"], 16, bold=True, color=NAVY)
    doc.styles["Title"].paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 13), ("Heading 2", 11.5), ("Heading 3", 10.5)):
        _fonts(doc.styles[name], size, bold=True, color=NAVY)
        doc.styles[name].paragraph_format.space_before = Pt(10)
        doc.styles[name].paragraph_format.space_after = Pt(3)
        doc.styles[name].paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number", "Caption", "Quote"):
        _fonts(doc.styles[name])

    field = _style(doc, "Briefgen Field")
    field.paragraph_format.space_after = Pt(1)
    marking = _style(doc, "Briefgen Marking")
    _fonts(marking, 9, bold=True, color=RED)
    marking.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page = _style(doc, "Briefgen Page Number")
    _fonts(page, 8, color=GREY)
    page.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    legend_style = _style(doc, "Briefgen Legend")
    _fonts(legend_style, 8, color=GREY)
    column_head = _style(doc, "Briefgen Column Heading")
    _fonts(column_head, 9, bold=True, color=GREY)

    for name, kwargs in (
        ("Briefgen Label", {"bold": True}),
        ("Briefgen Marker", {"italic": True, "color": RUST}),
        ("Briefgen Original", {"italic": True, "color": GREY}),
        ("Briefgen Cite", {"size": 8, "color": BLUE}),
    ):
        style = _style(doc, name, WD_STYLE_TYPE.CHARACTER, None)
        _fonts(style, **kwargs)

    table = _style(doc, "Briefgen Bilingual Table", WD_STYLE_TYPE.TABLE, None)
    tbl_pr = table.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        table.element.append(tbl_pr)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "bottom", "insideH"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "BFBFBF")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("left", "85"), ("right", "85")):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), width)
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)

    # The body is emptied: the reference only carries styles, page set-up, headers and footers.
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.core_properties.title = ""
    doc.core_properties.author = "briefgen"
    doc.save(path)


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / "templates/_base/reference.docx"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    build(target)
    print(f"wrote {target}")
