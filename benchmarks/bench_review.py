"""Review tab speed with a large translation memory: moving to the next segment and showing its suggestions.

    uv run python benchmarks/bench_review.py [--segments 100000]

A memory of N people's translations (distinct Indonesian sentences built from the samples' words, as
bench_translate.py does) is put in a private user folder; the window's Review tab is opened on the five
sample clippings (copies, so their English is missing) offscreen. Figures printed:

* how long the look-ahead takes in the background (the memory's index loaded once on a thread, then
  every segment searched in slices of about 12 ms);
* Alt+Down through every segment and back: the time from the key to the segment, its glossary terms and
  its memory suggestions shown (target: under 50 ms each);
* Ctrl+Enter on a segment then the next one shown (accepting stores into the memory, which changes its
  index), reported apart.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=100_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="briefgen-bench-review-"))
    os.environ["BRIEFGEN_USER_DIR"] = str(tmp / "user")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        run(tmp, args.segments)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp: Path, count: int) -> None:
    from bench_translate import _sentences
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from briefgen.resources import sample_files
    from briefgen.settings import Settings
    from briefgen.translate.memory import TranslationMemory
    from briefgen.ui.app import create_window

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    with TranslationMemory() as memory:
        memory.store_many(((s, f"EN {s}") for s in _sentences(count)), "id", "en")
        stored = memory.count(include_machine=False)
    print(f"review: memory of {stored} people's translations built in {time.perf_counter() - start:.1f} s")
    clips = tmp / "clips"
    clips.mkdir()
    for path in sample_files():
        (clips / path.name).write_bytes(path.read_bytes() + b"\n")
    # near matches for the briefing's own segments (a word changed), so suggestions with a diff are shown
    from briefgen.pipeline import BuildOptions, load_articles, make_briefing
    from briefgen.translate.worklist import work_segments

    briefing = make_briefing(load_articles(sorted(clips.iterdir())).articles, BuildOptions())[0]
    near = []
    for seg in work_segments(briefing):
        words = seg.text.id.split()
        if len(words) > 6:
            words[len(words) // 2] = "berbeda"
            near.append((" ".join(words), f"EN {' '.join(words)}"))
    with TranslationMemory() as memory:
        memory.store_many(near, "id", "en")

    from tools.screenshot import _wait

    _app, win = create_window(ui_lang="en", sample=False, settings=Settings(ui_lang="en"))
    win.load(sorted(clips.iterdir()))
    _wait(win.articles_loaded)
    win._preview_timer.stop()
    win.refresh_preview()
    _wait(win.preview_updated)
    win.resize(1366, 768)
    win.show()
    win.tabs.setCurrentWidget(win.review)
    app.processEvents()
    review = win.review
    rows = review.table.rowCount()
    target = review.editor.target

    def press(key, mods) -> float:  # noqa: ANN001
        t0 = time.perf_counter()
        app.sendEvent(target, QKeyEvent(QKeyEvent.Type.KeyPress, key, mods))
        return (time.perf_counter() - t0) * 1000

    t0 = last = time.perf_counter()
    gaps = []
    while review.cache.busy:  # the memory's index loads on a thread, then the segments are searched ahead
        app.processEvents()
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    print(f"review: memory index loaded and all {rows} segments searched ahead in "
          f"{time.perf_counter() - t0:.1f} s in the background; the event loop answered every "
          f"{statistics.median(gaps) * 1000:.1f} ms (median), longest wait {max(gaps) * 1000:.0f} ms")
    review.select_key(review.key_at(0))
    times, visited, shown = [], set(), []
    for _lap in range(3):
        for _n in range(rows - 1):
            times.append(press(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier))
            visited.add(review.current_key())
            shown.append(review.suggestions.count())
        for _n in range(rows - 1):
            times.append(press(Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier))
            visited.add(review.current_key())
    times.sort()
    print(f"review: Alt+Down/Up to the next segment with its terms and memory suggestions, {len(times)} moves "
          f"over {rows} segments: median {statistics.median(times):.1f} ms, 95th {times[int(len(times) * .95)]:.1f} "
          f"ms, max {times[-1]:.1f} ms (target < 50 ms); {len(visited)} segments visited, "
          f"{sum(1 for n in shown if n)} of {len(shown)} moves showed memory suggestions")
    accepts = []
    for _n in range(min(5, rows)):
        seg = review.current_segment()
        if seg is None:
            break
        target.setPlainText(f"EN {seg.text.id}")
        review._confirm = (seg.key, review.editor.text)  # warnings already seen: measure the accept itself
        accepts.append(press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier))
    print(f"review: Ctrl+Enter (store in the memory) and the next segment shown, {len(accepts)} accepts: "
          f"median {statistics.median(accepts):.1f} ms, max {max(accepts):.1f} ms")
    win.interactive = False
    win.close()


if __name__ == "__main__":
    main()
