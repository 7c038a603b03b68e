"""What a typesetter keeps together: "(2 sumber)" on one line, the memo's signature
with the end of its text (no signature alone on a page, in the PDF or in Word)."""

from __future__ import annotations

import docx
import pytest

from briefgen.render.blocks import _count
from briefgen.render.layout import lay_out
from briefgen.templating import get_template
from tests.test_render_model import full_briefing


def test_source_counts_do_not_break():
    assert _count(2, "id") == "2\u00a0sumber" and _count(3, "en") == "3\u00a0sources"


def test_no_page_break_right_before_the_signature():
    pytest.importorskip("PySide6")
    from briefgen.render.pdf_pages import SIGNATURE, Element, _candidates, paginate

    closing = Element(0, 60, lines=(20.0, 40.0))
    signature = Element(60, 140, role=SIGNATURE)
    copies = Element(140, 160)
    flow = [Element(-400, 0), closing, signature, copies]
    breaks = {y for y, _, _ in _candidates(flow)}
    assert 60 not in breaks and {0, 20.0, 40.0, 140} <= breaks
    # the page would end at y 100 (inside the signature): it ends inside the closing paragraph instead,
    # so its last line starts the next page with the signature
    pages = paginate(None, 500, flow)  # type: ignore[arg-type]
    assert [round(p.end) for p in pages[:1]] == [40]


@pytest.mark.parametrize("languages,layout", [("id", "single"), ("bilingual", "side-by-side"),
                                              ("bilingual", "sequential")])
def test_the_docx_keeps_the_closing_paragraph_with_the_signature(tmp_path, languages, layout):
    from briefgen.render.docx import write_docx

    spec = get_template("nota-dinas")
    document = lay_out(full_briefing("nota-dinas"), layout, languages, spec.features)
    path = tmp_path / "nd.docx"
    write_docx(document, spec, path, "A4")
    body = docx.Document(str(path))
    paragraphs = list(body.paragraphs)
    signature = next(i for i, p in enumerate(paragraphs) if p.style.name == "Briefgen Signature")
    before = paragraphs[signature - 1]
    closing_text = spec.features["closing"]["id"][:30]
    if layout == "side-by-side":  # the closing paragraph is the last row of the table before the signature
        tables = [t for t in body.tables
                  if body.element.body.index(t._tbl) < body.element.body.index(paragraphs[signature]._p)]
        table = tables[-1]
        cell = table.rows[-1].cells[0].paragraphs[0]
        assert closing_text in cell.text and cell.paragraph_format.keep_with_next
    else:
        assert closing_text in before.text and before.paragraph_format.keep_with_next
