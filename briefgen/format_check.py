"""Format check before export: what a secretariat's reviewer would send back, said before they do.

``briefgen check`` prints the list; ``build`` and the window's export print it as warnings and write
the files anyway (the analyst may be drafting). The checks follow the rules the Nota Dinas template
cites (templates/nota-dinas/README.md): a signature block needs the signatory's jabatan and name, a
Hal fits one line, the memo names its addressee, sender and number; in every template, an analyst
section nobody wrote is left out (and said so here), and a header field left untranslated on the
English side is named. Messages come from the catalogue, in the language asked for.
"""

from __future__ import annotations

from briefgen.i18n import gettext_for
from briefgen.model import Briefing, Status
from briefgen.render.layout import Document, Features

PT_MM = 0.3528
AVERAGE_CHAR_EM = 0.5  # an average Arial character is about half an em wide
FIELD_VALUE_SHARE = 0.78  # the value column of the memo's field table


def line_chars(document: Document, page_size: str = "A4") -> int:
    """About how many characters of body text fit on one line of the memo's field values."""
    from briefgen.render.layout import PAGE_SIZES_MM

    width = PAGE_SIZES_MM.get(page_size, PAGE_SIZES_MM["A4"])[0] - document.page.margins_mm[1] \
        - document.page.margins_mm[3]
    return int(width * FIELD_VALUE_SHARE / (document.page.font_size * PT_MM * AVERAGE_CHAR_EM))


def deviations(briefing: Briefing, document: Document, features: Features, lang: str = "en",
               page_size: str = "A4") -> list[str]:
    """Each deviation from the template's format rules as one sentence in ``lang``; empty when none."""
    _ = gettext_for(lang)
    out: list[str] = []
    h = briefing.header
    memo = features.front == "memo"
    for key in document.omitted:
        name = next((s.label.text(lang) for s in briefing.sections if s.key == key), key)
        out.append(_("“{section}” is not written yet: it is left out of the document.").format(section=name))
    if memo or features.signature:
        if not h.signatory_title:
            out.append(_("The signature block has no position (jabatan): add it in the memo header."))
        if not (h.signatory or h.sender):
            out.append(_("The signature block has no name: add the signatory."))
    if memo:
        if not h.number:
            out.append(_("The memo has no number (Nomor): a dotted line is printed."))
        if not h.to:
            out.append(_("The memo has no addressee (Yth.)."))
        if not h.sender:
            out.append(_("The memo has no sender (Dari)."))
        subject = h.subject.text("id") or h.subject.text("en")
        limit = line_chars(document, page_size)
        if len(subject) > limit:
            out.append(_("The subject (Hal) is longer than one line ({count} characters, about {limit} fit): "
                         "shorten it.").format(count=len(subject), limit=limit))
        if subject and subject in {entry.title for entry in briefing.sources}:
            out.append(_("The subject (Hal) is a news headline: write the memo's own subject."))
    if "en" in document.langs:
        fields = [(_("Subject"), h.subject)]
        if memo:
            fields += [(_("Opening paragraph"), h.opening), (_("Closing paragraph"), h.closing)]
        for name, text in fields:
            if (text.id or text.en) and text.status("en") is Status.MISSING:
                out.append(_("The header field “{field}” has no English text: it is marked untranslated.")
                           .format(field=name))
    return out
