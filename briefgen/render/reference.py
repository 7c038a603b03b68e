"""A template's ``reference.docx``, opened so that nothing in it reaches out when a briefing is opened.

The DOCX writer starts every briefing from the template's ``reference.docx`` (its styles, headers and
page set-up), so everything in that file is copied into every briefing. A shared template can carry
*external relationships*: a remote attached template (``settings.xml``), an image linked from a
``file://`` share or a web server, a frameset, an OLE link, or fields such as ``INCLUDEPICTURE`` that
Word evaluates on open. Opening the briefing would then make Word fetch them: a tracking beacon, an
NTLM hash sent to a foreign share, or remote content in a diplomatic document.

So on load every external relationship of every part is dropped, every element that pointed at one is
removed (a hyperlink keeps its text and loses only its target), the attached template element is
removed, and fields that fetch content are neutralised. :func:`external_references` lists what
would be removed, for ``briefgen templates --check``.
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from lxml import etree

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FETCHING_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDE|DDEAUTO|IMPORT)\b", re.IGNORECASE)
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _describe(rel) -> str:
    kind = rel.reltype.rsplit("/", 1)[-1]
    return f"{kind} → {rel.target_ref}"


def _xml_root(part):
    """The part's XML tree (python-docx's own, or parsed from the blob of a part it does not model)."""
    element = getattr(part, "_element", None)
    if element is not None:
        return element, False
    if not part.content_type.endswith("xml"):
        return None, False
    try:
        return etree.fromstring(part.blob, _SAFE_PARSER), True
    except etree.XMLSyntaxError:
        return None, False


def _neutralise(root, dropped: set[str]) -> list[str]:
    """Remove what points at a dropped relationship and what fetches on its own; returns what it did."""
    done: list[str] = []
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        refs = [a for a, v in el.attrib.items() if a.startswith(f"{{{R_NS}}}") and v in dropped]
        parent = el.getparent()
        if refs and local == "hyperlink":
            for attr in refs:
                del el.attrib[attr]  # the text stays; only the target goes
        elif refs and parent is not None:
            parent.remove(el)
        elif local == "attachedTemplate" and parent is not None:
            parent.remove(el)
            done.append("attached template")
        elif local == "instrText" and el.text and _FETCHING_FIELD.match(el.text):
            done.append(f"field {el.text.split()[0].upper()}")
            el.text = ""
        elif local == "fldSimple" and _FETCHING_FIELD.match(el.get(f"{{{W_NS}}}instr", "")):
            done.append(f"field {el.get(f'{{{W_NS}}}instr', '').split()[0].upper()}")
            el.set(f"{{{W_NS}}}instr", "")
    return done


def strip_external(document: DocxDocument) -> list[str]:
    """Drop every external relationship and what refers to it, in every part; returns what was removed."""
    removed: list[str] = []
    package = document.part.package
    for rid, rel in list(package.rels.items()):
        if rel.is_external:
            removed.append(_describe(rel))
            package.rels.pop(rid)
    for part in package.iter_parts():
        external = {rid: rel for rid, rel in part.rels.items() if rel.is_external}
        for rid, rel in external.items():
            removed.append(_describe(rel))
            part.rels.pop(rid)
        root, from_blob = _xml_root(part)
        if root is None:
            continue
        done = _neutralise(root, set(external))
        removed += [d for d in done if d != "attached template" or not any("attachedTemplate" in r for r in removed)]
        if from_blob and (external or done):
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return removed


def load_reference(path: Path) -> DocxDocument:
    """The reference document with every external reference removed (see the module doc)."""
    document = open_docx(str(path))
    strip_external(document)
    return document


def external_references(path: Path) -> list[str]:
    """What :func:`load_reference` would remove from ``path`` (empty: nothing reaches out)."""
    return strip_external(open_docx(str(path)))
