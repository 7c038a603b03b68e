"""DOCX and PDF of the same briefing, for every template and layout: same content, Word's expectations, pictures.

The briefing is the hand-built fixture with every section (tests/test_render_model.py), so these
tests hold before the extraction layer fills the real sections.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pypdf
import pytest

from briefgen.render.docx import STYLE_NAMES, write_docx
from briefgen.render.layout import Document, lay_out
from briefgen.templating import get_template
from tests.test_render_model import full_briefing

TEMPLATES = ("briefing-note", "nota-dinas", "dossier")
LAYOUTS = (("bilingual", "side-by-side"), ("bilingual", "sequential"), ("id", "single"), ("en", "single"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(template: str, languages: str, layout: str, folder: Path, events: int = 6, page_size: str = "A4"):
    from briefgen.render.pdf import write_pdf

    spec = get_template(template)
    document = lay_out(full_briefing(template, events), layout, languages, spec.features)
    stem = folder / f"{template}-{layout}-{languages}"
    write_docx(document, spec, stem.with_suffix(".docx"), page_size)
    write_pdf(document, spec, stem.with_suffix(".pdf"), page_size)
    return document, stem.with_suffix(".docx"), stem.with_suffix(".pdf")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    return {(t, lg, lo): build(t, lg, lo, folder) for t in TEMPLATES for lg, lo in LAYOUTS}


def docx_lines(path: Path) -> list[str]:
    """Body text in reading order: paragraphs, and table cells row by row."""
    body = docx.Document(str(path)).element.body
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]


def pdf_pages(path: Path) -> list[str]:
    """Text per page as poppler's pdftotext reads it (what most viewers copy); pypdf splits some bold runs."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                             check=True).stdout
        return out.split("\f")[:-1]
    return [p.extract_text() or "" for p in pypdf.PdfReader(str(path)).pages]


def pdf_lines(path: Path, document: Document) -> list[str]:
    """Page text without the page furniture (marking, page X of Y, column headings) the painter adds."""
    names = "Bahasa Indonesia|Bahasa Inggris|English"
    lines = []
    for page in pdf_pages(path):
        text = re.sub(r"[ \t]+", " ", page)
        text = text.replace(document.marking, " ")
        text = re.sub(r"Halaman \d+ dari \d+|Page \d+ of \d+", " ", text)
        if document.code:  # the Nota Dinas: the code top left, "- 2 -" top centre
            text = re.sub(rf"^\s*{document.code}(?: +- *\d+ *-)?\s*$", " ", text, count=1, flags=re.M)
        lines += [line for line in text.splitlines() if not re.fullmatch(rf"\s*(({names})\s*)+/?\s*", line)]
    return lines


def same_text(docx_text: str, pdf_text: str) -> tuple[Counter, Counter]:
    """Word and letter counts of both, minus what may differ only because a long word (a file hash)
    wrapped mid-word in a narrow PDF column: its pieces. Letters are compared in full."""
    a, b = re.findall(r"\w+", docx_text), re.findall(r"\w+", pdf_text)
    long = [t for t in a if len(t) > 14]

    def count(tokens: list[str]) -> Counter:
        kept = [t for t in tokens if not any(t in w for w in long)]
        return Counter(kept) + Counter(f"char:{c}" for t in tokens for c in t)

    return count(a), count(b)


def sections(text: str, document: Document) -> list[tuple[str, str]]:
    """Split at each section heading (first language of its row), in order, after the contents list."""
    headings = [b.cells[0].text for b in document.blocks() if b.kind == "heading"]
    start = text.find(headings[-1]) + len(headings[-1]) if any(b.kind == "toc" for b in document.blocks()) else 0
    cuts, pos = [], start
    for heading in headings:
        pos = text.find(heading, pos)
        assert pos >= 0, heading
        cuts.append((heading, pos))
        pos += len(heading)
    out = [("front", text[:cuts[0][1]])]
    for (heading, at), nxt in zip(cuts, [*[c[1] for c in cuts[1:]], len(text)], strict=True):
        out.append((heading, text[at:nxt]))
    return out


