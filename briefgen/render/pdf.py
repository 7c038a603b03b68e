"""PDF writer: the template's HTML laid out by Qt's ``QTextDocument`` and painted page by page
onto a ``QPdfWriter``.

This and its helpers ``pdf_pages`` (page breaking) and ``pdf_figures`` (the timeline picture) are
the modules outside ``briefgen/ui`` allowed to import PySide6 (see the import-linter contract in
pyproject.toml). It needs no display: without one it starts Qt on the ``offscreen``
platform. Fonts are the bundled open-licence Noto families, registered with the font database so
the PDF embeds them whatever the machine has installed. Each page is drawn by hand so every page
carries the classification marking at top and bottom, "Halaman X dari Y / Page X of Y", and, on
pages that hold side-by-side rows, the two language headings. The document is laid out once as one
long column and cut into pages by :mod:`briefgen.render.pdf_pages` (rows whole, headings kept with
what follows, data tables' heading rows repeated): linear in the length, about 1 s for 50 pages.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

from briefgen import __version__
from briefgen.export import atomic_write
from briefgen.i18n import gettext_for
from briefgen.render.html import render_html
from briefgen.render.layout import Document
from briefgen.render.pdf_meta import finish_pdf
from briefgen.render.pdf_pages import draw_page, elements, heading_pages, number_contents, paginate
from briefgen.resources import asset
from briefgen.templating import Template

SUPPORTS = frozenset({"styles", "tables", "page-furniture", "embedded-fonts"})
RESOLUTION = 300  # dpi of the PDF's drawing surface
FONT_FAMILY = "Liberation Sans"  # metric-compatible with Arial, which the DOCX names (SIL OFL, bundled)
FONT_FAMILIES = ("Liberation Sans", "Noto Sans", "Noto Sans KR Hangul")  # Latin, then what it lacks, then Hangul
MARKING_COLOR = QColor(0x7F, 0x1D, 0x1D)
CODE_RED = QColor(0xC0, 0x00, 0x00)  # SR and R are marked in red ink (ANRI 5/2021)
MUTED_COLOR = QColor(0x55, 0x55, 0x55)
CLIP_EPSILON = 1.0  # device pixels
_lock = threading.Lock()


def page_size(name: str) -> QPageSize:
    """A4, Letter, or F4/Folio (215 × 330 mm, the paper of many Indonesian offices)."""
    if name == "Letter":
        return QPageSize(QPageSize.PageSizeId.Letter)
    if name == "F4":
        return QPageSize(QSizeF(215, 330), QPageSize.Unit.Millimeter, "F4", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageSize(QPageSize.PageSizeId.A4)


def document_font(size: float, weight: QFont.Weight = QFont.Weight.Normal, family: str = FONT_FAMILY) -> QFont:
    """The PDF's font: ligatures off, so text copied or searched in the PDF reads "fi", not "ﬁ"."""
    font = bundled_font(family)
    font.setPointSizeF(size)
    font.setWeight(weight)
    return font


def bundled_font(family: str = FONT_FAMILY) -> QFont:
    """The bundled families (Latin, then Hangul) with ligatures off: text copied from the PDF reads "fi"."""
    font = QFont(family)
    font.setFamilies(list(dict.fromkeys((family, *FONT_FAMILIES))))
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def ensure_qt() -> QGuiApplication:
    """A Qt GUI application must exist for fonts and painting; make one headless if needed."""
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else "briefgen"])
    register_fonts()
    return app  # type: ignore[return-value]


_fonts_registered = False


