"""The window walked through as its users would (issue 19): fit, safety, errors people can act on.

Each test drives the real window offscreen: wheel events, screens of laptop size (a subprocess with
Qt's offscreen screen configuration), imports of bad files, failing exports, both UI languages.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gui_helpers import open_window, settle

pytest.importorskip("pytestqt")
REPO = Path(__file__).resolve().parents[1]


def wheel(widget, steps: int = -1) -> None:
    """One notch of the mouse wheel over ``widget`` (negative: towards the user), as Qt delivers it."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def answer_modal(pick) -> list:
    """Answer the next modal message box with ``pick(box)`` (the button to click); returns what it showed."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():  # never a stale box of an earlier test
            QTimer.singleShot(20, poll)
            return
        seen.append((box.text(), [b.text() for b in box.buttons()]))
        pick(box).click()

    QTimer.singleShot(0, poll)
    return seen


# --- 1. scrolling does not edit the document ------------------------------------------------------------------
def test_the_wheel_over_an_unfocused_drop_down_or_number_box_changes_nothing(qtbot, user_dir):
    from PySide6.QtWidgets import QComboBox

    from briefgen.ui.dialogs import PreferencesDialog

    win = open_window(qtbot, sample=False)
    win.show()
    panel = win.options_panel
    boxes = panel.findChildren(QComboBox)
    assert {panel.page_box, panel.class_box, panel.template_box, panel.lang_box, panel.urgency_box} <= set(boxes)
    before = [box.currentIndex() for box in boxes]
    for box in boxes:
        wheel(box, -1)
        wheel(box, +1)
        wheel(box, -1)
    assert [box.currentIndex() for box in boxes] == before
    assert win.project.options.page_size == "A4" and not win.modified

    prefs = PreferencesDialog(win._, win.settings, win)  # a child of the window: goes with it
    prefs.show()
    value = prefs.autosave_spin.value()
    wheel(prefs.autosave_spin, +1)
    assert prefs.autosave_spin.value() == value
    prefs.close()

    # a field the user clicked or tabbed into does take the wheel, as everywhere else
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=20000)
    panel.page_box.setFocus()
    qtbot.waitUntil(panel.page_box.hasFocus, timeout=20000)
    wheel(panel.page_box, -1)
    assert panel.page_box.currentIndex() == 1 and win.project.options.page_size == panel.page_box.currentData()


def test_lowering_the_classification_asks_and_keep_leaves_it(qtbot, user_dir):
    win = open_window(qtbot, sample=False)
    win.interactive = True
    box = win.options_panel.class_box
    box.setCurrentIndex(box.findData("rahasia"))  # raising: no question
    assert win.project.options.classification == "rahasia"
    seen = answer_modal(lambda mb: next(b for b in mb.buttons() if b.text().startswith("&Keep")))
    box.setCurrentIndex(box.findData("biasa"))
    assert seen and "Secret" in seen[0][0] and "Unclassified" in seen[0][0]
    assert box.currentData() == "rahasia" and win.project.options.classification == "rahasia"
    seen = answer_modal(lambda mb: next(b for b in mb.buttons() if b.text() == "&Lower it"))
    box.setCurrentIndex(box.findData("terbatas"))
    assert seen and win.project.options.classification == "terbatas"
    win.interactive = False


# --- 2. the first window fits the screen -----------------------------------------------------------------------
def test_first_run_geometry_fits_the_available_area():
    from PySide6.QtCore import QRect, QSize

    from briefgen.ui.guards import first_run_geometry, fit_on_screen

    for available in (QRect(0, 0, 1366, 728), QRect(0, 0, 1280, 680), QRect(0, 40, 1366, 728)):
        rect = first_run_geometry(available, QSize(900, 430))
        assert available.contains(rect), (available, rect)
        assert rect == available  # a laptop screen: all of it, as maximised
    assert first_run_geometry(QRect(0, 0, 2560, 1400), QSize(900, 430)).size() == QSize(1360, 840)
    assert fit_on_screen(QRect(1500, 900, 1360, 840), QRect(0, 0, 1280, 680)) == QRect(0, 0, 1280, 680)
    assert fit_on_screen(QRect(-300, 100, 800, 500), QRect(0, 0, 1366, 728)) == QRect(0, 100, 800, 500)


GEOMETRY_SCRIPT = r"""
import json, os, sys
sys.path.insert(0, sys.argv[1])
from briefgen.settings import Settings
from briefgen.ui.app import create_window
from briefgen.ui.window_state import save_window_state

