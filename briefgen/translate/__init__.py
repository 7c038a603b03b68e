"""The bilingual layer: fills the missing language of a briefing honestly.

Sources, in order: a person's translation in the memory (``reviewed``), the gazetteer and user
glossaries for pure terms (``generated``), a close memory match (``fuzzy``), an installed
machine-translation pack (``machine``); anything else stays ``missing`` and is shown as such.
"""

from briefgen.translate.memory import Match, TranslationMemory

__all__ = ["Match", "TranslationMemory"]
