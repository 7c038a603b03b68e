"""The Preview tab's view: the briefing's HTML, shown at once when small and in slices when large.

One render path: the page is ``briefgen.render.html.render_html`` of the same document an export
writes (an HTML export is byte-identical), set into a new ``QTextDocument`` each time, so no style
sheet or cached resource of the previous template survives (the Memorandum's centred title once did).

Why slices: PySide does not release the GIL while Qt parses HTML or lays a document out, so doing
that on a worker freezes the window just the same. A briefing with hundreds of sources is instead
appended a few dozen rows per event-loop turn (the template writes one top-level element per line),
so the window keeps answering while a long preview fills in.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QToolTip, QVBoxLayout, QWidget

SMALL = 60_000  # characters of HTML set in one go (a few tens of ms)
SLICE_LINES = 2  # top-level rows appended at a time...
SLICE_BUDGET_S = 0.015  # ...until this much time went by in one event-loop turn
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
MIN_SLICED_LINES = 40  # fewer top-level rows than this: slicing would not shorten any stall
_DATA_URI = re.compile(r"data:[^\"'\s)]+")
_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL | re.IGNORECASE)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)


REVIEW_SCHEME = "review:"  # the preview's marks link to "review:KEY" (briefgen.render.html, preview=True)


class PreviewPane(QWidget):
    """``review_requested(key)``: the user clicked an untranslated or unreviewed mark."""

    finished = Signal()
    review_requested = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.view = QTextBrowser()
        self.view.setOpenExternalLinks(False)
        self.view.setOpenLinks(False)  # a mark's link opens the Review tab, never a page
        self.view.anchorClicked.connect(self._clicked)
        self.view.viewport().installEventFilter(self)
        self.tooltip_for: Callable[[str], str] | None = None  # the window: what a mark means, how to fill it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._slices: list[str] = []
        self.page = ""  # the HTML last shown
        self._scroll = 0
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._append_slice)

    def _clicked(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(REVIEW_SCHEME):
            self.review_requested.emit(text[len(REVIEW_SCHEME):])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip and watched is self.view.viewport():
            anchor = self.view.anchorAt(event.pos())
            if anchor.startswith(REVIEW_SCHEME) and self.tooltip_for is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_for(anchor[len(REVIEW_SCHEME):]), self.view)
                return True
        return super().eventFilter(watched, event)

    @property
    def busy(self) -> bool:
        return bool(self._slices)

    def _fresh_document(self) -> QTextDocument:
        """A new, empty document for each page: nothing of the previous template (its style sheet, its
        cached images) can carry over; a reused document kept the Memorandum's centred, underlined title."""
        old = self.view.document()
        document = QTextDocument(self.view)
        document.setDefaultFont(old.defaultFont())
        document.setDocumentMargin(old.documentMargin())
        return document

    def _attach(self, document: QTextDocument, scroll: int) -> None:
        """Show ``document`` where the reader was (the text cursor at the start: never scroll to the end)."""
        old = self.view.document()
        ours = old.parent() is self.view and old is not document  # Qt deletes the view's first document itself
        self.view.setDocument(document)
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        self.view.verticalScrollBar().setValue(scroll)
        if ours:
            old.deleteLater()

    def show_html(self, page: str) -> None:
        """Show ``page``: the export's HTML (one render path: ``briefgen.render.html``; in the preview a mark
        is also a link to the Review tab), in a fresh document."""
        self.page = page
        scroll = self.view.verticalScrollBar().value()
        self._timer.stop()
        self._slices = []
        body = _BODY.search(page)
        document = self._fresh_document()
        lines = [line for line in body.group(1).splitlines() if line.strip()] if body else []
        # embedded figures (data: URIs) are bytes, not layout work: only text counts towards "large"
        text_size = len(page) - sum(len(m) for m in _DATA_URI.findall(page))
        if text_size <= SMALL or len(lines) <= MIN_SLICED_LINES:
            self.view.viewport().setUpdatesEnabled(True)
            document.setHtml(page)  # filled before it is shown: the view's cursor stays at the start
            self._attach(document, scroll)
            self.finished.emit()
            return
        css = "\n".join(_STYLE.findall(page))
        self._slices = ["\n".join(lines[i:i + SLICE_LINES]) for i in range(0, len(lines), SLICE_LINES)]
        self.view.viewport().setUpdatesEnabled(False)  # one paint at the end, not one per slice
        document.setDefaultStyleSheet(css)
        title = _TITLE.search(page)
        if title:
            document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, html.unescape(title.group(1)))
        self._attach(document, 0)
        self._scroll = scroll  # restored once the slices are in (before, there is nothing to scroll)
        self._append_slice()
        self._timer.start()

    def _append_slice(self) -> None:
        if not self._slices:
            self._timer.stop()
            self.view.viewport().setUpdatesEnabled(True)
            return
        start = time.perf_counter()
        cursor = QTextCursor(self.view.document())
        while self._slices and time.perf_counter() - start < SLICE_BUDGET_S:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertHtml(self._slices.pop(0))
        if not self._slices:
            self._timer.stop()
            self.view.viewport().setUpdatesEnabled(True)
            self.view.verticalScrollBar().setValue(self._scroll)
            self.view.viewport().update()
            self.finished.emit()
