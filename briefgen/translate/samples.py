"""The English of the bundled sample clippings, supplied with briefgen (status ``sample``).

Why a separate table and not the user's memory: these translations were written for the five
sample clippings that ship with briefgen so a first start shows a complete bilingual briefing. They
are not the user's reviewed work, so they never enter the user's memory, never show as
``reviewed`` and apply only to the samples: every unit of the TMX names the content hashes
(sha256) of the sample files it belongs to, and a sentence is looked up only when the text that
needs it comes from one of those files. Another clipping with the same sentence gets nothing here.

The file is ``assets/samples/sample-translations.tmx`` (TMX 1.4, made by ``tools/make_sample_tmx.py``
from ``tools/sample_translations.txt``); each ``<tu>`` carries ``<prop type="x-briefgen-article">``
lines. It is package data read with the standard library; a damaged file is logged and ignored.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import defusedxml.ElementTree as DET

from briefgen.model.text import Lang
from briefgen.resources import asset
from briefgen.translate.segments import normalise

log = logging.getLogger(__name__)
FILE_NAME = "sample-translations.tmx"
ARTICLE_PROP = "x-briefgen-article"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class SampleTranslations:
    """(source language, target language, normalised sentence) → (translation, the sample files' hashes)."""

    entries: dict[tuple[str, str, str], tuple[str, frozenset[str]]] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, sentence: str, src: Lang, tgt: Lang, articles: Iterable[str]) -> str | None:
        """The supplied translation when ``sentence`` comes from a sample file it was written for."""
        found = self.entries.get((src, tgt, normalise(sentence)))
        if found is None or not (found[1] & set(articles)):
            return None
        return found[0]

    @property
    def articles(self) -> frozenset[str]:
        return frozenset(sha for _, shas in self.entries.values() for sha in shas)


def read_sample_tmx(path: Path) -> SampleTranslations:
    """Parse the samples' TMX: Indonesian → English units, each naming the sample files it belongs to."""
    data = Path(path).read_bytes()
    root = DET.fromstring(data, forbid_entities=True, forbid_external=True)  # refusals are ValueErrors
    entries: dict[tuple[str, str, str], tuple[str, frozenset[str]]] = {}
    for tu in root.iter("tu"):
        shas = frozenset(p.text.strip() for p in tu.findall("prop") if p.get("type") == ARTICLE_PROP and p.text)
        texts = {}
        for tuv in tu.findall("tuv"):
            seg = tuv.find("seg")
            lang = (tuv.get(XML_LANG) or "").lower()[:2]
            if seg is not None and seg.text and lang in ("id", "en"):
                texts[lang] = " ".join(seg.text.split())
        if shas and texts.get("id") and texts.get("en"):
            entries[("id", "en", normalise(texts["id"]))] = (texts["en"], shas)
    return SampleTranslations(entries)


@cache
def bundled_samples() -> SampleTranslations:
    """The supplied translations of the bundled samples (empty, and logged, if the file is missing or damaged)."""
    path = asset("samples", FILE_NAME)
    try:
        return read_sample_tmx(path)
    except (OSError, ValueError, ET.ParseError) as exc:
        log.warning("%s: the sample translations could not be read (%s); the samples stay untranslated", path, exc)
        return SampleTranslations()
