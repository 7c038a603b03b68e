"""The "Article" tab: what briefgen read from one clipping, and what it threw away.

The cleaned body is shown with quotes, dates and the people and outlet it names highlighted, so the
reader can judge the extraction at a glance. Every line cleaning removed follows, greyed, with the
rule's reason and a "restore" link; restored lines are listed with a link to remove them again. The
window rebuilds the article (on a worker) with the project's restore set.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from briefgen.ingest.dates import MONTHS, WEEKDAYS
from briefgen.model import Article
from briefgen.ui.error_text import N_

# The month and weekday words are the date finder's own (one vocabulary for reading and highlighting).
_MONTHS = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
_DAYS = "|".join(re.escape(d) for d in sorted(WEEKDAYS, key=len, reverse=True))
DATE_RE = re.compile(rf"\b(?:(?:{_DAYS}),?\s*)?\d{{1,2}}\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?|\b(?:{_DAYS})\b"
                     rf"|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b", re.IGNORECASE)
ROLES = {"author": N_("author"), "editor": N_("editor"), "reporter": N_("reporter"),
         "photographer": N_("photographer"), "wire": N_("news agency"), "source": N_("source")}
QUOTE_RE = re.compile(r"[\"“][^\"”]{3,}?[\"”]")
STYLE = """<style>
body { font-family: 'Noto Serif', serif; font-size: 11pt; }
p.meta { color: #555; font-family: 'Noto Sans'; font-size: 9pt; }
span.q { background: #e8f0fb; }
span.d { background: #fff1c9; }
span.e { background: #e6f4e6; font-weight: 600; }
p.removed { color: #9a9a9a; font-family: 'Noto Sans'; font-size: 9pt; }
p.restored { color: #2b6a2b; font-family: 'Noto Sans'; font-size: 9pt; }
a { color: #1f3b63; }
</style>"""


def highlight(text: str, names: list[str]) -> str:
    """HTML for one paragraph with quotes, dates and names marked (spans never nest)."""
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in (("q", QUOTE_RE), ("d", DATE_RE)):
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    for name in names:
        if len(name) >= 3:
            spans += [(m.start(), m.end(), "e") for m in re.finditer(re.escape(name), text)]
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, pos = [], 0
    for start, end, kind in spans:
        if start < pos:
            continue  # overlaps an earlier, longer span
        out.append(html.escape(text[pos:start]))
        out.append(f'<span class="{kind}">{html.escape(text[start:end])}</span>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


class ArticleView(QTextBrowser):
    """``restore_requested(line, restore)``: the user clicked restore (True) or remove again (False)."""

    restore_requested = Signal(int, bool)

    def __init__(self, _) -> None:
        super().__init__()
        self._ = _
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._clicked)
        self.show_article(None)

    def _clicked(self, url: QUrl) -> None:
        scheme, _sep, line = url.toString().partition(":")
        if scheme in ("restore", "unrestore") and line.isdigit():
            self.restore_requested.emit(int(line), scheme == "restore")

    def show_article(self, article: Article | None, raw_lines: list[str] | None = None,
                     restored: frozenset[int] = frozenset()) -> None:
        _ = self._
        if article is None:
            self.setHtml(STYLE + f"<p class='meta'>{html.escape(_('Select an article in the list.'))}</p>")
            return
        names = [p.name for p in article.authors] + ([article.outlet] if article.outlet else [])
        date = article.published.isoformat() if article.published else _("date unknown")
        if article.published_inferred:
            date += " (" + _("year inferred") + ")"
        parts = [STYLE, f"<h2>{html.escape(article.title)}</h2>",
                 "<p class='meta'>" + " · ".join(html.escape(x) for x in (
                     article.outlet or "?", date, article.lang.upper(), article.file)) + "</p>"]
        if article.authors:
            people = ", ".join(f"{p.name} ({_(ROLES.get(p.role, p.role))})" for p in article.authors)
            parts.append(f"<p class='meta'>{html.escape(people)}</p>")
        parts += [f"<p>{highlight(p, names)}</p>" for p in article.paragraphs]
        if article.captions:
            parts.append(f"<h3>{html.escape(_('Captions'))}</h3>")
            parts += [f"<p class='meta'>{html.escape(c)}</p>" for c in article.captions]
        parts.append(f"<h3>{html.escape(_('Removed lines'))} ({len(article.removed)})</h3>")
        if not article.removed:
            parts.append(f"<p class='meta'>{html.escape(_('Nothing was removed.'))}</p>")
        for removed in article.removed:
            parts.append(
                f"<p class='removed'>{removed.line}: {html.escape(removed.text)} "
                f"<i>({html.escape(_(removed.reason))})</i> "  # the rule's reason; the catalogue has every shipped one
                f"<a href='restore:{removed.line}'>{html.escape(_('restore'))}</a></p>")
        if restored:
            parts.append(f"<h3>{html.escape(_('Restored lines'))}</h3>")
            lines = raw_lines or []
            for number in sorted(restored):
                text = lines[number - 1] if 0 < number <= len(lines) else ""
                parts.append(f"<p class='restored'>{number}: {html.escape(text)} "
                             f"<a href='unrestore:{number}'>{html.escape(_('remove again'))}</a></p>")
        self.setHtml("".join(parts))