def _drop_column_heads(text: str) -> str:
    return re.sub(r"Bahasa Indonesia\s*(English|Bahasa Inggris)|(Bahasa Indonesia|English)(?=\s)", " ", text, count=2)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("languages,layout", LAYOUTS)
def test_docx_and_pdf_hold_the_same_text_section_by_section(outputs, template, languages, layout):
    document, docx_path, pdf_path = outputs[(template, languages, layout)]
    in_docx = sections(_drop_column_heads(re.sub(r"\s+", " ", " ".join(docx_lines(docx_path)))), document)
    in_pdf = sections(_drop_column_heads(" ".join(pdf_lines(pdf_path, document))), document)
    assert [h for h, _ in in_docx] == [h for h, _ in in_pdf]
    heading_rows = " ".join(s.plain for b in document.blocks() if b.kind == "table"
                            for c in b.table.columns for s in c)
    allowed = set(re.findall(r"\w+", heading_rows)) | {f"char:{c}" for c in heading_rows}
    for (heading, docx_part), (_, pdf_part) in zip(in_docx, in_pdf, strict=True):
        a, b = same_text(docx_part, pdf_part)
        assert not a - b, f"{heading}: only in DOCX {a - b}"
        extra = b - a  # the PDF repeats a table's heading row on each page the table runs onto; nothing else
        if heading == "front":  # ...and its contents list carries page numbers
            extra = Counter({k: v for k, v in extra.items() if not re.fullmatch(r"(char:)?\d+", k)})
        assert all(k in allowed or any(k in w for w in allowed) for k in extra), f"{heading}: only in PDF {extra}"
    assert len(in_docx) > 4


def test_docx_as_word_users_expect(outputs, tmp_path):
    document, path, _ = outputs[("dossier", "bilingual", "sequential")]
    word = docx.Document(str(path))
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    runs = word.element.body.findall(f".//{W}r")
    langs = Counter(r.find(f"{W}rPr/{W}lang").get(f"{W}val") for r in runs)
    assert set(langs) == {"id-ID", "en-US"} and sum(langs.values()) == len(runs)  # every run tagged
    assert 'w:hint="eastAsia"' in xml and "윤석열" in xml  # Hangul goes to the East Asian font
    assert "TOC \\o" in xml and 'w:dirty="true"' not in xml  # no prompt when Word opens it
    assert b"updateFields" not in zipfile.ZipFile(path).read("word/settings.xml")
    assert "<w:tblHeader" in xml and "<w:drawing>" in xml  # repeated heading rows; the timeline picture
    note = tmp_path / "note.docx"
    write_docx(lay_out(full_briefing("briefing-note"), "sequential", "bilingual"), get_template("briefing-note"), note)
    note_xml = zipfile.ZipFile(note).read("word/document.xml").decode("utf-8")
    assert "\x07" not in note_xml and "naik setelah" in note_xml  # control character stripped, text kept
    props = word.core_properties
    assert props.title.startswith("Dosir") and props.subject == "Kunjungan Menlu AS ke Seoul"
    assert props.author == "Kepala Subdit Korea" and "Kronologi" in props.keywords and props.created
    used = {s.name for s in word.styles}
    assert {"Heading 1", "Caption", "Quote", "Briefgen Data Table", "toc 1"} <= used
    headers = [p.text for s in word.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)]
    assert headers.count("TERBATAS / RESTRICTED") == 2
    footer = zipfile.ZipFile(path).read("word/footer1.xml").decode("utf-8") if "word/footer1.xml" in \
        zipfile.ZipFile(path).namelist() else ""
    assert "PAGE" in footer and "NUMPAGES" in footer


def test_reference_documents_carry_every_style():
    for name in TEMPLATES:
        reference = get_template(name).reference_docx
        styles = docx.Document(str(reference)).styles
        missing = []
        for style in STYLE_NAMES:
            try:
                styles[style]
            except KeyError:
                missing.append(style)
        assert not missing, (reference, missing)
    assert get_template("nota-dinas").reference_docx.parent.name == "nota-dinas"


