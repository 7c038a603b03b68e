"""XLIFF 1.2 and 2.0: the briefing's segments out to a CAT tool and back, and hostile files refused in one line."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from briefgen.model import Status
from briefgen.project import Project, apply_edits
from briefgen.translate.worklist import progress, work_segments
from briefgen.translate.xliff import MAX_UNITS, XliffError, export_xliff, import_xliff, read_xliff

NS = {"1.2": "urn:oasis:names:tc:xliff:document:1.2", "2.0": "urn:oasis:names:tc:xliff:document:2.0"}


@pytest.fixture(scope="module")
def briefing(clipping_articles):
    from briefgen.pipeline import BuildOptions, make_briefing

    return make_briefing(clipping_articles, BuildOptions(template="briefing-note"))[0]


def translate_like_a_cat_tool(path, version: str, texts: dict[str, str]) -> None:
    """What OmegaT/Trados do to the file: fill targets, set the state, keep everything else."""
    ET.register_namespace("", NS[version])
    tree = ET.parse(path)
    ns = {"x": NS[version]}
    if version == "1.2":
        for unit in tree.getroot().iterfind(".//x:trans-unit", ns):
            if unit.get("resname") in texts:
                target = unit.find("x:target", ns)
                if target is None:
                    target = ET.Element(f"{{{NS['1.2']}}}target")
                    unit.insert(1, target)
                target.text, target.attrib["state"] = texts[unit.get("resname")], "translated"
    else:
        for unit in tree.getroot().iterfind(".//x:unit", ns):
            if unit.get("name") in texts:
                segment = unit.find("x:segment", ns)
                target = segment.find("x:target", ns)
                if target is None:
                    target = ET.SubElement(segment, f"{{{NS['2.0']}}}target")
                target.text = texts[unit.get("name")]
                segment.set("state", "translated")
    tree.write(path, encoding="utf-8", xml_declaration=True)


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_round_trip_through_a_cat_tool(briefing, tmp_path, version):
    segments = work_segments(briefing, {"bottom_line": 4, "key_points": 5, "background": 3})
    path = tmp_path / f"brief-{version}.xlf"
    assert export_xliff(path, briefing, segments, "en", version) == 14
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{NS[version]}}}xliff" and root.get("version") == version
    version_read, lang, units = read_xliff(path)
    assert (version_read, lang, len(units)) == (version, "en", 14)
    assert [u.key for u in units] == [s.key for s in segments]
    assert all(u.target == "" for u in units)  # untranslated: no target
    texts = {s.key: f"English of {s.key} & <co>" for s in segments[:6]}
    translate_like_a_cat_tool(path, version, texts)
    report = import_xliff(path, segments)
    assert sorted(report.applied) == sorted((k, "en", t) for k, t in texts.items())
    assert report.unchanged == 8 and not report.unknown and not report.source_changed
    project = Project()
    for key, lang, text in report.applied:
        project.set_edit(key, lang, text)
    assert project.options.subject_en == texts["header:subject"]  # the memo field's home
    done = apply_edits(briefing, project.edits)
    item_key = segments[1].key
    item = next(i for s in done.sections for i in s.items if i.key == item_key)
    assert item.text.en == texts[item_key] and item.text.en_status is Status.REVIEWED
    assert progress(done, "en", work_segments(done, {"bottom_line": 4, "key_points": 5})).done == 5  # + subject


def test_a_unit_whose_source_changed_is_not_taken(briefing, tmp_path):
    segments = work_segments(briefing)
    path = tmp_path / "b.xlf"
    export_xliff(path, briefing, segments, "en")
    key = segments[1].key
    translate_like_a_cat_tool(path, "1.2", {key: "Stale translation."})
    text = path.read_text(encoding="utf-8").replace(segments[1].text.id[:20], "Diubah: " + segments[1].text.id[:12], 1)
    path.write_text(text, encoding="utf-8")
    report = import_xliff(path, segments)
    assert report.source_changed == [key] and not report.applied


@pytest.mark.parametrize("content,words", [
    (b"<xliff version='1.2'><file", "not well-formed"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><xliff version="1.2">&b;</xliff>',
     "entities"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xliff>&e;</xliff>', "entities"),
    (b"<tmx version='1.4'/>", "not an XLIFF file"),
    (b"<xliff version='3.1'/>", "version 3.1 is not supported"),
    (b"<xliff version='1.2' xmlns='urn:oasis:names:tc:xliff:document:1.2'><file><body>"
     b"<trans-unit id='1'><source>a</source></trans-unit></body></file></xliff>", "target language"),
    (b"\xff\xfe\x00garbage", "well-formed"),
])
def test_hostile_or_wrong_files_get_one_line(tmp_path, content, words):
    path = tmp_path / "bad.xlf"
    path.write_bytes(content)
    with pytest.raises(XliffError) as caught:
        import_xliff(path, [])
    message = str(caught.value)
    assert words in message and str(path) in message and "\n" not in message


def test_too_many_units_and_too_large_are_refused(tmp_path, monkeypatch):
    unit = b"<trans-unit id='u' resname='k'><source>a</source></trans-unit>"
    path = tmp_path / "many.xlf"
    path.write_bytes(b"<xliff version='1.2'><file target-language='en'><body>" + unit * (MAX_UNITS + 1)
                     + b"</body></file></xliff>")
    with pytest.raises(XliffError, match="more than 100000 units"):
        read_xliff(path)
    monkeypatch.setattr("briefgen.translate.xliff.MAX_BYTES", 1000)
    with pytest.raises(XliffError, match="the limit is 1,000"):
        read_xliff(path)
