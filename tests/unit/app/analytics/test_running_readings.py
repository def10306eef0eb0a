"""A running clock's stored reading is as of its last change; the report reads it live.

The report's running-clocks list must show, for every clock still running, exactly the
remaining time a fresh evaluation at the report's instant gives (docs/SLA_SEMANTICS.md,
"Stored clocks and their readings"), however long ago the row was written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slaworkbench.app.analytics.clocks import running_clocks
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.model import ClockState, Metric
from slaworkbench.domain.policy import select_policy
from slaworkbench.store.clocks.inputs import read_ticket_inputs
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.workspace import open_workspace

NOW = 1_790_000_000
LATER = NOW + 3 * 86_400 + 5_000


def test_the_report_shows_running_clocks_as_of_its_own_instant(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        generate_demo(ws, tickets=300, seed=9, now=NOW)
        recompute(ws, now=LATER)  # rewrites only what crossed a threshold
        day = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
        filters = Filters(day - dt.timedelta(days=60), day + dt.timedelta(days=5))
        with ws.session() as session:
            listed = running_clocks(session, filters, None, LATER)
        with ws.session() as session:
            policies = load_active_policies(session)
            ids = sorted({row.ticket_id for row in listed.rows})
            fresh = {
                item.ticket_id: evaluate_ticket(
                    item.events, select_policy(policies, item.facts), LATER
                )
                for item in read_ticket_inputs(session, ids)
            }
    finally:
        ws.close()
    live = [r for r in listed.rows if r.stopped_at is None and r.state != "paused" and r.due_at]
    assert len(live) > 10
    for row in live:
        cycles = fresh[row.ticket_id].results[Metric(row.metric)].cycles
        (cycle,) = [c for c in cycles if c.started_at == row.started_at]
        assert cycle.stopped_at is None and cycle.state is not ClockState.PAUSED
        assert (row.remaining, row.elapsed) == (cycle.remaining, cycle.elapsed), row
    remaining = [r.remaining for r in listed.rows]
    assert remaining == sorted(remaining)


def test_the_export_shows_running_clocks_as_of_its_own_instant(tmp_path: Path) -> None:
    import csv

    from slaworkbench.store.importing.export import export_tickets

    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        generate_demo(ws, tickets=200, seed=10, now=NOW)
        recompute(ws, now=LATER)
        out = tmp_path / "out.csv"
        with ws.engine.connect() as connection:
            export_tickets(connection, out, now=LATER)
        with ws.session() as session:
            policies = load_active_policies(session)
            fresh = {
                item.ticket_id: evaluate_ticket(
                    item.events, select_policy(policies, item.facts), LATER
                )
                for item in read_ticket_inputs(session, [t for t in range(1, 201)])
            }
    finally:
        ws.close()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = {int(row["id"]): row for row in csv.DictReader(handle)}
    checked = 0
    for ticket_id, evaluation in fresh.items():
        result = evaluation.results.get(Metric.RESOLUTION)
        worst = result.worst if result is not None else None
        if worst is None or worst.stopped_at is not None or worst.state is ClockState.PAUSED:
            continue
        assert int(rows[ticket_id]["resolution_elapsed_seconds"]) == worst.elapsed
        checked += 1
    assert checked > 5
