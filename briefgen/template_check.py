"""``briefgen templates --check DIR``: find what would break a template before a user builds with it.

A template is user-editable code and data, so each problem is reported as ``file:line: message``
(the line when there is one): YAML that does not parse, sections or features the app does not know,
Jinja2 syntax errors, variables the HTML uses that the renderer never passes (undeclared: with
``StrictUndefined`` they would fail every build), Word styles the DOCX writer names that the
template's ``reference.docx`` lacks, files the template may not use (symbolic links, FIFOs, devices,
images outside its folder), and external references in ``reference.docx`` (a remote attached
template, linked images, fetching fields), which are removed whenever the template is used.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from briefgen.assemble import SECTION_LABELS
from briefgen.errors import TemplateError, printable
from briefgen.render.layout import Features
from briefgen.templating import (
    BASE,
    MAX_TEMPLATE_BYTES,
    check_reference_docx,
    is_user_folder,
    load_template,
    loading_references,
    resource_path,
)
from briefgen.userfiles import UserFileError, load_yaml, read_regular

CONTEXT = frozenset({"doc", "legend", "template", "lang_names", "paged", "figure_src",  # what render_html passes
                     "emblem_src", "preview"})


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        return printable(f"{self.file}{f':{self.line}' if self.line else ''}: {self.message}")


def template_folders(root: Path) -> list[Path]:
    """``root`` itself when it is one template, else the templates inside it (``_base`` included)."""
    if (root / "template.yaml").exists() or (root / "base.html.j2").exists():
        return [root]
    return sorted(p for p in root.iterdir() if p.is_dir() and (any(p.glob("*.j2")) or (p / "template.yaml").exists()))


MAX_ENTRIES = 2_000  # files looked at per template folder


def _check_files(folder: Path) -> list[Problem]:
    """Symbolic links, FIFOs, devices: a template may only use its own regular files."""
    if not is_user_folder(folder):
        return []
    if folder.is_symlink():
        return [Problem(folder, None, "the template folder is a symbolic link: refused")]
    problems: list[Problem] = []
    seen = 0
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            seen += 1
            if seen > MAX_ENTRIES:
                return [*problems, Problem(folder, None, f"more than {MAX_ENTRIES} files: not checked further")]
            path = Path(top) / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(Problem(path, None, "symbolic link: refused (a template may only use its own files)"))
            elif not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
                problems.append(Problem(path, None, "not a regular file (a FIFO or device): refused"))
    return problems


def _check_yaml(folder: Path) -> list[Problem]:
    spec = folder / "template.yaml"
    if not spec.exists() and not spec.is_symlink():
        return [] if folder.name == BASE else [Problem(spec, None, "template.yaml missing")]
    try:
        doc = load_yaml(spec, max_bytes=256 * 1024, follow_symlinks=not is_user_folder(folder))
    except UserFileError as exc:
        return [Problem(spec, exc.line, exc.reason)]
    data = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    try:
        load_template(folder)
    except TemplateError as exc:
        line = exc.path.rsplit(":", 1)[-1] if exc.path and exc.path.rsplit(":", 1)[-1].isdigit() else None
        problems.append(Problem(spec, int(line) if line else None, exc.reason))
        return problems

    for key in data.get("sections") or []:
        if key not in SECTION_LABELS:
            problems.append(Problem(spec, doc.line(("sections",)), f"unknown section {key!r} "
                                                                   f"(known: {', '.join(SECTION_LABELS)})"))
    try:
        Features.from_mapping(data.get("features"))
    except (ValueError, TypeError) as exc:
        problems = [p for p in problems if p.message != f"features: {exc}"]  # (load_template says it too)
        problems.append(Problem(spec, doc.line(("features",)), f"features: {exc}"))
    for lang in ("id", "en"):
        if not (data.get("description") or {}).get(lang):
            problems.append(Problem(spec, doc.line(("description",)), f"description lacks {lang!r}"))
    return problems


def _check_html(folder: Path, env: jinja2.Environment) -> list[Problem]:
    problems = []
    for path in sorted(folder.glob("*.j2")):
        try:
            source = read_regular(path, MAX_TEMPLATE_BYTES, follow_symlinks=not is_user_folder(folder)).decode("utf-8")
        except (UserFileError, UnicodeDecodeError) as exc:
            problems.append(Problem(path, None, getattr(exc, "reason", "not UTF-8 text")))
            continue
        for url in loading_references(source):
            if "{{" in url or "{%" in url:
                continue  # made at render time (figure_src): checked then
            try:
                resource_path(url, folder, path)
            except TemplateError as exc:
                line = next((i for i, text in enumerate(source.splitlines(), 1) if url in text), None)
                problems.append(Problem(path, line, exc.reason))
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
    if not reference.is_file() or reference.is_symlink():
        return []  # a link or FIFO is reported by _check_files
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
    from briefgen.render.reference import external_references

    problems = [Problem(reference, None, f"external reference removed whenever the template is used "
                                         f"(Word would fetch it on opening a briefing): {ref}")
                for ref in external_references(reference)]
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
        problems += _check_files(folder) + _check_yaml(folder) + _check_html(folder, env) + _check_styles(folder)
    return problems
