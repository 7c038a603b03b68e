"""Security: user templates stay in their sandbox, archives cannot reach outside their folder, nothing
touches the network.

User templates are code written by whoever shared the folder, so each escape attempt below must end in a
:class:`TemplateError` with nothing read, written or allocated beyond reason. Packs and DOCX clippings are
zip files from anywhere: bombs and members with paths outside their folder are refused.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from briefgen.errors import BriefgenError, TemplateError

SECRET = "briefgen-secret-" + "7f3a"


@pytest.fixture()
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def articles(sample_articles):
    return sample_articles


def _user_template(user_dir: Path, html: str, reference: bytes | None = None, name: str = "evil") -> str:
    folder = user_dir / "templates" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "template.yaml").write_text(f"name: {name}\ntitle: Briefing Note\nsections: [key_points, sources]\n",
                                          encoding="utf-8")
    (folder / "template.html.j2").write_text(html, encoding="utf-8")
    if reference is not None:
        (folder / "reference.docx").write_bytes(reference)
    return name


def _render(articles, name: str) -> str:
    from briefgen.pipeline import BuildOptions, make_briefing, make_document
    from briefgen.render.html import render_html

    options = BuildOptions(template=name)
    briefing, template = make_briefing(articles, options)
    return render_html(make_document(briefing, template, options), template)


# Reaching Python internals, importing modules, reading files: the sandbox must refuse each.
INTERNALS = {
    "mro": "{{ ''.__class__.__mro__ }}",
    "subclasses": "{{ ().__class__.__base__.__subclasses__() }}",
    "cycler globals": "{{ cycler.__init__.__globals__ }}",
    "joiner os": "{{ joiner.__init__.__globals__.os.popen('id').read() }}",
    "namespace builtins": "{{ namespace.__init__.__globals__['__builtins__']['__import__']('os') }}",
    "lipsum globals": "{{ lipsum.__globals__['os'].system('id') }}",
    "self context": "{{ self._TemplateReference__context }}",
    "attr filter": "{{ doc | attr('__class__') }}",
    "format string": "{{ '{0.__class__.__init__.__globals__}'.format('') }}",
    "doc class": "{{ doc.__class__.__module__ }}",
    "include passwd": "{% include '/etc/passwd' %}",
    "include traversal": "{% include '../../../../../../etc/passwd' %}",
    "extends passwd": "{% extends '/etc/passwd' %}",
    "import module": "{% import 'os' as os %}{{ os }}",
    "config": "{{ config.items() }}",
    "request": "{{ request.application.__globals__ }}",
}


@pytest.mark.parametrize("source", list(INTERNALS.values()), ids=list(INTERNALS))
def test_templates_cannot_reach_python_internals(source, user_dir, articles):
    name = _user_template(user_dir, source)
    with pytest.raises(TemplateError) as caught:
        _render(articles, name)
    assert "\n" not in str(caught.value)


FILES = {
    "read via template.folder": "{{ template.folder.joinpath('%s').read_text() }}",
    "read via html_file": "{{ template.html_file.with_name('x').joinpath('%s').read_text() }}",
    "read via path division": "{{ (template.folder / '%s').read_bytes() }}",
    "read via open": "{{ open('%s').read() }}",
}


@pytest.mark.parametrize("key", list(FILES))
def test_templates_cannot_read_files(key, user_dir, articles, secret_file):
    name = _user_template(user_dir, FILES[key] % secret_file)
    try:
        out = _render(articles, name)
    except TemplateError:
        return
    pytest.fail(f"rendered: {out[:120]!r}")  # the template read the file


def test_templates_cannot_write_files(user_dir, articles, tmp_path):
    target = tmp_path / "pwned.txt"
    name = _user_template(user_dir, "{{ template.folder.joinpath('" + str(target) + "').write_text('pwned') }}")
    with contextlib.suppress(TemplateError):
        _render(articles, name)
    assert not target.exists()


def test_a_huge_range_is_a_template_error(user_dir, articles):
    name = _user_template(user_dir, "{% for i in range(10**9) %}{{ i }}{% endfor %}")
    with pytest.raises(TemplateError):
        _render(articles, name)


def test_lipsum_cannot_invent_text(user_dir, articles):
    name = _user_template(user_dir, "{{ lipsum(3) }}")
    with pytest.raises(TemplateError):
        _render(articles, name)


def test_an_arithmetic_error_is_a_template_error(user_dir, articles):
    name = _user_template(user_dir, "{{ 1 / 0 }}")
    with pytest.raises(TemplateError):
        _render(articles, name)


def test_a_huge_product_is_a_template_error(user_dir, articles):
    sources = ("{{ ('x' * 10**8) | length }}", "{{ ([0] * 10**8) | length }}", "{{ 10 ** (10 ** 10) }}")
    for i, source in enumerate(sources):
        name = _user_template(user_dir, source, name=f"evil{i}")  # one folder each: Jinja caches by file
        with pytest.raises(TemplateError):
            _render(articles, name)


def test_a_harmless_user_template_still_renders(user_dir, articles):
    """The refusals above are the sandbox's, not a broken set-up: plain Jinja over the document works."""
    name = _user_template(user_dir, "<h1>{{ doc.parts | length }}</h1>{% for i in range(3) %}{{ i }}{% endfor %}")
    assert _render(articles, name) == "<h1>1</h1>012"


