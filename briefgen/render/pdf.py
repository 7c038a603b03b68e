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

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from briefgen.export import atomic_write
from briefgen.i18n import gettext_for
from briefgen.render.html import render_html
from briefgen.render.layout import Document
from briefgen.render.pdf_pages import draw_page, elements, number_contents, paginate
from briefgen.resources import asset
from briefgen.templating import Template

SUPPORTS = frozenset({"styles", "tables", "page-furniture", "embedded-fonts"})
RESOLUTION = 300  # dpi of the PDF's drawing surface
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(20, 22, 20, 22)
FONT_FAMILY = "Noto Sans"
FONT_FAMILIES = ("Noto Sans", "Noto Sans KR Hangul")  # Latin first; Hangul names from the bundled subset
MARKING_COLOR = QColor(0x7F, 0x1D, 0x1D)
MUTED_COLOR = QColor(0x55, 0x55, 0x55)
CLIP_EPSILON = 1.0  # device pixels
_lock = threading.Lock()


def document_font(size: float, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    """The PDF's font: ligatures off, so text copied or searched in the PDF reads "fi", not "ﬁ"."""
    font = bundled_font()
    font.setPointSizeF(size)
    font.setWeight(weight)
    return font


def bundled_font() -> QFont:
    """The bundled families (Latin, then Hangul) with ligatures off: text copied from the PDF reads "fi"."""
    font = QFont(FONT_FAMILY)
    font.setFamilies(list(FONT_FAMILIES))
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


def _paint(document: Document, html: str, target: Path, page_size: str, lang_names: dict[str, str]) -> None:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("briefgen")
    if document.author:
        writer.setAuthor(document.author)
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[page_size]), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    band = RESOLUTION * 0.3  # one furniture line (marking, page number, column headings), device pixels
    columns = document.layout == "side-by-side"
    top = band * (2.2 if columns else 1.2)
    text_rect = QRectF(0, top, body.width(), body.height() - top - band * 2.2)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(document_font(10))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
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
            _furniture(painter, document, body.width(), body.height(), band, number, len(pages),
                       columns and page.two_columns, lang_names)
    finally:
        painter.end()


def _furniture(painter: QPainter, document: Document, width: float, height: float, band: float, page: int,
               pages: int, columns: bool, lang_names: dict[str, str]) -> None:
    """Marking at top and bottom, page X of Y, and the side-by-side column headings on every page."""
    center = Qt.AlignmentFlag.AlignCenter
    painter.setFont(document_font(9, QFont.Weight.Bold))
    painter.setPen(MARKING_COLOR)
    painter.drawText(QRectF(0, 0, width, band), center, document.marking)
    painter.drawText(QRectF(0, height - band * 2, width, band), center, document.marking)
    painter.setFont(document_font(8))
    painter.setPen(MUTED_COLOR)
    numbering = " / ".join(document.page_label[lg].format(page=page + 1, pages=pages) for lg in document.langs)
    painter.drawText(QRectF(0, height - band, width, band), center, numbering)
    if columns:
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        y = band * 1.1
        for i, lang in enumerate(document.langs):
            painter.drawText(QRectF(i * width / 2 + band * 0.15, y, width / 2, band), left, lang_names[lang])
        painter.drawLine(QPointF(0, y + band), QPointF(width, y + band))


def write_pdf(document: Document, template: Template, path: Path, page_size: str = "A4") -> None:
    html = render_html(document, template, paged=True)
    names = {lg: gettext_for(lg)("Indonesian" if lg == "id" else "English") for lg in document.langs}
    ensure_qt()
    with _lock:  # one QTextDocument layout at a time: Qt's font engine is not reentrant across threads
        atomic_write(path, lambda tmp: _paint(document, html, tmp, page_size, names))
