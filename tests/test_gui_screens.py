"""A screenshot of each main view, in both UI languages, saved to a temporary folder to look at.

Set BRIEFGEN_SHOTS=/some/folder to keep them. The assertions check what can be checked without eyes:
each image is the window's size, and it is not blank (many distinct colours).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")


@pytest.mark.parametrize("ui_lang", ["en", "id"])
def test_screenshot_of_each_main_view(qtbot, user_dir, tmp_path, ui_lang):
    from PySide6.QtGui import QImage

    from tools.screenshot import VIEWS, capture_views

    out = Path(os.environ.get("BRIEFGEN_SHOTS") or tmp_path)
    written = capture_views(out, ui_lang)
    assert tuple(p.name.split("-")[0] for p in written) == VIEWS
    for path in written:
        image = QImage(str(path))
        assert image.width() >= 300 and image.height() >= 120, path
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, f"{path.name} looks blank"
