"""A 12-month compliance report over N tickets, built and rendered to PDF.

Usage: ``python -m tests.benchmarks.bench_report [N] [--keep FILE]`` or
``make bench BENCH_ARGS="report --tickets=1000000"``. Default 100,000 tickets; use
1000000 for the scale target; ``--keep FILE`` keeps (and later reuses) the workspace.

The workspace is a real SQLite workspace file filled with synthetic tickets, clocks
(four metrics), survey answers and outages by numpy and bulk inserts (the demo generator
evaluates every event and is far slower to set up). Prints the time of each stage and
the ratio of the figure-gathering time to a peer measured in the same run: one plain
``GROUP BY`` over the same year of clocks.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import insert, text

from slaworkbench.app.analytics.filters import Filters, period_bounds

YEAR_START = dt.date(2025, 1, 1)
YEAR_END = dt.date(2025, 12, 31)
CHUNK = 50_000


def _fill(workspace: object, tickets: int, seed: int = 1) -> int:
    from slaworkbench.store.schema import (
        Agent,
        Customer,
        Outage,
        Service,
        SurveyAnswer,
        Team,
        Ticket,
        TicketClock,
    )

    rng = np.random.default_rng(seed)
    start = int(dt.datetime(2024, 12, 1, tzinfo=dt.UTC).timestamp())
    span = 400 * 86400
    clocks = 0
    with workspace.begin() as connection:  # type: ignore[attr-defined]
        connection.execute(insert(Team), [{"id": i, "name": f"Team {i}"} for i in range(1, 9)])
        connection.execute(
            insert(Agent),
            [{"id": i, "name": f"Agent {i}", "team_id": i % 8 + 1} for i in range(1, 81)],
        )
        connection.execute(
            insert(Customer), [{"id": i, "name": f"Customer {i:03d}"} for i in range(1, 401)]
        )
        # A new workspace already holds the standard policy (version id 1) and calendars.
        connection.execute(
            insert(Service),
            [{"id": i, "name": f"Service {i}", "availability_target": 0.999} for i in range(1, 6)],
        )
        began = start + rng.integers(0, span, 300)
        connection.execute(
            insert(Outage),
            [
                {"service_id": int(s), "started_at": int(b), "ended_at": int(b + d)}
                for s, b, d in zip(
                    rng.integers(1, 6, 300), began, rng.integers(60, 8 * 3600, 300), strict=True
                )
            ],
        )
        priorities = np.array(["urgent", "high", "normal", "low"])
        targets = {
            "first_response": 4 * 3600,
            "next_response": 8 * 3600,
            "periodic_update": 86400,
            "resolution": 3 * 86400,
        }
        for first in range(1, tickets + 1, CHUNK):
            n = min(CHUNK, tickets + 1 - first)
            ids = np.arange(first, first + n)
            created = start + rng.integers(0, span, n)
            connection.execute(
                insert(Ticket),
                [
                    {
                        "id": int(i),
                        "external_id": f"B-{i}",
                        "subject": f"Synthetic ticket {i}",
                        "customer_id": int(c),
                        "team_id": int(t),
                        "assignee_id": int(a),
                        "priority": str(p),
                        "status": "solved",
                        "created_at": int(at),
                        "updated_at": int(at),
                    }
                    for i, c, t, a, p, at in zip(
                        ids,
                        rng.integers(1, 401, n),
                        rng.integers(1, 9, n),
                        rng.integers(1, 81, n),
                        priorities[rng.integers(0, 4, n)],
                        created,
                        strict=True,
                    )
                ],
            )
            rows = []
            for metric, target in targets.items():
                elapsed = rng.gamma(2.0, target / 3.0, n).astype(np.int64)
                stopped = created + elapsed + rng.integers(0, 86400, n)
                running = rng.random(n) < 0.01
                for i, at, e, stop, run in zip(
                    ids, created, elapsed, stopped, running, strict=True
                ):
                    late = e > target
                    rows.append(
                        {
                            "ticket_id": int(i),
                            "metric": metric,
                            "cycle_index": 0,
                            "started_at": int(at),
                            "stopped_at": None if run else int(stop),
                            "state": ("breached" if late else ("running" if run else "achieved")),
                            "target": target,
                            "elapsed": int(e),
                            "remaining": int(target - e),
                            "due_at": int(at + target),
                            "breached_at": int(at + target) if late else None,
                            "policy_version_id": 1,
                            "evaluated_at": int(at),
                        }
                    )
            connection.execute(insert(TicketClock), rows)
            clocks += len(rows)
            answered = rng.random(n) < 0.2
            kinds = rng.random(n) < 0.5
            connection.execute(
                insert(SurveyAnswer),
                [
                    {
                        "ticket_id": int(i),
                        "kind": "csat" if k else "nps",
                        "score": int(rng.integers(1, 6) if k else rng.integers(0, 11)),
                        "answered_at": int(at + 86400),
                    }
                    for i, at, k, yes in zip(ids, created, kinds, answered, strict=True)
                    if yes
                ],
            )
    return clocks


def main(argv: list[str]) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLocale

    pass
    from slaworkbench.reports.builder import ReportOptions, build_report
    from slaworkbench.reports.document import build_document
    from slaworkbench.reports.output import ensure_qt_application
    from slaworkbench.reports.pdf import write_pdf
    from slaworkbench.store.workspace import open_workspace

    numbers = [a.split("=", 1)[1] for a in argv if a.startswith("--tickets=")]
    numbers += [a for a in argv if a.isdigit()]
    tickets = int(numbers[0]) if numbers else 100_000
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    database = Path(keep) if keep else folder / "bench.sqlite3"
    ensure_qt_application()
    reuse = database.exists() and database.stat().st_size > 0
    workspace = open_workspace(str(database))
    if not reuse:
        began = time.perf_counter()
        clocks = _fill(workspace, tickets)
        print(
            f"filled {tickets:,} tickets, {clocks:,} clocks in {time.perf_counter() - began:.1f} s"
        )
    filters = Filters(YEAR_START, YEAR_END)
    with workspace.engine.connect() as connection:
        began = time.perf_counter()
        connection.execute(
            text(
                "SELECT metric, state, COUNT(*) FROM ticket_clocks WHERE stopped_at >= :a "
                "AND stopped_at < :b GROUP BY metric, state"
            ),
            dict(zip("ab", period_bounds(filters), strict=True)),
        ).all()
        peer = time.perf_counter() - began
        began = time.perf_counter()
        connection.execute(text("SELECT count(*), sum(elapsed) FROM ticket_clocks")).one()
        scan = time.perf_counter() - began
    began = time.perf_counter()
    data = build_report(workspace, ReportOptions(filters), workspace="bench")
    gathered = time.perf_counter() - began
    began = time.perf_counter()
    document = build_document(
        data, QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    drawn = time.perf_counter() - began
    began = time.perf_counter()
    pages = write_pdf(document, folder / "report.pdf")
    printed = time.perf_counter() - began
    workspace.close()
    total = gathered + drawn + printed
    stopped = sum(m.stopped for m in data.headline)
    print(f"tickets                   {tickets:>12,}")
    print(f"clocks stopped in 2025    {stopped:>12,}")
    print(f"peer: one GROUP BY        {peer:>11.2f} s")
    print(f"peer: one full scan       {scan:>11.2f} s   (of ticket_clocks, as bench_dashboard)")
    print(
        f"figures (all SQL)         {gathered:>11.2f} s   ({gathered / peer:.1f}x the GROUP BY,"
        f" {gathered / scan:.1f}x the scan)"
    )
    print(f"charts and blocks         {drawn:>11.2f} s")
    print(f"PDF ({pages} pages)          {printed:>11.2f} s")
    print(
        f"total, 12-month report    {total:>11.2f} s   ({total / scan:.1f}x the scan;"
        " target < 10 s)"
    )
    print(f"PDF: {folder / 'report.pdf'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
