"""Briefing templates: folders with ``template.yaml``, Jinja2 HTML and (optionally) ``reference.docx``.

Packaged templates live in ``templates/``; a folder of the same name in the user's templates folder
overrides one. Templates are user-editable code, so Jinja2 runs sandboxed with ``StrictUndefined``
(see :mod:`briefgen.template_sandbox`): a misspelt variable is an error with file and line, never a
silently blank briefing.

A user template folder hands out only its own regular files: Jinja's loader here refuses symbolic
links (the template file itself included), FIFOs and devices, and checks the resolved path stays in
the folder; ``{% include %}`` and ``{% extends %}`` reach the folder, the user's ``_base`` and the
packaged ``_base``, nothing else. Images in the rendered HTML must be ``data:`` URIs or files of the
template's own folder (inlined); anything else is refused. A broken user template (bad YAML, wrong
types, a refused file) disables itself with a warning: the packaged templates and the other user
templates still work, and asking for the broken one by name says what is wrong with it.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
import re
import stat
import zipfile
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from briefgen.errors import BriefgenError, TemplateError
from briefgen.resources import templates_dir, user_templates_dir
from briefgen.template_sandbox import MAX_PRODUCT, BriefingSandbox, render_bounded
from briefgen.userfiles import UserFileError, load_yaml, read_regular, record, text, validate
from briefgen.userfiles import list_of as list_of_
from briefgen.userfiles import mapping_of as mapping_of_

__all__ = ["BASE", "DEFAULT_TEMPLATE", "MAX_PRODUCT", "BriefingSandbox", "Template", "available_templates",
           "check_reference_docx", "get_template", "load_template", "render_html_template", "template_problems"]

log = logging.getLogger(__name__)
BASE = "_base"
DEFAULT_TEMPLATE = "briefing-note"
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024  # one .j2 file; the packaged ones are ~10 KB
MAX_IMAGE_BYTES = 10 * 1024 * 1024

TEMPLATE_SCHEMA = record({
    "name": text(100, allow_numbers=True),
    "title": text(200),
    "description": mapping_of_(text(2_000), 20),
    "sections": list_of_(text(100), 100),
    "defaults": mapping_of_(text(200), 50),
    "features": mapping_of_(lambda value, where, doc: value, 50),  # checked by render.layout.Features
    "label": mapping_of_(text(200), 20),
}, required=("sections",))


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    title: str  # catalogue message id for the document title
    description: dict[str, str]
    sections: tuple[str, ...]
    defaults: dict[str, str] = field(default_factory=dict)
    features: dict[str, object] = field(default_factory=dict)  # see briefgen.render.layout.Features
    name_text: dict[str, str] = field(default_factory=dict)  # the template's name per language, for menus

    @property
    def html_file(self) -> Path:
        return self.folder / "template.html.j2"

    @property
    def reference_docx(self) -> Path | None:
        """The folder's (or the base's) ``reference.docx``; a user folder's only as a regular file."""
        for folder in (self.folder, self.folder.parent / BASE):
            path = folder / "reference.docx"
            try:
                mode = path.lstat().st_mode if is_user_folder(folder) else path.stat().st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode):
                return path
            if is_user_folder(folder):
                raise TemplateError("reference.docx refused: a symbolic link or not a regular file", path)
        return None


def is_user_folder(folder: Path) -> bool:
    """True unless ``folder`` is inside the packaged templates (those are trusted, symlinks and all)."""
    try:
        folder.resolve().relative_to(templates_dir().resolve())
    except (ValueError, OSError):
        return True
    return False


def _folders() -> list[Path]:
    """Template search path: the user's folder first, so it overrides packaged templates."""
    return [user_templates_dir(), templates_dir()]


