"""The documents as a secretariat's format reviewer reads them: Nota Dinas element order, the code
top left and page numbers top centre (from PDF text coordinates), margins and type from the
template's YAML, one font family in DOCX and PDF, a language tag on every run, the PDF's /Lang and
bookmarks, clean DOCX properties, and the DOCX as LibreOffice lays it out within one page of the PDF.

Built once per module from the hand-made fixture briefing (tests/test_render_model.py) with a full
memo header; the LibreOffice conversions run once, in one soffice process, for the whole session.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest

from briefgen.render.docx import write_docx
from briefgen.render.layout import PAGE_SIZES_MM, lay_out
from briefgen.templating import get_template
from tests.test_render_model import full_briefing

TEMPLATES = ("briefing-note", "nota-dinas", "dossier")
LAYOUTS = (("bilingual", "side-by-side"), ("bilingual", "sequential"), ("id", "single"), ("en", "single"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MM = 72 / 25.4
ASSETS = Path(__file__).resolve().parents[1] / "assets" / "fonts"
JABATAN = "Direktur Asia Timur dan Pasifik"
NIP = "197001011995031001"


def memo_briefing(classification: str = "Restricted"):
    from briefgen.i18n import label

    briefing = full_briefing("nota-dinas")
    header = dataclasses.replace(briefing.header, signatory_title=JABATAN, signatory_nip=NIP,
                                 classification=label(classification))
    return dataclasses.replace(briefing, header=header)


def write(document, template: str, stem: Path, page_size: str = "A4") -> tuple[Path, Path]:
    from briefgen.render.pdf import write_pdf

    spec = get_template(template)
    pages = write_pdf(document, spec, stem.with_suffix(".pdf"), page_size)
    write_docx(document, spec, stem.with_suffix(".docx"), page_size, pages)
    return stem.with_suffix(".docx"), stem.with_suffix(".pdf")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(template, languages, layout) → (Document, docx, pdf) for every template and layout."""
    folder = tmp_path_factory.mktemp("format")
    out = {}
    for template in TEMPLATES:
        spec = get_template(template)
        briefing = memo_briefing() if template == "nota-dinas" else full_briefing(template)
        for languages, layout in LAYOUTS:
            document = lay_out(briefing, layout, languages, spec.features)
            out[(template, languages, layout)] = (document, *write(document, template,
                                                                   folder / f"{template}-{layout}-{languages}"))
    return out


def words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page: (xMin, yMin, xMax, yMax, word) in PDF points from the top left, as poppler reads them."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


def page_size_pt(pdf: Path) -> tuple[float, float]:
    box = pypdf.PdfReader(str(pdf)).pages[0].mediabox
    return float(box.width), float(box.height)


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def docx_text(path: Path) -> str:
    body = docx.Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p"))


pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")

MEMO_ORDER = {
    "id": ["KEMENTERIAN", "NOTA DINAS", "Nomor: ND-17/PK/XI/2023", "Yth.", "Dari", "Tanggal", "Sifat", "Derajat",
           "Lampiran", "Hal", "Dengan hormat", "1.", "Pokok-Pokok", "a.", "Demikian disampaikan", JABATAN,
           "Kepala Subdit Korea", f"NIP {NIP}", "Tembusan", "Sekretaris Direktorat Jenderal", "LAMPIRAN NOTA DINAS",
           "Daftar Sumber"],
    "en": ["MINISTRY", "MEMORANDUM", "Number: ND-17/PK/XI/2023", "Addressed to", "From", "Date", "Classification",
           "Urgency", "Attachments", "Subject", "We respectfully submit", "1.", "Key Points", "a.",
           "Submitted for your information", JABATAN, "Kepala Subdit Korea", f"NIP {NIP}", "Copy to",
           "Sekretaris Direktorat Jenderal", "ATTACHMENT TO MEMORANDUM", "Sources"],
}


def in_order(text: str, markers: list[str]) -> list[str]:
    """The markers not found in order (empty: all present, each after the one before)."""
    missing, pos = [], 0
    for marker in markers:
        at = text.find(marker, pos)
        if at < 0:
            missing.append(marker)
        else:
            pos = at + len(marker)
    return missing