def register_fonts() -> list[str]:
    """Add the bundled fonts to Qt's font database once; returns the families found."""
    global _fonts_registered
    families: list[str] = []
    if _fonts_registered:
        return families
    for path in sorted(asset("fonts").glob("*.[ot]t[fc]")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    _fonts_registered = True
    return families


def _paint(document: Document, html: str, target: Path, size: str, lang_names: dict[str, str]) -> list[int]:
    """Lay out and paint every page; returns the page (0-based) each section heading starts on."""
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator(f"briefgen {__version__}")
    if document.author:
        writer.setAuthor(document.author)
    top, right, bottom, left = document.page.margins_mm
    writer.setPageLayout(QPageLayout(page_size(size), QPageLayout.Orientation.Portrait,
                                     QMarginsF(left, top, right, bottom), QPageLayout.Unit.Millimeter))
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    band = RESOLUTION * 0.3  # one furniture line (marking, page number, column headings), device pixels
    columns = document.layout == "side-by-side"
    corner = document.page.marking == "corner"
    head = band * (1.2 if columns else 0.0) + (band * 1.2 if not corner or document.page.page_numbers == "top" else 0)
    foot = band * 2.2 if document.page.page_numbers == "footer" or not corner else 0.0
    text_rect = QRectF(0, head, body.width(), body.height() - head - foot)

    doc = QTextDocument()
    doc.setDefaultFont(document_font(document.page.font_size, family=document.page.pdf_font))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    true_heading_sizes(doc, rows=columns)  # before the layout exists: each change would lay the text out again
    doc.documentLayout().setPaintDevice(writer)
    doc.setTextWidth(text_rect.width())  # one long column; pdf_pages cuts it into pages
    flow = elements(doc)
    pages = paginate(doc, text_rect.height(), flow)
    number_contents(doc, pages, flow)
    layout = doc.documentLayout()

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot open {target} for writing")
    try:
        for number, page in enumerate(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(text_rect.left(), text_rect.top())
            draw_page(layout, painter, page, text_rect.width(), CLIP_EPSILON)
            painter.restore()
            _furniture(painter, document, body, band, number, len(pages),
                       columns and page.two_columns, lang_names, head)
    finally:
        painter.end()
    return heading_pages(pages, flow)


def true_heading_sizes(doc: QTextDocument, rows: bool = True) -> None:
    """Qt scales <h1>/<h2> text by its own heading size step on top of the CSS font-size (a 12 pt title
    came out at 18 pt); the step is removed so the template's sizes are the sizes printed. Headings are
    top-level paragraphs or (``rows``: side by side) the first line of a two-column row's cells, so only
    those are looked at."""
    adjustment = QTextFormat.Property.FontSizeAdjustment

    def fix(block) -> None:
        if not block.blockFormat().headingLevel():
            return
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.hasProperty(adjustment):
                fmt.clearProperty(adjustment)
                cursor = QTextCursor(doc)
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
            it += 1

    it = doc.rootFrame().begin()
    while not it.atEnd():
        block = it.currentBlock()
        if block.isValid():
            fix(block)
        else:  # (currentFrame() only without a block: see pdf_pages.elements)
            frame = it.currentFrame() if rows else None
            if isinstance(frame, QTextTable) and frame.columns() == 2:
                for column in range(2):
                    fix(frame.cellAt(0, column).firstCursorPosition().block())
        it += 1


def _furniture(painter: QPainter, document: Document, body: QRectF, band: float, page: int,
               pages: int, columns: bool, lang_names: dict[str, str], head: float) -> None:
    """The marking and page numbers as the template asks, and the side-by-side column headings.

    ``band``: the marking centred at top and foot, "Halaman X dari Y" at the foot. ``corner`` (Nota
    Dinas): the classification code at the top left of every page (SR/R in red) and, from page 2,
    the page number at the top centre, as the Tata Naskah Dinas rules put them.
    """
    width, height = body.width(), body.height()
    center = Qt.AlignmentFlag.AlignCenter
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    size = document.page.font_size
    family = document.page.pdf_font
    if document.page.marking == "corner":
        painter.setFont(document_font(size, QFont.Weight.Bold, family))
        painter.setPen(CODE_RED if document.code_red else QColor("black"))
        painter.drawText(QRectF(0, 0, width / 3, band), left, document.code or document.marking)
    else:
        painter.setFont(document_font(9, QFont.Weight.Bold, family))
        painter.setPen(MARKING_COLOR)
        painter.drawText(QRectF(0, 0, width, band), center, document.marking)
        painter.drawText(QRectF(0, height - band * 2, width, band), center, document.marking)
    if document.page.page_numbers == "top":
        if page:
            painter.setFont(document_font(size, family=family))
            painter.setPen(QColor("black"))
            painter.drawText(QRectF(0, 0, width, band), center, f"- {page + 1} -")
    else:
        painter.setFont(document_font(8, family=family))
        painter.setPen(MUTED_COLOR)
        numbering = " / ".join(document.page_label[lg].format(page=page + 1, pages=pages) for lg in document.langs)
        painter.drawText(QRectF(0, height - band, width, band), center, numbering)
    if columns and not (page == 0 and document.page.marking == "corner"):  # the memo opens with its kop
        painter.setFont(document_font(8, family=family))
        painter.setPen(MUTED_COLOR)
        y = head - band * 1.1
        for i, lang in enumerate(document.langs):
            painter.drawText(QRectF(i * width / 2 + band * 0.15, y, width / 2, band), left, lang_names[lang])
        painter.drawLine(QPointF(0, y + band), QPointF(width, y + band))


def write_pdf(document: Document, template: Template, path: Path, page_size: str = "A4") -> dict[str, int]:
    """Write the PDF; returns each section heading's page (1-based), for the DOCX's contents."""
    html = render_html(document, template, paged=True)
    names = {lg: gettext_for(lg)("Indonesian" if lg == "id" else "English") for lg in document.langs}
    ensure_qt()

    pages: dict[str, int] = {}

    def produce(tmp: Path) -> None:
        with _lock:  # one QTextDocument layout at a time: Qt's font engine is not reentrant across threads
            starts = _paint(document, html, tmp, page_size, names)
        finish_pdf(tmp, document, starts)
        for level, text, page in starts:
            if level == 2:
                pages.setdefault(text, page + 1)

    atomic_write(path, produce)
    return pages
