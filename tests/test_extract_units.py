"""Units of extraction: sentence splitting, time resolution, the gazetteer, figures, MinHash."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from briefgen.extract.claims import Unit, build_claims, tokens_of
from briefgen.extract.figures import figure_text, find_figures
from briefgen.extract.gazetteer import GazetteerError, load_gazetteer, read_entries
from briefgen.extract.sentences import split_sentences
from briefgen.extract.timeexpr import find_times
from briefgen.model import Provenance, Status

G = load_gazetteer()


def test_splitter_survives_abbreviations_numbers_and_quotes():
    text = ("Dr. Budi dari PBB tiba pukul 10.00 WIB di Jl. Merdeka No. 5 (8/11/2023) bersama 1.000 orang, dll. "
            "“Kami datang. Kami menang,” katanya. Ia pulang ke AS. Esoknya hujan.")
    assert split_sentences(text) == [
        "Dr. Budi dari PBB tiba pukul 10.00 WIB di Jl. Merdeka No. 5 (8/11/2023) bersama 1.000 orang, dll.",
        "“Kami datang. Kami menang,” katanya.",
        "Ia pulang ke AS.", "Esoknya hujan."]
    assert split_sentences("Kota-kota seperti Seoul, Busan, dsb. juga siaga.") == [
        "Kota-kota seperti Seoul, Busan, dsb. juga siaga."]


def test_an_unclosed_quote_does_not_swallow_the_paragraph():
    text = "“Kami datang " + "dan terus datang " * 40 + "tanpa henti. Lalu pulang. Esoknya hujan."
    assert split_sentences(text)[-2:] == ["Lalu pulang.", "Esoknya hujan."]


def test_relative_and_weekday_times_resolve_against_publication():
    saturday = dt.date(2023, 9, 23)
    [friday] = find_times("sepakat dalam pertemuan singkat pada hari Jumat", saturday)
    assert (friday.date, friday.precision) == (dt.date(2023, 9, 22), "day")
    refs = {r.text: (r.date, r.precision) for r in find_times(
        "Kim berkunjung pekan lalu, September lalu, bulan lalu, tahun lalu dan akan kembali bulan depan", saturday)}
    assert refs["pekan lalu"] == (dt.date(2023, 9, 11), "week")
    assert refs["September lalu"] == (dt.date(2022, 9, 1), "month")
    assert refs["bulan lalu"] == (dt.date(2023, 8, 1), "month") and refs["tahun lalu"] == (dt.date(2022, 1, 1), "year")
    assert refs["bulan depan"] == (dt.date(2023, 10, 1), "month")
    [evening] = find_times("Blinken tiba pada Rabu (8/11/2023) malam.", None)
    assert (evening.date, evening.part) == (dt.date(2023, 11, 8), "malam")
    [counted] = find_times("Ia datang 2 hari yang lalu", dt.date(2023, 11, 9))  # dateparser
    assert counted.date == dt.date(2023, 11, 7)
    assert find_times("pada hari Jumat", None) == []  # no publication date: nothing guessed


def test_gazetteer_variants_roles_and_glossary(tmp_path, caplog):
    assert {m.entry.key for m in G.find("Korut, Korea Utara dan DPRK; Kim Jong-un")} == {"north-korea", "kim-jong-un"}
    assert G.lookup("Sergey Lavrov").key == "sergei-lavrov"
    pairs = dict(G.term_pairs())
    assert pairs["Menlu AS"] == "US Secretary of State" and pairs["Menlu Korsel"] == "South Korean Foreign Minister"
    assert pairs["Korut"] == "North Korea" and pairs["Blinken"] == "Blinken"
    extra = tmp_path / "gazetteer.yaml"
    extra.write_text("entries:\n  - key: prabowo\n    kind: person\n    name: {id: Prabowo Subianto, en: Prabowo"
                     " Subianto}\n    roles: [{id: Menteri Pertahanan RI, en: Indonesian Defence Minister}]\n")
    assert load_gazetteer([extra]).lookup("Menteri Pertahanan RI").key == "prabowo"
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - key: x\n    kind: planet\n    name: X\n")
    with caplog.at_level(logging.WARNING):
        isolated = load_gazetteer([bad])  # a broken extra file is left out with a warning naming it and its line
    assert isolated.lookup("Sergey Lavrov").key == "sergei-lavrov"
    assert any("bad.yaml:2" in r.getMessage() and "planet" in r.getMessage() for r in caplog.records)
    with pytest.raises(GazetteerError, match=r"bad\.yaml:2: .*planet"):
        read_entries(bad)


def test_figures_rendered_per_language_and_unknown_noun_left_missing():
    [money] = find_figures("Nilainya US$106 miliar.", G)
    assert (figure_text(money, G).id, figure_text(money, G).en) == ("US$106 miliar", "US$106 billion")
    [unknown] = find_figures("Sebanyak 3 juta barel minyak.", G)
    text = figure_text(unknown, G)
    assert text.id == "3 juta barel" and text.en_status is Status.MISSING


def test_claims_cluster_variants_and_flag_differing_numbers():
    def unit(article, text):
        return Unit(article, Provenance(article, 0, 0), text, tokens_of(text, G), find_figures(text, G))
    units = [unit("a", "Korut telah mengirimkan 1 juta peluru artileri ke Rusia untuk perang di Ukraina"),
             unit("b", "Korea Utara telah mengirimkan 2 juta peluru artileri ke Rusia untuk perang di Ukraina"),
             unit("c", "Harga beras di pasar Jakarta naik tajam menjelang akhir tahun ini")]
    claims = build_claims(units, {"a": "outlet:A", "b": "outlet:B", "c": "outlet:C"})
    joined = next(c for c in claims if len(c.units) == 2)
    # the same claim with different figures is a discrepancy, not corroboration (issue 16)
    assert not joined.corroborated and joined.discrepancy.startswith("figures differ")
    assert len(claims) == 2
    agreeing = build_claims(units[:1] + [unit("d", "Korut telah mengirimkan 1 juta peluru artileri ke Rusia untuk "
                                                   "mendukung perang di Ukraina")], {"a": "outlet:A", "d": "outlet:D"})
    assert [c.corroborated for c in agreeing] == [True]


def test_the_next_month_counts_from_the_month_named_before_it_not_from_publication():
    """"In September … the next month" is October, in both languages; with nothing named before it,
    "the following month" is left unresolved rather than guessed from the publication date."""
    import datetime as dt

    from briefgen.extract.timeexpr import annotate_times

    day = dt.date(2023, 11, 9)
    assert "the next month [October 2023]" in annotate_times(
        "Kim and Putin met in September, followed by a visit by Lavrov the next month.", day, "en")
    assert "bulan berikutnya [Oktober 2023]" in annotate_times(
        "Kim dan Putin bertemu pada bulan September, diikuti kunjungan Lavrov pada bulan berikutnya.", day, "id")
    assert annotate_times("They will meet again the following month.", day, "en") == \
        "They will meet again the following month."
    assert "next month [December 2023]" in annotate_times("Blinken will arrive next month.", day, "en")
