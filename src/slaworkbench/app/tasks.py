"""The one module that knows about threads.

Background work runs on a ``QThreadPool``: a general pool for reads and computation,
and a one-thread pool for writes so writers never race. A task is a plain function
``fn(context) -> result``; it reports progress and polls cancellation through its
``TaskContext`` and never touches widgets or models. Its result, its progress and its
failure reach the GUI thread as signals of the ``TaskHandle`` returned by ``submit``.

Tests use ``TaskRunner(synchronous=True)``: tasks run at once on the calling thread and
emit the same signals, so threaded code is deterministic.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from slaworkbench.i18n import tr

log = logging.getLogger(__name__)


class TaskCancelled(Exception):
    """Raised inside a task (by ``TaskContext.check_cancelled``) to stop it early."""


class UserFacingError(Exception):
    """An error whose text is already a sentence a support lead understands."""


class TaskContext:
    """What a running task may use: progress reports and the cancel flag."""

    def __init__(self, handle: TaskHandle) -> None:
        self._handle = handle
        self._last_emit = 0.0

    @property
    def cancelled(self) -> bool:
        return self._handle.is_cancelled()

    def check_cancelled(self) -> None:
        if self.cancelled:
            raise TaskCancelled()

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report progress; throttled to ~20 signals a second so the GUI stays calm."""
        now = time.monotonic()
        if done < total and now - self._last_emit < 0.05:
            return
        self._last_emit = now
        self._handle._raw_progress.emit(int(done), int(total), text)


class TaskHandle(QObject):
    """The GUI thread's view of one task; its public signals are emitted on the GUI thread.

    Workers emit the private ``_raw_*`` signals; because the handle lives on the GUI
    thread, those reach its slots there (queued), and the slots re-emit the public
    signals. So even a lambda connected to ``succeeded`` runs on the GUI thread.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    _raw_progress = Signal(int, int, str)
    _raw_success = Signal(object)
    _raw_failure = Signal(str)
    _raw_cancelled = Signal()
    _raw_finished = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._cancel = threading.Event()
        self._done = threading.Event()
        self._raw_progress.connect(self._on_progress)
        self._raw_success.connect(self._on_success)
        self._raw_failure.connect(self._on_failure)
        self._raw_cancelled.connect(self._on_cancelled)
        self._raw_finished.connect(self._on_finished)

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the task's function returned (for shutdown and tests)."""
        return self._done.wait(timeout)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        self.succeeded.emit(result)

    @Slot(str)
    def _on_failure(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        self.cancelled.emit()

    @Slot()
    def _on_finished(self) -> None:
        self.finished.emit()


def describe_failure(name: str, error: BaseException) -> str:
    """One sentence for the user; the traceback goes to the log only."""
    if isinstance(error, UserFacingError | ValueError | LookupError | PermissionError):
        return str(error)
    return tr("{task} failed: {error}. The details are in the log file.").format(
        task=name, error=error.__class__.__name__ + (f" ({error})" if str(error) else "")
    )


def _execute(handle: TaskHandle, fn: Callable[[TaskContext], Any]) -> None:
    context = TaskContext(handle)
    try:
        result = fn(context)
    except TaskCancelled:
        handle._raw_cancelled.emit()
    except Exception as error:  # every failure becomes a sentence, never a crash
        log.error("Task %r failed:\n%s", handle.name, traceback.format_exc())
        handle._raw_failure.emit(describe_failure(handle.name, error))
    else:
        if handle.is_cancelled():
            handle._raw_cancelled.emit()
        else:
            handle._raw_success.emit(result)
    finally:
        handle._done.set()
        handle._raw_finished.emit()


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[[TaskContext], Any]) -> None:
        super().__init__()
        self._handle = handle
        self._fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:
        _execute(self._handle, self._fn)


class TaskRunner(QObject):
    """Submits tasks to the general pool or the single writer pool."""

    activity_changed = Signal(int)
    """Number of tasks not yet finished (for a status-bar indicator)."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._general = QThreadPool(self)
        self._general.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._active: set[TaskHandle] = set()

    def submit(
        self,
        name: str,
        fn: Callable[[TaskContext], Any],
        *,
        writer: bool = False,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> TaskHandle:
        """Run ``fn(context)`` in the background; callbacks run on the GUI thread."""
        handle = TaskHandle(name, self)
        if on_success is not None:
            handle.succeeded.connect(on_success)
        if on_failure is not None:
            handle.failed.connect(on_failure)
        if on_progress is not None:
            handle.progressed.connect(on_progress)
        handle.finished.connect(self._forget_finished)
        self._active.add(handle)
        self.activity_changed.emit(len(self._active))
        if self.synchronous:
            _execute(handle, fn)
        else:
            (self._writer if writer else self._general).start(_Runnable(handle, fn))
        return handle

    def active(self) -> list[TaskHandle]:
        return list(self._active)

    @Slot()
    def _forget_finished(self) -> None:
        handle = self.sender()
        if isinstance(handle, TaskHandle) and handle in self._active:
            self._active.discard(handle)
            self.activity_changed.emit(len(self._active))
            handle.deleteLater()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything, then wait for the pools; True when all stopped in time."""
        for handle in list(self._active):
            handle.cancel()
        general_done = self._general.waitForDone(timeout_ms)
        writer_done = self._writer.waitForDone(timeout_ms)
        return bool(general_done and writer_done)
