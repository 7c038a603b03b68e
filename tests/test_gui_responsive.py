"""While 500 clippings import (and the preview of all of them is built), the event loop keeps answering.

A 5 ms timer records when the GUI thread gets to run; the longest gap between two ticks is the
longest stall a user would feel. The work itself runs on QThreadPool workers; the GUI thread only
fills the list and shows the result.
"""

from __future__ import annotations

import time

import pytest

from tests.gui_helpers import open_window

pytest.importorskip("pytestqt")
STALL_LIMIT_S = 0.100


@pytest.fixture(scope="module")
def corpus_500(tmp_path_factory):
    from benchmarks.corpus_gen import write_corpus

    folder = tmp_path_factory.mktemp("corpus500")
    write_corpus(folder, 500)
    return folder


@pytest.mark.slow  # ~20 s: run with -m slow
def test_event_loop_answers_while_500_clippings_import(qtbot, user_dir, corpus_500):
    from PySide6.QtCore import QTimer

    win = open_window(qtbot)  # as at a real start: the samples are in, the import code is warm
    win.show()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.wait(50)
    with qtbot.waitSignal(win.articles_loaded, timeout=180000):
        win.load([corpus_500])
    with qtbot.waitSignal(win.preview_updated, timeout=180000):
        pass
    qtbot.wait(50)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    longest = max(gaps)
    print(f"500 clippings: {len(ticks)} ticks over {ticks[-1] - ticks[0]:.1f} s, longest stall {longest * 1000:.0f} ms")
    assert win.library.count() == 505
    assert len(ticks) > 20
    assert longest < STALL_LIMIT_S, f"the window froze for {longest * 1000:.0f} ms"
