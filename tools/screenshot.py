"""Save screenshots of the main window (offscreen) for the README: uv run python tools/screenshot.py"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from briefgen.ui.app import create_window

    app, window = create_window(ui_lang=os.environ.get("BRIEFGEN_UI_LANG", "en"), sample=False)
    loop = QEventLoop()
    window.articles_loaded.connect(loop.quit)
    window.load([], sample=True)
    QTimer.singleShot(30000, loop.quit)
    loop.exec()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots/main-window.png"))
