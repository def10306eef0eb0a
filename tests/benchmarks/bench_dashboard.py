"""The dashboard's sections for the default period (the last 12 months, UTC days) on the
realistic demo workspace (``realistic.py``: 100k tickets unless ``--tickets=N``, or
``--database=PATH``), against one full scan of ``ticket_clocks`` in the same run.

Cold: the first load in a fresh process (a new interpreter that has imported the
program but run no query: its statement caches and the facts cache are empty), the nine
sections loaded as the dashboard loads them (one task per chart on two threads), timed
inside that process. Warm: the same sections again in that process (a reload after
nothing changed). The peer (one scan of ``ticket_clocks``) and both loads run in turn
``--runs=N`` times (default 5) and each figure is the median of its runs. The file's
pages are in the operating system's cache for all three alike (dropping it is not
possible here). The CPU time of the cold load (both threads) is shown too: on a shared
machine it moves less than the wall time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any


def _loads(database: str, now: int) -> dict[str, Any]:
    """In this (fresh) process: the cold load, then the warm reload, as the dashboard
    loads them; wall and CPU seconds and each section's cold seconds."""
    from sqlalchemy.orm import Session

    from slaworkbench.app.analytics import dashboard as dd
    from slaworkbench.app.analytics.filters import Filters
    from slaworkbench.store.dialect import make_engine

    last = dt.datetime.fromtimestamp(now, dt.UTC).date()
    filters = Filters(last - dt.timedelta(days=364), last)  # the default: 12 months
    engine = make_engine(f"sqlite:///{database}")

    def sections() -> dict[str, float]:
        def timed(section: str) -> tuple[str, float]:
            with Session(engine) as session:
                started = time.perf_counter()
                dd.loader(section, filters, now=now, bucket="week", dimension="team")(session)
                return section, time.perf_counter() - started

        with ThreadPoolExecutor(max_workers=2) as pool:
            return dict(pool.map(timed, dd.SECTIONS))

    cpu, started = time.process_time(), time.perf_counter()
    cold_sections = sections()
    cold, cold_cpu = time.perf_counter() - started, time.process_time() - cpu
    started = time.perf_counter()
    sections()
    warm = time.perf_counter() - started
    engine.dispose()
    return {"cold": cold, "cold_cpu": cold_cpu, "warm": warm, "sections": cold_sections}


def _scan(database: Path) -> float:
    import sqlite3

    with sqlite3.connect(database) as connection:
        started = time.perf_counter()
        connection.execute("SELECT count(*), sum(elapsed) FROM ticket_clocks").fetchone()
        return time.perf_counter() - started


def main(argv: list[str]) -> int:
    import sqlite3

    from slaworkbench.app.analytics import dashboard as dd
    from tests.benchmarks.realistic import demo_now, load, option, realistic_workspace

    if option(argv, "child-now"):  # one fresh process's loads (see ``_loads``)
        print(
            json.dumps(_loads(str(option(argv, "database")), int(option(argv, "child-now") or 0)))
        )
        return 0
    database = realistic_workspace(argv)
    runs = int(option(argv, "runs") or 5)
    with sqlite3.connect(database) as connection:
        now = int(option(argv, "now") or demo_now(connection))
    last = dt.datetime.fromtimestamp(now, dt.UTC).date()
    first = last - dt.timedelta(days=364)
    print(f"workspace {database}, {first} to {last}; {load()}")
    child = [sys.executable, "-m", "tests.benchmarks.bench_dashboard"]
    child += [f"--database={database}", f"--child-now={now}"]
    scans: list[float] = []
    loads: list[dict[str, Any]] = []
    for _ in range(runs):  # in turn, so load changes hit both alike
        scans.append(_scan(database))
        done = subprocess.run(child, check=True, capture_output=True, text=True, env=os.environ)
        loads.append(json.loads(done.stdout.strip().splitlines()[-1]))
    peer = statistics.median(scans)
    print(f"median of {runs} runs each, in turn")
    print(f"{'peer: one scan of ticket_clocks':<40} {peer * 1000:8.0f} ms")
    for label, key in (
        ("dashboard cold, first load in a fresh", "cold"),
        ("dashboard warm reload", "warm"),
    ):
        seconds = statistics.median(run[key] for run in loads)
        print(f"{label:<40} {seconds * 1000:8.0f} ms  ({seconds / peer:5.2f}x peer)")
    cpu = statistics.median(run["cold_cpu"] for run in loads)
    print(f"{'  (cold: CPU of both threads)':<40} {cpu * 1000:8.0f} ms")
    print("cold, per section (median; they overlap on two threads):")
    for section in dd.SECTIONS:
        seconds = statistics.median(run["sections"][section] for run in loads)
        print(f"  {section:>14} {seconds * 1000:8.0f} ms")
    print(f"after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