out = {}
for lang in ("en", "id"):
    app, win = create_window(ui_lang=lang, sample=False, settings=Settings(ui_lang=lang))
    win.show()
    app.processEvents()
    frame, avail = win.frameGeometry(), win.screen().availableGeometry()
    status = win.statusBar()
    summary = win.library.summary
    out[lang] = {"frame": frame.getRect(), "available": avail.getRect(),
                 "min": [win.minimumSizeHint().width(), win.minimumSizeHint().height()],
                 "status_visible": win.rect().contains(status.geometry()),
                 "summary_visible": win.rect().contains(summary.mapTo(win, summary.rect().bottomRight()))}
    win.setGeometry(200, 150, 1900, 1300)  # as remembered from a large monitor
    save_window_state(win)
    win.close()
    app2, again = create_window(ui_lang=lang, sample=False, settings=Settings(ui_lang=lang))
    out[lang]["restored"] = again.geometry().getRect()
    again.close()
    os.remove(os.path.join(os.environ["BRIEFGEN_USER_DIR"], "window.ini"))
print(json.dumps(out))
"""


@pytest.mark.parametrize("width,height", [(1366, 728), (1280, 680)])
def test_the_window_fits_a_laptop_screen_less_its_taskbar(tmp_path, width, height):
    """A real window on a screen of that size (Qt's offscreen screen configuration): it fits, the status bar
    and the "N of N articles included" line are inside it, and a geometry remembered from a larger monitor
    is pulled back onto this one."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    script = tmp_path / "geometry.py"
    script.write_text(GEOMETRY_SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", BRIEFGEN_USER_DIR=str(tmp_path / "u"))
    (tmp_path / "u").mkdir()
    done = subprocess.run([sys.executable, str(script), str(REPO)], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    for lang, seen in result.items():
        x, y, w, h = seen["frame"]
        assert seen["available"] == [0, 0, width, height]
        assert x >= 0 and y >= 0 and x + w <= width and y + h <= height, (lang, seen)
        assert seen["min"][0] <= width and seen["min"][1] <= height, (lang, seen)
        assert seen["status_visible"] and seen["summary_visible"], (lang, seen)
        rx, ry, rw, rh = seen["restored"]
        assert rw <= width and rh <= height and rx >= 0 and ry >= 0, (lang, seen)


# --- 3. the import report ---------------------------------------------------------------------------------------
def bad_folder(folder: Path, sample_paths) -> Path:
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 this is no PDF")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 200)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "again.txt").write_bytes(sample_paths[0].read_bytes())  # the same bytes as a sample
    (folder / "new.txt").write_text("JAKARTA - Menteri Luar Negeri Retno Marsudi bertemu mitranya di Jakarta pada "
                                    "Senin (6/11/2023) untuk membahas kerja sama maritim kedua negara.\n",
                                    encoding="utf-8")
    return folder


@pytest.mark.parametrize("ui_lang", ["en", "id"])
def test_import_report_lists_each_refused_file_with_its_reason(qtbot, user_dir, tmp_path, sample_paths, ui_lang):
    win = open_window(qtbot, ui_lang)
    folder = bad_folder(tmp_path / "in", sample_paths)
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load([folder])
    report = win.import_report()
    assert report.isVisible() and not report.isModal()
    rows = {name: (result, reason) for name, result, reason in report.rows()}
    _ = win._
    assert rows["empty.txt"] == (_("Refused"), f"{_('The file is empty.')}\n{_('Check that it was saved completely.')}")
    assert rows["scan.pdf"][0] == _("Refused") and rows["scan.pdf"][1].startswith(
        _("The file is damaged and cannot be opened."))
    assert rows["binary.txt"][1].startswith(
        _("The file is not text (it looks like a program, an image or another binary file)."))
    assert rows["photo.jpg"][0] == _("Skipped")
    assert rows["again.txt"] == (_("Skipped"), _("Already in the project (the same file): not added twice."))
    assert rows["new.txt"][0] == _("Added")
    assert win.library.count() == 6
    summary = report.summary.text()
    assert summary == win.statusBar().currentMessage()
    if ui_lang == "en":
        assert summary == ("1 article added · 3 files refused · 1 already in the project · 1 other file skipped")
    else:
        assert summary == ("1 artikel ditambahkan · 3 berkas ditolak · 1 sudah ada di proyek · 1 berkas lain dilewati")
        assert not any(w in summary + str(rows) for w in ("file", "files", "added", "Error", "NUL"))
    # what was just imported is selected and shown
    assert win.library.current_index() == 5 and win.articles[5].file.endswith("new.txt")


def test_import_report_for_dropped_files_and_paste(qtbot, user_dir, tmp_path, sample_paths):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent, QGuiApplication

    win = open_window(qtbot)
    empty = tmp_path / "nothing.md"
    empty.write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(empty)), QUrl.fromLocalFile(str(sample_paths[1]))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(win.articles_loaded, timeout=20000):
        win.library.tree.dropEvent(event)
    rows = {name: result for name, result, _reason in win.import_report().rows()}
    assert rows == {"nothing.md": "Refused", sample_paths[1].name: "Skipped"}
    assert win.statusBar().currentMessage() == "0 articles added · 1 file refused · 1 already in the project"
    QGuiApplication.clipboard().setText(sample_paths[2].read_text(encoding="utf-8") + "\n")
    with qtbot.waitSignal(win.articles_loaded, timeout=20000):
        win.paste()
    results = [result for _name, result, _reason in win.import_report().rows()]
    assert results == ["Added, unticked"]  # the pasted text is a near-duplicate of a sample: said so
    assert win.library.current_index() == 5


# --- 4/5. errors in plain words, advice by cause ------------------------------------------------------------------
def failing_write(kind: str, tmp_path: Path, monkeypatch) -> Path:
    """A target that fails the way ``kind`` says, on this machine, for real where the OS allows it."""
    import errno

    folder = tmp_path / kind
    folder.mkdir()
    target = folder / "brief.docx"
    real_replace, real_mkstemp = os.replace, __import__("tempfile").mkstemp
    if kind == "read-only-folder":
        if os.geteuid() == 0:
            def refuse(*a, **k):
                raise PermissionError(errno.EACCES, "Permission denied", str(folder))
            monkeypatch.setattr("tempfile.mkstemp", refuse)  # root ignores permissions: as a user would see it
        folder.chmod(0o555)
    elif kind == "locked":
        target.write_bytes(b"previous")

        def locked(src, dst):
            if Path(dst) == target:
                raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
            return real_replace(src, dst)
        monkeypatch.setattr(os, "replace", locked)
    elif kind == "disk-full":
        def full(*a, **k):
            fd, name = real_mkstemp(*a, **k)
            os.close(fd)
            os.unlink(name)
            raise OSError(errno.ENOSPC, "No space left on device")
        monkeypatch.setattr("tempfile.mkstemp", full)
    elif kind == "read-only-drive":
        def rofs(*a, **k):
            raise OSError(errno.EROFS, "Read-only file system")
        monkeypatch.setattr("tempfile.mkstemp", rofs)
    return target


@pytest.mark.parametrize("kind,advice", [
    ("read-only-folder", "Choose another folder, for example Documents."),
    ("locked", "Close it there and try again, or save under another name."),
    ("disk-full", "Free some space (empty the Recycle Bin), or save on another drive."),
    ("read-only-drive", "Save on another drive, for example in Documents."),
])
def test_export_errors_give_advice_chosen_by_cause(qtbot, user_dir, tmp_path, monkeypatch, kind, advice):
    win = open_window(qtbot, "id")
    target = failing_write(kind, tmp_path, monkeypatch)
    win.settings.last_export_dir = str(target.parent)
    offered = []
    monkeypatch.setattr(win.exporter, "ask_another_name", lambda *a: offered.append(a))
    win.interactive = True
    try:
        with qtbot.waitSignal(win.export_failed, timeout=30000) as blocker:
            win.export_to([target])
    finally:
        win.interactive = False
        target.parent.chmod(0o755)
        monkeypatch.undo()  # the window saves its settings when the test closes it
    message = blocker.args[0]
    assert win._(advice) in message and advice not in message  # Indonesian, and the fix for this cause
    assert "Error" not in message and "Errno" not in message and "Read-only file system" not in message
    assert offered and offered[0][0] == target and win._(advice) in offered[0][1]
    assert "Errno" in offered[0][2] or "Error" in offered[0][2]  # the technical account: behind Details
    if kind == "locked":
        assert win.settings.last_export_dir == str(target.parent)  # the folder is fine: the name is the problem
    else:  # the next Export dialog does not reopen where saving failed
        from briefgen.ui.export_controller import writable_folder

        assert win.settings.last_export_dir == ""
        assert writable_folder(win.settings.last_export_dir) != target.parent


def test_unreadable_project_is_explained_without_exception_names(qtbot, user_dir, tmp_path):
    win = open_window(qtbot, "id", sample=False)
    bad = tmp_path / "latin1.briefgen"
    bad.write_bytes("{\"version\": 1, \"title\": \"caf\xe9\"}".encode("latin-1"))
    failed = []
    win.projects._open_failed = lambda exc, path: failed.append(exc)
    win.projects.open(bad)
    qtbot.waitUntil(lambda: bool(failed), timeout=20000)
    from briefgen.ui.error_text import user_message

    message = user_message(failed[0], win._)
    assert message.text == "Berkas proyek rusak." and "salinan sebelumnya" in message.action
    assert "UnicodeDecodeError" not in message.text + message.action and "UnicodeDecodeError" in message.details


def test_every_kind_of_error_has_a_catalogue_entry():
    """Each code the core raises, and each error class of other layers, maps to a message and its fix."""
    import ast
    import importlib
    import re

    import briefgen
    from briefgen.errors import BriefgenError
    from briefgen.ui.error_text import CATALOGUE, CLASS_KINDS

    package = Path(briefgen.__file__).parent
    codes = set()
    for path in package.rglob("*.py"):
        codes |= set(re.findall(r'code="([a-z-]+)"', path.read_text(encoding="utf-8")))
        module = ".".join(("briefgen", *path.relative_to(package).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(importlib.import_module(module), node.name, None)
            if not (isinstance(cls, type) and issubclass(cls, BriefgenError)) or cls.__name__ in (
                    "BriefgenError", "ExportFailed"):  # these carry codes
                continue
            below = cls.__mro__[:cls.__mro__.index(BriefgenError)]
            assert any(c.__name__ in CLASS_KINDS for c in below), f"{module}.{node.name} has no catalogue entry"
    stages = {"cannot-create", "cannot-replace", "cannot-write"}  # classified by cause, not shown as such
    assert codes - stages <= set(CATALOGUE), codes - stages - set(CATALOGUE)
    assert all(v in CATALOGUE for v in CLASS_KINDS.values())


# --- 6. preview = export --------------------------------------------------------------------------------------
def test_preview_is_the_export_for_each_template_in_turn(qtbot, user_dir, tmp_path):
    """Switch templates in the window (there and back): the preview shows the very HTML an HTML export writes
    (one render path; only each untranslated mark is a link to the Review tab there), and its document equals
    a fresh one made from that HTML: no style of the previous template carried over."""
    import re

    from PySide6.QtGui import QTextDocument

    win = open_window(qtbot)
    names = list(win.options_panel.templates)
    assert len(names) >= 3
    linked = 0
    for name in names + names[::-1]:
        box = win.options_panel.template_box
        box.setCurrentIndex(box.findData(name))
        settle(qtbot, win)
        out = tmp_path / f"{name}.html"
        with qtbot.waitSignal(win.export_finished, timeout=60000):
            win.export_to([out])
        exported = out.read_text(encoding="utf-8")
        page = win.preview_pane.page
        linked += page.count('href="review:')
        unlinked = re.sub(r'<a class="marker" href="review:[^"]*">(.*?)</a>', r'<span class="marker">\1</span>', page)
        assert unlinked == exported, name
        view = win.preview.document()
        for html_text in (page, exported):
            fresh = QTextDocument()
            fresh.setDefaultFont(view.defaultFont())
            fresh.setDocumentMargin(view.documentMargin())
            fresh.setHtml(html_text)
            if html_text is page:
                assert view.toHtml() == fresh.toHtml(), name
            else:
                assert view.toPlainText() == fresh.toPlainText(), name
        assert view.defaultStyleSheet() == ""
    assert linked > 0  # the comparison did meet marks


def test_preview_opens_at_the_top_and_keeps_the_readers_place(qtbot, user_dir):
    """A fresh document per page must not leave the view at its end: the first preview shows the top, and an
    edit elsewhere keeps the place the reader scrolled to."""
    win = open_window(qtbot)
    win.resize(1366, 728)
    win.show()
    settle(qtbot, win)
    bar = win.preview.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    win.options_panel.number_edit.setText("B-1/XI/2023")
    settle(qtbot, win)
    assert bar.value() == place


# --- 7. Indonesian everywhere -------------------------------------------------------------------------------------
def english_msgids() -> set[str]:
    """Every English message of the catalogue whose Indonesian differs (so seeing it means a leak)."""
    from babel.messages.pofile import read_po

    from briefgen.resources import locale_dir

    catalog = read_po((locale_dir() / "id" / "LC_MESSAGES" / "briefgen.po").open("rb"))
    out = set()
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for msgid in ids:
            if msgid not in strings and len(msgid) > 2:
                out.add(msgid.replace("&", ""))
    return out


def shown_strings(root) -> list[tuple[str, str]]:
    """(where, text) for every label, button, tab, header, item, placeholder and tool tip under ``root``."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QTabWidget,
        QTreeWidget,
        QWidget,
    )

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        name = type(widget).__name__
        texts = [widget.toolTip(), widget.statusTip(), widget.whatsThis()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox) and not widget.property("endonyms"):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())] + [widget.tabToolTip(i)
                                                                           for i in range(widget.count())]
        if isinstance(widget, QTreeWidget):
            texts += [widget.headerItem().text(c) for c in range(widget.columnCount())]
        if isinstance(widget, QMenu):
            texts.append(widget.title())
        for action in widget.actions():
            texts += [action.text(), action.toolTip(), action.statusTip()]
        found += [(name, t) for t in texts if t]
    return found


def leaks(strings, english: set[str]) -> list[tuple[str, str]]:
    import re

    out = []
    for where, text in strings:
        plain = re.sub(r"\s*\((Ctrl|Alt|Shift|F\d)[^)]*\)$", "", text.replace("&", "")).strip()
        for piece in [plain, *re.split(r"\n+| · ", plain)]:
            if piece.strip() in english:
                out.append((where, piece))
    return out


def test_no_english_string_in_the_indonesian_window(qtbot, user_dir, tmp_path, sample_paths):
    """Every widget's text, tool tip and placeholder of the Indonesian window and its dialogs, checked against
    the catalogue's English; and the Article and Review tabs' generated text (reasons, roles, sections)."""
    from briefgen.ui.dialogs import AboutDialog, PreferencesDialog
    from briefgen.ui.names_dialog import NamesDialog

    english = english_msgids()
    assert {"Preview", "Import report", "byline or credit", "reporter"} <= english
    win = open_window(qtbot, "id")
    folder = bad_folder(tmp_path / "in", sample_paths)
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load([folder])
    strings = shown_strings(win) + shown_strings(win.import_report())
    for dialog in (PreferencesDialog(win._, win.settings, win), AboutDialog(win._, win)):
        qtbot.addWidget(dialog)
        strings += shown_strings(dialog)
    names = NamesDialog(win._, win.selected_articles(), win)
    qtbot.addWidget(names)
    qtbot.waitUntil(lambda: names.table.topLevelItemCount() > 0, timeout=20000)
    strings += shown_strings(names)
    assert len(strings) > 150
    assert not leaks(strings, english)
    # the Article tab of every article: removal reasons and roles in Indonesian
    for index in range(5):
        win.library.tree.setCurrentItem(win.library.tree.topLevelItem(index))
        text = win.article_view.toPlainText()
        assert "Baris yang dibuang" in text
        assert not [r for r in ("(byline or credit)", "(reporter)", "(author)", "(wire)", "(sign-off initials)")
                    if r in text], index
    assert "(wartawan)" in text or "(penulis)" in text or "(kantor berita)" in text or "(editor)" not in text
    settle(qtbot, win)
    sections = {win.review.table.item(r, 0).text() for r in range(win.review.table.rowCount())}
    assert sections and not sections & english, sections & english


def test_shipped_removal_reasons_and_roles_are_in_the_catalogue():
    import re

    from briefgen.i18n import gettext_for
    from briefgen.ui.article_view import ROLES

    _ = gettext_for("id")
    reasons = [line.split("reason:", 1)[1].strip() for line in
               (REPO / "assets" / "cleaning-rules.yaml").read_text(encoding="utf-8").splitlines() if "reason:" in line]
    reasons += re.findall(r'^[A-Z_]+ = "(.*)"$', (REPO / "briefgen" / "ingest" / "clean.py").read_text(), re.M)
    assert len(reasons) > 15
    assert not [r for r in reasons if _(r) == r]
    assert not [r for r in ROLES.values() if _(r) == r and r != "editor"]


def test_qt_file_dialog_speaks_indonesian_where_qt_draws_it(qapp):
    """Where no native dialog is used (Linux without a portal, or when Qt draws its own), Qt's file dialog
    says "Cari di" and "Nama berkas", not "Look in" and "File name", next to "Batal"."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    from briefgen.ui.app import install_qt_translations

    try:
        assert install_qt_translations(qapp, "id")
        dialog = QFileDialog(None, "Simpan", "", "*.docx")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"&Cari di:", "&Nama berkas:", "&Jenis berkas:"} <= labels, labels
        assert not labels & {"Look in:", "File name:", "Files of type:"}
        buttons = {b.text() for b in dialog.findChildren(__import__("PySide6.QtWidgets").QtWidgets.QPushButton)}
        assert "&Simpan" in buttons or "Simpan" in buttons, buttons
        assert "Batal" in buttons
    finally:
        install_qt_translations(qapp, "en")


# --- 8/9. menus, panels, dialogs ---------------------------------------------------------------------------------
@pytest.mark.parametrize("ui_lang", ["en", "id"])
def test_every_menu_has_unique_mnemonics(qtbot, user_dir, ui_lang, tmp_path):
    from briefgen.ui.actions import mnemonic

    win = open_window(qtbot, ui_lang, sample=False)
    for number in range(3):  # a recent-projects submenu too
        path = tmp_path / f"p{number}.briefgen"
        path.write_text("{}")
        win.settings.add_recent(path)
    win.projects.rebuild_recent_menu()

    def check(menu, where: str) -> int:
        letters = []
        for action in menu.actions():
            if action.isSeparator() or not action.text():
                continue
            letter = mnemonic(action.text())
            assert letter, f"{where} › {action.text()} has no Alt key"
            letters.append(letter)
            if action.menu() is not None:
                check(action.menu(), f"{where} › {action.text()}")
        assert len(letters) == len(set(letters)), f"{where}: {[a.text() for a in menu.actions()]}"
        return len(letters)

    assert check(win.menuBar(), "menu bar") >= 4
    counts = [check(action.menu(), action.text()) for action in win.menuBar().actions()]
    assert counts[0] >= 14  # the File menu


def test_unknown_names_starts_each_name_without_a_kind(qtbot, user_dir):
    from PySide6.QtCore import QTimer

    from briefgen.ui.names_dialog import NamesDialog

    win = open_window(qtbot)
    dialog = NamesDialog(win._, win.selected_articles(), win)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.topLevelItemCount() > 1, timeout=20000)
    assert dialog.kind_box.currentData() == ""
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("place"))
    assert dialog.en_edit.text() == dialog.id_edit.text()  # places are written the same: offered pre-filled
    dialog.table.setCurrentItem(dialog.table.topLevelItem(1))
    assert dialog.kind_box.currentData() == "" and dialog.en_edit.text() == ""
    dialog.en_edit.setText("Something")
    dialog.add()
    assert dialog.status.text() == "Choose what kind of name it is."
    QTimer.singleShot(0, dialog.reject)


def test_language_switch_keeps_tabs_filter_and_selection(qtbot, user_dir):
    from briefgen.settings import Settings
    from briefgen.ui.app import _switch_language, create_window

    # not registered with qtbot: the switch deletes this window, and pytest-qt would close it at teardown
    _app, win = create_window(ui_lang="en", sample=False, settings=Settings(ui_lang="en"))
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load([], sample=True)
    settle(qtbot, win)
    win.tabs.setCurrentWidget(win.review)
    win.right_tabs.setCurrentWidget(win.analyst)
    box = win.review.filter_box
    table = win.review.table
    for mode in ("missing", "needs-work", "all"):  # the first filter that shows rows (a memory may fill some)
        box.setCurrentIndex(box.findData(mode))
        if any(not table.isRowHidden(r) for r in range(table.rowCount())):
            break
    shown = box.currentText()
    win.library.tree.setCurrentItem(win.library.tree.topLevelItem(3))
    key = win.review.key_at(next(r for r in range(table.rowCount()) if not table.isRowHidden(r)))
    win.review.select_key(key)
    new = _switch_language(win, "id")
    qtbot.addWidget(new)
    assert new.tabs.currentWidget() is new.review and new.right_tabs.currentWidget() is new.analyst
    assert new.review.filter_box.currentData() == mode and new.review.filter_box.currentText() == new._(shown)
    assert new.review.filter_box.currentText() != shown
    assert new.library.current_index() == 3 and new.review.current_key() == key
    settle(qtbot, new)
    assert new.review.current_key() == key and new.review.filter_box.currentData() == mode


def test_unticked_rows_are_greyed_and_ticked_rows_are_not(qtbot, user_dir):
    from PySide6.QtCore import Qt

    from briefgen.ui.library import COL_TITLE, LEFT_OUT

    win = open_window(qtbot)
    item = win.library.tree.topLevelItem(1)
    normal = item.foreground(COL_TITLE).style()
    win.set_checked(1, False)
    assert item.foreground(COL_TITLE).color() == LEFT_OUT and item.font(COL_TITLE).italic()
    win.set_checked(1, True)
    assert item.foreground(COL_TITLE).style() == normal == Qt.BrushStyle.NoBrush and not item.font(COL_TITLE).italic()
    assert win.project.articles[1].included


def test_empty_library_says_how_to_add_clippings(qtbot, user_dir):
    win = open_window(qtbot, "id", sample=False)
    win.show()
    hint = win.library.tree.empty_hint
    assert hint.isVisible() and "Ctrl+I" in hint.text() and "Seret" in hint.text()
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load([], sample=True)
    assert not hint.isVisible()
    win.confirm_discard = lambda: True
    win.new_project()
    assert hint.isVisible()


def test_points_list_is_tall_enough_to_reorder(qtbot, user_dir):
    from PySide6.QtCore import QRect

    win = open_window(qtbot)
    win.place_on_screen(QRect(0, 0, 1366, 728))
    win._frame_fitted = True  # as above
    win.right_tabs.setCurrentWidget(win.analyst)
    win.show()
    qtbot.wait(50)
    points = win.analyst.points
    assert points.count() >= 8
    height = points.viewport().height()
    rects = [points.visualItemRect(points.item(i)) for i in range(points.count())]
    seen = [r for r in rects if r.top() >= 0 and r.bottom() < height]  # whole rows in view
    assert len(seen) >= 8, (len(seen), points.viewport().height())  # was one and a half
    assert points.item(0).toolTip() == f"<p>{html.escape(points.item(0).text())}</p>"  # all of it, one hover away


@pytest.mark.parametrize("ui_lang", ["en", "id"])
def test_placeholders_and_library_titles_fit_at_1366(qtbot, user_dir, ui_lang):
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

    from briefgen.ui.library import COL_TITLE

    win = open_window(qtbot, ui_lang)
    win.place_on_screen(QRect(0, 0, 1366, 728))  # a first run on a 1366×768 laptop with its taskbar
    win._frame_fitted = True  # the offscreen test screen is 800×600; the real fit is tested in a subprocess
    win.show()
    qtbot.wait(50)
    assert win.width() <= 1366 and win.height() <= 728
    for edit in win.options_panel.findChildren(QLineEdit) + win.analyst.findChildren(QLineEdit):
        text = edit.placeholderText()
        if text:
            room = edit.contentsRect().width() - 8  # the frame's text margins
            assert edit.fontMetrics().horizontalAdvance(text) <= room, (text, room)
    for edit in win.options_panel.findChildren(QPlainTextEdit):
        text = edit.placeholderText()
        if text:
            area = edit.viewport().rect().adjusted(4, 4, -4, -4)
            needed = edit.fontMetrics().boundingRect(QRect(0, 0, area.width(), 10_000), Qt.TextFlag.TextWordWrap,
                                                     text)
            assert needed.height() <= area.height(), (text, needed, area)
    title = win.library.tree.columnWidth(COL_TITLE)
    # ~12 characters before; the Review tab's editor now claims 600 px of the centre, so about 22 are left
    assert title >= win.library.tree.fontMetrics().horizontalAdvance("x" * 22), title


def test_save_dialogs_start_in_the_last_used_folder(qtbot, user_dir, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    win = open_window(qtbot)
    projects = tmp_path / "projects"
    projects.mkdir()
    with qtbot.waitSignal(win.projects.saved, timeout=20000):
        win.projects.save_to(projects / "first.briefgen")
    starts = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: starts.append(a[2]) or ("", "")))
    win.projects.path = None  # a new project: Save asks where
    win.projects.save()
    assert Path(starts[-1]).parent == projects
    exports = tmp_path / "exports"
    exports.mkdir()
    win.settings.last_export_dir = str(exports)
    win.exporter.untranslated_box = lambda: None  # the "N segments untranslated" question comes first
    win.exporter.choose("pdf")
    assert Path(starts[-1]).parent == exports
