"""Generate templates/_base/reference.docx: the Word styles every briefgen DOCX uses.

Run once (``uv run python tools/make_reference_docx.py``) and commit the results (the shared
``templates/_base/reference.docx`` and the Nota Dinas one, black and centred); from then on the
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

from briefgen.render.docx_package import clean_package

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


def _table_style(doc, name: str, edges: tuple[str, ...], color: str = "BFBFBF", pad: str = "85"):
    table = _style(doc, name, WD_STYLE_TYPE.TABLE, None)
    tbl_pr = table.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        table.element.append(tbl_pr)
    if edges:
        borders = OxmlElement("w:tblBorders")
        for edge in edges:
            el = OxmlElement(f"w:{edge}")
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), color)
            borders.append(el)
        tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in (("top", "28"), ("left", pad), ("bottom", "28"), ("right", pad)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), width)
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)
    return table


def _border_below(style, color: str = "0B2545", size: str = "12") -> None:
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", size), ("space", "4"), ("color", color)):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.append(borders)


def build(path: Path, variant: str = "base") -> None:
    """``variant``: base (Briefing Note, Dossier) or memo (Nota Dinas: black, centred title, letterhead)."""
    memo = variant == "memo"
    heading_color = RGBColor(0, 0, 0) if memo else NAVY
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2.0)

    normal = doc.styles["Normal"]
    _fonts(normal, 11 if memo else 10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.0  # single: the PDF (Qt) sets lines at the font's own height too

    title = doc.styles["Title"]
    _fonts(title, 14 if memo else 16, bold=True, color=heading_color)
    title.paragraph_format.space_after = Pt(2 if memo else 6)
    if memo:
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.font.underline = True
    for name, size in (("Heading 1", 13), ("Heading 2", 11.5), ("Heading 3", 10.5)):
        _fonts(doc.styles[name], 11.5 if memo else size, bold=True, color=heading_color)
        doc.styles[name].paragraph_format.space_before = Pt(10)
        doc.styles[name].paragraph_format.space_after = Pt(3)
        doc.styles[name].paragraph_format.keep_with_next = True
    for name in ("List Bullet", "List Number", "Body Text"):
        _fonts(doc.styles[name])
    _fonts(doc.styles["Caption"], 8.5, italic=True, color=GREY)
    doc.styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    quote = doc.styles["Quote"]
    _fonts(quote, italic=True, color=RGBColor(0x33, 0x33, 0x33))
    quote.paragraph_format.left_indent = Cm(0.6)
    toc_heading = _style(doc, "TOC Heading", base="Heading 1")
    _fonts(toc_heading, 12, bold=True, color=heading_color)
    toc1 = _style(doc, "toc 1")
    toc1.paragraph_format.left_indent = Cm(0.4)
    toc1.paragraph_format.space_after = Pt(2)

    field = _style(doc, "Briefgen Field")
    field.paragraph_format.space_after = Pt(1)
    field_label = _style(doc, "Briefgen Field Label")
    _fonts(field_label, bold=True)
    field_label.paragraph_format.space_after = Pt(1)
    subtitle = _style(doc, "Briefgen Subtitle")
    subtitle.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.paragraph_format.space_after = Pt(10)
    numbered = _style(doc, "Briefgen Numbered")
    numbered.paragraph_format.left_indent = Cm(0.6)
    numbered.paragraph_format.first_line_indent = Cm(-0.6)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(0.6))
    source = _style(doc, "Briefgen Source")
    _fonts(source, 9.5)
    source.paragraph_format.left_indent = Cm(0.8)
    source.paragraph_format.first_line_indent = Cm(-0.8)
    note = _style(doc, "Briefgen Note")
    _fonts(note, italic=True, color=GREY)
    label_line = _style(doc, "Briefgen Label Line")
    _fonts(label_line, bold=True)
    label_line.paragraph_format.space_before = Pt(8)
    label_line.paragraph_format.space_after = Pt(2)
    for name, size, bold in (("Briefgen Table Text", 9, None), ("Briefgen Table Heading", 9, True)):
        style = _style(doc, name)
        _fonts(style, size, bold=bold, color=NAVY if bold and not memo else None)
        style.paragraph_format.space_after = Pt(1)
        style.paragraph_format.line_spacing = 1.0
    letterhead = _style(doc, "Briefgen Letterhead")
    _fonts(letterhead, 12, bold=True)
    letterhead.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    letterhead.paragraph_format.space_after = Pt(0)
    letterhead.font.size = Pt(14)
    unit = _style(doc, "Briefgen Letterhead Unit")
    _fonts(unit, 12, bold=True)
    unit.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    unit.paragraph_format.space_after = Pt(0)
    letterhead_line = _style(doc, "Briefgen Letterhead Line")
    _fonts(letterhead_line, 9)
    letterhead_line.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    letterhead_line.paragraph_format.space_after = Pt(0)
    rule = _style(doc, "Briefgen Rule")
    _fonts(rule, 4)
    rule.paragraph_format.space_after = Pt(8)
    _border_below(rule, "000000", "12")
    signature = _style(doc, "Briefgen Signature")
    _fonts(signature)
    signature.paragraph_format.left_indent = Cm(8.5)  # the right half: jabatan, room to sign, name, NIP
    signature.paragraph_format.space_after = Pt(0)
    signature.paragraph_format.keep_together = True
    annex = _style(doc, "Briefgen Annex Heading")
    _fonts(annex)
    annex.paragraph_format.left_indent = Cm(8.5)
    annex.paragraph_format.space_after = Pt(0)
    code = _style(doc, "Briefgen Code")
    _fonts(code, 11, bold=True)
    code.paragraph_format.space_after = Pt(0)
    figure = _style(doc, "Briefgen Figure")
    figure.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    figure.paragraph_format.keep_with_next = True
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
        ("Briefgen Count", {"size": 8.5, "color": GREY}),
        ("Briefgen Second Language", {"italic": True, "color": RGBColor(0x44, 0x54, 0x6A)}),
    ):
        style = _style(doc, name, WD_STYLE_TYPE.CHARACTER, None)
        _fonts(style, **kwargs)

    _table_style(doc, "Briefgen Bilingual Table", ())  # rows without rules: a document, not a spreadsheet
    _table_style(doc, "Briefgen Data Table", ("top", "left", "bottom", "right", "insideH", "insideV"))
    _table_style(doc, "Briefgen Fields Table", (), pad="40")

    _explicit(doc)
    # The body is emptied: the reference only carries styles, page set-up, headers and footers.
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.core_properties.title = ""
    doc.core_properties.author = "briefgen"
    clean_package(doc)
    doc.save(path)


KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "Table Normal", "No List", "Title", "Heading 1",
               "Heading 2", "Heading 3", "List Bullet", "List Number", "Body Text", "Caption", "Quote", "TOC Heading",
               "toc 1", "header", "footer", "Header", "Footer", "Hyperlink", "List Paragraph"}


def _drop_unused_styles(root) -> None:
    """Keep the styles briefgen names (and what they are based on or linked to); python-docx's default
    template carries ~270 built-in styles, most of them table styles coloured with theme accents."""
    styles = {s.find(qn("w:name")).get(qn("w:val")): s for s in root.findall(qn("w:style"))
              if s.find(qn("w:name")) is not None}
    ids = {s.get(qn("w:styleId")): name for name, s in styles.items()}
    wanted = {k.lower() for k in KEEP_STYLES}
    keep = {n for n in styles if n.lower() in wanted or n.startswith("Briefgen")}
    queue = list(keep)
    while queue:
        style = styles[queue.pop()]
        for tag in ("basedOn", "link", "next"):
            el = style.find(qn(f"w:{tag}"))
            name = ids.get(el.get(qn("w:val"))) if el is not None else None
            if name and name not in keep:
                keep.add(name)
                queue.append(name)
    for name, style in styles.items():
        if name not in keep:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
COLOR_THEME_ATTRS = ("themeColor", "themeShade", "themeTint")


def _explicit(doc) -> None:
    """Every style and the document defaults name their fonts and colours outright: no theme font
    (Word would set headings in the theme's Calibri/Cambria), no theme colour, no accent rule under
    the title (python-docx's default Title has a blue bottom border)."""
    root = doc.styles.element
    _drop_unused_styles(root)
    for el in root.iter():
        for attr in [a for a in el.attrib if a.split("}")[-1].startswith("theme")]:
            del el.attrib[attr]  # themeColor, themeFill, themeShade, ...: the explicit value stays
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "cs"):
            rfonts.set(qn(f"w:{attr}"), LATIN)
        rfonts.set(qn("w:eastAsia"), EAST_ASIA)
    for color in root.iter(qn("w:color")):
        for attr in COLOR_THEME_ATTRS:
            color.attrib.pop(qn(f"w:{attr}"), None)
        if color.get(qn("w:val")) in (None, "auto") or color.get(qn("w:val"), "").upper() in ("4F81BD", "365F91",
                                                                                          "17365D", "243F60"):
            color.set(qn("w:val"), "000000")
    for style in doc.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        ppr = style.element.pPr
        if ppr is not None and style.name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if rpr is not None:
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is None:
            rfonts = OxmlElement("w:rFonts")
            rpr.insert(0, rfonts)
        for attr in THEME_ATTRS:
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "cs"):
            rfonts.set(qn(f"w:{attr}"), LATIN)
        rfonts.set(qn("w:eastAsia"), EAST_ASIA)


if __name__ == "__main__":
    templates = Path(__file__).resolve().parents[1] / "templates"
    targets = {"base": templates / "_base/reference.docx", "memo": templates / "nota-dinas/reference.docx"}
    if len(sys.argv) > 1:
        targets = {sys.argv[2] if len(sys.argv) > 2 else "base": Path(sys.argv[1])}
    for variant, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        build(target, variant)
        print(f"wrote {target}")
