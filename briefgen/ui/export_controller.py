"""Export DOCX, PDF or both: the save dialog, the background write with progress and cancel, and after.

* The file name is suggested from the date of issue and the subject ("2023-11-10-kunjungan-...docx").
* The work runs on a worker from a snapshot of the project, so the user may go on editing.
* A locked target (Word has it open) or a read-only folder fails with a clear message that offers
  to save under another name; writes are atomic (``briefgen.export``), so nothing half-written stays.
* Afterwards "Open" and "Show in folder" buttons appear in the status bar.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton

from briefgen.errors import ExportFailed
from briefgen.pipeline import check, make_document, write_outputs
from briefgen.project import Project, build_articles, project_briefing
from briefgen.ui.error_text import kind_of, show_error_box, user_message
from briefgen.ui.workers import Op, run_op

SUFFIXES = {"docx": (".docx",), "pdf": (".pdf",), "both": (".docx", ".pdf")}
KIND_NAMES = {"numbers": "numbers", "dates": "dates", "names": "names", "terms": "terms",
              "identical": "same as the source"}


def slug(text: str, limit: int = 60) -> str:
    words = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return words[:limit].rstrip("-") or "briefing"


def alternative_name(path: Path) -> Path:
    """``name (2).docx``, ``name (3).docx``…: the first that does not exist yet."""
    stem = re.sub(r" \(\d+\)$", "", path.stem)
    for n in range(2, 1000):
        candidate = path.with_name(f"{stem} ({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    return path.with_name(f"{stem}-{dt.datetime.now():%H%M%S}{path.suffix}")


# failures that another name or another folder fixes (a full disk is fixed by another drive: same offer)
WRITE_BLOCKED = frozenset({"locked", "read-only-folder", "read-only-file", "read-only-drive", "disk-full",
                           "folder-missing", "name-too-long"})


def is_write_blocked(exc: BaseException) -> bool:
    return isinstance(exc, ExportFailed) and kind_of(exc) in WRITE_BLOCKED


def writable_folder(*candidates: str | Path | None) -> Path:
    """The first candidate that is an existing folder the user may write in; else Documents, else home.

    Save dialogs start here, so after a read-only folder or a removed drive the next dialog does not
    reopen where saving just failed.
    """
    fallback = [Path.home() / "Documents", Path.home()]
    for folder in [*(Path(c) for c in candidates if c), *fallback]:
        if folder.is_dir() and os.access(folder, os.W_OK):
            return folder
    return Path.home()


class ExportController(QObject):
    finished = Signal(list)  # written paths
    failed = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._ = window._
        self.op: Op | None = None
        self.last_written: list[Path] = []
        bar = window.statusBar()
        self.open_button = QPushButton(self._("Open"))
        self.open_button.setToolTip(self._("Open the exported file"))
        self.folder_button = QPushButton(self._("Show in folder"))
        self.open_button.clicked.connect(self.open_last)
        self.folder_button.clicked.connect(self.show_last_in_folder)
        for button in (self.open_button, self.folder_button):
            button.setFlat(True)
            button.hide()
            bar.addPermanentWidget(button)

    # --- names and dialogs --------------------------------------------------------------------------------
    def suggested_name(self, suffix: str) -> str:
        briefing = self.window.last_briefing
        project: Project = self.window.project
        date = project.options.date_of_issue or dt.date.today().isoformat()
        subject = project.options.subject
        if not subject and briefing is not None:
            subject = briefing.header.subject.id or briefing.header.subject.en
        return f"{date}-{slug(subject or 'briefing')}{suffix}"

    def choose(self, fmt: str) -> None:
        """Ask where to save, then export. ``fmt``: docx, pdf or both (one base name, two files)."""
        _ = self._
        if not self.window.project.included_hashes():
            QMessageBox.information(self.window, "briefgen", _("Select at least one article."))
            return
        box = self.untranslated_box()
        if box is not None:
            box.exec()
            if box.clickedButton() is not box.export_anyway:
                if box.clickedButton() is box.review:
                    self.review_remaining()
                return
        suffixes = SUFFIXES[fmt]
        folder = writable_folder(self.window.settings.last_export_dir, self.window.projects.folder())
        start = str(folder / self.suggested_name(suffixes[0]))
        filters = {"docx": _("Word document (*.docx)"), "pdf": _("PDF document (*.pdf)"),
                   "both": _("Word and PDF (*.docx)")}
        path, _filter = QFileDialog.getSaveFileName(self.window, _("Export"), start, filters[fmt])
        if path:
            base = Path(path)
            base = base.with_suffix("") if base.suffix.lower() in (".docx", ".pdf") else base
            self.window.settings.last_export_dir = str(base.parent)
            self.export_to([base.with_name(base.name + s) for s in suffixes])

    def remaining(self) -> list:
        """Per output language with work left, its :class:`briefgen.translate.worklist.Progress`."""
        from briefgen.translate.worklist import progress, work_segments
        from briefgen.ui.review_view import template_scope

        briefing = self.window.last_briefing
        if briefing is None:
            return []
        segments = work_segments(briefing, **template_scope(briefing.template))
        langs = {"bilingual": ("id", "en"), "id": ("id",), "en": ("en",)}.get(self.window.project.options.languages,
                                                                            ("id", "en"))
        return [p for p in (progress(briefing, lg, segments) for lg in langs) if p.missing or p.unreviewed]

    def untranslated_box(self) -> QMessageBox | None:
        """The warning shown before export when segments are untranslated or unreviewed (None: all done).

        It says how many, per section, and offers *Review* (the Review tab, at the first one) or *Export
        anyway* (each is then marked in the document, and the legend counts them)."""
        _ = self._
        left = self.remaining()
        warnings = self.qa_warnings()
        if not left and not warnings:
            return None
        lines = []
        for p in left:
            language = _("English") if p.lang == "en" else _("Indonesian")
            if p.missing:
                where = ", ".join(f"{_(section)} {n}" for section, n in p.missing_by_section.items())
                lines.append(_("{language}: {missing} of {total} segments are not translated ({where}).").format(
                    language=language, missing=p.missing, total=p.total, where=where))
            if p.unreviewed:
                lines.append(_("{language}: {count} machine or suggested translations are not reviewed.").format(
                    language=language, count=p.unreviewed))
        if warnings:  # the QA checks again before export: what they found, by kind (the Check tab lists each)
            kinds = Counter(w.kind for w in warnings)
            lines.append(_("{count} QA warnings ({kinds}): see the Check tab in Review.").format(
                count=len(warnings), kinds=", ".join(f"{_(KIND_NAMES[k])} {n}" for k, n in kinds.items())))
        box = QMessageBox(QMessageBox.Icon.Warning, _("Export"), "\n".join(lines), parent=self.window)
        box.setInformativeText(_("They will be marked in the document, and its legend says how many. Review them "
                                 "now, or export as they are?"))
        box.review = box.addButton(_("Review"), QMessageBox.ButtonRole.RejectRole)
        box.export_anyway = box.addButton(_("Export anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.review)
        self.last_box = box  # tests read it
        return box

    def qa_warnings(self) -> list:
        """The QA warnings other than "untranslated" (counted above) of the output languages."""
        from briefgen.translate.qa import check_segment
        from briefgen.translate.worklist import work_segments
        from briefgen.ui.review_view import template_scope

        briefing = self.window.last_briefing
        if briefing is None:
            return []
        glossary, gazetteer = self.window.review.checkers()
        langs = {"bilingual": ("id", "en"), "id": ("id",), "en": ("en",)}.get(self.window.project.options.languages,
                                                                            ("id", "en"))
        return [w for s in work_segments(briefing, **template_scope(briefing.template)) for lg in langs
                for w in check_segment(s, lg, glossary, gazetteer) if w.kind != "untranslated"]

    def review_remaining(self) -> None:
        """The Review tab, showing what needs work, at the first such segment (or the Check tab's warnings)."""
        review = self.window.review
        self.window.tabs.setCurrentWidget(review)
        review.fill_now()
        review.filter_box.setCurrentIndex(review.filter_box.findData("needs-work"))
        if not review.go_next_needing_work(from_row=-1) and review.check_list.count():
            review.side.setCurrentWidget(review.check_list)
            review.check_list.setCurrentRow(0)
            review._go_to_warning(review.check_list.item(0))
        review.editor.target.setFocus()

    def ask_another_name(self, failed: Path, message: str, details: str = "", same_folder: bool = True
                         ) -> Path | None:
        """The target could not be written: say why and what to do, and offer another name (tests replace this).

        ``same_folder``: the folder itself is fine (a locked or read-only file), so the proposal stays there;
        otherwise it starts in a folder the user can write in.
        """
        _ = self._
        box = QMessageBox(QMessageBox.Icon.Warning, _("Export failed"), message, parent=self.window)
        box.setInformativeText(str(failed))
        if details:
            box.setDetailedText(details)
        other = box.addButton(_("Save under another name…") if same_folder else _("Save in another folder…"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not other:
            return None
        proposal = alternative_name(failed) if same_folder else failed
        folder = writable_folder(proposal.parent if same_folder else None, self.window.projects.folder())
        proposal = folder / proposal.name
        path, _filter = QFileDialog.getSaveFileName(self.window, _("Export"), str(proposal), f"*{failed.suffix}")
        return Path(path) if path else None

    # --- the work ----------------------------------------------------------------------------------------
    def export_to(self, paths: list[Path]) -> Op:
        """Write the current briefing to ``paths`` on a worker, with a cancellable progress dialog."""
        _ = self._
        snapshot = self.window.project.snapshot()
        articles = list(self.window.articles)
        ui_lang = getattr(self.window, "ui_lang", "en")
        self.last_warnings = []

        def work(progress):
            arts = articles if len(articles) == len(snapshot.articles) else build_articles(snapshot)
            _full, final, template, options = project_briefing(snapshot, arts)
            document = make_document(final, template, options)
            self.last_warnings = check(final, document, template, options, ui_lang)  # read on the GUI thread
            return write_outputs(document, template, paths, options, progress)

        dialog = QProgressDialog(_("Exporting…"), _("Cancel"), 0, len(paths), self.window)
        dialog.setWindowTitle(_("Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setValue(0)
        self.window.statusBar().showMessage(_("Exporting…"))
        def finished() -> None:
            dialog.reset()
            dialog.deleteLater()

        op = run_op(work, on_success=self._done, on_failure=lambda exc: self._failed(exc, paths),
                    on_progress=lambda done, total, _m: dialog.setValue(done),
                    on_cancel=lambda: self.window.statusBar().showMessage(_("Export cancelled"), 5000),
                    on_finished=finished, owner=dialog)
        dialog.canceled.connect(op.cancel)
        self.op = op
        return op

    def _done(self, paths: list[Path]) -> None:
        self.last_written = list(paths)
        names = ", ".join(p.name for p in paths)
        message = self._("Saved {path}").format(path=names)
        warnings = list(getattr(self, "last_warnings", []))
        if warnings:  # the format check: what a reviewer would send back, said now (all of it in the tooltip)
            message += f" · {self._('Format check')}: {warnings[0]}" + (f" (+{len(warnings) - 1})" if len(warnings) > 1
                                                                       else "")
        self.window.statusBar().setToolTip("\n".join(warnings))
        self.window.statusBar().showMessage(message, 30000 if warnings else 15000)
        self.open_button.show()
        self.folder_button.show()
        self.open_button.setToolTip(str(paths[0]))
        self.finished.emit(list(paths))

    def _failed(self, exc: BaseException, paths: list[Path]) -> None:
        message = user_message(exc, self._)
        self.window.statusBar().showMessage(message.line(), 15000)
        self.failed.emit(message.line())
        failed = Path(getattr(exc, "path", None) or paths[0])
        same_folder = message.kind in ("locked", "read-only-file", "name-too-long")
        if not same_folder and self.window.settings.last_export_dir == str(failed.parent):
            self.window.settings.last_export_dir = ""  # the next Export dialog does not reopen where this failed
        if not self.window.interactive:
            return
        if is_write_blocked(exc):
            other = self.ask_another_name(failed, f"{message.text} {message.action}", message.details, same_folder)
            if other is not None:
                self.window.settings.last_export_dir = str(other.parent)
                self.export_to([other.with_suffix(p.suffix) if p == failed else
                                (other.parent / p.name if not same_folder else p) for p in paths])
        else:
            show_error_box(self.window, exc, self._, self._("Export failed"))

    # --- afterwards --------------------------------------------------------------------------------------
    def open_last(self) -> None:
        if self.last_written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_written[0])))

    def show_last_in_folder(self) -> None:
        if not self.last_written:
            return
        path = self.last_written[0]
        if sys.platform == "win32":
            QProcess.startDetached("explorer", [f"/select,{path}"])
        elif sys.platform == "darwin":
            QProcess.startDetached("open", ["-R", str(path)])
        else:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

