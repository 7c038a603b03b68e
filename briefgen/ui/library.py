"""The article library: one row per clipping with an include box, its metadata and warning badges.

Badges say what a reader should check before trusting a row: a duplicate (left out by default),
a publication date that was inferred (no year in the clipping) or unknown, and how many of the
article's segments have no translation yet. Files and folders can be dropped onto the list; the
window handles the import (on a worker).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from briefgen.model import Article

COL_TITLE, COL_OUTLET, COL_DATE, COL_LANG, COL_BADGES = range(5)
WARN = QColor("#9a5b00")
LEFT_OUT = QColor("#8a8a8a")  # the text of an unticked row: it is not in the briefing


class DropTree(QTreeWidget):
    """A tree that accepts files and folders dragged from the desktop."""

    paths_dropped = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        # shown over the empty list: how to get clippings in (a blank list told a new user nothing)
        self.empty_hint = QLabel(self.viewport())
        self.empty_hint.setObjectName("library-empty-hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setStyleSheet("color: palette(placeholder-text); padding: 16px;")
        self.empty_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def update_empty_hint(self) -> None:
        self.empty_hint.setVisible(self.topLevelItemCount() == 0)
        self.empty_hint.setGeometry(self.viewport().rect())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.empty_hint.setGeometry(self.viewport().rect())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.paths_dropped.emit(paths)


class LibraryPanel(QWidget):
    """The left panel. ``inclusion_changed(index, included)``; ``current_changed(index)``."""

    inclusion_changed = Signal(int, bool)
    current_changed = Signal(int)

    def __init__(self, _) -> None:
        super().__init__()
        self._ = _
        self._filling = False
        self.tree = DropTree()
        self.tree.setColumnCount(5)
        self.tree.setHeaderLabels([_("Title"), _("Outlet"), _("Date"), _("Lang."), _("Checks")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        # fixed widths from the font, not ResizeToContents: that re-measures every row on every change,
        # which stalls the window with hundreds of clippings
        metrics = self.tree.fontMetrics()
        for col, sample in ((COL_OUTLET, "Kompas.com·"), (COL_DATE, "2023-11-09 ?·"), (COL_LANG, "Lang.·"),
                            (COL_BADGES, "DUP DATE? ⚑12")):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 16)
        self.tree.setToolTip(_("Tick the articles that go into the briefing. Drop files or folders here, "
                               "or paste text with Ctrl+V."))
        self.tree.empty_hint.setText(_("No clippings yet.\n\nDrag clipping files or folders here, "
                                       "press Ctrl+I to import files, or Ctrl+V to paste an article's text."))
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self.current_changed.emit(self.index_of(cur)))
        self.summary = QLabel()
        self.summary.setObjectName("library-summary")
        self.setMinimumWidth(300)  # the title column stays readable when the window is narrow
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(f"<b>{_('Articles')}</b>")
        layout.addWidget(title)
        layout.addWidget(self.tree)
        layout.addWidget(self.summary)
        self.tree.update_empty_hint()

    # --- rows --------------------------------------------------------------------------------------
    def set_articles(self, articles: list[Article], included: list[bool]) -> None:
        """Replace all rows (used on open and after a rebuild); keeps the current row if it can."""
        current = self.current_index()
        self._filling = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self.tree.addTopLevelItems([self._row(a, inc) for a, inc in zip(articles, included, strict=True)])
        finally:
            self.tree.setUpdatesEnabled(True)
            self._filling = False
        if 0 <= current < len(articles):
            self.tree.setCurrentItem(self.tree.topLevelItem(current))
        self.fit_columns()
        self._update_summary()

    def select_rows(self, rows: range) -> None:
        """Make the first of ``rows`` current and scroll so the new rows show (what was just imported)."""
        if len(rows) == 0 or rows[0] >= self.count():
            return
        first = self.tree.topLevelItem(rows[0])
        self.tree.setCurrentItem(first)
        self.tree.scrollToItem(self.tree.topLevelItem(min(rows[-1], self.count() - 1)))
        self.tree.scrollToItem(first)

    def append_articles(self, articles: list[Article], included: list[bool]) -> None:
        self._filling = True
        try:
            self.tree.addTopLevelItems([self._row(a, inc) for a, inc in zip(articles, included, strict=True)])
        finally:
            self._filling = False
        self.fit_columns()
        self._update_summary()

    def _row(self, article: Article, included: bool) -> QTreeWidgetItem:
        _ = self._
        date = article.published.isoformat() if article.published else "—"
        if article.published and article.published_inferred:
            date += " ?"
        item = QTreeWidgetItem([article.title, article.outlet or "?", date, article.lang.upper(), ""])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(COL_TITLE, Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)
        item.setToolTip(COL_TITLE, f"{article.title}\n{article.file}")
        self._grey(item, included)
        item.setToolTip(COL_DATE, _("Year inferred from the weekday: check it") if article.published_inferred
                        else (_("No publication date found") if not article.published else ""))
        self._set_badges(item, article, 0)
        return item

    def _set_badges(self, item: QTreeWidgetItem, article: Article, untranslated: int) -> None:
        _ = self._
        badges, tips = [], []
        if article.duplicate_of:
            badges.append(_("DUP"))
            tips.append(_("Duplicate of another article ({id}); left out by default").format(
                id=article.duplicate_of[:8]))
        if article.off_topic:
            badges.append(_("OFF-TOPIC?"))
            tips.append(_("Far from what the other clippings are about; left out unless you tick it"))
        if article.published_inferred:
            badges.append(_("DATE?"))
            tips.append(_("Publication year inferred"))
        elif not article.published:
            badges.append(_("NO DATE"))
            tips.append(_("No publication date found"))
        if article.title_derived:
            tips.append(_("Title derived from the lead"))
        if untranslated:
            badges.append(f"⚑{untranslated}")
            tips.append(_("{count} segments without translation").format(count=untranslated))
        item.setData(COL_BADGES, Qt.ItemDataRole.UserRole, untranslated)
        item.setText(COL_BADGES, " ".join(badges))
        item.setToolTip(COL_BADGES, "\n".join(tips))
        item.setForeground(COL_BADGES, QBrush(WARN))

    def set_untranslated(self, articles: list[Article], counts: dict[str, int]) -> None:
        """Refresh the untranslated badges from the latest briefing (by article hash)."""
        self._filling = True
        try:
            for i, article in enumerate(articles):
                item = self.tree.topLevelItem(i)
                count = counts.get(article.sha256, 0)
                if item is not None and item.data(COL_BADGES, Qt.ItemDataRole.UserRole) != count:
                    self._set_badges(item, article, count)
        finally:
            self._filling = False
        self.fit_columns()

    # --- state -------------------------------------------------------------------------------------
    def index_of(self, item: QTreeWidgetItem | None) -> int:
        return self.tree.indexOfTopLevelItem(item) if item is not None else -1

    def current_index(self) -> int:
        return self.index_of(self.tree.currentItem())

    def count(self) -> int:
        return self.tree.topLevelItemCount()

    def is_checked(self, index: int) -> bool:
        return self.tree.topLevelItem(index).checkState(COL_TITLE) == Qt.CheckState.Checked

    def set_checked(self, index: int, checked: bool) -> None:
        self.tree.topLevelItem(index).setCheckState(COL_TITLE, Qt.CheckState.Checked if checked
                                                    else Qt.CheckState.Unchecked)

    @staticmethod
    def _grey(item: QTreeWidgetItem, included: bool) -> None:
        """An unticked row is drawn greyed: it is left out of the briefing (the badges keep their colour)."""
        for col in (COL_TITLE, COL_OUTLET, COL_DATE, COL_LANG):
            item.setForeground(col, QBrush() if included else QBrush(LEFT_OUT))
        font = item.font(COL_TITLE)
        font.setItalic(not included)
        item.setFont(COL_TITLE, font)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != COL_TITLE:
            return
        included = item.checkState(COL_TITLE) == Qt.CheckState.Checked
        self._filling = True  # greying is itself an item change
        try:
            self._grey(item, included)
        finally:
            self._filling = False
        self._update_summary()
        self.inclusion_changed.emit(self.index_of(item), item.checkState(COL_TITLE) == Qt.CheckState.Checked)

    def fit_columns(self) -> None:
        """Outlet, date, language and checks as wide as what they hold (capped), so the title gets the rest.

        Measured from the rows' text (a font-metrics call per cell, cheap even for hundreds of rows), not
        ResizeToContents, which re-measures on every change and stalls a large library.
        """
        metrics, header = self.tree.fontMetrics(), self.tree.header()
        caps = {COL_OUTLET: metrics.horizontalAdvance("M" * 11), COL_DATE: metrics.horizontalAdvance("2023-11-09 ?·"),
                COL_LANG: metrics.horizontalAdvance("MMM"), COL_BADGES: metrics.horizontalAdvance("M" * 12)}
        for col, cap in caps.items():
            texts = {self.tree.topLevelItem(i).text(col) for i in range(self.count())}
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            heading = header.fontMetrics().horizontalAdvance(self.tree.headerItem().text(col))
            header.resizeSection(col, min(cap, max(widest, heading)) + 18)

    def _update_summary(self) -> None:
        self.tree.update_empty_hint()
        total = self.count()
        ticked = sum(self.is_checked(i) for i in range(total))
        self.summary.setText(self._("{ticked} of {total} articles included").format(ticked=ticked, total=total))
