"""Python's cyclic garbage collector paused while a bulk job builds millions of objects.

An import or a re-baseline makes a tuple, list or string per cell, event and clock row:
none of them is part of a reference cycle, yet each few hundred new containers set off a
collection that walks the young ones again, and a full one now and then walks them all
(issue 16: about 40 % of reading and mapping a CSV). Reference counting frees them as
usual; only the search for cycles waits until the job ends, and then runs once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0
_was_enabled = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic collection inside (nested or from several threads: the collector runs
    again when the last one leaves, if it was running when the first one entered)."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
