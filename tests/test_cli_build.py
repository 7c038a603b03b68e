"""The CLI contract end to end, in a subprocess as a user runs it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import docx_text, pdf_text, squash

SECTION_LABELS = ["Pokok-Pokok", "Key Points", "Daftar Sumber", "Sources", "Nota Briefing", "Briefing Note"]
DATES = ["Jumat, 10 November 2023", "Friday, 10 November 2023", "9 November 2023", "23 September 2023",
         "1 November 2023"]


def briefgen(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory, sample_articles):
    out = tmp_path_factory.mktemp("build")
    result = briefgen("build", "--sample", "--date", "2023-11-10", "-o", str(out / "b.docx"), "-o",
                      str(out / "b.pdf"), "-o", str(out / "b.html"))
    assert result.returncode == 0, result.stderr
    return out, sample_articles


@pytest.mark.parametrize("reader,name", [(docx_text, "b.docx"), (pdf_text, "b.pdf")])
def test_build_holds_titles_labels_and_dates(built, reader, name):
    out, articles = built
    text = reader(out / name)
    for article in articles:
        assert squash(article.title) in text, article.title
    for expected in SECTION_LABELS + DATES:
        assert expected in text, expected
    assert "BIASA / UNCLASSIFIED" in text
    # the samples' English is the translation supplied with briefgen, marked as such; nothing is untranslated
    assert "[sample translation]" in text and "[Untranslated]" not in text and "[Belum diterjemahkan]" not in text


def test_pdf_embeds_every_font(built):
    import pypdf

    out, _ = built
    reader = pypdf.PdfReader(str(out / "b.pdf"))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            descriptor = descriptor.get_object()
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert all(re.fullmatch(r"/[A-Z]{6}\+(LiberationSans|Noto)[-\w]*", name) for name in fonts), fonts  # subset tags


def test_html_is_the_preview_markup(built):
    out, articles = built
    html = (out / "b.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert 'lang="id"' in html and 'lang="en"' in html


def test_inspect_json_fields():
    result = briefgen("inspect", "--sample", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data) == 5
    for obj in data:
        for key in ("file", "sha256", "lang", "title", "outlet", "published", "authors", "paragraphs", "removed"):
            assert key in obj, key
        assert len(obj["sha256"]) == 64 and obj["paragraphs"]
        assert all({"line", "reason"} <= set(r) for r in obj["removed"])
        assert all({"name", "role"} <= set(p) for p in obj["authors"])
    by_outlet = {o["outlet"]: o for o in data}
    assert by_outlet["Tempo"]["published"] == "2023-11-09"
    assert by_outlet["Bisnis.com"]["authors"][0] == {"name": "Erta Darwati", "role": "author"}


def test_templates_and_version():
    result = briefgen("templates")
    assert result.returncode == 0 and result.stdout.startswith("briefing-note\t")
    version = briefgen("--version")
    from briefgen import __version__

    assert version.stdout.strip() == f"briefgen {__version__}"


def test_failure_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "clip.exe"
    bad.write_bytes(b"MZ\x00\x01")
    result = briefgen("build", str(bad), "-o", str(tmp_path / "x.docx"))
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line]
    assert any(str(bad) in line and "unsupported file type" in line for line in lines)
    assert not (tmp_path / "x.docx").exists()


def test_unknown_output_format_names_the_file(tmp_path):
    result = briefgen("build", "--sample", "-o", str(tmp_path / "x.odt"))
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "x.odt" in result.stderr and "unknown output format" in result.stderr


def test_stdin_clipping(tmp_path):
    text = (Path(__file__).parents[1] / "assets/samples/001_tempo_c67f06f554ddf142.txt").read_text(encoding="utf-8")
    result = briefgen("build", "-", "-o", str(tmp_path / "s.docx"), stdin=text)
    assert result.returncode == 0, result.stderr
    assert "Blinken Cemas" in docx_text(tmp_path / "s.docx")


def test_window_without_display_points_to_build():
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "briefgen"], capture_output=True, text=True, env=env, timeout=60)
    if sys.platform.startswith("linux"):
        assert result.returncode == 2
        assert "briefgen build" in result.stderr and result.stderr.strip().count("\n") == 0


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_pdffonts_reports_every_font_embedded(built):
    out, _ = built
    lines = subprocess.run(["pdffonts", str(out / "b.pdf")], capture_output=True, text=True).stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), lines


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice not installed")
def test_docx_converts_with_libreoffice(built, tmp_path):
    out, articles = built
    result = subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                             str(out / "b.docx")], capture_output=True, text=True, timeout=180)
    converted = tmp_path / "b.pdf"
    assert converted.exists(), result.stderr
    text = pdf_text(converted)
    assert "Halaman 1 dari" in text and "Page 1 of" in text  # PAGE/NUMPAGES fields evaluated
    assert all(squash(a.title) in text for a in articles)


def test_cli_layouts_match_the_renderer():
    from briefgen import cli
    from briefgen.render.layout import LAYOUTS

    assert cli.LAYOUTS == LAYOUTS


def test_version_is_fast_and_loads_no_pipeline():
    code = ("import sys; from briefgen.cli import main\n"
            "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('numpy', 'briefgen.assemble', 'briefgen.extract', 'PySide6') if m in sys.modules]\n"
            "print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr


def test_inspect_every_written_clipping():
    """inspect --json (with extraction) runs over every hand-written clipping, including unattributed quotes."""
    corpus = Path(__file__).parent / "corpus"
    files = sorted(str(p) for p in corpus.iterdir() if p.suffix in (".txt", ".html"))
    result = briefgen("inspect", *files, "--json")
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert len(data) == len(files)
    assert any(q["speaker"] is None for obj in data for q in obj["quotes"])


def test_briefgen_alone_opens_the_window_and_shows_the_samples(tmp_path):
    """`uv run briefgen`: the window starts, loads the five samples and shows a preview (then quits, because
    BRIEFGEN_QUIT_WHEN_READY is set; without a preview it would hang until the timeout fails the test)."""
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFGEN_USER_DIR": str(tmp_path / "user"),
           "BRIEFGEN_QUIT_WHEN_READY": "1"}
    result = subprocess.run([sys.executable, "-m", "briefgen"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "user" / "settings.json").is_file()  # first run: settings saved in the given user folder


MEMO = {"--number": "ND-123/AT/XI/2023", "--to": "Menteri Luar Negeri", "--from": "Direktur Asia Timur dan Pasifik",
        "--signatory": "Budi Santoso", "--author": "Sari Dewi"}
KOP = ["KEMENTERIAN LUAR NEGERI REPUBLIK INDONESIA", "Direktorat Asia Timur dan Pasifik"]


def test_memo_header_and_letterhead_flags_fill_a_nota_dinas(tmp_path):
    """Headless, a Nota Dinas gets the same header as from the window: Nomor, Kepada, Dari, Tembusan,
    signatory, the user's kop instead of the template's placeholder, and the drafter in the properties."""
    import docx
    from pypdf import PdfReader

    flags = [part for key, value in MEMO.items() for part in (key, value)]
    flags += ["--cc", "Wakil Menteri Luar Negeri", "--cc", "Sekretaris Jenderal"]
    flags += [part for line in KOP for part in ("--letterhead", line)]
    result = briefgen("build", "--sample", "--template", "nota-dinas", "--date", "2023-11-10", *flags,
                      "-o", str(tmp_path / "nd.pdf"), "-o", str(tmp_path / "nd.docx"))
    assert result.returncode == 0, result.stderr
    for text in (pdf_text(tmp_path / "nd.pdf"), docx_text(tmp_path / "nd.docx")):
        for value in [*MEMO.values(), *KOP, "Wakil Menteri Luar Negeri", "Sekretaris Jenderal"]:
            if value != MEMO["--author"]:
                assert value in text, value
        assert "KEMENTERIAN / LEMBAGA" not in text and "MINISTRY / AGENCY" not in text
        assert text.count(KOP[0]) == 1  # sequential: one kop; the English part is the body's translation
        assert "Sari Dewi" not in text  # the drafter is in the properties, not the page
    assert docx.Document(str(tmp_path / "nd.docx")).core_properties.author == "Sari Dewi"
    assert PdfReader(tmp_path / "nd.pdf").metadata.author == "Sari Dewi"


def test_english_letterhead_lines_and_templates_without_a_kop(tmp_path):
    result = briefgen("build", "--sample", "--template", "nota-dinas", "--letterhead", KOP[0], "--lang", "en",
                      "--letterhead-en", "MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF INDONESIA",
                      "-o", str(tmp_path / "nd.pdf"))
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "nd.pdf")  # an English memo carries the English kop
    assert KOP[0] not in text and "MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF INDONESIA" in text
    result = briefgen("build", "--sample", "--template", "briefing-note", "--letterhead", KOP[0],
                      "-o", str(tmp_path / "bn.pdf"))
    assert result.returncode == 0, result.stderr
    assert KOP[0] not in pdf_text(tmp_path / "bn.pdf")  # the BLUF note has no kop: none is added


def test_english_subject_is_the_analysts_and_never_marked_untranslated(tmp_path):
    result = briefgen("build", "--sample", "--date", "2023-11-10", "--subject", "Kunjungan Menlu AS ke Seoul",
                      "--subject-en", "US Secretary of State visits Seoul", "-o", str(tmp_path / "b.pdf"))
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "b.pdf")
    assert "Hal: Kunjungan Menlu AS ke Seoul" in text and "Subject: US Secretary of State visits Seoul" in text
    result = briefgen("build", "--sample", "--date", "2023-11-10", "--subject-en", "US Secretary of State visits Seoul",
                      "-o", str(tmp_path / "en-only.pdf"))
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "en-only.pdf")  # no Indonesian subject given: marked, not taken from a title
    assert "Subject: US Secretary of State visits Seoul" in text and "Hal: [Belum diterjemahkan]" in text
