"""Units of the core: bilingual text, catalogue and Babel formatting, atomic export, dates, templates."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import briefgen
from briefgen.errors import ExportFailed, ImportFailed, TemplateError
from briefgen.export import atomic_write, atomic_write_bytes
from briefgen.i18n import compile_po, date_text, format_number, label, locale_dir
from briefgen.ingest.dates import find_dates
from briefgen.ingest.importers import decode_text, import_paths
from briefgen.model import BiText, Status


def test_bitext_refuses_inconsistent_status():
    with pytest.raises(ValueError):
        BiText(id="teks", en="", id_status=Status.MISSING)
    with pytest.raises(ValueError):
        BiText(id="", en="", id_status=Status.SOURCE)
    text = BiText.source("Kunjungan Blinken", "id")
    assert text.en_status is Status.MISSING and text.source_lang == "id"
    assert text.with_text("en", "Blinken's visit", Status.MACHINE).en_status.needs_review


def test_labels_come_from_the_catalogue():
    assert label("Key Points") == BiText.generated("Pokok-Pokok", "Key Points")
    assert label("Cross-Source Corroboration").id == "Konfirmasi Antarsumber"
    assert label("Page {page} of {pages}", page=2, pages=5).id == "Halaman 2 dari 5"


def test_catalogue_compiles_without_fuzzy_or_missing_entries():
    from babel.messages.pofile import read_po

    po = locale_dir() / "id" / "LC_MESSAGES" / "briefgen.po"
    catalog = read_po(po.open("rb"))
    assert not [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    assert len(compile_po(po.read_bytes())) > 1000


def test_every_ui_string_is_in_the_catalogue():
    """A new ``_("…")`` without an Indonesian entry would show English in the Indonesian interface."""
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    catalog = read_po((locale_dir() / "id" / "LC_MESSAGES" / "briefgen.po").open("rb"))
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    package = Path(briefgen.__file__).parent
    found = {(path.relative_to(package).as_posix(), msg if isinstance(msg, str) else msg[0])
             for path in package.rglob("*.py")
             for _, msg, _, _ in extract_from_file("python", str(path),
                                                   keywords={"_": None, "N_": None, "n_": (1, 2)})}
    assert len(found) > 100
    assert not {(where, msg) for where, msg in found if msg and msg not in known}


def test_dates_and_numbers_per_language():
    assert date_text(dt.date(2023, 11, 9)) == BiText.generated("Kamis, 9 November 2023", "Thursday, 9 November 2023")
    assert format_number(1000.5, "id") == "1.000,5" and format_number(1000.5, "en") == "1,000.5"


@pytest.mark.parametrize("text,expected,inferred", [
    ("tiba sejak Rabu (8/11/2023) malam", dt.date(2023, 11, 8), False),
    ("pada Kamis, 9 November 2023, bahwa", dt.date(2023, 11, 9), False),
    ("kata kementerian, Rabu (1/11). Sejak Maret 2021", dt.date(2023, 11, 1), True),
    ("Blinken tiba pada Kamis (9 November) untuk", dt.date(2023, 11, 9), True),
    ("Updated Nov. 9, 2023 at noon", dt.date(2023, 11, 9), False),
    ("22/11/2023, 22:00 WIB", dt.date(2023, 11, 22), False),
])
def test_date_forms(text, expected, inferred):
    mention = find_dates(text, today=dt.date(2026, 11, 22))[0]
    assert mention.date == expected and mention.inferred is inferred


def test_no_year_is_guessed_without_a_weekday():
    assert find_dates("pada 9 November lalu", hint_years=[], today=dt.date(2026, 1, 1))[0].date is None
    assert find_dates("skor 3/4 babak")[:1] == []


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path: Path):
    target = tmp_path / "brief.docx"
    target.write_bytes(b"old")

    def broken(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportFailed, match="disk is full"):
        atomic_write(target, broken)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]  # no temporary file left behind


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder_is_explained(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportFailed, match="read-only"):
            atomic_write_bytes(folder / "x.docx", b"data")
    finally:
        folder.chmod(0o700)


def test_decoding_cp1252_and_utf16(tmp_path: Path):
    text = "Menlu “Blinken” tiba — Rabu"
    assert decode_text(text.encode("utf-16"), "f")[0] == text
    assert decode_text(("\ufeff" + text).encode("utf-8"), "f")[0] == text
    assert "Blinken" in decode_text(text.encode("cp1252"), "f")[0]


def test_bad_files_are_named_and_the_batch_goes_on(tmp_path: Path, sample_paths):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = import_paths([empty, binary, sample_paths[0]])
    assert len(result.articles) == 1
    reasons = {Path(e.path).name: e.reason for e in result.errors}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["junk.txt"]
    assert all(isinstance(e, ImportFailed) and str(e).startswith(e.path) for e in result.errors)


def test_unknown_template_and_broken_yaml(tmp_path: Path, user_dir: Path):
    from briefgen.templating import available_templates, get_template

    with pytest.raises(TemplateError, match="unknown template"):
        get_template("no-such")
    broken = user_dir / "templates" / "broken"
    broken.mkdir(parents=True)
    (broken / "template.yaml").write_text("name: broken\nsections: [summary\n")
    assert "broken" not in available_templates() and "briefing-note" in available_templates()  # isolated
    with pytest.raises(TemplateError, match=r"template\.yaml:\d+: not valid YAML"):
        get_template("broken")


def test_user_template_overrides_and_sandbox_blocks_internals(user_dir: Path):
    from briefgen.pipeline import BuildOptions, load_articles, make_briefing, make_document
    from briefgen.render.html import render_html

    folder = user_dir / "templates" / "briefing-note"
    folder.mkdir(parents=True)
    (folder / "template.yaml").write_text("name: briefing-note\ntitle: Briefing Note\nsections: [summary]\n")
    (folder / "template.html.j2").write_text("{{ doc.__class__.__mro__ }}")
    articles = load_articles([], sample=True).articles
    briefing, template = make_briefing(articles, BuildOptions())
    assert template.folder == folder
    with pytest.raises(TemplateError):
        render_html(make_document(briefing, template, BuildOptions()), template)
    (folder / "template.html.j2").write_text("{{ doc.no_such_field }}")
    with pytest.raises(TemplateError, match="undefined"):
        render_html(make_document(briefing, template, BuildOptions()), template)
