"""Immutable values that flow through the pipeline: articles, bilingual text, the briefing."""

from briefgen.model.article import Article, Person, RawArticle, RemovedLine
from briefgen.model.briefing import Briefing, Counterpart, Header, Item, Section, SourceEntry
from briefgen.model.text import LANGS, BiText, Lang, Provenance, Status

__all__ = [
    "LANGS",
    "Article",
    "BiText",
    "Briefing",
    "Counterpart",
    "Header",
    "Item",
    "Lang",
    "Person",
    "Provenance",
    "RawArticle",
    "RemovedLine",
    "Section",
    "SourceEntry",
    "Status",
]
