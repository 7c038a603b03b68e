"""TMX compliance: one small hand-written file per feature the LISA kit and OmegaT's TMX tests check
(tests/tmx_cases/), imported into a real SQLite memory, looked up both ways and exported back."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from briefgen.translate.memory import TranslationMemory
from briefgen.translate.tmx import TmxError, export_tmx, import_tmx, nothing_usable
from briefgen.translate.tmx_read import HEADER_DEFAULTS, XML_LANG

CASES = Path(__file__).parent / "tmx_cases"
ENCODINGS = ["encoding.tmx", "encoding-utf8-bom.tmx", "encoding-utf16le-bom.tmx", "encoding-utf16be-bom.tmx",
             "encoding-utf16le.tmx", "encoding-utf16be.tmx"]


@pytest.fixture()
def memory(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        yield tm


def both_ways(memory: TranslationMemory, indonesian: str, english: str) -> None:
    """The pair serves Indonesian→English and English→Indonesian, texts exactly as stored."""
    to_en, to_id = memory.lookup(indonesian, "id", "en"), memory.lookup(english, "en", "id")
    assert to_en is not None and to_en.target == english, (indonesian, to_en)
    assert to_id is not None and to_id.target == indonesian, (english, to_id)


@pytest.mark.parametrize("name", ENCODINGS)
def test_every_encoding_and_byte_order_mark_imports_the_same_text(memory, name):
    report = import_tmx(CASES / name, memory)
    assert (report.units, report.stored, report.skipped_total) == (2, 2, 0)
    both_ways(memory, "Blinken tiba di Seoul pada Rabu – “kunjungan singkat”.",
              "Blinken arrived in Seoul on Wednesday – “a short visit”.")
    both_ways(memory, "Pembicaraan di kafé berakhir pukul 21.00. €5 ½ 𝐀𝐁𝐂.", "Café talks ended at 9 p.m. €5 ½ 𝐀𝐁𝐂.")


def test_a_declared_single_byte_encoding_is_honoured(memory, tmp_path):
    text = (CASES / "encoding.tmx").read_text("utf-8").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("€5 ½ 𝐀𝐁𝐂", "5 ½").replace("–", "-").replace("“", '"').replace("”", '"')
    path = tmp_path / "latin1.tmx"
    path.write_bytes(text.encode("latin-1"))
    assert import_tmx(path, memory).stored == 2
    both_ways(memory, "Pembicaraan di kafé berakhir pukul 21.00. 5 ½.", "Café talks ended at 9 p.m. 5 ½.")


def test_a_default_namespace_on_the_root_is_read_as_plain_tmx(memory, tmp_path):
    path = tmp_path / "namespaced.tmx"
    path.write_text((CASES / "tmx11.tmx").read_text("utf-8").replace('<tmx version="1.1">',
                    '<tmx xmlns="http://www.lisa.org/tmx14" version="1.1">'), encoding="utf-8")
    assert import_tmx(path, memory).stored == 2
    both_ways(memory, "Peluru telah dikirim.", "Shells were shipped.")


def test_character_references_decimal_hex_and_predefined_entities(memory):
    assert import_tmx(CASES / "charrefs.tmx", memory).stored == 2
    both_ways(memory, "à=agrave, é=eacute, ’=rsquo, 𝐀=A tebal", "à=agrave, é=eacute, ’=rsquo, 𝐀=bold A")
    both_ways(memory, "Markah: <b> & \"kutipan\" 'di sini'", "Markup: <b> & \"quotes\" 'here'")


def test_whitespace_is_stored_as_written_and_matched_normalised(memory, tmp_path):
    assert import_tmx(CASES / "whitespace.tmx", memory).stored == 4
    both_ways(memory, "Tab di sini [\t\t   ] dan spasi.", "Tabs here [\t\t   ] and spaces.")  # kit test 1A
    both_ways(memory, "Spasi tak putus [\u00a0\u00a0] dan lebar penuh [\u3000\u3000].",  # kit test 1I
              "No-break spaces [\u00a0\u00a0] and full-width [\u3000\u3000].")
    both_ways(memory, "  Spasi di awal dan di akhir.  ", "  Spaces at the start and the end.  ")
    both_ways(memory, "Baris satu\r\nbaris dua", "Line one\r\nline two")
    match = memory.lookup("Tab di sini [ ] dan spasi.", "id", "en")  # the key is normalised, the text is not
    assert match.target == "Tabs here [\t\t   ] and spaces."
    out = tmp_path / "out.tmx"
    export_tmx(memory, out)
    segs = [s.text for s in ET.parse(out).getroot().iter("seg")]
    assert "Tabs here [\t\t   ] and spaces." in segs and "Line one\r\nline two" in segs
    assert "No-break spaces [\u00a0\u00a0] and full-width [\u3000\u3000]." in segs


def test_inline_codes_are_left_out_of_the_text_and_written_back(memory, tmp_path):
    assert import_tmx(CASES / "inline-codes.tmx", memory).stored == 4
    both_ways(memory, "Menteri bertemu  Presiden Yoon.", "The minister met  President Yoon.")
    both_ways(memory, "Pembicaraan berlanjut. Larut.", "Talks went on. Late.")
    both_ways(memory, "Gambar: ", "Picture: ")
    out = tmp_path / "out.tmx"
    export_tmx(memory, out)
    assert units(out) == units(CASES / "inline-codes.tmx")
    assert {tu.get("datatype") for tu in ET.parse(out).getroot().iter("tu")} == {"html"}  # how to read the codes


def test_sub_flows_inside_codes_are_not_sentence_text_but_survive_export(memory, tmp_path):
    import_tmx(CASES / "inline-codes.tmx", memory)
    both_ways(memory, "Klik  untuk memulai.", "Click  to start.")
    assert memory.lookup("Start here", "en", "id") is None
    out = tmp_path / "out.tmx"
    export_tmx(memory, out)
    subs = [s.text for s in ET.parse(out).getroot().iter("sub")]
    assert subs == ["Start here", "Mulai di sini"]


def test_notes_props_and_dates_round_trip(memory, tmp_path):
    assert import_tmx(CASES / "notes-props.tmx", memory).stored == 1
    match = memory.lookup("Kedua menteri membahas kerja sama pertahanan.", "id", "en")
    assert match.target == "The two ministers discussed defence cooperation."
    out = tmp_path / "out.tmx"
    export_tmx(memory, out)
    assert units(out) == units(CASES / "notes-props.tmx")
    tu = ET.parse(out).getroot().find("body/tu")
    assert [n.text for n in tu.iter("note")] == ["Checked against the press release.", "Second note.",
                                                  "Indonesian side note.", "English side note."]
    assert tu.get("usagecount") == "3" and tu.find("prop[@type='x-client']").get("o-encoding") == "iso-8859-1"
    header = ET.parse(out).getroot().find("header")  # what the file said of all its units comes back too
    assert [(c.tag, c.text) for c in header] == [("note", "Header note: a ministry memory."),
                                                 ("prop", "diplomacy")]
    assert header.get("srclang") == "*all*" and tu.get("srclang") == "id-ID"
    assert tu.get("segtype") == "block" and tu.get("datatype") == "plaintext"  # the file's header said block


def test_header_maps_and_notes_of_several_files_are_merged_once(memory, tmp_path):
    ude = ('<ude name="MacRoman" base="Macintosh"><map unicode="#xF8FF" code="#xF0" ent="AppleLogo" '
           'subst="[Apple]"/></ude>')
    for n in (1, 2):
        path = tmp_path / f"mac{n}.tmx"
        path.write_text(f'<tmx version="1.4"><header srclang="id">{ude}<note>Shared note.</note>'
                        f'<prop type="x-file">{n}</prop></header><body><tu><tuv xml:lang="id"><seg>Satu {n}.</seg>'
                        f'</tuv><tuv xml:lang="en"><seg>One {n}.</seg></tuv></tu></body></tmx>', encoding="utf-8")
        import_tmx(path, memory)
    out = tmp_path / "out.tmx"
    export_tmx(memory, out)
    header = ET.parse(out).getroot().find("header")
    assert [c.tag for c in header] == ["ude", "note", "prop", "prop"]
    assert header.find("ude/map").get("subst") == "[Apple]"


def test_tmx_1_1_reads_like_1_4_and_exports_as_1_4(memory, tmp_path):
    assert import_tmx(CASES / "tmx11.tmx", memory).stored == 2
    both_ways(memory, "Rusia dan Korea Utara menandatangani perjanjian.", "Russia and North Korea signed an agreement.")
    both_ways(memory, "Peluru telah dikirim.", "Shells were shipped.")
    out = tmp_path / "out.tmx"
    export_tmx(memory, out)
    root = ET.parse(out).getroot()
    assert root.get("version") == "1.4"
    assert [t.get(XML_LANG) for t in root.iter("tuv")] == ["EN-US", "IN", "EN-US", "ID"]
    assert all(t.get("lang") is None for t in root.iter("tuv"))
    assert units(out) == units(CASES / "tmx11.tmx")


def test_srclang_variants_every_unit_serves_both_directions(memory):
    report = import_tmx(CASES / "srclang.tmx", memory)
    assert (report.units, report.stored) == (7, 5)
    assert report.skipped == {"no Indonesian variant": {"en+fr-fr": 1, "en+ms": 1}}
    both_ways(memory, "Unit tanpa srclang sendiri.", "A unit without its own srclang.")
    both_ways(memory, "Sumber bahasa Inggris Britania.", "A British English source.")
    both_ways(memory, "Kode lama untuk bahasa Indonesia.", "The old code for Indonesian.")
    both_ways(memory, "Sumber berbahasa Jerman.", "A German source.")
    both_ways(memory, "Program itu ditunda.", "The program was postponed.")  # srclang names the preferred English
    assert memory.lookup("The programme was postponed.", "en", "id").target == "Program itu ditunda."


def test_omegat_alternatives_are_kept_and_the_default_is_preferred(memory, tmp_path):
    report = import_tmx(CASES / "omegat-project_save-id-en.tmx", memory)
    assert (report.stored, report.alternatives, report.skipped_total) == (3, 1, 0)
    assert memory.count() == 4
    assert memory.lookup("Ya.", "id", "en").target == "Yes."  # no context given: the default
    here = {"prev": "Apakah Korea Selatan akan ikut?", "next": "Itu jawaban Menteri."}
    alternative = memory.lookup("Ya.", "id", "en", context=here)
    assert alternative.target == "It will." and '"prev"' in alternative.context
    assert memory.lookup("Ya.", "id", "en", context={"prev": "Something else."}).target == "Yes."
    assert memory.lookup("It will.", "en", "id").target == "Ya."  # the alternative serves the other way too
    assert memory.lookup("Yes.", "en", "id").target == "Ya."
    assert [m.target for m in memory.suggest("Ya.", "id", "en")] == ["Yes."]  # one suggestion per sentence


def test_duplicates_and_skips_are_counted_by_reason_and_language(memory):
    report = import_tmx(CASES / "duplicates.tmx", memory)
    assert (report.units, report.stored, report.alternatives, report.unchanged) == (7, 2, 1, 1)
    assert report.skipped == {"an Indonesian or English segment is empty": {"en+id": 1},
                              "no Indonesian variant": {"en": 1}, "no English variant": {"id+ja": 1}}
    assert report.usable + report.skipped_total == report.units
    assert memory.count() == report.stored + report.alternatives  # what the report says is what is there
    # two translations of one sentence: the most recently changed one (the file dates it 2024) is offered
    assert memory.lookup("Situasi tetap tegang.", "id", "en").target == "Tension persists."
    assert memory.lookup("The situation remains tense.", "en", "id").target == "Situasi tetap tegang."
    assert "stored" in report.summary() and "en+id 1" in report.summary()


def test_importing_again_changes_nothing_and_an_edited_file_updates(memory, tmp_path):
    first = import_tmx(CASES / "notes-props.tmx", memory)
    again = import_tmx(CASES / "notes-props.tmx", memory)
    assert (first.stored, again.stored, again.unchanged, memory.count()) == (1, 0, 1, 1)
    edited = tmp_path / "notes-props.tmx"
    edited.write_text((CASES / "notes-props.tmx").read_text("utf-8").replace("Second note.", "Revised note."),
                      encoding="utf-8")
    report = import_tmx(edited, memory)
    assert (report.updated, report.stored, memory.count()) == (1, 0, 1)
    out = tmp_path / "out.tmx"
    export_tmx(memory, out)
    assert [n.text for n in ET.parse(out).getroot().find("body").iter("note")][1] == "Revised note."


def test_paragraph_units_also_serve_their_sentences(memory):
    report = import_tmx(CASES / "paragraph.tmx", memory)
    assert (report.stored, report.sentences, report.unsplit) == (2, 3, 1)
    assert memory.count() == 2  # the paragraphs are the translations; sentences only serve look-ups
    both_ways(memory, "Ia bertemu Presiden Yoon pada Kamis.", "He met President Yoon on Thursday.")
    both_ways(memory, "Dr. Park ikut hadir.", "Dr. Park also attended.")  # the app's splitter knows "Dr."
    both_ways(memory, "Blinken tiba di Seoul pada Rabu malam. Ia bertemu Presiden Yoon pada Kamis. Dr. Park ikut "
              "hadir.", "Blinken arrived in Seoul on Wednesday evening. He met President Yoon on Thursday. Dr. Park "
              "also attended.")
    assert memory.lookup("Tidak ada pernyataan bersama.", "id", "en") is None  # 2 sentences vs 1: not guessed
    fuzzy = memory.suggest("Ia bertemu Presiden Yoon pada hari Kamis.", "id", "en", limit=1)
    assert fuzzy[0].target == "He met President Yoon on Thursday."


ALL_CASES = sorted(p.name for p in CASES.glob("*.tmx"))


def test_export_of_everything_imported_is_equivalent_tmx(memory, tmp_path):
    """Every usable unit of every case comes back with the same structure (attributes, codes, notes,
    props, text and whitespace in segments); the header is briefgen's ("*all*"), so a unit that
    relied on the file's srclang carries it itself; TMX 1.1's lang= becomes xml:lang."""
    expected = []
    for name in ALL_CASES:
        import_tmx(CASES / name, memory)
        expected += [u for u in units(CASES / name) if usable(u)]
    out = tmp_path / "all.tmx"
    written = export_tmx(memory, out)
    got = units(out)
    assert written == len(got) == memory.count()
    assert sorted(got) == sorted(dict.fromkeys(expected))  # a unit repeated verbatim is kept once


def test_omegat_style_round_trip_through_a_fresh_memory(memory, tmp_path):
    for name in ("omegat-project_save-id-en.tmx", "omegat-level2-en-id.tmx"):
        import_tmx(CASES / name, memory)
    first = tmp_path / "first.tmx"
    export_tmx(memory, first)
    with TranslationMemory(tmp_path / "fresh.sqlite") as fresh:
        report = import_tmx(first, fresh)
        assert (report.stored, report.alternatives) == (6, 2)
        both_ways(fresh, "Menteri Blinken bertemu Presiden Yoon.", "Secretary Blinken met President Yoon.")
        assert fresh.lookup("Next.", "en", "id").target == "Berikutnya."
        assert fresh.lookup("Next.", "en", "id", context={"id": "menu_7"}).target == "Selanjutnya."
        assert fresh.lookup("Ya.", "id", "en", context={"next": "Itu jawaban Menteri."}).target == "It will."
        second = tmp_path / "second.tmx"
        export_tmx(fresh, second)
    assert units(second) == units(first)
    tree = ET.parse(second).getroot()
    assert len(list(tree.iter("bpt"))) == 2 and len(list(tree.iter("note"))) == 1


# -- hostile and empty files --------------------------------------------------------------------------------

ENTITY = '<!DOCTYPE tmx [<!ENTITY a "Dia tiba.">]>\n<tmx version="1.4"><header srclang="id"/><body><tu>' \
         '<tuv xml:lang="id"><seg>&a;</seg></tuv><tuv xml:lang="en"><seg>He came.</seg></tuv></tu></body></tmx>'


@pytest.mark.parametrize("codec, bom, declared", [
    ("utf-8", b"", "UTF-8"), ("utf-8", b"\xef\xbb\xbf", "UTF-8"), ("utf-16-le", b"\xff\xfe", "UTF-16"),
    ("utf-16-be", b"\xfe\xff", "UTF-16"), ("utf-16-le", b"", "UTF-16LE"), ("utf-16-be", b"", "UTF-16BE")])
def test_entity_declarations_are_refused_in_every_encoding(memory, tmp_path, codec, bom, declared):
    path = tmp_path / "entity.tmx"
    path.write_bytes(bom + f'<?xml version="1.0" encoding="{declared}"?>\n{ENTITY}'.encode(codec))
    with pytest.raises(TmxError, match="entities") as err:
        import_tmx(path, memory)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert memory.count() == 0 and memory.lookup("Dia tiba.", "id", "en") is None


def test_deep_nesting_is_a_one_line_error_not_a_recursion_error(memory, tmp_path):
    path = tmp_path / "deep.tmx"
    deep = "<hi>" * 5000 + "x" + "</hi>" * 5000
    path.write_text(f'<tmx version="1.4"><header srclang="id"/><body><tu><tuv xml:lang="id"><seg>{deep}</seg></tuv>'
                    '<tuv xml:lang="en"><seg>y</seg></tuv></tu></body></tmx>', encoding="utf-8")
    with pytest.raises(TmxError, match="levels deep") as err:
        import_tmx(path, memory)
    assert "\n" not in str(err.value) and memory.count() == 0


def test_a_file_broken_half_way_leaves_nothing_behind(memory, tmp_path):
    good = (CASES / "srclang.tmx").read_text("utf-8")
    path = tmp_path / "truncated.tmx"
    path.write_text(good[: good.index("<tu srclang=\"de-DE\">")], encoding="utf-8")
    with pytest.raises(TmxError, match="well-formed"):
        import_tmx(path, memory)
    assert memory.count() == 0  # the first units were read, and rolled back with the rest


def test_a_file_over_the_size_limit_is_refused_before_reading(memory, tmp_path, monkeypatch):
    from briefgen.translate import tmx_read

    monkeypatch.setattr(tmx_read, "MAX_TMX_BYTES", 1000)
    with pytest.raises(TmxError, match="too large"):
        import_tmx(CASES / "omegat-level2-en-id.tmx", memory)  # 2.7 kB
    assert import_tmx(CASES / "charrefs.tmx", memory).stored == 2  # under the limit: read


def test_a_file_with_nothing_usable_says_why(memory, tmp_path):
    path = tmp_path / "french.tmx"
    path.write_text('<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>Hello.</seg>'
                    '</tuv><tuv xml:lang="fr-CA"><seg>Bonjour.</seg></tuv></tu></body></tmx>', encoding="utf-8")
    report = import_tmx(path, memory)
    assert "no unit has both an Indonesian and an English segment" in nothing_usable(report)
    assert "no Indonesian variant: en-us+fr-ca 1" in nothing_usable(report)
    empty = tmp_path / "empty.tmx"
    empty.write_text('<tmx version="1.4"><header srclang="en"/><body/></tmx>', encoding="utf-8")
    assert nothing_usable(import_tmx(empty, memory)) == "nothing imported: the file has no translation units"
    assert nothing_usable(import_tmx(CASES / "charrefs.tmx", memory)) is None


def test_tbx_entity_declarations_are_refused_in_utf16_too(tmp_path):
    from briefgen.translate.glossary import GlossaryError, read_glossary

    path = tmp_path / "terms.tbx"
    path.write_bytes(b"\xff\xfe" + ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE martif [<!ENTITY a "x">]>'
                                    '<martif><text><body/></text></martif>').encode("utf-16-le"))
    with pytest.raises(GlossaryError, match="entities"):
        read_glossary(path)


# -- the memory's schema ------------------------------------------------------------------------------------

def test_a_version_2_memory_opens_and_gains_both_directions(tmp_path):
    path = tmp_path / "v2.sqlite"
    with sqlite3.connect(path) as db:  # the schema briefgen wrote before TMX units and alternatives
        db.executescript("""
            CREATE TABLE segments (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL,
              src_hash TEXT NOT NULL, src_text TEXT NOT NULL, src_norm TEXT NOT NULL DEFAULT '',
              tgt_text TEXT NOT NULL, kind TEXT NOT NULL, origin TEXT NOT NULL DEFAULT '', src_len INTEGER NOT NULL,
              updated TEXT NOT NULL, UNIQUE (src_lang, tgt_lang, src_hash, kind));
            CREATE INDEX segments_len ON segments (src_lang, tgt_lang, kind, src_len);
            PRAGMA user_version=2;""")
        from briefgen.translate.segments import normalise, segment_hash

        for i, (s, t, kind) in enumerate([("Dia tiba.", "He arrived.", "reviewed"),
                                          ("Good morning.", "Selamat pagi.", "reviewed"),
                                          ("Cuaca cerah.", "Clear weather.", "machine:pack-a")]):
            src, tgt = ("en", "id") if s.startswith("Good") else ("id", "en")
            db.execute("INSERT INTO segments VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                       (i + 1, src, tgt, segment_hash(s), s, normalise(s), t, kind, "review", len(s), "2026-01-01"))
    with TranslationMemory(path) as tm:
        assert tm.recovered is None and tm.count() == 3 and tm.count(include_machine=False) == 2
        both_ways(tm, "Dia tiba.", "He arrived.")
        both_ways(tm, "Selamat pagi.", "Good morning.")
        assert tm.lookup("Cuaca cerah.", "id", "en", machine_from="pack-a").target == "Clear weather."
        assert tm.lookup("Clear weather.", "en", "id") is None  # machine output never serves the other way
        out = tmp_path / "out.tmx"
        assert export_tmx(tm, out) == 2
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 3
        assert {r[1] for r in db.execute("PRAGMA table_info(segments)")} >= {"role", "context", "tgt_hash"}


def test_a_memory_from_a_newer_briefgen_is_left_alone(tmp_path):
    from briefgen.translate.memory import TranslationMemoryError

    path = tmp_path / "future.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=99")
    with pytest.raises(TranslationMemoryError, match="newer briefgen"):
        TranslationMemory(path)
    assert path.exists() and not list(tmp_path.glob("*.corrupt-*"))


# -- structural comparison ----------------------------------------------------------------------------------

_CONTAINERS = {"tu", "tuv", "header", "body", "tmx", "ude"}


def canon(element: ET.Element, header: dict[str, str] | None = None) -> tuple:
    """An element as a comparable value: tag, attributes (TMX 1.1's lang= as xml:lang), text and
    children with tails; whitespace between container elements ignored, inside segments kept. A unit
    takes its file's header srclang/datatype/segtype where they differ from briefgen's export header."""
    attrib = dict(element.attrib)
    if "lang" in attrib and element.tag in ("tuv", "note", "prop"):
        attrib[XML_LANG] = attrib.pop("lang")
    if element.tag == "tu":
        for name, ours in HEADER_DEFAULTS.items():
            if name not in attrib and (header or {}).get(name) and header[name].lower() != ours.lower():
                attrib[name] = header[name]
    container = element.tag in _CONTAINERS
    text = element.text or ""
    children = tuple((canon(c), "" if container and not (c.tail or "").strip() else c.tail or "") for c in element)
    return element.tag, tuple(sorted(attrib.items())), "" if container and not text.strip() else text, children


def units(path: Path) -> list[tuple]:
    root = ET.parse(path).getroot()
    header = root.find("header")
    return [canon(tu, dict(header.attrib) if header is not None else {}) for tu in root.iter("tu")]


def usable(unit: tuple) -> bool:
    """A canonical unit with non-empty Indonesian and English text (what the memory keeps)."""
    from briefgen.translate.tmx_read import lang_code

    langs = set()
    for (tag, attrib, _, children), _ in unit[3]:
        if tag == "tuv":
            seg = next((c for c, _ in children if c[0] == "seg"), None)
            if seg is not None and (seg[2].strip() or any(t.strip() for _, t in seg[3])):
                langs.add(lang_code(dict(attrib).get(XML_LANG)))
    return {"id", "en"} <= langs


# -- the command line ---------------------------------------------------------------------------------------

def test_cli_import_reports_exits_by_outcome_and_exports(user_dir, tmp_path, capsys):
    from briefgen.cli import EXIT_ERROR, EXIT_PARTIAL, main

    french = tmp_path / "french.tmx"
    french.write_text('<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>Hi.</seg>'
                      '</tuv><tuv xml:lang="fr-CA"><seg>Salut.</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert main(["memory", "import", str(french)]) == EXIT_ERROR  # nothing usable: not a success
    err = capsys.readouterr().err
    assert f"{french}: nothing imported" in err and "no Indonesian variant: en-us+fr-ca 1" in err
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx", encoding="utf-8")
    code = main(["memory", "import", str(CASES / "omegat-project_save-id-en.tmx"), str(broken), str(french)])
    out, err = capsys.readouterr()
    assert code == EXIT_PARTIAL and "4 units: 3 stored, 1 alternatives, 0 updated" in out
    assert f"{broken}: is not well-formed XML" in err
    assert main(["memory", "import", str(CASES / "omegat-project_save-id-en.tmx")]) == 0  # again: all there
    assert "0 stored, 0 alternatives, 0 updated, 4 already in the memory" in capsys.readouterr().out
    assert main(["memory", "stats"]) == 0
    assert capsys.readouterr().out.startswith("4 reviewed translations (1 context alternatives, 4 kept as TMX units")
    out_file = tmp_path / "back.tmx"
    assert main(["memory", "export", str(out_file)]) == 0
    assert units(out_file) == units(CASES / "omegat-project_save-id-en.tmx")


def test_the_briefing_translator_picks_the_alternative_by_its_neighbours(memory):
    from briefgen.model.text import Status
    from briefgen.translate.apply import SegmentTranslator
    from briefgen.translate.glossary import Glossary

    import_tmx(CASES / "omegat-project_save-id-en.tmx", memory)
    translator = SegmentTranslator(memory, Glossary([]))
    in_context = translator.resolve(["Apakah Korea Selatan akan ikut?", "Ya.", "Itu jawaban Menteri."], "id", "en")
    assert in_context[1].target == "It will." and in_context[1].status is Status.REVIEWED
    assert translator.resolve(["Ya."], "id", "en")[0].target == "Yes."
    assert translator.resolve(["Yes."], "en", "id")[0].target == "Ya."
