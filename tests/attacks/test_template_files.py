"""Class 2: a user template reads only regular files inside its own folder (and the bases).

Symbolic links (to a file, to a folder, the template file itself, the whole template folder, the
user's ``_base``), FIFOs and references to images outside the folder must each end in a one-line
TemplateError with nothing read; ``templates --check`` must report each one.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.errors import BriefgenError, TemplateError
from tests.attacks.conftest import run_limited

SECRET = "attack-secret-" + "51c2"
YAML = "name: {name}\ndescription: {{id: Uji, en: Test}}\nsections: [key_points]\n"


@pytest.fixture()
def secret(tmp_path: Path) -> Path:
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET)
    (folder / "template.html.j2").write_text(f"{SECRET} {{{{ 1 + 1 }}}}")
    (folder / "template.yaml").write_text(YAML.format(name="linked") + f"description: {{en: {SECRET}}}\n")
    (folder / "base.html.j2").write_text(SECRET + "{% block body %}{% endblock %}")
    (folder / "pixel.png").write_bytes(b"\x89PNG\r\n\x1a\n" + SECRET.encode())
    return folder


def _template(user: Path, name: str, html: str | None = "ok") -> Path:
    folder = user / "templates" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "template.yaml").write_text(YAML.format(name=name))
    if html is not None:
        (folder / "template.html.j2").write_text(html)
    return folder


def _render(name: str) -> str:
    from briefgen.templating import get_template, render_html_template

    return render_html_template(get_template(name))


def _make(kind: str, user: Path, secret: Path) -> str:
    """Set up one attack; returns the template name to render."""
    if kind == "include a linked file":
        folder = _template(user, "t1", "{% include 'leak.txt' %}")
        (folder / "leak.txt").symlink_to(secret / "secret.txt")
    elif kind == "the template file is a link":
        folder = _template(user, "t2", None)
        (folder / "template.html.j2").symlink_to(secret / "template.html.j2")
    elif kind == "a linked sub-folder":
        folder = _template(user, "t3", "{% include 'inc/secret.txt' %}")
        (folder / "inc").symlink_to(secret)
    elif kind == "a hard-coded absolute include":
        _template(user, "t4", "{% include '" + str(secret / "secret.txt") + "' %}")
    elif kind == "a linked user _base":
        (user / "templates").mkdir(parents=True, exist_ok=True)
        (user / "templates" / "_base").symlink_to(secret)
        _template(user, "t5", "{% extends 'base.html.j2' %}")
    elif kind == "a linked template folder":
        (user / "templates").mkdir(parents=True, exist_ok=True)
        (user / "templates" / "linked").symlink_to(secret)
        return "linked"
    elif kind == "a linked template.yaml":
        folder = _template(user, "t7")
        (folder / "template.yaml").unlink()
        (folder / "template.yaml").symlink_to(secret / "template.yaml")
        return "linked"
    elif kind == "img with an absolute path":
        _template(user, "t8", f'<img src="{secret / "pixel.png"}">')
    elif kind == "img with file: URL":
        _template(user, "t9", f'<img src="file://{secret / "pixel.png"}">')
    elif kind == "img up the tree":
        _template(user, "t10", '<img src="../../../private/pixel.png">')
    elif kind == "img over the network":
        _template(user, "t11", '<img src="http://tracker.example/pixel.png">')
    elif kind == "img that is a link in the folder":
        folder = _template(user, "t12", '<img src="pixel.png">')
        (folder / "pixel.png").symlink_to(secret / "pixel.png")
    elif kind == "css url()":
        _template(user, "t13", f'<p style="background-image: url({secret / "pixel.png"})">x</p>')
    elif kind == "css @import":
        _template(user, "t14", f'<style>@import "{secret / "x.css"}";</style>')
    elif kind == "srcset":
        _template(user, "t15", f'<img src="data:image/png;base64,AA==" srcset="{secret / "pixel.png"} 2x">')
    else:
        raise AssertionError(kind)
    return {"include a linked file": "t1", "the template file is a link": "t2", "a linked sub-folder": "t3",
            "a hard-coded absolute include": "t4", "a linked user _base": "t5"}.get(kind) or \
        "t" + str(list(KINDS).index(kind) + 1)


KINDS = ["include a linked file", "the template file is a link", "a linked sub-folder",
         "a hard-coded absolute include", "a linked user _base", "a linked template folder",
         "a linked template.yaml", "img with an absolute path", "img with file: URL", "img up the tree",
         "img over the network", "img that is a link in the folder", "css url()", "css @import", "srcset"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_template_reads_nothing_outside_its_folder(kind, attack_dir, secret):
    name = _make(kind, attack_dir, secret)
    try:
        out = _render(name)
    except BriefgenError as exc:
        assert isinstance(exc, TemplateError) and "\n" not in str(exc)
        assert SECRET not in str(exc)
        return
    pytest.fail(f"rendered {out[:200]!r}")


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in ("a hard-coded absolute include",)])
def test_templates_check_reports_it(kind, attack_dir, secret, capsys):
    from briefgen.cli import main

    _make(kind, attack_dir, secret)
    assert main(["templates", "--check", str(attack_dir / "templates")]) == 1
    out = capsys.readouterr().out
    assert out.strip() and SECRET not in out


def test_templates_check_passes_a_clean_user_template(attack_dir, capsys):
    """The reports above are about the attack: the same set-up without it checks clean."""
    from briefgen.cli import main

    folder = _template(attack_dir, "clean", '{% include "part.html" %}<img src="logo.png">')
    (folder / "part.html").write_text("<p>{{ 1 + 1 }}</p>")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main(["templates", "--check", str(attack_dir / "templates")]) == 0, capsys.readouterr().out


def test_an_image_inside_the_folder_is_inlined_and_the_rest_still_works(attack_dir, secret):
    folder = _template(attack_dir, "good", '<img src="logo.png"><img src="data:image/png;base64,AA==">')
    (folder / "logo.png").write_bytes((secret / "pixel.png").read_bytes())
    html = _render("good")
    assert "data:image/png;base64," in html and "logo.png" not in html
    from briefgen.templating import available_templates

    assert {"briefing-note", "dossier", "nota-dinas", "good"} <= set(available_templates())


CHILD_FIFO = r"""
import json, os, sys, time
from briefgen.resources import user_templates_dir
from briefgen.errors import BriefgenError
from briefgen.templating import get_template, render_html_template
for kind in ("template file", "included file", "template.yaml"):
    folder = user_templates_dir() / kind.replace(" ", "-").replace(".", "-")
    folder.mkdir(parents=True)
    if kind != "template.yaml":
        (folder / "template.yaml").write_text(f"name: {folder.name}\nsections: [key_points]\n")
    if kind == "template file":
        os.mkfifo(folder / "template.html.j2")
    elif kind == "included file":
        (folder / "template.html.j2").write_text("{% include 'part.html' %}")
        os.mkfifo(folder / "part.html")
    else:
        os.mkfifo(folder / "template.yaml")
        (folder / "template.html.j2").write_text("x")
    start = time.monotonic()
    try:
        render_html_template(get_template(folder.name))
        outcome = "rendered"
    except BriefgenError as exc:
        outcome = "refused: " + str(exc)
    print(json.dumps({"kind": kind, "outcome": outcome, "seconds": time.monotonic() - start}), flush=True)
"""


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_a_template_folder_never_hangs(tmp_path):
    results = run_limited(CHILD_FIFO, user_dir=tmp_path, timeout=30)
    assert [r["kind"] for r in results] == ["template file", "included file", "template.yaml"]
    for r in results:
        assert r["outcome"].startswith("refused") and "\n" not in r["outcome"] and r["seconds"] < 2, r
