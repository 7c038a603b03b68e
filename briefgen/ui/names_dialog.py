"""*Tools → Unknown names…*: the names extraction met but the gazetteer does not know, to confirm.

briefgen generates an English name, a kind and a role only for names in a gazetteer; an unknown
name stays as written in the clipping. Here the analyst picks one, gives its English form (never
guessed) and optionally a role, and it is added to their own gazetteer
(:mod:`briefgen.extract.user_gazetteer`). The preview is rebuilt with it at once.

The candidates are found on a worker: extraction over a large selection takes a moment.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from briefgen.errors import BriefgenError
from briefgen.extract.user_gazetteer import Candidate, add_user_entry, candidates, user_gazetteer_path
from briefgen.model import Article
from briefgen.ui.error_text import user_message
from briefgen.ui.workers import run_op

PROPER_NAMES = ("person", "place")  # written the same in English as a rule: offered pre-filled


class NamesDialog(QDialog):
    added = Signal(str)  # the entry's key, after it was written

    def __init__(self, _, articles: list[Article], parent=None) -> None:
        super().__init__(parent)
        self._ = _
        self.setWindowTitle(_("Unknown names"))
        self.resize(640, 560)
        intro = QLabel(_("briefgen gives an English form, a kind and a role only to names in a gazetteer. "
                         "Confirm a name to add it to your own gazetteer; the preview uses it at once."))
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setHeaderLabels([_("Name"), _("Mentions"), _("Articles")])
        self.table.setRootIsDecorated(False)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 80)
        self.table.currentItemChanged.connect(self._pick)
        self.status = QLabel(_("Looking for unknown names…"))
        self.status.setWordWrap(True)

        self.kind_box = QComboBox()
        self.kind_box.addItem(_("Choose…"), "")  # every name starts undecided: no kind carried over
        for kind, text in (("person", _("Person")), ("organisation", _("Organisation")), ("place", _("Place")),
                           ("country", _("Country")), ("term", _("Term"))):
            self.kind_box.addItem(text, kind)
        self.kind_box.currentIndexChanged.connect(self._prefill_english)
        self.id_edit = QLineEdit()
        self.en_edit = QLineEdit()
        self.en_edit.setPlaceholderText(_("Required: as it should read in English"))
        self.role_id_edit = QLineEdit()
        self.role_en_edit = QLineEdit()
        self.role_id_edit.setPlaceholderText(_("Optional, e.g. Menteri Luar Negeri"))
        self.role_en_edit.setPlaceholderText(_("Optional, e.g. Foreign Minister"))
        self.add_button = QPushButton(_("Add to my gazetteer"))
        self.add_button.setToolTip(str(user_gazetteer_path()))
        self.add_button.clicked.connect(self.add)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.add)
        box = QGroupBox(_("Add to my gazetteer"))
        form = QFormLayout(box)
        form.addRow(_("Kind"), self.kind_box)
        form.addRow(_("Indonesian"), self.id_edit)
        form.addRow(_("English"), self.en_edit)
        form.addRow(_("Role (Indonesian)"), self.role_id_edit)
        form.addRow(_("Role (English)"), self.role_en_edit)
        form.addRow(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.table, self.status, box, buttons):
            layout.addWidget(widget)
        self._set_form_enabled(False)
        self.op = run_op(lambda _progress: candidates(articles), on_success=self.fill,
                         on_failure=lambda exc: self.status.setText(user_message(exc, _).line()), owner=self)

    # --- filling and picking -----------------------------------------------------------------------------
    def fill(self, found: list[Candidate]) -> None:
        self.table.clear()
        for candidate in found:
            item = QTreeWidgetItem([candidate.name, str(candidate.mentions), "; ".join(candidate.articles)])
            item.setData(0, Qt.ItemDataRole.UserRole, candidate.name)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(2, "\n".join(candidate.articles))
            self.table.addTopLevelItem(item)
        self.status.setText(self._("{count} unknown names in the selected articles").format(count=len(found))
                            if found else self._("Every name in the selected articles is known."))
        if found:
            self.table.setCurrentItem(self.table.topLevelItem(0))

    def _set_form_enabled(self, enabled: bool) -> None:
        for widget in (self.kind_box, self.id_edit, self.en_edit, self.role_id_edit, self.role_en_edit,
                       self.add_button):
            widget.setEnabled(enabled)

    def _pick(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        self._set_form_enabled(item is not None)
        if item is None:
            return
        name = item.data(0, Qt.ItemDataRole.UserRole)
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(0)  # the previous name's kind is not this one's
        self.kind_box.blockSignals(False)
        self.id_edit.setText(name)
        self.en_edit.clear()
        self.role_id_edit.clear()
        self.role_en_edit.clear()

    def _prefill_english(self, *_args) -> None:
        if not self.en_edit.text() and self.kind_box.currentData() in PROPER_NAMES:
            self.en_edit.setText(self.id_edit.text())

    # --- adding ------------------------------------------------------------------------------------------
    def _problem(self) -> str:
        """What is missing before the name can be added, in the UI language ("" when nothing)."""
        _ = self._
        if not self.kind_box.currentData():
            return _("Choose what kind of name it is.")
        if not self.id_edit.text().strip() or not self.en_edit.text().strip():
            return _("Give the name's Indonesian and English form: the English form is never guessed.")
        if bool(self.role_id_edit.text().strip()) != bool(self.role_en_edit.text().strip()):
            return _("Give the role in both languages, or leave both empty.")
        return ""

    def add(self) -> None:
        item = self.table.currentItem()
        if item is None or not self.add_button.isEnabled():
            return
        name = item.data(0, Qt.ItemDataRole.UserRole)
        problem = self._problem()
        if problem:
            self.status.setText(problem)
            return
        try:
            entry = add_user_entry(self.kind_box.currentData(), self.id_edit.text(), self.en_edit.text(),
                                   self.role_id_edit.text(), self.role_en_edit.text(), variants=[name])
        except BriefgenError as exc:
            self.status.setText(user_message(exc, self._).line())
            return
        self.status.setText(self._("Added “{name}” to your gazetteer.").format(name=entry.name["id"]))
        self.table.takeTopLevelItem(self.table.indexOfTopLevelItem(item))
        self.added.emit(entry.key)
