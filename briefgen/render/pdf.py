"""PDF writer: the template's HTML laid out by Qt's ``QTextDocument`` and painted page by page
onto a ``QPdfWriter``.

This is the one module outside ``briefgen/ui`` allowed to import PySide6 (see the import-linter
contract in pyproject.toml). It needs no display: without one it starts Qt on the ``offscreen``
platform. Fonts are the bundled open-licence Noto families, registered with the font database so
the PDF embeds them whatever the machine has installed. Each page is drawn by hand so every page
carries the classification marking at top and bottom and "Halaman X dari Y / Page X of Y".
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
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
from briefgen.render.html import render_html
from briefgen.render.layout import Document
from briefgen.resources import asset
from briefgen.templating import Template

SUPPORTS = frozenset({"styles", "tables", "page-furniture", "embedded-fonts"})
RESOLUTION = 300  # dpi of the PDF's drawing surface
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}
MARGINS_MM = QMarginsF(20, 22, 20, 22)
FONT_FAMILY = "Noto Sans"
_lock = threading.Lock()


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


def _paint(document: Document, html: str, target: Path, page_size: str) -> None:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("briefgen")
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[page_size]), QPageLayout.Orientation.Portrait,
                                     MARGINS_MM, QPageLayout.Unit.Millimeter))
    body = writer.pageLayout().paintRectPixels(RESOLUTION)
    furniture = RESOLUTION * 0.35  # space for the marking line above and below the text, in device pixels
    text_rect = QRectF(0, furniture, body.width(), body.height() - 2 * furniture)

    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(QFont(FONT_FAMILY, 10))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setPageSize(QSizeF(text_rect.width(), text_rect.height()))
    pages = doc.pageCount()

    small = QFont(FONT_FAMILY, 8)
    marking_font = QFont(FONT_FAMILY, 9, QFont.Weight.Bold)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot open {target} for writing")
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(text_rect.left(), text_rect.top() - page * text_rect.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = QRectF(0, page * text_rect.height(), text_rect.width(), text_rect.height())
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()

            painter.setFont(marking_font)
            painter.setPen(Qt.GlobalColor.darkRed)
            painter.drawText(QRectF(0, 0, body.width(), furniture * 0.8), Qt.AlignmentFlag.AlignCenter, document.marking)
            bottom = body.height() - furniture * 0.9
            painter.drawText(QRectF(0, bottom, body.width(), furniture * 0.5), Qt.AlignmentFlag.AlignCenter,
                             document.marking)
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.darkGray)
            numbering = " / ".join(document.page_label[lg].format(page=page + 1, pages=pages) for lg in document.langs)
            painter.drawText(QRectF(0, bottom + furniture * 0.45, body.width(), furniture * 0.45),
                             Qt.AlignmentFlag.AlignCenter, numbering)
    finally:
        painter.end()


def write_pdf(document: Document, template: Template, path: Path, page_size: str = "A4") -> None:
    html = render_html(document, template)
    ensure_qt()
    with _lock:  # one QTextDocument layout at a time: Qt's font engine is not reentrant across threads
        atomic_write(path, lambda tmp: _paint(document, html, tmp, page_size))
