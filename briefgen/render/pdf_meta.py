"""What Qt's PDF writer leaves out, added with pypdf once the pages are painted.

Qt writes the text, the fonts and the title; a reader also expects the document's language (so a
screen reader and a spell-checker pick the right one: ``/Lang``), bookmarks to jump from heading to
heading (the Dossier's contents become clickable in the viewer's side panel), and the full document
information (author, subject, keywords, the producing program). This module adds those, rewriting
the file in place before :func:`briefgen.export.atomic_write` moves it to its name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from briefgen import __version__
from briefgen.render.layout import Document

BCP47 = {"id": "id-ID", "en": "en-GB"}


def _subset_tag(name: str) -> str:
    """Six capitals from the font's name: the tag PDF readers expect before a subset font's name."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def tag_subsets(writer: PdfWriter) -> None:
    """Qt embeds only the glyphs it uses but names the font as if whole; tag each as a subset ("ABCDEF+")."""
    seen: set[int] = set()
    for page in writer.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen or "/DescendantFonts" not in font:
                continue
            seen.add(id(font))
            base = str(font["/BaseFont"]).lstrip("/")
            if re.match(r"[A-Z]{6}\+", base):
                continue
            tagged = NameObject(f"/{_subset_tag(base)}+{base}")
            font[NameObject("/BaseFont")] = tagged
            for child in font["/DescendantFonts"]:
                child = child.get_object()
                child[NameObject("/BaseFont")] = tagged
                descriptor = child.get("/FontDescriptor")
                if descriptor is not None:
                    descriptor.get_object()[NameObject("/FontName")] = tagged


def finish_pdf(path: Path, document: Document, headings: list[tuple[int, str, int]]) -> None:
    """Set ``/Lang``, the document information, subset tags and one bookmark per heading (levels 1 and 2)."""
    writer = PdfWriter(clone_from=PdfReader(str(path)))
    tag_subsets(writer)
    writer._root_object[NameObject("/Lang")] = TextStringObject(BCP47.get(document.primary, document.primary))
    writer.add_metadata({
        "/Title": document.title,
        "/Author": document.author or "briefgen",
        "/Subject": document.subject or document.title,
        "/Keywords": "; ".join(("briefing", *document.keywords, *document.langs)),
        "/Creator": f"briefgen {__version__}",
        "/Producer": f"briefgen {__version__} (Qt, pypdf)",
    })
    parent = None
    pages = len(writer.pages)
    for level, text, page in headings:
        if not text or page >= pages:
            continue
        if level <= 1 or parent is None:
            item = writer.add_outline_item(title=text[:200], page_number=page)
            if level <= 1:
                parent = item
        else:
            writer.add_outline_item(title=text[:200], page_number=page, parent=parent)
    writer.page_mode = "/UseOutlines" if headings else "/UseNone"
    with path.open("wb") as fh:
        writer.write(fh)
