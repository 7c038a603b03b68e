"""HTML writer: the window's preview and the PDF's source, through the template's Jinja2 HTML."""

from __future__ import annotations

import base64
from pathlib import Path

from briefgen.i18n import gettext_for
from briefgen.render.layout import Document, Figure, legend
from briefgen.templating import Template, get_template, render_html_template

SUPPORTS = frozenset({"styles", "tables", "figures"})  # no page furniture: the PDF writer adds it


def figure_bytes(figure: Figure) -> bytes:
    """The figure's PNG: the one on the model if a transform drew it, else drawn now (Qt, loaded lazily)."""
    if figure.image:
        return figure.image
    try:
        from briefgen.render.pdf_figures import figure_png
    except ImportError:  # pragma: no cover - PySide6 is a dependency; a trimmed install shows the caption only
        return b""
    return figure_png(figure)


def figure_src(figure: Figure) -> str:
    data = figure_bytes(figure)
    return f"data:image/png;base64,{base64.b64encode(data).decode('ascii')}" if data else ""


def render_html(document: Document, template: Template | None = None, paged: bool = False,
                preview: bool = False) -> str:
    """The page; ``preview`` (the window) makes each untranslated or unreviewed mark a ``review:KEY`` link."""
    template = template or get_template(None)
    lang_names: dict[str, str] = {lg: gettext_for(lg)("Indonesian" if lg == "id" else "English") for lg in ("id", "en")}
    return render_html_template(template, doc=document, legend=legend(document), template=template,
                                lang_names=lang_names, paged=paged, figure_src=figure_src,
                                emblem_src=image_uri(document.emblem), preview=preview)


def image_uri(data: bytes) -> str:
    """A data URI for a PNG or JPEG (the user's emblem); empty for anything else."""
    if data.startswith(b"\x89PNG"):
        kind = "png"
    elif data.startswith(b"\xff\xd8"):
        kind = "jpeg"
    else:
        return ""
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"


def write_html(document: Document, template: Template, path: Path) -> None:
    from briefgen.export import atomic_write_bytes

    atomic_write_bytes(path, render_html(document, template).encode("utf-8"))
