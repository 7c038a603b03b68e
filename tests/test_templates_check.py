"""``briefgen templates --check DIR`` and the template folders: YAML, Jinja2, variables, Word styles."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from briefgen.assemble import SECTION_LABELS
from briefgen.render.layout import Features, PageStyle
from briefgen.resources import templates_dir
from briefgen.template_check import check_templates
from briefgen.templating import available_templates, get_template


def run_check(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefgen", "templates", "--check", str(folder)],
                          capture_output=True, text=True, timeout=60)


def test_packaged_templates_are_clean_and_complete():
    result = run_check(templates_dir())
    assert result.returncode == 0 and result.stdout.strip().endswith(": ok"), result.stdout
    templates = available_templates()
    assert {"briefing-note", "nota-dinas", "dossier"} <= set(templates)
    for template in templates.values():
        assert template.description.get("id") and template.description.get("en")
        assert template.name_text.get("id") and template.name_text.get("en")
        assert set(template.sections) <= set(SECTION_LABELS) and template.sections[-1] == "sources"
        Features.from_mapping(template.features)  # known features only
    assert Features.from_mapping(templates["briefing-note"].features).max_items["bottom_line"] == 4
    assert "timeline" in Features.from_mapping(templates["dossier"].features).figures


def test_check_reports_each_problem_with_file_and_line(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "template.yaml").write_text(
        "name: mine\ntitle: Briefing Note\ndescription: {id: Catatan}\nsections: [summary, tmeline]\n"
        "features: {tocc: true}\n", encoding="utf-8")
    (folder / "template.html.j2").write_text(
        '{% extends "base.html.j2" %}\n{% block body %}\n{{ doc.title }}\n{{ docs.title }}\n{% endblock %}\n',
        encoding="utf-8")
    (folder / "footer.html.j2").write_text("{% if doc %}\n<p>\n", encoding="utf-8")
    reference = docx.Document()  # python-docx's own template: none of briefgen's styles
    reference.save(str(folder / "reference.docx"))
    result = run_check(folder)
    assert result.returncode == 1
    out = result.stdout
    spec, html, footer = folder / "template.yaml", folder / "template.html.j2", folder / "footer.html.j2"
    assert f"{spec}:4: unknown section 'tmeline'" in out
    assert f"{spec}:5: features: unknown feature 'tocc'" in out
    assert f"{spec}:3: description lacks 'en'" in out
    assert f"{html}:4: undeclared variable 'docs'" in out and "'doc'" not in out.split("docs")[0][-30:]
    assert re.search(rf"{re.escape(str(footer))}:\d+: syntax error: Unexpected end of template", out)
    assert f"{folder / 'reference.docx'}: missing style 'Briefgen Marking'" in out
    assert "missing style 'Heading 1'" not in out


def test_broken_yaml_names_its_line(tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "template.yaml").write_text("name: broken\nsections: [summary\n", encoding="utf-8")
    problems = check_templates(folder)
    assert len(problems) == 1 and problems[0].line == 3 and "not valid YAML" in problems[0].message


def test_user_copy_of_a_packaged_template_overrides_it(user_dir):
    source = templates_dir() / "nota-dinas"
    target = user_dir / "templates" / "nota-dinas"
    shutil.copytree(source, target)
    spec = yaml.safe_load((target / "template.yaml").read_text(encoding="utf-8"))
    spec["features"]["letterhead"] = {"id": ["KEDUTAAN BESAR REPUBLIK INDONESIA", "Seoul"],
                                      "en": ["EMBASSY OF THE REPUBLIC OF INDONESIA", "Seoul"]}
    (target / "template.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    template = available_templates()["nota-dinas"]
    assert template.folder == target and template.reference_docx == target / "reference.docx"
    from briefgen.render.layout import lay_out
    from tests.test_render_model import full_briefing

    document = lay_out(full_briefing("nota-dinas"), "sequential", "bilingual", template.features)
    assert document.parts[0].blocks[0].cells[0].text == "KEDUTAAN BESAR REPUBLIK INDONESIA\nSeoul"
    assert not check_templates(target)


def test_a_template_is_read_again_only_when_its_yaml_changes(user_dir, monkeypatch):
    """Every rebuild asks for the template: its YAML is read once, and again after the user edits it."""
    import briefgen.templating as templating

    target = user_dir / "templates" / "nota-dinas"
    shutil.copytree(templates_dir() / "nota-dinas", target)
    reads: list[Path] = []
    real = templating.load_template
    monkeypatch.setattr(templating, "load_template", lambda folder: reads.append(folder) or real(folder))
    first = get_template("nota-dinas")
    assert get_template("nota-dinas") is first and reads.count(target) == 1
    spec = yaml.safe_load((target / "template.yaml").read_text(encoding="utf-8"))
    spec["title"] = "Nota Dinas (salinan)"
    (target / "template.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    assert get_template("nota-dinas").title == "Nota Dinas (salinan)" and reads.count(target) == 2


BAD_PAGES = [
    ({"margins_cm": {"top": 20, "right": 15, "bottom": 20, "left": 15}}, "margin top must be from 0 to 8 cm"),
    ({"margins_cm": {"top": 7, "right": 7, "bottom": 7, "left": 7}}, "leave 70 × 139 mm of text"),
    ({"margins_cm": [1, 2]}, "exactly top, right, bottom and left"),
    ({"margins_cm": {"top": 2, "right": 2, "bottom": 2}}, "exactly top, right, bottom and left"),
    ({"margins_cm": {"top": -1, "right": 2, "bottom": 2, "left": 2}}, "margin top must be from 0 to 8 cm"),
    ({"font_size": -3}, "font_size must be a number of points from 6 to 72"),
    ({"font_size": float("nan")}, "font_size must be a number of points"),
    ({"title_size": 100000}, "title_size must be a number of points"),
    ({"heading_size": "big"}, "heading_size must be a number of points"),
    ({"font_size": True}, "font_size must be a number of points"),
    ({"marking": "sideways"}, "marking must be one of band, corner"),
    ({"page_numbers": 3}, "page_numbers must be one of footer, top"),
    ({"font": ["Arial"]}, "font must be a font name"),
]


@pytest.mark.parametrize("page,message", BAD_PAGES)
def test_page_settings_are_checked(page, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        PageStyle.from_mapping(page)


def test_packaged_page_settings_pass_and_keep_their_values():
    page = Features.from_mapping(available_templates()["nota-dinas"].features).page
    assert page.margins_mm == (20.0, 20.0, 25.0, 30.0) and page.font_size == 11 and page.marking == "corner"


def _evil_copy(user_dir: Path, page: dict) -> Path:
    target = user_dir / "templates" / "evil"
    shutil.copytree(templates_dir() / "nota-dinas", target)
    spec = yaml.safe_load((target / "template.yaml").read_text(encoding="utf-8"))
    spec["name"] = "evil"
    spec["features"]["page"].update(page)
    (target / "template.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return target


@pytest.mark.parametrize("page,message", [BAD_PAGES[0], BAD_PAGES[1], BAD_PAGES[2], BAD_PAGES[6], BAD_PAGES[10]])
def test_a_user_template_with_bad_page_settings_fails_in_one_line(user_dir, tmp_path, page, message):
    """The reviewer's cases: a PDF build hung and a DOCX build gave a traceback; --check said ok."""
    target = _evil_copy(user_dir, page)
    check = run_check(target)
    assert check.returncode == 1 and message in check.stdout, check.stdout
    assert check.stdout.count(message) == 1  # reported once
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(user_dir)}
    for out in ("x.pdf", "x.docx"):
        result = subprocess.run([sys.executable, "-m", "briefgen", "build", "--sample", "--template", "evil",
                                 "-o", str(tmp_path / out)], capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
        lines = [line for line in result.stderr.splitlines() if message in line and line.startswith("briefgen:")]
        assert len(lines) == 1 and "evil" in lines[0] and "template.yaml" in lines[0], result.stderr
        # (besides the error, the log may say once that the template is disabled)
        assert not (tmp_path / out).exists()
    assert "nota-dinas" in available_templates()  # the other templates still build
