"""The corpus of bad inputs (tests/bad_inputs/): each file is imported with the stated properties or refused
with the stated reason, in one line naming the file, and a batch goes on past it.

Small files are committed; big, binary or library-built ones are made here at test time (a 1 GB sparse
file, a zip bomb, DOCX and PDF variants). ``expectations.yaml`` says what must happen to each.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import yaml

from briefgen.errors import BriefgenError, ImportFailed
from briefgen.ingest.build import build_article
from briefgen.ingest.importers import read_path
from briefgen.pipeline import load_articles

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTATIONS = yaml.safe_load((CORPUS / "expectations.yaml").read_text(encoding="utf-8"))
TITLE = "Menlu Retno Bertemu Menlu Korea Selatan di Jakarta"
PARAGRAPHS = [
    "JAKARTA, KOMPAS.com - Menteri Luar Negeri Retno Marsudi bertemu Menteri Luar Negeri Korea Selatan di "
    "Jakarta pada Kamis (9/11/2023) untuk membahas kerja sama ekonomi dan keamanan kawasan.",
    "Kedua menteri sepakat memperkuat kerja sama pertahanan, perdagangan, dan energi bersih, kata juru bicara "
    "Kementerian Luar Negeri kepada wartawan.",
]

# --- generators: each writes one bad input into ``folder`` and returns its path ------------------------------

MAKERS: dict[str, Callable[[Path], Path]] = {}


def maker(fn: Callable[[Path], Path]) -> Callable[[Path], Path]:
    MAKERS[fn.__name__] = fn
    return fn


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.core_properties.title = TITLE
    document.add_paragraph(TITLE)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, extra: dict[str, bytes] | None = None, drop: tuple[str, ...] = (),
           replace: dict[str, bytes] | None = None) -> bytes:
    """A copy of the zip ``data`` with members added, dropped or replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in drop:
                continue
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, content in (extra or {}).items():
            dst.writestr(zipfile.ZipInfo(name), content)
    return out.getvalue()


def _pdf_bytes(text_lines: list[str] | None) -> bytes:
    """A minimal valid one-page PDF; with ``text_lines`` a Helvetica text layer, without it a blank page."""
    stream = b""
    if text_lines:
        ops = ["BT /F1 9 Tf 40 800 Td 11 TL"] + [f"({line}) Tj T*" for line in text_lines] + ["ET"]
        stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _wrapped(paragraphs: list[str], width: int = 90) -> list[str]:
    import textwrap

    lines: list[str] = [TITLE, ""]
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width) + [""]
    return lines


def _encrypted(data: bytes, password: str, algorithm: str = "RC4-128") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@maker
def sparse_1gb(folder: Path) -> Path:
    path = folder / "sparse-1gb.txt"
    with path.open("wb") as f:
        f.truncate(1024**3)  # a hole: no disk space used, and nothing must read it
    return path


@maker
def very_long_line(folder: Path) -> Path:
    path = folder / "very-long-line.txt"
    path.write_text(" ".join(PARAGRAPHS) * 2000, encoding="utf-8")  # ~600 KB, no line break
    return path


@maker
def deeply_nested_html(folder: Path) -> Path:
    path = folder / "deeply-nested.html"
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    path.write_text(f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{body}</article>"
                    + "<div>" * 20000 + "x" + "</div>" * 20000 + "</body></html>", encoding="utf-8")
    return path


@maker
def valid_docx(folder: Path) -> Path:
    path = folder / "valid.docx"
    path.write_bytes(_docx_bytes())
    return path


@maker
def truncated_docx(folder: Path) -> Path:
    data = _docx_bytes()
    path = folder / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


@maker
def zip_bomb_docx(folder: Path) -> Path:
    """A real .docx plus one member of 256 MB of zeros (deflates ~1000:1 to ~250 KB)."""
    path = folder / "zip-bomb.docx"
    path.write_bytes(_docx_bytes())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open("word/media/bomb.bin", "w",
                                                                                     force_zip64=True) as member:
        chunk = b"\0" * (16 * 1024 * 1024)
        for _ in range(16):
            member.write(chunk)
    return path