@pytest.mark.parametrize("languages,layout", LAYOUTS)
def test_memo_element_order(built, languages, layout):
    """Kop, NOTA DINAS, Nomor, Yth., Dari, Tanggal, Sifat, Derajat, Lampiran, Hal, opening, numbered
    paragraphs, closing, jabatan, name, NIP, Tembusan, then the annex: in the PDF and in the DOCX."""
    _, docx_path, pdf_path = built[("nota-dinas", languages, layout)]
    lang = "en" if languages == "en" else "id"
    pdf = re.sub(r"[ \t]+", " ", text_of(pdf_path))
    assert in_order(pdf, MEMO_ORDER[lang]) == []
    assert in_order(docx_text(docx_path), MEMO_ORDER[lang]) == []


@pytest.mark.parametrize("languages,layout", LAYOUTS)
def test_one_kop_and_one_header_in_every_layout(built, languages, layout):
    document, docx_path, pdf_path = built[("nota-dinas", languages, layout)]
    kinds = [b.kind for b in document.blocks()]
    assert kinds.count("letterhead") == 1 and kinds.count("signature") == 1 and kinds.count("subtitle") <= 2
    pdf = text_of(pdf_path)
    kop = "MINISTRY" if languages == "en" else "KEMENTERIAN"
    assert pdf.count(kop) == 1 and docx_text(docx_path).count(kop) == 1
    title = "MEMORANDUM" if languages == "en" else "NOTA DINAS"
    assert len(re.findall(rf"^\s*{title}\s*$", pdf, flags=re.M)) + ("MEMORANDUM" in pdf and layout == "side-by-side") \
        >= 1
    if layout == "sequential":  # the English part is the body's translation, under one short heading
        assert "MEMORANDUM: ENGLISH TRANSLATION" in pdf and pdf.count("Yth.") == 1 and pdf.count("Urgency") == 0


def test_lampiran_counts_the_annex():
    spec = get_template("nota-dinas")
    with_annex = lay_out(memo_briefing(), "sequential", "id", spec.features)
    rows = {r[0][0].text: r[1][0].text for b in with_annex.blocks() if b.kind == "table" and b.table.style == "fields"
            for r in b.table.rows}
    assert rows["Lampiran"] == "1 berkas" and any(b.kind == "annexhead" for b in with_annex.blocks())
    features = {**spec.features, "attach_sources": False}
    without = lay_out(memo_briefing(), "sequential", "id", features)
    rows = {r[0][0].text: r[1][0].text for b in without.blocks() if b.kind == "table" and b.table.style == "fields"
            for r in b.table.rows}
    assert rows["Lampiran"] == "–" and not any(b.kind == "annexhead" for b in without.blocks())


@pytest.mark.parametrize("languages,layout", LAYOUTS)
def test_code_top_left_and_page_numbers_top_centre(built, languages, layout):
    """Nota Dinas: the classification code at the top left of every page, the page number at the top
    centre from page 2 (none on page 1); read from the PDF's text coordinates."""
    document, _, pdf_path = built[("nota-dinas", languages, layout)]
    width, _height = page_size_pt(pdf_path)
    top, right, _bottom, left = (m * MM for m in document.page.margins_mm)
    pages = words(pdf_path)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        code = [w for w in page if w[4] == document.code]
        assert code, number
        x0, y0, _, _, _ = min(code, key=lambda w: (w[1], w[0]))
        assert abs(x0 - left) < 3 and y0 < top + 12, (number, x0, y0)
        numbers = [w for w in page if re.fullmatch(r"-?\d+-?|-", w[4]) and w[1] < top + 14]
        centre = [w for w in numbers if abs((w[0] + w[2]) / 2 - (left + (width - right)) / 2) < 12]
        if number == 1:
            assert not centre, centre
        else:
            assert centre and str(number) in "".join(w[4] for w in centre), (number, numbers)


def test_secret_codes_are_red(tmp_path):
    """SR and R in red ink, T and B in black (pixels of page 1's top left corner)."""
    from PySide6.QtGui import QImage

    spec = get_template("nota-dinas")
    reds = {}
    for classification in ("Secret", "Restricted"):
        document = lay_out(memo_briefing(classification), "sequential", "id", spec.features)
        _, pdf = write(document, "nota-dinas", tmp_path / classification)
        subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(tmp_path / classification)], check=True, timeout=60)
        image = QImage(str(tmp_path / f"{classification}.png"))
        corner = [image.pixelColor(x, y) for x in range(70, 130) for y in range(40, 80)]
        reds[classification] = sum(1 for c in corner if c.red() > 150 and c.green() < 90 and c.blue() < 90)
        assert document.code == {"Secret": "R", "Restricted": "T"}[classification]
    assert reds["Secret"] > 5 and reds["Restricted"] == 0


