"""The DOCX package around the text: properties, font table, theme, and leftovers of the template.

A reference.docx made in Word (or python-docx's own default) carries what the last program left
in it: ``docProps/app.xml`` naming "Microsoft Macintosh Word" and Normal.dotm, a blank thumbnail, an
empty custom-XML bibliography part, ``stylesWithEffects`` from Word 2010, Japanese theme fonts (MS
Mincho/Gothic) in the font table. A reader who opens File → Properties sees those; so each DOCX is
written with them removed and with briefgen's own application properties, whatever reference the
template brings.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from briefgen import __version__

DROP_RELS = ("/thumbnail", "/customXml", "/stylesWithEffects", "/glossaryDocument", "/people", "/commentsExtended")
LATIN, EAST_ASIA = "Arial", "Malgun Gothic"
APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>briefgen {version}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged><AppVersion>{app_version}</AppVersion></Properties>"""
FONT_TABLE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/>\
<w:pitch w:val="variable"/></w:font>\
<w:font w:name="Malgun Gothic"><w:panose1 w:val="020B0503020000020004"/><w:charset w:val="81"/>\
<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>\
<w:font w:name="Symbol"><w:panose1 w:val="05050102010706020507"/><w:charset w:val="02"/><w:family w:val="roman"/>\
<w:pitch w:val="variable"/></w:font></w:fonts>"""


def app_version() -> str:
    """Word's AppVersion wants "NN.NNNN"; briefgen's own version in that shape (0.4.1 → 00.0401)."""
    numbers = [int(n) for n in re.findall(r"\d+", __version__)[:3]] + [0, 0, 0]
    return f"{numbers[0]:02d}.{numbers[1] % 100:02d}{numbers[2] % 100:02d}"


def _theme_fonts(xml: str) -> str:
    """Theme fonts to Arial (Latin) and Malgun Gothic (East Asian); the per-script list emptied."""
    xml = re.sub(r'(<a:latin typeface=")[^"]*(")', rf"\g<1>{LATIN}\g<2>", xml)
    xml = re.sub(r'(<a:ea typeface=")[^"]*(")', rf"\g<1>{EAST_ASIA}\g<2>", xml)
    return re.sub(r'<a:font script="[^"]*" typeface="[^"]*"\s*/>', "", xml)


def _settings(doc: DocxDocument) -> None:
    """No preview picture (Word would save a thumbnail), no "spelling already checked" (the document's
    languages should be checked), no revision ids, and Word 2013+ layout (no "Compatibility Mode")."""
    settings = doc.settings.element
    for name in ("savePreviewPicture", "proofState", "rsids", "attachedTemplate", "updateFields"):
        for el in settings.findall(qn(f"w:{name}")):
            settings.remove(el)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def clean_package(doc: DocxDocument, company: str = "") -> None:
    """Drop the template's leftovers and write briefgen's application properties."""
    _settings(doc)
    package = doc.part.package
    for owner in (package, doc.part):
        rels = owner.rels
        for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith(DROP_RELS)]:
            rels.pop(rid, None)  # python-docx saves only the parts still related
            rels._target_parts_by_rId.pop(rid, None)
    for part in package.iter_parts():
        name = str(part.partname)
        if name == "/docProps/app.xml":
            part._blob = APP_XML.format(version=escape(__version__), company=escape(company),
                                        app_version=app_version()).encode("utf-8")
        elif name == "/word/fontTable.xml":
            part._blob = FONT_TABLE.encode("utf-8")
        elif name.startswith("/word/theme/"):
            part._blob = _theme_fonts(part.blob.decode("utf-8")).encode("utf-8")
