"""Hears other desktops' commits as they happen (PostgreSQL ``LISTEN``/``NOTIFY``).

``ChangeListener`` follows the workspace's change feed (``app/change_feed.py``) on a
daemon thread of its own — it blocks on the server, so it must not hold a task runner
thread — and emits ``told`` on the GUI thread for every announced commit. The workspace
watcher then reads the version and announces the change. Where the feed cannot listen
(SQLite, or ``listen=False``) no thread is started and the watcher's polling is the only
way changes arrive.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from slaworkbench.app.change_feed import follow_changes
from slaworkbench.store.change_feed import ChangeFeed
from slaworkbench.store.workspace import Workspace


class ChangeListener(QObject):
    told = Signal()
    """Another writer committed (emitted on the GUI thread: a queued connection)."""

    def __init__(self, workspace: Workspace, *, listen: bool, parent: QObject | None = None):
        super().__init__(parent)
        self._feed = ChangeFeed(workspace, listen=listen)
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def listening(self) -> bool:
        return self._feed.listening

    @property
    def connected(self) -> bool:
        """Whether the listening connection is open."""
        return self._feed.connected

    def start(self) -> None:
        if not self._feed.listening or self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._follow, name="slaworkbench-change-feed", daemon=True
        )
        self._thread.start()

    def _follow(self) -> None:
        try:
            follow_changes(self._feed, self._stopped, self.told.emit)
        finally:
            self._feed.close()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        else:
            self._feed.close()
