"""Bilingual text with a translation status per language, and where it came from.

Honest output starts here: a :class:`BiText` never holds a guessed translation. A language with
no text has status ``MISSING`` and renderers show an explicit "untranslated" marker for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, Lang] = ("id", "en")


class Status(StrEnum):
    """How a language's text came to be. Order matters only for display."""

    SOURCE = "source"  # the clipping's own words, in the clipping's language
    GENERATED = "generated"  # rendered from structured data (gazetteer, Babel, catalogue)
    MACHINE = "machine"  # machine translation, not yet reviewed by a person
    MATCHED = "matched"  # another-language clipping's own sentence reporting the same fact ("from source [n]")
    SAMPLE = "sample"  # the translation supplied with briefgen for its bundled sample clippings
    FUZZY = "fuzzy"  # a translation-memory suggestion for a similar sentence
    REVIEWED = "reviewed"  # written or accepted by a person
    MISSING = "missing"  # no text in this language; never filled with a guess

    @property
    def needs_review(self) -> bool:
        return self in (Status.MACHINE, Status.FUZZY, Status.MATCHED)


@dataclass(frozen=True, slots=True)
class BiText:
    """A piece of text in Indonesian and English, each with its status."""

    id: str = ""
    en: str = ""
    id_status: Status = Status.MISSING
    en_status: Status = Status.MISSING
    # status MATCHED: the numbers of the sources (Briefing.sources) whose sentences stand in this language
    id_from: tuple[int, ...] = ()
    en_from: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        for lang in LANGS:
            text, status = self.text(lang), self.status(lang)
            if status is Status.MISSING and text:
                raise ValueError(f"{lang} text given but status is missing: {text[:40]!r}")
            if status is not Status.MISSING and not text:
                raise ValueError(f"{lang} status {status} needs text")
            if self.taken_from(lang) and status is not Status.MATCHED:
                raise ValueError(f"{lang} names sources it was taken from but its status is {status}")

    @classmethod
    def source(cls, text: str, lang: Lang) -> BiText:
        """Text in the clipping's own language; the other language is missing until translated."""
        return cls.of(lang, text, Status.SOURCE)

    @classmethod
    def generated(cls, id_text: str, en_text: str) -> BiText:
        """Both languages produced from structured data (labels, dates, figures)."""
        return cls(id_text, en_text, Status.GENERATED, Status.GENERATED)

    @classmethod
    def of(cls, lang: Lang, text: str, status: Status) -> BiText:
        return cls().with_text(lang, text, status)

    def text(self, lang: Lang) -> str:
        return self.id if lang == "id" else self.en

    def status(self, lang: Lang) -> Status:
        return self.id_status if lang == "id" else self.en_status

    def taken_from(self, lang: Lang) -> tuple[int, ...]:
        """The sources whose own sentences this language shows (status ``matched``); empty otherwise."""
        return self.id_from if lang == "id" else self.en_from

    def with_text(self, lang: Lang, text: str, status: Status, taken_from: tuple[int, ...] = ()) -> BiText:
        if lang == "id":
            return replace(self, id=text, id_status=status, id_from=taken_from)
        return replace(self, en=text, en_status=status, en_from=taken_from)

    @property
    def source_lang(self) -> Lang | None:
        for lang in LANGS:
            if self.status(lang) is Status.SOURCE:
                return lang
        return None


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a sentence of the briefing came from: an article (by hash) and its paragraph."""

    article: str  # the article's sha256, stable across renames and sessions
    paragraph: int  # 0-based index into ``Article.paragraphs``
    sentence: int | None = None  # 0-based index within the paragraph, when known

    def label(self) -> str:
        where = f"¶{self.paragraph + 1}"
        if self.sentence is not None:
            where += f".{self.sentence + 1}"
        return f"{self.article[:8]} {where}"
