"""Whether a process is still running, for the tests that kill a helper's parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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


def ends_with_its_parent(parent_script: str) -> bool:
    """Run ``parent_script`` (Python, started with ``-c``), which starts a helper process
    and prints its pid; kill the parent; whether the helper then ends."""
    parent = subprocess.Popen(
        [sys.executable, "-c", parent_script], stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    helper = int(parent.stdout.readline())
    assert running(helper)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    return gone_within(helper)
