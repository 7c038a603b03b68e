"""The "Review" tab: every segment of the briefing in Indonesian and English, side by side, with status.

The user edits a translation in place (double-click or F2), accepts a machine or fuzzy one as it
stands (Ctrl+Return), or reverts an edit. A text taken from another-language source ("from source [n]")
shows its pairing (the two sentences, what they share) and can be rejected: the project remembers it and
the sentence is no longer used, for the translation or for corroboration. Each change goes to the
project as text for an item key and language, so it enters the briefing as ``reviewed`` and survives
rebuilds and saved projects. A filter narrows the list to untranslated or machine segments. Suggestions come from the
translation memory when it is installed (``briefgen.translate.memory``); nothing is guessed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefgen.model import Briefing, Item, Status
from briefgen.translate.apply import pairings_of
from briefgen.ui.memory import MemoryAdapter

COLUMNS = {"id": 1, "en": 2}
STATUS_COLUMN = 3  # the status of the translation (the language that is not the source): what review is about
STATUS_COLOURS = {Status.MISSING: "#b3261e", Status.MACHINE: "#9a5b00", Status.FUZZY: "#9a5b00",
                  Status.MATCHED: "#1f5f8b", Status.SAMPLE: "#555555",
                  Status.REVIEWED: "#2b6a2b", Status.SOURCE: "#555555", Status.GENERATED: "#555555"}
KEY_ROLE = Qt.ItemDataRole.UserRole
FILTERS = ("all", "needs-work", "missing", "machine")


def segments(briefing: Briefing) -> list[tuple[str, Item]]:
    """(section label, item) for every item with a key, once per key, in reading order."""
    seen: set[str] = set()
    out = []
    for section in briefing.sections:
        for item in section.items:
            if item.key and item.key not in seen:
                seen.add(item.key)
                out.append((section.label.en or section.key, item))
    return out


class ReviewView(QWidget):
    """``edited(key, lang, text_or_None)``: None reverts the user's text for that language;
    ``pair_rejected(pair_key)``: the user says a cross-language pairing is wrong."""

    edited = Signal(str, str, object)
    pair_rejected = Signal(str)

    def __init__(self, _, memory: MemoryAdapter | None = None) -> None:
        super().__init__()
        self._ = _
        self.memory = memory or MemoryAdapter()
        self._filling = False
        self._items: dict[str, Item] = {}
        self._pending: Briefing | None = None
        self._briefing: Briefing | None = None
        self.filter_box = QComboBox()
        for key, text in zip(FILTERS, (_("All segments"), _("Needs work"), _("Untranslated"), _("Machine or fuzzy")),
                             strict=True):
            self.filter_box.addItem(text, key)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.accept_button = QPushButton(_("Accept"))
        self.accept_button.setToolTip(_("Mark the selected machine or fuzzy translation as reviewed (Ctrl+Return)"))
        self.accept_button.clicked.connect(self.accept_current)
        self.revert_button = QPushButton(_("Revert"))
        self.revert_button.setToolTip(_("Forget your edit of the selected segment in this project "
                                         "(the translation memory keeps what you reviewed)"))
        self.revert_button.clicked.connect(self.revert_current)
        self.reject_button = QPushButton(_("Reject pairing"))
        self.reject_button.setToolTip(_("The other-language sentence does not report the same fact: stop using it "
                                        "for this text and for corroboration (remembered in the project)"))
        self.reject_button.clicked.connect(self.reject_current)
        self.reject_button.setEnabled(False)
        self.counts = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Show")))
        bar.addWidget(self.filter_box)
        bar.addWidget(self.accept_button)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.reject_button)
        bar.addStretch(1)
        bar.addWidget(self.counts)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Section"), _("Indonesian"), _("English"), _("Status")])
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        header = self.table.horizontalHeader()
        for col, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (1, QHeaderView.ResizeMode.Stretch),
                          (2, QHeaderView.ResizeMode.Stretch), (3, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(lambda *_a: self._current_changed())
        QShortcut(QKeySequence("Ctrl+Return"), self.table, self.accept_current)

        self.suggestions = QListWidget()
        self.suggestions.setToolTip(_("Double-click a suggestion to use it"))
        self.suggestions.itemDoubleClicked.connect(self._use_suggestion)
        self.memory_label = QLabel()
        self.pairing_label = QLabel()  # the selected text's pairing with another-language source, in words
        self.pairing_label.setWordWrap(True)
        self.pairing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.pairing_label)
        lower_layout.addWidget(self.memory_label)
        lower_layout.addWidget(self.suggestions)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([500, 120])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter)
        self.memory_label.setText(_("Translation memory suggestions") if self.memory.available
                                  else _("No translation memory installed: no suggestions."))

    # --- filling -----------------------------------------------------------------------------------------
    def set_briefing(self, briefing: Briefing) -> None:
        """Show ``briefing``'s segments; while the tab is hidden only remember it (filled when shown)."""
        self._pending = briefing
        if self.isVisible():
            self._fill()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fill()

    def fill_now(self) -> None:
        """Fill the table with the latest briefing even while hidden (tests, programmatic edits)."""
        self._fill()

    def _fill(self) -> None:
        briefing, self._pending = self._pending, None
        if briefing is None:
            return
        self._briefing = briefing
        if self.table.state() == QAbstractItemView.State.EditingState:
            self._pending = briefing  # never pull the text from under the user's cursor
            return
        current = self.current_key()
        rows = segments(briefing)
        self._items = {item.key: item for _label, item in rows}
        self._filling = True
        self.table.setUpdatesEnabled(False)
        try:
            self.table.setRowCount(len(rows))
            for row, (section, item) in enumerate(rows):
                head = QTableWidgetItem(self._(section))
                head.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                head.setData(KEY_ROLE, item.key)
                self.table.setItem(row, 0, head)
                for lang in ("id", "en"):
                    self._fill_lang(row, item, lang)
        finally:
            self.table.setUpdatesEnabled(True)
            self._filling = False
        self.table.resizeRowsToContents()
        self._apply_filter()
        if current:
            self.select_key(current)

    def _fill_lang(self, row: int, item: Item, lang: str) -> None:
        status = item.text.status(lang)
        cell = QTableWidgetItem(item.text.text(lang))
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if status not in (Status.SOURCE, Status.GENERATED):
            flags |= Qt.ItemFlag.ItemIsEditable  # the clipping's own words are not ours to change
        cell.setFlags(flags)
        cell.setData(KEY_ROLE, lang)
        cell.setToolTip(self.status_text(item, lang))  # the source side's status stays one hover away
        self.table.setItem(row, COLUMNS[lang], cell)
        if lang != self.target_lang(item.key):
            return
        badge = QTableWidgetItem(self.status_text(item, lang))
        badge.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        badge.setForeground(QBrush(QColor(STATUS_COLOURS.get(status, "#555555"))))
        self.table.setItem(row, STATUS_COLUMN, badge)

    def status_text(self, item: Item, lang: str) -> str:
        """The status as the user reads it: "from source [3]" for a sentence taken from another-language source."""
        status = item.text.status(lang)  # type: ignore[arg-type]
        if status is Status.MATCHED:
            numbers = ", ".join(f"[{n}]" for n in item.text.taken_from(lang))  # type: ignore[arg-type]
            return self._("from source {n}").format(n=numbers)
        if status is Status.SAMPLE:  # supplied with briefgen for its samples: never read as the user's own
            return self._("sample translation")
        return self._(status.value)

    def pairings(self, key: str) -> list:
        """(counterpart, source number) of the current briefing that the item's matched text shows."""
        item = self._items.get(key)
        if item is None or self._briefing is None:
            return []
        return pairings_of(self._briefing, item.text)

    def _current_changed(self) -> None:
        self._suggest()
        pairs = self.pairings(self.current_key())
        self.reject_button.setEnabled(bool(pairs))
        if not pairs:
            self.pairing_label.clear()
            return
        lines = []
        for counterpart, number in pairs:
            shared = ", ".join(counterpart.anchors[:6]) or "–"
            lines.append(self._("Paired with source [{n}] ({score:.0%} alike; both name: {shared}): “{text}”").format(
                n=number, score=counterpart.score, shared=shared, text=counterpart.text))
        self.pairing_label.setText("\n".join(lines))

    def reject_current(self) -> None:
        """Tell the window the selected text's pairing(s) are wrong (the project remembers, the preview follows)."""
        for counterpart, _number in self.pairings(self.current_key()):
            self.pair_rejected.emit(counterpart.key)

    def _apply_filter(self, *_args) -> None:
        mode = self.filter_box.currentData()
        shown = 0
        for row in range(self.table.rowCount()):
            item = self._items.get(self.key_at(row))
            statuses = {item.text.id_status, item.text.en_status} if item else set()
            visible = (mode == "all"
                       or (mode == "missing" and Status.MISSING in statuses)
                       or (mode == "machine" and bool(statuses & {Status.MACHINE, Status.FUZZY}))
                       or (mode == "needs-work" and bool(statuses & {Status.MISSING, Status.MACHINE, Status.FUZZY,
                                                                     Status.MATCHED})))
            self.table.setRowHidden(row, not visible)
            shown += visible
        self.counts.setText(self._("{shown} of {total} segments").format(shown=shown, total=self.table.rowCount()))

    # --- rows and keys -----------------------------------------------------------------------------------
    def key_at(self, row: int) -> str:
        head = self.table.item(row, 0)
        return head.data(KEY_ROLE) if head else ""

    def current_key(self) -> str:
        row = self.table.currentRow()
        return self.key_at(row) if row >= 0 else ""

    def select_key(self, key: str) -> bool:
        for row in range(self.table.rowCount()):
            if self.key_at(row) == key:
                self.table.setCurrentCell(row, 1)
                return True
        return False

    def row_of(self, key: str) -> int:
        return next((r for r in range(self.table.rowCount()) if self.key_at(r) == key), -1)

    def target_lang(self, key: str) -> str:
        """The language the user translates into for this item: the one that is not the source."""
        item = self._items.get(key)
        source = item.text.source_lang if item else None
        return "en" if source != "en" else "id"

    # --- user actions ------------------------------------------------------------------------------------
    def edit_text(self, key: str, lang: str, text: str) -> None:
        """Programmatic equivalent of typing into a cell (tests and suggestions use it)."""
        row = self.row_of(key)
        if row >= 0:
            self.table.item(row, COLUMNS[lang]).setText(text)

    def _item_changed(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() not in COLUMNS.values():
            return
        key, lang = self.key_at(cell.row()), cell.data(KEY_ROLE)
        item = self._items.get(key)
        if item is None or cell.text() == item.text.text(lang):
            return
        self.edited.emit(key, lang, cell.text() if cell.text().strip() else None)
        self.memory.store(item, lang, cell.text())

    def accept_current(self) -> None:
        key = self.current_key()
        item = self._items.get(key)
        if item is None:
            return
        for lang in ("id", "en"):
            if item.text.status(lang).needs_review:
                self.edited.emit(key, lang, item.text.text(lang))
                self.memory.store(item, lang, item.text.text(lang))

    def revert_current(self) -> None:
        key = self.current_key()
        if key:
            for lang in ("id", "en"):
                self.edited.emit(key, lang, None)

    def _suggest(self) -> None:
        self.suggestions.clear()
        item = self._items.get(self.current_key())
        if item is None or not self.memory.available:
            return
        for text, score in self.memory.suggest(item, self.target_lang(item.key)):
            self.suggestions.addItem(f"{score:.0f}% · {text}")
            self.suggestions.item(self.suggestions.count() - 1).setData(KEY_ROLE, text)

    def _use_suggestion(self, entry) -> None:
        key = self.current_key()
        if key:
            self.edit_text(key, self.target_lang(key), entry.data(KEY_ROLE))