@maker
def docx_path_traversal(folder: Path) -> Path:
    path = folder / "path-traversal.docx"
    path.write_bytes(_rezip(_docx_bytes(), extra={"../../../../tmp/briefgen-evil.txt": b"owned"}))
    return path


@maker
def docx_absolute_path(folder: Path) -> Path:
    path = folder / "absolute-path.docx"
    path.write_bytes(_rezip(_docx_bytes(), extra={"/etc/briefgen-evil.conf": b"owned"}))
    return path


@maker
def docx_without_document_part(folder: Path) -> Path:
    path = folder / "no-document-part.docx"
    path.write_bytes(_rezip(_docx_bytes(), drop=("word/document.xml",)))
    return path


@maker
def docx_billion_laughs(folder: Path) -> Path:
    """document.xml with nested entity definitions: expanded, they would be gigabytes of 'lol'."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    data = _docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    head, _, rest = xml.partition("?>")
    xml = f"{head}?><!DOCTYPE w:document [{entities}]>{rest}".replace(TITLE, "&lol9;", 1)
    path = folder / "billion-laughs.docx"
    path.write_bytes(_rezip(data, replace={"word/document.xml": xml.encode("utf-8")}))
    return path


@maker
def valid_pdf(folder: Path) -> Path:
    path = folder / "valid.pdf"
    path.write_bytes(_pdf_bytes(_wrapped(PARAGRAPHS)))
    return path


@maker
def encrypted_pdf(folder: Path) -> Path:
    path = folder / "encrypted.pdf"
    path.write_bytes(_encrypted(_pdf_bytes(_wrapped(PARAGRAPHS)), "rahasia"))
    return path


@maker
def encrypted_pdf_empty_password(folder: Path) -> Path:
    """Encrypted with an owner password only: every reader opens it without asking."""
    path = folder / "encrypted-no-user-password.pdf"
    path.write_bytes(_encrypted(_pdf_bytes(_wrapped(PARAGRAPHS)), ""))
    return path


@maker
def encrypted_pdf_aes256_empty_password(folder: Path) -> Path:
    """AES-256 with an empty user password: needs the cryptography package, which briefgen depends on."""
    path = folder / "aes256-no-user-password.pdf"
    path.write_bytes(_encrypted(_pdf_bytes(_wrapped(PARAGRAPHS)), "", "AES-256"))
    return path


@maker
def encrypted_pdf_aes128_empty_password(folder: Path) -> Path:
    path = folder / "aes128-no-user-password.pdf"
    path.write_bytes(_encrypted(_pdf_bytes(_wrapped(PARAGRAPHS)), "", "AES-128"))
    return path


@maker
def pdf_flate_bomb(folder: Path) -> Path:
    """A page whose content stream inflates from ~100 KB to 100 MB: past pypdf's decompression limit."""
    import zlib

    body = _pdf_bytes(_wrapped(PARAGRAPHS))
    bomb = zlib.compress(b" " * (100 * 1024 * 1024), 9)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream"
    start = body.index(b"4 0 obj\n") + len(b"4 0 obj\n")
    end = body.index(b"\nendobj", start)
    path = folder / "flate-bomb.pdf"
    path.write_bytes(body[:start] + stream + body[end:])  # offsets in the xref go stale: pypdf repairs them
    return path


@maker
def fifo_named_txt(folder: Path) -> Path:
    path = folder / "pipe.txt"
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(path)
    return path


@maker
def pdf_without_text(folder: Path) -> Path:
    path = folder / "scan-without-text.pdf"
    path.write_bytes(_pdf_bytes(None))
    return path


@maker
def truncated_pdf(folder: Path) -> Path:
    data = _pdf_bytes(_wrapped(PARAGRAPHS))
    path = folder / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    return path