def load_template(folder: Path) -> Template:
    """The template in ``folder``; a TemplateError naming file and line when it cannot be used."""
    spec = folder / "template.yaml"
    strict = is_user_folder(folder)
    if strict and folder.is_symlink():
        raise TemplateError("template folder refused: a symbolic link", folder)
    try:
        doc = load_yaml(spec, max_bytes=256 * 1024, follow_symlinks=not strict)
        data = validate(doc, TEMPLATE_SCHEMA)
    except UserFileError as exc:
        if exc.reason == "file not found":
            raise TemplateError("template.yaml missing", folder) from None
        raise TemplateError(exc.reason, exc.path) from exc
    features = data.get("features") or {}
    if isinstance(features, dict):  # page settings checked here: a bad one is one line, never a hang
        from briefgen.render.layout import PageStyle

        try:
            PageStyle.from_mapping(features.get("page"))
        except (ValueError, TypeError) as exc:
            raise TemplateError(f"features: {exc}", spec) from None
    return Template(
        name=str(data.get("name", folder.name)),
        folder=folder,
        title=data.get("title", "Briefing"),
        description=data.get("description", {}),
        sections=tuple(data["sections"]),
        defaults=data.get("defaults", {}),
        features=data.get("features", {}),
        name_text=data.get("label", {}),
    )


_BROKEN: dict[str, TemplateError] = {}  # user template folder name → why it is disabled
_WARNED: set[str] = set()


def available_templates() -> dict[str, Template]:
    """Every usable template by name; user folders win over packaged ones.

    A user template that cannot be loaded is left out with a warning (logged once per problem) and
    remembered for :func:`get_template`; it never hides the packaged templates.
    """
    found: dict[str, Template] = {}
    _BROKEN.clear()
    for root in reversed(_folders()):
        try:
            folders = sorted(root.iterdir()) if root.is_dir() else []
        except OSError:
            continue
        for folder in folders:
            try:
                if folder.name == BASE or not folder.is_dir() or not (folder / "template.yaml").exists():
                    continue
                template = _loaded(folder)
            except (BriefgenError, OSError) as exc:
                error = exc if isinstance(exc, TemplateError) else TemplateError(str(exc), folder)
                _BROKEN[folder.name] = error
                if str(error) not in _WARNED:
                    _WARNED.add(str(error))
                    log.warning("template %s disabled: %s", folder.name, error)
                continue
            found[template.name] = template
    return dict(sorted(found.items()))


_LOADED: dict[Path, tuple[tuple, Template]] = {}  # folder → (the files' state when read, the template)


def _loaded(folder: Path) -> Template:
    """:func:`load_template`, read again only when the folder or its ``template.yaml`` changed.

    The window asks for the template on every rebuild and the CLI twice per build; reading and
    checking every template's YAML each time was a visible part of a rebuild. The state covers what
    :func:`load_template` judges (the folder being a link, the file's identity, size and time)."""
    folder_stat = folder.lstat()
    spec_stat = (folder / "template.yaml").lstat()
    state = (folder_stat.st_mode, folder_stat.st_ino, spec_stat.st_mode, spec_stat.st_ino, spec_stat.st_size,
             spec_stat.st_mtime_ns)
    cached = _LOADED.get(folder)
    if cached is not None and cached[0] == state:
        return cached[1]
    template = load_template(folder)
    _LOADED[folder] = (state, template)
    return template


def template_problems() -> dict[str, TemplateError]:
    """The user templates :func:`available_templates` left out last time, and why."""
    return dict(_BROKEN)


def get_template(name: str | None) -> Template:
    templates = available_templates()
    name = name or DEFAULT_TEMPLATE
    if name not in templates:
        if name in _BROKEN:
            raise _BROKEN[name]
        raise TemplateError(f"unknown template {name!r} (available: {', '.join(templates)})")
    return templates[name]


MAX_REFERENCE_BYTES = 50_000_000  # unpacked size of a reference.docx; real ones are well under 1 MB
MAX_REFERENCE_RATIO = 200  # unpacked/packed per member; XML compresses ~10x, a zip bomb ~1000x


