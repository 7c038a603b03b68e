"""Cleaning rules loaded from data (``assets/cleaning-rules.yaml`` plus the user's own file)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from briefgen.errors import BriefgenError
from briefgen.resources import asset, user_data_dir

RULES_FILE = "cleaning-rules.yaml"


@dataclass(frozen=True)
class Rule:
    reason: str
    regex: re.Pattern[str]
    takes_next_headline: bool = False  # a bare label whose link text sits on the next line

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
        any_rule = _combined(group)
        if any_rule is not None and any_rule.search(line) is None:
            return None  # one search instead of one per rule: most lines match nothing
        return next((r for r in group if r.matches(line)), None)


_COMBINED: dict[int, tuple[tuple[Rule, ...], re.Pattern[str] | None]] = {}


def _combined(group: tuple[Rule, ...]) -> re.Pattern[str] | None:
    """All of a group's patterns as one alternation, for a quick "does any rule match?".

    Keyed by the group's identity (hashing a tuple of rules on every line costs more than the search).
    """
    entry = _COMBINED.get(id(group))
    if entry is None or entry[0] is not group:
        try:
            pattern = re.compile("|".join(f"(?:{r.regex.pattern})" for r in group), re.IGNORECASE) if group else None
        except re.error:
            pattern = None
        entry = _COMBINED[id(group)] = (group, pattern)
    return entry[1]


def _compile(path: Path, groups: list[dict]) -> list[Rule]:
    rules = []
    for group in groups or []:
        for pattern in group.get("patterns", []):
            try:
                rules.append(Rule(group["reason"], re.compile(pattern, re.IGNORECASE),
                                  bool(group.get("takes_next_headline"))))
            except re.error as exc:
                raise BriefgenError(f"bad pattern {pattern!r}: {exc}", path) from exc
    return rules


def _read(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BriefgenError(f"cannot read cleaning rules: {exc}", path) from exc


def load_rules(*paths: Path) -> RuleSet:
    """Merge rule files in order; later files add rules (they never remove packaged ones)."""
    drop: list[Rule] = []
    tail: list[Rule] = []
    byline: list[Rule] = []
    caption: list[Rule] = []
    relative: Rule | None = None
    min_hits = 2
    for path in paths:
        data = _read(path)
        drop += _compile(path, data.get("drop"))
        tail += _compile(path, data.get("tail"))
        byline += _compile(path, data.get("byline"))
        caption += _compile(path, data.get("caption"))
        rt = data.get("relative_time_tail")
        if rt:
            relative = Rule(rt["reason"], re.compile(rt["pattern"], re.IGNORECASE))
            min_hits = int(rt.get("min_hits", min_hits))
    if relative is None:
        raise BriefgenError("no relative_time_tail rule defined", paths[0] if paths else None)
    return RuleSet(tuple(drop), tuple(tail), tuple(byline), tuple(caption), relative, min_hits)


@cache
def default_rules() -> RuleSet:
    paths = [asset(RULES_FILE)]
    user_file = user_data_dir() / RULES_FILE
    if user_file.is_file():
        paths.append(user_file)
    return load_rules(*paths)
