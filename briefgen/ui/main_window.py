"""The main window: library on the left, Preview/Article/Review in the centre, options on the right.

The window owns one :class:`briefgen.project.Project` (the source of truth that is saved and
autosaved) and the cleaned :class:`Article` values built from it. Widgets edit the project through
their signals; every change marks the window modified and schedules a debounced preview, which is
built on a worker from a snapshot (never touching a widget there) and shown when it comes back.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTabWidget,
)

from briefgen import __version__
from briefgen.errors import BriefgenError
from briefgen.i18n import gettext_for, ngettext_for
from briefgen.ingest.build import build_article
from briefgen.model import LANGS, Article, Briefing, Status
from briefgen.pipeline import make_document
from briefgen.project import Project, analyst_text, project_briefing
from briefgen.render.html import render_html
from briefgen.settings import Settings, load_settings, save_settings
from briefgen.ui.actions import build_menus
from briefgen.ui.analyst_panel import AnalystPanel
from briefgen.ui.article_view import ArticleView
from briefgen.ui.dialogs import AboutDialog, PreferencesDialog
from briefgen.ui.error_text import show_error_box, user_message
from briefgen.ui.export_controller import ExportController
from briefgen.ui.guards import first_run_geometry, fit_on_screen, install_wheel_guard, no_wheel_focus
from briefgen.ui.icon import app_icon
from briefgen.ui.importer import ImportMixin
from briefgen.ui.library import LibraryPanel
from briefgen.ui.memory_tmx import MemoryTransfer
from briefgen.ui.options_panel import OptionsPanel
from briefgen.ui.preview_pane import PreviewPane
from briefgen.ui.project_actions import ProjectActions
from briefgen.ui.review_view import ReviewView
from briefgen.ui.window_state import restore_window_state, save_window_state
from briefgen.ui.workers import Op, run_op

PREVIEW_DELAY_MS = 120  # debounce for typing; clicks (tick, edit done) rebuild at once, the latest state wins


def untranslated_counts(briefing: Briefing) -> dict[str, int]:
    """Per article hash: how many of its segments lack a language (each key counted once)."""
    counts: dict[str, int] = {}
    seen: set[str] = set()
    for section in briefing.sections:
        for item in section.items:
            if not item.provenance or item.key in seen:
                continue
            seen.add(item.key)
            if any(item.text.status(lang) is Status.MISSING for lang in LANGS):
                sha = item.provenance[0].article
                counts[sha] = counts.get(sha, 0) + 1
    return counts


class MainWindow(QMainWindow, ImportMixin):
    articles_loaded = Signal(int)
    export_finished = Signal(list)
    export_failed = Signal(str)
    preview_updated = Signal()
    ui_lang_change_requested = Signal(str)

    def __init__(self, ui_lang: str = "en", settings: Settings | None = None, autosave=None) -> None:
        super().__init__()
        self.ui_lang = ui_lang
        self._ = gettext_for(ui_lang)
        self.n_ = ngettext_for(ui_lang)
        self.last_import = None  # the latest import's outcome (briefgen.ui.import_report)
        self.settings = settings or load_settings()
        self.project = self._new_project()
        self.project.options = replace(self.project.options, template=self.settings.default_template,
                                       layout=self.settings.default_layout,
                                       languages=self.settings.default_languages)
        self.articles: list[Article] = []
        self.full_briefing: Briefing | None = None
        self.last_briefing: Briefing | None = None
        self.modified = False
        self.interactive = False  # True when a person drives the window (dialogs may block)
        self.handing_over = False  # closing only to reopen in another UI language
        self._frame_fitted = False
        self.closed = False  # results of work still running when the window closed are ignored
        self._preview_op: Op | None = None
        self._preview_again = False
        self._import_op: Op | None = None
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self._build_widgets()
        self.exporter = ExportController(self)
        self.exporter.finished.connect(self.export_finished)
        self.exporter.failed.connect(self.export_failed)
        self.projects = ProjectActions(self, autosave)
        self.memory_transfer = MemoryTransfer(self)  # Tools → Import/Export translation memory (TMX)
        build_menus(self)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        install_wheel_guard(QApplication.instance())
        no_wheel_focus(self)
        self.place_on_screen()
        self.options_panel.set_options(self.project.options)
        self.update_title()
        from briefgen.ui.pack_hint import show_pack_hint

        self.pack_hint_shown = show_pack_hint(self)

    def place_on_screen(self, available: QRect | None = None, remembered: bool = True) -> None:
        """The remembered geometry, pulled back onto the screen when it no longer fits; else fit the screen.

        ``available``: the screen's area without taskbar or dock (default: the screen the window is on);
        ``remembered=False``: as at a first run (screenshots).
        """
        restored = remembered and restore_window_state(self)
        if available is None:
            screen = self.screen() or QApplication.primaryScreen()
            if screen is None:
                return
            available = screen.availableGeometry()
        if not restored:
            self.setGeometry(first_run_geometry(available, self.minimumSizeHint()))
            width = self.width()  # titles readable, the form wide enough for its placeholders, the rest preview
            self.splitter.setSizes([int(width * 0.36), int(width * 0.36), int(width * 0.28)])
        elif not self.isMaximized() and not available.contains(self.geometry()):
            self.setGeometry(fit_on_screen(self.geometry(), available))

    # --- construction -------------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        _ = self._
        self.library = LibraryPanel(_)
        self.library.inclusion_changed.connect(self._inclusion_changed)
        self.library.current_changed.connect(self._show_article)
        self.library.tree.paths_dropped.connect(lambda paths: self.load(paths))
        self.preview_pane = PreviewPane()
        self.preview = self.preview_pane.view
        self.preview.setToolTip(_("The briefing as it will be exported (refreshed as you edit)"))
        self.preview_pane.review_requested.connect(self.open_in_review)
        self.article_view = ArticleView(_)
        self.article_view.restore_requested.connect(self._restore_line)
        self.review = ReviewView(_, ui_lang=self.ui_lang)
        self.review.edited.connect(self._edited)
        self.review.pair_rejected.connect(self._pair_rejected)
        self.preview_pane.tooltip_for = self.review.marker_tooltip
        self.tabs = QTabWidget()
        self.tabs.addTab(self.preview, _("Preview"))
        self.tabs.addTab(self.article_view, _("Article"))
        self.tabs.addTab(self.review, _("Review"))
        self.options_panel = OptionsPanel(_, self.ui_lang)
        self.options_panel.changed.connect(self._options_changed)
        self.options_panel.confirm_lowering = self.confirm_lower_classification
        self.analyst = AnalystPanel(_)
        self.analyst.changed.connect(self._analyst_changed)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.options_panel)
        # never cut the form on the right: it scrolls down, not sideways, and the splitter keeps it whole
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.options_panel.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth())
        self.right_tabs = QTabWidget()
        self.right_tabs.addTab(scroll, _("Document"))
        self.right_tabs.addTab(self.analyst, _("Analyst"))
        self.splitter = QSplitter()
        self.splitter.setObjectName("main-splitter")
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.right_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([460, 560, 340])
        self.setCentralWidget(self.splitter)
        self.import_progress = QProgressBar()
        self.import_progress.setMaximumWidth(180)
        self.import_progress.hide()
        self.statusBar().addPermanentWidget(self.import_progress)
        self.statusBar().showMessage(_("Ready"), 3000)

    # --- compatibility helpers (tests, tools) -------------------------------------------------------------
    @property
    def template_box(self):
        return self.options_panel.template_box

    @property
    def layout_box(self):
        return self.options_panel.layout_box

    @property
    def lang_box(self):
        return self.options_panel.lang_box

    def set_checked(self, index: int, checked: bool) -> None:
        self.library.set_checked(index, checked)

    def selected_articles(self) -> list[Article]:
        return [a for pa, a in zip(self.project.articles, self.articles, strict=True) if pa.included]

    def suggested_name(self, suffix: str) -> str:
        return self.exporter.suggested_name(suffix)

    def export_to(self, paths: list[Path]) -> Op:
        return self.exporter.export_to(paths)

    # --- project state ------------------------------------------------------------------------------------
    def set_modified(self, modified: bool = True) -> None:
        self.modified = modified
        self.update_title()

    def update_title(self) -> None:
        name = self.projects.path.name if self.projects.path else self._("Untitled")
        self.setWindowTitle(f"{name}[*] — briefgen {__version__}")
        self.setWindowModified(self.modified)

    def sync_project(self) -> None:
        """Pull what the panels show into the project (they push on every change; this is a safety net)."""
        self.project.options = self.options_panel.options(self.project.options)

    def set_project(self, project: Project, articles: list[Article]) -> None:
        """Show another project (opened, recovered, or adopted on a UI language switch)."""
        self.project, self.articles = project, list(articles)
        self.library.set_articles(self.articles, [a.included for a in project.articles])
        self.options_panel.set_options(project.options)
        for key in ("assessment", "recommendations"):
            self.analyst.set_text(key, getattr(project, key))
        self.full_briefing = self.last_briefing = None
        self.update_title()
        self._show_article(self.library.current_index())
        self.articles_loaded.emit(len(self.articles))
        self.refresh_preview()

    def _new_project(self) -> Project:
        """An empty project with the user's defaults from Preferences (author, kop)."""
        project = Project()
        project.options = replace(project.options, author=self.settings.author,
                                  letterhead=self.settings.letterhead, letterhead_en=self.settings.letterhead_en)
        return project

    def new_project(self) -> None:
        if self.confirm_discard():
            project = self._new_project()
            self.projects.path = None
            self.set_project(project, [])
            self.set_modified(False)

    def confirm_discard(self) -> bool:
        """True when it is fine to replace the current project (asks only when a person drives the window)."""
        if not self.modified or not self.interactive:
            return True
        _ = self._
        box = QMessageBox(QMessageBox.Icon.Question, "briefgen", _("The project has unsaved changes. Save them first?"),
                          parent=self)
        save = box.addButton(_("&Save"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.exec()
        if box.clickedButton() is save:
            return self.projects.save_now()
        return box.clickedButton() is discard

    def confirm_lower_classification(self, old: str, new: str) -> bool:
        """Lowering the marking printed on every page is asked, never done by a stray click or scroll."""
        if not self.interactive:
            return True
        _ = self._
        box = QMessageBox(QMessageBox.Icon.Warning, _("Lower the classification?"),
                          _("Lower the classification from “{old}” to “{new}”? It is printed on every page.")
                          .format(old=old, new=new), parent=self)
        lower = box.addButton(_("&Lower it"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("&Keep “{old}”").format(old=old), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        self.classification_box = box  # tests answer it
        box.exec()
        return box.clickedButton() is lower

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._frame_fitted:
            self._frame_fitted = True
            self.fit_frame()

    def fit_frame(self) -> None:
        """Keep the whole frame (title bar, borders) on the screen: geometry alone excludes them, and on
        Windows the title bar would push the status bar below a 768 px screen's taskbar."""
        screen = self.screen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        frame, inner, available = self.frameGeometry(), self.geometry(), screen.availableGeometry()
        if available.contains(frame):
            return
        target = fit_on_screen(frame, available)
        self.setGeometry(target.adjusted(inner.left() - frame.left(), inner.top() - frame.top(),
                                         inner.right() - frame.right(), inner.bottom() - frame.bottom()))

    # --- what the user looks at, kept across a UI language switch ---------------------------------------------
    def view_state(self) -> dict:
        return {"tab": self.tabs.currentIndex(), "right_tab": self.right_tabs.currentIndex(),
                "review_filter": self.review.filter_box.currentData(), "article": self.library.current_index(),
                "review_key": self.review.current_key(), "point": self.analyst.points.currentRow()}

    def restore_view_state(self, state: dict) -> None:
        self.tabs.setCurrentIndex(state.get("tab", 0))
        self.right_tabs.setCurrentIndex(state.get("right_tab", 0))
        box = self.review.filter_box
        box.setCurrentIndex(max(0, box.findData(state.get("review_filter"))))
        if 0 <= state.get("article", -1) < self.library.count():
            self.library.tree.setCurrentItem(self.library.tree.topLevelItem(state["article"]))
        self.review.fill_now()
        if state.get("review_key"):
            self.review.select_key(state["review_key"])
        if 0 <= state.get("point", -1) < self.analyst.points.count():
            self.analyst.points.setCurrentRow(state["point"])

    # --- panel signals ----------------------------------------------------------------------------------------
    def _changed(self, delay_ms: int = PREVIEW_DELAY_MS) -> None:
        self.set_modified(True)
        self.schedule_preview(delay_ms=delay_ms)

    def _inclusion_changed(self, index: int, included: bool) -> None:
        if 0 <= index < len(self.project.articles):
            self.project.articles[index].included = included
            self._changed(delay_ms=0)  # a click, not typing: nothing to wait for

    def _options_changed(self) -> None:
        self.project.options = self.options_panel.options(self.project.options)
        self._changed()

    def _analyst_changed(self) -> None:
        for key in ("assessment", "recommendations"):
            setattr(self.project, key, analyst_text(*self.analyst.texts(key)))
        listed = self.analyst.point_keys()
        self.project.dropped = self.analyst.dropped() + [k for k in self.project.dropped if k not in listed]
        self.project.order = listed + [k for k in self.project.order if k not in listed]
        self._changed()

    def open_in_review(self, key: str) -> None:
        """A mark clicked in the Preview: the Review tab, at that segment, with the cursor in the editor."""
        self.tabs.setCurrentWidget(self.review)
        self.review.fill_now()
        if self.review.select_key(key):
            self.review.editor.target.setFocus()

    def _edited(self, key: str, lang: str, text: str | None) -> None:
        self.project.set_edit(key, lang, text)
        if key.startswith("header:"):  # a memo field: its home is the memo panel, which shows it at once
            self.options_panel.set_options(self.project.options)
        self._changed(delay_ms=0)  # a finished cell edit

    def _pair_rejected(self, key: str) -> None:
        self.project.reject_pair(key)
        self._changed(delay_ms=0)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.load(paths)

    # --- article tab -------------------------------------------------------------------------------------
    def _show_article(self, index: int) -> None:
        if 0 <= index < len(self.articles):
            pa = self.project.articles[index]
            self.article_view.show_article(self.articles[index], pa.raw.text.splitlines(), pa.restored)
        else:
            self.article_view.show_article(None)

    def _restore_line(self, line: int, restore: bool) -> None:
        index = self.library.current_index()
        if not 0 <= index < len(self.articles):
            return
        pa = self.project.articles[index]
        pa.restored = pa.restored | {line} if restore else pa.restored - {line}
        raw, restored, duplicate_of = pa.raw, pa.restored, self.articles[index].duplicate_of

        def done(article: Article) -> None:
            if index < len(self.articles) and self.project.articles[index].raw.sha256 == raw.sha256:
                self.articles[index] = replace(article, duplicate_of=duplicate_of)
                self._show_article(index)
                self._changed()

        run_op(lambda _p: build_article(raw, restore=restored), on_success=done, on_failure=self.show_error)

    # --- preview -----------------------------------------------------------------------------------------
    def schedule_preview(self, *_args, delay_ms: int = PREVIEW_DELAY_MS) -> None:
        """Rebuild soon: after ``delay_ms`` without further changes (typing), or at once for a click."""
        self._preview_timer.start(delay_ms)

    def refresh_preview(self) -> None:
        """Rebuild the briefing and its HTML on a worker; one at a time, the latest state wins."""
        if self._preview_op is not None:
            self._preview_again = True
            return
        self.sync_project()
        snapshot, articles = self.project.snapshot(), list(self.articles)

        def work(_progress):
            full, final, template, options = project_briefing(snapshot, articles)
            return full, final, render_html(make_document(final, template, options), template, preview=True)

        self._preview_op = run_op(work, on_success=self._preview_ready, on_failure=self._preview_failed,
                                  on_finished=self._preview_done, owner=self)

    def _preview_ready(self, result) -> None:
        if self.closed:
            return
        full, final, page = result
        self.full_briefing, self.last_briefing = full, final
        self.preview_pane.show_html(page)
        self.review.set_briefing(final)
        self.show_points(full)
        self.library.set_untranslated(self.articles, untranslated_counts(final))

    def show_points(self, full: Briefing) -> None:
        points, seen = [], set()
        for section in full.sections:
            if section.kind in ("prose", "sources"):
                continue
            for item in section.items:
                if item.key and item.key not in seen:
                    seen.add(item.key)
                    points.append((item.key, item.text.id or item.text.en))
        rank = {k: i for i, k in enumerate(self.project.order)}
        points.sort(key=lambda p: rank.get(p[0], len(rank)))
        self.analyst.set_points(points, set(self.project.dropped))

    def _preview_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(user_message(exc, self._).line(), 10000)

    def _preview_done(self) -> None:
        self._preview_op = None
        if self.closed:
            return
        if self._preview_again:
            self._preview_again = False
            self.refresh_preview()
        elif self.preview_pane.busy:
            self.preview_pane.finished.connect(self._pane_finished)
        else:
            self.preview_updated.emit()

    def _pane_finished(self) -> None:
        self.preview_pane.finished.disconnect(self._pane_finished)
        if self._preview_op is None and not self.closed:
            self.preview_updated.emit()

    # --- dialogs and errors ------------------------------------------------------------------------------------
    def show_error(self, exc: BaseException, title: str = "briefgen") -> None:
        """Say what went wrong in the UI language, with its fix; the technical account behind *Details*."""
        message = user_message(exc, self._)
        self.statusBar().showMessage(message.line(), 10000)
        if self.interactive and self.isVisible():
            show_error_box(self, exc, self._, title)

    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self._, self.settings, self)
        if dialog.exec():
            lang_changed = dialog.apply_to(self.settings)
            self.projects.timer.setInterval(self.settings.autosave_seconds * 1000)
            save_settings(self.settings)
            if lang_changed:
                self.ui_lang_change_requested.emit(self.settings.ui_lang)

    def show_names(self) -> None:
        """Tools → Unknown names: confirm names into the user's gazetteer; the preview follows."""
        from briefgen.ui.names_dialog import NamesDialog

        dialog = NamesDialog(self._, self.selected_articles(), self)
        dialog.added.connect(lambda _key: self.refresh_preview())
        self.names_dialog = dialog  # tests reach it here
        dialog.exec()

    def show_packs(self) -> None:
        """Tools → Translation packs: install (on a worker, with progress and cancel), list, remove."""
        from briefgen.ui.packs_dialog import PacksDialog

        dialog = PacksDialog(self._, self)
        dialog.changed.connect(self.refresh_preview)
        self.packs_dialog = dialog  # tests reach it here
        dialog.exec()

    def show_about(self) -> None:
        AboutDialog(self._, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.handing_over and not self.confirm_discard():
            event.ignore()
            return
        save_window_state(self)
        with contextlib.suppress(OSError, BriefgenError):  # a full disk must not keep the window open
            save_settings(self.settings)
        if not self.handing_over:
            self.projects.finish()
        self.closed = True
        self._preview_timer.stop()
        event.accept()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and self._import_op is not None:
            self._import_op.cancel()
        super().keyPressEvent(event)
