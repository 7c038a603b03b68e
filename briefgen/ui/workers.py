"""Background operations for the window, in the manner of Anki's ``QueryOp``.

An :class:`Op` runs a plain-Python function on a ``QThreadPool`` thread and reports back through
Qt signals, which Qt delivers on the GUI thread: ``succeeded(result)``, ``failed(exception)``,
``progressed(done, total, message)``. The function receives a core :class:`Progress` (with its
cancel token), so the pipeline never learns about Qt.

Never touch a widget from ``fn``: only the signal handlers, which run on the GUI thread, may. And a
handler may run after the user closed the window that started the work: pass that window as ``owner``
and the handlers are skipped once it is gone, instead of touching deleted widgets.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from briefgen.errors import Cancelled
from briefgen.progress import CancelToken, Progress


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progressed = Signal(int, int, str)
    finished = Signal()


class Op(QRunnable):
    """One unit of background work; keep a reference until ``finished`` if you need to cancel it."""

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.cancel_token = CancelToken()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def run(self) -> None:  # worker thread: emit signals only
        progress = Progress(callback=lambda *a: self._tell(self.signals.progressed, *a), cancel=self.cancel_token)
        try:
            result = self.fn(progress)
        except Cancelled:
            self._tell(self.signals.cancelled)
        except Exception as exc:  # noqa: BLE001 - reported to the user, never swallowed
            self._tell(self.signals.failed, exc)
        else:
            self._tell(self.signals.succeeded, result)
        finally:
            self._tell(self.signals.finished)

    @staticmethod
    def _tell(signal, *args: Any) -> None:  # noqa: ANN001 - a bound PySide6 signal
        # the application quit while this ran: the signals object is gone and nobody listens
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)


_running: set[Op] = set()


def run_op(
    fn: Callable[[Progress], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
    on_finished: Callable[[], None] | None = None,
    owner: QObject | None = None,
) -> Op:
    """Start ``fn`` on the pool; handlers run on the GUI thread.

    Pass every handler here rather than connecting to ``op.signals`` afterwards: a fast ``fn`` can
    finish before a later ``connect`` runs, and a queued signal emitted before it is lost.
    """
    op = Op(fn)
    for signal, handler in ((op.signals.succeeded, on_success), (op.signals.failed, on_failure),
                            (op.signals.progressed, on_progress), (op.signals.cancelled, on_cancel),
                            (op.signals.finished, on_finished)):
        if handler is not None:
            signal.connect(handler if owner is None else _while_alive(owner, handler))
    _running.add(op)
    op.signals.finished.connect(lambda: _running.discard(op))
    (pool or QThreadPool.globalInstance()).start(op)
    return op


def _while_alive(owner: QObject, handler: Callable[..., None]) -> Callable[..., None]:
    """``handler``, skipped once ``owner`` (the window or dialog that asked for the work) was deleted."""

    def guarded(*args: Any) -> None:
        if isValid(owner):
            handler(*args)

    return guarded