def check_reference_docx(path: Path) -> None:
    """Refuse a reference.docx that would unpack to far more than any Word template does (a zip bomb)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(f"reference.docx is not a Word document ({exc})", path) from exc
    total = sum(m.file_size for m in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if total > MAX_REFERENCE_BYTES or ratio > MAX_REFERENCE_RATIO:
        raise TemplateError(f"reference.docx refused: it unpacks to {total / 1e6:.0f} MB "
                            f"(compression ratio {ratio:.0f}), like a zip bomb", path)


class FolderLoader(jinja2.BaseLoader):
    """Jinja's loader for one template: its folder, then the bases; only regular files inside them.

    Jinja's ``FileSystemLoader`` follows symbolic links and opens whatever the name resolves to: a
    link in a shared template folder would let ``{% include %}`` read any file the user can. Here each
    name is split safely (no ``..``), and in a user folder every component is checked with ``lstat``
    (no link, the last one a regular file), the resolved path must stay inside the folder, and the
    file is read non-blocking with a size limit (:func:`briefgen.userfiles.read_regular`).
    """

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    def get_source(self, environment: jinja2.Environment, template: str):
        pieces = split_template_path(template)
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not path.exists() and not path.is_symlink():
                continue
            source = _read_template_file(folder, pieces)
            mtime = path.lstat().st_mtime_ns

            def uptodate(path: Path = path, mtime: int = mtime) -> bool:
                try:
                    return path.lstat().st_mtime_ns == mtime
                except OSError:
                    return False

            return source, str(path), uptodate
        raise jinja2.TemplateNotFound(template)


def _read_template_file(folder: Path, pieces: list[str]) -> str:
    path = folder.joinpath(*pieces)
    strict = is_user_folder(folder)
    if strict:
        _check_inside(folder, pieces)
    try:
        data = read_regular(path, MAX_TEMPLATE_BYTES, follow_symlinks=not strict)
        return data.decode("utf-8-sig")
    except UserFileError as exc:
        raise TemplateError(exc.reason, path) from exc
    except UnicodeDecodeError as exc:
        raise TemplateError("not UTF-8 text", path) from exc


def _check_inside(folder: Path, pieces: list[str]) -> None:
    """No component from the folder down is a symbolic link, and the resolved path stays inside."""
    current = folder
    for part in ("", *pieces):
        current = current / part if part else current
        if current.is_symlink():
            raise TemplateError("refused: a symbolic link in a template folder (a template may only "
                                "use its own files)", current)
    try:
        folder.joinpath(*pieces).resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        raise TemplateError("refused: outside the template folder", folder.joinpath(*pieces)) from None


@cache
def _environment(folder: Path) -> BriefingSandbox:
    search = [folder, folder.parent / BASE, templates_dir() / BASE]
    return BriefingSandbox(
        loader=FolderLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# --- what the rendered HTML may load ---------------------------------------------------------------------------

_LOADING_ATTRS = frozenset({"src", "srcset", "data", "poster", "background", "xlink:href", "lowsrc", "dynsrc"})
_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE | re.DOTALL)


# A quick "could anything here load something that is not a data: URI?"; when it says yes, the page is
# parsed properly (article text is escaped, so only the template's markup can match, or text that merely
# looks alike, which costs a parse and nothing else).
_MAY_LOAD = re.compile(r"""(?:\b(?:src|srcset|poster|background|lowsrc|dynsrc|data|xlink:href)\s*=\s*["']?"""
                       r"""(?!data:)|url\(\s*["']?(?!data:)|@import|<link\b|<image\b|<use\b)""", re.IGNORECASE)


class _References(HTMLParser):
    """Every URL the HTML would load: image/media sources, stylesheets, CSS ``url()`` and ``@import``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            if name in _LOADING_ATTRS or (name == "href" and tag in ("link", "image", "use")):
                self.urls += [v.strip().split()[0] for v in value.split(",") if v.strip()] if name == "srcset" \
                    else [value.strip()]
            elif name == "style":
                self._css(value)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        self.urls += [(m.group(2) or m.group(4) or "").strip() for m in _URL.finditer(css)]


def resource_path(url: str, folder: Path, where: Path) -> Path | None:
    """The file of ``folder`` a loading reference names (None for ``data:`` and ``#fragment``).

    An absolute path, any URL scheme (``file:``, ``http:``…), ``..``, a link or a missing file is a
    TemplateError: a template may only use images in its own folder.
    """
    if not url or url.lower().startswith("data:") or url.startswith("#"):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:|^[/\\]", url, re.IGNORECASE) or ".." in re.split(r"[/\\]", url):
        raise TemplateError(f"refers to {url!r}: a template may only use images in its own folder", where)
    pieces = [p for p in re.split(r"[/\\]", url.split("?")[0].split("#")[0]) if p and p != "."]
    path = folder.joinpath(*pieces)
    if not pieces or not (path.exists() or path.is_symlink()):
        raise TemplateError(f"refers to {url!r}, which is not a file in the template folder", where)
    if is_user_folder(folder):
        _check_inside(folder, pieces)
    return path


def loading_references(html: str) -> list[str]:
    """Every URL the HTML would load (image and media sources, stylesheets, CSS ``url()``/``@import``)."""
    parser = _References()
    parser.feed(html)
    parser.close()
    return list(dict.fromkeys(parser.urls))


def _inline_resources(html: str, tpl: Template) -> str:
    """Check every loading reference: ``data:`` stays, a file of the template folder is inlined as a
    ``data:`` URI, anything else (an absolute path, ``file:``, ``http:``, a file elsewhere) is refused."""
    if not _MAY_LOAD.search(html):
        return html  # the common case (only data: URIs): no need to parse the whole page
    for url in loading_references(html):
        path = resource_path(url, tpl.folder, tpl.html_file)
        if path is None:
            continue
        data = read_regular(path, MAX_IMAGE_BYTES, follow_symlinks=not is_user_folder(tpl.folder))
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
        html = html.replace(f'"{url}"', f'"{uri}"').replace(f"'{url}'", f"'{uri}'").replace(f"({url})", f"({uri})")
    return html


def render_html_template(tpl: Template, **context: object) -> str:
    """Render the template's HTML with ``context`` under the time and output budget; errors name the file."""
    env = _environment(tpl.folder)
    where = f"template {tpl.name!r}"
    try:
        html = render_bounded(env.get_template("template.html.j2").generate(**context))
        return _inline_resources(html, tpl)
    except TemplateError:
        raise
    except UserFileError as exc:
        raise TemplateError(f"{where}: {exc.reason}", exc.path) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error at line {exc.lineno}: {exc.message}", exc.filename or tpl.html_file) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"undefined variable: {exc.message}", tpl.html_file) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template file not found: {exc.name}", tpl.folder) from exc
    except SecurityError as exc:
        raise TemplateError(f"{where} stopped by the template sandbox: {exc}", tpl.html_file) from exc
    except OverflowError as exc:  # the sandbox's cap on range()
        raise TemplateError(f"{where} stopped by the template sandbox: {exc}", tpl.html_file) from exc
    except RecursionError as exc:
        raise TemplateError(f"{where} stopped: recursion too deep (a macro, include or extends that calls "
                            "itself)", tpl.html_file) from exc
    except MemoryError as exc:
        raise TemplateError(f"{where} stopped: out of memory", tpl.html_file) from exc
    except (ArithmeticError, TypeError, ValueError, LookupError) as exc:  # {{ 1/0 }}, {{ 'a' + 1 }}, ...
        raise TemplateError(f"error in the template: {type(exc).__name__}: {exc}", tpl.html_file) from exc
