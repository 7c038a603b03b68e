"""The translation memory's SQLite schema (version 3), its row layout, and the upgrade from versions 1-2.

Kept apart from :mod:`briefgen.translate.memory` so the look-up code reads on its own; every change
of layout gets a version and a migration here, run in one transaction when an older file is opened
(an older briefgen's memory always opens; a newer one's is refused, never rewritten).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from briefgen.translate.segments import norm_hash, normalise, segment_hash

SCHEMA_VERSION = 3
# Roles of a row. A stored translation (ROLE_UNIT) is what `count` counts and export writes; its
# other direction and its other same-language variants (ROLE_MIRROR) and the sentences of a
# paragraph unit (ROLE_SENTENCE) only serve look-ups, and go when their translation goes (pair_of).
ROLE_UNIT, ROLE_MIRROR, ROLE_SENTENCE = 0, 1, 2
SCHEMA = (
    """CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    xml_hash TEXT NOT NULL UNIQUE,
    xml TEXT NOT NULL,               -- the TMX <tu> as read: codes, <sub>, notes, props, dates; written back on export
    origin TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
)""",
    """CREATE TABLE IF NOT EXISTS headers (
    id INTEGER PRIMARY KEY,
    xml_hash TEXT NOT NULL UNIQUE,
    xml TEXT NOT NULL,               -- an imported file's <header> notes, props and <ude> maps, merged into exports
    origin TEXT NOT NULL DEFAULT ''
)""",
    """CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    src_hash TEXT NOT NULL,          -- sha1 of src_norm: the exact-match key
    src_text TEXT NOT NULL,          -- as written (whitespace kept)
    src_norm TEXT NOT NULL DEFAULT '',  -- normalised source, scored by fuzzy suggestions without recomputing
    tgt_text TEXT NOT NULL,          -- as written (whitespace kept)
    tgt_hash TEXT NOT NULL DEFAULT '',  -- '' for the MT cache (one output per pack); else several translations coexist
    kind TEXT NOT NULL,              -- 'reviewed' or 'machine:<pack name>'
    origin TEXT NOT NULL DEFAULT '', -- where it came from: 'review', 'tmx:<file>', a pack name
    context TEXT NOT NULL DEFAULT '',   -- '' for a default translation; JSON of the context props of an alternative
    role INTEGER NOT NULL DEFAULT 0,
    dup INTEGER NOT NULL DEFAULT 0,  -- >0: a unit repeated in one file with other codes/notes (both kept)
    pair_of INTEGER,                 -- the ROLE_UNIT row a mirror or sentence row comes from
    unit_id INTEGER,                 -- the kept TMX unit (ROLE_UNIT rows from an import)
    src_len INTEGER NOT NULL,
    updated TEXT NOT NULL,           -- ISO time of the last change (a TMX unit's changedate; '' if it has none)
    UNIQUE (src_lang, tgt_lang, src_hash, kind, context, tgt_hash, role, dup)
)""",
    "CREATE INDEX IF NOT EXISTS segments_len ON segments (src_lang, tgt_lang, kind, src_len)",
    "CREATE INDEX IF NOT EXISTS segments_pair ON segments (pair_of)",
)
COLUMNS = ("src_lang, tgt_lang, src_hash, src_text, src_norm, tgt_text, tgt_hash, kind, origin, context, role, "
            "pair_of, unit_id, src_len, updated, dup")
INSERT = f"INSERT OR IGNORE INTO segments ({COLUMNS}) VALUES ({','.join('?' * 16)})"


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def segment_row(src: str, tgt: str, source: str, target: str, kind: str, origin: str, context: str, role: int,
                pair_of: int | None, unit_id: int | None, updated: str, dup: int = 0,
                norms: tuple[str, str] | None = None) -> tuple:
    """One ``segments`` row in COLUMNS order (``norms``: the normalised source and target, if known)."""
    norm = norms[0] if norms else normalise(source)
    tgt_hash = (norm_hash(norms[1]) if norms else segment_hash(target)) if kind == "reviewed" else ""
    return (src, tgt, norm_hash(norm), source, norm, target, tgt_hash, kind, origin, context, role, pair_of,
            unit_id, len(norm), updated, dup)


def migrate_to_3(db: sqlite3.Connection) -> None:
    """Versions 1 and 2 (one row per direction, no alternatives, no units) → 3, in one transaction.

    Every old row is kept as it was (its normalised form recomputed: version 1 had none); a person's
    translation gains its other direction.
    """
    db.execute("BEGIN")
    try:
        db.execute("DROP INDEX IF EXISTS segments_len")
        db.execute("ALTER TABLE segments RENAME TO segments_v2")
        for statement in SCHEMA:
            db.execute(statement)
        old = db.execute("SELECT src_lang, tgt_lang, src_text, tgt_text, kind, origin, updated FROM segments_v2 "
                         "ORDER BY id").fetchall()
        for src, tgt, s, t, kind, origin, updated in old:
            cur = db.execute(INSERT, segment_row(src, tgt, s, t, kind, origin, "", ROLE_UNIT, None, None, updated))
            if cur.rowcount and kind == "reviewed":
                db.execute(INSERT, segment_row(tgt, src, t, s, kind, origin, "", ROLE_MIRROR, cur.lastrowid, None,
                                               updated))
        db.execute("DROP TABLE segments_v2")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
