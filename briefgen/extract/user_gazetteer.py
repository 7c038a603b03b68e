"""The user's own gazetteer: names the analyst confirmed, with their English form and role.

Extraction lists name-like strings it does not know as *candidates* (``Facts.candidates``). The
packaged gazetteer covers the sample subject; on any other subject most names start as candidates,
and a candidate has no English form of its own, so briefgen cannot give one. Confirming it here
writes an entry to ``gazetteer.yaml`` in the user data folder, which :func:`load_gazetteer` reads
after the packaged file. From the next build the name is linked and its English form, kind and role
are generated text, not a guess.

The file is rewritten atomically. If it exists but cannot be read, nothing is written, so a broken
hand edit is never lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefgen.export import atomic_write_bytes
from briefgen.extract.gazetteer import FILE_NAME, KINDS, Entry, Gazetteer, GazetteerError, load_gazetteer, parse_entry
from briefgen.model import Article
from briefgen.resources import user_data_dir
from briefgen.userfiles import UserFileError, load_yaml

HEADER = ("# Your own gazetteer entries (briefgen adds the names you confirm in the window here).\n"
          "# Same format as the packaged assets/gazetteer.yaml; an entry with the same key replaces it.\n")


@dataclass(frozen=True)
class Candidate:
    """A name-like string extraction met but the gazetteer does not know."""

    name: str
    mentions: int
    articles: tuple[str, ...]  # titles of the articles it appears in, in import order


def user_gazetteer_path() -> Path:
    return user_data_dir() / FILE_NAME


def candidates(articles: Sequence[Article], gazetteer: Gazetteer | None = None) -> list[Candidate]:
    """Unknown names in ``articles`` (duplicates left out, as the briefing does), most mentioned first.

    The facts are usually those the window's last rebuild already extracted (``remembered_facts``).
    """
    from briefgen.extract.facts import remembered_facts

    facts = remembered_facts([a for a in articles if a.duplicate_of is None], gazetteer or load_gazetteer())
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = {}
    for article_facts in facts.articles:
        for name, count in article_facts.candidates.items():
            counts[name] += count
            where.setdefault(name, []).append(article_facts.article.title or article_facts.article.file)
    return [Candidate(name, count, tuple(dict.fromkeys(where[name])))
            for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))]


def new_key(name: str, taken: set[str]) -> str:
    """A stable lowercase key from the name ("Duyeon Kim" → "duyeon-kim"), made unique."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "entry"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _read_user_file(path: Path) -> list[dict]:
    if not path.exists() and not path.is_symlink():
        return []
    try:
        data = load_yaml(path).data or {}
    except UserFileError as exc:
        raise GazetteerError(f"cannot read your gazetteer, nothing was added: {exc.reason}", exc.path) from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise GazetteerError("your gazetteer needs a top-level 'entries:' list; nothing was added", path)
    return list(data.get("entries") or [])


def add_user_entry(kind: str, name_id: str, name_en: str, role_id: str = "", role_en: str = "",
                   variants: Sequence[str] = ()) -> Entry:
    """Add a confirmed name to the user's gazetteer; returns the entry as the loader reads it.

    Both names are required: the English form is the user's, never derived. A role needs both
    languages as well, or neither.
    """
    name_id, name_en, role_id, role_en = (v.strip() for v in (name_id, name_en, role_id, role_en))
    path = user_gazetteer_path()
    if kind not in KINDS:
        raise GazetteerError(f"unknown kind {kind!r} (use one of {', '.join(KINDS)})", path)
    if not name_id or not name_en:
        raise GazetteerError("a name needs its Indonesian and its English form", path)
    if bool(role_id) != bool(role_en):
        raise GazetteerError("a role needs its Indonesian and its English form, or neither", path)
    entries = _read_user_file(path)
    known = load_gazetteer()
    taken = {str(e.get("key")) for e in entries if isinstance(e, dict)} | {e.key for e in known.entries}
    raw: dict = {"key": new_key(name_en if kind == "person" else name_id, taken), "kind": kind,
                 "name": {"id": name_id, "en": name_en}}
    extra = [v.strip() for v in variants if v.strip() and v.strip() not in (name_id, name_en)]
    if extra:
        raw["variants"] = {"id": extra}
    if role_id:
        raw["roles"] = [{"id": role_id, "en": role_en}]
    entry = parse_entry(raw, path)  # the loader's own checks, before anything is written
    text = yaml.safe_dump({"entries": [*entries, raw]}, allow_unicode=True, sort_keys=False, width=120)
    atomic_write_bytes(path, (HEADER + text).encode("utf-8"))
    return entry
