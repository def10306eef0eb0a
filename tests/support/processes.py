"""Whether a process is still running, for the tests that kill a helper's parent."""

from __future__ import annotations

import os
import time
from pathlib import Path


def running(pid: int) -> bool:
    """Whether ``pid`` is a process that has not ended (a zombie has)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not status.exists() or status.read_text().split(")")[-1].split()[0] != "Z"


def gone_within(pid: int, seconds: float = 60.0) -> bool:
    """Wait until ``pid`` has ended, for at most ``seconds`` (its own end is no time
    limit); whether it has."""
    for _ in range(int(seconds * 10)):
        if not running(pid):
            return True
        time.sleep(0.1)
    return not running(pid)