@pytest.mark.parametrize("template", TEMPLATES)
def test_margins_follow_the_template(built, template):
    """Text stays inside the template's margins (PDF coordinates) and the DOCX sets the same margins."""
    document, docx_path, pdf_path = built[(template, "id", "single")]
    width, height = page_size_pt(pdf_path)
    top, right, bottom, left = (m * MM for m in document.page.margins_mm)
    for page in words(pdf_path):
        body = [w for w in page if w[4]]
        assert min(w[0] for w in body) >= left - 1.5
        assert max(w[2] for w in body) <= width - right + 1.5
        assert min(w[1] for w in body) >= top - 1.5 and max(w[3] for w in body) <= height - bottom + 1.5
    assert abs(min(w[0] for page in words(pdf_path) for w in page) - left) < 2  # and uses the left edge
    section = docx.Document(str(docx_path)).sections[0]
    for value, mm in zip((section.top_margin, section.right_margin, section.bottom_margin, section.left_margin),
                         document.page.margins_mm, strict=True):
        assert abs(value.mm - mm) < 0.1
    if template == "nota-dinas":  # Tata Naskah Dinas: left ≥ 3 cm, right ≥ 2 cm, top 2 cm, bottom ≥ 2.5 cm
        assert document.page.margins_mm == (20.0, 20.0, 25.0, 30.0) and 11 <= document.page.font_size <= 12


@pytest.mark.parametrize("page_size", ["A4", "F4", "Letter"])
def test_page_sizes(tmp_path, page_size):
    document = lay_out(memo_briefing(), "sequential", "id", get_template("nota-dinas").features)
    docx_path, pdf_path = write(document, "nota-dinas", tmp_path / page_size, page_size)
    width, height = PAGE_SIZES_MM[page_size]
    assert [round(v) for v in page_size_pt(pdf_path)] == [round(width * MM), round(height * MM)]
    section = docx.Document(str(docx_path)).sections[0]
    assert abs(section.page_width.mm - width) < 0.2 and abs(section.page_height.mm - height) < 0.2


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
@pytest.mark.parametrize("template", TEMPLATES)
def test_fonts_same_family_in_docx_and_pdf(built, template):
    """The PDF embeds Liberation Sans (Arial's metrics) for body and headings alike; every DOCX style
    names Arial outright (no theme font for headings)."""
    _, docx_path, pdf_path = built[(template, "bilingual", "side-by-side")]
    lines = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True).stdout.splitlines()[2:]
    families = {line.split()[0].split("+")[-1].split("-")[0] for line in lines}
    assert all(line.split()[-5] == "yes" for line in lines) and families <= {"LiberationSans", "NotoSansKRHangul"}
    styles = zipfile.ZipFile(docx_path).read("word/styles.xml").decode("utf-8")
    assert "Theme" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>", "", styles, flags=re.S)
    fonts = set(re.findall(r'w:ascii="([^"]+)"', styles)) | set(re.findall(r'w:hAnsi="([^"]+)"', styles))
    assert fonts == {"Arial"}
    word = docx.Document(str(docx_path))
    for name in ("Title", "Heading 1", "Normal"):
        assert word.styles[name].font.name == "Arial"


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("languages,layout", LAYOUTS)
def test_every_run_is_tagged_with_its_texts_language(built, template, languages, layout):
    """Every run carries w:lang; Indonesian shown beside a missing English translation is id-ID."""
    document, docx_path, _ = built[(template, languages, layout)]
    body = docx.Document(str(docx_path)).element.body
    runs = body.findall(f".//{W}r")
    tags = [r.find(f"{W}rPr/{W}lang") for r in runs]
    assert runs and all(t is not None for t in tags)
    originals = [r for r in runs if (r.find(f"{W}rPr/{W}rStyle") is not None
                                      and "Original" in r.find(f"{W}rPr/{W}rStyle").get(f"{W}val"))]
    for run in originals:
        assert run.find(f"{W}rPr/{W}lang").get(f"{W}val") == "id-ID"
    if languages == "en":
        assert originals  # the fixture has untranslated Indonesian
        text = "".join(t.text or "" for r in runs for t in r.iter(f"{W}t")
                       if r.find(f"{W}rPr/{W}lang").get(f"{W}val") == "id-ID")
        assert "Korea Selatan dan AS sepakat" in text


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("languages,layout", LAYOUTS)
def test_pdf_lang_bookmarks_and_information(built, template, languages, layout):
    document, _, pdf_path = built[(template, languages, layout)]
    reader = pypdf.PdfReader(str(pdf_path))
    assert reader.trailer["/Root"]["/Lang"] == {"id": "id-ID", "en": "en-GB"}[document.primary]
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    headings = [b.cells[0].text for b in document.blocks() if b.kind == "heading"]
    for heading in headings:
        assert any(heading in title for title in titles), (heading, titles)
    info = reader.metadata
    assert info.title == document.title and info.author == (document.author or "briefgen")
    assert info.creator.startswith("briefgen ")


