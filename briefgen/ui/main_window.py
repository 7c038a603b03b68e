"""The main window: article list, preview, options, export. A thin shell over briefgen.pipeline."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefgen import __version__
from briefgen.i18n import gettext_for
from briefgen.model import Article
from briefgen.pipeline import BuildOptions, load_articles, make_briefing, make_document, write_outputs
from briefgen.render.html import render_html
from briefgen.templating import available_templates
from briefgen.ui.workers import Op, run_op

PREVIEW_DELAY_MS = 150  # debounce: rebuild the preview once the user pauses


class MainWindow(QMainWindow):
    """Articles on the left, the preview in the centre, template and layout on the right."""

    articles_loaded = Signal(int)
    export_finished = Signal(list)  # the written paths
    export_failed = Signal(str)
    preview_updated = Signal()

    def __init__(self, ui_lang: str = "en") -> None:
        super().__init__()
        self._ = gettext_for(ui_lang)
        self.articles: list[Article] = []
        self._export_op: Op | None = None
        self.setWindowTitle(f"briefgen {__version__}")
        self.resize(1280, 800)
        self._build_widgets()
        self._build_actions()
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)

    # --- construction -------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        _ = self._
        self.article_list = QListWidget()
        self.article_list.setAlternatingRowColors(True)
        self.article_list.setWordWrap(True)
        self.article_list.itemChanged.connect(self.schedule_preview)
        self.preview = QTextBrowser()
        self.preview.setOpenExternalLinks(False)

        self.template_box = QComboBox()
        for name, template in available_templates().items():
            self.template_box.addItem(name, name)
            self.template_box.setItemData(self.template_box.count() - 1, template.description.get("en", ""),
                                          Qt.ItemDataRole.ToolTipRole)
        self.layout_box = QComboBox()
        self.layout_box.addItem(_("Side by side"), "side-by-side")
        self.layout_box.addItem(_("Sequential"), "sequential")
        self.lang_box = QComboBox()
        self.lang_box.addItem(_("Bilingual"), "bilingual")
        self.lang_box.addItem(_("Indonesian only"), "id")
        self.lang_box.addItem(_("English only"), "en")
        for box in (self.template_box, self.layout_box, self.lang_box):
            box.currentIndexChanged.connect(self.schedule_preview)

        options = QWidget()
        form = QFormLayout(options)
        form.addRow(_("Template"), self.template_box)
        form.addRow(_("Layout"), self.layout_box)
        form.addRow(_("Languages"), self.lang_box)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Articles")))
        left_layout.addWidget(self.article_list)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.addWidget(options)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setStretchFactor(2, 1)
        splitter.setSizes([330, 720, 230])
        self.setCentralWidget(splitter)
        self.statusBar().showMessage("")

    def _build_actions(self) -> None:
        _ = self._
        file_menu = self.menuBar().addMenu(_("&File"))
        self.import_action = QAction(_("Import files…"), self, shortcut=QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.choose_imports)
        self.export_docx_action = QAction(_("Export DOCX…"), self, shortcut=QKeySequence("Ctrl+E"))
        self.export_docx_action.triggered.connect(lambda: self.choose_export(".docx"))
        self.export_pdf_action = QAction(_("Export PDF…"), self, shortcut=QKeySequence("Ctrl+Shift+E"))
        self.export_pdf_action.triggered.connect(lambda: self.choose_export(".pdf"))
        quit_action = QAction(_("&Quit"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        for action in (self.import_action, self.export_docx_action, self.export_pdf_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        toolbar = self.addToolBar("main")
        toolbar.setObjectName("main-toolbar")
        for action in (self.import_action, self.export_docx_action, self.export_pdf_action):
            toolbar.addAction(action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("About briefgen"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # --- articles ------------------------------------------------------------------------------
    def load(self, paths: list[Path], sample: bool = False) -> Op:
        """Import clippings on a worker; the list fills in when it is done."""
        def work(progress):
            return load_articles(paths, sample, progress)

        return run_op(work, on_success=self._loaded, on_failure=self._show_error)

    def _loaded(self, result) -> None:
        for error in result.errors:
            self.statusBar().showMessage(str(error), 10000)
        known = {a.sha256 for a in self.articles}
        for article in result.articles:
            if article.sha256 in known:
                continue
            self.articles.append(article)
            date = article.published.isoformat() if article.published else "—"
            item = QListWidgetItem(f"{article.title}\n{article.outlet or '?'} · {date} · {article.lang}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if article.duplicate_of else Qt.CheckState.Checked)
            item.setToolTip(article.file)
            self.article_list.addItem(item)
        self.statusBar().showMessage(self._("{count} articles loaded").format(count=len(self.articles)), 5000)
        self.articles_loaded.emit(len(self.articles))
        self.refresh_preview()

    def selected_articles(self) -> list[Article]:
        return [a for i, a in enumerate(self.articles)
                if self.article_list.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, index: int, checked: bool) -> None:
        self.article_list.item(index).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def choose_imports(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(self, self._("Import files…"), "",
                                                      "Clippings (*.txt *.md);;All files (*)")
        if files:
            self.load([Path(f) for f in files])

    # --- options and preview ------------------------------------------------------------------------
    def build_options(self) -> BuildOptions:
        return BuildOptions(template=self.template_box.currentData(), layout=self.layout_box.currentData(),
                            languages=self.lang_box.currentData())

    def schedule_preview(self, *_args) -> None:
        self._preview_timer.start()

    def refresh_preview(self) -> None:
        selected = self.selected_articles()
        options = self.build_options()
        briefing, template = make_briefing(selected, options)
        self.preview.setHtml(render_html(make_document(briefing, template, options), template))
        self.preview_updated.emit()

    # --- export ------------------------------------------------------------------------------------
    def suggested_name(self, suffix: str) -> str:
        selected = self.selected_articles()
        subject = selected[0].title if selected else "briefing"
        slug = re.sub(r"[^\w]+", "-", subject.lower()).strip("-")[:40] or "briefing"
        return f"{dt.date.today().isoformat()}-{slug}{suffix}"

    def choose_export(self, suffix: str) -> None:
        if not self.selected_articles():
            QMessageBox.information(self, "briefgen", self._("Select at least one article."))
            return
        title = self._("Export DOCX…" if suffix == ".docx" else "Export PDF…")
        path, _filter = QFileDialog.getSaveFileName(self, title,
                                                    self.suggested_name(suffix), f"*{suffix}")
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.export_to([Path(path)])

    def export_to(self, paths: list[Path]) -> Op:
        """Write the current briefing to ``paths`` on a worker, with a cancellable progress dialog."""
        articles, options = self.selected_articles(), self.build_options()

        def work(progress):
            briefing, template = make_briefing(articles, options)
            document = make_document(briefing, template, options)
            return write_outputs(document, template, paths, options, progress)

        dialog = QProgressDialog(self._("Exporting…"), self._("Cancel"), 0, len(paths), self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        op = run_op(work, on_success=self._exported, on_failure=self._export_error,
                    on_progress=lambda done, total, _m: dialog.setValue(done),
                    on_cancel=lambda: self.statusBar().showMessage(self._("Export cancelled"), 5000))
        dialog.canceled.connect(op.cancel)
        op.signals.finished.connect(dialog.reset)
        self._export_op = op
        return op

    def _exported(self, paths: list[Path]) -> None:
        self.statusBar().showMessage(self._("Saved {path}").format(path=", ".join(str(p) for p in paths)), 10000)
        self.export_finished.emit(paths)

    def _export_error(self, exc: BaseException) -> None:
        self.export_failed.emit(str(exc))
        self._show_error(exc, self._("Export failed"))

    def _show_error(self, exc: BaseException, title: str = "briefgen") -> None:
        self.statusBar().showMessage(str(exc), 10000)
        if self.isVisible():
            QMessageBox.warning(self, title, str(exc))

    def show_about(self) -> None:
        QMessageBox.about(self, self._("About briefgen"),
                          f"<b>briefgen {__version__}</b><br>Offline bilingual briefings from news clippings."
                          "<br><br>Fonts: Noto Sans and Noto Serif, SIL Open Font License 1.1.")