@pytest.mark.parametrize("page_size,points", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_long_table_repeats_its_heading_row_on_every_page(tmp_path, page_size, points):
    document, docx_path, pdf_path = build("dossier", "id", "single", tmp_path, events=90, page_size=page_size)
    reader = pypdf.PdfReader(str(pdf_path))
    assert tuple(round(float(x)) for x in reader.pages[0].mediabox[2:]) == points
    pages = [re.sub(r"\s+", " ", page) for page in pdf_pages(pdf_path)]
    with_rows = [t for t in pages if "Peristiwa ke-" in t and "pertemuan tingkat menteri di Seoul" in t]
    assert len(with_rows) >= 3
    assert all(re.search(r"No\.\s*Tanggal", t) for t in with_rows)
    rows = " ".join(pages)
    assert all(rows.count(f"Peristiwa ke-{n}: pertemuan tingkat menteri di Seoul.") == 1 for n in range(1, 91))
    section = docx.Document(str(docx_path)).sections[0]
    assert abs(section.page_width.pt - points[0]) < 1 and abs(section.page_height.pt - points[1]) < 1


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
def test_every_pdf_font_is_embedded_including_hangul(outputs):
    _, _, pdf_path = outputs[("dossier", "bilingual", "side-by-side")]
    lines = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines), lines
    names = [line.split()[0].split("+")[-1] for line in lines]  # "ABCDEF+LiberationSans": a tagged subset
    assert all(re.match(r"[A-Z]{6}\+", line) for line in lines), lines
    assert any(name.startswith("NotoSansKRHangul") for name in names)
    assert all(name.startswith(("Liberation", "Noto")) for name in names), lines  # bundled fonts only
    assert any(name.startswith("LiberationSans") for name in names)  # Arial's metrics, as the DOCX names


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_page_one_of_each_template_and_layout_renders(outputs, tmp_path):
    """Page one as PNG, for a person to look at (set BRIEFGEN_PNG_DIR to keep them)."""
    keep = os.environ.get("BRIEFGEN_PNG_DIR")
    folder = Path(keep) if keep else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    for (template, languages, layout), (_, _, pdf_path) in outputs.items():
        stem = folder / f"{template}-{layout}-{languages}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf_path),
                        str(stem)], check=True, timeout=60)
        png = stem.with_suffix(".png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 8000  # a page with text, not a blank sheet


def test_pdf_writing_does_not_use_up_references_to_none(tmp_path):
    """PySide6 6.12 on Python 3.11 drops a reference to None per void call; enough of them abort Python.

    pyproject keeps PySide6 below 6.12; this fails if a release with that fault comes back in.
    """
    import sys

    from briefgen.render.pdf import ensure_qt, write_pdf

    ensure_qt()
    spec = get_template("dossier")
    document = lay_out(full_briefing("dossier", 20), "side-by-side", "bilingual", spec.features)
    import gc

    write_pdf(document, spec, tmp_path / "warm.pdf")  # caches filled once (fonts, figure), outside the count
    gc.collect()  # garbage freed during the count would give back references to None that are not Qt's
    gc.disable()
    try:
        before = sys.getrefcount(None)
        write_pdf(document, spec, tmp_path / "x.pdf")  # under 6.12.0 this one PDF costs about 600 references
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - 20


@pytest.mark.parametrize("languages,layout", [("bilingual", "sequential"), ("bilingual", "side-by-side")])
def test_pdf_contents_give_the_page_each_section_starts_on(outputs, languages, layout):
    document, _, pdf_path = outputs[("dossier", languages, layout)]
    pages = [re.sub(r"[ \t]+", " ", p) for p in pdf_pages(pdf_path)]
    entries = re.findall(r"^ ?(\S[^\n]*?) (\d+)$", pages[0].split("Contents", 1)[1], flags=re.M)
    headings = [b.cells[0].text for b in document.blocks() if b.kind == "heading"]
    assert [e[0].split(" / ")[0] for e in entries][:len(headings)] == headings
    numbers = [int(n) for _, n in entries[:len(headings)]]
    assert numbers == sorted(numbers) and numbers[-1] > 1
    for (title, number) in entries[:len(headings)]:
        first = title.split(" / ")[0]
        assert re.search(rf"^{re.escape(first)}\b", pages[int(number) - 1], flags=re.M), (title, number)
