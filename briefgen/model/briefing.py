"""The briefing model every renderer reads.

``Briefing`` → ``Section`` → ``Item``. Every human-readable text is a :class:`BiText`; every item
that states something about the world carries its :class:`Provenance`. Renderers never compute
content: they only lay this model out (see :mod:`briefgen.render.layout`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefgen.model.text import BiText, Lang, Provenance

# Classification and urgency keys (Indonesian usage) → catalogue message ids (English renderings),
# as in shared/design/briefing-anatomy.md.
CLASSIFICATIONS: dict[str, str] = {
    "biasa": "Unclassified",
    "terbatas": "Restricted",
    "rahasia": "Secret",
    "sangat-rahasia": "Top Secret",
}
URGENCIES: dict[str, str] = {"sangat-segera": "Immediate", "segera": "Priority", "biasa": "Routine"}


@dataclass(frozen=True, slots=True)
class Item:
    """One point, event, quote or row of a section.

    ``cites`` are 1-based numbers into ``Briefing.sources``; ``cells`` is used by table sections
    (one BiText per column), ``text`` by list and prose sections.
    """

    text: BiText
    provenance: tuple[Provenance, ...] = ()
    cites: tuple[int, ...] = ()
    cells: tuple[BiText, ...] = ()
    key: str = ""  # stable id (e.g. a claim's hash) so the user can drop or reorder points across rebuilds
    support: int = 0  # independent sources behind a point (wire copies of one story count once); 0: unknown


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the briefing; ``kind`` tells renderers how to lay the items out."""

    key: str  # stable identifier: bottom_line, key_points, timeline, sources, ...
    label: BiText
    items: tuple[Item, ...] = ()
    kind: str = "list"  # list | numbered | prose | table
    columns: tuple[BiText, ...] = ()  # column headings for kind == "table"


@dataclass(frozen=True, slots=True)
class Header:
    """The header block of a memo: classification, number, addressees, subject."""

    classification: BiText
    urgency: BiText
    date_of_issue: dt.date
    date_text: BiText
    number: str = ""
    to: str = ""
    sender: str = ""
    subject: BiText = field(default_factory=BiText)
    attachments: int = 0
    cc: tuple[str, ...] = ()  # Tembusan
    signatory: str = ""  # the full name under the signature
    author: str = ""  # the drafter: the document properties' author (the sender when empty)
    # the free-text fields in both languages (briefgen.translate.titles): the English is the analyst's,
    # a known office or name, or missing (marked); empty: built from the plain fields above, English missing
    to_text: BiText = field(default_factory=BiText)
    sender_text: BiText = field(default_factory=BiText)
    signatory_text: BiText = field(default_factory=BiText)
    cc_texts: tuple[BiText, ...] = ()

    def text_of(self, name: str) -> BiText:
        """``to``, ``from`` or ``signatory`` in both languages (English missing when only the plain value is set)."""
        text, plain = {"to": (self.to_text, self.to), "from": (self.sender_text, self.sender),
                       "signatory": (self.signatory_text, self.signatory)}[name]
        if text.id or text.en or not plain:
            return text
        return BiText.source(plain, "id")

    def cc_of(self) -> tuple[BiText, ...]:
        """Tembusan in both languages (as :meth:`text_of`)."""
        if self.cc_texts or not self.cc:
            return self.cc_texts
        return tuple(BiText.source(c, "id") for c in self.cc if c.strip())
    signatory_title: str = ""  # jabatan: the position above the signature (Tata Naskah Dinas)
    signatory_nip: str = ""  # NIP under the name; optional (Eselon I sign without it)
    opening: BiText = field(default_factory=BiText)  # the memo's opening paragraph, when the analyst wrote one
    closing: BiText = field(default_factory=BiText)  # and its closing paragraph (else the template's)


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One cited article, numbered in order of first citation."""

    number: int
    article: str  # sha256
    outlet: str | None
    title: str
    published: dt.date | None
    published_text: BiText
    file: str
    people: tuple[str, ...] = ()
    wire: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Counterpart:
    """A clipping's sentence and another-language clipping's own sentence reporting the same fact.

    The translation layer shows ``text`` for ``source`` when nothing a person wrote covers it (status
    ``matched``, "from source [n]"); ``key`` names the pairing so the user can reject it.
    """

    key: str
    lang: Lang  # the language of ``source``
    source: str
    text: str  # the other language's sentence
    article: str  # sha256 of the clipping ``text`` comes from
    provenance: Provenance
    score: float = 0.0
    anchors: tuple[str, ...] = ()  # what the two share (names, figures, dates), for the Review tab


@dataclass(frozen=True, slots=True)
class Briefing:
    title: BiText
    header: Header
    sections: tuple[Section, ...]
    sources: tuple[SourceEntry, ...]
    template: str = "briefing-note"
    machine_packs: tuple[str, ...] = ()  # the translation packs whose output the briefing shows (legend)
    counterparts: tuple[Counterpart, ...] = ()  # other-language sentences of the same facts (see Counterpart)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)
