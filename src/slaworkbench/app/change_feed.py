"""Following the change feed on a thread of its own (Qt-free).

``follow_changes`` blocks on the store's ``ChangeFeed`` until ``stopped`` is set and
calls ``told`` each time the feed says another writer committed (PostgreSQL's
``NOTIFY``). What changed is not said: the caller reads the feed's version and refreshes
what it shows. Where the feed cannot listen there is nothing to follow; the caller polls
``ChangeFeed.version`` instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from slaworkbench.store.change_feed import ChangeFeed

WAIT_S = 0.5
"""How long one wait may block: the longest a stop request waits to be seen."""


def follow_changes(
    feed: ChangeFeed, stopped: threading.Event, told: Callable[[], None], *, wait_s: float = WAIT_S
) -> None:
    while not stopped.is_set():
        if feed.wait(wait_s) and not stopped.is_set():
            told()
