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
import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from briefgen.errors import BriefgenError
from briefgen.model.text import Lang, Status
from briefgen.resources import user_data_dir
from briefgen.translate.memory_schema import (
    COLUMNS,
    INSERT,
    ROLE_MIRROR,
    ROLE_SENTENCE,
    ROLE_UNIT,
    SCHEMA,
    SCHEMA_VERSION,
    migrate_to_3,
    now_iso,
    segment_row,
)
from briefgen.translate.segments import norm_hash, normalise, segment_hash

log = logging.getLogger(__name__)

FILE_NAME = "translation-memory.sqlite"
# a translation typed in (not an imported unit's), by direction and source hash
PATCH_LIMIT = 50  # at most this many people's translations in one store patch the fuzzy index in place
_PLAIN = "src_lang=? AND tgt_lang=? AND src_hash=? AND kind='reviewed' AND context='' AND role=0 AND unit_id IS NULL"
_UPSERT = (f"INSERT INTO segments ({COLUMNS}) VALUES ({','.join('?' * 16)}) ON CONFLICT (src_lang, tgt_lang, "
           "src_hash, kind, context, tgt_hash, role, dup) DO UPDATE SET src_text=excluded.src_text, "
           "tgt_text=excluded.tgt_text, updated=excluded.updated")
