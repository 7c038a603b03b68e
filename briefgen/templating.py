"""Briefing templates: folders with ``template.yaml``, Jinja2 HTML and (optionally) ``reference.docx``.

Packaged templates live in ``templates/``; a folder of the same name in the user's templates folder
overrides one. Templates are user-editable code, so Jinja2 runs sandboxed with ``StrictUndefined``:
a misspelt variable is an error with file and line, never a silently blank briefing.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePath

import jinja2
import yaml
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from briefgen.errors import TemplateError
from briefgen.resources import templates_dir, user_templates_dir

BASE = "_base"
DEFAULT_TEMPLATE = "briefing-note"


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
        for folder in (self.folder, self.folder.parent / BASE):
            path = folder / "reference.docx"
            if path.is_file():
                return path
        return None


def _folders() -> list[Path]:
    """Template search path: the user's folder first, so it overrides packaged templates."""
    return [user_templates_dir(), templates_dir()]


def load_template(folder: Path) -> Template:
    spec = folder / "template.yaml"
    try:
        data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise TemplateError("template.yaml missing", folder) from None
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (line {line + 1})" if line is not None else ""
        raise TemplateError(f"template.yaml is not valid YAML{where}", spec) from exc
    try:
        return Template(
            name=str(data.get("name", folder.name)),
            folder=folder,
            title=str(data.get("title", "Briefing")),
            description={k: str(v) for k, v in (data.get("description") or {}).items()},
            sections=tuple(data["sections"]),
            defaults={k: str(v) for k, v in (data.get("defaults") or {}).items()},
            features=dict(data.get("features") or {}),
            name_text={k: str(v) for k, v in (data.get("label") or {}).items()},
        )
    except (KeyError, TypeError) as exc:
        raise TemplateError(f"template.yaml lacks a required field: {exc}", spec) from exc


def available_templates() -> dict[str, Template]:
    """Every template by name; user folders win over packaged ones."""
    found: dict[str, Template] = {}
    for root in reversed(_folders()):
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if folder.is_dir() and folder.name != BASE and (folder / "template.yaml").is_file():
                template = load_template(folder)
                found[template.name] = template
    return dict(sorted(found.items()))


def get_template(name: str | None) -> Template:
    templates = available_templates()
    name = name or DEFAULT_TEMPLATE
    if name not in templates:
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


MAX_PRODUCT = 1_000_000  # items a template may make with * (strings, lists); the documents never need more
MAX_EXPONENT = 256


class BriefingSandbox(SandboxedEnvironment):
    """Jinja2's sandbox, tighter: no file-system objects, no giant products or powers.

    The context holds ``pathlib`` paths (``template.folder``); their methods would let a user
    template read or write any file, so no attribute of a path is reachable. ``'x' * 10**8`` or
    ``10**10**10`` would exhaust memory or never finish; both are refused before they run.
    """

    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        if isinstance(obj, PurePath) or isinstance(value, PurePath) and callable(value):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context, operator: str, left, right):
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | bytes | list | tuple) and isinstance(times, int) \
                        and len(seq) * times > MAX_PRODUCT:
                    raise SecurityError(f"a product of {len(seq)} × {times} items is over the limit {MAX_PRODUCT}")
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"an exponent of {right} is over the limit {MAX_EXPONENT}")
        return super().call_binop(context, operator, left, right)


@cache
def _environment(folder: Path) -> SandboxedEnvironment:
    search = [folder, folder.parent / BASE, templates_dir() / BASE]
    env = BriefingSandbox(
        loader=jinja2.FileSystemLoader([str(p) for p in search]),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.pop("lipsum", None)  # it writes Latin filler: a template must never invent text
    return env


def render_html_template(tpl: Template, **context: object) -> str:
    """Render the template's HTML with ``context``; errors name the file and line."""
    env = _environment(tpl.folder)
    try:
        return env.get_template("template.html.j2").render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"syntax error at line {exc.lineno}: {exc.message}", exc.filename or tpl.html_file) from exc
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"undefined variable: {exc.message}", tpl.html_file) from exc
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template file not found: {exc.name}", tpl.folder) from exc
    except jinja2.exceptions.SecurityError as exc:
        raise TemplateError(f"forbidden by the template sandbox: {exc}", tpl.html_file) from exc
    except OverflowError as exc:  # the sandbox's cap on range()
        raise TemplateError(f"forbidden by the template sandbox: {exc}", tpl.html_file) from exc
    except (ArithmeticError, TypeError, ValueError, LookupError) as exc:  # {{ 1/0 }}, {{ 'a' + 1 }}, ...
        raise TemplateError(f"error in the template: {type(exc).__name__}: {exc}", tpl.html_file) from exc
