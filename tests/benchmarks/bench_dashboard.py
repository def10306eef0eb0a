"""The dashboard's sections timed on N tickets over 12 months (the synthetic workspace of
``tests/support/synthetic_dashboard.py``), sequentially and on two threads."""

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

    n = _parse(argv)
    keep = Path(argv[argv.index("--keep") + 1]) if "--keep" in argv else None
    now = 1_767_225_600  # 2026-01-01T00:00:00Z
    filters = Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
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
            started = time.perf_counter()
            session.execute(text("SELECT count(*), sum(elapsed) FROM ticket_clocks")).one()
            peer = time.perf_counter() - started
        print(f"peer: one full scan of ticket_clocks {peer * 1000:8.0f} ms")

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
            if cold:
                clear_cache()
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=2) as pool:
                list(pool.map(timed, dd.SECTIONS))
            wall = time.perf_counter() - started
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
