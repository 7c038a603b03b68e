"""Cleaning of a copied web clipping: body paragraphs in, boilerplate out, every removal explained.

The clipping is read line by line (a browser copy puts one paragraph per line). Each line is first
classified on its own: rules from :mod:`briefgen.ingest.rules` (boilerplate, captions, credits),
lines printed twice in a row (photo captions), date stamps and outlet names in the page header.
Structure does the rest: the dateline (or the first full sentence) marks where the body starts; a
tail heading, a run of headlines with relative times, or the closing credits mark where it ends;
inside the body, paragraphs repeated later are a body printed twice and short unpunctuated lines
between paragraphs are crossheads. Crossheads leave the body because they are subheadings, not
sentences a briefing can quote; like every removed line they stay listed with their reason and
the user can restore them (``restore``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from briefgen.ingest.dates import find_dates
from briefgen.ingest.headline import NAV_WORDS, headline_score, pick_headline
from briefgen.ingest.outlets import Dateline, Outlet, find_outlet, read_dateline
from briefgen.ingest.rules import Rule, RuleSet, default_rules
from briefgen.model import RemovedLine

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_RELATED_PREFIX = re.compile(
    r"^(baca (juga|pula)|lihat (juga|pula)|simak (juga|pula)|read (next|more|also))\s*[:：]?\s*", re.IGNORECASE)
_GLUED = re.compile(r"(?<=[a-z0-9)\"”'’])(?=[A-Z][a-z]+\s+\S+\s+\S+)")
_SIGNOFF_TAIL = re.compile(r"\s*[\[(]\s*[a-z]{1,5}(\s*/\s*[a-z]{1,5})*\s*[\])]\s*$")
_SENTENCE_END = re.compile(r"[.!?\"”’)]$")
_NAME = re.compile(r"^[A-Z][\w.'’-]*( [A-Z][\w.'’-]*){0,4}$")
_PERSON = r"[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}"
_NAME_OUTLET = re.compile(rf"^(?P<name>{_PERSON})\s*(?:[-–|,]\s*(?P<o1>[^()]+)|\((?P<o2>[^()]+)\))$")
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\b|\b(WIB|WITA|WIT|GMT[+-]?\d*|UTC|KST|JST|AM|PM)\b|[·●|,:\-–—]", re.IGNORECASE)

CAPTION = "photo caption (printed twice; kept once as caption)"
REPEATED = "paragraph printed twice (kept once)"
PRE_BODY = "before the article body (teaser, caption or page furniture)"
SIGNOFF = "sign-off initials"
STAMP = "date line (read as the publication date)"
OUTLET_LINE = "outlet or section name in the page header"
DATELINE = "dateline"
CROSSHEAD = "crosshead (a subheading inside the body, not a sentence)"
CLOSING = "after the article's closing credits (page furniture)"
CREDIT = "byline or credit"
AGENCY = "credit to a news agency or outlet"


def normalise_line(line: str) -> str:
    return _SPACES.sub(" ", _CONTROL.sub("", line.translate(_LIGATURES))).strip()


def word_count(line: str) -> int:
    return len(line.split())


def is_headline_like(line: str) -> bool:
    """A title: several words, not a full sentence, not too long."""
    return 3 <= word_count(line) <= 30 and not line.endswith((".", ",", ";", ":")) and len(line) <= 220


def is_name_like(line: str) -> bool:
    """'Ida Rosdalina': one to five capitalised words, nothing else."""
    return _NAME.match(line) is not None


def is_body_like(line: str) -> bool:
    return word_count(line) >= 15 and bool(_SENTENCE_END.search(line))


def _ends_sentence(line: str) -> bool:
    return word_count(line) >= 6 and line.endswith((".", "!", "?", '"', "”", "’"))


@lru_cache(maxsize=8192)
def is_stamp(line: str) -> bool:
    """'Kamis, 16 Nov 2023 19:05 WIB', 'Published : Nov. 9, 2023 - 18:20': a date with little else."""
    if word_count(line) > 16 or is_body_like(line) or line.endswith("."):
        return False
    mentions = [m for m in find_dates(line) if m.year is not None and not m.inferred]
    if not mentions:
        return False
    rest = line
    for m in mentions:
        rest = rest.replace(m.text, " ")
    return word_count(_TIME.sub(" ", rest)) <= 6


@lru_cache(maxsize=8192)
def outlet_line(line: str) -> Outlet | None:
    """'detikNews', 'VOA Indonesia', 'Kompas.com - Nasional': the outlet's name as a page header line."""
    if word_count(line) > 6:
        return None
    outlet = find_outlet(line)
    if outlet is None:
        parts = re.split(r"\s+[-–|:»›]\s+|\s*[»›|]\s*", line)
        if len(parts) >= 2 and all(word_count(p) <= 3 and not re.search(r"\d", p) for p in parts[1:]):
            outlet = find_outlet(parts[0])
        if outlet is None and len(parts) >= 2 and word_count(parts[0]) <= 3 and not re.search(r"\d", parts[0]):
            outlet = find_outlet(parts[-1])  # "Internasional | SINDOnews.com"
    return outlet


