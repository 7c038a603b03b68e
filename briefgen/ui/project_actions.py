"""Projects in the window: new, open, save, save as, the recent menu, autosave and crash recovery.

Saving writes from a snapshot on a worker (a project with 500 clippings is megabytes of JSON; the
window must not stall), atomically. The autosave timer writes the same file format to the user data
folder every ``settings.autosave_seconds`` while there are unsaved changes; a clean exit removes it,
so finding it at the next start means the last session ended badly and recovery is offered.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from briefgen.errors import BriefgenError
from briefgen.project import SUFFIX, Autosave, build_articles, load_project, save_project
from briefgen.settings import save_settings
from briefgen.ui.error_text import user_message
from briefgen.ui.workers import Op, run_op


class ProjectActions(QObject):
    saved = Signal(str)
    opened = Signal(str)
    autosaved = Signal(str)

    def __init__(self, window, autosave: Autosave | None = None) -> None:
        super().__init__(window)
        self.window = window
        self._ = window._
        self.path: Path | None = None
        self.autosave = autosave or Autosave()
        self.timer = QTimer(self)
        self.timer.setInterval(max(10, window.settings.autosave_seconds) * 1000)
        self.timer.timeout.connect(self.autosave_now)
        self.recent_menu: QMenu | None = None

    def start(self) -> None:
        """Mark this session as running (for crash detection) and start the autosave timer."""
        self.autosave.begin_session(self.path)
        self.timer.start()

    def finish(self) -> None:
        """A clean exit: nothing left to recover."""
        self.timer.stop()
        self.autosave.end_session()

    # --- file dialogs ----------------------------------------------------------------------------------
    def _filter(self) -> str:
        return self._("briefgen project (*{suffix})").format(suffix=SUFFIX)

    def choose_open(self) -> None:
        if not self.window.confirm_discard():
            return
        path, _f = QFileDialog.getOpenFileName(self.window, self._("Open project"), self._start_dir(),
                                               self._filter())
        if path:
            self.open(Path(path))

    def save(self) -> Op | None:
        if self.path is None:
            return self.choose_save_as()
        return self.save_to(self.path)

    def choose_save_as(self) -> Op | None:
        start = str(Path(self._start_dir()) / self.window.exporter.suggested_name(SUFFIX))
        path, _f = QFileDialog.getSaveFileName(self.window, self._("Save project as"), start, self._filter())
        if not path:
            return None
        target = Path(path)
        if target.suffix != SUFFIX:
            target = target.with_name(target.name + SUFFIX)
        return self.save_to(target)

    def save_now(self) -> bool:
        """Save on the GUI thread (before closing or replacing the project); False if not saved."""
        target = self.path
        if target is None:
            start = str(Path(self._start_dir()) / self.window.exporter.suggested_name(SUFFIX))
            chosen, _f = QFileDialog.getSaveFileName(self.window, self._("Save project as"), start, self._filter())
            if not chosen:
                return False
            target = Path(chosen) if chosen.endswith(SUFFIX) else Path(chosen + SUFFIX)
        self.window.sync_project()
        try:
            save_project(self.window.project, target)
        except BriefgenError as exc:
            self._error(exc)
            return False
        self.path = target
        self.window.set_modified(False)
        self.remember(target)
        self.saved.emit(str(target))
        return True

    def folder(self) -> Path | None:
        """Where the user last kept a project: this one's folder, else the latest recent project's."""
        if self.path is not None:
            return self.path.parent
        recent = self.window.settings.recent_projects
        return Path(recent[0]).parent if recent else None

    def _start_dir(self) -> str:
        """Save and Open dialogs start in the last folder used for projects (else exports, imports),
        and never in one the user cannot write in."""
        from briefgen.ui.export_controller import writable_folder

        settings = self.window.settings
        return str(writable_folder(self.folder(), settings.last_export_dir, settings.last_import_dir))

    # --- the work --------------------------------------------------------------------------------------
    def save_to(self, path: Path) -> Op:
        self.window.sync_project()
        snapshot = self.window.project.snapshot()

        def done(written: Path) -> None:
            self.path = written
            self.window.set_modified(False)
            self.remember(written)
            self.autosave.begin_session(written)
            self.window.statusBar().showMessage(self._("Project saved: {path}").format(path=written), 8000)
            self.saved.emit(str(written))

        return run_op(lambda _p: save_project(snapshot, path), on_success=done, on_failure=self._error)

    def open(self, path: Path) -> Op:
        """Read a project and rebuild its articles on a worker, then show it."""
        def work(_progress):
            project = load_project(path)
            return project, build_articles(project)

        def done(result) -> None:
            project, articles = result
            self.path = path
            self.window.set_project(project, articles)
            self.window.set_modified(False)
            self.remember(path)
            self.window.statusBar().showMessage(self._("Project opened: {path}").format(path=path), 8000)
            self.opened.emit(str(path))

        return run_op(work, on_success=done, on_failure=lambda exc: self._open_failed(exc, path))

    def _open_failed(self, exc: BaseException, path: Path) -> None:
        """A damaged project: say why, and offer the autosaved work when there is some."""
        self._error(exc)
        autosaved = self.autosave.file
        if not autosaved.is_file() or Path(path).resolve() == autosaved.resolve():
            return
        _ = self._
        answer = QMessageBox.question(
            self.window, _("Open the autosaved work?"),
            _("{error}\n\nOpen the work autosaved in this session instead?").format(
                error=user_message(exc, _).text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self._load_recovered(autosaved)

    def autosave_now(self) -> Op | None:
        if not self.window.modified:
            return None
        self.window.sync_project()
        snapshot = self.window.project.snapshot()
        return run_op(lambda _p: self.autosave.save(snapshot),
                      on_success=lambda p: self.autosaved.emit(str(p)), on_failure=self._error)

    def offer_recovery(self, ask: bool = True) -> Op | None:
        """After a crash: offer the autosaved project. ``ask=False`` recovers without asking (tests)."""
        pending = self.autosave.pending_recovery()
        if pending is None:
            return None
        if ask:
            _ = self._
            answer = QMessageBox.question(
                self.window, _("Recover unsaved work?"),
                _("briefgen did not close properly last time. Recover the work autosaved then?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
            if answer != QMessageBox.StandardButton.Yes:
                self.autosave.discard()
                return None
        return self._load_recovered(pending)

    def _load_recovered(self, pending: Path) -> Op:
        def work(_progress):
            project = load_project(pending)
            return project, build_articles(project)

        def done(result) -> None:
            project, articles = result
            self.window.set_project(project, articles)
            self.window.set_modified(True)  # recovered work is not saved anywhere the user chose
            self.window.statusBar().showMessage(self._("Recovered the autosaved project"), 10000)
            self.opened.emit(str(pending))

        return run_op(work, on_success=done, on_failure=self._error)

    def _error(self, exc: BaseException) -> None:
        self.window.show_error(exc)

    # --- recent projects -------------------------------------------------------------------------------
    def remember(self, path: Path) -> None:
        self.window.settings.add_recent(path)
        try:
            save_settings(self.window.settings)
        except BriefgenError as exc:
            self.window.statusBar().showMessage(user_message(exc, self._).line(), 8000)
        self.rebuild_recent_menu()

    def open_recent(self, path: Path) -> None:
        if self.window.confirm_discard():
            self.open(path)

    def rebuild_recent_menu(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        recent = [p for p in self.window.settings.recent_projects if Path(p).is_file()]
        for number, path in enumerate(recent, start=1):
            action = QAction(f"&{number} {Path(path).name}", menu)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(Path(p)))
            menu.addAction(action)
        menu.setEnabled(bool(recent))
