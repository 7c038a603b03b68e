"""Tools → Import / Export translation memory (TMX): the window's side of ``briefgen memory import|export``.

A translator hands the analyst a TMX from OmegaT, Trados or memoQ and expects to load it from the
window, see what came in (and what was skipped, and why), and send the memory back. The work runs
on a worker (a 100,000-unit memory takes a minute); the result is one line per file, in the
interface's language, shown in a message box and the status bar, and the preview is rebuilt so the
briefing uses the new translations at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from briefgen.errors import BriefgenError
from briefgen.ui.error_text import show_error_box, user_message
from briefgen.ui.workers import Op, run_op


class MemoryTransfer(QObject):
    """Imports and exports TMX for the window; ``done(message, ok)`` when a transfer ends."""

    done = Signal(str, bool)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self._ = window._
        self.op: Op | None = None
        self.last_message = self.last_details = ""

    # -- import ---------------------------------------------------------------------------------------------

    def choose_import(self) -> None:
        _ = self._
        paths, _filter = QFileDialog.getOpenFileNames(self.window, _("Import translation memory (TMX)"), "",
                                                      _("TMX files (*.tmx);;All files (*)"))
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> None:
        def work(_progress) -> list[tuple[Path, object, BaseException | None]]:  # noqa: ANN001 - core Progress
            from briefgen.translate.memory import TranslationMemory
            from briefgen.translate.tmx import import_tmx

            results = []
            with TranslationMemory() as memory:
                for path in paths:
                    try:
                        results.append((path, import_tmx(path, memory), None))
                    except BriefgenError as exc:  # the next file still comes in
                        results.append((path, None, exc))
            return results

        self.window.statusBar().showMessage(self._("Importing the translation memory…"))
        self.op = run_op(work, on_success=self._imported, on_failure=self._failed, owner=self.window)

    def _imported(self, results: list) -> None:
        _ = self._
        lines, ok, details = [], True, []
        for path, report, error in results:
            if error is not None:  # the plain sentence here; the technical reason behind Details
                lines.append(f"{path.name}: {user_message(error, _).text}")
                details.append(f"{path.name}: {getattr(error, 'reason', str(error))}")
                ok = False
                continue
            line = _("{file}: {units} units — {stored} stored, {alternatives} alternatives, {updated} updated, "
                     "{unchanged} already in the memory, {skipped} skipped").format(
                file=path.name, units=report.units, stored=report.stored, alternatives=report.alternatives,
                updated=report.updated, unchanged=report.unchanged, skipped=report.skipped_total)
            if report.sentences:
                line += " " + _("(and {n} sentence pairs from paragraphs)").format(n=report.sentences)
            for reason, counts in report.skipped.items():
                line += f"\n    {self.reason(reason)}: " + ", ".join(f"{langs} {n}"
                                                                 for langs, n in counts.most_common())
            if not report.usable:
                line += "\n    " + _("Nothing imported: no unit has both an Indonesian and an English segment.")
                ok = False
            lines.append(line)
        self._finish(_("Import translation memory (TMX)"), "\n\n".join(lines), ok, "\n".join(details))
        self.window.refresh_preview()  # the briefing may now find people's translations it lacked

    def reason(self, reason: str) -> str:
        """A skip reason from ``briefgen.translate.tmx`` in the interface's language."""
        _ = self._
        known = {
            "no Indonesian variant": _("no Indonesian variant"),
            "no English variant": _("no English variant"),
            "no Indonesian or English variant": _("no Indonesian or English variant"),
            "an Indonesian or English segment is empty": _("an Indonesian or English segment is empty"),
        }
        if reason.startswith("a segment longer than"):
            return _("a segment too long to be a translation unit")
        return known.get(reason, reason)

    # -- export ---------------------------------------------------------------------------------------------

    def choose_export(self) -> None:
        _ = self._
        path, _filter = QFileDialog.getSaveFileName(self.window, _("Export translation memory (TMX)"),
                                                    "translation-memory.tmx", _("TMX files (*.tmx)"))
        if path:
            self.export_to(Path(path) if Path(path).suffix else Path(path + ".tmx"))

    def export_to(self, path: Path) -> None:
        def work(_progress) -> int:  # noqa: ANN001
            from briefgen.translate.memory import TranslationMemory
            from briefgen.translate.tmx import export_tmx

            with TranslationMemory() as memory:
                return export_tmx(memory, path)

        def written(count: int) -> None:
            self._finish(self._("Export translation memory (TMX)"),
                         self._("{file}: {n} translation units written").format(file=path.name, n=count), True)

        self.op = run_op(work, on_success=written, on_failure=self._failed, owner=self.window)

    # -- both -----------------------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        """In the window's language with what to do; the core's technical reason behind Details."""
        message = user_message(exc, self._)
        text = " ".join(p for p in (message.text, message.action) if p)
        self.op = None
        self.last_message = text
        self.window.statusBar().showMessage(text, 15000)
        if self.window.interactive and self.window.isVisible():
            show_error_box(self.window, exc, self._, self._("Translation memory"))
        self.done.emit(text, False)

    def _finish(self, title: str, message: str, ok: bool, details: str = "") -> None:
        self.op = None
        self.last_message, self.last_details = message, details
        self.window.statusBar().showMessage(message.splitlines()[0] if message else "", 15000)
        if self.window.interactive and self.window.isVisible():
            box = QMessageBox(QMessageBox.Icon.Information if ok else QMessageBox.Icon.Warning, title, message,
                              parent=self.window)
            if details:
                box.setDetailedText(details)
            box.exec()
        self.done.emit(message, ok)
