"""The right-hand "Analyst" panel: the analyst's own assessment and recommendations, and the key points.

The analyst writes in Indonesian, English or both; what is written enters the briefing as
``reviewed`` text and an empty language stays honestly "untranslated". The point list shows every
point the briefing could carry: untick to drop one, drag (or Alt+Up/Down) to reorder. Points are
identified by their stable ``Item.key`` so the choice survives a rebuild and a saved project.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from briefgen.model import BiText

KEY_ROLE = Qt.ItemDataRole.UserRole


class AnalystPanel(QWidget):
    changed = Signal()  # any edit: text, drop, order

    def __init__(self, _) -> None:
        super().__init__()
        self._ = _
        self._setting = False
        self.edits: dict[tuple[str, str], QPlainTextEdit] = {}
        texts = QWidget()
        texts_layout = QVBoxLayout(texts)
        texts_layout.setContentsMargins(0, 0, 0, 0)
        for key, title in (("assessment", _("Assessment")), ("recommendations", _("Recommendations"))):
            box = QGroupBox(title)
            inner = QVBoxLayout(box)
            for lang, lang_name in (("id", _("Indonesian")), ("en", _("English"))):
                edit = QPlainTextEdit()
                edit.setPlaceholderText(_("{section} in {language} (optional)").format(section=title,
                                                                                        language=lang_name))
                edit.setTabChangesFocus(True)
                edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 2 + 12)
                edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
                edit.setToolTip(_("Your own words; they appear in the briefing as reviewed text"))
                edit.textChanged.connect(self._emit)
                inner.addWidget(edit)
                self.edits[(key, lang)] = edit
            texts_layout.addWidget(box)
        texts_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(texts)

        points = QGroupBox(_("Points"))
        inner = QVBoxLayout(points)
        hint = QLabel(_("Untick to drop a point; drag to reorder."))
        hint.setWordWrap(True)
        self.points = QListWidget()
        # one line per point (the whole text in its tool tip): the analyst sees many at once to reorder
        self.points.setWordWrap(False)
        self.points.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.points.setUniformItemSizes(True)
        self.points.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # the analyst reorders and drops here: room for several points, never one and a half
        self.points.setMinimumHeight(self.points.fontMetrics().lineSpacing() * 8)
        self.points.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.points.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.points.itemChanged.connect(self._emit)
        self.points.model().rowsMoved.connect(self._emit)
        buttons = QHBoxLayout()
        self.up_button = QPushButton(_("Up"))
        self.down_button = QPushButton(_("Down"))
        self.up_button.setToolTip(_("Move the point up (Alt+Up)"))
        self.down_button.setToolTip(_("Move the point down (Alt+Down)"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        QShortcut(QKeySequence("Alt+Up"), self.points, lambda: self.move_current(-1))
        QShortcut(QKeySequence("Alt+Down"), self.points, lambda: self.move_current(1))
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        inner.addWidget(hint)
        inner.addWidget(self.points, 1)
        inner.addLayout(buttons)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("analyst-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(points)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _emit(self, *_args) -> None:
        if not self._setting:
            self.changed.emit()

    # --- analyst text -----------------------------------------------------------------------------------
    def texts(self, key: str) -> tuple[str, str]:
        return self.edits[(key, "id")].toPlainText(), self.edits[(key, "en")].toPlainText()

    def set_text(self, key: str, text: BiText | None) -> None:
        self._setting = True
        try:
            for lang in ("id", "en"):
                value = text.text(lang) if text else ""
                if self.edits[(key, lang)].toPlainText() != value:
                    self.edits[(key, lang)].setPlainText(value)
        finally:
            self._setting = False

    # --- points -----------------------------------------------------------------------------------------
    def set_points(self, points: list[tuple[str, str]], dropped: set[str]) -> None:
        """Show ``(key, text)`` points in order; keeps the selection when the same keys come back."""
        current = self.points.currentItem().data(KEY_ROLE) if self.points.currentItem() else None
        self._setting = True
        try:
            self.points.clear()
            for key, text in points:
                item = QListWidgetItem(text)
                item.setData(KEY_ROLE, key)
                item.setToolTip(f"<p>{html.escape(text)}</p>")  # rich text: Qt wraps it
                item.setFlags((item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsDragEnabled)
                              & ~Qt.ItemFlag.ItemIsDropEnabled)
                item.setCheckState(Qt.CheckState.Unchecked if key in dropped else Qt.CheckState.Checked)
                self.points.addItem(item)
                if key == current:
                    self.points.setCurrentItem(item)
        finally:
            self._setting = False

    def point_keys(self) -> list[str]:
        return [self.points.item(i).data(KEY_ROLE) for i in range(self.points.count())]

    def dropped(self) -> list[str]:
        return [self.points.item(i).data(KEY_ROLE) for i in range(self.points.count())
                if self.points.item(i).checkState() == Qt.CheckState.Unchecked]

    def set_dropped(self, key: str, dropped: bool) -> None:
        for i in range(self.points.count()):
            if self.points.item(i).data(KEY_ROLE) == key:
                self.points.item(i).setCheckState(Qt.CheckState.Unchecked if dropped else Qt.CheckState.Checked)

    def move_current(self, step: int) -> None:
        row = self.points.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.points.count():
            return
        self._setting = True
        try:
            item = self.points.takeItem(row)
            self.points.insertItem(target, item)
            self.points.setCurrentRow(target)
        finally:
            self._setting = False
        self.changed.emit()
