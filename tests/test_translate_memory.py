"""Translation memory, TMX 1.4 and glossaries: real SQLite files, real XML/CSV files written by the tests."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET

import pytest

from briefgen.model.text import Status
from briefgen.translate.glossary import Glossary, GlossaryError, gazetteer_pairs, read_glossary
from briefgen.translate.memory import TranslationMemory
from briefgen.translate.segments import normalise, segment_hash, split_segments
from briefgen.translate.tmx import TmxError, export_tmx, import_tmx

ID = "Menteri Luar Negeri AS Antony Blinken tiba di Seoul pada Rabu (8/11/2023) malam."
EN = "US Secretary of State Antony Blinken arrived in Seoul on Wednesday (8/11/2023) evening."


@pytest.fixture()
def memory(user_dir):
    with TranslationMemory() as tm:
        yield tm


def test_segments_normalise_quotes_and_spaces_but_keep_case():
    assert segment_hash("Dia  berkata “ya”.") == segment_hash("Dia berkata \"ya\".")
    assert segment_hash("AS menolak.") != segment_hash("as menolak.")  # AS = United States
    assert normalise("a\u00a0b – c") == "a b - c"
    assert split_segments("Dr. Budi tiba. Dia lelah.\nParagraf dua.") == [["Dr. Budi tiba.", "Dia lelah."],
                                                                          ["Paragraf dua."]]


def test_memory_lives_in_the_user_folder_and_finds_exact_matches(memory, user_dir):
    assert memory.path.is_relative_to(user_dir)
    assert memory.lookup(ID, "id", "en") is None
    memory.store(ID, EN, "id", "en")
    match = memory.lookup("  " + ID.replace(" tiba", "  tiba"), "id", "en")  # spacing differs: same segment
    assert match is not None and match.target == EN and match.status is Status.REVIEWED and match.score == 100
    assert memory.lookup(ID, "en", "id") is None  # direction matters
    memory.store(ID, EN.replace("evening", "night"), "id", "en")  # a person's later edit replaces the earlier one
    assert memory.lookup(ID, "id", "en").target.endswith("night.")
    assert memory.count() == 1


def test_fuzzy_suggestions_are_scored_and_marked_fuzzy(memory):
    memory.store(ID, EN, "id", "en")
    memory.store("Cuaca cerah di Jakarta hari ini.", "The weather is clear in Jakarta today.", "id", "en")
    similar = ID.replace("Seoul", "Tokyo")
    found = memory.suggest(similar, "id", "en", limit=3)
    assert [m.target for m in found] == [EN]
    assert found[0].status is Status.FUZZY and 80 < found[0].score < 100
    assert memory.suggest(similar, "id", "en", min_score=99) == []
    assert memory.suggest(ID, "id", "en")[0].status is Status.REVIEWED  # exact comes back as the person's


def test_machine_cache_is_per_pack_and_never_passes_for_reviewed(memory):
    memory.store(ID, "gibberish", "id", "en", status="machine", origin="pack-a")
    assert memory.lookup(ID, "id", "en") is None  # the Review tab sees no person's translation
    assert memory.lookup(ID, "id", "en", machine_from="pack-b") is None
    cached = memory.lookup(ID, "id", "en", machine_from="pack-a")
    assert cached.status is Status.MACHINE and cached.target == "gibberish"
    memory.store(ID, EN, "id", "en")
    assert memory.lookup(ID, "id", "en", machine_from="pack-a").status is Status.REVIEWED  # a person wins
    assert memory.suggest(ID.replace("Seoul", "Busan"), "id", "en")[0].target == EN  # suggestions: people only
    with pytest.raises(ValueError):
        memory.store(ID, EN, "id", "en", status="machine", origin="")
    assert memory.forget_machine("pack-a") == 1


def test_corrupt_database_is_moved_aside_and_a_fresh_one_started(user_dir):
    with TranslationMemory() as tm:
        tm.store(ID, EN, "id", "en")
        path = tm.path
    path.write_bytes(b"this is not a database" * 200)
    with TranslationMemory() as tm:
        assert tm.recovered and str(path) in tm.recovered and "moved to" in tm.recovered
        assert tm.count() == 0
        tm.store(ID, EN, "id", "en")  # the fresh memory works
        assert tm.lookup(ID, "id", "en").target == EN
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not a database")  # nothing lost
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en"
 srclang="id-ID" datatype="plaintext"/>
<body>
 <tu><tuv xml:lang="id-ID">
     <seg>Presiden <bpt i="1">&lt;b&gt;</bpt>Joko Widodo<ept i="1">&lt;/b&gt;</ept> tiba.</seg></tuv>
     <tuv xml:lang="en-GB"><seg>President <hi>Joko Widodo</hi> arrived.</seg></tuv></tu>
 <tu srclang="en"><tuv xml:lang="en"><seg>Good morning.</seg></tuv>
     <tuv xml:lang="in"><seg>Selamat pagi.</seg></tuv></tu>
 <tu><tuv xml:lang="id"><seg>Hanya satu bahasa.</seg></tuv><tuv xml:lang="fr"><seg>Une seule.</seg></tuv></tu>
</body></tmx>"""


