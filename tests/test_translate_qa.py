"""QA checks, the translation work list, the memo header in English, the legend's counts, `build --strict`."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from briefgen.extract.gazetteer import load_gazetteer
from briefgen.model import BiText, Status
from briefgen.translate.glossary import Glossary
from briefgen.translate.qa import check_briefing, check_pair, facts_of, parse_number
from briefgen.translate.titles import english_form, header_text
from briefgen.translate.worklist import progress, work_segments
from tests.helpers import docx_text, pdf_text

ID = "Korea Utara mengirim 1 juta peluru artileri ke Rusia pada Rabu (8/11/2023), kata Menteri Luar Negeri AS."
EN_GOOD = "North Korea sent 1 million artillery shells to Russia on Wednesday (November 8, 2023), the US " \
          "Secretary of State said."


def kinds(source: str, target: str, **kw) -> set[str]:
    return {w.kind for w in check_pair(source, target, "id", "en", **kw)}


def test_a_faithful_translation_raises_nothing():
    assert kinds(ID, EN_GOOD, gazetteer=load_gazetteer(), glossary=Glossary()) == set()


@pytest.mark.parametrize("target", [
    EN_GOOD.replace("1 million", "1 billion"),  # the scale changed
    EN_GOOD.replace("1 million", "10 million"),  # the digits changed
    EN_GOOD.replace("1 million artillery shells", "artillery shells"),  # the figure dropped
])
def test_a_changed_figure_is_a_warning(target):
    found = check_pair(ID, target, "id", "en")
    assert [w.kind for w in found] == ["numbers"]
    assert "source 1,000,000;" in found[0].message.en and "Angka berbeda" in found[0].message.id


def test_number_forms_of_both_languages_agree():
    assert parse_number("1,5", "id") == parse_number("1.5", "en") == 1.5
    assert parse_number("1.000", "id") == parse_number("1,000", "en") == 1000
    assert facts_of("US$106 miliar", "id").numbers == facts_of("US$106 billion", "en").numbers
    assert facts_of("2,5 tahun", "id").numbers == facts_of("2.5 years", "en").numbers


def test_a_moved_date_or_weekday_is_a_warning():
    assert "dates" in kinds(ID, EN_GOOD.replace("November", "October"))
    assert "dates" in kinds(ID, EN_GOOD.replace("Wednesday", "Thursday"))
    assert "dates" not in kinds("pada Kamis, 9 November 2023", "on Thursday, November 9, 2023")
    assert "dates" not in kinds("dalam dua minggu", "within two weeks")  # "minggu" as "week" is no weekday


def test_names_terms_untranslated_and_identical():
    gazetteer = load_gazetteer()
    found = check_pair(ID, EN_GOOD.replace("the US Secretary of State", "the minister"), "id", "en",
                       gazetteer=gazetteer)
    assert [w.kind for w in found] == ["terms"] and "US Secretary of State" in found[0].message.en
    found = check_pair(ID, EN_GOOD.replace("North Korea", "the North"), "id", "en", gazetteer=gazetteer)
    assert [w.kind for w in found] == ["names"] and "North Korea" in found[0].message.en
    found = check_pair("Blinken tiba di Seoul.", "He arrived.", "id", "en", gazetteer=gazetteer)
    assert [w.message.en for w in found] == ["Name missing: Blinken → Blinken", "Name missing: Seoul → Seoul"]
    glossary = Glossary([("peluru artileri", "artillery rounds", "glossary:army.csv")])
    assert "terms" in kinds(ID, EN_GOOD, glossary=glossary)
    assert kinds(ID, "") == {"untranslated"}
    assert "identical" in kinds(ID, ID)


def test_the_work_list_counts_what_the_output_prints(clipping_articles):
    from briefgen.pipeline import BuildOptions, make_briefing

    briefing, template = make_briefing(clipping_articles, BuildOptions(template="briefing-note"))
    limits = template.features["max_items"]
    segments = work_segments(briefing, limits)
    assert segments[0].key == "header:subject"
    sections = [s.section for s in segments]
    assert sections.count("bottom_line") == 4 and sections.count("key_points") == 5  # what the note prints
    counts = progress(briefing, "en", segments)
    # background and outlook items are the clippings' own sentences (never generated guesses): English needed
    assert (counts.total, counts.done, counts.missing) == (14, 0, 14)
    assert counts.missing_by_section == {"Subject": 1, "Bottom Line": 4, "Key Points": 5, "Background": 3,
                                         "Outlook": 1}
    assert progress(briefing, "id", segments).total == 0  # every segment was written in Indonesian
    # a point translated by a person is done; a machine one still needs work
    first = next(s for s in segments if s.section == "bottom_line")
    sections_ = tuple(replace(sec, items=tuple(
        replace(i, text=i.text.with_text("en", "A translation.", Status.REVIEWED)) if i.key == first.key else i
        for i in sec.items)) for sec in briefing.sections)
    assert progress(replace(briefing, sections=sections_), "en").done == 1
    warnings = check_briefing(briefing)
    assert {w.kind for w in warnings} == {"untranslated"} and len(warnings) == len(work_segments(briefing))


def test_memo_fields_get_an_english_form_only_from_a_table():
    assert english_form("Yth. Menteri Luar Negeri") == "Minister for Foreign Affairs"
    assert english_form("Direktur Jenderal Asia Pasifik dan Afrika") == \
        "Director General for Asia-Pacific and African Affairs"
    assert english_form("Antony Blinken") == "Antony Blinken"  # a known person: the gazetteer's English name
    assert english_form("Kepala Bagian Tata Usaha Direktorat X") is None  # unknown: never guessed
    text = header_text("Kepala Bagian Tata Usaha", "")
    assert text.en_status is Status.MISSING and text.id_status is Status.SOURCE
    assert header_text("Kepala Bagian", "Head of Section").en_status is Status.REVIEWED
    assert header_text("Menteri Luar Negeri").en == "Minister for Foreign Affairs"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True, timeout=180)


def test_cli_warns_with_counts_and_strict_fails(tmp_path, clipping_paths):
    out = tmp_path / "b.html"
    plain = run("build", *map(str, clipping_paths), "--no-mt", "--template", "briefing-note", "-o", str(out))
    assert plain.returncode == 0
    warnings = [line for line in plain.stderr.splitlines() if "warning" in line]
    assert warnings == ["briefgen: warning: English: 0 of 14 segments done; 14 untranslated "
                        "(Subject 1, Bottom Line 4, Key Points 5, Background 3, Outlook 1)"]
    strict = run("build", *map(str, clipping_paths), "--no-mt", "--strict", "--template", "briefing-note",
                 "-o", str(out))
    assert strict.returncode == 4 and out.is_file()
    indonesian = run("build", *map(str, clipping_paths), "--no-mt", "--strict", "--lang", "id",
                     "-o", str(out))
    assert indonesian.returncode == 0 and "warning" not in indonesian.stderr


def test_memo_header_in_both_languages_into_docx_and_pdf(tmp_path, clipping_paths):
    docx, pdf = tmp_path / "m.docx", tmp_path / "m.pdf"
    result = run("build", *map(str, clipping_paths), "--no-mt", "--template", "nota-dinas", "--date", "2023-11-10",
                 "--to", "Yth. Menteri Luar Negeri", "--from", "Direktur Jenderal Asia Pasifik dan Afrika",
                 "--cc", "Wakil Menteri Luar Negeri", "--cc", "Kepala Biro Umum", "--cc-en", "",
                 "--cc-en", "Head of the General Affairs Bureau", "--signatory", "Abdul Kadir Jailani",
                 "-o", str(docx), "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    for text in (docx_text(docx), pdf_text(pdf)):
        flat = " ".join(text.split())
        indonesian, english = flat.split("MEMORANDUM", 1)
        assert "Menteri Luar Negeri" in indonesian and "Direktur Jenderal Asia Pasifik dan Afrika" in indonesian
        assert "Minister for Foreign Affairs" in english
        assert "Director General for Asia-Pacific and African Affairs" in english
        assert "Vice Minister for Foreign Affairs" in english and "Head of the General Affairs Bureau" in english
        assert "Direktur Jenderal" not in english and "Wakil Menteri" not in english
        # one signature, on the Indonesian memo: the English part translates it and signs nothing
        assert "Abdul Kadir Jailani" in indonesian and "Abdul Kadir Jailani" not in english
    assert "Subject 1" in result.stderr and "Signatory" not in result.stderr  # the memo signs in Indonesian only


def test_legend_says_what_each_mark_means_and_how_many(clipping_articles):
    from briefgen.pipeline import BuildOptions, make_briefing, make_document
    from briefgen.render.layout import legend

    options = BuildOptions(template="briefing-note")
    briefing, template = make_briefing(clipping_articles, options)
    document = make_document(briefing, template, options)
    lines = legend(document)
    assert [s.lang for s in lines] == ["en"]
    assert lines[0].marker.startswith("[Untranslated] (14): not translated into this language yet")
    assert "Review tab" in lines[0].marker
    subject = replace(briefing.header.subject, en="Blinken in Seoul", en_status=Status.REVIEWED)
    fewer = make_document(replace(briefing, header=replace(briefing.header, subject=subject)), template, options)
    assert legend(fewer)[0].marker.startswith("[Untranslated] (13):")
    assert BiText()  # the empty text stays valid


def test_the_samples_supplied_english_raises_no_figure_date_or_term_warning(sample_articles):
    """Real translations (the English supplied with the samples, written by a person): the checks stay quiet
    on figures, dates, plain words and titles; what is left are organisations written another way."""
    from briefgen.pipeline import BuildOptions, make_briefing, translate
    from briefgen.translate.qa import check_segment, default_checkers
    from briefgen.translate.worklist import scope

    glossary, gazetteer = default_checkers()
    options = BuildOptions(template="dossier", use_mt=False)
    briefing, template = make_briefing(sample_articles, options)
    briefing = translate(briefing, options)
    segments = [s for s in work_segments(briefing, **scope(template.features)) if s.text.en_status is Status.SAMPLE]
    warnings = [w for s in segments for w in check_segment(s, "en", glossary, gazetteer)]
    assert len(segments) > 50
    assert not [w for w in warnings if w.kind != "names"]
    assert len(warnings) <= len(segments) // 10
