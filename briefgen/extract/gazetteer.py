"""The bilingual gazetteer: who and what the clippings name, in Indonesian and English.

Why a hand-kept data file and not a model: names, short forms ("Korut", "Menlu AS") and titles differ
by country and by newsroom, and a briefing must give them in English without guessing. The packaged
``assets/gazetteer.yaml`` is extended by the user's own ``gazetteer.yaml`` in
:func:`briefgen.resources.user_data_dir` (same format; an entry with the same ``key`` replaces the
packaged one). The same data is the translation layer's glossary (:meth:`Gazetteer.term_pairs`).

YAML format (documented in full at the top of ``assets/gazetteer.yaml``)::

    entries:
      - key: antony-blinken                   # unique, stable
        kind: person                          # person | country | organisation | place | term
        name: {id: Antony Blinken, en: Antony Blinken}
        variants: {id: [Blinken], en: [Tony Blinken]}
        metonyms: {Washington: Washington}    # optional (countries): names standing for the entry
        affiliation: united-states            # optional: key of another entry
        roles:                                # people: titles in both languages
          - {id: Menteri Luar Negeri AS, en: US Secretary of State, variants: [Menlu AS]}
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from briefgen.errors import BriefgenError
from briefgen.model import BiText
from briefgen.resources import asset, file_state, user_data_dir
from briefgen.userfiles import UserFileError, load_yaml

log = logging.getLogger(__name__)

KINDS = ("person", "country", "organisation", "place", "term")
FILE_NAME = "gazetteer.yaml"


class GazetteerError(BriefgenError):
    """A gazetteer file could not be read or has a malformed entry."""


@dataclass(frozen=True, slots=True)
class Role:
    id: str
    en: str
    variants: tuple[str, ...] = ()
    since: dt.date | None = None  # the holder's term, when the gazetteer knows it: a title names this
    until: dt.date | None = None  # person only for articles dated within it

    def held_on(self, day: dt.date | None) -> bool:
        return day is None or ((self.since is None or self.since <= day) and (self.until is None or day <= self.until))

    @property
    def bitext(self) -> BiText:
        return BiText.generated(self.id, self.en)


@dataclass(frozen=True, slots=True)
class Entry:
    """One person, country, organisation, place or term."""

    key: str
    kind: str
    name: dict[str, str]  # {"id": ..., "en": ...}
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    metonyms: dict[str, str] = field(default_factory=dict)
    affiliation: str | None = None
    roles: tuple[Role, ...] = ()

    @property
    def bitext(self) -> BiText:
        """The canonical name in both languages, status ``generated``."""
        return BiText.generated(self.name["id"], self.name["en"])

    def forms(self) -> list[str]:
        """Every surface form that names this entry (roles excluded)."""
        out = [self.name["id"], self.name["en"], *self.metonyms]
        for lang in ("id", "en"):
            out += self.variants.get(lang, ())
        return list(dict.fromkeys(f for f in out if f))


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text naming an entry (``role`` set when the span is a title such as "Menlu AS")."""

    entry: Entry
    start: int
    end: int
    text: str
    role: Role | None = None


