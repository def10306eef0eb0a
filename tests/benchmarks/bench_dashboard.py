"""The dashboard's sections for the default period (the last 12 months, UTC days) on the
realistic demo workspace (``realistic.py``: 100k tickets unless ``--tickets=N``, or
``--database=PATH``), against one full scan of ``ticket_clocks`` in the same run.

Cold: the facts cache emptied and a new engine, the nine sections loaded as the
dashboard loads them (one task per chart on two threads). Warm: the same again without
emptying the cache (a reload after nothing changed). The peer and both loads run in turn
``--runs=N`` times (default 5) and each figure is the median of its runs. The file's
pages are in the operating system's cache for all three alike.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def main(argv: list[str]) -> int:
    import sqlite3

    from sqlalchemy import Engine, text
    from sqlalchemy.orm import Session

    from slaworkbench.app.analytics import dashboard as dd
    from slaworkbench.app.analytics.filters import Filters
    from slaworkbench.store.analytics.facts import clear_cache
    from slaworkbench.store.dialect import make_engine
    from tests.benchmarks.realistic import demo_now, load, option, realistic_workspace

    database = realistic_workspace(argv)
    runs = int(option(argv, "runs") or 5)
    with sqlite3.connect(database) as connection:
        now = int(option(argv, "now") or demo_now(connection))
    last = dt.datetime.fromtimestamp(now, dt.UTC).date()
    filters = Filters(last - dt.timedelta(days=364), last)  # the default: 12 months
    print(f"workspace {database}, {filters.date_from} to {filters.date_to}; {load()}")

    def sections(engine: Engine) -> dict[str, float]:
        def timed(section: str) -> tuple[str, float]:
            with Session(engine) as session:
                started = time.perf_counter()
                dd.loader(section, filters, now=now, bucket="week", dimension="team")(session)
                return section, time.perf_counter() - started

        with ThreadPoolExecutor(max_workers=2) as pool:
            return dict(pool.map(timed, dd.SECTIONS))

    def wall(work: Callable[[], Any]) -> tuple[float, Any]:
        started = time.perf_counter()
        result = work()
        return time.perf_counter() - started, result

    engine = make_engine(f"sqlite:///{database}")
    scans: list[float] = []
    colds: list[float] = []
    warms: list[float] = []
    per_section: list[dict[str, float]] = []
    for _ in range(runs):  # in turn, so load changes hit all three alike
        with engine.connect() as connection:
            seconds, _ = wall(
                lambda c=connection: c.execute(
                    text("SELECT count(*), sum(elapsed) FROM ticket_clocks")
                ).one()
            )
        scans.append(seconds)
        clear_cache()
        engine.dispose()
        engine = make_engine(f"sqlite:///{database}")
        seconds, cold_sections = wall(lambda e=engine: sections(e))
        colds.append(seconds)
        per_section.append(cold_sections)
        seconds, _ = wall(lambda e=engine: sections(e))
        warms.append(seconds)
    engine.dispose()
    peer = statistics.median(scans)
    print(f"median of {runs} runs each, in turn")
    print(f"{'peer: one scan of ticket_clocks':<34} {peer * 1000:8.0f} ms")
    for label, values in (("dashboard cold (2 threads)", colds), ("dashboard warm reload", warms)):
        seconds = statistics.median(values)
        print(f"{label:<34} {seconds * 1000:8.0f} ms  ({seconds / peer:5.2f}x peer)")
    print("cold, per section (median; they overlap on two threads):")
    for section in dd.SECTIONS:
        seconds = statistics.median(run[section] for run in per_section)
        print(f"  {section:>14} {seconds * 1000:8.0f} ms")
    print(f"after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