def test_tmx_import_reads_regional_codes_inline_codes_and_directions(memory, tmp_path):
    path = tmp_path / "ministry.tmx"
    path.write_text(TMX, encoding="utf-8")
    report = import_tmx(path, memory)
    assert (report.stored, report.skipped_total) == (2, 1)
    match = memory.lookup("Presiden Joko Widodo tiba.", "id", "en")
    assert match.target == "President Joko Widodo arrived." and match.origin == "tmx:ministry.tmx"
    assert memory.lookup("Good morning.", "en", "id").target == "Selamat pagi."


def test_tmx_export_round_trips_people_only(memory, tmp_path):
    memory.store(ID, EN, "id", "en")
    memory.store("Good morning.", "Selamat pagi.", "en", "id")
    memory.store("x y z", "mt", "id", "en", status="machine", origin="pack")
    out = tmp_path / "out.tmx"
    assert export_tmx(memory, out) == 2
    root = ET.parse(out).getroot()
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "*all*"
    fresh = TranslationMemory(tmp_path / "other.sqlite")
    assert import_tmx(out, fresh).stored == 2
    assert fresh.lookup(ID, "id", "en").target == EN and fresh.lookup("Good morning.", "en", "id")
    assert fresh.lookup("x y z", "id", "en", machine_from="pack") is None
    fresh.close()


@pytest.mark.parametrize("content, reason", [
    ("<tmx", "well-formed"),
    ("<xliff version='1.2'/>", "not a TMX"),
    ('<!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx version="1.4"><body/></tmx>', "entities"),
])
def test_bad_tmx_is_refused_with_a_reason_naming_the_file(memory, tmp_path, content, reason):
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TmxError) as err:
        import_tmx(path, memory)
    assert str(path) in str(err.value) and reason in str(err.value) and "\n" not in str(err.value)


def test_gazetteer_terms_feed_the_glossary():
    glossary = Glossary(gazetteer_pairs())
    assert len(glossary) > 20
    assert glossary.exact("Menteri Luar Negeri AS", "id", "en").target == "US Secretary of State"
    assert glossary.exact("US Secretary of State", "en", "id").target == "Menteri Luar Negeri AS"  # canonical form
    assert glossary.exact("Antony Blinken.", "id", "en").origin == "gazetteer"


