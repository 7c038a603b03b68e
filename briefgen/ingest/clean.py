"""First-pass cleaning of a copied web clipping.

The clipping is read line by line (a browser copy puts one paragraph per line). Rules from
:mod:`briefgen.ingest.rules` drop boilerplate; structure finds the rest: lines printed twice in a
row are photo captions (kept once, as captions), paragraphs repeated later are a body printed
twice, the dateline marks where the body starts, and a tail heading or a run of headlines with
relative times ends it. Every removed line is kept with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefgen.ingest.outlets import Dateline, read_dateline
from briefgen.ingest.rules import RuleSet, default_rules
from briefgen.model import RemovedLine

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_RELATED_PREFIX = re.compile(
    r"^(baca (juga|pula)|lihat (juga|pula)|simak (juga|pula)|read (next|more|also))\s*[:：]?\s*",
                             re.IGNORECASE)
_GLUED = re.compile(r"(?<=[a-z0-9)\"”'’])(?=[A-Z][a-z]+\s+\S+\s+\S+)")
_SIGNOFF_TAIL = re.compile(r"\s*[\[(]\s*[a-z]{1,5}(\s*/\s*[a-z]{1,5})*\s*[\])]\s*$")
_SENTENCE_END = re.compile(r"[.!?\"”’)]$")

CAPTION = "photo caption (printed twice; kept once as caption)"
REPEATED = "paragraph printed twice (kept once)"
PRE_BODY = "before the article body (teaser, caption or page furniture)"
SIGNOFF = "sign-off initials"


def normalise_line(line: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub("", line)).strip()


def word_count(line: str) -> int:
    return len(line.split())


def is_headline_like(line: str) -> bool:
    """A title: several words, not a full sentence, not too long."""
    return 3 <= word_count(line) <= 30 and not line.endswith((".", ",", ";", ":")) and len(line) <= 220


_NAME = re.compile(r"^[A-Z][\w.'’-]*( [A-Z][\w.'’-]*){0,4}$")


def is_name_like(line: str) -> bool:
    """'Ida Rosdalina': one to five capitalised words, nothing else."""
    return _NAME.match(line) is not None


def is_body_like(line: str) -> bool:
    return word_count(line) >= 15 and bool(_SENTENCE_END.search(line))


@dataclass
class CleanResult:
    """What cleaning found, before metadata is read from it."""

    title: str | None = None
    title_line: int | None = None
    paragraphs: list[str] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    credits: list[tuple[int, str]] = field(default_factory=list)  # byline lines, for metadata
    dateline: Dateline | None = None
    signoff: str | None = None


def _split_glued_related(number: int, line: str, out: list[tuple[int, str]]) -> None:
    """'BACA JUGA: Some headlineThe next sentence' → the link line and the sentence, apart."""
    m = _RELATED_PREFIX.match(line)
    if m:
        glued = _GLUED.search(line, m.end() + 10)
        if glued:
            out.append((number, line[: glued.start()]))
            out.append((number, line[glued.start():]))
            return
    out.append((number, line))


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = normalise_line(raw)
        if line:
            _split_glued_related(number, line, out)
    return out


def _body_start(lines: list[tuple[int, str]], rules: RuleSet) -> tuple[int, Dateline | None]:
    """Index of the first body line: the dateline if there is one early on, else the first long line."""
    limit = max(8, len(lines) // 2)
    for i, (_, line) in enumerate(lines[:limit]):
        if rules.first(rules.drop, line):
            continue
        dateline = read_dateline(line)
        if dateline is not None:
            return i, dateline
    for i, (_, line) in enumerate(lines):
        if is_body_like(line) and not rules.first(rules.drop, line):
            repeated_next = i + 1 < len(lines) and lines[i + 1][1] == line
            if not repeated_next:
                return i, None
    return 0, None


def _tail_start(lines: list[tuple[int, str]], start: int, rules: RuleSet) -> tuple[int, str]:
    """Index where the appended lists of other articles begin (len(lines) when there are none)."""
    hits = [i for i in range(start, len(lines)) if rules.relative_time.matches(lines[i][1])]
    tail_at, reason = len(lines), ""
    if len(hits) >= rules.relative_time_min_hits:
        i = hits[0]
        while i - 1 > start and not is_body_like(lines[i - 1][1]):
            i -= 1
        tail_at, reason = i, rules.relative_time.reason
    for i in range(start + 1, tail_at):
        rule = rules.first(rules.tail, lines[i][1])
        if rule:
            return i, rule.reason
    return tail_at, reason


def clean(text: str, rules: RuleSet | None = None, restore: frozenset[int] = frozenset()) -> CleanResult:
    """Split a clipping into title, body paragraphs, captions, credits and removed lines.

    ``restore`` holds 1-based line numbers the user put back: such a line stays in the body as a
    paragraph, in its place, whatever rule would have removed it (the window's "restore this line").
    """
    rules = rules or default_rules()
    result = CleanResult()
    lines = _lines(text)
    start, result.dateline = _body_start(lines, rules)
    tail_at, tail_reason = _tail_start(lines, start, rules)
    seen_paragraphs: set[str] = set()
    last_label = False  # the previous line was a bare byline label ("Editor"); a name may follow

    def drop(number: int, line: str, reason: str) -> None:
        result.removed.append(RemovedLine(number, line, reason))

    for i, (number, line) in enumerate(lines):
        if number in restore:
            result.paragraphs.append(line)
            result.paragraph_lines.append(number)
            continue
        if i >= tail_at:
            drop(number, line, tail_reason)
            continue
        rule = rules.first(rules.drop, line)
        if rule:
            drop(number, line, rule.reason)
            continue
        if (i + 1 < len(lines) and lines[i + 1][1] == line) or (i > 0 and lines[i - 1][1] == line):
            if line not in result.captions:
                result.captions.append(line)
            drop(number, line, CAPTION)
            continue
        byline = rules.first(rules.byline, line)
        if byline or (last_label and is_name_like(line) and i < start):
            result.credits.append((number, line))
            drop(number, line, byline.reason if byline else "byline or credit")
            last_label = bool(byline) and word_count(line) <= 2 and ":" not in line
            continue
        last_label = False
        if i < start:
            if result.title is None and is_headline_like(line):
                result.title, result.title_line = line, number
            else:
                drop(number, line, PRE_BODY)
            continue
        if i == start and result.dateline is not None:
            line = result.dateline.rest
        key = line.casefold()
        if key in seen_paragraphs:
            drop(number, line, REPEATED)
            continue
        seen_paragraphs.add(key)
        result.paragraphs.append(line)
        result.paragraph_lines.append(number)

    if result.paragraphs:
        m = _SIGNOFF_TAIL.search(result.paragraphs[-1])
        if m and word_count(result.paragraphs[-1]) > 3 and result.paragraph_lines[-1] not in restore:
            result.signoff = m.group(0).strip()
            result.credits.append((result.paragraph_lines[-1], result.signoff))
            result.removed.append(RemovedLine(result.paragraph_lines[-1], result.signoff, SIGNOFF))
            result.paragraphs[-1] = result.paragraphs[-1][: m.start()].rstrip()
    result.removed.sort(key=lambda r: r.line)
    return result
