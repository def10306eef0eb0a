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
possible here). The CPU time of each load (both threads) is shown too, against the
scan's own CPU time: on a shared machine it moves less than the wall time.

The tab also loads two panels beside the nine charts, the OLA per team and agent and
"who held the clock" (SLA holders, by resolution): they are timed the same way, cold
right after the charts' cold load and warm after the charts' warm reload, and shown on
their own lines (the charts' figures stay comparable with the earlier ones);
``--charts-only=yes`` leaves them out (at a million tickets they take a minute a load).
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


def _loads(database: str, now: int, panels: tuple[str, ...]) -> dict[str, Any]:
    """In this (fresh) process: the cold load, then the warm reload, as the dashboard
    loads them; wall and CPU seconds and each section's cold seconds."""
    from sqlalchemy.orm import Session

    from slaworkbench.app.analytics import dashboard as dd
    from slaworkbench.app.analytics.filters import Filters
    from slaworkbench.store.dialect import make_engine

    last = dt.datetime.fromtimestamp(now, dt.UTC).date()
    filters = Filters(last - dt.timedelta(days=364), last)  # the default: 12 months
    engine = make_engine(f"sqlite:///{database}")

    def sections(names: tuple[str, ...]) -> dict[str, float]:
        def timed(section: str) -> tuple[str, float]:
            with Session(engine) as session:
                started = time.perf_counter()
                if section in dd.PANELS:
                    dd.panel_loader(section)(session, filters)
                else:
                    dd.loader(section, filters, now=now, bucket="week", dimension="team")(session)
                return section, time.perf_counter() - started

        with ThreadPoolExecutor(max_workers=2) as pool:
            return dict(pool.map(timed, names))

    out: dict[str, Any] = {"sections": {}, "warm_sections": {}}
    for key, names in (("", dd.SECTIONS), ("panels_", panels)):
        cpu, started = time.process_time(), time.perf_counter()
        out["sections"].update(sections(names))
        out[f"{key}cold"] = time.perf_counter() - started
        out[f"{key}cold_cpu"] = time.process_time() - cpu
    for key, names in (("", dd.SECTIONS), ("panels_", panels)):
        cpu, started = time.process_time(), time.perf_counter()
        out["warm_sections"].update(sections(names))
        out[f"{key}warm"] = time.perf_counter() - started
        out[f"{key}warm_cpu"] = time.process_time() - cpu
    engine.dispose()
    return out


def _scan(database: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one full scan of ``ticket_clocks``."""
    import sqlite3

    with sqlite3.connect(database) as connection:
        cpu, started = time.process_time(), time.perf_counter()
        connection.execute("SELECT count(*), sum(elapsed) FROM ticket_clocks").fetchone()
        return time.perf_counter() - started, time.process_time() - cpu


def main(argv: list[str]) -> int:
    import sqlite3

    from slaworkbench.app.analytics import dashboard as dd
    from tests.benchmarks.realistic import demo_now, load, option, realistic_workspace

    if option(argv, "child-now"):  # one fresh process's loads (see ``_loads``)
        print(
            json.dumps(
                _loads(
                    str(option(argv, "database")),
                    int(option(argv, "child-now") or 0),
                    () if option(argv, "charts-only") else dd.PANELS,
                )
            )
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
    if option(argv, "charts-only"):  # at 1M the panels take a minute per load
        child.append("--charts-only=yes")
    scans: list[float] = []
    cpus: list[float] = []
    loads: list[dict[str, Any]] = []
    for _ in range(runs):  # in turn, so load changes hit both alike
        wall, cpu = _scan(database)
        scans.append(wall)
        cpus.append(cpu)
        done = subprocess.run(child, check=True, capture_output=True, text=True, env=os.environ)
        loads.append(json.loads(done.stdout.strip().splitlines()[-1]))
    peer = statistics.median(scans)
    peer_cpu = statistics.median(cpus)
    print(f"median of {runs} runs each, in turn")
    peer_label = "peer: one scan of ticket_clocks"
    print(f"{peer_label:<40} {peer * 1000:8.0f} ms  CPU {peer_cpu * 1000:6.0f} ms")
    for label, key in (
        ("charts cold, first load in a fresh", "cold"),
        ("charts warm reload", "warm"),
        ("OLA + SLA holders panels cold, next", "panels_cold"),
        ("OLA + SLA holders panels warm reload", "panels_warm"),
    )[: 2 if option(argv, "charts-only") else 4]:
        seconds = statistics.median(run[key] for run in loads)
        cpu = statistics.median(run[f"{key}_cpu"] for run in loads)
        print(
            f"{label:<40} {seconds * 1000:8.0f} ms  ({seconds / peer:5.2f}x peer)"
            f"  CPU {cpu * 1000:6.0f} ms ({cpu / peer_cpu:5.2f}x peer's CPU)"
        )
    print("per section (median; they overlap on two threads):  cold      warm")
    panels = [name for name in loads[0]["sections"] if name not in dd.SECTIONS]
    for section in (*dd.SECTIONS, *panels):
        cold = statistics.median(run["sections"][section] for run in loads)
        warm = statistics.median(run["warm_sections"][section] for run in loads)
        print(f"  {section:>14} {cold * 1000:8.0f} ms {warm * 1000:8.0f} ms")
    print(f"after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
