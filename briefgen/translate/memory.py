"""Translation memory: what people have already translated, in SQLite in the user data folder.

Why SQLite: one file the user can back up, exact look-ups through an index on the normalised
segment hash (well under 2 ms with 100,000 segments, see ``benchmarks/bench_translate.py``), and
transactions so a crash never leaves half an import. A database that SQLite cannot read is moved
aside (never deleted) with a one-line message, and a fresh one is started, so a damaged file costs
the memory, not the briefing.

Two kinds of entry share the table. ``reviewed`` entries are a person's translations (edits in the
Review tab, TMX imports) and always win. ``machine:<pack>`` entries cache a pack's output so a
rebuild does not translate the same sentence again; they come back with status ``machine`` and only
for the pack that made them, so installing a better pack is not masked by an old one's output.

API for the window's Review tab (stable): :meth:`TranslationMemory.lookup`,
:meth:`TranslationMemory.suggest`, :meth:`TranslationMemory.store`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from briefgen.errors import BriefgenError
from briefgen.model.text import Lang, Status
from briefgen.resources import user_data_dir
from briefgen.translate.segments import normalise, segment_hash

log = logging.getLogger(__name__)

FILE_NAME = "translation-memory.sqlite"
SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    src_hash TEXT NOT NULL,
    src_text TEXT NOT NULL,
    src_norm TEXT NOT NULL DEFAULT '',  -- normalised source, scored by fuzzy suggestions without recomputing
    tgt_text TEXT NOT NULL,
    kind TEXT NOT NULL,            -- 'reviewed' or 'machine:<pack name>'
    origin TEXT NOT NULL DEFAULT '',  -- where it came from: 'review', 'tmx:<file>', a pack name
    src_len INTEGER NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (src_lang, tgt_lang, src_hash, kind)
);
CREATE INDEX IF NOT EXISTS segments_len ON segments (src_lang, tgt_lang, kind, src_len);
"""


class TranslationMemoryError(BriefgenError):
    """The memory exists but cannot be opened now (locked, read-only); it is left as it is."""


