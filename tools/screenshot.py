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

SIZE = (1360, 840)


def _wait(signal, ms: int = 60000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def loaded_window(ui_lang: str = "en"):
    from briefgen.settings import Settings
    from briefgen.ui.app import create_window

    app, window = create_window(ui_lang=ui_lang, sample=False, settings=Settings(ui_lang=ui_lang))
    window.load([], sample=True)
    _wait(window.articles_loaded)
    window._preview_timer.stop()
    window.refresh_preview()
    _wait(window.preview_updated)
    window.resize(*SIZE)
    window.show()
    window.library.tree.setCurrentItem(window.library.tree.topLevelItem(0))
    app.processEvents()
    return app, window


def capture_views(out_dir: Path, ui_lang: str = "en") -> list[Path]:
    """Preview, Article, Review (with the Analyst panel), Preferences and About, as PNG files."""
    from PySide6.QtWidgets import QApplication

    from briefgen.ui.dialogs import AboutDialog, PreferencesDialog

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
    window.interactive = False
    window.close()
    return written


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
    main(sys.argv[1:])
