"""Segments: the sentences a translation is looked up, stored and machine-translated by.

A segment's identity is a hash of its *normalised* text (Unicode NFKC, typographic quotes and
dashes folded, whitespace collapsed, case kept): the same sentence copied from two web pages with
different quotes or spacing is one memory entry, while "AS" (United States) and "as" stay apart.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from briefgen.extract.sentences import split_sentences

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1024)  # an import normalises each text several times (keys of both directions, sentences)
def normalise(text: str) -> str:
    """The form two copies of one sentence share."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip()


def segment_hash(text: str) -> str:
    """Stable key of a segment: sha1 of its normalised form (fast, fixed width, not a security use)."""
    return norm_hash(normalise(text))


def norm_hash(norm: str) -> str:
    """``segment_hash`` of a text already normalised (saves normalising twice in bulk imports)."""
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def split_segments(text: str) -> list[list[str]]:
    """The sentences of a text, paragraph by paragraph (a paragraph break is never crossed)."""
    return [split_sentences(paragraph) for paragraph in text.split("\n")]


def join_segments(paragraphs: list[list[str]]) -> str:
    """Translated sentences back into one text: a space between sentences, the paragraph breaks kept."""
    return "\n".join(" ".join(s.strip() for s in sentences if s.strip()) for sentences in paragraphs)