# the other direction of a typed-in pair, pointing at its row (found by its key) in the same statement
_INSERT_MIRROR = (f"INSERT OR IGNORE INTO segments ({COLUMNS}) VALUES ({','.join('?' * 11)}, (SELECT id FROM "
                  "segments WHERE src_lang=? AND tgt_lang=? AND src_hash=? AND kind='reviewed' AND context='' AND "
                  "tgt_hash=? AND role=0 AND dup=0), ?, ?, ?, ?)")


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
    context: str = ""  # '' for a default translation; the context (JSON) of an alternative


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored translation, as TMX export and the Review tab see it."""

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    status: Status
    origin: str
    updated: str
    context: str = ""
    unit_xml: str = ""  # the TMX <tu> it was imported from ('' for the Review tab's and the MT cache's)


@dataclass(frozen=True, slots=True)
class UnitRows:
    """What one imported TMX unit puts in the memory (built by ``briefgen.translate.tmx``)."""

    xml: str
    src_lang: Lang
    tgt_lang: Lang
    source: str
    target: str
    context: str  # '' (default translation) or the context key of an alternative
    updated: str
    mirrors: tuple[tuple[Lang, Lang, str, str], ...]  # the other direction, other variants of a language
    sentences: tuple[tuple[Lang, Lang, str, str], ...]  # sentence pairs of a paragraph unit, both directions


def default_path() -> Path:
    return user_data_dir() / "memory" / FILE_NAME


def context_matches(stored: str, wanted: dict[str, str] | None) -> bool:
    """An alternative's context holds when every context prop the caller knows and it has agrees."""
    if not stored or not wanted:
        return False
    try:
        have = json.loads(stored)
    except ValueError:
        return False
    common = [k for k in wanted if k in have]
    return bool(common) and all(have[k] == wanted[k] for k in common)


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

    # -- opening, migration and recovery ------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("integrity check failed")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.OperationalError(f"it was written by a newer briefgen (schema {version}); "
                                               "update briefgen to use it")
            columns = {row[1] for row in db.execute("PRAGMA table_info(segments)")}
            if columns and "role" not in columns:
                migrate_to_3(db)
            for statement in SCHEMA:
                db.execute(statement)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

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

    @contextmanager
    def transaction(self, people: bool = True) -> Iterator[None]:
        """All or nothing (a TMX import): held under the lock; rolled back on any error. ``people``:
        people's translations may change, so the fuzzy index is rebuilt on the next suggestion."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            finally:
                if people:
                    self._fuzzy.clear()

    # -- the Review-tab API -----------------------------------------------------------------------------------

    def lookup(self, text: str, src: Lang, tgt: Lang, machine_from: str | None = None,
               context: dict[str, str] | None = None) -> Match | None:
        """The exact match for ``text``: a person's translation, else (if ``machine_from`` names the
        pack in use) that pack's cached output; ``None`` when there is neither.

        Among several translations of one sentence: an alternative whose context matches ``context``
        (e.g. ``{"prev": ..., "next": ...}``), else the default one, else another alternative; a whole
        unit before a sentence cut from a paragraph; the most recently changed; the first stored.
        """
        kinds = ["reviewed"] + ([f"machine:{machine_from}"] if machine_from else [])
        with self._lock:
            rows = self._db.execute(
                f"SELECT src_text, tgt_text, kind, origin, context, role, updated, id FROM segments WHERE "
                f"src_lang=? AND tgt_lang=? AND src_hash=? AND kind IN ({','.join('?' * len(kinds))})",
                (src, tgt, segment_hash(text), *kinds)).fetchall()
        if not rows:
            return None
        source, target, kind, origin, ctx = _preferred(rows, context)[:5]
        status = Status.REVIEWED if kind == "reviewed" else Status.MACHINE
        return Match(source, target, status, 100.0, origin, ctx)

    def suggest(self, text: str, src: Lang, tgt: Lang, limit: int = 5, min_score: float = 70.0) -> list[Match]:
        """People's translations of similar sentences, best first, each with its rapidfuzz score.

        Only sources whose length allows ``min_score`` are scored (a ratio of s% needs the shorter
        text to be at least s/(200-s) of the longer, an indexed range), which keeps this fast on a large
        memory; an exact match comes back with status ``reviewed``, the others ``fuzzy``. One
        suggestion per source sentence: its preferred translation (as ``lookup`` would choose).
        """
        *_, result = self.suggest_steps(text, src, tgt, limit, min_score, chunk=0)
        return result or []

    def suggest_steps(self, text: str, src: Lang, tgt: Lang, limit: int = 5, min_score: float = 70.0,
                      chunk: int = 8000) -> Iterator[list[Match] | None]:
        """:meth:`suggest` in slices, for a window's event loop: ``None`` after each ``chunk`` sources scored
        (0: all at once), then the suggestions, the same as :meth:`suggest` gives. Scoring 100,000 long
        sentences holds the interpreter for a tenth of a second, which a window must not; the slice of the
        index is copied first, so a store between two steps does not shift it."""
        query = normalise(text)
        share = max(min(min_score, 99.0), 1.0) / (200.0 - max(min(min_score, 99.0), 1.0))
        lo, hi = int(len(query) * share), int(len(query) / share) + 1
        with self._lock:
            lengths, ids, norms = self._fuzzy_index(src, tgt)
            a, b = bisect.bisect_left(lengths, lo), bisect.bisect_right(lengths, hi)
            ids, norms = ids[a:b], norms[a:b]
        step = chunk or max(len(norms), 1)
        best: list[tuple[float, int, str]] = []  # (-score, index, source): rapidfuzz's order, best first, then first
        for start in range(0, len(norms), step):
            found = process.extract(query, norms[start:start + step], scorer=fuzz.ratio, limit=limit,
                                    score_cutoff=min_score)
            best = sorted(best + [(-score, start + index, norm) for norm, score, index in found])[:limit]
            if chunk:
                yield None
        out = []
        with self._lock:
            for negative, index, norm in best:
                row = self._db.execute("SELECT src_text, tgt_text, origin, context FROM segments WHERE id=?",
                                       (ids[index],)).fetchone()
                if row is not None:  # gone since the slice was taken: not offered
                    source, target, origin, ctx = row
                    out.append(Match(source, target, Status.REVIEWED if norm == query else Status.FUZZY,
                                     float(-negative), origin, ctx))
        yield out

    def fuzzy_ready(self, src: str, tgt: str) -> bool:
        """Whether similar-sentence suggestions for a direction can start at once (its index is loaded)."""
        return (src, tgt) in self._fuzzy

    def warm(self, src: str, tgt: str) -> None:
        """Load a direction's fuzzy index now (seconds at 100,000 sentences): for a worker thread."""
        with self._lock:
            self._fuzzy_index(src, tgt)

    def _fuzzy_index(self, src: str, tgt: str) -> tuple[list[int], list[int], list[str]]:
        """People's sources of one direction sorted by length, kept in memory until the next store."""
        if (src, tgt) not in self._fuzzy:
            rows = self._db.execute(
                "SELECT src_norm, src_text, tgt_text, 'reviewed', origin, context, role, updated, id, src_len "
                "FROM segments WHERE src_lang=? AND tgt_lang=? AND kind='reviewed'", (src, tgt)).fetchall()
            by_source: dict[str, list[tuple]] = {}
            for row in rows:
                by_source.setdefault(row[0], []).append(row[1:])
            chosen = ((_preferred(group, None), norm) for norm, group in by_source.items())
            best = sorted((row[8], row[7], norm) for row, norm in chosen)
            self._fuzzy[(src, tgt)] = ([r[0] for r in best], [r[1] for r in best], [r[2] for r in best])
        return self._fuzzy[(src, tgt)]

    def store(self, src_text: str, tgt_text: str, src: Lang, tgt: Lang, status: str = "reviewed",
              origin: str = "review") -> None:
        """Keep a translation. ``status='reviewed'`` is a person's (replaces their earlier one for the same
        sentence, and serves the other direction too); ``status='machine'`` caches a pack's output and
        needs ``origin`` = the pack's name."""
        self.store_many([(src_text, tgt_text)], src, tgt, status, origin)

    def store_many(self, pairs: Iterable[tuple[str, str]], src: Lang, tgt: Lang, status: str = "reviewed",
                   origin: str = "review") -> int:
        """Store many pairs in one transaction (MT cache, bulk edits); returns how many were stored.

        A later pair for the same sentence replaces an earlier one, in the batch and in the memory
        (a person's new edit, a pack's new output); imported TMX units are never replaced here.
        """
        kind = _kind(status, origin)
        now = now_iso()
        latest: dict[str, tuple[str, str, str, str]] = {}
        for s, t in pairs:
            s, t = s.strip(), t.strip()
            if s and t:
                ns, nt = normalise(s), normalise(t)
                latest[norm_hash(ns)] = (s, t, ns, nt)
        primaries = [segment_row(src, tgt, s, t, kind, origin, "", ROLE_UNIT, None, None, now, norms=(ns, nt))
                     for s, t, ns, nt in latest.values()]
        # a few of a person's translations (the Review tab's accepts) patch the loaded fuzzy index: reading
        # 100,000 rows again took seconds after every accepted segment; a bulk store rebuilds it when next needed
        patch = kind == "reviewed" and len(latest) <= PATCH_LIMIT and bool(self._fuzzy)
        gone: list[int] = []
        with self.transaction(people=kind == "reviewed" and not patch):
            if kind != "reviewed":
                self._db.executemany(_UPSERT, primaries)
                return len(primaries)
            keys = [(src, tgt, key) for key in latest]
            if patch:
                for key in keys:
                    gone += [r for (r,) in self._db.execute(
                        f"SELECT id FROM segments WHERE {_PLAIN} OR pair_of IN (SELECT id FROM segments WHERE "
                        f"{_PLAIN})", key + key)]
            self._db.executemany(f"DELETE FROM segments WHERE pair_of IN (SELECT id FROM segments WHERE {_PLAIN})",
                                 keys)
            self._db.executemany(f"DELETE FROM segments WHERE {_PLAIN}", keys)
            self._db.executemany(INSERT, primaries)
            self._db.executemany(_INSERT_MIRROR, [
                (*segment_row(tgt, src, t, s, kind, origin, "", ROLE_MIRROR, None, None, now, norms=(nt, ns))[:11],
                 src, tgt, primary[2], primary[6], *primary[12:])
                for (s, t, ns, nt), primary in zip(latest.values(), primaries, strict=True)])
            added = [row for key in keys for row in self._db.execute(
                f"SELECT src_lang, tgt_lang, src_norm, id, role FROM segments WHERE {_PLAIN} OR pair_of IN "
                f"(SELECT id FROM segments WHERE {_PLAIN})", key + key)] if patch else []
        if patch:
            with self._lock:
                try:
                    self._patch_fuzzy(added, gone)
                except (ValueError, IndexError):  # never a wrong suggestion: read it whole next time
                    self._fuzzy.clear()
        return len(primaries)

    def _patch_fuzzy(self, added: list[tuple[str, str, str, int, int]], gone: list[int]) -> None:
        """Keep the loaded fuzzy indexes true after a few people's translations were stored.

        Rows that went leave the index. A new translation of a source (role unit) is the newest default
        one, the one :func:`_preferred` picks, so it replaces that source's entry; its other direction
        (role mirror) is added only when no translation of that text is indexed (a unit comes first)."""
        removed = set(gone)
        for lengths, ids, norms in self._fuzzy.values():
            if removed.intersection(ids):
                keep = [i for i, row in enumerate(ids) if row not in removed]
                lengths[:] = [lengths[i] for i in keep]
                norms[:] = [norms[i] for i in keep]
                ids[:] = [ids[i] for i in keep]
        for src, tgt, norm, row_id, role in added:
            index = self._fuzzy.get((src, tgt))
            if index is None:
                continue  # not loaded yet: read whole when first needed
            lengths, ids, norms = index
            a, b = bisect.bisect_left(lengths, len(norm)), bisect.bisect_right(lengths, len(norm))
            same = [i for i in range(a, b) if norms[i] == norm]
            if same and role != ROLE_UNIT:
                continue
            for i in reversed(same):
                del lengths[i], ids[i], norms[i]
            b -= len(same)
            at = a + bisect.bisect_left(ids[a:b], row_id)  # within one length, by id (the index's order)
            lengths.insert(at, len(norm))
            ids.insert(at, row_id)
            norms.insert(at, norm)

    # -- TMX units ----------------------------------------------------------------------------------------------

    def add_unit(self, unit: UnitRows, origin: str, seen: set[int]) -> tuple[str, int]:
        """Keep one imported unit (call inside :meth:`transaction`; ``seen``: the translations this import
        has already stored or met, shared across its units). Returns what happened — 'stored' (a new
        translation), 'alternative' (context-specific, or another translation of a sentence already
        here), 'updated' (a translation an earlier import brought, now with this unit's codes, notes,
        props and date), 'unchanged' (this very unit is here) — and how many sentence pairs it added."""
        xml_hash = hashlib.sha1(unit.xml.encode("utf-8")).hexdigest()
        db = self._db
        known = db.execute("SELECT s.id FROM units u JOIN segments s ON s.unit_id=u.id AND s.role=0 "
                           "WHERE u.xml_hash=?", (xml_hash,)).fetchone()
        if known:
            seen.add(known[0])
            return "unchanged", 0
        src_hash, tgt_hash = segment_hash(unit.source), segment_hash(unit.target)
        same = db.execute("SELECT id, dup FROM segments WHERE src_lang=? AND tgt_lang=? AND src_hash=? AND "
                          "kind='reviewed' AND context=? AND tgt_hash=? AND role=0 ORDER BY origin<>?, id",
                          (unit.src_lang, unit.tgt_lang, src_hash, unit.context, tgt_hash, origin)).fetchall()
        earlier = [row_id for row_id, _ in same if row_id not in seen]
        dup = 0
        if earlier:  # the same translation from an earlier import (or typed in): this unit replaces it
            outcome = "updated"
            self._delete(earlier[0])
            same = [row for row in same if row[0] != earlier[0]]
        else:
            other = db.execute("SELECT 1 FROM segments WHERE src_lang=? AND tgt_lang=? AND src_hash=? AND "
                               "kind='reviewed' AND role IN (0, 1) AND tgt_hash<>? LIMIT 1",
                               (unit.src_lang, unit.tgt_lang, src_hash, tgt_hash)).fetchone()
            outcome = "alternative" if (unit.context or other) and not same else "stored"
        if same:  # repeated in this file with other codes or notes: both kept, as the file has them
            dup = max(d for _, d in same) + 1
        db.execute("INSERT OR REPLACE INTO units (xml_hash, xml, origin, updated) VALUES (?,?,?,?)",
                   (xml_hash, unit.xml, origin, now_iso()))
        unit_id = db.execute("SELECT id FROM units WHERE xml_hash=?", (xml_hash,)).fetchone()[0]
        primary = db.execute(INSERT, segment_row(unit.src_lang, unit.tgt_lang, unit.source, unit.target, "reviewed",
                                           origin, unit.context, ROLE_UNIT, None, unit_id, unit.updated, dup)).lastrowid
        seen.add(primary)
        db.executemany(INSERT, [segment_row(s, t, a, b, "reviewed", origin, unit.context, ROLE_MIRROR, primary, None,
                                      unit.updated) for s, t, a, b in unit.mirrors])
        added = 0
        for s, t, a, b in unit.sentences:
            inserted = db.execute(INSERT, segment_row(s, t, a, b, "reviewed", origin, unit.context, ROLE_SENTENCE,
                                                      primary, None, unit.updated)).rowcount
            added += inserted if s == "id" else 0  # a pair counts once, though it serves both directions
        return outcome, added

    def add_header(self, xml: str, origin: str) -> None:
        """Keep an imported file's header notes, props and ``<ude>`` maps (call inside :meth:`transaction`)."""
        self._db.execute("INSERT OR IGNORE INTO headers (xml_hash, xml, origin) VALUES (?,?,?)",
                         (hashlib.sha1(xml.encode("utf-8")).hexdigest(), xml, origin))

    def headers(self) -> list[str]:
        """The kept headers (XML), in import order."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT xml FROM headers ORDER BY id")]

    def _delete(self, row_id: int) -> None:
        """A stored translation with the rows it brought and the unit it kept."""
        unit = self._db.execute("SELECT unit_id FROM segments WHERE id=?", (row_id,)).fetchone()
        self._db.execute("DELETE FROM segments WHERE pair_of=? OR id=?", (row_id, row_id))
        if unit and unit[0] is not None:
            self._db.execute("DELETE FROM units WHERE id=?", (unit[0],))

    # -- whole-memory views -------------------------------------------------------------------------------------

    def entries(self, include_machine: bool = False) -> Iterator[Entry]:
        """Every stored translation (people's; the MT cache too if asked), oldest first, with its kept unit."""
        sql = ("SELECT s.src_lang, s.tgt_lang, s.src_text, s.tgt_text, s.kind, s.origin, s.updated, s.context, "
               "coalesce(u.xml, '') FROM segments s LEFT JOIN units u ON u.id=s.unit_id WHERE s.role=0")
        if not include_machine:
            sql += " AND s.kind='reviewed'"
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY s.id").fetchall()
        for sl, tl, s, t, kind, origin, updated, ctx, xml in rows:
            status = Status.REVIEWED if kind == "reviewed" else Status.MACHINE
            yield Entry(sl, tl, s, t, status, origin, updated, ctx, xml)

    def count(self, include_machine: bool = True) -> int:
        """Stored translations (a pair counts once, whatever directions and sentences it serves)."""
        sql = "SELECT COUNT(*) FROM segments WHERE role=0" + ("" if include_machine else " AND kind='reviewed'")
        with self._lock:
            return int(self._db.execute(sql).fetchone()[0])

    def stats(self) -> dict[str, int]:
        """Figures for ``briefgen memory stats``."""
        with self._lock:
            one = self._db.execute
            return {
                "reviewed": one("SELECT COUNT(*) FROM segments WHERE role=0 AND kind='reviewed'").fetchone()[0],
                "alternatives": one("SELECT COUNT(*) FROM segments WHERE role=0 AND kind='reviewed' "
                                    "AND context<>''").fetchone()[0],
                "units": one("SELECT COUNT(*) FROM units").fetchone()[0],
                "sentences": one("SELECT COUNT(*) FROM segments WHERE role=2 AND src_lang='id'").fetchone()[0],
                "machine": one("SELECT COUNT(*) FROM segments WHERE role=0 AND kind<>'reviewed'").fetchone()[0],
            }

    def forget_machine(self, pack: str | None = None) -> int:
        """Drop cached machine output (of one pack, or all): used when a pack is removed."""
        with self._lock:
            cur = self._db.execute("DELETE FROM segments WHERE kind LIKE ?", (f"machine:{pack or '%'}",))
            return cur.rowcount


def _preferred(rows: list[tuple], context: dict[str, str] | None) -> tuple:
    """The row ``lookup`` offers among (source, target, kind, origin, context, role, updated, id, ...) rows."""
    ordered = sorted(rows, key=lambda r: r[7])
    ordered.sort(key=lambda r: r[6], reverse=True)
    ordered.sort(key=lambda r: (r[2] != "reviewed", 0 if context_matches(r[4], context) else 1 if not r[4] else 2,
                                r[5] == ROLE_SENTENCE))
    return ordered[0]


def _kind(status: str, origin: str) -> str:
    if status == Status.REVIEWED:
        return "reviewed"
    if status == Status.MACHINE:
        if not origin:
            raise ValueError("machine output needs the pack's name as origin")
        return f"machine:{origin}"
    raise ValueError(f"a translation memory stores reviewed or machine text, not {status!r}")
