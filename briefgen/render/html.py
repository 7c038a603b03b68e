"""HTML writer: the window's preview and the PDF's source, through the template's Jinja2 HTML."""

from __future__ import annotations

from pathlib import Path

from briefgen.i18n import gettext_for
from briefgen.render.layout import Document, legend
from briefgen.templating import Template, get_template, render_html_template

SUPPORTS = frozenset({"styles", "tables"})  # no page furniture: the PDF writer adds it


def render_html(document: Document, template: Template | None = None, paged: bool = False) -> str:
    template = template or get_template(None)
    lang_names: dict[str, str] = {lg: gettext_for(lg)("Indonesian" if lg == "id" else "English") for lg in ("id", "en")}
    return render_html_template(template, doc=document, legend=legend(document), template=template,
                                lang_names=lang_names, paged=paged)


def write_html(document: Document, template: Template, path: Path) -> None:
    from briefgen.export import atomic_write_bytes

    atomic_write_bytes(path, render_html(document, template).encode("utf-8"))
