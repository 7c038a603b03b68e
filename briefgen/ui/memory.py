"""A thin, defensive bridge to the translation memory (``briefgen.translate.memory``) for the Review tab.

The memory is another layer's work and may not be installed in every build; the Review tab then
simply shows no suggestions (it never invents one). When present, the user's reviewed edits are
stored so the next briefing can reuse them.
"""

from __future__ import annotations

import logging

from briefgen.model import Item

log = logging.getLogger(__name__)


class MemoryAdapter:
    def __init__(self) -> None:
        self._memory = None
        try:
            from briefgen.translate.memory import TranslationMemory  # type: ignore[import-not-found]
        except ImportError:
            return
        try:
            opener = getattr(TranslationMemory, "open_default", None)
            self._memory = opener() if callable(opener) else TranslationMemory()
        except Exception as exc:  # noqa: BLE001 - a broken memory must not break the window
            log.warning("translation memory unavailable: %s", exc)

    @property
    def memory(self):  # noqa: ANN201 - the TranslationMemory, or None
        return self._memory

    @property
    def available(self) -> bool:
        return self._memory is not None

    @staticmethod
    def _source(item: Item, target: str) -> tuple[str, str] | None:
        source = item.text.source_lang or ("id" if target == "en" else "en")
        text = item.text.text(source)
        return (source, text) if text and source != target else None

    def suggest(self, item: Item, target: str, limit: int = 5) -> list[tuple[str, float]]:
        """(text, score 0–100) suggestions for translating ``item`` into ``target``."""
        found = self._source(item, target)
        if self._memory is None or found is None:
            return []
        source, text = found
        try:
            raw = self._memory.suggest(text, source, target)
        except Exception as exc:  # noqa: BLE001
            log.warning("translation memory suggest failed: %s", exc)
            return []
        out = []
        for entry in list(raw or [])[:limit]:
            target_text = getattr(entry, "target", None) or getattr(entry, "text", None)
            score = getattr(entry, "score", None)
            if isinstance(entry, tuple) and len(entry) >= 2:
                target_text, score = entry[0], entry[1]
            if isinstance(target_text, str) and target_text:
                value = float(score or 0)
                out.append((target_text, value * 100 if value <= 1 else value))
        return out

    def matches(self, text: str, src: str, tgt: str, limit: int = 5) -> list[tuple[str, str, float]]:
        """(the match's source, its translation, score 0–100) for ``text``: what the Review tab shows with a diff."""
        if self._memory is None or not text.strip():
            return []
        try:
            raw = self._memory.suggest(text, src, tgt, limit=limit)
        except Exception as exc:  # noqa: BLE001
            log.warning("translation memory suggest failed: %s", exc)
            return []
        out = []
        for entry in raw or []:
            source, target = getattr(entry, "source", ""), getattr(entry, "target", "")
            score = getattr(entry, "score", 0)
            if isinstance(target, str) and target:
                value = float(score or 0)
                out.append((str(source or ""), target, value * 100 if value <= 1 else value))
        return out

    def store_text(self, source: str, target: str, src: str, tgt: str) -> None:
        """Remember a person's translation of ``source`` (no-op without a memory)."""
        if self._memory is None or not source.strip() or not target.strip() or src == tgt:
            return
        try:
            self._memory.store(source, target.strip(), src, tgt)
        except Exception as exc:  # noqa: BLE001
            log.warning("translation memory store failed: %s", exc)

    def store(self, item: Item, lang: str, text: str) -> None:
        """Remember a reviewed translation (no-op without a memory)."""
        found = self._source(item, lang)
        if self._memory is None or found is None or not text.strip():
            return
        try:
            self._memory.store(found[1], text.strip(), found[0], lang)
        except Exception as exc:  # noqa: BLE001
            log.warning("translation memory store failed: %s", exc)
