"""The Review tab shows where a "from source [n]" text comes from and lets the user reject the pairing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gui_helpers import open_window, settle

pytest.importorskip("pytestqt")
CLIPPINGS = sorted((Path(__file__).parent / "crosslang" / "tune").glob("t3_*.txt"))


def test_review_shows_a_pairing_and_rejecting_it_is_remembered(qtbot, user_dir):
    win = open_window(qtbot, sample=False)
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load(CLIPPINGS)
    settle(qtbot, win)
    review = win.review
    rows = [r for r in range(review.table.rowCount()) if review.table.item(r, 3).text().startswith("from source [")]
    assert rows, "a text taken from the English clipping"
    key = review.key_at(rows[0])
    review.select_key(key)
    assert review.reject_button.isEnabled()
    assert review.pairing_label.text().startswith("Paired with source [")
    english = review.table.item(rows[0], 2).text()
    assert english in review.pairing_label.text()
    review.reject_button.click()
    assert len(win.project.rejected_pairs) == 1 and win.modified
    settle(qtbot, win)
    row = review.row_of(key)
    shown = review.table.item(row, 2).text() if row >= 0 else ""
    assert shown != english  # the rejected sentence is no longer this text's English
    review.select_key(key)
    assert not review.pairing_label.text() or english not in review.pairing_label.text()


def test_the_first_start_shows_the_side_by_side_sample_complete(qtbot, user_dir):
    win = open_window(qtbot)  # as at a first start: the five samples, the template's side-by-side layout
    text = win.preview.toPlainText()
    assert "[Untranslated]" not in text and "[Belum diterjemahkan]" not in text
    assert "[sample translation]" in text and "Bottom Line" in text