@dataclass(frozen=True, slots=True)
class Match:
    """A memory entry offered for a segment: its stored source and target, how good the match is."""

    source: str
    target: str
    status: Status  # reviewed (a person's), machine (cached pack output) or fuzzy (a similar sentence)
    score: float = 100.0  # rapidfuzz ratio of the normalised sources; 100 for an exact match
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored row, as TMX export and the Review tab see it."""

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    status: Status
    origin: str
    updated: str


def default_path() -> Path:
    return user_data_dir() / "memory" / FILE_NAME


class TranslationMemory:
    """The user's translation memory. Safe to share between the GUI thread and one worker."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise TranslationMemoryError(f"the translation memory cannot be opened ({exc.strerror or exc})",
                                         self.path) from exc
        self.recovered: str | None = None  # the message shown when a damaged database was moved aside
        self._lock = threading.RLock()
        self._fuzzy: dict[tuple[str, str], tuple[list[int], list[int], list[str]]] = {}  # lengths, ids, sources
        try:
            self._db = self._open()
        except sqlite3.OperationalError as exc:  # locked by another process, read-only, no such folder: not damage
            raise TranslationMemoryError(f"the translation memory cannot be opened ({exc})", self.path) from exc
        except sqlite3.DatabaseError as exc:  # "file is not a database", "malformed", a failed integrity check
            aside = self._move_aside()
            self.recovered = (f"{self.path}: the translation memory could not be read ({exc}); it was moved to "
                              f"{aside.name} and a new, empty memory was started")
            log.warning(self.recovered)
            self._db = self._open()

    # -- opening and recovery -------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            db.executescript(_SCHEMA)
            self._migrate(db)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Version 1 had no ``src_norm``: add it and fill it (one pass, in a transaction)."""
        columns = {row[1] for row in db.execute("PRAGMA table_info(segments)")}
        if "src_norm" not in columns:
            db.execute("BEGIN")
            db.execute("ALTER TABLE segments ADD COLUMN src_norm TEXT NOT NULL DEFAULT ''")
            rows = db.execute("SELECT id, src_text FROM segments").fetchall()
            db.executemany("UPDATE segments SET src_norm=? WHERE id=?", [(normalise(t), i) for i, t in rows])
            db.execute("COMMIT")

    def _move_aside(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.replace(aside)
        for suffix in ("-wal", "-shm"):  # a stale journal must not be replayed into the fresh file
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                extra.replace(aside.with_name(aside.name + suffix))
        return aside

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the Review-tab API -----------------------------------------------------------------------------------

    def lookup(self, text: str, src: Lang, tgt: Lang, machine_from: str | None = None) -> Match | None:
        """The exact match for ``text``: a person's translation, else (if ``machine_from`` names the
        pack in use) that pack's cached output; ``None`` when there is neither."""
        kinds = ["reviewed"] + ([f"machine:{machine_from}"] if machine_from else [])
        with self._lock:
            rows = self._db.execute(
                f"SELECT src_text, tgt_text, kind, origin FROM segments WHERE src_lang=? AND tgt_lang=? "
                f"AND src_hash=? AND kind IN ({','.join('?' * len(kinds))})",
                (src, tgt, segment_hash(text), *kinds)).fetchall()
        if not rows:
            return None
        source, target, kind, origin = min(rows, key=lambda r: r[2] != "reviewed")
        status = Status.REVIEWED if kind == "reviewed" else Status.MACHINE
        return Match(source, target, status, 100.0, origin)

    def suggest(self, text: str, src: Lang, tgt: Lang, limit: int = 5, min_score: float = 70.0) -> list[Match]:
        """People's translations of similar sentences, best first, each with its rapidfuzz score.

        Only sources whose length allows ``min_score`` are scored (a ratio of s% needs the shorter
        text to be at least s/(200-s) of the longer, an indexed range), which keeps this fast on a large
        memory; an exact match comes back with status ``reviewed``, the others ``fuzzy``.
        """
        query = normalise(text)
        share = max(min(min_score, 99.0), 1.0) / (200.0 - max(min(min_score, 99.0), 1.0))
        lo, hi = int(len(query) * share), int(len(query) / share) + 1
        with self._lock:
            lengths, ids, norms = self._fuzzy_index(src, tgt)
            a, b = bisect.bisect_left(lengths, lo), bisect.bisect_right(lengths, hi)
            found = process.extract(query, norms[a:b], scorer=fuzz.ratio, limit=limit, score_cutoff=min_score)
            rows = [self._db.execute("SELECT src_text, tgt_text, origin FROM segments WHERE id=?",
                                     (ids[a + index],)).fetchone() for _, _, index in found]
        out = []
        for (norm, score, _), (source, target, origin) in zip(found, rows, strict=True):
            exact = norm == query
            out.append(Match(source, target, Status.REVIEWED if exact else Status.FUZZY, float(score), origin))
        return out

    def _fuzzy_index(self, src: str, tgt: str) -> tuple[list[int], list[int], list[str]]:
        """People's sources of one direction sorted by length, kept in memory until the next store."""
        if (src, tgt) not in self._fuzzy:
            rows = self._db.execute("SELECT src_len, id, src_norm FROM segments WHERE src_lang=? AND tgt_lang=? "
                                    "AND kind='reviewed' ORDER BY src_len", (src, tgt)).fetchall()
            self._fuzzy[(src, tgt)] = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        return self._fuzzy[(src, tgt)]

    def store(self, src_text: str, tgt_text: str, src: Lang, tgt: Lang, status: str = "reviewed",
              origin: str = "review") -> None:
        """Keep a translation. ``status='reviewed'`` is a person's (replaces an earlier one for the same
        sentence); ``status='machine'`` caches a pack's output and needs ``origin`` = the pack's name."""
        self.store_many([(src_text, tgt_text)], src, tgt, status, origin)

    def store_many(self, pairs: Iterable[tuple[str, str]], src: Lang, tgt: Lang, status: str = "reviewed",
                   origin: str = "review") -> int:
        """Store many pairs in one transaction (TMX import, MT cache); returns how many were stored."""
        kind = _kind(status, origin)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = [(src, tgt, segment_hash(s), s.strip(), normalise(s), t.strip(), kind, origin, len(normalise(s)), now)
                for s, t in pairs if s.strip() and t.strip()]
        with self._lock:
            self._db.execute("BEGIN")
            try:
                self._db.executemany(
                    "INSERT INTO segments (src_lang, tgt_lang, src_hash, src_text, src_norm, tgt_text, kind, origin,"
                    " src_len, updated) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (src_lang, tgt_lang, src_hash, kind)"
                    " DO UPDATE SET src_text=excluded.src_text, src_norm=excluded.src_norm, tgt_text=excluded.tgt_text,"
                    " origin=excluded.origin, updated=excluded.updated", rows)
                self._db.execute("COMMIT")
                if kind == "reviewed":
                    self._fuzzy.pop((src, tgt), None)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return len(rows)

    # -- whole-memory views -------------------------------------------------------------------------------------

    def entries(self, include_machine: bool = False) -> Iterator[Entry]:
        """Every entry (people's translations; the MT cache too if asked), oldest first."""
        sql = "SELECT src_lang, tgt_lang, src_text, tgt_text, kind, origin, updated FROM segments"
        if not include_machine:
            sql += " WHERE kind='reviewed'"
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY id").fetchall()
        for sl, tl, s, t, kind, origin, updated in rows:
            yield Entry(sl, tl, s, t, Status.REVIEWED if kind == "reviewed" else Status.MACHINE, origin, updated)

    def count(self, include_machine: bool = True) -> int:
        sql = "SELECT COUNT(*) FROM segments" + ("" if include_machine else " WHERE kind='reviewed'")
        with self._lock:
            return int(self._db.execute(sql).fetchone()[0])

    def forget_machine(self, pack: str | None = None) -> int:
        """Drop cached machine output (of one pack, or all): used when a pack is removed."""
        with self._lock:
            cur = self._db.execute("DELETE FROM segments WHERE kind LIKE ?", (f"machine:{pack or '%'}",))
            return cur.rowcount


def _kind(status: str, origin: str) -> str:
    if status == Status.REVIEWED:
        return "reviewed"
    if status == Status.MACHINE:
        if not origin:
            raise ValueError("machine output needs the pack's name as origin")
        return f"machine:{origin}"
    raise ValueError(f"a translation memory stores reviewed or machine text, not {status!r}")