def test_masking_replaces_longest_terms_and_restore_puts_targets_back():
    glossary = Glossary([("Menteri Luar Negeri AS", "US Secretary of State", "t"), ("AS", "US", "t"),
                         ("Antony Blinken", "Antony Blinken", "t")])
    masked = glossary.mask(ID, "id", "en")
    assert masked.text.startswith("XT1X XT2X tiba di Seoul")
    assert [t.target for t in masked.terms] == ["US Secretary of State", "Antony Blinken"]
    restored, lost = masked.restore("The XT1X  xt2x arrived in Seoul.")
    assert restored == "The US Secretary of State Antony Blinken arrived in Seoul." and lost == []
    restored, lost = masked.restore("Arrived in Seoul XT1X.")
    assert [t.source for t in lost] == ["Antony Blinken"]
    assert glossary.mask("Kasus as biasa", "id", "en").terms == ()  # case-sensitive: 'as' is not 'AS'
    assert glossary.mask("WASHINGTON", "id", "en").terms == ()  # word boundaries
    assert glossary.missing_in(ID, "The Secretary arrived.", "id", "en")[0].target == "US Secretary of State"


def test_user_glossaries_csv_and_tbx_override_the_gazetteer(user_dir):
    folder = user_dir / "glossaries"
    folder.mkdir()
    (folder / "mine.csv").write_text("en,id,note\nSecretary Blinken,Menteri Luar Negeri AS,house style\n"
                                     "Seoul,Seoul,\n", encoding="utf-8-sig")
    (folder / "terms.tbx").write_text(
        '<?xml version="1.0"?><martif type="TBX"><text><body><termEntry id="1">'
        '<langSet xml:lang="id"><tig><term>peluru artileri</term></tig><tig><term>amunisi artileri</term></tig>'
        '</langSet><langSet xml:lang="en-US"><tig><term>artillery shells</term></tig></langSet>'
        '</termEntry></body></text></martif>', encoding="utf-8")
    (folder / "broken.csv").write_bytes(b"\xff\xfe\x00bad")  # skipped with a warning, others still load
    glossary = Glossary.default()
    assert glossary.exact("Menteri Luar Negeri AS", "id", "en").target == "Secretary Blinken"
    assert glossary.exact("amunisi artileri", "id", "en").target == "artillery shells"
    assert glossary.exact("peluru artileri", "id", "en").origin == "glossary:terms.tbx"
    with pytest.raises(GlossaryError, match="UTF-8"):
        read_glossary(folder / "broken.csv")


def test_a_version_1_memory_is_migrated_in_place(user_dir):
    path = user_dir / "memory" / "translation-memory.sqlite"
    path.parent.mkdir()
    with sqlite3.connect(path) as db:  # the first schema: no normalised-source column
        db.execute("CREATE TABLE segments (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,"
                   " src_hash TEXT NOT NULL, src_text TEXT NOT NULL, tgt_text TEXT NOT NULL, kind TEXT NOT NULL,"
                   " origin TEXT NOT NULL DEFAULT '', src_len INTEGER NOT NULL, updated TEXT NOT NULL,"
                   " UNIQUE (src_lang, tgt_lang, src_hash, kind))")
        db.execute("INSERT INTO segments VALUES (1, 'id', 'en', ?, ?, ?, 'reviewed', 'review', ?, '2026-01-01')",
                   (segment_hash(ID), ID, EN, len(normalise(ID))))
    with TranslationMemory() as tm:
        assert tm.recovered is None and tm.lookup(ID, "id", "en").target == EN
        assert tm.suggest(ID.replace("Seoul", "Tokyo"), "id", "en")[0].target == EN


def test_an_unopenable_memory_is_left_alone_and_the_build_goes_on(user_dir, tmp_path, clipping_articles):
    from briefgen.pipeline import BuildOptions, make_briefing, translate
    from briefgen.translate.memory import TranslationMemoryError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the memory's folder should be")
    with pytest.raises(TranslationMemoryError, match="cannot be opened"):
        TranslationMemory(blocker / "tm.sqlite")
    assert blocker.read_text().startswith("a file")  # nothing moved aside: it is not damage
    (user_dir / "memory").write_text("blocks the memory folder")
    briefing = make_briefing(clipping_articles, BuildOptions())[0]
    assert translate(briefing, BuildOptions()) == briefing  # no memory, no pack: unchanged, and no crash
