"""The one module that knows about threads.

Background work runs on a ``QThreadPool``: a general pool for reads and computation,
and a one-thread pool for writes so writers never race. A task is a plain function
``fn(context) -> result``; it reports progress and polls cancellation through its
``TaskContext`` and never touches widgets or models. Its result, its progress and its
failure reach the GUI thread as signals of the ``TaskHandle`` returned by ``submit``.

Tests use ``TaskRunner(synchronous=True)``: tasks run at once on the calling thread and
emit the same signals, so threaded code is deterministic.

Threads share one interpreter lock (the GIL), and two of its habits would stop the window
while a worker computes:

- the cycle collector holds the lock for a whole collection, and a full collection
  scans every container object in the process: the modules, classes and functions
  loaded at startup alone are ~180,000 of them (100-500 ms). Whichever thread's
  allocation sets one off, every other thread waits. So the first threaded runner
  (created before the window shows) collects once and moves what is alive out of the
  collector's sight (``gc.freeze``): later collections scan only what the program made
  since, and stay short;
- a thread waiting for the lock gets it once the holder has run for the switch interval
  (5 ms by default). The GUI thread takes the lock anew for every call Qt makes into
  Python (a model's ``data()``, a slot, an event filter) and lets it go around Qt calls
  that may wait, so a click handled while a worker computes waited up to that long
  dozens of times; a 1 ms interval keeps those waits small at no cost a worker notices.
"""

from __future__ import annotations

import gc
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError

log = logging.getLogger(__name__)


class TaskCancelled(Exception):
    """Raised inside a task (by ``TaskContext.check_cancelled``) to stop it early."""


class UserFacingError(Exception):
    """An error whose text is already a sentence a support lead understands."""


class _Relay(QObject):
    """Carries a task's reports from worker threads to the GUI thread.

    One relay lives as long as its runner, on the GUI thread. Workers only ever touch
    the relay and a ``threading.Event``, never a ``TaskHandle``: so every handle is
    created, signalled and destroyed on the GUI thread.
    """

    progress = Signal(int, int, int, str)
    success = Signal(int, object)
    failure = Signal(int, str)
    was_cancelled = Signal(int)
    done = Signal(int)


class TaskContext:
    """What a running task may use: progress reports and the cancel flag."""

    def __init__(self, task_id: int, cancel: threading.Event, relay: _Relay) -> None:
        self._task_id = task_id
        self._cancel = cancel
        self._relay = relay
        self._last_emit = 0.0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self.cancelled:
            raise TaskCancelled()

    def progress(self, done: int, total: int, text: str = "") -> None:
        """Report progress; throttled to ~20 signals a second so the GUI stays calm."""
        now = time.monotonic()
        if done < total and now - self._last_emit < 0.05:
            return
        self._last_emit = now
        self._relay.progress.emit(self._task_id, int(done), int(total), text)


class TaskHandle(QObject):
    """The GUI thread's view of one task; its signals are emitted on the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, name: str, cancel: threading.Event, done: threading.Event) -> None:
        super().__init__()
        self.name = name
        self._cancel = cancel
        self._done = done

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def is_done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the task's function returned (for shutdown and tests)."""
        return self._done.wait(timeout)


def describe_failure(name: str, error: BaseException) -> str:
    """One sentence for the user; the traceback goes to the log only."""
    if isinstance(error, UserFacingError | StoreError | ValueError | LookupError | PermissionError):
        return str(error)
    return tr("{task} failed: {error}. The details are in the log file.").format(
        task=name, error=error.__class__.__name__ + (f" ({error})" if str(error) else "")
    )


def _execute(
    task_id: int,
    name: str,
    fn: Callable[[TaskContext], Any],
    cancel: threading.Event,
    done: threading.Event,
    relay: _Relay,
) -> None:
    context = TaskContext(task_id, cancel, relay)
    try:
        result = fn(context)
    except TaskCancelled:
        relay.was_cancelled.emit(task_id)
    except Exception as error:  # every failure becomes a sentence, never a crash
        log.error("Task %r failed:\n%s", name, traceback.format_exc())
        relay.failure.emit(task_id, describe_failure(name, error))
    else:
        if cancel.is_set():
            relay.was_cancelled.emit(task_id)
        else:
            relay.success.emit(task_id, result)
    finally:
        done.set()
        relay.done.emit(task_id)


class _Runnable(QRunnable):
    def __init__(self, job: tuple[Any, ...]) -> None:
        super().__init__()
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        job, self._job = self._job, ()
        _execute(*job)


SWITCH_INTERVAL = 0.001
"""Seconds a thread holds the interpreter lock before one that waits for it gets it."""


