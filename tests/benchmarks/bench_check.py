"""``slaworkbench check`` as a whole process on the realistic demo workspace
(``realistic.py``: 100k tickets unless ``--tickets=N``, or ``--database=PATH``), against
its own first step alone in the same run: ``PRAGMA integrity_check`` of the same file
through the same ``sqlite3`` library, which no check can skip. The same number of runs
(``--runs=N``, default 3, taken in turn) and the same statistic (median wall time; peak
RSS the largest of the runs) for both.

``check`` may repair what it finds and recomputes the open tickets, so every run of both
gets a fresh copy of the workspace (made with SQLite's backup, not timed) in a temporary
folder (``--folder=DIR`` elsewhere: a million tickets needs ~2.5 GB free there).

Usage: ``make bench BENCH_ARGS="bench_check --tickets=1000000"``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.benchmarks.realistic import (
    Run,
    fresh_copy,
    in_turn,
    load,
    option,
    realistic_workspace,
    run_process,
    show_medians,
)

PEER = (
    "import sqlite3, sys\n"
    "found = sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchall()\n"
    "sys.exit(0 if found == [('ok',)] else 1)\n"
)


def main(argv: list[str]) -> int:
    database = realistic_workspace(argv)
    runs = int(option(argv, "runs") or 3)
    size = database.stat().st_size
    print(f"workspace {database} ({size / 1e6:,.1f} MB); {load()}", flush=True)
    with tempfile.TemporaryDirectory(dir=option(argv, "folder")) as folder:
        copy = Path(folder) / "check.sqlite3"
        ours = [sys.executable, "-m", "slaworkbench", "check", "--database", str(copy)]
        peer_argv = [sys.executable, "-c", PEER, str(copy)]

        def on_a_fresh_copy(argv: list[str]) -> Run:
            fresh_copy(database, copy)
            return run_process(argv)

        peer, timed = in_turn(
            runs, lambda: on_a_fresh_copy(peer_argv), lambda: on_a_fresh_copy(ours)
        )
        show_medians(
            f"median of {runs} runs each, a fresh copy for every run",
            ("PRAGMA integrity_check alone (peer)", peer),
            ("slaworkbench check", timed),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
