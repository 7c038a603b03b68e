"""Page breaking for the PDF: where each page starts and ends, decided once on a single layout.

Qt's own pagination (``QTextDocument.setPageSize``) paints a table row that straddles a page break
on both pages (once visibly cut, once clipped but still in the PDF as copyable text), and moving a
row with a page-break policy makes Qt lay out the rest of the document again: quadratic, 20 s for
a 50-page Dossier. So the document is laid out once as one long column, and pages are cut here:

* only between rows (every side-by-side row and every data-table row is a small table of its own,
  see ``templates/_base/base.html.j2``) or between the lines of a paragraph, never inside a row;
* never right after a heading (a section heading or a data table's heading row goes with what follows);
* never right before the memo's signature (it goes with the last lines of the closing paragraph);
* at every forced break (``page-break-before``: each language of the sequential layout starts a page);
* when a data table's row opens a page, that table's heading row (anchor ``bg-h-N``) is painted
  above it, as Word repeats a ``tblHeader`` row.

The painter then draws each page's slice of the column, clipped to it; Qt skips lines and cells
outside the clip, so nothing is painted twice.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QTextDocument, QTextFormat, QTextTable

SIGNATURE = "bg-sig"  # the anchor of the memo's signature block (base.html.j2)


@dataclass(frozen=True)
class Element:
    """A top-level piece of the flow: a table (row) or a paragraph, with its break points."""

    top: float
    bottom: float
    role: str = ""  # bg-h-N | bg-r-N | bg-w | bg-sig | "" (side-by-side row or paragraph)
    heading: bool = False
    forced: bool = False  # page-break-before
    lines: tuple[float, ...] = ()  # tops of a paragraph's lines after the first (break points inside it)
    level: int = 0  # heading level (1 title, 2 section)
    two_columns: bool = False
    table: QTextTable | None = None
    text: str = ""  # a heading's text (each column's, joined with " / "), for the PDF's bookmarks


@dataclass(frozen=True)
class Page:
    start: float  # document y where the page's slice begins
    end: float
    head: Element | None = None  # a data table's heading row painted above the slice
    two_columns: bool = False  # holds a side-by-side row: the painter adds the language headings


def _role(table: QTextTable) -> str:
    it = table.cellAt(0, 0).firstCursorPosition().block().begin()
    while not it.atEnd():
        names = it.fragment().charFormat().anchorNames()
        if names:
            return names[0]
        it += 1
    return ""


def elements(doc: QTextDocument) -> list[Element]:
    """The root frame's children in reading order, with their extents on the single long layout."""
    layout: QAbstractTextDocumentLayout = doc.documentLayout()
    out: list[Element] = []
    it = doc.rootFrame().begin()
    while not it.atEnd():
        block = it.currentBlock()
        # currentFrame() only when there is no block: for a block PySide returns None without counting
        # the reference, and enough of those crash the interpreter at exit ("none_dealloc").
        frame = None if block.isValid() else it.currentFrame()
        if isinstance(frame, QTextTable):
            rect = layout.frameBoundingRect(frame)
            role = _role(frame)
            forced = bool(frame.format().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            level = frame.cellAt(0, 0).firstCursorPosition().block().blockFormat().headingLevel()
            heading = level > 0 or role.startswith("bg-h-")
            text = " / ".join(t for t in (frame.cellAt(0, c).firstCursorPosition().block().text().strip()
                                          for c in range(frame.columns())) if t) if level else ""
            out.append(Element(rect.top(), rect.bottom(), role, heading, forced, level=level,
                               two_columns=frame.columns() == 2 and not role, table=frame, text=text))
        elif frame is not None:
            rect = layout.frameBoundingRect(frame)
            out.append(Element(rect.top(), rect.bottom()))
        elif block.isValid() and (block.text().strip() or block.blockFormat().pageBreakPolicy()):
            # (the empty blocks Qt keeps between tables carry no text, and their boxes overlap the tables)
            rect = layout.blockBoundingRect(block)
            text_layout = block.layout()
            lines = tuple(rect.top() + text_layout.lineAt(i).y() for i in range(1, text_layout.lineCount()))
            policy = block.blockFormat().pageBreakPolicy()
            level = block.blockFormat().headingLevel()
            out.append(Element(rect.top(), rect.bottom(), "", level > 0,
                               bool(policy & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore), lines, level=level,
                               text=block.text().strip() if level else ""))
        it += 1
    return out


def _candidates(flow: list[Element]) -> list[tuple[float, int, bool]]:
    """Break points (y, index of the element that starts there, forced); none right after a heading,
    none inside a table (a row is drawn whole wherever it is cut)."""
    tables = [(e.top, e.bottom) for e in flow if e.table is not None]
    points = []
    for i, element in enumerate(flow):
        after_heading = i > 0 and flow[i - 1].heading
        if element.role == SIGNATURE and not element.forced:
            continue  # the signature goes with the end of the text before it: never a page of its own
        if element.forced:
            points.append((element.top, i, True))
        elif not after_heading and i > 0:
            points.append((element.top, i, False))
        points += [(y, i, False) for y in element.lines if not element.heading]
    points.sort()
    tables.sort()
    tops = [t for t, _ in tables]

    def inside(y: float) -> bool:
        at = bisect_right(tops, y - 0.5) - 1
        return at >= 0 and y < tables[at][1] - 0.5

    return [p for p in points if p[2] or not inside(p[0])]


def paginate(doc: QTextDocument, page_height: float, flow: list[Element] | None = None) -> list[Page]:
    """Cut the laid-out document into pages (greedy: as much as fits, at the last allowed break)."""
    flow = [e for e in (elements(doc) if flow is None else flow) if e.bottom > e.top or e.forced]
    if not flow:
        return [Page(0, page_height)]
    points = _candidates(flow)
    heads = {e.role[5:]: e for e in flow if e.role.startswith("bg-h-")}
    end_of_doc = max(e.bottom for e in flow)
    ys = [y for y, _, _ in points]
    pages: list[Page] = []
    start, first = flow[0].top, 0
    while start < end_of_doc - 0.5:
        opener = flow[first]
        head = None
        if opener.role.startswith("bg-r-") and first > 0 and flow[first - 1].role != "bg-h-" + opener.role[5:]:
            head = heads.get(opener.role[5:])
        limit = start + page_height - ((head.bottom - head.top) if head else 0)
        window = points[bisect_right(ys, start + 0.5):bisect_right(ys, limit)]
        forced = next(((y, i) for y, i, f in window if f), None)
        nxt: int | None
        if forced:
            end, nxt = forced
        elif end_of_doc <= limit:
            end, nxt = end_of_doc, len(flow)
        elif window:
            end, nxt = window[-1][0], window[-1][1]
        else:  # one element taller than a page: cut it where the page ends
            end, nxt = limit, None
        two = any(e.two_columns and e.top < end and e.bottom > start for e in flow[first:nxt or len(flow)])
        pages.append(Page(start, end, head, two))
        start = end
        if nxt is not None:
            first = nxt
        while first + 1 < len(flow) and flow[first].bottom <= start:
            first += 1
    return pages


def number_contents(doc: QTextDocument, pages: list[Page], flow: list[Element] | None = None) -> bool:
    """Write each section's page number into the contents list (anchor ``bg-toc``), once pages are cut.

    The numbers go into a fixed narrow column, so no line wraps differently and the cut pages stay
    as they are. Returns False (numbers left out) when the entries and the section headings differ.
    """
    flow = elements(doc) if flow is None else flow
    toc = next((e.table for e in flow if e.role == "bg-toc" and e.table is not None), None)
    if toc is None or toc.columns() != 2:
        return False
    headings = [e.top for e in flow if e.level == 2]
    if len(headings) != toc.rows() - 1:
        return False
    starts = [p.start for p in pages]
    for row, top in enumerate(headings, start=1):
        page = max(bisect_right(starts, top + 0.5) - 1, 0)
        toc.cellAt(row, 1).firstCursorPosition().insertText(str(page + 1))
    return True


def heading_pages(pages: list[Page], flow: list[Element]) -> list[tuple[int, str, int]]:
    """(level, text, 0-based page) of every heading in reading order: the PDF's bookmarks."""
    starts = [p.start for p in pages]
    return [(e.level, e.text, max(bisect_right(starts, e.top + 0.5) - 1, 0)) for e in flow if e.level and e.text]


def draw_page(layout: QAbstractTextDocumentLayout, painter, page: Page, width: float, epsilon: float = 1.0) -> None:
    """Paint one page's slice (and the repeated heading row) at the painter's origin."""
    offset = 0.0
    if page.head is not None:
        _draw_slice(layout, painter, page.head.top, page.head.bottom, 0.0, width, epsilon)
        offset = page.head.bottom - page.head.top
    _draw_slice(layout, painter, page.start, page.end, offset, width, epsilon)


def _draw_slice(layout, painter, top: float, bottom: float, at: float, width: float, epsilon: float) -> None:
    painter.save()
    painter.translate(0, at - top)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top + epsilon, width, bottom - top - 2 * epsilon)
    painter.setClipRect(context.clip)
    layout.draw(painter, context)
    painter.restore()
