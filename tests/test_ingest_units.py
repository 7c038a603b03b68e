"""Ingestion units: datelines, credit lines, crossheads, user rules, duplicates, the Tempo byline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefgen.ingest.build import build_article, build_articles
from briefgen.ingest.clean import CROSSHEAD, clean
from briefgen.ingest.importers import read_pasted, read_path
from briefgen.ingest.metadata import people_from_credits
from briefgen.ingest.outlets import read_dateline
from briefgen.model import Person

LEAD = "Menteri Luar Negeri Retno Marsudi bertemu mitranya di Jakarta pada hari ini untuk membahas kerja sama."


@pytest.mark.parametrize("prefix,outlet,credit", [
    ("Republika, SEOUL -", "Republika", None),  # a registered name without a domain
    ("Bisnis.com, JAKARTA -", "Bisnis.com", None),
    ("TEMPO.CO, Jakarta -", "Tempo", None),
    ("Seoul | EGINDO.co –", "EGINDO.co", None),
    ("JAKARTA, KOMPAS.com -", "Kompas", None),
    ("Jakarta, CNN Indonesia --", "CNN Indonesia", None),
    ("Jakarta (ANTARA) -", "ANTARA", "ANTARA"),
    ("TOKYO, Nov 8 (Reuters) -", "Reuters", "Reuters"),
    ("SEOUL, South Korea (AP) —", "AP", "AP"),
    ("SEOUL -", None, None),  # a dateline naming no outlet: the outlet stays unknown
    ("Koran Lokal, BANDUNG -", None, None),  # not a registered outlet and no domain: not a dateline at all
])
def test_dateline_forms(prefix, outlet, credit):
    dateline = read_dateline(f"{prefix} {LEAD}")
    if prefix.startswith("Koran Lokal"):
        assert dateline is None
        return
    assert dateline is not None and dateline.rest == LEAD
    assert (dateline.outlet.name if dateline.outlet else None) == outlet
    assert (dateline.credit.name if dateline.credit else None) == credit


def test_headline_with_a_colon_is_not_a_dateline():
    assert read_dateline("AS: Israel Belum Sampaikan Rencana Komprehensif Soal Invasi Rafah ke Washington") is None


@pytest.mark.parametrize("lines,expected", [
    (["Penulis : Erta Darwati", "Editor : Nancy Junita"], [("Erta Darwati", "author"), ("Nancy Junita", "editor")]),
    (["Reporter", "Editor", "Ida Rosdalina"], [("Ida Rosdalina", "editor")]),  # a label with no name gives no one
    (["Penulis Ardito Ramadhan | Editor Icha Rastika"], [("Ardito Ramadhan", "author"), ("Icha Rastika", "editor")]),
    (["By Humeyra Pamuk and Kantaro Komiya",
      "Reporting by Humeyra Pamuk and Kantaro Komiya; Editing by Stephen Coates"],
     [("Humeyra Pamuk", "author"), ("Kantaro Komiya", "author"), ("Stephen Coates", "editor")]),
    (["Rahman Asmardika, Jurnalis · Senin 18 Desember 2023 10:15 WIB"], [("Rahman Asmardika", "reporter")]),
    (["Andhika Prasetia - detikNews"], [("Andhika Prasetia", "author")]),
    (["Sumber : CNA/SL"], [("CNA", "wire"), ("SL", "initials")]),
    (["(haf/imk)"], [("haf/imk", "initials")]),
])
def test_credit_lines(lines, expected):
    people = people_from_credits(list(enumerate(lines, start=1)))
    assert [(p.name, p.role) for p in people] == expected


def test_tempo_bare_reporter_label_gives_no_reporter(sample_paths):
    article = build_article(read_path(next(p for p in sample_paths if "tempo" in p.name)))
    assert article.authors == (Person("Ida Rosdalina", "editor"),)


def test_egindo_crosshead_leaves_the_body_with_its_reason(sample_paths):
    article = build_article(read_path(next(p for p in sample_paths if "egindo" in p.name)))
    crosshead = [r for r in article.removed if r.reason == CROSSHEAD]
    assert [r.text for r in crosshead] == ["“Demonstrasi Dukungan Kami”"] and crosshead[0].line == 24
    assert "“Demonstrasi Dukungan Kami”" not in article.paragraphs


def test_republika_dateline_from_the_generator_names_the_outlet():
    text = "Judul Berita Tentang Kunjungan Menlu ke Seoul\n\nRepublika, SEOUL - " + LEAD + "\n"
    assert build_article(read_pasted(text)).outlet == "Republika"


def test_an_unknown_outlet_is_null_not_a_guess():
    text = "Judul Berita Tentang Kunjungan Menlu ke Seoul\n\nKoran Lokal, BANDUNG - " + LEAD + "\n"
    assert build_article(read_pasted(text)).outlet is None


def test_user_rules_extend_the_packaged_ones(user_dir: Path):
    from briefgen.ingest.rules import RULES_FILE, default_rules

    (user_dir / RULES_FILE).write_text(
        "drop:\n  - reason: our office stamp\n    patterns: ['^diarsipkan oleh .*$']\n", encoding="utf-8")
    default_rules.cache_clear()
    try:
        result = clean(f"Judul Berita Tentang Kunjungan Menlu\n{LEAD}\nDiarsipkan oleh Biro Analisis\n")
        assert [(r.text, r.reason) for r in result.removed] == [("Diarsipkan oleh Biro Analisis", "our office stamp")]
        assert any(r.reason == "related-article link" for r in clean(f"{LEAD}\nBaca juga: Lainnya\n").removed)
    finally:
        default_rules.cache_clear()


def test_duplicates_same_bytes_and_same_body_under_another_headline(sample_paths):
    raw = read_path(sample_paths[0])
    retitled = read_pasted(raw.text.replace("Blinken ke Korea Selatan,", "Menlu AS ke Seoul,", 1), "reprint.txt")
    others = [read_path(p) for p in sample_paths[1:]]
    articles = build_articles([raw, *others, raw, retitled], today=dt.date(2026, 1, 1))
    assert [a.duplicate_of for a in articles[:5]] == [None] * 5  # five different stories on one topic
    assert articles[5].duplicate_of == raw.sha256 and articles[6].duplicate_of == raw.sha256


def test_dates_in_captions_and_related_lists_are_never_the_publication_date():
    text = "\n".join([
        "Judul Berita Tentang Kunjungan Menlu ke Seoul",
        "Presiden tiba di Seoul, 31 Desember 2025. REUTERS/Kim Hong-Ji",
        "Presiden tiba di Seoul, 31 Desember 2025. REUTERS/Kim Hong-Ji",
        "SEOUL - Presiden Korea Selatan bertemu Menteri Luar Negeri AS untuk membahas aliansi, Rabu (1/11/2023).",
        "Kedua pihak sepakat memperkuat kerja sama pertahanan dan ekonomi di kawasan Indo-Pasifik tahun depan.",
        "Berita Terkait",
        "Harga emas naik tajam pada Jumat, 5 Januari 2024",
        "2 jam lalu",
    ])
    article = build_article(read_pasted(text), today=dt.date(2026, 1, 1))
    assert article.published == dt.date(2023, 11, 1) and article.captions


def test_a_poll_named_at_the_end_of_a_sentence_is_not_a_caption():
    text = "\n".join([
        "Judul Berita Tentang Survei Pemilu Amerika Serikat",
        "WASHINGTON - Dukungan terhadap presiden turun tiga poin pekan ini menurut jajak pendapat Reuters/Ipsos.",
        "Kedua kandidat akan bertemu dalam debat pertama yang dijadwalkan berlangsung bulan depan di Atlanta.",
        "Presiden Biden di Gedung Putih. REUTERS/Kevin Lamarque",
    ])
    article = build_article(read_pasted(text))
    assert article.paragraphs[0].endswith("Reuters/Ipsos.")
    assert article.captions == ("Presiden Biden di Gedung Putih. REUTERS/Kevin Lamarque",)


def test_contributor_line_closes_an_english_wire_story():
    text = "\n".join([
        "North Korea fires ballistic missile toward sea, South Korea says",
        "By HYUNG-JIN KIM",
        "SEOUL, South Korea (AP) — North Korea test-fired a long-range ballistic missile into the sea on Monday.",
        "The launch was the North's second in less than 12 hours, following a short-range missile launch late Sunday.",
        "Japanese Prime Minister Fumio Kishida told reporters the missile likely fell outside Japan's economic zone.",
        "Associated Press writer Mari Yamaguchi in Tokyo contributed to this report.",
    ])
    article = build_article(read_pasted(text))
    assert article.outlet == "AP" and article.wire == ("AP",) and article.lang == "en"
    assert article.paragraphs[-1].startswith("Japanese Prime Minister")
