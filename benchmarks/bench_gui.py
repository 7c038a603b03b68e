"""Window speed, offscreen: cold start to an interactive window with the samples, and preview refresh.

    uv run python benchmarks/bench_gui.py [--what-if]

* cold start: a fresh interpreter is started; the clock runs from launching it until the window
  is shown with the five samples listed and their preview built (target < 1.5 s);
* preview refresh: untick / tick an article and time until the new preview is shown, debounce
  included (target < 200 ms); the median and worst of 10 toggles are printed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHILD = """
import os, sys, time
t0 = time.perf_counter()
from PySide6.QtCore import QEventLoop, QTimer
from briefgen.settings import Settings
from briefgen.ui.app import create_window
t_import = time.perf_counter()
app, window = create_window(ui_lang="en", sample=False, settings=Settings(ui_lang="en"))
window.show()
t_window = time.perf_counter()
loop = QEventLoop()
window.preview_updated.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
window.load([], sample=True)
loop.exec()
t_ready = time.perf_counter()
assert window.library.count() == 5 and window.preview.toPlainText().strip()
print(f"{t_import - t0:.3f} {t_window - t0:.3f} {t_ready - t0:.3f}")
"""


def cold_start(runs: int = 3) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFGEN_USER_DIR": tempfile.mkdtemp(prefix="bench-gui-")}
    totals = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, cwd=REPO,
                             check=True).stdout.split()
        total = time.perf_counter() - start
        totals.append(total)
        imports, window, ready = (float(x) for x in out[-3:])
        print(f"cold start: {total:.2f} s to a window with the samples and their preview "
              f"(imports {imports:.2f} s, window shown {window:.2f} s, samples + preview {ready:.2f} s in-process)")
    print(f"cold start best of {runs}: {min(totals):.2f} s (target < 1.5 s)")


def preview_refresh(toggles: int = 10) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("BRIEFGEN_USER_DIR", tempfile.mkdtemp(prefix="bench-gui-"))
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QEventLoop, QTimer

    from briefgen.ui.main_window import PREVIEW_DELAY_MS
    from tools.screenshot import loaded_window

    _app, window = loaded_window("en")
    times = []
    for i in range(toggles):
        loop = QEventLoop()
        window.preview_updated.connect(loop.quit)
        QTimer.singleShot(30000, loop.quit)
        start = time.perf_counter()
        window.set_checked(1, i % 2 == 1)
        loop.exec()
        times.append(time.perf_counter() - start)
        window.preview_updated.disconnect(loop.quit)
    ms = [t * 1000 for t in times]
    print(f"preview refresh after toggling an article: median {statistics.median(ms):.0f} ms, "
          f"worst {max(ms):.0f} ms over {toggles} toggles "
          f"(a tick rebuilds at once; typing waits {PREVIEW_DELAY_MS} ms; target < 200 ms)")


def preview_refresh_with_cached_glossary(toggles: int = 10) -> None:
    """The same, with the gazetteer's glossary pairs read once instead of on every build.

    ``briefgen.translate.glossary.gazetteer_pairs`` re-parses the gazetteer YAML on each build today;
    this shows what caching it would give (the window itself is unchanged).
    """
    import functools

    import briefgen.translate.glossary as glossary

    glossary.gazetteer_pairs = functools.cache(glossary.gazetteer_pairs)
    print("what if the glossary were cached:")
    preview_refresh(toggles)


if __name__ == "__main__":
    cold_start()
    preview_refresh()
    if "--what-if" in sys.argv:
        preview_refresh_with_cached_glossary()
