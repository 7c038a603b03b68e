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

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
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

from briefgen.export import atomic_write
from briefgen.i18n import gettext_for
from briefgen.render.html import render_html
from briefgen.render.layout import Document
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
    font = QFont(FONT_FAMILY)
    font.setFamilies(list(FONT_FAMILIES))
    font.setPointSizeF(size)
    font.setWeight(weight)
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


def _is_heading(table: QTextTable) -> bool:
    return table.cellAt(0, 0).firstCursorPosition().block().blockFormat().headingLevel() > 0


def _top_tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def _role(table: QTextTable) -> str:
    """The anchor the template put in a table's first cell: bg-h-N (a data table's heading row), bg-r-N
    (one of its rows), bg-w (a wide block); "" for a side-by-side row."""
    it = table.cellAt(0, 0).firstCursorPosition().block().begin()
    while not it.atEnd():
        names = it.fragment().charFormat().anchorNames()
        if names:
            return names[0]
        it += 1
    return ""


def _break_before(table: QTextTable, on: bool = True) -> None:
    fmt = table.format()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore if on
                           else QTextFormat.PageBreakFlag.PageBreak_Auto)
    table.setFormat(fmt)


def _copy_before(doc: QTextDocument, source: QTextTable, target: QTextTable) -> None:
    """Insert a copy of ``source`` (a heading row) just before ``target``, starting a new page."""
    selection = QTextCursor(doc)
    selection.setPosition(source.firstPosition() - 1)
    selection.setPosition(source.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
    cursor = QTextCursor(doc)
    cursor.setPosition(target.firstPosition() - 1)
    cursor.insertFragment(selection.selection())
    copy = _top_tables(doc)
    index = next(i for i, t in enumerate(copy) if t == target)
    _break_before(copy[index - 1])
    _break_before(target, on=False)


def paginate_rows(doc: QTextDocument, page_height: float) -> int:
    """Keep rows whole on one page, headings with what follows, and repeat data tables' heading rows.

    Side-by-side rows and the rows of data tables are each a small table of their own (see
    base.html.j2). A row that would straddle a page break starts the next page instead: it reads
    better, and it keeps Qt from painting the row's straddling line on both pages (a duplicate, once
    visibly cut, once invisible but copyable). When a data table's row starts a page, a copy of the
    table's heading row goes before it. Returns the rows moved.

    Each move changes the layout of everything after it, so bounding boxes are read as we go, from
    the current table on; Qt lays out lazily up to the point asked for, which keeps this close to
    linear in the document's length.
    """
    layout = doc.documentLayout()
    tables = _top_tables(doc)
    roles = [_role(t) for t in tables]
    heads = {role[5:]: t for t, role in zip(tables, roles, strict=True) if role.startswith("bg-h-")}
    moved = 0
    previous_bottom_page = -1
    for index, table in enumerate(tables):
        rect = layout.frameBoundingRect(table)
        page = int(rect.top() // page_height)
        last_page = int((rect.bottom() - 1) // page_height)
        following = tables[index + 1] if index + 1 < len(tables) else None
        heading = _is_heading(table) or roles[index].startswith("bg-h-")
        move = page != last_page and rect.height() < page_height * 0.8
        if heading and following is not None and not move:
            nxt = layout.frameBoundingRect(following)
            move = int((nxt.bottom() - 1) // page_height) > last_page and nxt.height() < page_height * 0.8
        if move:
            _break_before(table)
            moved += 1
            rect = layout.frameBoundingRect(table)
            page, last_page = int(rect.top() // page_height), int((rect.bottom() - 1) // page_height)
        role = roles[index]
        if role.startswith("bg-r-") and page > previous_bottom_page >= 0 and roles[index - 1] != "bg-h-" + role[5:]:
            head = heads.get(role[5:])
            if head is not None:
                _copy_before(doc, head, table)
                rect = layout.frameBoundingRect(table)
                last_page = int((rect.bottom() - 1) // page_height)
        previous_bottom_page = last_page
    return moved


def bilingual_pages(doc: QTextDocument, page_height: float) -> set[int]:
    """Pages holding at least one two-column side-by-side row (their column headings are drawn)."""
    layout = doc.documentLayout()
    pages: set[int] = set()
    for table in _top_tables(doc):
        if table.columns() == 2 and not _role(table):
            rect = layout.frameBoundingRect(table)
            pages.update(range(int(rect.top() // page_height), int((rect.bottom() - 1) // page_height) + 1))
    return pages


def keep_headings_with_next(doc: QTextDocument, page_height: float) -> int:
    """In one-column layouts, a section heading left alone at the foot of a page starts the next one."""
    layout = doc.documentLayout()
    it = doc.rootFrame().begin()
    previous_heading = None
    moved = 0
    while not it.atEnd():
        frame, block = it.currentFrame(), it.currentBlock()
        if frame is not None:
            rect = layout.frameBoundingRect(frame)
        elif block.isValid():
            rect = layout.blockBoundingRect(block)
        else:
            it += 1
            continue
        if previous_heading is not None:
            head_rect = layout.blockBoundingRect(previous_heading)
            first_line_bottom = rect.top() + min(rect.height(), page_height / 20)
            if int(head_rect.top() // page_height) != int(first_line_bottom // page_height):
                cursor = QTextCursor(previous_heading)
                fmt = previous_heading.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(fmt)
                moved += 1
        previous_heading = block if frame is None and block.blockFormat().headingLevel() == 2 else None
        it += 1
    return moved


def _paint(document: Document, html: str, target: Path, page_size: str, lang_names: dict[str, str]) -> None:
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(document.title)
    writer.setCreator("briefgen")
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
    doc.setPageSize(QSizeF(text_rect.width(), text_rect.height()))
    paginate_rows(doc, text_rect.height())
    keep_headings_with_next(doc, text_rect.height())
    pages = doc.pageCount()
    heading_pages = bilingual_pages(doc, text_rect.height()) if columns else set()

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
            # A hair inside the page, so a line ending exactly on the boundary is painted on one page only.
            context.clip = QRectF(0, page * text_rect.height() + CLIP_EPSILON, text_rect.width(),
                                  text_rect.height() - 2 * CLIP_EPSILON)
            painter.setClipRect(context.clip)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            show_columns = columns and page in heading_pages
            _furniture(painter, document, body.width(), body.height(), band, page, pages, show_columns, lang_names)
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
