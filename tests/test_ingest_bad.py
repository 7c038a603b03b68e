"""Bad input: each file gets one line naming it and the reason, and the rest of the batch still imports."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefgen.errors import ImportFailed
from briefgen.ingest.importers import MAX_BYTES, import_paths, read_path


def _docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_bytes(*, password: str | None = None, blank: bool = False) -> bytes:
    from pypdf import PdfWriter

    if blank:
        writer = PdfWriter()
        writer.add_blank_page(595, 842)
    else:
        writer = PdfWriter(clone_from=_text_pdf())
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _text_pdf() -> io.BytesIO:
    """A one-page PDF with a real text layer, written by hand (Helvetica, one line of text)."""
    content = b"BT /F1 12 Tf 72 720 Td (SEOUL - Menteri Luar Negeri tiba di Seoul pada Kamis, 9 November 2023.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    out.seek(0)
    return out


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory, sample_paths) -> dict[str, Path]:
    tmp_path = tmp_path_factory.mktemp("bad")
    files = {
        "binary.txt": bytes(range(256)) * 16,
        "empty.txt": b"",
        "notes.xyz": b"some text in an unknown format",
        "broken.docx": b"PK\x03\x04 this is not really a zip archive",
        "notazip.docx": b"Plain text saved with a .docx name\n",
        "encrypted.pdf": _pdf_bytes(password="rahasia"),
        "scan.pdf": _pdf_bytes(blank=True),
        "broken.pdf": b"%PDF-1.4\n1 0 obj <<>> garbage",
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    huge = tmp_path / "huge.txt"
    subprocess.run(["truncate", "-s", "300M", str(huge)], check=True)  # sparse: no 300 MB written to disk
    paths["huge.txt"] = huge
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))  # unpacks 1000x: refused by ratio
    paths["bomb.docx"] = tmp_path / "bomb.docx"
    paths["bomb.docx"].write_bytes(bomb.getvalue())
    paths["good.docx"] = tmp_path / "good.docx"
    paths["good.docx"].write_bytes(_docx_bytes("JAKARTA - Menteri Luar Negeri Retno Marsudi bertemu mitranya dari "
                                               "Korea Selatan pada Jumat, 10 November 2023, di Jakarta."))
    paths["good.pdf"] = tmp_path / "good.pdf"
    paths["good.pdf"].write_bytes(_text_pdf().getvalue())
    paths["sample"] = sample_paths[0]
    return paths


EXPECTED = {
    "binary.txt": "binary",
    "empty.txt": "empty file",
    "notes.xyz": "unsupported file type '.xyz'",
    "broken.docx": "broken Word file",
    "notazip.docx": "broken Word file",
    "encrypted.pdf": "encrypted PDF",
    "scan.pdf": "no text layer",
    "broken.pdf": "broken PDF",
    "huge.txt": f"file too large: 300 MB, the limit is {MAX_BYTES // (1024 * 1024)} MB",
    "bomb.docx": "zip bomb",
}


def test_each_bad_file_is_named_with_its_reason_and_the_batch_goes_on(bad_batch):
    result = import_paths(list(bad_batch.values()))
    reasons = {Path(e.path).name: str(e) for e in result.errors}
    for name, expected in EXPECTED.items():
        assert name in reasons, f"{name} was not refused"
        message = reasons[name]
        assert expected in message and message.startswith(str(bad_batch[name])), message
        assert "\n" not in message
    imported = sorted(Path(a.file).name for a in result.articles)
    assert imported == sorted(["good.docx", "good.pdf", bad_batch["sample"].name])
    good_pdf = next(a for a in result.articles if a.fmt == "pdf")
    assert "9 November 2023" in good_pdf.text


def test_a_pdf_with_an_empty_user_password_opens(tmp_path: Path):
    path = tmp_path / "owner-only.pdf"
    path.write_bytes(_pdf_bytes(password=""))
    assert "Menteri Luar Negeri" in read_path(path).text


def test_cli_reports_one_line_per_bad_file_and_builds_the_rest(bad_batch, tmp_path):
    paths = [str(bad_batch[n]) for n in ("binary.txt", "encrypted.pdf", "huge.txt", "sample")]
    result = subprocess.run([sys.executable, "-m", "briefgen", "inspect", *paths], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 3, result.stderr  # partial: some inputs could not be read
    errors = [line for line in result.stderr.splitlines() if line.startswith("briefgen: ")]
    assert len(errors) == 3 and all(any(p in line for p in paths) for line in errors), result.stderr
    assert len(result.stdout.strip().splitlines()) == 1  # the sample was read


def test_refusals_are_import_failed(bad_batch):
    with pytest.raises(ImportFailed, match="too large"):
        read_path(bad_batch["huge.txt"])
