"""Importing clippings into the window: files, folders, the samples, pasted text; on a worker.

A mixin of :class:`briefgen.ui.main_window.MainWindow` (kept apart to keep the window readable).
The worker reads and cleans; duplicates are judged against everything already in the project; the
GUI thread only appends rows. Clippings the project already holds (same bytes) are not added twice.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog

from briefgen.extract.relevance import mark_relevance
from briefgen.ingest.build import build_article, mark_duplicates
from briefgen.ingest.importers import read_pasted, supported_suffixes
from briefgen.pipeline import load_articles
from briefgen.privacy import redact_raw
from briefgen.ui.import_report import ImportOutcome, ImportReport, summary
from briefgen.ui.workers import Op, run_op


def other_files(paths: list[Path]) -> list[str]:
    """Files inside imported folders that are not of a clipping type (an import leaves them alone)."""
    known = set(supported_suffixes())
    found: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            try:
                found += [str(f) for f in sorted(Path(path).iterdir())
                          if f.is_file() and not f.name.startswith(".") and f.suffix.lower() not in known]
            except OSError:
                continue
    return found


class ImportMixin:
    def load(self, paths: list[Path], sample: bool = False, pasted: str | None = None,
             modifies: bool = True) -> Op:
        """Import clippings (files, folders, the samples or pasted text) on a worker.

        ``modifies=False`` for the samples shown at start: nothing the user did needs saving yet.
        """
        existing = [replace(a, duplicate_of=None) for a in self.articles]
        known = {pa.raw.sha256 for pa in self.project.articles}
        paste_name = f"<pasted {len(self.project.articles) + 1}>"

        def work(progress):
            outcome = ImportOutcome()
            if pasted is not None:
                raw = redact_raw(read_pasted(pasted, paste_name))  # like files: no reader's e-mail/phone kept
                loaded_raws, loaded_articles = [raw], [build_article(raw)]
            else:
                result = load_articles(paths, sample, progress)
                loaded_raws, loaded_articles = list(result.raws), list(result.articles)
                outcome.refused = list(result.errors)
                outcome.not_clippings = other_files(paths)
            seen, pairs = set(known), []
            for raw, article in zip(loaded_raws, loaded_articles, strict=True):
                if raw.sha256 not in seen:  # the same bytes imported again: keep the first
                    seen.add(raw.sha256)
                    pairs.append((raw, article))
                else:
                    outcome.same_bytes.append(raw.file)
            new_articles = [a for _r, a in pairs]
            combined = mark_relevance(mark_duplicates(existing + new_articles)) if existing else new_articles
            titles = {a.sha256: a.title for a in combined}
            for article in combined[len(existing):]:
                if article.duplicate_of:
                    outcome.near_duplicates.append((article.file, titles.get(article.duplicate_of, "?")))
                elif getattr(article, "off_topic", False):
                    outcome.off_topic.append((article.file, article.title))
                else:
                    outcome.added.append((article.file, article.title))
            return [r for r, _a in pairs], combined, outcome, modifies

        self.import_progress.setRange(0, 0)
        self.import_progress.show()
        self.statusBar().showMessage(self._("Importing…"))
        op = run_op(work, on_success=self._loaded, on_failure=self.show_error,
                    on_progress=self._import_progressed, on_finished=self.import_progress.hide, owner=self)
        self._import_op = op
        return op

    def _import_progressed(self, done: int, total: int, _message: str) -> None:
        if total:
            self.import_progress.setRange(0, total)
            self.import_progress.setValue(done)

    def _loaded(self, result) -> None:
        if self.closed:
            return
        raws, combined, outcome, modifies = result
        old_count = len(self.articles)
        duplicates_changed = any(a.duplicate_of != b.duplicate_of for a, b in zip(self.articles, combined,
                                                                                  strict=False))
        # duplicates and clippings far from the batch's subject come in unticked (the user may tick them)
        flags = [combined[old_count + i].duplicate_of is None and not combined[old_count + i].off_topic
                 for i in range(len(raws))]
        self.project.add_raws(raws, flags)
        self.articles = list(combined)
        if duplicates_changed:
            self.library.set_articles(self.articles, [pa.included for pa in self.project.articles])
        else:
            self.library.append_articles(self.articles[old_count:], flags)
        self.last_import = outcome
        self.statusBar().showMessage(summary(outcome, self.n_), 15000)
        if modifies and outcome.worth_reporting:
            self.import_report().show_outcome(outcome)
        if raws and modifies:
            self.set_modified(True)
        if raws:  # what was just imported is what the user looks at next
            self.library.select_rows(range(old_count, len(self.articles)))
        elif self.library.current_index() < 0 and self.articles:
            self.library.tree.setCurrentItem(self.library.tree.topLevelItem(0))
        gc.freeze()  # the clippings live as long as the project: keep them out of the collector's full scans
        self.articles_loaded.emit(len(self.articles))
        self.schedule_preview()

    def import_report(self) -> ImportReport:
        """The window's one import report (non-modal; refilled by each import)."""
        if getattr(self, "_import_report", None) is None:
            self._import_report = ImportReport(self._, self.n_, self)
        return self._import_report

    def choose_imports(self) -> None:
        start = self.settings.last_import_dir or str(Path.home())
        files, _f = QFileDialog.getOpenFileNames(self, self._("Import clippings"), start,
                                                 self._("Clippings (*.txt *.md *.html *.htm *.docx *.pdf);;"
                                                        "All files (*)"))
        if files:
            self.settings.last_import_dir = str(Path(files[0]).parent)
            self.load([Path(f) for f in files])

    def choose_import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self._("Import a folder"),
                                                  self.settings.last_import_dir or str(Path.home()))
        if folder:
            self.settings.last_import_dir = folder
            self.load([Path(folder)])

    def paste(self) -> Op | None:
        """Ctrl+V outside a text field: files copied in a file manager, or the text of a clipping."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime.hasUrls() and any(u.isLocalFile() for u in mime.urls()):
            return self.load([Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()])
        text = mime.text() if mime.hasText() else ""
        if not text.strip():
            self.statusBar().showMessage(self._("Nothing to paste"), 4000)
            return None
        return self.load([], pasted=text)
