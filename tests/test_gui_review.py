"""The Review tab as a translation editor, driven from the keyboard; marks in the Preview that lead to it;
the export dialog's counts; the memo panel's English forms. Clippings are copies of the samples, so the
English side starts untranslated (the bundled samples come with their English)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.gui_helpers import settle

pytest.importorskip("pytestqt")
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture()
def window(qtbot, clipping_paths, user_dir):
    from briefgen.settings import Settings
    from briefgen.ui.app import create_window

    _app, win = create_window(ui_lang="en", sample=False, settings=Settings(ui_lang="en"))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.articles_loaded, timeout=30000):
        win.load(clipping_paths)
    settle(qtbot, win)
    win.resize(1366, 768)
    win.show()
    win.tabs.setCurrentWidget(win.review)
    qtbot.waitExposed(win)
    return win


def typed(qtbot, review, text: str) -> None:
    review.editor.target.setFocus()
    qtbot.keyClick(review.editor.target, Qt.Key.Key_A, CTRL)  # select what is there: typing replaces it
    qtbot.keyClicks(review.editor.target, text)


def accept(qtbot, review) -> None:
    qtbot.keyClick(review.editor.target, Qt.Key.Key_Return, CTRL)


def test_accept_moves_on_esc_reverts_alt_moves_and_filters(window, qtbot):
    review = window.review
    assert review.progress_label.text() == "English: 0 of 14 done"
    first = review.current_key()
    assert first == "header:subject"  # opened at the first segment that needs work
    assert review.editor.source.text() == review._segments[first].text.id  # the source, whole
    typed(qtbot, review, "Blinken in South Korea: North Korea, Russia and the Hamas vs Israel conflict")
    accept(qtbot, review)
    assert not review.editor.warnings.isVisible(), review.editor.warnings.text()
    assert window.project.options.subject_en.startswith("Blinken in South Korea")  # a memo field: the memo panel's
    assert window.options_panel.subject_en_edit.text().startswith("Blinken in South Korea")
    second = review.current_key()
    assert second != first and review._segments[second].needs_work("en")
    # Esc gives back the segment's text: what was typed is dropped
    typed(qtbot, review, "half a thought")
    qtbot.keyClick(review.editor.target, Qt.Key.Key_Escape)
    assert review.editor.text == ""
    # Alt+Down / Alt+Up move through the list shown
    rows = review._visible_rows()
    qtbot.keyClick(review.editor.target, Qt.Key.Key_Down, ALT)
    assert review.table.currentRow() == rows[rows.index(review.row_of(second)) + 1]
    qtbot.keyClick(review.editor.target, Qt.Key.Key_Up, ALT)
    assert review.current_key() == second
    settle(qtbot, window)
    assert review.progress_label.text() == "English: 1 of 14 done"
    # filters: by status and by section
    review.filter_box.setCurrentIndex(review.filter_box.findData("missing"))
    assert review.table.isRowHidden(review.row_of(first)) and not review.table.isRowHidden(review.row_of(second))
    review.section_box.setCurrentIndex(review.section_box.findData("key_points"))
    shown = [review._segments[review.key_at(r)].section for r in review._visible_rows()]
    assert shown and set(shown) == {"key_points"}
    assert review.counts.text() == f"{len(shown)} of 14 segments"


def test_a_changed_figure_is_a_warning_before_accepting(window, qtbot):
    review = window.review
    number = re.compile(r"(?<![\w/.,])\d+(?![\w/.,]\d)")  # a figure standing on its own: "9", "2023"
    key = next(k for k, s in review._segments.items() if number.search(s.text.id) and not k.startswith("header:"))
    review.select_key(key)
    source = review._segments[key].text.id
    found = number.search(source)
    typed(qtbot, review, source[:found.start()] + str(int(found.group()) + 7) + source[found.end():])
    accept(qtbot, review)
    assert review.editor.warnings.isVisible() and "Numbers differ" in review.editor.warnings.text()
    assert key not in window.project.edits and review.current_key() == key  # warned, not yet accepted
    accept(qtbot, review)  # again: accepted anyway
    assert key in window.project.edits and review.current_key() != key
    settle(qtbot, window)
    assert any(w.key == key and w.kind == "numbers" for w in review.warnings)
    item = next(review.check_list.item(i) for i in range(review.check_list.count())
                if review.check_list.item(i).data(Qt.ItemDataRole.UserRole) == key)
    review.select_key("header:subject")
    review.check_list.itemClicked.emit(item)  # a click on the warning goes to its segment
    assert review.current_key() == key
    box = window.exporter.untranslated_box()  # checked again before export
    assert box is not None and "QA warnings (numbers 1" in box.text() and "Check tab" in box.text()


def test_keyboard_alone_takes_the_briefing_to_zero_untranslated(window, qtbot):
    review = window.review
    exporter = window.exporter
    box = exporter.untranslated_box()
    assert box is not None
    # background/outlook items are the clippings' own sentences (no generated guesses): they need English too
    assert ("English: 14 of 14 segments are not translated (Subject 1, Bottom Line 4, Key Points 5, Background 3, "
            "Outlook 1).") in box.text()
    assert [b.text() for b in box.buttons()] == ["Review", "Export anyway"] or \
        {b.text() for b in box.buttons()} == {"Review", "Export anyway"}
    for _n in range(40):
        seg = review.current_segment()
        if seg is None or not review._needs_work(seg):
            break
        # (QTest types ASCII keys only: “ ” – abort it)
        ascii_only = seg.text.id.translate(str.maketrans("“”‘’–—", "\"\"''--")).encode("ascii", "ignore").decode()
        typed(qtbot, review, f"English of: {ascii_only}")
        accept(qtbot, review)
        if review.current_key() == seg.key:  # QA warnings were shown: the analyst reads them and accepts anyway
            accept(qtbot, review)
    settle(qtbot, window)
    assert review.progress_label.text() == "English: 14 of 14 done"
    assert exporter.remaining() == []  # nothing untranslated or unreviewed left
    box = exporter.untranslated_box()  # only the QA warnings the analyst accepted anyway are said again
    assert box is None or ("not translated" not in box.text() and "QA warnings" in box.text())
    assert "[Untranslated]" not in window.preview.toPlainText(), window.preview.toPlainText()


def test_a_mark_in_the_preview_explains_itself_and_opens_review_at_its_row(window, qtbot):
    window.tabs.setCurrentWidget(window.preview)
    view = window.preview
    html = view.toHtml()
    assert 'href="review:' in html
    cursor = view.document().find("[Untranslated]", 0)
    assert not cursor.isNull()
    # the third mark, to be sure it is not the first row by chance
    for _n in range(2):
        cursor = view.document().find("[Untranslated]", cursor)
    cursor.setPosition(cursor.selectionStart() + 2, QTextCursor.MoveMode.MoveAnchor)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center()
    anchor = view.anchorAt(point)
    assert anchor.startswith("review:")
    key = anchor.removeprefix("review:")
    tip = window.preview_pane.tooltip_for(key)
    assert tip.startswith("Untranslated: there is no English text") and "Review tab" in tip
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.tabs.currentWidget() is window.review
    assert window.review.current_key() == key and window.review.table.currentRow() == window.review.row_of(key)


def test_memo_english_forms_open_on_demand_and_reach_the_preview(window, qtbot):
    panel = window.options_panel
    height = panel.sizeHint().height()
    assert not panel.english_box.isVisible()
    panel.to_edit.setText("Menteri Luar Negeri")
    panel.signatory_edit.setText("Abdul Kadir Jailani")
    assert panel.to_en_edit.placeholderText() == "Minister for Foreign Affairs"  # what the English part will say
    assert panel.english_status.text() == "1 marked untranslated"
    panel.english_toggle.click()
    assert panel.english_box.isVisible()
    panel.signatory_en_edit.setText("Abdul Kadir Jailani")
    assert panel.english_status.text() == ""
    panel.english_toggle.click()
    assert panel.sizeHint().height() < height + 60  # closed again: the panel keeps its height
    settle(qtbot, window)
    assert window.project.options.signatory_en == "Abdul Kadir Jailani"
    assert "Minister for Foreign Affairs" in window.preview.toPlainText()


def test_alt_number_inserts_a_term_and_the_pack_hint_says_what_is_needed(window, qtbot):
    from briefgen.ui.pack_hint import show_pack_hint
    from briefgen.ui.review_editor import word_diff_html

    review = window.review
    key = next(k for k, s in review._segments.items() if "Moskow" in s.text.id)
    review.select_key(key)
    terms = [review.assist.terms.item(i).text() for i in range(review.assist.terms.count())]
    n = next(i for i, t in enumerate(terms, start=1) if "Moskow → Moscow" in t)
    typed(qtbot, review, "Officials in")
    qtbot.keyClick(review.editor.target, getattr(Qt.Key, f"Key_{n}"), ALT)
    assert review.editor.text == "Officials in Moscow"
    assert show_pack_hint(window)  # no pack in the test's user folder
    assert window.statusBar().currentMessage().startswith("No translation pack installed")
    diff = word_diff_html("Blinken tiba di Seoul pada Rabu", "Blinken tiba di Tokyo pada Rabu")
    assert '<s style="color:#b3261e">Seoul</s>' in diff and '<u style="color:#2b6a2b">Tokyo</u>' in diff
