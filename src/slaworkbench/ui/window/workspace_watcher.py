"""Notices when another window or process changed the workspace, so views refresh.

Every ``interval_ms`` it reads the workspace's data version (SQLite's
``PRAGMA data_version``, or the change counter on PostgreSQL) through the task runner,
and emits ``changed`` when it moved. One poll is in flight at a time; polling stops
while the window is hidden (``set_active(False)``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from slaworkbench.ui.tasks import TaskContext, TaskRunner

DEFAULT_INTERVAL_MS = 2000


class WorkspaceWatcher(QObject):
    changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        read_version: Callable[[], int],
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._read_version = read_version
        self._last: int | None = None
        self._in_flight = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.poll()
        self._timer.start()

    def set_active(self, active: bool) -> None:
        if active and not self._timer.isActive():
            self.start()
        elif not active:
            self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def acknowledge(self) -> None:
        """Forget the current version (after this window's own write and refresh)."""
        self._last = None
        self.poll()

    @Slot()
    def poll(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True

        def read(context: TaskContext) -> int:
            return self._read_version()

        handle = self._runner.submit("Check for changes", read, on_success=self._on_version)
        handle.finished.connect(self._on_finished)

    @Slot()
    def _on_finished(self) -> None:
        self._in_flight = False

    @Slot(object)
    def _on_version(self, version: object) -> None:
        assert isinstance(version, int)
        previous, self._last = self._last, version
        if previous is not None and version != previous:
            self.changed.emit()
