"""Class 5: YAML bombs, schema errors, hostile regexes, CSV and FIFOs in the user's files.

A user folder may hold anything: an alias bomb or deep nesting in any YAML file, wrong types anywhere in
a template.yaml, a cleaning rule that makes Python's regex engine backtrack for hours, a 200,000-
character glossary field, a FIFO where a file should be. Each must disable only itself, with a one-line
warning naming the file (and line), and never block a build with the packaged templates and defaults.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.errors import BriefgenError, TemplateError
from tests.attacks.conftest import _limit

BOMB = ("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n")
DEEP = "x: " + "[" * 50_000 + "]" * 50_000 + "\n"
TEMPLATE_BOMB = BOMB + "name: bomb\nsections: *i\ndescription: {id: *i, en: *i}\n"
GAZETTEER_BOMB = BOMB + "entries:\n  - key: k\n    name: {id: x, en: y}\n    variants: *i\n"
RULES_BOMB = BOMB + "drop:\n  - reason: r\n    patterns: *i\n"

SCHEMA_ERRORS = {
    "description as a list": "name: s1\ndescription: [a, b]\nsections: [key_points]\n",
    "defaults as a string": "name: s2\ndefaults: side-by-side\nsections: [key_points]\n",
    "sections with mappings": "name: s3\nsections:\n  - {key_points: 1}\n",
    "sections missing": "name: s4\n",
    "name as a mapping": "name: {a: 1}\nsections: [key_points]\n",
    "label as a list": "name: s6\nlabel: [x]\nsections: [key_points]\n",
    "features as a string": "name: s7\nfeatures: lots\nsections: [key_points]\n",
    "top level a list": "- a\n- b\n",
    "not UTF-8": b"name: s9\ndescription: {id: caf\xe9, en: x}\nsections: [key_points]\n",
    "alias bomb": TEMPLATE_BOMB,
    "deep nesting": DEEP,
    "huge text": "name: s12\ntitle: " + "x" * 300_000 + "\nsections: [key_points]\n",
}


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


@pytest.mark.parametrize("kind", list(SCHEMA_ERRORS))
def test_a_broken_user_template_disables_itself_only(kind, attack_dir, sample_articles):
    from briefgen.pipeline import BuildOptions, make_briefing, make_document
    from briefgen.render.html import render_html
    from briefgen.templating import available_templates, get_template

    folder = attack_dir / "templates" / "broken"
    _write(folder / "template.yaml", SCHEMA_ERRORS[kind])
    _write(folder / "template.html.j2", "x")
    templates = available_templates()
    assert {"briefing-note", "dossier", "nota-dinas"} <= set(templates)  # the packaged ones still work
    options = BuildOptions(template="briefing-note")
    briefing, template = make_briefing(sample_articles[:1], options)
    assert render_html(make_document(briefing, template, options), template)
    with pytest.raises(TemplateError) as caught:
        get_template("broken")
    message = str(caught.value)
    assert "template.yaml" in message and "\n" not in message and len(message) < 400


def test_schema_errors_name_the_line(attack_dir):
    from briefgen.templating import get_template

    _write(attack_dir / "templates" / "broken" / "template.yaml", SCHEMA_ERRORS["description as a list"])
    with pytest.raises(TemplateError, match=r"template\.yaml:2: description must be a mapping"):
        get_template("broken")


HOSTILE_USER_DIR = {
    "templates/bomb/template.yaml": TEMPLATE_BOMB,
    "templates/bomb/template.html.j2": "x",
    "templates/deep/template.yaml": DEEP,
    "templates/deep/template.html.j2": "x",
    "templates/typed/template.yaml": SCHEMA_ERRORS["description as a list"],
    "gazetteer.yaml": GAZETTEER_BOMB,
    "outlets.yaml": DEEP,
    "cleaning-rules.yaml": RULES_BOMB,
    "glossaries/long.csv": "id,en\n" + "x" * 200_000 + ",y\n",
    "glossaries/nul.csv": "id,en\nkata\x00,word\n",
}


def _hostile_user_dir(user: Path, fifos: bool = True) -> None:
    for name, content in HOSTILE_USER_DIR.items():
        _write(user / name, content)
    if fifos and hasattr(os, "mkfifo"):
        (user / "glossaries").mkdir(exist_ok=True)
        os.mkfifo(user / "glossaries" / "pipe.csv")
        (user / "templates" / "fifo").mkdir(parents=True)
        os.mkfifo(user / "templates" / "fifo" / "template.yaml")


def _cli(user: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(user), "QT_QPA_PLATFORM": "offscreen"}
    try:
        return subprocess.run([sys.executable, "-m", "briefgen", *args], capture_output=True, text=True, env=env,
                              timeout=timeout, preexec_fn=_limit(1500))
    except subprocess.TimeoutExpired:
        pytest.fail(f"briefgen {' '.join(args)} hung on the hostile user folder")


def test_every_user_file_hostile_at_once_still_builds(tmp_path):
    """Bombs, deep nesting, wrong types, a 200,000-character CSV field, FIFOs: the build goes through with
    the packaged defaults, each broken file named in one warning line, under 1.5 GB and in seconds."""
    user = tmp_path / "user"
    _hostile_user_dir(user)
    out = tmp_path / "b.html"
    result = _cli(user, "build", "--sample", "--no-mt", "-o", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    assert out.stat().st_size > 10_000
    assert "Traceback" not in result.stderr
    for name in ("gazetteer.yaml", "outlets.yaml", "cleaning-rules.yaml", "long.csv", "pipe.csv"):
        assert name in result.stderr, (name, result.stderr[-3000:])
    listed = _cli(user, "templates")
    assert listed.returncode == 0 and "briefing-note" in listed.stdout and "Traceback" not in listed.stderr


def test_templates_check_on_the_hostile_folder_reports_each_with_its_line(tmp_path):
    user = tmp_path / "user"
    _hostile_user_dir(user)
    result = _cli(user, "templates", "--check", str(user / "templates"))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    out = result.stdout
    assert "bomb/template.yaml:" in out and "YAML bomb" in out
    assert "deep/template.yaml:1: refused: nested" in out
    assert "typed/template.yaml:2: description must be a mapping" in out
    assert "fifo/template.yaml" in out and "FIFO" in out


REDOS = ["(a+)+$", "(a|aa)+$", "(a|a?)+$", "(\\w+\\s?)+$", "^(([a-z])+.)+[A-Z]([a-z])+$"]


@pytest.mark.parametrize("pattern", REDOS)
def test_a_catastrophic_user_pattern_runs_in_linear_time(pattern, attack_dir):
    """Each pattern makes Python's engine backtrack for hours on this line; as a user rule it costs ms."""
    import time

    from briefgen.ingest.clean import clean
    from briefgen.ingest.rules import default_rules

    _write(attack_dir / "cleaning-rules.yaml", f"drop:\n  - reason: mine\n    patterns: ['{pattern}']\n")
    default_rules.cache_clear()
    try:
        rules = default_rules()
        assert any(r.user for r in rules.drop)
        line = "a" * 40_000 + "!"
        start = time.monotonic()
        clean(f"Judul berita yang cukup panjang di sini\n\n{line}\n", rules)
        assert time.monotonic() - start < 2
    finally:
        default_rules.cache_clear()


