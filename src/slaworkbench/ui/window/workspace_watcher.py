"""Notices when another window or process changed the workspace, so views refresh.

Every ``interval_ms`` it reads the workspace's data version (SQLite's
``PRAGMA data_version``, or the change counter on PostgreSQL) through the task runner,
and announces ``Changes(external=True)`` on the change notice when it moved. A change
this window announced itself is not another's: the watcher then takes the version as it
is now, as it does when any write of this window finishes (``own_write_finished``, also
for a write that announces nothing, such as the escalation plan's refresh). While a
write of this window is still under way (``TaskRunner.writing()``), a moved version is
taken as the new baseline without announcing it, since the write's own announcement
follows. One poll is in flight at a time; polling stops while the window is hidden
(``set_active(False)``).

On a team server the change listener (``change_listener.py``) calls ``poll`` the moment
another desktop commits, so the timer is only the fallback. A poll that finds the server
gone emits ``reachable(False)`` (the window shows its banner) and the timer keeps
retrying; the first poll that reaches it again emits ``reachable(True)`` and announces
``Changes(external=True)``, since anything may have changed meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from slaworkbench.app.changes import Changes
from slaworkbench.store.errors import ServerUnreachableError
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner

DEFAULT_INTERVAL_MS = 2000


class WorkspaceWatcher(QObject):
    reachable = Signal(bool)
    """The workspace's server was found gone (``False``) or back (``True``)."""

    def __init__(
        self,
        runner: TaskRunner,
        read_version: Callable[[], int],
        notice: ChangeNotice,
        *,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._read_version = read_version
        self._last: int | None = None
        self._in_flight = False
        self._rebase = False
        self._unreachable = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._notice = notice
        notice.changed.connect(self._changes_announced)
        runner.own_write_finished.connect(self._rebase_now)

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

    def suspect_unreachable(self) -> None:
        """A task found the server gone: the next poll that reaches it says it is back."""
        self._unreachable = True

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        """This window's own write: take the version as it is now, so it is not
        announced again as another's."""
        if not changes.external:
            self._rebase_now()

    @Slot()
    def _rebase_now(self) -> None:
        """Take the version as it is now as the baseline: what moved it was this
        window's. A poll under way may have read before that write committed and so
        be answered after it (which would make the write look like another's at the
        next poll); its answer is dropped and the version read again."""
        self._last = None
        if self._in_flight:
            self._rebase = True  # the poll under way may have read before the write
        else:
            self.poll()

    @Slot()
    def poll(self) -> None:
        if self._in_flight:
            return
        self._in_flight = True

        def read(context: TaskContext) -> int | None:
            try:
                return self._read_version()
            except ServerUnreachableError:
                return None

        handle = self._runner.submit("Check for changes", read, on_success=self._on_version)
        if self._runner.synchronous and handle.is_done():
            self._on_finished()  # it ran inside submit() (the test runner)
            return
        handle.finished.connect(self._on_finished)

    @Slot()
    def _on_finished(self) -> None:
        self._in_flight = False
        if self._rebase:
            self._rebase = False
            self.poll()

    @Slot(object)
    def _on_version(self, version: object) -> None:
        if version is None:
            if not self._unreachable:
                self._unreachable = True
                self.reachable.emit(False)
            return
        assert isinstance(version, int)
        if self._unreachable:
            self._unreachable = False
            self._last = version
            self.reachable.emit(True)
            self._notice.announce(Changes(external=True))
            return
        if self._rebase:
            return
        if self._runner.writing():
            # The version may have moved by this window's own write, whose success has not
            # been announced yet: that announcement will follow (and rebase the watcher).
            self._last = None
            return
        previous, self._last = self._last, version
        if previous is not None and version != previous:
            self._notice.announce(Changes(external=True))
