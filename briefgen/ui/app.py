"""Start the window: one QApplication, the bundled fonts, the sample corpus loaded."""

from __future__ import annotations

import locale
import os
import sys

NO_DISPLAY = ("briefgen: no display to open the window on; "
              "build headless instead: briefgen build --sample -o briefing.docx")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def system_ui_lang() -> str:
    lang = (locale.getlocale()[0] or os.environ.get("LANG") or "").lower()
    return "id" if lang.startswith(("id", "in_")) else "en"


def create_window(ui_lang: str | None = None, sample: bool = True):
    from PySide6.QtWidgets import QApplication

    from briefgen.render.pdf import register_fonts
    from briefgen.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("briefgen")
    app.setOrganizationName("briefgen")
    register_fonts()
    window = MainWindow(ui_lang or system_ui_lang())
    if sample:
        window.load([], sample=True)
    return app, window


def run() -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    app, window = create_window()
    window.show()
    return app.exec()
