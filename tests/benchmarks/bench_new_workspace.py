"""A new SQLite workspace: ``open_workspace(new path).close()``, made at head in one step
from the shipped schema (``store.head_schema``), against its peer in the same run, the
same call with every migration run instead (what a new file cost before). Interleaved,
the median of ``--runs`` each, after a first open for the imports and Alembic's scripts;
in a temporary folder under ``--dir`` (default ``/tmp``, the disk; ``/dev/shm`` for the
RAM disk the tests use).

Usage: ``python -m tests.benchmarks bench_new_workspace [--runs=N] [--dir=PATH]``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from slaworkbench.store import head_schema
from slaworkbench.store.workspace import open_workspace


def _option(argv: list[str], name: str, default: str) -> str:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return arg.split("=", 1)[1]
    return default


def _timed_open(path: Path) -> float:
    started = time.perf_counter()
    open_workspace(str(path)).close()
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    runs = int(_option(argv, "runs", "3" if "--quick" in argv else "9"))
    shipped: Callable[[], object] = head_schema.shipped_snapshot
    assert shipped() is not None, "no shipped schema: run python -m tools.head_schema"
    at_head: list[float] = []
    migrated: list[float] = []
    with tempfile.TemporaryDirectory(dir=_option(argv, "dir", "/tmp")) as name:
        folder = Path(name)
        open_workspace(str(folder / "warm.sqlite3")).close()
        for run in range(runs):
            at_head.append(_timed_open(folder / f"head{run}.sqlite3"))
            head_schema.shipped_snapshot = lambda: None  # type: ignore[assignment]
            try:
                migrated.append(_timed_open(folder / f"migrated{run}.sqlite3"))
            finally:
                head_schema.shipped_snapshot = shipped  # type: ignore[assignment]
    head, peer = statistics.median(at_head), statistics.median(migrated)
    print(f"new workspace in {folder.parent}, median of {runs} runs each")
    print(f"made at head (shipped schema)   {head * 1000:8.1f} ms")
    print(f"through every migration (peer)  {peer * 1000:8.1f} ms")
    print(f"ratio peer / at head            {peer / head:8.1f}x")
    print(f"load average (1 min)            {os.getloadavg()[0]:8.2f}")
    return 0
