"""Articles before and after cleaning.

A :class:`RawArticle` is what an importer read (text plus where it came from). An
:class:`Article` is the cleaned result: body paragraphs, metadata, and every line that cleaning
removed together with the reason, so nothing is silently lost and the user can restore it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from briefgen.model.text import Lang


@dataclass(frozen=True, slots=True)
class RawArticle:
    """Text as read from a file (or pasted), decoded to ``str`` but otherwise untouched."""

    file: str  # path as given, or a pseudo-name such as "<pasted>"
    sha256: str  # of the original bytes
    text: str
    fmt: str = "txt"  # txt, md, html, docx, pdf, paste
    encoding: str | None = None
    hints: dict[str, str] = field(default_factory=dict)  # metadata a container already knew


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line cleaning took out of the body, with the 1-based line number and the rule's reason."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Person:
    """Someone credited on the article: author, editor, reporter, or a wire agency."""

    name: str
    role: str  # author, editor, reporter, photographer, wire, source


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned clipping, ready for extraction."""

    file: str
    sha256: str
    lang: Lang
    title: str
    paragraphs: tuple[str, ...]
    outlet: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False
    title_derived: bool = False
    authors: tuple[Person, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    captions: tuple[str, ...] = ()
    wire: tuple[str, ...] = ()
    duplicate_of: str | None = None
    # how much of the clipping is about the selection's subject (0-1; None: not judged) and whether it
    # is far from it: an off-topic clipping comes in unticked (briefgen.extract.relevance)
    relevance: float | None = None
    off_topic: bool = False

    @property
    def short_id(self) -> str:
        return self.sha256[:8]
