"""The whole flow a user goes through, offscreen: import, choose, edit, export both formats, save, reopen.

Also: a locked output file offers another name and leaves nothing half-written; a window killed
mid-session leaves an autosave that the next start recovers.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gui_helpers import open_window, settle
from tests.helpers import docx_text, pdf_text

pytest.importorskip("pytestqt")
EDIT = "Blinken landed in Seoul late on Wednesday."


def widget_state(win) -> dict:
    """What the user sees in the panels, to compare two windows."""
    lib = win.library
    return {
        "rows": [[lib.tree.topLevelItem(i).text(c) for c in range(4)] + [lib.is_checked(i)]
                 for i in range(lib.count())],
        "options": win.options_panel.options(),
        "assessment": win.analyst.texts("assessment"),
        "points": [(k, k in win.analyst.dropped()) for k in win.analyst.point_keys()],
        "review": [[win.review.table.item(r, c).text() for c in range(4)] for r in range(win.review.table.rowCount())],
        "preview": win.preview.toPlainText(),
    }


def test_import_choose_edit_export_save_reopen(qtbot, user_dir, tmp_path: Path):
    win = open_window(qtbot)
    dropped = win.articles[1]
    win.set_checked(1, False)
    templates = list(win.options_panel.templates)
    if len(templates) > 1:
        win.template_box.setCurrentIndex(1)
    win.layout_box.setCurrentIndex(win.layout_box.findData("sequential"))
    win.options_panel.number_edit.setText("B-77/PL/XI/2023")
    win.analyst.edits[("assessment", "en")].setPlainText("The visit signals closer alignment.")
    settle(qtbot, win)
    review = win.review
    row = next(r for r in range(review.table.rowCount())  # a point (memo fields go to the memo panel)
               if review.table.item(r, 3).text() == "sample translation" and not review.key_at(r).startswith("header:"))
    key = review.key_at(row)
    review.edit_text(key, "en", EDIT)  # the user's own English replaces the translation supplied with the samples
    settle(qtbot, win)
    assert EDIT in win.preview.toPlainText()

    out_docx, out_pdf = tmp_path / "brief.docx", tmp_path / "brief.pdf"
    with qtbot.waitSignal(win.export_finished, timeout=60000) as blocker:
        win.export_to([out_docx, out_pdf])
    assert blocker.args[0] == [out_docx, out_pdf]
    assert win.exporter.open_button.isVisibleTo(win) and win.exporter.folder_button.isVisibleTo(win)
    text, pdf = docx_text(out_docx), pdf_text(out_pdf)
    assert EDIT in text and EDIT.split(" late")[0] in pdf
    assert "B-77/PL/XI/2023" in text and "The visit signals closer alignment." in text
    assert dropped.sha256[:12] not in text  # the unticked article is not among the sources

    project_file = tmp_path / "brief.briefgen"
    with qtbot.waitSignal(win.projects.saved, timeout=20000):
        win.projects.save_to(project_file)
    assert not win.modified and str(project_file.resolve()) == win.settings.recent_projects[0]
    before, saved = widget_state(win), win.project.to_dict()

    other = open_window(qtbot, sample=False)
    with qtbot.waitSignal(other.projects.opened, timeout=30000):
        other.projects.open(project_file)
    settle(qtbot, other)
    assert other.project.to_dict() == saved
    assert widget_state(other) == before
    assert [a.sha256 for a in other.articles] == [a.sha256 for a in win.articles]
    assert other.windowTitle().startswith("brief.briefgen")


def test_locked_output_offers_another_name_and_leaves_nothing_behind(qtbot, user_dir, tmp_path, monkeypatch):
    win = open_window(qtbot)
    win.interactive = True  # the failure path asks the user; the question itself is replaced below
    out = tmp_path / "out"
    out.mkdir()
    target = out / "brief.docx"
    target.write_bytes(b"the previous export")
    real_replace = os.replace

    def locked(src, dst):
        if Path(dst) == target:
            raise PermissionError(13, "The process cannot access the file because it is being used", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", locked)
    offered = []

    def another_name(failed: Path, message: str, details: str = "", same_folder: bool = True) -> Path:
        offered.append((failed, message, same_folder))
        return failed.with_name("brief (2).docx")

    monkeypatch.setattr(win.exporter, "ask_another_name", another_name)
    with qtbot.waitSignal(win.export_finished, timeout=60000) as blocker:
        win.export_to([target])
    win.interactive = False  # no "discard changes?" question when the test closes the window
    assert offered and offered[0][0] == target and "open in another program" in offered[0][1]
    assert "Close it there" in offered[0][1] and offered[0][2]  # the advice fits a locked file: same folder
    assert blocker.args[0] == [out / "brief (2).docx"]
    assert target.read_bytes() == b"the previous export"  # untouched, not half-written
    assert sorted(p.name for p in out.iterdir()) == ["brief (2).docx", "brief.docx"]  # no .part left


CRASHING_SESSION = """
import os, signal, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEventLoop, QTimer
from briefgen.settings import Settings
from briefgen.ui.app import create_window

app, win = create_window(ui_lang="en", sample=False, settings=Settings(ui_lang="en"))
win.projects.start()

def wait(signal_):
    loop = QEventLoop()
    signal_.connect(loop.quit)
    QTimer.singleShot(30000, loop.quit)
    loop.exec()

win.load([], sample=True)
wait(win.articles_loaded)
win.set_checked(2, False)
win.options_panel.subject_edit.setText("Typed just before the crash")
win.projects.autosave_now()
wait(win.projects.autosaved)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_window_is_recovered_at_next_start(qtbot, user_dir):
    result = subprocess.run([sys.executable, "-c", CRASHING_SESSION], env=os.environ.copy(), timeout=120,
                            capture_output=True, text=True)
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    win = open_window(qtbot, sample=False)
    assert win.projects.autosave.pending_recovery() is not None
    with qtbot.waitSignal(win.projects.opened, timeout=30000):
        win.projects.offer_recovery(ask=False)
    settle(qtbot, win)
    assert win.library.count() == 5 and not win.library.is_checked(2)
    assert win.options_panel.subject_edit.text() == "Typed just before the crash"
    assert "Typed just before the crash" in win.preview.toPlainText()
    assert win.modified  # recovered work still has to be saved somewhere the user chooses
    win.projects.start()
    win.projects.finish()  # a clean exit
    assert win.projects.autosave.pending_recovery() is None


def test_autosave_only_when_modified(qtbot, user_dir):
    win = open_window(qtbot)
    win.set_modified(False)
    assert win.projects.autosave_now() is None
    win.set_checked(0, False)
    with qtbot.waitSignal(win.projects.autosaved, timeout=20000) as blocker:
        win.projects.autosave_now()
    assert Path(blocker.args[0]).parent == user_dir / "autosave"
    assert win.projects.timer.interval() == 60000


def test_closing_with_unsaved_changes_offers_to_save(qtbot, user_dir, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    win = open_window(qtbot)
    win.interactive = True
    win.set_checked(0, False)
    asked = []

    def answer_save() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer_save)
            return
        asked.append(sorted(b.text() for b in box.buttons()))
        next(b for b in box.buttons() if b.text() == "&Save").click()

    QTimer.singleShot(0, answer_save)
    target = tmp_path / "closing"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert win.close()
    assert asked == [sorted(["&Save", "&Discard", "Cancel"])]  # every answer has its own Alt key but Cancel (Esc)
    saved = tmp_path / "closing.briefgen"
    from briefgen.project import load_project

    assert load_project(saved).articles[0].included is False
    assert not win.projects.autosave.file.exists()  # a clean exit leaves nothing to recover
