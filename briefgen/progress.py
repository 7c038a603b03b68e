"""Progress reporting and cancellation for long work, free of any GUI toolkit.

Like napari's progress objects, these know nothing of Qt: the pipeline calls
``progress.step(...)`` between units of work and checks ``cancel.raise_if_cancelled()``; the GUI
adapts them to signals on its side (see ``briefgen.ui.workers``), the CLI ignores them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from briefgen.errors import Cancelled


class CancelToken:
    """A thread-safe flag the GUI sets and workers poll between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


ProgressCallback = Callable[[int, int, str], None]


@dataclass
class Progress:
    """Counts steps of a known total and forwards them to an optional callback."""

    total: int = 0
    callback: ProgressCallback | None = None
    cancel: CancelToken = field(default_factory=CancelToken)
    done: int = 0

    def step(self, message: str = "", amount: int = 1) -> None:
        """Advance, report, then honour a pending cancel (so a cancel lands between steps)."""
        self.done += amount
        if self.callback is not None:
            self.callback(self.done, self.total, message)
        self.cancel.raise_if_cancelled()

    def grow(self, extra: int) -> None:
        """Add work discovered on the way (a folder turned out to hold more files)."""
        self.total += extra
