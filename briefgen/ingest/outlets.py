"""The outlet registry and dateline reading.

Outlets are data (``assets/outlets.yaml``, extendable by the user). A dateline is the
"Bisnis.com, JAKARTA -" / "TEMPO.CO, Jakarta" / "Seoul | EGINDO.co –" / "SEOUL -" prefix of the
lead paragraph: it marks where the body starts and, when it names an outlet, which one.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from briefgen.resources import asset, user_data_dir
from briefgen.userfiles import UserFileError, boolean, list_of, load_yaml, record, text, validate

log = logging.getLogger(__name__)


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
    credit: Outlet | None = None  # "(Reuters)", "(ANTARA)": the agency whose copy this is


_OUTLET = record({"name": text(200), "names": list_of(text(200), 200), "domains": list_of(text(200), 200),
                  "wire": boolean()}, required=("name",))
_SCHEMA = record({"outlets": list_of(_OUTLET, 5_000)})


def _load(path: Path) -> list[Outlet]:
    data = validate(load_yaml(path), _SCHEMA)
    return [Outlet(o["name"], tuple(o.get("names") or [o["name"]]), tuple(o.get("domains", [])), o.get("wire", False))
            for o in data.get("outlets", [])]


@cache
def registry() -> tuple[Outlet, ...]:
    """The packaged outlets and the user's ``outlets.yaml`` (a broken user file is left out with a warning)."""
    outlets = _load(asset("outlets.yaml"))
    user_file = user_data_dir() / "outlets.yaml"
    if user_file.exists() or user_file.is_symlink():
        try:
            outlets = _load(user_file) + outlets  # the user's entries win
        except UserFileError as exc:
            log.warning("outlets not used (the packaged ones still are): %s", exc)
    return tuple(outlets)


@cache
def _name_index() -> tuple[tuple[str, Outlet], ...]:
    pairs = [(n.lower(), o) for o in registry() for n in o.names]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))  # longest first: "Koran Tempo" before "Tempo"


@cache
def _brand_pattern() -> re.Pattern[str]:
    """'detikSport', 'kumparanBISNIS', 'okezoneNews': an outlet's name with a desk glued on in capitals."""
    aliases = sorted({re.escape(n) for o in registry() for n in o.names if " " not in n}, key=len, reverse=True)
    return re.compile(rf"^(?i:(?P<alias>{'|'.join(aliases)}))(?P<desk>[A-Z][A-Za-z]+)$")


@lru_cache(maxsize=8192)  # asked for every header and credit line; the registry is read once per run
def find_outlet(name: str) -> Outlet | None:
    """The registry entry whose name or domain is ``name`` (case-insensitive), or None."""
    key = name.strip().lower()
    for alias, outlet in _name_index():
        if key == alias or key in outlet.domains:
            return outlet
    m = _brand_pattern().match(name.strip()) if 4 < len(name) < 40 else None
    if m and m.group("alias")[0].islower():  # brands written in lower case first: "detik", "kumparan"
        return find_outlet(m.group("alias"))
    return None


@cache
def _alias_pattern() -> re.Pattern[str]:
    aliases = [re.escape(alias) for alias, _ in _name_index()]  # longest first: the longest alias wins
    return re.compile(rf"(?<![\w.])(?:{'|'.join(aliases)})(?![\w])", re.IGNORECASE)


def outlet_in(text: str) -> Outlet | None:
    """The first registered outlet named as a whole word in ``text`` (longest alias wins)."""
    m = _alias_pattern().search(text)
    return find_outlet(m.group(0)) if m else None


_WORD = r"(?:[A-Z][a-z.']+|[A-Z]{2,})"
_PLACE = rf"{_WORD}(?: {_WORD}){{0,2}}"
_CAPS_PLACE = r"[A-Z][A-Z.']+(?: [A-Z][A-Z.']+){0,2}"
_DASH = r"\s*(?:-{1,2}|[–—|])\s*"
_DOMAIN = r"[A-Za-z][\w-]*(?:\.[A-Za-z]{2,}){1,2}"
_STAMP = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8}\.?)"  # "Nov 8", "8 Nov"


@cache
def _outlet_alternatives() -> str:
    """Registered names (longest first), any web domain, or an all-caps word: how outlets sign datelines."""
    names = sorted({n for o in registry() for n in o.names}, key=len, reverse=True)
    return "|".join([*(re.escape(n) for n in names), _DOMAIN, r"[A-Z]{3,}(?:\.[A-Z]+)*"])


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    outlet = rf"(?P<outlet>{_outlet_alternatives()})"
    return (
        # "Seoul | EGINDO.co –"
        re.compile(rf"^(?P<place>{_PLACE}){_DASH}{outlet}{_DASH}"),
        # "Bisnis.com, JAKARTA -", "Republika, SEOUL -", "TEMPO.CO, Jakarta" (glued to the next word)
        re.compile(rf"^{outlet}\s*,\s*(?P<place>(?:{_PLACE})?)(?:{_DASH}|(?=[A-Z][a-z]))"),
        # "JAKARTA, KOMPAS.com -", "Jakarta, CNN Indonesia --"
        re.compile(rf"^(?P<place>{_PLACE})\s*,\s*{outlet}{_DASH}"),
        # "Jakarta (ANTARA) -", "TOKYO, Nov 8 (Reuters) -", "SEOUL, South Korea (AP) —"
        re.compile(rf"^(?P<place>{_PLACE})(?:,\s*(?:{_STAMP}|{_PLACE}))?\s*\((?P<paren>[^)]{{2,30}})\){_DASH}"),
        # "KOMPAS.com -", "Okezone.com --", "(Yonhap) --": an outlet alone before the dash
        re.compile(rf"^\(?{outlet}\)?{_DASH}"),
        # "SEOUL -" (capitals only: "Blinken - ..." is not a dateline)
        re.compile(rf"^(?P<place>{_CAPS_PLACE})\s*(?:-{{1,2}}|[–—])\s*"),
    )


_BARE = re.compile(rf"^(?P<place>{_PLACE})\s*(?:-{{1,2}}|[–—])$")  # detik's "Jakarta -" on a line of its own


def read_dateline(line: str) -> Dateline | None:
    """Recognise a dateline at the start of ``line``; None when the line has none.

    A dateline alone on its line ("Jakarta -") comes back with an empty ``rest``: the body starts
    on the next line.
    """
    bare = _BARE.match(line)
    if bare:
        return Dateline(prefix=line, outlet=None, place=bare.group("place"), rest="")
    for pattern in _patterns():
        m = pattern.match(line)
        if not m:
            continue
        groups = m.groupdict()
        raw_outlet = groups.get("outlet") or groups.get("paren")
        outlet = find_outlet(raw_outlet) if raw_outlet else None
        if groups.get("outlet") and outlet is None and "." not in raw_outlet:
            continue  # "AS, Korea" is not a dateline; an unknown all-caps word needs a domain
        rest = line[m.end():].strip()
        if len(rest.split()) < 5:
            continue
        place = (groups.get("place") or "").strip() or None
        return Dateline(prefix=line[: m.end()].strip(), outlet=outlet, place=place, rest=rest,
                        credit=outlet if groups.get("paren") else None)
    return None
