"""The Review tab's editor pane: the current segment's source whole, a target editor that grows with
its text, QA warnings, and beside it what helps to translate (glossary terms, memory matches with a
diff against the current source, the other-language source's sentence).

Kept apart from the segment list (:mod:`briefgen.ui.review_view`) so each reads on its own. Nothing
here decides a translation: every suggestion is shown with where it comes from and is only used
when the user picks it (Alt+1…9 inserts a glossary term at the cursor, Ctrl+Alt+1…5 takes a
suggestion as the whole target).
"""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

DATA_ROLE = Qt.ItemDataRole.UserRole
MAX_TERMS = 9
MAX_SUGGESTIONS = 5
MAX_WARNINGS = 3


def word_diff_html(old: str, new: str) -> str:
    """``old`` (a memory match's source) against ``new`` (the current source), word by word:
    words only in the match struck through, words only in the current source underlined."""
    a, b = old.split(), new.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(html.escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f'<s style="color:#b3261e">{html.escape(" ".join(a[i1:i2]))}</s>')
        if j2 > j1:
            out.append(f'<u style="color:#2b6a2b">{html.escape(" ".join(b[j1:j2]))}</u>')
    return " ".join(out)


class GrowingEdit(QPlainTextEdit):
    """A plain-text editor whose height follows its text (3 to 10 lines), so a long sentence shows whole."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda *_a: self._fit())
        self._fit()

    def _fit(self) -> None:
        line = QFontMetrics(self.font()).lineSpacing()
        lines = max(3, min(10, int(self.document().size().height()) + 1))
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        self.setFixedHeight(lines * line + margins + 2 * int(self.document().documentMargin()) + 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override: wrapping changes with the width
        super().resizeEvent(event)
        self._fit()


class SegmentEditor(QWidget):
    """Source (read-only, whole), target editor, and a line of QA warnings for one segment."""

    def __init__(self, _) -> None:
        super().__init__()
        self._ = _
        self.key = ""
        self.lang = "en"
        self.saved = ""  # the target as the briefing has it; Esc goes back to it
        self.where = QLabel()
        self.where.setObjectName("segment-where")
        self.where.setStyleSheet("color: palette(mid);")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.source.setFrameShape(QFrame.Shape.StyledPanel)
        self.source.setMargin(4)
        self.source.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.target = GrowingEdit()
        self.target.setPlaceholderText(_("Write the translation here; Ctrl+Enter accepts and goes to the next "
                                         "segment that needs work"))
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setObjectName("qa-warnings")
        self.warnings.setStyleSheet("color: #9a5b00;")
        self.warnings.hide()
        self.keys = QLabel(_("Ctrl+Enter accept and next · Alt+↑/↓ previous/next · Esc undo typing · "
                             "Alt+1…9 insert a term · Ctrl+Alt+1…5 use a suggestion"))
        self.keys.setWordWrap(True)
        self.keys.setStyleSheet("color: palette(mid); font-size: 8pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.where)
        layout.addWidget(self.source)
        layout.addWidget(self.target)
        layout.addWidget(self.warnings)
        layout.addWidget(self.keys)
        layout.addStretch(1)

    def load(self, key: str, where: str, source: str, lang: str, target: str, force: bool = False) -> None:
        """Show a segment; the text being typed for the same segment is kept unless ``force``."""
        same = key == self.key and self.dirty
        self.where.setText(where)
        self.source.setText(source)
        if same and not force:
            self.saved = target
            return
        self.key, self.lang, self.saved = key, lang, target
        self.target.setPlainText(target)
        self.target.moveCursor(self.target.textCursor().MoveOperation.End)
        self.show_warnings([])

    @property
    def text(self) -> str:
        return self.target.toPlainText().strip()

    @property
    def dirty(self) -> bool:
        return self.text != self.saved.strip()

    def revert(self) -> None:
        self.target.setPlainText(self.saved)
        self.show_warnings([])

    def insert(self, text: str) -> None:
        cursor = self.target.textCursor()
        before = self.target.toPlainText()[:cursor.position()]
        spacer = " " if before and not before[-1].isspace() else ""
        cursor.insertText(spacer + text)
        self.target.setFocus()

    def show_warnings(self, lines: list[str], again: bool = False) -> None:
        if not lines:
            self.warnings.clear()
            self.warnings.hide()
            return
        shown = lines[:MAX_WARNINGS]  # the rest are in the Check tab: the editor must stay in view
        text = "⚠ " + "<br>⚠ ".join(html.escape(line) for line in shown)
        if len(lines) > len(shown):
            text += "<br>" + html.escape(self._("…and {count} more (Check tab)").format(count=len(lines) - len(shown)))
        if again:
            text = "<b>" + html.escape(self._("Ctrl+Enter again to accept anyway, or correct the text.")) + "</b><br>" \
                + text
        self.warnings.setText(text)
        self.warnings.show()


class SuggestionPanel(QWidget):
    """Glossary terms found in the source, and translation suggestions (memory, other-language source)."""

    use_suggestion = Signal(str)
    insert_term = Signal(str)

    def __init__(self, _) -> None:
        super().__init__()
        self._ = _
        self.terms_label = QLabel(_("Terms in the source (Alt+number inserts)"))
        self.terms = QListWidget()
        self.terms.setWordWrap(True)
        self.terms.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.terms.setToolTip(_("Glossary and gazetteer terms found in the source; double-click or Alt+number "
                                "inserts the translation at the cursor"))
        self.terms.itemActivated.connect(lambda item: self.insert_term.emit(item.data(DATA_ROLE)))
        self.memory_label = QLabel()
        self.suggestions = QListWidget()
        self.suggestions.setWordWrap(True)
        self.suggestions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.suggestions.setToolTip(_("Double-click a suggestion, or press Ctrl+Alt+number, to use it"))
        self.suggestions.itemActivated.connect(lambda item: self.use_suggestion.emit(item.data(DATA_ROLE)))
        self.suggestions.itemDoubleClicked.connect(lambda item: self.use_suggestion.emit(item.data(DATA_ROLE)))
        top, bottom = QWidget(), QWidget()
        for box, label, widget in ((top, self.terms_label, self.terms), (bottom, self.memory_label, self.suggestions)):
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(2)
            label.setWordWrap(True)
            inner.addWidget(label)
            inner.addWidget(widget)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setSizes([90, 160])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def show_terms(self, terms: list[tuple[str, str, str]]) -> None:
        """(source form, translation, origin) per term, numbered for Alt+1…9."""
        self.terms.clear()
        for n, (source, target, origin) in enumerate(terms[:MAX_TERMS], start=1):
            item = QListWidgetItem(f"{n}  {source} → {target}")
            item.setToolTip(origin)
            item.setData(DATA_ROLE, target)
            self.terms.addItem(item)
        if not terms:
            item = QListWidgetItem(self._("No glossary term in this segment"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.terms.addItem(item)

    def term(self, n: int) -> str | None:
        item = self.terms.item(n - 1)
        return item.data(DATA_ROLE) if item is not None and item.data(DATA_ROLE) else None

    def show_suggestions(self, entries: list[tuple[str, str, str]], current_source: str) -> None:
        """(heading such as "92% memory" or "from source [2]", the match's source or "", target) per entry."""
        self.suggestions.clear()
        for n, (heading, source, target) in enumerate(entries[:MAX_SUGGESTIONS], start=1):
            item = QListWidgetItem(f"{n} · {heading} · {target}")
            item.setData(DATA_ROLE, target)
            self.suggestions.addItem(item)
            diff = f'<br><span style="color:#555555">{word_diff_html(source, current_source)}</span>' \
                if source and source != current_source else ""
            label = QLabel(f"<b>{n}</b> · {html.escape(heading)}{diff}<br>→ {html.escape(target)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(3, 2, 3, 4)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item.setSizeHint(label.sizeHint())
            self.suggestions.setItemWidget(item, label)
        self._fit_rows()

    def _fit_rows(self) -> None:
        width = max(self.suggestions.viewport().width() - 8, 120)
        for i in range(self.suggestions.count()):
            item = self.suggestions.item(i)
            label = self.suggestions.itemWidget(item)
            if label is not None:
                item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override: rows re-wrap with the width
        super().resizeEvent(event)
        self._fit_rows()

    def suggestion(self, n: int) -> str | None:
        item = self.suggestions.item(n - 1)
        return item.data(DATA_ROLE) if item is not None else None
