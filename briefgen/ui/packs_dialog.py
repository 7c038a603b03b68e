"""*Tools → Translation packs…*: install the models IT hands over, see what each one is, remove one.

A pack is installed from a file (``.argosmodel``, an OPUS-MT/Tatoeba-MT release ``.zip``, a briefgen
pack) or a folder (an unpacked release, a CTranslate2 model folder) on a worker, with a progress bar
and Cancel: an OPUS-MT release is converted to CTranslate2 on the way, which takes a while for a
real model. The list shows, per pack, the direction, the model, the format it came from, the licence
as its files state it (non-commercial licences say so), the size, and a quality figure only when
the pack publishes one. Nothing is downloaded.

Never touches a widget from the worker: the install runs in :func:`briefgen.ui.workers.run_op` and
its handlers run on the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from briefgen.errors import BriefgenError
from briefgen.translate.packs import NeedsChoice, PackInfo, active_packs, install_pack, list_packs, remove_pack
from briefgen.ui.error_text import user_message
from briefgen.ui.workers import Op, run_op

PACK_FILTER = "*.argosmodel *.zip"


class PacksDialog(QDialog):
    changed = Signal()  # a pack was installed or removed: the preview translates again

    def __init__(self, _, parent=None) -> None:
        super().__init__(parent)
        self._ = _
        self.op: Op | None = None
        self.last_error = ""
        self.setWindowTitle(_("Translation packs"))
        self.resize(1060, 460)
        intro = QLabel(_("Install the translation models your IT department supplies: an Argos Translate package "
                         "(.argosmodel), an OPUS-MT or Tatoeba-MT release (.zip or folder), or a CTranslate2 folder "
                         "of NLLB-200, M2M-100 or MADLAD-400. briefgen downloads nothing."))
        intro.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setRootIsDecorated(False)
        self.table.setHeaderLabels([_("Pack"), _("Direction"), _("Model"), _("Format"), _("Licence"), _("Size"),
                                    _("Published quality")])
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((230, 60, 160, 80, 210, 70)):
            self.table.setColumnWidth(column, width)
        self.table.currentItemChanged.connect(lambda *_a: self._update_buttons())

        self.direction_box = QComboBox()
        self.direction_box.addItem(_("Direction: as the model says"), None)
        self.direction_box.addItem(_("Indonesian → English"), "id-en")
        self.direction_box.addItem(_("English → Indonesian"), "en-id")
        self.file_button = QPushButton(_("Install from &file…"))
        self.folder_button = QPushButton(_("Install from f&older…"))
        self.remove_button = QPushButton(_("&Remove"))
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        for widget in (self.file_button, self.folder_button, self.direction_box):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.remove_button)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addLayout(busy)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.refresh()

    # -- the list ------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        _ = self._
        self.table.clear()
        packs = list_packs()
        active = active_packs(packs)
        for info in packs:
            item = QTreeWidgetItem([info.name, info.direction_label, info.model_name or info.name,
                                    info.kind, self._licence(info), info.size_label,
                                    info.quality or _("not published")])
            item.setToolTip(4, self._licence_tip(info))
            item.setToolTip(0, str(info.path))
            if not any(a.name == info.name for a in active.values()):  # another pack, installed later, is used
                for column in range(self.table.columnCount()):
                    item.setForeground(column, self.palette().placeholderText())
                item.setToolTip(1, _("Not used: a pack installed later translates this direction"))
            self.table.addTopLevelItem(item)
        if not packs:
            self.status.setText(_("No translation pack is installed: text without a translation stays marked "
                                  "untranslated."))
        self._update_buttons()

    def _licence(self, info: PackInfo) -> str:
        text = info.licence if info.licence and info.licence != "unknown" else self._("unknown")
        return text + (f" ({self._('non-commercial')})" if info.non_commercial else "")

    def _licence_tip(self, info: PackInfo) -> str:
        if info.licence_file:
            return self._("As stated in {file}").format(file=info.path / info.licence_file)
        return self._("The pack states no licence") if info.licence in ("", "unknown") else info.licence

    def selected(self) -> str | None:
        item = self.table.currentItem()
        return item.text(0) if item is not None else None

    def _update_buttons(self) -> None:
        idle = self.op is None
        for button in (self.file_button, self.folder_button, self.direction_box):
            button.setEnabled(idle)
        self.remove_button.setEnabled(idle and self.selected() is not None)

    # -- install and remove ------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self._("Install a translation pack"), "",
                                                    f"{self._('Translation packs')} ({PACK_FILTER});;* (*)")
        if path:
            self.install(Path(path))

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self._("Install a translation pack from a folder"))
        if path:
            self.install(Path(path))

    def install(self, path: Path, **choices: str) -> Op:
        """Install ``path`` on a worker; the dialog shows progress and stays usable for Cancel. ``choices``
        (``direction``, ``target_token``) are what the user answered when the pack's files did not say."""
        choices.setdefault("direction", self.direction_box.currentData())
        self.last_error = ""
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status.setText(self._("Installing {name}…").format(name=path.name))
        self.op = run_op(lambda progress: install_pack(path, progress=progress, **choices),
                         on_success=self._installed, on_failure=lambda exc: self._failed(exc, path, choices),
                         on_progress=self._progressed,
                         on_cancel=self._cancelled, on_finished=self._finished, owner=self)
        self._update_buttons()
        return self.op

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()
            self.status.setText(self._("Cancelling…"))

    def _progressed(self, done: int, total: int, message: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _installed(self, info: PackInfo) -> None:
        self.status.setText(self._("Installed {name} ({direction}).").format(name=info.name,
                                                                            direction=info.direction_label))
        self.refresh()
        self.changed.emit()

    def _failed(self, exc: BaseException, path: Path | None = None, choices: dict | None = None) -> None:
        """The refusal in the window's language with what to do; the core's technical reason (English, naming
        what the file is) in the tooltip, as the error boxes keep it behind Details."""
        self.last_error = str(exc)
        _ = self._
        advice = _("The file is not a translation pack briefgen can install. A briefgen pack, an Argos "
                   ".argosmodel, an OPUS-MT or Tatoeba-MT release, or a CTranslate2 folder of NLLB-200, "
                   "M2M-100 or MADLAD-400 can be installed; point at the status line for the reason.")
        self.status.setText(_("Not installed: {reason}").format(reason=advice))
        self.status.setToolTip(str(exc))
        if isinstance(exc, NeedsChoice) and path is not None:  # ask, then install again with the answer
            QTimer.singleShot(0, lambda: self._ask_and_retry(exc, path, dict(choices or {})))

    def _ask_and_retry(self, exc: NeedsChoice, path: Path, choices: dict) -> None:
        _ = self._
        if exc.option == "direction":
            question = _("The model does not say which languages it translates. Which direction?")
            labels = {"id-en": _("Indonesian → English"), "en-id": _("English → Indonesian")}
        else:
            question = _("This model translates into several languages. Which token names the target language?")
            labels = {c: c for c in exc.choices}
        answer, ok = QInputDialog.getItem(self, _("Install a translation pack"), question, list(labels.values()),
                                          0, False)
        if ok and answer:
            choices[exc.option] = next(k for k, v in labels.items() if v == answer)
            self.install(path, **choices)

    def _cancelled(self) -> None:
        self.status.setText(self._("Install cancelled; nothing was installed."))

    def _finished(self) -> None:
        self.op = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()

    def remove_selected(self, confirm: bool = True) -> None:
        name = self.selected()
        if name is None:
            return
        if confirm and QMessageBox.question(self, self._("Remove pack"),
                                            self._("Remove the translation pack {name}?").format(name=name)) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            remove_pack(name)
        except (OSError, BriefgenError) as exc:
            self.status.setText(user_message(exc, self._).line())
            self.status.setToolTip(str(exc))
            return
        self.status.setText(self._("Removed {name}.").format(name=name))
        self.refresh()
        self.changed.emit()

    def reject(self) -> None:
        if self.op is not None:  # closing while installing: cancel first, the staging folder is removed
            self.op.cancel()
        super().reject()
