"""Start the window: one QApplication, fonts, icon, UI language, settings, crash recovery.

The UI language is the one chosen in Preferences, or on first run the system's (Indonesian when
the locale says so, English otherwise), then remembered. Qt's own strings (standard buttons, file
dialogs) are translated with the ``qtbase_<lang>`` catalogue when Qt ships one; PySide6's wheel has
none for Indonesian today, so those dialogs fall back to English there (our own labels are ours).
"""

from __future__ import annotations

import locale
import os
import sys

from briefgen.resources import locale_dir
from briefgen.settings import Settings, load_settings, save_settings

NO_DISPLAY = ("briefgen: no display to open the window on; "
              "build headless instead: briefgen build --sample -o briefing.docx")

# Set (to anything) to quit as soon as the first preview is shown: how packaging/smoke.py times the frozen
# window's cold start. Nothing else reads it.
QUIT_WHEN_READY = "BRIEFGEN_QUIT_WHEN_READY"
_translators: list = []  # kept alive for the application's lifetime


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def system_ui_lang() -> str:
    lang = (locale.getlocale()[0] or os.environ.get("LC_ALL") or os.environ.get("LANG") or "").lower()
    return "id" if lang.startswith(("id", "in_", "indonesian")) else "en"


def install_qt_translations(app, lang: str) -> bool:
    """Load Qt's own catalogue for ``lang`` (dialog buttons, text context menus); True when one was loaded.

    Qt's official ``qtbase_<lang>.qm`` when Qt ships one, else briefgen's (``locale/<lang>/qt``): Qt has
    none for Indonesian, and without it "Save / Discard / Cancel" stayed English in an Indonesian window.
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Indonesian if lang == "id" else QLocale.Language.English,
                               QLocale.Country.Indonesia if lang == "id" else QLocale.Country.UnitedKingdom))
    if lang == "en":
        return False
    def install(name: str, folder: str) -> bool:
        translator = QTranslator(app)
        if not translator.load(name, folder):
            return False
        app.installTranslator(translator)
        _translators.append(translator)
        return True

    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_has_qtbase = install(f"qtbase_{lang}", qt_folder)
    install(f"qt_{lang}", qt_folder)
    if not qt_has_qtbase:  # Qt's own is complete; ours only stands in
        install(f"qtbase_{lang}", str(locale_dir() / lang / "qt"))
    return bool(_translators)


def create_window(ui_lang: str | None = None, sample: bool = True, settings: Settings | None = None):
    """The application and a main window (not shown). ``sample`` loads the five sample clippings."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from briefgen.render.pdf import register_fonts
    from briefgen.ui.icon import app_icon
    from briefgen.ui.main_window import MainWindow

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("briefgen")
    app.setOrganizationName("briefgen")
    app.setWindowIcon(app_icon())
    register_fonts()
    settings = settings or load_settings()
    if not settings.ui_lang:  # first run: follow the system, then remember
        settings.ui_lang = system_ui_lang()
    lang = ui_lang or settings.ui_lang
    install_qt_translations(app, lang)
    window = MainWindow(lang, settings)
    window.ui_lang_change_requested.connect(lambda new: _switch_language(window, new))
    if sample:
        window.load([], sample=True)
    return app, window


def _switch_language(window, lang: str):
    """Rebuild the window in another UI language, keeping the project, its file and the session."""
    from PySide6.QtWidgets import QApplication

    from briefgen.ui.main_window import MainWindow

    app = QApplication.instance()
    install_qt_translations(app, lang)
    window.sync_project()
    successor = MainWindow(lang, window.settings, autosave=window.projects.autosave)
    successor.interactive = window.interactive
    successor.projects.path = window.projects.path
    successor.set_project(window.project, window.articles)
    successor.set_modified(window.modified)
    successor.setGeometry(window.geometry())
    successor.splitter.restoreState(window.splitter.saveState())
    if window.last_briefing is not None and window.full_briefing is not None:  # shown at once, refreshed later
        successor.review.set_briefing(window.last_briefing)
        successor.show_points(window.full_briefing)
    successor.restore_view_state(window.view_state())
    successor.ui_lang_change_requested.connect(lambda new: _switch_language(successor, new))
    successor.projects.timer.start()
    window.handing_over = True
    window.projects.timer.stop()
    window.close()
    window.deleteLater()
    successor.show()
    app.setProperty("briefgen_window", successor)
    return successor


def run(paths: list[str] | None = None) -> int:
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from pathlib import Path

    from PySide6.QtCore import QThreadPool, QTimer

    settings = load_settings()
    first_run = not settings.ui_lang
    app, window = create_window(sample=False, settings=settings)
    if first_run:
        save_settings(settings)
    window.interactive = True
    app.setProperty("briefgen_window", window)
    window.show()
    projects = [Path(p) for p in (paths or []) if p.endswith(".briefgen")]
    clippings = [Path(p) for p in (paths or []) if not p.endswith(".briefgen")]

    def start() -> None:
        recovering = window.projects.offer_recovery(ask=True)
        window.projects.start()
        if recovering is None:
            if projects:
                window.projects.open(projects[0])
            elif clippings:
                window.load(clippings)
            elif settings.load_samples_on_start:
                window.load([], sample=True, modifies=False)

    QTimer.singleShot(0, start)
    if os.environ.get(QUIT_WHEN_READY):  # the smoke build and benchmarks time a real start, then leave
        window.preview_updated.connect(lambda: QTimer.singleShot(0, app.quit))
    status = app.exec()
    # an export or autosave still running finishes before the process ends: nothing half-written is left
    QThreadPool.globalInstance().waitForDone(30_000)
    return status
