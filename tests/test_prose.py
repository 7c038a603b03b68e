"""Briefing prose on the samples and on the rules' own cases: dates written out, connectives dropped,
near-duplicates merged, no sentence twice, background as whole sentences, the note on two pages."""

from __future__ import annotations

import re

import pytest

from briefgen.model import BiText, Item, Provenance
from briefgen.prose import _event_sentence, _merge, clean_sentence


@pytest.mark.parametrize("text,lang,expected", [
    ("Para Menteri Luar Negeri G7 juga mengecam transfer itu pada Rabu (8/11/2023).", "id",
     "Para Menteri Luar Negeri G7 mengecam transfer itu pada Rabu, 8 November 2023."),
    ("Sementara itu, Korea Utara membantah, kata kementerian, Rabu (1/11).", "id",
     "Korea Utara membantah, kata kementerian, Rabu, 1 November 2023."),
    ("Meanwhile, G7 ministers also condemned the transfers.", "en", "G7 ministers condemned the transfers."),
    ("Harga naik (8/11/2023) menurut data.", "id", "Harga naik 8 November 2023 menurut data."),
    ("Blinken juga, kata dia, cemas.", "id", "Blinken juga, kata dia, cemas."),  # not in the opening clause
])
def test_sentence_rules(text, lang, expected):
    assert clean_sentence(text, lang, 2023) == expected


def test_near_duplicates_become_one_point_with_both_sources():
    a = Item(BiText.source("Blinken cemas atas kerja sama militer Rusia dan Korea Utara.", "id"),
             (Provenance("a" * 64, 0, 0),), (1,), key="a", support=1)
    b = Item(BiText.source("Blinken cemas atas kerja sama militer Korea Utara dan Rusia yang makin erat.", "id"),
             (Provenance("b" * 64, 2, 0),), (3,), key="b", support=1)
    c = Item(BiText.source("Korea Utara bersiap meluncurkan satelit.", "id"), (), (2,), key="c")
    merged = _merge([a, b, c])
    assert [i.key for i in merged] == ["a", "c"] and merged[0].cites == (1, 3) and len(merged[0].provenance) == 2


def test_background_events_become_sentences_in_both_languages():
    item = Item(BiText.generated("Maret 2021 — Kunjungan: Antony Blinken, Korea Selatan",
                                 "March 2021 — Visit: Antony Blinken, South Korea"), key="event-1")
    text = _event_sentence(item, future=False).text
    assert text.id == "Maret 2021: Antony Blinken berkunjung ke Korea Selatan."
    assert text.en == "March 2021: Antony Blinken visited South Korea."
    future = _event_sentence(item, future=True).text
    assert future.en == "March 2021: Antony Blinken will visit South Korea."
    nobody = Item(BiText.generated("Maret 2021 — Kunjungan", "March 2021 — Visit"), key="event-2")
    assert _event_sentence(nobody, future=False) is None


@pytest.fixture(scope="module")
def sample_documents(tmp_path_factory):
    from briefgen.pipeline import BuildOptions, build

    folder = tmp_path_factory.mktemp("prose")
    out = {}
    for template in ("briefing-note", "dossier", "nota-dinas"):
        paths = [folder / f"{template}.pdf", folder / f"{template}.docx"]
        build([], paths, BuildOptions(template=template, use_mt=False), sample=True)
        out[template] = paths
    return out


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_samples_read_as_briefing_prose(sample_documents):
    for template, (pdf, _docx) in sample_documents.items():
        text = re.sub(r"\s+", " ", _pdf_text(pdf))
        assert not re.search(r"\(\d{1,2}/\d{1,2}(/\d{2,4})?\)", text), template  # no "(8/11/2023)"
        if template != "dossier":  # (the Dossier's tables quote the clippings' sentences as written)
            assert " juga mengecam" not in text and "Sementara itu," not in text
        assert "Belum ditulis oleh analis" not in text and "Not yet written by the analyst" not in text
        assert "Inti Sari" not in text
        assert not re.search(r"Maret 2021 — Kunjungan(?!:)", text)  # background: whole sentences


def test_no_point_is_printed_twice(sample_documents):
    from briefgen.pipeline import BuildOptions, load_articles, make_briefing, translate
    from briefgen.prose import polish

    articles = load_articles(sample=True).articles
    for template in ("briefing-note", "dossier", "nota-dinas"):
        options = BuildOptions(template=template, use_mt=False)
        briefing, _ = make_briefing(articles, options)
        polished = polish(translate(briefing, options))
        texts = [i.text.id for s in polished.sections if s.kind in ("list", "numbered") for i in s.items]
        assert len(texts) == len(set(texts)), template
        two_way = sum("jalan dua arah" in t for t in texts)
        assert two_way <= 1, template


def test_the_note_fits_two_pages_with_the_samples(sample_documents):
    import pypdf

    pdf, _ = sample_documents["briefing-note"]
    assert len(pypdf.PdfReader(str(pdf)).pages) <= 2
    assert "Intisari" in _pdf_text(pdf)
