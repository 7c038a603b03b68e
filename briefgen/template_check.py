"""``briefgen templates --check DIR``: find what would break a template before a user builds with it.

A template is user-editable code and data, so each problem is reported as ``file:line: message``
(the line when there is one): YAML that does not parse, sections or features the app does not know,
Jinja2 syntax errors, variables the HTML uses that the renderer never passes (undeclared: with
``StrictUndefined`` they would fail every build), and Word styles the DOCX writer names that the
template's ``reference.docx`` lacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from briefgen.assemble import SECTION_LABELS
from briefgen.errors import TemplateError
from briefgen.render.layout import Features
from briefgen.templating import BASE, check_reference_docx, load_template

CONTEXT = frozenset({"doc", "legend", "template", "lang_names", "paged", "figure_src",  # what render_html passes
                     "emblem_src", "preview"})


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}{f':{self.line}' if self.line else ''}: {self.message}"


def template_folders(root: Path) -> list[Path]:
    """``root`` itself when it is one template, else the templates inside it (``_base`` included)."""
    if (root / "template.yaml").is_file() or (root / "base.html.j2").is_file():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (any(p.glob("*.j2")) or (p / "template.yaml").is_file()))


def _check_yaml(folder: Path) -> list[Problem]:
    spec = folder / "template.yaml"
    if not spec.is_file():
        return [] if folder.name == BASE else [Problem(spec, None, "template.yaml missing")]
    try:
        data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(spec, mark.line + 1 if mark else None, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    problems = []
    try:
        load_template(folder)
    except TemplateError as exc:
        problems.append(Problem(spec, None, exc.reason))
    lines = spec.read_text(encoding="utf-8").splitlines()

    def line_of(word: str) -> int | None:
        return next((i for i, line in enumerate(lines, 1) if word in line), None)

    for key in data.get("sections") or []:
        if key not in SECTION_LABELS:
            problems.append(Problem(spec, line_of(str(key)), f"unknown section {key!r} "
                                                              f"(known: {', '.join(SECTION_LABELS)})"))
    try:
        Features.from_mapping(data.get("features"))
    except (ValueError, TypeError) as exc:
        problems.append(Problem(spec, line_of("features"), f"features: {exc}"))
    for lang in ("id", "en"):
        if not (data.get("description") or {}).get(lang):
            problems.append(Problem(spec, line_of("description"), f"description lacks {lang!r}"))
    return problems


def _check_html(folder: Path, env: jinja2.Environment) -> list[Problem]:
    problems = []
    for path in sorted(folder.glob("*.j2")):
        source = path.read_text(encoding="utf-8")
        try:
            ast = env.parse(source, path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem(path, exc.lineno, f"syntax error: {exc.message}"))
            continue
        # Names set or defined anywhere in the file (macros used inside blocks, {% set %} in a branch) are
        # declared too; Jinja's own analysis scopes them per block and would flag them.
        declared = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
        declared |= {m.name for m in ast.find_all(nodes.Macro)}
        for name in sorted(meta.find_undeclared_variables(ast) - CONTEXT - declared):
            line = next((n.lineno for n in ast.find_all(nodes.Name) if n.name == name), None)
            problems.append(Problem(path, line, f"undeclared variable {name!r} (the renderer passes: "
                                                f"{', '.join(sorted(CONTEXT))})"))
    return problems


def _check_styles(folder: Path) -> list[Problem]:
    reference = folder / "reference.docx"
    if not reference.is_file():
        return []
    from docx import Document as open_docx

    from briefgen.render.docx import STYLE_NAMES

    try:
        check_reference_docx(reference)
    except TemplateError as exc:
        return [Problem(reference, None, exc.reason)]
    try:
        styles = open_docx(str(reference)).styles
    except Exception as exc:  # a damaged or non-Word file: python-docx raises several types
        return [Problem(reference, None, f"cannot be opened as a Word document ({type(exc).__name__})")]
    problems = []
    for name in STYLE_NAMES:
        try:
            styles[name]
        except KeyError:
            problems.append(Problem(reference, None, f"missing style {name!r}"))
    return problems


def check_templates(root: Path) -> list[Problem]:
    """Every problem in the template folder(s) under ``root``; an empty list means ready to use."""
    if not root.is_dir():
        return [Problem(root, None, "not a folder")]
    env = SandboxedEnvironment(undefined=jinja2.StrictUndefined)
    problems: list[Problem] = []
    for folder in template_folders(root):
        problems += _check_yaml(folder) + _check_html(folder, env) + _check_styles(folder)
    return problems
