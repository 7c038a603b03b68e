"""Memory suggestions for the Review tab's segments, looked up ahead in time-boxed slices and kept.

Why: with 100,000 sentences in the memory, one similar-sentence search takes about a tenth of a
second and holds the interpreter (rapidfuzz keeps the GIL), so a worker thread would stall the
window just the same. Instead the segments of the briefing are searched ahead, a few milliseconds per
event-loop turn (``TranslationMemory.suggest_steps``), the current one first; moving to a segment
then shows its suggestions from the cache at once. When the user's translation is stored, every
cached list is updated with that one pair (one score per segment), so it offers what a fresh search
would (ties in score aside). The memory's index itself is loaded once on a thread (reading rows lets go of
the GIL). Nothing here decides a translation; it only keeps what the memory offers.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, QTimer, Signal
from rapidfuzz import fuzz

from briefgen.translate.segments import normalise

log = logging.getLogger(__name__)
LIMIT = 5
MIN_SCORE = 70.0
BUDGET_S = 0.012  # searching per event-loop turn
SMALL_MEMORY = 5000  # people's translations: up to this many, the index is loaded at once (tens of ms)
Key = tuple[str, str, str]  # (source text, source language, target language)
Entry = tuple[str, str, float]  # (the match's source, its translation, score)


class SuggestionCache(QObject):
    """``ready(source)``: the suggestions for ``source`` are in :meth:`get`."""

    ready = Signal(str)

    def __init__(self, memory, parent: QObject | None = None) -> None:  # noqa: ANN001 - a TranslationMemory or None
        super().__init__(parent)
        self.memory = memory
        self._cache: dict[Key, list[Entry]] = {}
        self._queue: list[Key] = []
        self._running: tuple[Key, object] | None = None
        self._warming: set[tuple[str, str]] = set()
        self._timer = QTimer(self, interval=0)
        self._timer.timeout.connect(self._step)

    @property
    def busy(self) -> bool:
        return bool(self._queue or self._running)

    def get(self, source: str, src: str, tgt: str) -> list[Entry] | None:
        return self._cache.get((source, src, tgt))

    def request(self, keys: list[Key], first: bool = False) -> None:
        """Search these soon (``first``: before anything already waiting), each once."""
        if self.memory is None:
            return
        fresh = [k for k in dict.fromkeys(keys) if k not in self._cache and k[0].strip()
                 and (self._running is None or self._running[0] != k)]
        rest = [k for k in self._queue if k not in fresh]
        self._queue = fresh + rest if first else rest + fresh
        if self._queue and not self._timer.isActive():
            self._timer.start()

    def _warm(self, src: str, tgt: str) -> None:
        if (src, tgt) in self._warming:
            return
        self._warming.add((src, tgt))
        try:
            small = self.memory.count(include_machine=False) <= SMALL_MEMORY
        except Exception:  # noqa: BLE001
            small = False
        if small:  # a few thousand sentences load in a blink: now, so the first segment shows its matches
            try:
                self.memory.warm(src, tgt)
            except Exception as exc:  # noqa: BLE001
                log.warning("translation memory index not loaded: %s", exc)
            return

        def load() -> None:
            try:
                self.memory.warm(src, tgt)
            except Exception as exc:  # noqa: BLE001 - a broken memory: no suggestions, never a crash
                log.warning("translation memory index not loaded: %s", exc)

        threading.Thread(target=load, name="memory-index", daemon=True).start()

    def step_now(self) -> None:
        """One time-boxed slice at once (the segment just shown is first in the queue): a small memory is
        searched before the segment is drawn; a large one goes on in the background."""
        if self._queue or self._running:
            self._step()

    def _step(self) -> None:
        start = time.perf_counter()
        while time.perf_counter() - start < BUDGET_S:
            if self._running is None:
                if not self._queue:
                    self._timer.stop()
                    return
                key = self._queue[0]
                if not self.memory.fuzzy_ready(key[1], key[2]):  # a large index loads on a thread: come back later
                    self._warm(key[1], key[2])
                    if not self.memory.fuzzy_ready(key[1], key[2]):
                        return
                self._queue.pop(0)
                self._running = (key, self.memory.suggest_steps(key[0], key[1], key[2], LIMIT, MIN_SCORE))
            key, steps = self._running
            try:
                result = next(steps)  # type: ignore[call-overload]
            except StopIteration:
                result = []
            except Exception as exc:  # noqa: BLE001
                log.warning("translation memory suggest failed: %s", exc)
                result = []
            if result is not None:
                self._running = None
                self._cache[key] = [(m.source, m.target, float(m.score)) for m in result]
                self.ready.emit(key[0])

    def stored(self, source: str, target: str, src: str, tgt: str) -> None:
        """A person's translation was stored: put it into every cached list it belongs to (both directions)."""
        for (query, s, t), entries in self._cache.items():
            if (s, t) == (src, tgt):
                self._add(entries, query, source, target, replace=True)
            elif (s, t) == (tgt, src):
                self._add(entries, query, target, source, replace=False)

    @staticmethod
    def _add(entries: list[Entry], query: str, source: str, target: str, replace: bool) -> None:
        norm = normalise(source)
        score = fuzz.ratio(normalise(query), norm, score_cutoff=MIN_SCORE)
        same = [e for e in entries if normalise(e[0]) == norm]
        if not score or (same and not replace):
            return
        entries[:] = [e for e in entries if normalise(e[0]) != norm]
        entries.append((source, target, float(score)))
        entries.sort(key=lambda e: -e[2])  # stable: an earlier entry with the same score stays first
        del entries[LIMIT:]