def _bomb(base: bytes | None, mb: int = 256) -> bytes:
    buffer = io.BytesIO(base or b"")
    mode = "a" if base else "w"
    with zipfile.ZipFile(buffer, mode, zipfile.ZIP_DEFLATED) as archive, archive.open("bomb.bin", "w",
                                                                                      force_zip64=True) as member:
        chunk = b"\0" * (16 * 1024 * 1024)
        for _ in range(mb // 16):
            member.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_as_a_template_reference_docx_is_refused(user_dir, articles, tmp_path):
    from briefgen.pipeline import BuildOptions, make_briefing, make_document, write_outputs
    from briefgen.resources import templates_dir

    reference = (templates_dir() / "_base" / "reference.docx").read_bytes()
    name = _user_template(user_dir, "{{ doc.parts | length }}", reference=_bomb(reference, mb=64))
    options = BuildOptions(template=name)
    briefing, template = make_briefing(articles, options)
    with pytest.raises(TemplateError, match="zip bomb|refused"):
        write_outputs(make_document(briefing, template, options), template, [tmp_path / "x.docx"], options)


# --- packs: zip files from anywhere -------------------------------------------------------------------------

def _zip(members: dict[str, bytes], link: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if link:
            info = zipfile.ZipInfo("model/link")
            info.external_attr = (0o120777 << 16)
            archive.writestr(info, link)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["zip bomb", "parent path", "absolute path", "windows drive", "symlink",
                                  "not a zip"])
def test_packs_that_reach_outside_or_explode_are_refused(kind, user_dir, tmp_path):
    packs = pytest.importorskip("briefgen.translate.packs")
    outside = tmp_path / "outside.txt"
    meta = b'{"name": "evil", "source": "id", "target": "en"}'
    make = {
        "zip bomb": lambda: _bomb(_zip({"metadata.json": meta}), mb=64),
        "parent path": lambda: _zip({"metadata.json": meta, f"../../../../../..{outside}": b"owned"}),
        "absolute path": lambda: _zip({"metadata.json": meta, str(outside): b"owned"}),
        "windows drive": lambda: _zip({"metadata.json": meta, "C:/Windows/evil.dll": b"owned"}),
        "symlink": lambda: _zip({"metadata.json": meta}, link=str(outside)),
        "not a zip": lambda: b"PK\x03\x04 this is not really a zip",
    }
    data = make[kind]()
    archive = tmp_path / "evil.zip"
    archive.write_bytes(data)
    with pytest.raises(BriefgenError) as caught:
        packs.install_pack(archive, canary=False)
    assert str(caught.value).startswith(str(archive)) and "\n" not in str(caught.value)
    assert not outside.exists()
    assert [p.name for p in packs.packs_dir().iterdir()] == []  # no staging folder left behind


def test_docx_clippings_with_bombs_or_escaping_paths_are_covered_by_the_bad_input_corpus():
    """The DOCX refusals live in tests/bad_inputs (zip_bomb_docx, docx_path_traversal, docx_absolute_path)."""
    import yaml

    cases = yaml.safe_load((Path(__file__).parent / "bad_inputs" / "expectations.yaml").read_text(encoding="utf-8"))
    made = {c.get("make"): c for c in cases}
    for name in ("zip_bomb_docx", "docx_path_traversal", "docx_absolute_path"):
        assert made[name]["expect"] == "refused"


# --- the network --------------------------------------------------------------------------------------------

def test_the_suite_runs_with_sockets_disabled():
    """pytest-socket is on for every test (pyproject addopts); only Unix sockets (Qt, D-Bus) are allowed."""
    with pytest.raises(Exception) as caught:
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert type(caught.value).__name__ == "SocketBlockedError"
    with pytest.raises(Exception) as caught:
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    assert type(caught.value).__name__ == "SocketBlockedError"


NETWORK_PROBE = r"""
import socket, sys
from pathlib import Path
attempts = []
def refuse(*args, **kwargs):
    attempts.append(args[1:2] or args)
    raise OSError("network disabled by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.getaddrinfo = refuse
socket.create_connection = refuse

from briefgen.ui.app import create_window  # the window first: it makes the QApplication
app, window = create_window(ui_lang="en", sample=True)
window.show()
for _ in range(50):
    app.processEvents()
window.refresh_preview()
app.processEvents()

from briefgen.pipeline import build
out = Path(sys.argv[1])
build([], [out / "b.pdf", out / "b.docx", out / "b.html"], sample=True)
app.processEvents()
loaded = sorted(m for m in sys.modules if "QtNetwork" in m or "QtWebEngine" in m)
print("qt-network:", loaded)
print("connects:", attempts)
window.close()
"""


def test_qtnetwork_is_never_imported_and_nothing_connects(tmp_path):
    """In a fresh process: build a PDF, open the main window offscreen; QtNetwork stays out of sys.modules."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFGEN_USER_DIR": str(tmp_path / "user")}
    result = subprocess.run([sys.executable, "-c", NETWORK_PROBE, str(tmp_path)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "qt-network: []" in result.stdout, result.stdout
    assert "connects: []" in result.stdout, result.stdout
    assert (tmp_path / "b.pdf").stat().st_size > 1000
