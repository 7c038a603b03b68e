"""The "Review" tab: a translation editor in the manner of OmegaT and Trados, for the briefing's segments.

The list shows every segment of the work list (:mod:`briefgen.translate.worklist`: the memo fields,
the points, table cells with words of their own) with its source whole and its status; a filter by
status and by section narrows it, and "English: 14 of 20 done" stays in view. Below, the editor
(:mod:`briefgen.ui.review_editor`) shows the current segment's source and a target that grows with
the text; beside it the glossary terms of the source, the memory's matches with a diff, and the
other-language source's sentence (issue 14) as suggestions; a *Check* tab lists the QA warnings of
the whole briefing (:mod:`briefgen.translate.qa`), a click going to the segment.

A text taken from another-language source ("from source [n]", issue 14) shows its pairing (the two
sentences, what they share) under the source, and *Reject pairing* tells the project it is wrong: the
sentence is then no longer used, for the translation or for corroboration.

Keyboard (no mouse needed): Ctrl+Enter accepts (after showing QA warnings once) and goes to the
next segment that needs work; Alt+Up/Down move; Esc undoes the typing; Alt+1…9 inserts a term;
Ctrl+Alt+1…5 takes a suggestion. Each accepted text goes to the project as ``reviewed`` (memo
fields to the memo panel's English fields) and to the translation memory.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefgen.model import Briefing, Status
from briefgen.translate.apply import pairings_of
from briefgen.translate.worklist import HEADER, WorkSegment, progress, scope, work_segments
from briefgen.ui.memory import MemoryAdapter
from briefgen.ui.review_editor import SegmentEditor, SuggestionPanel
from briefgen.ui.suggestions import SuggestionCache

COLUMNS = {"id": 1, "en": 2}
STATUS_COLUMN = 3  # the status of the translation (the language that is not the source): what review is about
STATUS_COLOURS = {Status.MISSING: "#b3261e", Status.MACHINE: "#9a5b00", Status.FUZZY: "#9a5b00",
                  Status.MATCHED: "#1f5f8b", Status.SAMPLE: "#555555",
                  Status.REVIEWED: "#2b6a2b", Status.SOURCE: "#555555", Status.GENERATED: "#555555"}
KEY_ROLE = Qt.ItemDataRole.UserRole
FILTERS = ("all", "needs-work", "missing", "machine", "done")
LANG_NAMES = {"en": "English", "id": "Indonesian"}


@functools.lru_cache(maxsize=8)
def template_scope(name: str) -> Mapping[str, object]:
    """What the template prints (``worklist.scope``): points and fields it leaves out are not work."""
    try:
        from briefgen.templating import get_template

        return scope(get_template(name).features)
    except Exception:  # noqa: BLE001 - an unreadable template: every segment is listed
        return {}


def segments(briefing: Briefing, lang: str = "en") -> list[tuple[str, WorkSegment]]:
    """(section label in ``lang``, segment) for the work list of ``briefing``, in reading order."""
    return [(getattr(s.label, lang, "") or s.label.en or s.section, s)
            for s in work_segments(briefing, **template_scope(briefing.template))]


class ReviewView(QWidget):
    """``edited(key, lang, text_or_None)``: None reverts the user's text for that language;
    ``pair_rejected(pair_key)``: the user says a cross-language pairing is wrong."""

    edited = Signal(str, str, object)
    pair_rejected = Signal(str)

    def __init__(self, _, memory: MemoryAdapter | None = None, ui_lang: str | None = None) -> None:
        super().__init__()
        self._ = _
        self.ui_lang = ui_lang or ("id" if _("Review") != "Review" else "en")  # for the QA messages
        self.memory = memory or MemoryAdapter()
        self._filling = False
        self._segments: dict[str, WorkSegment] = {}
        self._briefing: Briefing | None = None
        self._pending: Briefing | None = None
        self._done_now: set[str] = set()  # accepted, not yet back from the rebuild: skipped by "next"
        self._confirm: tuple[str, str] | None = None  # (key, text) whose warnings were shown once
        self._checkers = None
        self.warnings: list = []
        memory_ok = self.memory.available and hasattr(self.memory.memory, "suggest_steps")
        self.cache = SuggestionCache(self.memory.memory if memory_ok else None, self)
        self.cache.ready.connect(self._suggestions_ready)
        self._suggesting = False

        self.filter_box = QComboBox()
        for key, text in zip(FILTERS, (_("All segments"), _("Needs work"), _("Untranslated"),
                                       _("Machine, suggested or from source"), _("Done")), strict=True):
            self.filter_box.addItem(text, key)
        self.filter_box.currentIndexChanged.connect(self._apply_filter)
        self.section_box = QComboBox()
        self.section_box.addItem(_("All sections"), "")
        self.section_box.currentIndexChanged.connect(self._apply_filter)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("review-progress")
        self.progress_label.setStyleSheet("font-weight: bold;")
        self.counts = QLabel()
        self.accept_button = QPushButton(_("Accept"))
        self.accept_button.setToolTip(_("Accept the translation in the editor and go to the next segment that "
                                        "needs work (Ctrl+Enter)"))
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
        self.exchange_button = QPushButton(_("Exchange file"))
        self.exchange_button.setToolTip(_("Export the segments for a translator outside briefgen (XLIFF), "
                                          "or import the translated file"))
        from briefgen.ui.review_exchange import exchange_menu

        self.exchange_button.setMenu(exchange_menu(self))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Show")))
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.section_box, 1)
        bar.addWidget(self.progress_label)
        bar2 = QHBoxLayout()
        bar2.addWidget(self.accept_button)
        bar2.addWidget(self.revert_button)
        bar2.addWidget(self.reject_button)
        bar2.addWidget(self.exchange_button)
        bar2.addStretch(1)
        bar2.addWidget(self.counts)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([_("Section"), _("Indonesian"), _("English"), _("Status")])
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        for col, mode in ((0, QHeaderView.ResizeMode.ResizeToContents), (1, QHeaderView.ResizeMode.Stretch),
                          (2, QHeaderView.ResizeMode.Stretch), (3, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        header.sectionResized.connect(lambda *_a: self.table.resizeRowsToContents())
        self.table.verticalHeader().setVisible(False)
        self.table.setColumnHidden(0, True)  # the section is in the filter, the editor's heading and the tooltip
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(lambda *_a: self._show_current())

        self.editor = SegmentEditor(_)
        self.pairing_label = QLabel()  # the current text's pairing with another-language source, in words
        self.pairing_label.setWordWrap(True)
        self.pairing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pairing_label.setStyleSheet("color: #1f5f8b;")
        self.pairing_label.hide()
        self.editor.layout().insertWidget(2, self.pairing_label)  # under the source
        self.assist = SuggestionPanel(_)
        self.assist.use_suggestion.connect(self._use_text)
        self.assist.insert_term.connect(self.editor.insert)
        self.suggestions = self.assist.suggestions  # the memory's and other suggestions (tests read it)
        self.memory_label = self.assist.memory_label
        self.check_list = QListWidget()
        self.check_list.setWordWrap(True)
        self.check_list.setToolTip(_("QA warnings for the whole briefing; click one to go to its segment"))
        self.check_list.itemClicked.connect(self._go_to_warning)
        self.check_list.itemActivated.connect(self._go_to_warning)
        self.side = QTabWidget()
        self.side.addTab(self.assist, _("Suggestions"))
        self.side.addTab(self.check_list, _("Check"))
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.editor)
        lower.addWidget(self.side)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("review-splitter")
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 300])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addLayout(bar2)
        layout.addWidget(splitter, 1)
        self.memory_label.setText(_("Suggestions (translation memory, other-language source)")
                                  if self.memory.available else _("No translation memory installed: no suggestions."))
        for widget in (self.table, self.editor.target):
            widget.installEventFilter(self)
        self.setMinimumWidth(600)  # two text columns and the editor need it; the library gives way at 1366 px

    # --- filling -----------------------------------------------------------------------------------------
    def set_briefing(self, briefing: Briefing) -> None:
        """Show ``briefing``'s segments; while the tab is hidden only remember it (filled when shown)."""
        self._pending = briefing
        if self.isVisible():
            self._fill()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fill()
        self.table.resizeRowsToContents()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override: rows re-wrap to show each text whole
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def fill_now(self) -> None:
        """Fill the table with the latest briefing even while hidden (tests, programmatic edits)."""
        self._fill()

    def _fill(self) -> None:
        briefing, self._pending = self._pending, None
        if briefing is None:
            return
        if self.table.state() == QAbstractItemView.State.EditingState:
            self._pending = briefing  # never pull the text from under the user's cursor
            return
        current = self.current_key()
        rows = segments(briefing, self.ui_lang)
        self._briefing = briefing
        self._segments = {seg.key: seg for _label, seg in rows}
        self._done_now = {k for k in self._done_now if k in self._segments and self._needs_work(self._segments[k])}
        self._filling = True
        self.table.setUpdatesEnabled(False)
        try:
            self.table.setRowCount(len(rows))
            for row, (section, seg) in enumerate(rows):
                head = QTableWidgetItem(self._(section))
                head.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                head.setData(KEY_ROLE, seg.key)
                self.table.setItem(row, 0, head)
                for lang in ("id", "en"):
                    self._fill_lang(row, seg, lang)
                    self.table.item(row, COLUMNS[lang]).setToolTip(f"{row + 1}. {self._(section)} · "
                                                                   f"{self._(seg.text.status(lang).value)}")
        finally:
            self.table.setUpdatesEnabled(True)
            self._filling = False
        self.table.resizeRowsToContents()
        self._fill_sections(rows)
        self._apply_filter()
        self._run_checks()
        if not (current and self.select_key(current)) and self.table.currentRow() < 0:
            self.go_next_needing_work(from_row=-1)
        self._show_current()
        self._look_ahead()

    def _look_ahead(self) -> None:
        """Search the memory for every segment ahead of time, from the current one on (see ui.suggestions)."""
        rows = list(range(self.table.rowCount()))
        here = max(self.table.currentRow(), 0)
        keys = []
        for row in rows[here:] + rows[:here]:
            seg = self._segments.get(self.key_at(row))
            if seg is not None:
                keys.append((seg.text.text(seg.source_lang), seg.source_lang, seg.target_lang()))
        self.cache.request(keys)

    def _fill_sections(self, rows: list[tuple[str, WorkSegment]]) -> None:
        chosen = self.section_box.currentData()
        self.section_box.blockSignals(True)
        self.section_box.clear()
        self.section_box.addItem(self._("All sections"), "")
        for section, label in dict.fromkeys((s.section, lbl) for lbl, s in rows):
            text = self._("Memo header") if section == HEADER else self._(label)
            self.section_box.addItem(text, section)
        index = self.section_box.findData(chosen)
        self.section_box.setCurrentIndex(max(index, 0))
        self.section_box.blockSignals(False)

    def _fill_lang(self, row: int, seg: WorkSegment, lang: str) -> None:
        status = seg.text.status(lang)
        cell = QTableWidgetItem(seg.text.text(lang))
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if status not in (Status.SOURCE, Status.GENERATED):
            flags |= Qt.ItemFlag.ItemIsEditable  # the clipping's own words are not ours to change
        cell.setFlags(flags)
        cell.setData(KEY_ROLE, lang)
        cell.setToolTip(self.status_text(seg, lang))  # the source side's status stays one hover away
        self.table.setItem(row, COLUMNS[lang], cell)
        if lang != seg.target_lang():
            return
        badge = QTableWidgetItem(self.status_text(seg, lang))
        badge.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        badge.setForeground(QBrush(QColor(STATUS_COLOURS.get(status, "#555555"))))
        self.table.setItem(row, STATUS_COLUMN, badge)

    def status_text(self, seg: WorkSegment, lang: str) -> str:
        """The status as the user reads it: "from source [3]" for a sentence taken from another-language source."""
        status = seg.text.status(lang)  # type: ignore[arg-type]
        if status is Status.MATCHED:
            numbers = ", ".join(f"[{n}]" for n in seg.text.taken_from(lang))  # type: ignore[arg-type]
            return self._("from source {n}").format(n=numbers)
        if status is Status.SAMPLE:  # supplied with briefgen for its samples: never read as the user's own
            return self._("sample translation")
        return self._(status.value)

    def pairings(self, key: str) -> list:
        """(counterpart, source number) of the current briefing that the segment's matched text shows."""
        seg = self._segments.get(key)
        if seg is None or self._briefing is None:
            return []
        return pairings_of(self._briefing, seg.text)

    def _show_pairing(self, key: str) -> None:
        pairs = self.pairings(key)
        self.reject_button.setEnabled(bool(pairs))
        lines = []
        for counterpart, number in pairs:
            shared = ", ".join(counterpart.anchors[:6]) or "–"
            lines.append(self._("Paired with source [{n}] ({score:.0%} alike; both name: {shared}): “{text}”").format(
                n=number, score=counterpart.score, shared=shared, text=counterpart.text))
        self.pairing_label.setText("\n".join(lines))
        self.pairing_label.setVisible(bool(lines))

    def reject_current(self) -> None:
        """Tell the window the current text's pairing(s) are wrong (the project remembers, the preview follows)."""
        for counterpart, _number in self.pairings(self.current_key()):
            self.pair_rejected.emit(counterpart.key)

    def _needs_work(self, seg: WorkSegment) -> bool:
        return seg.needs_work(seg.target_lang()) and seg.key not in self._done_now

    def _apply_filter(self, *_args) -> None:
        mode, section = self.filter_box.currentData(), self.section_box.currentData()
        shown = 0
        for row in range(self.table.rowCount()):
            seg = self._segments.get(self.key_at(row))
            status = seg.text.status(seg.target_lang()) if seg else Status.MISSING
            visible = seg is not None and (not section or seg.section == section) and (
                mode == "all"
                or (mode == "missing" and status is Status.MISSING)
                or (mode == "machine" and status.needs_review)
                or (mode == "needs-work" and self._needs_work(seg))
                or (mode == "done" and not seg.needs_work(seg.target_lang())))
            self.table.setRowHidden(row, not visible)
            shown += visible
        self.counts.setText(self._("{shown} of {total} segments").format(shown=shown, total=self.table.rowCount()))
        self._show_progress()

    def _show_progress(self) -> None:
        if self._briefing is None:
            return
        segs = list(self._segments.values())
        parts = []
        for lang in ("en", "id"):
            counts = progress(self._briefing, lang, segs)  # type: ignore[arg-type]
            if counts.total:
                parts.append(self._("{language}: {done} of {total} done").format(
                    language=self._(LANG_NAMES[lang]), done=counts.done, total=counts.total))
        self.progress_label.setText(" · ".join(parts) or self._("Nothing to translate"))

    # --- rows and keys -----------------------------------------------------------------------------------
    def key_at(self, row: int) -> str:
        head = self.table.item(row, 0)
        return head.data(KEY_ROLE) if head else ""

    def current_key(self) -> str:
        row = self.table.currentRow()
        return self.key_at(row) if row >= 0 else ""

    def current_segment(self) -> WorkSegment | None:
        return self._segments.get(self.current_key())

    def select_key(self, key: str) -> bool:
        row = self.row_of(key)
        if row < 0:
            return False
        if self.table.isRowHidden(row):  # asked for by name (a marker, a warning): show it whatever the filter
            self.filter_box.setCurrentIndex(0)
            self.section_box.setCurrentIndex(0)
        self.table.setCurrentCell(row, COLUMNS[self.target_lang(key)])
        self.table.scrollToItem(self.table.item(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def row_of(self, key: str) -> int:
        return next((r for r in range(self.table.rowCount()) if self.key_at(r) == key), -1)

    def target_lang(self, key: str) -> str:
        """The language the user translates into for this segment: the one that is not the source."""
        seg = self._segments.get(key)
        return seg.target_lang() if seg else "en"

    def _visible_rows(self) -> list[int]:
        return [r for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]

    def move(self, step: int) -> None:
        """Alt+Down / Alt+Up: the next or previous row shown, keeping what was typed as the user's text."""
        self._commit_typing()
        rows = self._visible_rows()
        if not rows:
            return
        row = self.table.currentRow()
        later = [r for r in rows if (r > row if step > 0 else r < row)]
        target = (later[0] if step > 0 else later[-1]) if later else row
        if target >= 0:
            self.table.setCurrentCell(target, COLUMNS[self.target_lang(self.key_at(target))])
        self.editor.target.setFocus()

    def go_next_needing_work(self, from_row: int | None = None) -> bool:
        """Select the next shown segment (after the current one, wrapping) that still needs work."""
        rows = self._visible_rows()
        start = self.table.currentRow() if from_row is None else from_row
        order = [r for r in rows if r > start] + [r for r in rows if r <= start]
        for row in order:
            seg = self._segments.get(self.key_at(row))
            if seg is not None and self._needs_work(seg) and row != start:
                self.table.setCurrentCell(row, COLUMNS[seg.target_lang()])
                return True
        return False

    # --- the editor ----------------------------------------------------------------------------------------
    def _show_current(self) -> None:
        seg = self.current_segment()
        self._confirm = None
        self._show_pairing(seg.key if seg is not None else "")
        if seg is None:
            self.editor.load("", "", "", "en", "", force=True)
            self.assist.show_terms([])
            self.assist.show_suggestions([], "")
            return
        src, lang = seg.source_lang, seg.target_lang()
        status = seg.text.status(lang)
        target = seg.text.text(lang) if status is not Status.MISSING else ""
        row = self.row_of(seg.key)
        where = f"{row + 1}/{self.table.rowCount()} · {self._(self.table.item(row, 0).text())} · " \
            f"{self.status_text(seg, lang)}"
        self.editor.load(seg.key, where, seg.text.text(src), lang, target)
        self._suggest(seg)

    def _suggest(self, seg: WorkSegment) -> None:
        src, lang = seg.source_lang, seg.target_lang()
        source = seg.text.text(src)
        glossary, _gazetteer = self.checkers()
        terms = []
        if glossary is not None:
            seen: set[str] = set()
            for term in glossary.find(source, src, lang):
                if term.source not in seen and term.source != term.target:  # "Blinken → Blinken" helps no one
                    seen.add(term.source)
                    terms.append((term.source, term.target, term.origin))
        self.assist.show_terms(terms)
        entries: list[tuple[str, str, str]] = []
        status = seg.text.status(lang)
        if status.needs_review or status is Status.SAMPLE:  # the other-language source's sentence, a pack's text
            heading = self._(status.value)
            taken = seg.text.taken_from(lang) if hasattr(seg.text, "taken_from") else ()
            if status is Status.MATCHED and taken:
                heading = self._("from source {n}").format(n=", ".join(f"[{n}]" for n in taken))
            entries.append((heading, "", seg.text.text(lang)))
        found = self.cache.get(source, src, lang) if self.cache.memory is not None else None
        if found is None and self.cache.memory is not None:  # not searched yet: first in the queue, one slice now
            self.cache.request([(source, src, lang)], first=True)
            self._suggesting = True
            try:
                self.cache.step_now()
            finally:
                self._suggesting = False
            found = self.cache.get(source, src, lang)
        if found is None and self.cache.memory is not None:  # a large memory: shown when found
            self.memory_label.setText(self._("Suggestions: searching the translation memory…"))
        elif self.memory.available:
            self.memory_label.setText(self._("Suggestions (translation memory, other-language source)"))
        for match_source, target, score in found or []:
            if all(target != e[2] for e in entries):
                entries.append((self._("{score}% memory").format(score=f"{score:.0f}"), match_source, target))
        self.assist.show_suggestions(entries, source)

    def _suggestions_ready(self, source: str) -> None:
        if self._suggesting:
            return
        seg = self.current_segment()
        if seg is not None and seg.text.text(seg.source_lang) == source:
            self._suggest(seg)

    def checkers(self):  # noqa: ANN201 - (Glossary | None, Gazetteer | None), loaded once
        if self._checkers is None:
            from briefgen.translate.qa import default_checkers

            self._checkers = default_checkers()
        return self._checkers

    def _use_text(self, text: str | None) -> None:
        if text:
            self.editor.target.setPlainText(text)
            self.editor.target.setFocus()

    def use_suggestion(self, n: int) -> None:
        self._use_text(self.assist.suggestion(n))

    def insert_term(self, n: int) -> None:
        term = self.assist.term(n)
        if term:
            self.editor.insert(term)

    def _warnings_for(self, seg: WorkSegment, text: str) -> list[str]:
        from briefgen.translate.qa import check_pair

        glossary, gazetteer = self.checkers()
        found = check_pair(seg.text.text(seg.source_lang), text, seg.source_lang, seg.target_lang(), glossary,
                           gazetteer)
        return [w.message.text(self.ui_lang) for w in found if w.kind != "untranslated"]

    def accept_current(self) -> None:
        """Ctrl+Enter: accept the editor's text (QA warnings shown once first) and go to the next segment."""
        seg = self.current_segment()
        if seg is None:
            return
        lang = seg.target_lang()
        text = self.editor.text
        if not text:
            self.editor.show_warnings([self._("Nothing to accept: write the translation first.")])
            return
        warnings = self._warnings_for(seg, text)
        if warnings and self._confirm != (seg.key, text):
            self._confirm = (seg.key, text)
            self.editor.show_warnings(warnings, again=True)
            return
        self._accept(seg, lang, text)
        self.go_next_needing_work()
        self.editor.target.setFocus()

    def _accept(self, seg: WorkSegment, lang: str, text: str) -> None:
        self._confirm = None
        self._done_now.add(seg.key)
        self.editor.saved = text
        self.edited.emit(seg.key, lang, text)
        self._remember(seg, lang, text)
        row = self.row_of(seg.key)
        if row >= 0:  # show it at once; the rebuild confirms it
            self._filling = True
            self.table.item(row, COLUMNS[lang]).setText(text)
            badge = self.table.item(row, STATUS_COLUMN)
            if badge is not None:
                badge.setText(self._(Status.REVIEWED.value))
                badge.setForeground(QBrush(QColor(STATUS_COLOURS[Status.REVIEWED])))
            self._filling = False

    def _commit_typing(self) -> None:
        seg = self.current_segment()
        if seg is not None and self.editor.key == seg.key and self.editor.dirty and self.editor.text:
            self._accept(seg, seg.target_lang(), self.editor.text)

    def revert_current(self) -> None:
        """Forget the user's text for the current segment (the briefing goes back to memory, pack or missing)."""
        key = self.current_key()
        if key:
            self._done_now.discard(key)
            self.edited.emit(key, self.target_lang(key), None)

    def edit_text(self, key: str, lang: str, text: str) -> None:
        """Programmatic equivalent of typing into a cell (tests and tools use it)."""
        row = self.row_of(key)
        if row >= 0:
            self.table.item(row, COLUMNS[lang]).setText(text)

    def _item_changed(self, cell: QTableWidgetItem) -> None:
        if self._filling or cell.column() not in COLUMNS.values():
            return
        key, lang = self.key_at(cell.row()), cell.data(KEY_ROLE)
        seg = self._segments.get(key)
        if seg is None or cell.text() == seg.text.text(lang):
            return
        self.edited.emit(key, lang, cell.text() if cell.text().strip() else None)
        if cell.text().strip() and lang != seg.source_lang:
            self._remember(seg, lang, cell.text())

    def _remember(self, seg: WorkSegment, lang: str, text: str) -> None:
        """A person's translation into the memory, and into the suggestions already looked up."""
        source = seg.text.text(seg.source_lang)
        self.memory.store_text(source, text, seg.source_lang, lang)
        if self.memory.available:
            self.cache.stored(source, text.strip(), seg.source_lang, lang)

    def marker_tooltip(self, key: str) -> str:
        """What a mark in the Preview means and how to fill it (the Preview shows it on hover)."""
        if self._pending is not None and not self._segments:
            self._fill()
        seg = self._segments.get(key)
        if seg is None:
            return self._("Click to open this text in the Review tab.")
        lang = seg.target_lang()
        status = seg.text.status(lang)
        language = self._(LANG_NAMES[lang])
        if status is Status.MISSING:
            return self._("Untranslated: there is no {language} text for this yet, so the other language stands "
                          "alone. Click to write it in the Review tab (Ctrl+Enter accepts), or install a "
                          "translation pack to have it machine-translated.").format(language=language)
        if status is Status.MACHINE:
            return self._("Machine translation, not reviewed by a person. Click to check it in the Review tab "
                          "and accept or correct it.")
        if status is Status.MATCHED:
            return self._("Not a translation: a sentence of another-language source reporting the same fact. "
                          "Click to check it in the Review tab and accept it or write your own.")
        return self._("A suggestion not yet reviewed by a person ({status}). Click to check it in the Review "
                      "tab.").format(status=self._(status.value))

    # --- QA -----------------------------------------------------------------------------------------------
    def _run_checks(self) -> None:
        from briefgen.translate.qa import check_segment

        glossary, gazetteer = self.checkers()
        self.warnings = [w for seg in self._segments.values()
                         for w in check_segment(seg, seg.target_lang(), glossary, gazetteer)]
        self.check_list.clear()
        for w in self.warnings:
            row = self.row_of(w.key)
            item = QListWidgetItem(f"{row + 1}. {w.message.text(self.ui_lang)}")
            item.setData(KEY_ROLE, w.key)
            self.check_list.addItem(item)
        self.side.setTabText(1, self._("Check ({count})").format(count=len(self.warnings)))

    def _go_to_warning(self, item: QListWidgetItem) -> None:
        if self.select_key(item.data(KEY_ROLE)):
            self.editor.target.setFocus()

    # --- keyboard ------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(event, QKeyEvent):
            action = self._key_action(event, watched)
            if action is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # ours, not a window shortcut's
                else:
                    action()
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, event: QKeyEvent, watched: QObject):  # noqa: ANN202 - a callable or None
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        alt = bool(mods & Qt.KeyboardModifier.AltModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and ctrl:
            return self.accept_current
        if alt and not ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return lambda: self.move(1 if key == Qt.Key.Key_Down else -1)
        if key == Qt.Key.Key_Escape and watched is self.editor.target and not mods:
            return self.editor.revert
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and alt:
            n = key - Qt.Key.Key_0
            return (lambda: self.use_suggestion(n)) if ctrl else (lambda: self.insert_term(n))
        return None
