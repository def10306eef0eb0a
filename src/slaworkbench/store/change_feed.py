"""The change feed: how a desktop learns that another desktop or process wrote.

Every write transaction bumps a counter (``change_feed``, migration 0011; SQLite files
use ``PRAGMA data_version`` instead, which needs no write) and, on PostgreSQL, sends a
``NOTIFY`` in the same transaction (``store/dialect.py``). ``ChangeFeed`` gives the two
halves to its reader: ``version()``, a number that moves with every commit, and
``wait(timeout_s)``, which returns early when the server says something was committed
(and otherwise sleeps out the timeout, so a caller polling ``version()`` after it polls at
that pace). ``listen=False`` forces polling (the fallback, also used where there is no
``LISTEN``).
"""

from __future__ import annotations

import threading

from slaworkbench.store import dialect
from slaworkbench.store.workspace import Workspace


class ChangeFeed:
    def __init__(self, workspace: Workspace, *, listen: bool = True) -> None:
        self._workspace = workspace
        self._listener = dialect.open_change_listener(workspace.engine) if listen else None
        self._closed = threading.Event()

    @property
    def listening(self) -> bool:
        """Whether ``wait`` hears commits as they happen (otherwise it only sleeps)."""
        return self._listener is not None

    @property
    def connected(self) -> bool:
        """Whether commits made from now on will be heard (the listening connection is
        open)."""
        return self._listener is not None and self._listener.connected

    def version(self) -> int:
        """A number that moves whenever anyone commits a write."""
        return self._workspace.data_version()

    def wait(self, timeout_s: float) -> bool:
        """Block up to ``timeout_s`` seconds; whether a commit was announced meanwhile."""
        if self._listener is None:
            self._closed.wait(timeout_s)
            return False
        return self._listener.wait(timeout_s)

    def close(self) -> None:
        """Stop listening (call from the thread that waits, or after it stopped)."""
        self._closed.set()
        if self._listener is not None:
            self._listener.close()
