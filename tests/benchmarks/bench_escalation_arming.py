"""Arming the breach monitor for the next escalation with 1,000,000 open tickets and
escalation rules on every policy (issue 19).

Usage: ``python -m tests.benchmarks bench_escalation_arming [--tickets=N] [--runs=N]``.

The workspace is **synthetic**, in the real schema (migration 0013): N open tickets
judged by a policy whose current version has escalation rules (every active policy has
them), each with one running resolution clock row and one planned escalation
(``escalation_plan``: a rule still to fire, with its instant), built with SQL ``INSERT
… SELECT`` once under ``/tmp/slaworkbench-bench`` (building the realistic 1M demo takes
~10–45 min on this shared machine). The plan is what the monitor reads, and it has one
row per (ticket, cycle, rule) either way.

Measured, median of ``--runs``, after a change to one ticket (its clocks rewritten, so
its ``evaluated_at`` moves):

- writer thread: ``plan_next`` — refresh the plan for the tickets written since the last
  refresh (one, through ``ix_tickets_evaluated_at``) and read ``MIN(at)``;
- the query alone: ``MIN(at)`` through ``ix_escalation_plan_at``;
- the worker's part of the breach window: the heap of the open tickets due or at risk in
  the next 6 h (the monitor builds it off the GUI thread);
- **GUI thread**: what the monitor does on the GUI thread once the workers answer — swap
  in the breach window's heap, take the next escalation instant, arm its one timer.

Peer in the same run: the same ``MIN(at)`` as a full scan (``NOT INDEXED``) of the plan.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from sqlalchemy import text

from slaworkbench.store.workspace import SCHEMA_REVISION, Workspace, open_workspace

BENCH_DIR = Path(os.environ.get("SLAWORKBENCH_BENCH_DIR", "/tmp/slaworkbench-bench"))
BASE = 1_800_000_000
RULES = [
    {
        "metric": "resolution",
        "level": 1,
        "threshold": "share",
        "value": 75,
        "actions": [{"do": "raise_priority"}, {"do": "notify", "to": "team_lead"}],
    },
    {
        "metric": "resolution",
        "level": 2,
        "threshold": "after_due",
        "value": "2h",
        "actions": [{"do": "notify", "to": "managers"}],
    },
]


def _option(argv: list[str], name: str, default: int) -> int:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return int(arg.split("=", 1)[1])
    return default


def _build(path: Path, tickets: int) -> None:
    from slaworkbench.store.policies.versions import (
        list_policies,
        list_policy_versions,
        save_policy_version,
    )

    ws = open_workspace(str(path))
    try:
        with ws.session(write=True) as session:
            for info in list_policies(session):
                (current, *_older) = list_policy_versions(session, info.id)
                spec = dict(current.spec, name=info.name, escalations=RULES)
                save_policy_version(
                    session,
                    info.id,
                    spec,
                    calendar_name=current.calendar_name,
                    author="bench",
                    expected_version=info.lock_version,
                    now=BASE,
                )
        with ws.begin() as connection:
            version_id, policy_id = connection.execute(
                text(
                    "SELECT current_version_id, id FROM policies WHERE active "
                    "ORDER BY position DESC LIMIT 1"
                )
            ).one()
            params = {"n": tickets, "base": BASE, "version": version_id, "policy": policy_id}
            numbers = (
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :n) "
            )
            connection.execute(
                text(
                    numbers + "INSERT INTO tickets (id, subject, priority, status, created_at, "
                    "updated_at, version, policy_version_id, evaluated_at, next_due_at, "
                    "next_risk_at, sla_state, tags) SELECT i, 'ticket ' || i, 'normal', 'open', "
                    ":base - 3600, :base - 3600, 1, :version, :base - 60, "
                    ":base + (i * 7919) % 2592000, :base + (i * 7919) % 2592000 - 7200, "
                    "'ok', '' FROM n"
                ),
                params,
            )
            connection.execute(
                text(
                    numbers + "INSERT INTO ticket_clocks (ticket_id, metric_code, cycle_index, "
                    "started_at, state_code, target, elapsed, remaining, due_at, at_risk, "
                    "policy_version_id, evaluated_at) SELECT i, 3, 0, :base - 3600, "
                    "0, 28800, 3540, 25260, :base + (i * 7919) % 2592000, 0, :version, "
                    ":base - 60 FROM n"
                ),
                params,
            )
            connection.execute(
                text(
                    numbers + "INSERT INTO escalation_plan (ticket_id, metric, cycle_index, "
                    "policy_id, level, at) SELECT i, 'resolution', 0, :policy, 1, "
                    ":base + (i * 104729) % 2592000 FROM n"
                ),
                params,
            )
            connection.execute(
                text(
                    "INSERT INTO workspace_meta (key, value) VALUES ('escalation_plan_mark', :mark)"
                ),
                {"mark": str(BASE - 59)},  # the steady state: every ticket planned
            )
    finally:
        ws.close()


def _workspace(tickets: int) -> Path:
    path = BENCH_DIR / f"escalations-{tickets}-rev{SCHEMA_REVISION}.sqlite3"
    ready = path.with_suffix(".READY")
    if not ready.exists():
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(path.name + "*"):
            stale.unlink()
        print(f"building the synthetic workspace {path} ...", flush=True)
        started = time.perf_counter()
        _build(path, tickets)
        ready.write_text("ready\n")
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:9.2f} ms (worst {max(samples) * 1000:.2f})"


def _touch(ws: Workspace, ticket_id: int, at: int) -> None:
    """What a clock write leaves behind for the plan: the ticket's summary re-written."""
    with ws.begin() as connection:
        connection.execute(
            text("UPDATE tickets SET evaluated_at = :at WHERE id = :id"),
            {"at": at, "id": ticket_id},
        )
        connection.execute(
            text(
                "UPDATE ticket_clocks SET evaluated_at = :at, elapsed = 3600 WHERE ticket_id = :id"
            ),
            {"at": at, "id": ticket_id},
        )


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from slaworkbench.app.escalations.plan import next_instant, plan_next
    from slaworkbench.app.tickets.breach_schedule import BreachSchedule
    from slaworkbench.store.tickets.alerts import watched_tickets
    from slaworkbench.ui.alerts.breach_monitor import BreachMonitor
    from slaworkbench.ui.changes import ChangeNotice
    from slaworkbench.ui.tasks import TaskRunner

    tickets = _option(argv, "tickets", 1_000_000)
    runs = _option(argv, "runs", 20)
    path = _workspace(tickets)
    app = QApplication.instance() or QApplication([])
    ws = open_workspace(str(path))
    one, five, _ = os.getloadavg()
    print(f"{tickets:,} open tickets, one planned escalation each; load {one:.1f} / {five:.1f}")
    writer: list[float] = []
    query: list[float] = []
    peer: list[float] = []
    gui: list[float] = []
    heap: list[float] = []
    now = BASE
    window = []
    with ws.session() as session:
        window = watched_tickets(session, now, now + 6 * 3600)
    print(f"breach window (next 6 h): {len(window):,} tickets")
    monitor = BreachMonitor(
        TaskRunner(synchronous=True), lambda a, b: window, ChangeNotice(), clock=lambda: now
    )
    try:
        for run in range(runs):
            _touch(ws, 1 + (run * 7) % tickets, BASE + run)
            started = time.perf_counter()
            next_at = plan_next(ws, now=BASE + run + 1)
            writer.append(time.perf_counter() - started)
            with ws.session() as session:
                started = time.perf_counter()
                assert next_instant(session) == next_at
                query.append(time.perf_counter() - started)
                started = time.perf_counter()
                scanned = session.execute(
                    text("SELECT MIN(at) FROM escalation_plan NOT INDEXED")
                ).scalar()
                peer.append(time.perf_counter() - started)
                assert scanned == next_at
            # The breach window's heap is built on the worker (as ``reload`` does)...
            started = time.perf_counter()
            schedule = BreachSchedule()
            schedule.replace_all(window, now)
            heap.append(time.perf_counter() - started)
            # ...and the GUI thread runs the two callbacks the workers' answers bring.
            started = time.perf_counter()
            monitor._on_loaded((now, now + 6 * 3600, schedule))
            monitor._on_escalation_planned(next_at)
            gui.append(time.perf_counter() - started)
            assert monitor.armed_for() is not None
    finally:
        monitor.stop()
        ws.close()
        app.processEvents()
    print(f"writer thread, plan_next after one ticket changed: {_median_ms(writer)}")
    print(f"MIN(at) through ix_escalation_plan_at:            {_median_ms(query)}")
    print(f"peer: MIN(at) as a full scan of the plan:          {_median_ms(peer)}")
    print(f"worker, the breach window's heap:                  {_median_ms(heap)}")
    print(f"GUI thread, take the window and the instant, arm:  {_median_ms(gui)}")
    ratio = statistics.median(peer) / max(statistics.median(query), 1e-9)
    print(f"indexed MIN(at) is {ratio:,.0f}x faster than the scan; GUI-thread target < 50 ms")
    return 0
