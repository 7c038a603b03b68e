"""The briefing's translation work list: every piece of free text a person may have to translate.

One list, read by the Review tab (its rows and "English: 14 of 20 done"), the QA checks, the
export dialog and the CLI's warning line, so they all count the same things:

* the memo header's free text: subject, addressee (Kepada), sender (Dari), signatory, each copy
  (Tembusan), keys ``header:subject``, ``header:to``, ``header:from``, ``header:signatory``, ``header:cc:N``;
* every item with a key whose text is not wholly generated (points, quotes, the analyst's text);
* a table cell that carries its own free text (a statement's words, a figure's context), key
  ``ITEMKEY#cN``.

Generated text (labels, dates, gazetteer names in both languages) is not work and is not counted.
A segment is *done* in a language when its text there is neither missing nor an unreviewed
machine or memory suggestion. Core module, no Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from briefgen.model import BiText, Briefing, Lang, Status

HEADER = "header"
HEADER_FIELDS = ("subject", "to", "from", "signatory")  # then cc:N
NEEDS_WORK = frozenset({Status.MISSING, Status.MACHINE, Status.FUZZY})


@dataclass(frozen=True, slots=True)
class WorkSegment:
    key: str
    section: str  # the section key; "header" for the memo fields
    label: BiText  # the section's label (for the header: the field's label)
    text: BiText

    @property
    def source_lang(self) -> Lang:
        """The language the text was written in: the clipping's, else the side that has text."""
        src = self.text.source_lang
        if src:
            return src
        return "en" if self.text.id_status is Status.MISSING and self.text.en else "id"

    def target_lang(self) -> Lang:
        return "en" if self.source_lang == "id" else "id"

    def needs_work(self, lang: Lang) -> bool:
        return lang != self.source_lang and self.text.status(lang) in NEEDS_WORK


def _is_work(text: BiText) -> bool:
    """Free text: something in one language that is not generated from structured data."""
    statuses = {text.id_status, text.en_status}
    return bool(statuses - {Status.GENERATED, Status.MISSING}) and bool(text.id or text.en)


def prints_signatory_in_both(features: Mapping[str, object]) -> bool:
    """Whether a template prints the signatory in each language: a signature block outside the memo layout
    (the Nota Dinas signs once, in Indonesian, so its English signatory is not work)."""
    return bool(features.get("signature")) and features.get("front", "note") != "memo"


def scope(features: Mapping[str, object]) -> dict:
    """The :func:`work_segments` keywords for a template's features: what its documents print."""
    return {"limits": dict(features.get("max_items", {}) or {}),  # type: ignore[call-overload]
            "signatory": prints_signatory_in_both(features)}


def header_texts(briefing: Briefing, signatory: bool = True) -> list[tuple[str, str, BiText]]:
    """(key, field label msgid, text) for each memo field that holds free text."""
    h = briefing.header
    out = [("header:subject", "Subject", h.subject), ("header:to", "To", h.to_text),
           ("header:from", "From", h.sender_text)]
    out += [("header:signatory", "Signatory", h.signatory_text)] if signatory else []
    out += [(f"header:cc:{n}", "Copy to", text) for n, text in enumerate(h.cc_texts)]
    return [(k, m, t) for k, m, t in out if _is_work(t)]


def work_segments(briefing: Briefing, limits: Mapping[str, int] | None = None,
                  signatory: bool = True) -> list[WorkSegment]:
    """Every segment of the work list in reading order, each key once.

    ``limits`` is the template's ``max_items`` (section key → how many items it prints) and ``signatory``
    whether it prints the signatory in both languages (see :func:`scope`): what a template leaves out of
    the document is not work.
    """
    from briefgen.i18n import label

    out: list[WorkSegment] = [WorkSegment(key, HEADER, label(msgid), text)
                              for key, msgid, text in header_texts(briefing, signatory)]
    seen = {s.key for s in out}
    for section in briefing.sections:
        limit = (limits or {}).get(section.key)
        for item in section.items[:limit] if limit else section.items:
            if not item.key or item.key in seen:
                continue
            seen.add(item.key)
            if _is_work(item.text):
                out.append(WorkSegment(item.key, section.key, section.label, item.text))
            own = {item.text.id, item.text.en}
            for n, cell in enumerate(item.cells):
                if _is_work(cell) and not ({cell.id, cell.en} & own - {""}):
                    out.append(WorkSegment(f"{item.key}#c{n}", section.key, section.label, cell))
    return out


@dataclass(frozen=True)
class Progress:
    """How far the translation into ``lang`` is: done/total, and what is left per section label."""

    lang: Lang
    total: int
    done: int
    missing: int
    unreviewed: int  # machine or memory suggestions not yet accepted
    missing_by_section: dict[str, int] = field(default_factory=dict)  # section label (in English) → count

    @property
    def remaining(self) -> int:
        return self.total - self.done

    def line(self) -> str:
        """One line for the CLI: "English: 8 of 22 segments done; 14 untranslated (Bottom Line 4, ...)"."""
        name = "English" if self.lang == "en" else "Indonesian"
        text = f"{name}: {self.done} of {self.total} segments done"
        if self.missing:
            where = ", ".join(f"{k} {v}" for k, v in self.missing_by_section.items())
            text += f"; {self.missing} untranslated ({where})"
        if self.unreviewed:
            text += f"; {self.unreviewed} machine or memory suggestions not reviewed"
        return text


def progress(briefing: Briefing, lang: Lang, segments: list[WorkSegment] | None = None) -> Progress:
    """Counts for the work list translated into ``lang`` (segments written in ``lang`` are not counted)."""
    segments = work_segments(briefing) if segments is None else segments
    mine = [s for s in segments if s.source_lang != lang]
    missing = [s for s in mine if s.text.status(lang) is Status.MISSING]
    unreviewed = [s for s in mine if s.text.status(lang).needs_review]
    by_section: Counter = Counter(s.label.en or s.section for s in missing)
    return Progress(lang, len(mine), len(mine) - len(missing) - len(unreviewed), len(missing), len(unreviewed),
                    dict(by_section))
