"""The import report: after an import, what was added, what was refused and why, what was skipped.

A status-bar total ("3 files could not be read", gone after 8 s) left users guessing which files
and why. This non-modal window lists every file of the import with its outcome and, for a refused
file, the reason and its fix in the UI language (:mod:`briefgen.ui.error_text`); it stays open
beside the main window while the user deals with the files. The same report serves files, folders,
drag-and-drop and paste.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from briefgen.ui.error_text import user_message

REFUSED_COLOUR = QColor("#b3261e")
SKIPPED_COLOUR = QColor("#6b6b6b")


@dataclass
class ImportOutcome:
    """Everything one import did, file by file (names are as the user gave them)."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (file, title)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, title): added, left unticked
    off_topic: list[tuple[str, str]] = field(default_factory=list)  # (file, title): added, left unticked
    same_bytes: list[str] = field(default_factory=list)  # files the project already holds: not added again
    refused: list[BaseException] = field(default_factory=list)  # each names its file
    not_clippings: list[str] = field(default_factory=list)  # files in an imported folder of another type

    @property
    def worth_reporting(self) -> bool:
        """Anything beyond "all added": then the report opens by itself."""
        return bool(self.refused or self.same_bytes or self.not_clippings or self.near_duplicates or self.off_topic)


def summary(outcome: ImportOutcome, n_) -> str:
    """One line: "2 articles added · 1 file refused · 1 already in the project" (plural forms per language)."""
    parts = [n_("{count} article added", "{count} articles added", len(outcome.added)).format(
        count=len(outcome.added))]
    if outcome.near_duplicates:
        count = len(outcome.near_duplicates)
        parts.append(n_("{count} near-duplicate added unticked", "{count} near-duplicates added unticked",
                        count).format(count=count))
    if outcome.off_topic:
        count = len(outcome.off_topic)
        parts.append(n_("{count} off-topic added unticked", "{count} off-topic added unticked", count).format(
            count=count))
    if outcome.refused:
        count = len(outcome.refused)
        parts.append(n_("{count} file refused", "{count} files refused", count).format(count=count))
    if outcome.same_bytes:
        count = len(outcome.same_bytes)
        parts.append(n_("{count} already in the project", "{count} already in the project", count).format(
            count=count))
    if outcome.not_clippings:
        count = len(outcome.not_clippings)
        parts.append(n_("{count} other file skipped", "{count} other files skipped", count).format(count=count))
    return " · ".join(parts)


class ImportReport(QDialog):
    """Non-modal: File | Result | Reason and what to do."""

    def __init__(self, _, n_, parent=None) -> None:
        super().__init__(parent)
        self._, self.n_ = _, n_
        self.setWindowTitle(_("Import report"))
        self.setModal(False)
        self.resize(900, 420)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.setUniformRowHeights(False)  # a refusal takes two lines: what happened, what to do
        self.table.setHeaderLabels([_("File"), _("Result"), _("Reason and what to do")])
        header = self.table.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 190)
        self.table.setColumnWidth(1, 130)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def show_outcome(self, outcome: ImportOutcome) -> None:
        """Fill the table (refused first: they need the user) and show the window without taking over."""
        _ = self._
        self.table.clear()
        self.summary.setText(summary(outcome, self.n_))
        for exc in outcome.refused:
            message = user_message(exc, _)
            self._row(message.path or "?", _("Refused"), "\n".join(p for p in (message.text, message.action) if p),
                      REFUSED_COLOUR, message.details)
        for name in outcome.same_bytes:
            self._row(name, _("Skipped"), _("Already in the project (the same file): not added twice."),
                      SKIPPED_COLOUR)
        for name in outcome.not_clippings:
            self._row(name, _("Skipped"), _("Not a clipping type (text, Word, PDF or web page): left alone."),
                      SKIPPED_COLOUR)
        for name, title in outcome.near_duplicates:
            self._row(name, _("Added, unticked"), _("Nearly the same text as another article: “{title}”. "
                                                    "Tick it to use it anyway.").format(title=title))
        for name, _title in outcome.off_topic:
            self._row(name, _("Added, unticked"), _("Far from what the other clippings are about. "
                                                    "Tick it to use it anyway."))
        for name, title in outcome.added:
            self._row(name, _("Added"), title)
        self.show()
        self.raise_()

    def _row(self, path: str, result: str, reason: str, colour: QColor | None = None, tip: str = "") -> None:
        item = QTreeWidgetItem([Path(path).name if not path.startswith("<") else path, result, reason])
        item.setToolTip(0, path)
        item.setToolTip(2, "\n\n".join(p for p in (reason, tip) if p))
        if colour is not None:
            item.setForeground(1, QBrush(colour))
        self.table.addTopLevelItem(item)

    def rows(self) -> list[tuple[str, str, str]]:
        """(file, result, reason) as shown, for tests and for copying."""
        table = self.table
        return [tuple(table.topLevelItem(i).text(c) for c in range(3)) for i in range(table.topLevelItemCount())]
