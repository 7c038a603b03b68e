"""Reading documents back as text, for assertions on what a reader would see."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pypdf


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def docx_text(path: Path) -> str:
    """All text of a DOCX: body paragraphs, table cells, headers and footers, in order."""
    document = docx.Document(str(path))
    parts: list[str] = []
    body = document.element.body
    for el in body.iter():
        if el.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in el.iter() if t.tag.endswith("}t")))
    for section in document.sections:
        for paragraph in section.header.paragraphs + section.footer.paragraphs:
            parts.append(paragraph.text)
    return squash(" ".join(parts))


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    return squash(" ".join(page.extract_text() or "" for page in reader.pages))
