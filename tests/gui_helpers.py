"""Shared pieces of the window tests: a loaded window, and waiting for the preview to settle."""

from __future__ import annotations


def open_window(qtbot, ui_lang: str = "en", sample: bool = True):
    from briefgen.settings import Settings
    from briefgen.ui.app import create_window

    _app, win = create_window(ui_lang=ui_lang, sample=False, settings=Settings(ui_lang=ui_lang))
    qtbot.addWidget(win)
    if sample:
        with qtbot.waitSignal(win.articles_loaded, timeout=30000):
            win.load([], sample=True)
        settle(qtbot, win)
    return win


def settle(qtbot, win, timeout: int = 10000) -> None:
    """Run any pending preview now and wait until the latest state is shown."""
    win._preview_timer.stop()
    with qtbot.waitSignal(win.preview_updated, timeout=timeout):
        win.refresh_preview()
    win.review.fill_now()  # the Review table fills lazily when its tab is shown