def _share_the_lock_with_the_window() -> None:
    """Once a process, when it starts threads: keep the objects alive at startup out of
    every later collection and shorten the lock's switch interval (module docstring)."""
    if gc.get_freeze_count() == 0:
        gc.collect()  # garbage frozen now would never be freed: only what is alive
        gc.freeze()
        sys.setswitchinterval(SWITCH_INTERVAL)


class TaskRunner(QObject):
    """Submits tasks to the general pool or the single writer pool."""

    activity_changed = Signal(int)
    """Number of tasks not yet finished (for a status-bar indicator)."""
    own_write_finished = Signal()
    """A write counted in ``writing()`` finished (after its callbacks), whatever it
    announced: what it committed is this window's, never another's."""

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._general = QThreadPool(self)
        self._general.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.progress.connect(self._on_progress)
        self._relay.success.connect(self._on_success)
        self._relay.failure.connect(self._on_failure)
        self._relay.was_cancelled.connect(self._on_cancelled)
        self._relay.done.connect(self._on_done)
        self._handles: dict[int, TaskHandle] = {}
        self._writes: set[int] = set()
        self._next_id = 0
        if not synchronous:
            _share_the_lock_with_the_window()

    def submit(
        self,
        name: str,
        fn: Callable[[TaskContext], Any],
        *,
        writer: bool = False,
        announced: bool = True,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        owner: QObject | None = None,
    ) -> TaskHandle:
        """Run ``fn(context)`` in the background; callbacks run on the GUI thread.

        With an ``owner`` (the widget that shows the result), the task is cancelled and
        its callbacks dropped when the owner is destroyed, so a result never reaches a
        deleted widget. A ``writer`` task counts in ``writing()`` (the workspace watcher
        then waits for its announcement) unless ``announced=False``: a write of derived
        bookkeeping that moves no change counter and announces nothing.
        """
        self._next_id += 1
        task_id = self._next_id
        cancel, done = threading.Event(), threading.Event()
        handle = TaskHandle(name, cancel, done)
        if on_success is not None:
            handle.succeeded.connect(on_success)
        if on_failure is not None:
            handle.failed.connect(on_failure)
        if on_progress is not None:
            handle.progressed.connect(on_progress)
        self._handles[task_id] = handle
        if writer and announced:
            self._writes.add(task_id)
        if owner is not None:
            owner.destroyed.connect(lambda *_: self._orphan(task_id))
        self.activity_changed.emit(len(self._handles))
        job = (task_id, name, fn, cancel, done, self._relay)
        if self.synchronous:
            _execute(*job)
        else:
            (self._writer if writer else self._general).start(_Runnable(job))
        return handle

    def active(self) -> list[TaskHandle]:
        return list(self._handles.values())

    def writing(self) -> bool:
        """Whether a write of this window has not finished yet, as seen from the GUI
        thread (its success callbacks, which announce what it changed, not yet all run)."""
        return bool(self._writes)

    def _orphan(self, task_id: int) -> None:
        """The owner is gone: cancel the task and deliver nothing more of it."""
        handle = self._handles.pop(task_id, None)
        self._writes.discard(task_id)
        if handle is not None:
            handle.cancel()
            self.activity_changed.emit(len(self._handles))

    @Slot(int, int, int, str)
    def _on_progress(self, task_id: int, done: int, total: int, text: str) -> None:
        handle = self._handles.get(task_id)
        if handle is not None:
            handle.progressed.emit(done, total, text)

    @Slot(int, object)
    def _on_success(self, task_id: int, result: object) -> None:
        handle = self._handles.get(task_id)
        if handle is not None:
            handle.succeeded.emit(result)

    @Slot(int, str)
    def _on_failure(self, task_id: int, message: str) -> None:
        handle = self._handles.get(task_id)
        if handle is not None:
            handle.failed.emit(message)

    @Slot(int)
    def _on_cancelled(self, task_id: int) -> None:
        handle = self._handles.get(task_id)
        if handle is not None:
            handle.cancelled.emit()

    @Slot(int)
    def _on_done(self, task_id: int) -> None:
        was_write = task_id in self._writes
        self._writes.discard(task_id)
        handle = self._handles.pop(task_id, None)
        if handle is not None:
            handle.finished.emit()
            self.activity_changed.emit(len(self._handles))
        if was_write:
            self.own_write_finished.emit()

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel everything, then wait for the pools; True when all stopped in time."""
        for handle in list(self._handles.values()):
            handle.cancel()
        general_done = self._general.waitForDone(timeout_ms)
        writer_done = self._writer.waitForDone(timeout_ms)
        # Reports still queued for the GUI thread are dropped: the window is going away.
        self._handles.clear()
        return bool(general_done and writer_done)
