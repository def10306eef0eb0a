"""The dashboard's sections timed on N tickets over 12 months, sequentially and on two
threads, against one full scan of ``ticket_clocks`` in the same run (median of
``--runs=N``, default 3, for both).

The workspace is the realistic demo (issue 16: ``slaworkbench demo``, 8.65 clock rows per
ticket) given as ``--database=PATH --now=N`` (N: the instant the demo was made at, which
``demo`` prints), or else the synthetic workspace of ``tests/support/synthetic_dashboard.py``
(2 clock rows per ticket) of N tickets."""

from __future__ import annotations

from tests.support.synthetic_dashboard import seed


def _parse(argv: list[str]) -> int:
    numbers = [a for a in argv if a.lstrip("-").replace("_", "").isdigit()]
    if numbers:
        return int(numbers[0].lstrip("-").replace("_", ""))
    return 20_000 if "--quick" in argv else 100_000


def main(argv: list[str]) -> int:
    """Time every dashboard section on N tickets over 12 months (``N`` from argv)."""
    import datetime as dt
    import tempfile
    import time
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path

    from sqlalchemy import create_engine, event, text
    from sqlalchemy.orm import Session

    from slaworkbench.app.analytics import dashboard as dd
    from slaworkbench.app.analytics.filters import Filters

    try:
        from slaworkbench.store.analytics.facts import clear_cache
    except ImportError:  # before the one-pass analytics: nothing is cached

        def clear_cache() -> None:
            return None

    import statistics

    from tests.benchmarks.realistic import load, option

    n = _parse(argv)
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    now = 1_767_225_600  # 2026-01-01T00:00:00Z
    filters = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    runs = int(option(argv, "runs") or 3)
    realistic = option(argv, "database")
    if realistic:
        keep = Path(realistic)
        now = int(option(argv, "now") or 0)
        if not now:
            raise SystemExit("--database needs --now=N (the instant its demo was made at)")
        last = dt.datetime.fromtimestamp(now, dt.UTC).date()
        filters = Filters(last - dt.timedelta(days=364), last)  # the default: 12 months
        print(f"realistic workspace {keep}, {filters.date_from} to {filters.date_to}; {load()}")
    with tempfile.TemporaryDirectory() as folder:
        path = keep or Path(folder) / "bench.sqlite3"
        reuse = path.exists() and path.stat().st_size > 0
        engine = create_engine(f"sqlite:///{path}")

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: object, _record: object) -> None:
            cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        if reuse:
            print(f"reusing {path}", flush=True)
        else:
            started = time.perf_counter()
            seed(engine, n, now=now)
            print(f"seeded {n:,} tickets in {time.perf_counter() - started:.1f} s", flush=True)
        with Session(engine) as session:
            if not reuse:
                session.execute(text("ANALYZE"))
            scans = []
            for _ in range(runs):
                started = time.perf_counter()
                session.execute(text("SELECT count(*), sum(elapsed) FROM ticket_clocks")).one()
                scans.append(time.perf_counter() - started)
            peer = statistics.median(scans)
        print(f"peer: one full scan of ticket_clocks {peer * 1000:8.0f} ms (median of {runs})")

        def timed(section: str) -> tuple[str, float]:
            with Session(engine) as session:
                t0 = time.perf_counter()
                dd.loader(section, filters, now=now, bucket="week", dimension="team")(session)
                return section, time.perf_counter() - t0

        clear_cache()
        sequential = [timed(section) for section in dd.SECTIONS]
        total = sum(seconds for _, seconds in sequential)
        for section, seconds in sequential:
            print(f"{section:>14} {seconds * 1000:8.0f} ms  ({seconds / peer:5.1f}x peer)")
        print(f"{'sequential':>14} {total * 1000:8.0f} ms  ({total / peer:5.1f}x peer)")
        for label, cold in (("2 threads", True), ("2 threads warm", False)):
            walls = []
            for _ in range(runs):
                if cold:
                    clear_cache()
                started = time.perf_counter()
                with ThreadPoolExecutor(max_workers=2) as pool:
                    list(pool.map(timed, dd.SECTIONS))
                walls.append(time.perf_counter() - started)
            wall = statistics.median(walls)
            print(
                f"{label:>14} {wall * 1000:8.0f} ms  ({wall / peer:5.1f}x peer)  "
                + (
                    "(as the dashboard loads: one task per chart)"
                    if cold
                    else "(again, same data: the period's clocks come from the cache)"
                )
            )
        engine.dispose()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