def _bounded(forms: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
    return re.compile(rf"(?<![\w]){'(?:' + alternatives + ')'}(?![\w])")


class Gazetteer:
    """Entries with a longest-match finder over all their forms and titles."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries: tuple[Entry, ...] = tuple(entries)
        self._by_key = {e.key: e for e in self.entries}
        self._by_form: dict[str, tuple[Entry, Role | None]] = {}
        for entry in self.entries:  # names first so that a title never shadows a name
            for form in entry.forms():
                self._by_form.setdefault(form, (entry, None))
        for entry in self.entries:
            for role in entry.roles:
                for form in (role.id, *role.variants):
                    self._by_form.setdefault(form, (entry, role))
        self._terms = {f.lower(): e for e in self.entries if e.kind == "term"
                       for f in (e.name["id"], *e.variants.get("id", ()))}
        self._terms_en = {f.lower(): e for e in self.entries if e.kind == "term"
                          for f in (e.name["en"], *e.variants.get("en", ()))}
        self._pattern = _bounded(self._by_form) if self._by_form else re.compile(r"(?!x)x")

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, key: str | None) -> Entry | None:
        return self._by_key.get(key) if key else None

    def lookup(self, form: str) -> Entry | None:
        """The entry a surface form names (exact, then case-insensitive), or None."""
        hit = self._by_form.get(form.strip())
        if hit:
            return hit[0]
        lowered = form.strip().lower()
        for known, (entry, _) in self._by_form.items():
            if known.lower() == lowered:
                return entry
        return None

    def find(self, text: str, kinds: Iterable[str] | None = None) -> list[Mention]:
        """All mentions in ``text``, longest match first, left to right, non-overlapping."""
        wanted = set(kinds) if kinds else None
        out = []
        for m in self._pattern.finditer(text):
            entry, role = self._by_form[m.group(0)]
            if wanted is None or entry.kind in wanted:
                out.append(Mention(entry, m.start(), m.end(), m.group(0), role))
        return out

    def role_of(self, entry: Entry) -> Role | None:
        return entry.roles[0] if entry.roles else None

    def affiliation_of(self, entry: Entry) -> Entry | None:
        return self.get(entry.affiliation)

    def term(self, phrase: str, lang: str = "id") -> Entry | None:
        """A ``term`` entry whose name or variant in ``lang`` equals ``phrase`` (case-insensitive)."""
        return (self._terms if lang == "id" else self._terms_en).get(phrase.strip().lower())

    def term_pairs(self) -> list[tuple[str, str]]:
        """Every (Indonesian form, English canonical) pair, for the translation glossary.

        A short form that is part of the English name itself ("Blinken", "Park") pairs with itself, so
        a translator keeps it as written instead of expanding it; metonyms ("Moskow") pair with their
        own English form ("Moscow"), not with the country.
        """
        pairs: list[tuple[str, str]] = []
        for entry in self.entries:
            en = entry.name["en"]
            pairs.append((entry.name["id"], en))
            for variant in entry.variants.get("id", ()):
                pairs.append((variant, variant if variant in en else en))
            pairs += list(entry.metonyms.items())
            for role in entry.roles:
                pairs += [(role.id, role.en)] + [(v, role.en) for v in role.variants]
        return list(dict.fromkeys(p for p in pairs if p[0] and p[1]))


def parse_entry(raw: object, path: Path) -> Entry:
    """One entry from its YAML mapping, checked (kind, both names, roles) the way the loader checks it."""
    if not isinstance(raw, dict) or "key" not in raw or "name" not in raw:
        raise GazetteerError(f"entry without key/name: {str(raw)[:60]}", path)
    kind = raw.get("kind", "term")
    if kind not in KINDS:
        raise GazetteerError(f"entry {raw['key']!r}: unknown kind {kind!r} (use one of {', '.join(KINDS)})", path)
    name = raw["name"] if isinstance(raw["name"], dict) else {"id": str(raw["name"]), "en": str(raw["name"])}
    if not name.get("id") or not name.get("en"):
        raise GazetteerError(f"entry {raw['key']!r}: name needs both id and en", path)
    variants = raw.get("variants") or {}
    if isinstance(variants, list):
        variants = {"id": variants}
    roles = []
    for r in raw.get("roles") or ():
        if not isinstance(r, dict) or not r.get("id") or not r.get("en"):
            raise GazetteerError(f"entry {raw['key']!r}: a role needs both id and en", path)
        since, until = r.get("from"), r.get("until")
        for value in (since, until):
            if value is not None and not isinstance(value, dt.date):
                raise GazetteerError(f"entry {raw['key']!r}: a role's from/until must be a date (YYYY-MM-DD)", path)
        roles.append(Role(str(r["id"]), str(r["en"]), tuple(str(v) for v in r.get("variants") or ()), since, until))
    return Entry(
        key=str(raw["key"]), kind=kind, name={"id": str(name["id"]), "en": str(name["en"])},
        variants={lang: tuple(str(v) for v in variants.get(lang) or ()) for lang in ("id", "en")},
        metonyms={str(k): str(v) for k, v in (raw.get("metonyms") or {}).items()},
        affiliation=raw.get("affiliation"), roles=tuple(roles),
    )


def read_entries(path: Path) -> list[Entry]:
    """Entries of one gazetteer file; a clear one-line error naming the file (and line) when it is broken.

    Read through :mod:`briefgen.userfiles`: a regular file only, size-bounded, YAML without alias bombs.
    """
    try:
        doc = load_yaml(path)
    except UserFileError as exc:
        raise GazetteerError(f"cannot read gazetteer: {exc.reason}", exc.path) from exc
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list | type(None)):
        raise GazetteerError("a gazetteer needs a top-level 'entries:' list", path)
    entries = []
    for i, raw in enumerate(data.get("entries") or ()):
        where = f"{path}:{doc.line(('entries', i))}" if doc.line(("entries", i)) else path
        try:
            _check_types(raw)
            entries.append(parse_entry(raw, path))
        except GazetteerError as exc:
            raise GazetteerError(exc.reason, where) from exc
        except (TypeError, AttributeError, ValueError, KeyError) as exc:
            raise GazetteerError(f"entry {i + 1}: wrong type of value ({type(exc).__name__}: {exc})", where) from exc
    return entries


def _check_types(raw: object) -> None:
    """Every value an entry may hold is text (or a date), a list or a mapping of those: nothing else."""
    def ok(value: object, depth: int = 0) -> bool:
        if isinstance(value, str | int | float | dt.date) and not isinstance(value, bool):
            return len(str(value)) <= 1_000  # dates: a role's from/until
        if depth < 3 and isinstance(value, list):
            return len(value) <= 1_000 and all(ok(v, depth + 1) for v in value)
        if depth < 3 and isinstance(value, dict):
            return len(value) <= 1_000 and all(ok(k, 3) and ok(v, depth + 1) for k, v in value.items())
        return False

    if isinstance(raw, dict):
        for key, value in raw.items():
            if value is not None and not ok(value):
                raise GazetteerError(f"entry {raw.get('key', '?')!s:.60}: {key!s:.40} has a value that is not "
                                     "text, a list of text or a mapping of them")


def _is_packaged(path: Path) -> bool:
    return path == asset(FILE_NAME)


def load_gazetteer(extra_paths: Sequence[Path | str] = ()) -> Gazetteer:
    """The packaged gazetteer, extended by the user's ``gazetteer.yaml`` and any ``extra_paths``.

    Read again only when one of the files changed (the window rebuilds the briefing on every click;
    parsing the YAML each time cost more than the rest of a preview refresh).
    """
    paths = [asset(FILE_NAME), user_data_dir() / FILE_NAME, *(Path(p) for p in extra_paths)]
    return _load(tuple(state for state in map(file_state, paths) if state is not None))


@lru_cache(maxsize=8)
def _load(states: tuple[tuple[str, int, int], ...]) -> Gazetteer:
    merged: dict[str, Entry] = {}
    for name, _mtime, _size in states:
        try:
            entries = read_entries(Path(name))
        except GazetteerError as exc:
            if _is_packaged(Path(name)):
                raise
            log.warning("gazetteer not used (the packaged one still is): %s", exc)  # isolation
            continue
        for entry in entries:
            merged[entry.key] = entry  # later files replace earlier entries with the same key
    return Gazetteer(list(merged.values()))


@cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer only, read once (extraction's default; tests stay independent of the user)."""
    return Gazetteer(read_entries(asset(FILE_NAME)))