@pytest.mark.parametrize("template", TEMPLATES)
def test_docx_package_is_clean(built, template):
    """app.xml names briefgen and its version; no Normal.dotm, Macintosh Word, thumbnail, custom XML,
    Word 2010 leftovers, East Asian theme fonts, or a request to update fields on open."""
    from briefgen import __version__

    _, docx_path, _ = built[(template, "bilingual", "sequential")]
    with zipfile.ZipFile(docx_path) as archive:
        names = archive.namelist()
        app = archive.read("docProps/app.xml").decode("utf-8")
        fonts = archive.read("word/fontTable.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
        theme = "".join(archive.read(n).decode("utf-8") for n in names if n.startswith("word/theme/"))
    assert f"<Application>briefgen {__version__}</Application>" in app
    assert "Normal.dotm" not in app and "Microsoft" not in app and "<Template>" not in app
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml") or "stylesWithEffects" in n]
    assert "MS Mincho" not in fonts and "ＭＳ" not in fonts and "ＭＳ" not in theme and "Arial" in fonts
    assert "updateFields" not in settings and "savePreviewPicture" not in settings and "proofState" not in settings


def test_docx_contents_carry_page_numbers(built):
    """The Dossier's contents list each section with its page (from the PDF laid out in the same build)."""
    _, docx_path, _ = built[("dossier", "bilingual", "sequential")]
    body = docx.Document(str(docx_path)).element.body
    entries = ["".join("\t" if el.tag == f"{W}tab" else el.text or "" for el in p.iter(f"{W}t", f"{W}tab"))
               for p in body.iter(f"{W}p")
               if p.find(f"{W}pPr/{W}pStyle") is not None and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "toc1"]
    assert len(entries) > 5 and all(re.search(r"\t\d+$", e) for e in entries), entries[:3]


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory, request):
    """Every template × layout's DOCX converted by LibreOffice once (one soffice run), with the bundled
    fonts visible (so Arial maps to Liberation Sans, as on a machine with fonts-liberation)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    built = request.getfixturevalue("built")
    folder = tmp_path_factory.mktemp("lo")
    conf = folder / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{ASSETS}</dir>
<cachedir>{folder / "cache"}</cachedir></fontconfig>""")
    keys = [k for k in built if k[2] != "single"]
    sources = [built[k][1] for k in keys]
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder / 'profile'}", "--convert-to",
                    "pdf", "--outdir", str(folder / "out"), *map(str, sources)], env=env, capture_output=True,
                   timeout=300, check=True)
    return {k: folder / "out" / (src.stem + ".pdf") for k, src in zip(keys, sources, strict=True)}


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("layout", ["side-by-side", "sequential"])
def test_libreoffice_page_count_within_one_of_the_pdf(built, libreoffice_pdfs, template, layout):
    key = (template, "bilingual", layout)
    lo = len(pypdf.PdfReader(str(libreoffice_pdfs[key])).pages)
    native = len(pypdf.PdfReader(str(built[key][2])).pages)
    assert abs(lo - native) <= 1, (key, lo, native)
