"""Personal data (the reader's e-mail address and phone number) never reaches a briefing unless kept."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.pipeline import BuildOptions, build, load_articles
from briefgen.privacy import MARKERS, find_personal_data, findings_of, mask_email, mask_phone, redact
from tests.helpers import docx_text, pdf_text

EMAIL = "rina.pembaca@kemlu-mail.example.org"
PHONE = "0812-3456-7890"
PHONE_INTL = "+62 21 5555 1234"

# A browser copy of a logged-in page: the login block, a comment box pre-filled with the reader's
# address, and a "dikirim oleh" line inside the body.
CLIPPING = f"""Masuk sebagai {EMAIL}

Menlu Korea Selatan Kunjungi Jakarta Bahas Kerja Sama Pertahanan

JAKARTA, KOMPAS.com - Menteri Luar Negeri Korea Selatan tiba di Jakarta pada Kamis (9/11/2023) untuk \
membahas kerja sama pertahanan dan perdagangan dengan pemerintah Indonesia selama dua hari.

Kunjungan itu disebut sebagai tanda hubungan kedua negara yang makin erat, kata juru bicara \
kementerian kepada wartawan di Jakarta, Kamis pagi pukul 08.00 WIB.

Artikel ini dikirim oleh {EMAIL} ({PHONE}) kepada redaksi untuk dibagikan ulang kepada pembaca.

Kedua menteri juga membahas rencana latihan bersama dan pembelian kapal patroli senilai Rp 1.500.000.000.000 \
yang dijadwalkan rampung pada 2024.

Tulis komentar sebagai {EMAIL} | Telepon: {PHONE_INTL}
"""

SECRETS = (EMAIL, "rina.pembaca", PHONE, "3456-7890", "34567890", PHONE_INTL, "5555 1234")


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


@pytest.fixture()
def clipping(tmp_path) -> Path:
    path = tmp_path / "logged-in.txt"
    path.write_text(CLIPPING, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, kind", [
    ("pembaca@example.com", "email"),
    ("Budi.Santoso+news@mail.co.id", "email"),
    ("0812-3456-7890", "phone"),
    ("081234567890", "phone"),
    ("+62 812 3456 7890", "phone"),
    ("6281234567890", "phone"),
    ("(021) 5555-1234", "phone"),
    ("+1 (202) 555-0143", "phone"),
    ("+44 20 7946 0958", "phone"),
])
def test_detects_each_form(text, kind):
    findings = find_personal_data(f"Hubungi {text} hari ini.")
    assert [f.kind for f in findings] == [kind]
    assert text not in findings[0].masked


@pytest.mark.parametrize("text", [
    "pukul 08.00 WIB", "Kamis (9/11/2023)", "Rp 1.500.000.000.000", "pada 2023-2024", "0,5 persen",
    "45.000-60.000 orang", "@jokowi menulis", "nomor 081234", "versi 3.14159265358979",
])
def test_news_numbers_are_not_personal_data(text):
    assert find_personal_data(text) == []


def test_the_samples_carry_only_the_tempo_login_address(sample_paths):
    found = {p.name: find_personal_data(p.read_text(encoding="utf-8")) for p in sample_paths}
    assert {k: [(f.kind, f.line, f.masked) for f in v] for k, v in found.items() if v} == {
        "001_tempo_c67f06f554ddf142.txt": [("email", 14, "p***@e***.com")]}


def test_masks_keep_a_hint_and_never_the_value():
    assert mask_email("pembaca@example.com") == "p***@e***.com"
    assert mask_phone("0812-3456-7890") == "0*********90"
    assert mask_phone("+62 812 3456 7890") == "+62 *********90"


def test_redact_replaces_with_a_visible_marker_and_reports_lines():
    result = redact(CLIPPING)
    assert not _leaks(result.text)
    assert result.text.count(MARKERS["email"]) == 3 and result.text.count(MARKERS["phone"]) == 2
    assert [f.kind for f in result.findings] == ["email", "email", "phone", "email", "phone"]
    lines = CLIPPING.splitlines()
    for finding, value in zip(result.findings, [EMAIL, EMAIL, PHONE, EMAIL, PHONE_INTL], strict=True):
        assert value in lines[finding.line - 1]
    kept = redact(CLIPPING, keep=True)
    assert kept.text == CLIPPING and kept.findings == result.findings


def test_load_articles_redacts_before_cleaning(clipping):
    loaded = load_articles([clipping])
    (article,), (raw,) = loaded.articles, loaded.raws
    everything = json.dumps([article.paragraphs, [r.text for r in article.removed], article.title, raw.text])
    assert not _leaks(everything)
    assert MARKERS["email"] in " ".join(article.paragraphs)  # the body line says something was hidden
    assert [f.kind for f in findings_of(raw.hints)] == ["email", "email", "phone", "email", "phone"]
    assert not _leaks(json.dumps(raw.hints))  # findings are persisted: masked only


def test_no_personal_data_in_docx_or_pdf_unless_kept(clipping, tmp_path):
    outputs = [tmp_path / "b.docx", tmp_path / "b.pdf", tmp_path / "b.html"]
    build([clipping], outputs, BuildOptions())
    docx_xml = " ".join(zipfile.ZipFile(outputs[0]).read(n).decode("utf-8", "replace")
                        for n in zipfile.ZipFile(outputs[0]).namelist())
    for text in (docx_text(outputs[0]), docx_xml, pdf_text(outputs[1]), outputs[2].read_text(encoding="utf-8")):
        assert not _leaks(text)
    assert "e-mail hidden" in docx_text(outputs[0])

    # the same build with the user's consent keeps the address: the check above can fail
    kept = [tmp_path / "k.docx", tmp_path / "k.pdf"]
    build([clipping], kept, BuildOptions(), keep_personal=True)
    # (a PDF line may wrap the address after its hyphen: pdftotext then gives "kemlu- mail")
    assert EMAIL in docx_text(kept[0]) and EMAIL in pdf_text(kept[1]).replace("- ", "-")


def test_no_personal_data_in_a_project_file_unless_kept(clipping, tmp_path):
    project_mod = pytest.importorskip("briefgen.project")
    for keep in (False, True):
        project = project_mod.Project()
        project.add_raws(load_articles([clipping], keep_personal=keep).raws)
        path = project_mod.save_project(project, tmp_path / f"p{keep}.briefgen")
        text = path.read_text(encoding="utf-8")
        assert bool(_leaks(text)) is keep
        assert "p***@" not in text or "personal_data" in text


def test_cli_inspect_lists_findings_and_build_keeps_on_request(clipping, tmp_path, capsys):
    assert main(["inspect", str(clipping), "--json"]) == 0
    (obj,) = json.loads(capsys.readouterr().out)
    assert [d["kind"] for d in obj["personal_data"]] == ["email", "email", "phone", "email", "phone"]
    assert obj["personal_data"][0] == {"kind": "email", "line": 1, "masked": "r***@k***.e***.org"}
    assert not _leaks(json.dumps(obj))

    assert main(["build", str(clipping), "-o", str(tmp_path / "d.docx")]) == 0
    assert not _leaks(docx_text(tmp_path / "d.docx"))
    assert main(["build", str(clipping), "--keep-personal-data", "-o", str(tmp_path / "k.docx")]) == 0
    assert EMAIL in docx_text(tmp_path / "k.docx")  # the login line became the title