def name_and_section(line: str) -> str | None:
    """'Bayu Aditya - Sepakbola': a byline naming the desk instead of the outlet."""
    m = _NAME_OUTLET.match(line)
    section = (m.group("o1") or m.group("o2") or "") if m else ""
    words = section.lower().split()
    return m.group("name") if m and words and all(w in NAV_WORDS for w in words) else None


def name_and_outlet(line: str) -> tuple[str, Outlet] | None:
    """'Andhika Prasetia - detikNews', 'Dian Septiari (The Jakarta Post)': a byline naming the outlet."""
    m = _NAME_OUTLET.match(line)
    if not m:
        return None
    outlet = find_outlet((m.group("o1") or m.group("o2") or "").strip())
    return (m.group("name"), outlet) if outlet else None


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
    stamps: list[tuple[int, str]] = field(default_factory=list)  # date lines in the page header
    outlets: list[Outlet] = field(default_factory=list)  # outlets the header or a byline names


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


# Caps per clipping. A news article is a few hundred lines of a few hundred characters; these are far
# above any real clipping and keep a hostile one (10 MB of numbers on one line, a million one-word
# paragraphs) to bounded time and memory in every later stage. What is left out is listed as removed.
MAX_LINES = 5_000
MAX_LINE_CHARS = 20_000
MAX_CHARS = 1_000_000
CUT_LINE = f"line cut at {MAX_LINE_CHARS:,} characters (the rest of this line is left out)"
CUT_CLIPPING = (f"clipping cut: only the first {MAX_LINES:,} lines or {MAX_CHARS:,} characters are read "
                "(the rest is left out)")


def _preview(text: str) -> str:
    return text[:120] + "…" if len(text) > 120 else text


def _lines(text: str, notes: list[RemovedLine] | None = None) -> list[tuple[int, str]]:
    """The clipping's non-empty lines, normalised and numbered; over the caps, cut with a note."""
    out: list[tuple[int, str]] = []
    chars = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > MAX_LINE_CHARS:
            if notes is not None:
                notes.append(RemovedLine(number, _preview(raw[MAX_LINE_CHARS:]), CUT_LINE))
            raw = raw[:MAX_LINE_CHARS]
        line = normalise_line(raw)
        if not line:
            continue
        chars += len(line)
        if len(out) >= MAX_LINES or chars > MAX_CHARS:
            if notes is not None:
                notes.append(RemovedLine(number, _preview(line), CUT_CLIPPING))
            break
        _split_glued_related(number, line, out)
    return out


@dataclass(frozen=True)
class _Kind:
    """What a line is on its own, before structure is considered."""

    kind: str  # drop, caption, credit, or "" (a candidate for title or body)
    reason: str = ""
    rule: Rule | None = None


def _classify(lines: list[tuple[int, str]], rules: RuleSet) -> list[_Kind]:
    kinds: list[_Kind] = []
    for i, (_, line) in enumerate(lines):
        rule = rules.first(rules.drop, line)
        if rule:
            kinds.append(_Kind("drop", rule.reason, rule))
        elif (i + 1 < len(lines) and lines[i + 1][1] == line) or (i > 0 and lines[i - 1][1] == line):
            kinds.append(_Kind("caption", CAPTION))
        elif rule := rules.first(rules.caption, line):
            kinds.append(_Kind("caption", rule.reason, rule))
        elif (rule := rules.first(rules.byline, line)) or name_and_outlet(line) or name_and_section(line):
            kinds.append(_Kind("credit", rule.reason if rule else CREDIT, rule))
        else:
            kinds.append(_Kind(""))
    for i, (_, line) in enumerate(lines[:40]):  # "Tay Hui Min" alone beside the date stamp: the byline
        if (not kinds[i].kind and is_person_line(line)
                and any(0 <= j < len(lines) and is_stamp(lines[j][1]) for j in (i - 1, i + 1))):
            kinds[i] = _Kind("credit", CREDIT)
    return kinds