# --- the assertions ----------------------------------------------------------------------------------------------

def _id(case: dict) -> str:
    return case.get("file") or case["make"]


def _params():
    for case in EXPECTATIONS:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        yield pytest.param(case, id=_id(case), marks=marks)


def _path(case: dict, tmp_path: Path) -> Path:
    if "file" in case:
        return CORPUS / case["file"]
    return MAKERS[case["make"]](tmp_path)


def test_the_corpus_is_complete():
    committed = {p.name for p in CORPUS.iterdir()} - {"expectations.yaml"}
    named = {c["file"] for c in EXPECTATIONS if "file" in c}
    assert committed == named, "every committed bad input has an expectation, and every expectation a file"
    assert {c["make"] for c in EXPECTATIONS if "make" in c} == set(MAKERS)
    assert len(EXPECTATIONS) >= 30


@pytest.mark.parametrize("case", list(_params()))
def test_bad_input(case: dict, tmp_path: Path):
    path = _path(case, tmp_path)
    start = time.perf_counter()
    if case["expect"] == "refused":
        with pytest.raises(ImportFailed) as caught:
            read_path(path)
        message = str(caught.value)
        assert "\n" not in message and message.startswith(str(path)), message
        assert re.search(case["reason"], caught.value.reason, re.IGNORECASE), message
    else:
        try:
            raw = read_path(path)
        except BriefgenError as exc:
            pytest.fail(f"refused, expected imported: {exc}")
        article = build_article(raw)
        body = "\n".join(article.paragraphs)
        for key, value in (("fmt", raw.fmt), ("encoding", raw.encoding)):
            if key in case:
                assert value == case[key], (key, value)
        for text in case.get("contains", []):
            assert text in raw.text, f"{text!r} not in {raw.text[:400]!r}"
        for text in case.get("absent", []):
            assert text not in raw.text and text not in body, f"{text!r} read from {path.name}"
        for text in case.get("body_contains", []):
            assert text in body, f"{text!r} not in the body {body[:400]!r}"
        for text in case.get("body_absent", []):
            assert text not in body and text not in article.title, f"{text!r} in the body"
        if "paragraphs" in case:
            assert len(article.paragraphs) == case["paragraphs"], article.paragraphs
        assert len(article.paragraphs) >= case.get("min_paragraphs", 0), article.paragraphs
        if "title" in case:
            assert re.search(case["title"], article.title), article.title
        if "removed" in case:
            assert len(article.removed) == case["removed"], article.removed
    assert time.perf_counter() - start < 20, "a bad input must not stall the import"


def test_a_batch_goes_on_past_every_bad_input(tmp_path, sample_paths):
    """All of the corpus in one load with a good clipping: every refusal is reported, the rest is read."""
    folder = tmp_path / "batch"
    folder.mkdir()
    bad = [CORPUS / c["file"] for c in EXPECTATIONS if "file" in c and c["expect"] == "refused" and not c.get("xfail")]
    bad += [MAKERS[name](folder) for name in ("sparse_1gb", "truncated_docx", "encrypted_pdf", "zip_bomb_docx")]
    loaded = load_articles([sample_paths[0], *bad, sample_paths[1]])
    assert [a.file for a in loaded.articles] == [str(sample_paths[0]), str(sample_paths[1])]
    assert len(loaded.errors) == len(bad)
    assert {e.path for e in loaded.errors} == {str(p) for p in bad}


@pytest.mark.parametrize("name", ["only-boilerplate.txt"])
def test_a_title_less_clipping_builds_or_fails_in_one_line(name, tmp_path, capsys):
    from briefgen.cli import main

    code = main(["build", str(CORPUS / name), "-o", str(tmp_path / "b.docx")])
    err = capsys.readouterr().err.strip()
    assert code == 0 or (code == 1 and err.startswith("briefgen: ") and "\n" not in err), err
