"""The outlet registry and dateline reading.

Outlets are data (``assets/outlets.yaml``, extendable by the user). A dateline is the
"Bisnis.com, JAKARTA -" / "TEMPO.CO, Jakarta" / "Seoul | EGINDO.co –" / "SEOUL -" prefix of the
lead paragraph: it marks where the body starts and, when it names an outlet, which one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from briefgen.resources import asset, user_data_dir


@dataclass(frozen=True)
class Outlet:
    name: str
    names: tuple[str, ...]
    domains: tuple[str, ...]
    wire: bool = False


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a line: the prefix, the outlet (if named), the rest."""

    prefix: str
    outlet: Outlet | None
    place: str | None
    rest: str


def _load(path: Path) -> list[Outlet]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Outlet(o["name"], tuple(o.get("names", [o["name"]])), tuple(o.get("domains", [])), bool(o.get("wire")))
        for o in data.get("outlets", [])
    ]


@cache
def registry() -> tuple[Outlet, ...]:
    outlets = _load(asset("outlets.yaml"))
    user_file = user_data_dir() / "outlets.yaml"
    if user_file.is_file():
        outlets = _load(user_file) + outlets  # the user's entries win
    return tuple(outlets)


@cache
def _name_index() -> tuple[tuple[str, Outlet], ...]:
    pairs = [(n.lower(), o) for o in registry() for n in o.names]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # longest first: "Koran Tempo" before "Tempo"


def find_outlet(name: str) -> Outlet | None:
    """The registry entry whose name or domain is ``name`` (case-insensitive), or None."""
    key = name.strip().lower()
    for alias, outlet in _name_index():
        if key == alias or key in outlet.domains:
            return outlet
    return None


def outlet_in(text: str) -> Outlet | None:
    """The first registered outlet named as a whole word in ``text`` (longest alias wins)."""
    best: tuple[int, Outlet] | None = None
    for alias, outlet in _name_index():
        m = re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", text, re.IGNORECASE)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), outlet)
    return best[1] if best else None


_WORD = r"(?:[A-Z][a-z.']+|[A-Z]{2,})"
_PLACE = rf"{_WORD}(?: {_WORD}){{0,2}}"
_DASH = r"\s*[-–—|:]\s*"
# "Bisnis.com, JAKARTA -", "TEMPO.CO, Jakarta" (possibly glued to the next word),
# "Seoul | EGINDO.co –", "SEOUL -", "JAKARTA (ANTARA) -", "WASHINGTON (Reuters) -"
_OUTLET_PLACE = re.compile(rf"^(?P<outlet>[A-Za-z][\w.]*\.(?:com|co|id|co\.id|net)|[A-Z]{{3,}}(?:\.[A-Z]+)*)\s*,\s*"
                           rf"(?P<place>(?:{_PLACE})?)(?:{_DASH}|(?=[A-Z][a-z]))")
_PLACE_OUTLET = re.compile(rf"^(?P<place>{_PLACE}){_DASH}(?P<outlet>[A-Za-z][\w]*(?:\.\w+)+){_DASH}")
_PLACE_PAREN = re.compile(rf"^(?P<place>[A-Z][A-Z .']{{2,30}}),?\s*(?:\((?P<outlet>[^)]{{2,30}})\))?{_DASH}")


def read_dateline(line: str) -> Dateline | None:
    """Recognise a dateline at the start of ``line``; None when the line has none."""
    for pattern in (_PLACE_OUTLET, _OUTLET_PLACE, _PLACE_PAREN):
        m = pattern.match(line)
        if not m:
            continue
        raw_outlet = m.groupdict().get("outlet")
        outlet = find_outlet(raw_outlet) if raw_outlet else None
        if pattern is _OUTLET_PLACE and outlet is None and "." not in (raw_outlet or ""):
            continue  # "AS, Korea" is not a dateline; an unknown all-caps word needs a domain
        rest = line[m.end():].strip()
        if len(rest.split()) < 5:
            continue
        place = (m.group("place") or "").strip() or None
        return Dateline(prefix=line[: m.end()].strip(), outlet=outlet, place=place, rest=rest)
    return None
