"""Cleaning rules loaded from data (``assets/cleaning-rules.yaml`` plus the user's own file).

The user's file is read like every user file (:mod:`briefgen.userfiles`: regular file, size limit,
no YAML bombs, a schema with line numbers) and its patterns are compiled with RE2 (``google-re2``), a
regular-expression engine that runs in time linear in the line whatever the pattern: a pattern such as
``(a+)+$`` that makes Python's backtracking engine run for hours on one line (ReDoS) is harmless there.
RE2 has no look-around and no back-references; a user pattern that needs them is refused with that
reason. Why RE2 rather than the ``regex`` module's timeout: a timeout bounds one search, but a clipping
has thousands of lines and a rule set dozens of patterns, so the worst case would still be minutes; RE2
bounds every search by construction (wheels for Windows, macOS and Linux on PyPI). The packaged rules,
written and tested here, stay on Python's ``re``. A user file that cannot be used is left out with a
warning: the packaged rules still clean every clipping.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from briefgen.errors import BriefgenError
from briefgen.resources import asset, user_data_dir
from briefgen.userfiles import UserFileError, boolean, integer, list_of, load_yaml, record, text, validate

log = logging.getLogger(__name__)
MAX_PATTERN = 1_000  # characters in one user pattern

RULES_FILE = "cleaning-rules.yaml"


@dataclass(frozen=True)
class Rule:
    reason: str
    regex: Any  # re.Pattern for packaged rules, an RE2 pattern (same search()/pattern) for the user's
    takes_next_headline: bool = False  # a bare label whose link text sits on the next line
    user: bool = False  # compiled with RE2; never merged into the packaged rules' combined pattern

    def matches(self, line: str) -> bool:
        return self.regex.search(line) is not None


@dataclass(frozen=True)
class RuleSet:
    drop: tuple[Rule, ...]
    tail: tuple[Rule, ...]
    byline: tuple[Rule, ...]
    caption: tuple[Rule, ...]
    relative_time: Rule
    relative_time_min_hits: int

    def first(self, group: tuple[Rule, ...], line: str) -> Rule | None:
        any_packaged = _combined(group)
        # one search instead of one per packaged rule: most lines match nothing; user rules run on their own
        packaged_hit = any_packaged is None or any_packaged.search(line) is not None
        return next((r for r in group if (r.user or packaged_hit) and r.matches(line)), None)


_COMBINED: dict[int, tuple[tuple[Rule, ...], re.Pattern[str] | None]] = {}


def _combined(group: tuple[Rule, ...]) -> re.Pattern[str] | None:
    """All of a group's packaged patterns as one alternation, for a quick "does any rule match?".

    Keyed by the group's identity (hashing a tuple of rules on every line costs more than the search).
    None means "no quick answer": each rule is then tried.
    """
    entry = _COMBINED.get(id(group))
    if entry is None or entry[0] is not group:
        packaged = [r for r in group if not r.user]
        try:
            pattern = re.compile("|".join(f"(?:{r.regex.pattern})" for r in packaged), re.IGNORECASE) \
                if packaged else re.compile(r"(?!)")
        except re.error:
            pattern = None
        entry = _COMBINED[id(group)] = (group, pattern)
    return entry[1]


def compile_user_pattern(pattern: str, path: Path | None = None) -> Any:
    """A user's pattern, case-insensitive, in RE2 (linear time); a BriefgenError saying why not."""
    import re2

    if len(pattern) > MAX_PATTERN:
        raise BriefgenError(f"pattern of {len(pattern):,} characters (the limit is {MAX_PATTERN:,})", path)
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = 8 << 20  # a pattern whose automaton needs more is refused, not built
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else exc
        raise BriefgenError(f"bad pattern {pattern[:80]!r}: {detail} (user patterns run on RE2: no look-around "
                            "or back-references)", path) from exc


_GROUP = record({"reason": text(300), "patterns": list_of(text(MAX_PATTERN, allow_numbers=False), 500),
                 "takes_next_headline": boolean()}, required=("reason",))
_RULES_SCHEMA = record({
    "drop": list_of(_GROUP, 200), "tail": list_of(_GROUP, 200), "byline": list_of(_GROUP, 200),
    "caption": list_of(_GROUP, 200),
    "relative_time_tail": record({"reason": text(300), "pattern": text(MAX_PATTERN, allow_numbers=False),
                                  "min_hits": integer(1, 100)}, required=("reason", "pattern")),
})


def _compile(path: Path, groups: list[dict] | None, user: bool) -> list[Rule]:
    rules = []
    for group in groups or []:
        for pattern in group.get("patterns", []):
            if user:
                regex = compile_user_pattern(pattern, path)
            else:
                try:
                    regex = re.compile(pattern, re.IGNORECASE)
                except re.error as exc:
                    raise BriefgenError(f"bad pattern {pattern!r}: {exc}", path) from exc
            rules.append(Rule(group["reason"], regex, bool(group.get("takes_next_headline")), user))
    return rules


def _read(path: Path) -> dict:
    try:
        return validate(load_yaml(path), _RULES_SCHEMA)
    except UserFileError as exc:
        raise BriefgenError(f"cannot read cleaning rules: {exc.reason}", exc.path) from exc


def load_rules(*paths: Path, user_from: int = 1) -> RuleSet:
    """Merge rule files in order; later files add rules (they never remove packaged ones).

    Files from index ``user_from`` on are the user's: their patterns are compiled with RE2.
    """
    drop: list[Rule] = []
    tail: list[Rule] = []
    byline: list[Rule] = []
    caption: list[Rule] = []
    relative: Rule | None = None
    min_hits = 2
    for index, path in enumerate(paths):
        user = index >= user_from
        data = _read(path)
        drop += _compile(path, data.get("drop"), user)
        tail += _compile(path, data.get("tail"), user)
        byline += _compile(path, data.get("byline"), user)
        caption += _compile(path, data.get("caption"), user)
        rt = data.get("relative_time_tail")
        if rt:
            regex = compile_user_pattern(rt["pattern"], path) if user else re.compile(rt["pattern"], re.IGNORECASE)
            relative = Rule(rt["reason"], regex, user=user)
            min_hits = rt.get("min_hits", min_hits)
    if relative is None:
        raise BriefgenError("no relative_time_tail rule defined", paths[0] if paths else None)
    return RuleSet(tuple(drop), tuple(tail), tuple(byline), tuple(caption), relative, min_hits)


@cache
def default_rules() -> RuleSet:
    """The packaged rules plus the user's file; a user file that cannot be used is left out with a warning."""
    packaged = asset(RULES_FILE)
    user_file = user_data_dir() / RULES_FILE
    if user_file.exists() or user_file.is_symlink():
        try:
            return load_rules(packaged, user_file)
        except BriefgenError as exc:
            log.warning("your cleaning rules are not used (the packaged ones still are): %s", exc)
    return load_rules(packaged)
