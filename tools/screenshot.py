"""Screenshots of the main views (offscreen), for the README and for looking at the window as a user would.

    uv run python tools/screenshot.py                      # docs/screenshots/main-window.png
    uv run python tools/screenshot.py --all /tmp/shots     # every view, English and Indonesian
    uv run python tools/screenshot.py --icon               # assets/icons/*.png from the QPainter drawing
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SIZE = (1366, 728)  # a 1366×768 laptop screen less a 40 px taskbar: the window maximised there


def _wait(signal, ms: int = 60000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def place(window) -> None:
    """The window as a first run puts it on a 1366×768 laptop screen less its taskbar (whatever screen this
    offscreen process has)."""
    from PySide6.QtCore import QRect

    window.place_on_screen(QRect(0, 0, *SIZE), remembered=False)
    window._frame_fitted = True  # the offscreen screen may be smaller: keep the laptop's geometry


def loaded_window(ui_lang: str = "en"):
    from briefgen.settings import Settings
    from briefgen.ui.app import create_window

    app, window = create_window(ui_lang=ui_lang, sample=False, settings=Settings(ui_lang=ui_lang))
    window.load([], sample=True)
    _wait(window.articles_loaded)
    window._preview_timer.stop()
    window.refresh_preview()
    _wait(window.preview_updated)
    place(window)
    window.show()
    window.library.tree.setCurrentItem(window.library.tree.topLevelItem(0))
    app.processEvents()
    return app, window


VIEWS = ("preview", "article", "review", "preferences", "about", "import", "names", "error", "empty")


def capture_views(out_dir: Path, ui_lang: str = "en") -> list[Path]:
    """Every view as PNG files: Preview, Article, Review (with the Analyst panel), Preferences, About,
    the import report, Unknown names, an error message and the empty library."""
    import tempfile

    from PySide6.QtWidgets import QApplication

    from briefgen.errors import ExportFailed
    from briefgen.ui.dialogs import AboutDialog, PreferencesDialog
    from briefgen.ui.error_text import user_message

    app, window = loaded_window(ui_lang)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []

    def shot(widget, name: str) -> None:
        QApplication.processEvents()
        path = out_dir / f"{name}-{ui_lang}.png"
        widget.grab().save(str(path))
        written.append(path)

    shot(window, "preview")
    window.tabs.setCurrentWidget(window.article_view)
    shot(window, "article")
    window.tabs.setCurrentWidget(window.review)
    window.right_tabs.setCurrentWidget(window.analyst)
    window.review.table.setCurrentCell(0, 3)
    shot(window, "review")
    prefs = PreferencesDialog(window._, window.settings, window)
    prefs.show()
    shot(prefs, "preferences")
    prefs.close()
    about = AboutDialog(window._, window)
    about.show()
    shot(about, "about")
    about.close()

    with tempfile.TemporaryDirectory() as folder:  # an import with a refused file, a duplicate, a stray file
        samples = Path(folder)
        (samples / "scan.pdf").write_bytes(b"%PDF-1.4 not really")
        (samples / "empty.txt").write_bytes(b"")
        (samples / "photo.jpg").write_bytes(b"\xff\xd8\xff")
        first = window.project.articles[0].raw
        (samples / "again.txt").write_text(first.text, encoding="utf-8")
        window.load([samples])
        _wait(window.articles_loaded)
        report = window.import_report()
        shot(report, "import")
        report.close()
    from briefgen.ui.names_dialog import NamesDialog

    names = NamesDialog(window._, window.selected_articles(), window)
    names.show()
    _wait_until(lambda: names.table.topLevelItemCount() > 0)
    shot(names, "names")
    names.close()
    error = PermissionError(13, "Permission denied")
    try:
        raise ExportFailed("cannot write", "/media/usb/brief.docx", code="cannot-create") from error
    except ExportFailed as exc:
        message = user_message(exc, window._)
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, window._("Export failed"), message.text, parent=window)
    box.setInformativeText("\n\n".join((message.path, message.action)))
    box.setDetailedText(message.details)
    box.setModal(False)  # shown for the picture only: never left as the application's modal widget
    box.show()
    shot(box, "error")
    box.close()
    box.deleteLater()
    window.interactive = False
    window.close()
    _app, empty = create_window_only(ui_lang)
    place(empty)
    empty.show()
    shot(empty, "empty")
    empty.close()
    return written


def _wait_until(condition, ms: int = 30000) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + ms / 1000
    while not condition() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def create_window_only(ui_lang: str):
    from briefgen.settings import Settings
    from briefgen.ui.app import create_window

    return create_window(ui_lang=ui_lang, sample=False, settings=Settings(ui_lang=ui_lang))


def main_window_png(out: Path) -> Path:
    app, window = loaded_window(os.environ.get("BRIEFGEN_UI_LANG", "en"))
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    return out


def main(argv: list[str]) -> None:
    if argv[:1] == ["--icon"]:
        from PySide6.QtGui import QGuiApplication

        from briefgen.render.pdf import register_fonts
        from briefgen.resources import asset
        from briefgen.ui.icon import write_icon_pngs

        _app = QGuiApplication.instance() or QGuiApplication([])
        register_fonts()
        for path in write_icon_pngs(asset("icons")):
            print(f"wrote {path}")
    elif argv[:1] == ["--all"]:
        out = Path(argv[1]) if len(argv) > 1 else Path("screenshots")
        for lang in ("en", "id"):
            for path in capture_views(out, lang):
                print(f"wrote {path}")
    else:
        print(f"wrote {main_window_png(Path(argv[0]) if argv else Path('docs/screenshots/main-window.png'))}")


if __name__ == "__main__":
    import tempfile

    # a fresh user folder: no remembered window geometry, no autosave from the user's own sessions
    os.environ.setdefault("BRIEFGEN_USER_DIR", tempfile.mkdtemp(prefix="briefgen-shots-"))
    main(sys.argv[1:])
