"""Class 6: inputs that used to abort the batch. AES-encrypted PDFs with an empty password, a PDF whose
compressed stream passes pypdf's decompression limit, cp1252 or UTF-16 clippings on standard input, and
any reader failing unexpectedly: each is read or refused in one line, and the batch goes on.
(The file cases themselves are rows of tests/bad_inputs/expectations.yaml.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.attacks.conftest import REPO
from tests.test_bad_inputs import MAKERS, PARAGRAPHS, TITLE

TEXT = (TITLE + "\n\n" + "\n\n".join(PARAGRAPHS)
        + "\n\nKata mereka di kafe: \u201cKopi yang enak,\u201d ujar caf\u00e9.\n")


def test_cryptography_is_a_declared_dependency():
    """pypdf needs it for AES; without it an AES PDF with an empty password cannot even be opened."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert any(dep.split(">")[0].split("=")[0].strip().lower() == "cryptography" for dep in project["dependencies"])
    import cryptography  # noqa: F401 - installed by uv sync


def test_a_batch_with_every_bad_pdf_goes_on(tmp_path):
    from briefgen.pipeline import load_articles

    files = [MAKERS[name](tmp_path) for name in ("encrypted_pdf_aes256_empty_password", "pdf_flate_bomb",
                                                  "encrypted_pdf_aes128_empty_password", "truncated_pdf")]
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    loaded = load_articles([*files, good])
    assert len(loaded.articles) == 3  # both AES files and the text
    assert {Path(e.path).name for e in loaded.errors} == {"flate-bomb.pdf", "truncated.pdf"}
    assert all("\n" not in str(e) for e in loaded.errors)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "latin-1"])
def test_standard_input_is_decoded_like_a_file(encoding, tmp_path):
    data = TEXT.encode(encoding, errors="replace") if encoding != "latin-1" else \
        TEXT.replace("\u201c", '"').replace("\u201d", '"').encode("latin-1")
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(tmp_path), "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "briefgen", "inspect", "-", "--json"], input=data,
                            capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    (article,) = json.loads(result.stdout)
    body = " ".join(article["paragraphs"])
    assert "Menteri Luar Negeri Retno Marsudi bertemu" in body and "caf\u00e9" in body and "\x00" not in body


def test_standard_input_that_is_binary_or_huge_is_refused_in_one_line(tmp_path):
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(tmp_path)}
    for data in (bytes(range(256)) * 64, b"\x00" * 1000):
        result = subprocess.run([sys.executable, "-m", "briefgen", "inspect", "-"], input=data, capture_output=True,
                                env=env, timeout=120)
        err = result.stderr.decode()
        assert result.returncode != 0 and "Traceback" not in err and err.count("\n") == 1, err


def test_a_reader_that_fails_unexpectedly_does_not_end_the_batch(tmp_path, monkeypatch):
    from briefgen.ingest import importers
    from briefgen.pipeline import load_articles

    def broken(path, data):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(importers.READERS, ".md", broken)
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    loaded = load_articles([tmp_path / "a.md", tmp_path / "b.txt"])
    assert len(loaded.articles) == 1 and [Path(e.path).name for e in loaded.errors] == ["a.md"]
    assert "RecursionError" in loaded.errors[0].reason
