"""Runs the background recompute of SLA clocks and shows it in the status bar.

It listens to the window's change notice: a change of ``policies`` or ``calendars``
requests a recompute, as do start-up (when policy versions changed since the last
recompute) and the Tools menu through ``request()``. When a recompute finishes it
announces ``Changes(clocks=True)`` on the notice, so every screen reloads once. The
recompute runs on the single writer thread; a request while one runs cancels it and
starts again once it stopped, so the newest versions always win and no two recomputes
ever overlap. A cancelled recompute keeps every finished chunk (each ticket has its old
or its new clocks, never a mix).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from slaworkbench.app.changes import Changes
from slaworkbench.app.recompute.run import recompute
from slaworkbench.i18n import tr
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskHandle, TaskRunner
from slaworkbench.ui.window.task_progress import TaskProgressWidget


class RecomputeController(QObject):
    finished = Signal(object)
    """The recompute's result (after ``Changes(clocks=True)`` was announced)."""
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        workspace: Workspace,
        notice: ChangeNotice,
        *,
        progress_widget: TaskProgressWidget | None = None,
        clock: Callable[[], int] | None = None,
        chunk_size: int = 5000,
        author: Callable[[], str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._author = author
        """Who a recompute or re-baseline is recorded as (the "Working as" agent)."""
        self._chunk_size = chunk_size
        self._runner = runner
        self._workspace = workspace
        self._progress_widget = progress_widget
        self._clock = clock
        self._handle: TaskHandle | None = None
        self._pending: bool | None = None  # the only_open flag of a queued request
        self._reason: str | None = None
        self._notice = notice
        notice.changed.connect(self._changes_announced)

    def is_running(self) -> bool:
        return self._handle is not None

    def request(self, *, only_open: bool = True, reason: str | None = None) -> None:
        """Recompute open tickets (or every ticket: a re-baseline, with its reason)."""
        if reason is not None:
            self._reason = reason
        if self._handle is not None:
            # Keep the widest request: a re-baseline includes the open tickets.
            self._pending = (self._pending is not False) and only_open
            self._handle.cancel()
            return
        self._start(only_open)

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        if changes.policies or changes.calendars:
            self.request()

    def cancel(self) -> None:
        self._pending = None
        if self._handle is not None:
            self._handle.cancel()

    def _start(self, only_open: bool) -> None:
        workspace, clock, chunk_size = self._workspace, self._clock, self._chunk_size
        reason, self._reason = (None if only_open else self._reason), None
        author = self._author() if self._author is not None else getpass.getuser()

        def work(context: TaskContext) -> Any:
            return recompute(
                workspace,
                only_open=only_open,
                chunk_size=chunk_size,
                now=clock() if clock is not None else None,
                progress=lambda done, total: context.progress(done, total),
                cancelled=lambda: context.cancelled,
                author=author,
                reason=reason,
            )

        title = tr("Recomputing SLA clocks") if only_open else tr("Re-baselining every ticket")
        handle = self._runner.submit(
            title,
            work,
            writer=True,
            on_success=self._on_success,
            on_failure=self._on_failure,
        )
        if self._runner.synchronous and handle.is_done():
            return  # ran to its end inside submit() (the test runner)
        handle.cancelled.connect(self._on_cancelled)
        handle.finished.connect(self._on_finished)
        self._handle = handle
        if self._progress_widget is not None:
            self._progress_widget.follow(handle, title)

    @Slot(object)
    def _on_success(self, result: object) -> None:
        self._notice.announce(Changes(clocks=True))
        self.finished.emit(result)

    @Slot(str)
    def _on_failure(self, message: str) -> None:
        self.failed.emit(message)

    @Slot()
    def _on_cancelled(self) -> None:
        if self._pending is None:
            self.cancelled.emit()

    @Slot()
    def _on_finished(self) -> None:
        self._handle = None
        if self._pending is not None:
            only_open, self._pending = self._pending, None
            self._start(only_open)
