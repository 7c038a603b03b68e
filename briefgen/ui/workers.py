"""Background operations for the window, in the manner of Anki's ``QueryOp``.

An :class:`Op` runs a plain-Python function on a ``QThreadPool`` thread and reports back through
Qt signals, which Qt delivers on the GUI thread: ``succeeded(result)``, ``failed(exception)``,
``progressed(done, total, message)``. The function receives a core :class:`Progress` (with its
cancel token), so the pipeline never learns about Qt.

Never touch a widget from ``fn``: only the signal handlers, which run on the GUI thread, may.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

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
        progress = Progress(callback=self.signals.progressed.emit, cancel=self.cancel_token)
        try:
            result = self.fn(progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - reported to the user, never swallowed
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)
        finally:
            self.signals.finished.emit()


_running: set[Op] = set()


def run_op(
    fn: Callable[[Progress], Any],
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
    on_finished: Callable[[], None] | None = None,
) -> Op:
    """Start ``fn`` on the pool; handlers run on the GUI thread.

    Pass every handler here rather than connecting to ``op.signals`` afterwards: a fast ``fn`` can
    finish before a later ``connect`` runs, and a queued signal emitted before it is lost.
    """
    op = Op(fn)
    if on_success:
        op.signals.succeeded.connect(on_success)
    if on_failure:
        op.signals.failed.connect(on_failure)
    if on_progress:
        op.signals.progressed.connect(on_progress)
    if on_cancel:
        op.signals.cancelled.connect(on_cancel)
    if on_finished:
        op.signals.finished.connect(on_finished)
    _running.add(op)
    op.signals.finished.connect(lambda: _running.discard(op))
    (pool or QThreadPool.globalInstance()).start(op)
    return op
