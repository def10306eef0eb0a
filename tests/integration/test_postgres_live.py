"""Team mode against a real PostgreSQL server gives what SQLite gives.

Opt-in: set ``SLAWORKBENCH_TEST_POSTGRES`` to a server URL whose role may create
databases, e.g. ``postgresql+psycopg://sla:sla@localhost/postgres`` (docs/DEVELOPING.md
shows how to start one); each run creates a scratch database and drops it afterwards.
Without it the module is skipped; CI's ``.ci/run`` starts a throw-away server on loopback
(``.ci/postgres.sh``) and sets it, so CI runs it every time.

One scenario runs on both stores: migrations, a demo, a re-baseline, the application's
ticket actions, a policy change with its recompute, an event-log import with clocks,
list pages in several orders, the dashboard figures, the report and the CSV export.
Every observable result must be equal.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from slaworkbench.app.agreements.satisfaction import enter_answer
from slaworkbench.app.analytics import dashboard as dd
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing import run as import_module
from slaworkbench.app.importing.run import import_event_log
from slaworkbench.app.recompute import run as recompute_module
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import (
    NewTicket,
    agent_reply,
    change_status,
    create_ticket_with_clocks,
)
from slaworkbench.app.tickets.workbench import load_page
from slaworkbench.domain.model import Priority, Status
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.store.analytics.answer_rollup import answer_rollup_differences
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.importing.export import export_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.policy.changes import double_one_target, scale_targets
from tests.support.postgres_server import drop_on

SERVER = os.environ.get("SLAWORKBENCH_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(
    not SERVER, reason="set SLAWORKBENCH_TEST_POSTGRES to run team mode against PostgreSQL"
)
NOW = 1_790_000_000
LOG = (
    "SR Number,Change Date+Time,Status,Sub Status,SR Latest Impact,Involved ST,Resource,"
    "Product\n"
    "1-1,2026-09-01T08:00:00+00:00,Queued,Awaiting Assignment,Medium,V1,se-A,P1\n"
    "1-1,2026-09-01T09:30:00+00:00,Accepted,In Progress,Medium,V1,se-B,P1\n"
    "1-1,2026-09-02T10:00:00+00:00,Completed,Resolved,Medium,V1,se-B,P1\n"
    "1-2,2026-09-03T07:00:00+00:00,Accepted,In Progress,High,V2,se-C,P2\n"
    "1-2,2026-09-03T08:00:00+00:00,Accepted,Wait - User,High,V2,se-C,P2\n"
    "1-2,2026-09-04T12:00:00+00:00,Accepted,In Progress,Major,V2,se-C,P2\n"
)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    assert SERVER is not None
    name = f"slaworkbench_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            drop_on(connection, name)
        admin.dispose()


def _clock_rows(ws: Workspace) -> list[tuple[Any, ...]]:
    with ws.session() as session:
        rows = session.execute(
            text(
                "SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target,"
                " elapsed, remaining, due_at, breached_at, at_risk, risk_at, evaluated_at"
                " FROM ticket_clocks ORDER BY 1, 2, 3"
            )
        )
        clocks = [tuple(bool(v) if i == 11 else v for i, v in enumerate(r)) for r in rows]
        summaries = session.execute(
            text(
                "SELECT id, status, priority, sla_state, next_due_at, next_risk_at, evaluated_at,"
                " first_response_state, first_response_due_at, resolution_state,"
                " resolution_due_at FROM tickets ORDER BY id"
            )
        )
        return clocks + [tuple(r) for r in summaries]


def _scenario(url: str, folder: Path) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    ws = open_workspace(url)
    try:
        generate_demo(ws, tickets=250, seed=7, now=NOW)
        recompute(ws, only_open=False, now=NOW + 3600)
        seen["after re-baseline"] = _clock_rows(ws)

        change = create_ticket_with_clocks(
            ws,
            NewTicket(
                "Printer on fire", Priority.URGENT, customer="Acme Media", team="Service Desk"
            ),
            author="Ana",
            now=NOW + 4000,
        )
        # Answered before its first response: the answer moves bucket when it comes.
        enter_answer(ws, change.ticket_id, "csat", 2, now=NOW + 4050)
        enter_answer(ws, 3, "nps", 9, now=NOW + 4060)
        change = agent_reply(
            ws, change.ticket_id, "On it", author="Ana", expected_version=change.version,
            now=NOW + 4100,
        )  # fmt: skip
        change_status(
            ws, change.ticket_id, Status.PENDING, author="Ana", expected_version=change.version,
            now=NOW + 4200,
        )  # fmt: skip
        scale_targets(ws, 0.5, now=NOW)
        result = recompute(ws, now=NOW + 7200)
        seen["open recompute"] = (result.tickets, result.breached, result.at_risk)
        seen["after policy change"] = _clock_rows(ws)
        result = recompute(ws, only_open=False, now=NOW + 7200)  # every target changed
        seen["re-baseline after a policy change"] = (result.tickets, result.moved)
        # One target changed: the re-baseline moves the closed tickets judged under none
        # of the changed ones to the new versions without evaluating them.
        double_one_target(ws, now=NOW)
        result = recompute(ws, only_open=False, now=NOW + 7200)
        assert result.moved > 0
        seen["re-baseline after targets"] = (result.tickets, result.moved, _clock_rows(ws))

        log = folder / "log.csv"
        log.write_text(LOG, encoding="utf-8")
        summary = import_event_log(ws, log, "bpic2013")
        seen["import"] = (summary.tickets_imported, summary.events_imported, summary.rejections)
        seen["after import"] = _clock_rows(ws)

        pages = {}
        for sort in SortKey:
            for view in (View.ALL, View.ALL_OPEN, View.BREACHED):
                query = TicketQuery(view=view, sort=sort)
                first = load_page(ws, query, None, 40, now=NOW + 7200)
                second = load_page(ws, query, first[-1] if first else None, 40, now=NOW + 7200)
                pages[(sort, view)] = [row.id for row in first + second]
        seen["pages"] = pages

        start = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
        filters = Filters(start - dt.timedelta(days=180), start + dt.timedelta(days=1))
        with ws.session() as session:
            seen["dashboard"] = (
                dd.load_summary(session, filters),
                dd.load_trend(session, filters, "week"),
                dd.load_distributions(session, filters),
                dd.load_backlog(session, filters, NOW + 7200),
                dd.load_soon(session, filters, NOW + 7200),
                dd.load_availability(session, filters, NOW + 7200),
                dd.load_satisfaction(session, filters),
                dd.load_nps(session, filters, "week"),
            )
            report = build_report(session, ReportOptions(filters), workspace="w", now=NOW)
            # The rollup the figures came from is what the clock rows give, on both stores.
            assert rollup_differences(session.connection()) == []
            assert answer_rollup_differences(session.connection()) == []
        seen["report"] = report
        out = folder / "export.csv"
        with ws.engine.connect() as connection:
            export_tickets(connection, out, now=NOW + 9000)
        seen["export"] = out.read_text(encoding="utf-8")
    finally:
        ws.close()
    return seen


def test_postgresql_gives_what_sqlite_gives(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The import evaluates its tickets "now": the same now on both stores.
    fixed = SimpleNamespace(time=lambda: NOW + 8000, perf_counter=time.perf_counter)
    monkeypatch.setattr(recompute_module, "time", fixed)
    monkeypatch.setattr(import_module, "time", fixed)  # it judges its tickets in its write
    (tmp_path / "pg").mkdir()
    (tmp_path / "lite").mkdir()
    on_postgres = _scenario(postgres_url, tmp_path / "pg")
    on_sqlite = _scenario(f"sqlite:///{tmp_path / 'w.sqlite3'}", tmp_path / "lite")
    assert on_postgres.keys() == on_sqlite.keys()
    for key in on_sqlite:
        assert on_postgres[key] == on_sqlite[key], key
    assert on_sqlite["import"][0] == 2 and on_sqlite["pages"][(SortKey.ID, View.ALL)]