def is_person_line(line: str) -> bool:
    """Two to four capitalised words that are neither section names nor an outlet: a name alone on its line."""
    words = line.split()
    return (2 <= len(words) <= 4 and is_name_like(line) and not find_outlet(line)
            and not any(w.lower() in NAV_WORDS for w in words) and not line.isupper())


def _body_start(lines: list[tuple[int, str]], kinds: list[_Kind]) -> tuple[int, Dateline | None]:
    """Index of the first body line: the dateline if there is one early on, else the first full sentence."""
    limit = max(12, len(lines) // 2)
    for i, (_, line) in enumerate(lines[:limit]):
        if kinds[i].kind or is_stamp(line) or outlet_line(line):
            continue
        dateline = read_dateline(line)
        if dateline is not None:
            return (i + 1 if not dateline.rest else i), dateline
    for i, (_, line) in enumerate(lines):
        if is_body_like(line) and not kinds[i].kind:
            return i, None
    return 0, None


def _tail_start(lines: list[tuple[int, str]], kinds: list[_Kind], start: int, rules: RuleSet) -> tuple[int, str]:
    """Index where the page furniture after the body begins (len(lines) when there is none)."""
    tail_at, reason = len(lines), ""
    hits = [i for i in range(start, len(lines)) if rules.relative_time.matches(lines[i][1])]
    if len(hits) >= rules.relative_time_min_hits:
        i = hits[0]
        while i - 1 > start and not _ends_sentence(lines[i - 1][1]) and kinds[i - 1].kind != "credit":
            i -= 1  # back over the headline (and its teaser) that the first relative time belongs to
        tail_at, reason = i, rules.relative_time.reason
    for i in range(start + 1, tail_at):
        rule = rules.first(rules.tail, lines[i][1])
        if rule:
            tail_at, reason = i, rule.reason
            break
    body_lines = 0
    for i in range(start, tail_at):
        if kinds[i].kind == "credit" and body_lines >= 2:
            j = i
            while j + 1 < tail_at and kinds[j + 1].kind == "credit":
                j += 1
            return (j + 1, CLOSING) if j + 1 < tail_at else (tail_at, reason)
        body_lines += is_body_like(lines[i][1])
    return tail_at, reason


def _is_crosshead(lines: list[tuple[int, str]], i: int, tail_at: int) -> bool:
    line = lines[i][1].strip("\"“”'‘’ ")
    return (word_count(line) <= 12 and not re.search(r"[.!?,;:]$", line)
            and i + 1 < tail_at and is_body_like(lines[i + 1][1]))


def _is_header_line(lines: list[tuple[int, str]], kinds: list[_Kind], i: int, start: int,
                    dateline: Dateline | None) -> bool:
    """A pre-body line that is not a headline candidate: stamp, outlet name, bare dateline, credit, rule hit."""
    line = lines[i][1]
    return bool(kinds[i].kind or is_stamp(line) or outlet_line(line)
                or (dateline is not None and not dateline.rest and i == start - 1))


def _title_index(lines: list[tuple[int, str]], kinds: list[_Kind], start: int, dateline: Dateline | None,
                 page_title: str) -> int | None:
    """The headline among the lines above the body, scored (:mod:`briefgen.ingest.headline`).

    The anchor is the block of byline, stamp, caption and dateline lines right above the body: the
    headline is the best-scoring candidate above it, the nearest winning ties.
    """
    header = [_is_header_line(lines, kinds, i, start, dateline) for i in range(start)]
    anchor = start
    while anchor > 0 and (header[anchor - 1] or headline_score(lines[anchor - 1][1], 0) is None):
        anchor -= 1  # over the byline, stamp, caption and widget lines between the headline and the body
    candidates = [(i, lines[i][1]) for i in range(start) if not header[i]]
    credits = frozenset(i for i in range(start - 1) if not header[i] and header[i + 1]
                        and (kinds[i + 1].kind == "credit" or is_stamp(lines[i + 1][1])))
    return pick_headline(candidates, anchor, page_title, credits)


_SITE_SUFFIX = re.compile(r"\s+[-–—|:]\s+(?P<site>[^-–—|]{2,40})$")


def strip_site_suffix(title: str) -> str:
    """'Headline - Kompas.com' / 'Headline | Reuters' → 'Headline' (a tab title names the site after it)."""
    m = _SITE_SUFFIX.search(title)
    if m and (find_outlet(m.group("site")) or re.fullmatch(r"[\w-]+(\.[a-z]{2,})+", m.group("site").strip(),
                                                           re.IGNORECASE)):
        return title[: m.start()].strip()
    return title


def clean(text: str, rules: RuleSet | None = None, restore: frozenset[int] = frozenset(),
          page_title: str = "") -> CleanResult:
    """Split a clipping into title, body paragraphs, captions, credits and removed lines.

    ``restore`` holds 1-based line numbers the user put back: such a line stays in the body as a
    paragraph, in its place, whatever rule would have removed it (the window's "restore this line").
    ``page_title`` is the saved page's own title, when the container knew it: the line it repeats
    is the headline.
    """
    rules = rules or default_rules()
    result = CleanResult()
    notes: list[RemovedLine] = []
    lines = _lines(text, notes)
    kinds = _classify(lines, rules)
    start, result.dateline = _body_start(lines, kinds)
    for i in range(start + 1, len(lines)):
        if not kinds[i].kind and word_count(lines[i][1]) <= 4 and find_outlet(lines[i][1]):
            kinds[i] = _Kind("credit", AGENCY)  # "REUTERS" alone after a paragraph: whose copy this is
    tail_at, tail_reason = _tail_start(lines, kinds, start, rules)
    title_at = _title_index(lines, kinds, start, result.dateline, page_title)
    seen_paragraphs: set[str] = set()
    last_label = False  # the previous line was a bare byline label ("Editor"); a name may follow
    link_next = ""  # the previous line was a bare "Baca juga:" label; its headline follows

    def drop(number: int, line: str, reason: str) -> None:
        result.removed.append(RemovedLine(number, line, reason))

    for i, (number, line) in enumerate(lines):
        kind = kinds[i]
        if number in restore:
            result.paragraphs.append(line)
            result.paragraph_lines.append(number)
            continue
        if i >= tail_at:
            heading = rules.first(rules.tail, line)
            drop(number, line, kind.reason if kind.kind == "drop" else heading.reason if heading else tail_reason)
            continue
        if link_next and not kind.kind and is_headline_like(line) and not is_body_like(line):
            drop(number, line, link_next)
            link_next = ""
            continue
        link_next = ""
        if kind.kind == "drop":
            drop(number, line, kind.reason)
            if kind.rule and kind.rule.takes_next_headline and word_count(line.rstrip(" :")) <= 3:
                link_next = kind.reason
            continue
        if kind.kind == "caption":
            if line not in result.captions:
                result.captions.append(line)
            drop(number, line, kind.reason)
            continue
        if kind.kind == "credit" or (last_label and is_name_like(line) and i < start):
            result.credits.append((number, line))
            if i < start and is_stamp(line.split("·")[-1]):
                result.stamps.append((number, line.split("·")[-1]))
            byline = name_and_outlet(line)
            if byline:
                result.outlets.append(byline[1])
            drop(number, line, kind.reason or CREDIT)
            last_label = bool(kind.rule) and word_count(line) <= 2 and ":" not in line
            continue
        last_label = False
        if i < start:
            header_outlet = outlet_line(line)
            if result.dateline is not None and not result.dateline.rest and i == start - 1:
                drop(number, line, DATELINE)
            elif is_stamp(line):
                result.stamps.append((number, line))
                drop(number, line, STAMP)
            elif header_outlet:
                result.outlets.append(header_outlet)
                drop(number, line, OUTLET_LINE)
            elif i == title_at:
                result.title, result.title_line = strip_site_suffix(line), number
            else:
                drop(number, line, PRE_BODY)
            continue
        if i == start and result.dateline is not None and result.dateline.rest:
            line = result.dateline.rest
        elif result.paragraphs and _is_crosshead(lines, i, tail_at):
            drop(number, line, CROSSHEAD)
            continue
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
    result.removed += notes
    result.removed.sort(key=lambda r: r.line)
    return result
