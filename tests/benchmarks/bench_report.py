"""``slaworkbench report --format pdf`` for the last 12 months, as a whole process, on the
realistic demo workspace (``realistic.py``: 100k tickets unless ``--tickets=N``, or
``--database=PATH``), against the sqlite3 CLI scanning ``ticket_clocks`` once in the same
run: the same number of runs (``--runs=N``, default 3, taken in turn) and the same
statistic (median wall time; peak RSS is the largest of the runs) for both.

Usage: ``make bench BENCH_ARGS="report --tickets=1000000"``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from tests.benchmarks.realistic import (
    demo_now,
    in_turn,
    installed_env,
    load,
    option,
    realistic_workspace,
    run_process,
    show_medians,
)

PEER_SQL = "SELECT count(*), sum(elapsed) FROM ticket_clocks;"


def main(argv: list[str]) -> int:
    database = realistic_workspace(argv)
    runs = int(option(argv, "runs") or 3)
    cli = shutil.which("sqlite3")
    if cli is None:
        print("no sqlite3 CLI on PATH: the peer cannot run")
        return 1
    with sqlite3.connect(database) as connection:
        now = demo_now(connection)
    last = dt.datetime.fromtimestamp(now, dt.UTC).date()
    first = last - dt.timedelta(days=364)
    print(f"workspace {database}, {first} to {last} (UTC); {load()}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.pdf"
        ours = [sys.executable, "-m", "slaworkbench", "report", "--format", "pdf"]
        ours += ["--from", first.isoformat(), "--to", last.isoformat(), "--out", str(out)]
        ours += ["--database", str(database)]
        env = installed_env(QT_QPA_PLATFORM="offscreen")
        peer, timed = in_turn(
            runs,
            lambda: run_process([cli, "-bail", str(database), PEER_SQL]),
            lambda: run_process(ours, env=env),
        )
        show_medians(
            f"PDF {out.stat().st_size / 1e3:,.0f} kB; median of {runs} runs each",
            ("sqlite3 CLI, one scan (peer)", peer),
            ("report --format pdf, 12 months", timed),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