@pytest.mark.parametrize("content, reason", [
    ("drop:\n  - reason: r\n    patterns: ['(unclosed']\n", "bad pattern"),
    ("drop:\n  - reason: r\n    patterns: ['(?<=x)y']\n", "look-around"),
    ("drop:\n  - reason: r\n    patterns: ['(a)\\1']\n", "back-references"),
    ("drop: {reason: r}\n", "drop must be a list"),
    ("drop:\n  - reason: r\n    patterns: [[1]]\n", "must be text"),
    (RULES_BOMB, "YAML bomb"),
])
def test_a_broken_user_rules_file_warns_and_the_packaged_rules_still_clean(content, reason, attack_dir, caplog):
    from briefgen.ingest.clean import clean
    from briefgen.ingest.rules import default_rules

    _write(attack_dir / "cleaning-rules.yaml", content)
    default_rules.cache_clear()
    try:
        rules = default_rules()
        assert not any(r.user for r in rules.drop)
        assert any(reason in r.getMessage() and "cleaning-rules.yaml" in r.getMessage() for r in caplog.records)
        assert clean("BACA JUGA: Judul lain\n\nIsi berita.\n", rules).removed  # packaged rules at work
    finally:
        default_rules.cache_clear()


@pytest.mark.parametrize("content", ["id,en\n" + "x" * 200_000 + ",y\n", "id,en\n\"unterminated,x\n" + "y" * 200_000,
                                     "id,en\nkata\x00,word\n", b"id,en\ncaf\xe9,x\n"])
def test_a_hostile_glossary_is_left_out_with_a_warning(content, attack_dir, caplog):
    from briefgen.translate.glossary import Glossary

    _write(attack_dir / "glossaries" / "bad.csv", content)
    _write(attack_dir / "glossaries" / "good.csv", "id,en\nkata kunci,keyword\n")
    glossary = Glossary.default()
    assert glossary.exact("kata kunci", "id", "en").target == "keyword"
    assert any("bad.csv" in r.getMessage() for r in caplog.records)


def test_user_files_that_are_fifos_never_block(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs")
    user = tmp_path / "user"
    user.mkdir()
    for name in ("gazetteer.yaml", "outlets.yaml", "cleaning-rules.yaml", "settings.json"):
        os.mkfifo(user / name)
    (user / "glossaries").mkdir()
    os.mkfifo(user / "glossaries" / "terms.csv")
    out = tmp_path / "b.html"
    result = _cli(user, "build", "--sample", "--no-mt", "-o", str(out), timeout=60)
    assert result.returncode == 0 and out.exists(), result.stderr[-2000:]
    assert "FIFO" in result.stderr


def test_the_loader_is_the_c_one_when_libyaml_is_there():
    import yaml

    from briefgen import userfiles

    if yaml.__with_libyaml__:
        assert userfiles.SafeLoader is yaml.CSafeLoader
    with pytest.raises(BriefgenError, match="YAML bomb"):
        userfiles.parse_yaml(BOMB + "x: *i\n", "t.yaml")
