"""Escalations on PostgreSQL do what they do on SQLite: migration 0013, the plan, a
firing in one transaction (a savepoint around the log row), once per cycle across two
desktops, the re-targeted clocks and the report's count.

Opt-in like ``test_postgres_live.py``: set ``SLAWORKBENCH_TEST_POSTGRES`` to a server URL
whose role may create databases (``. .ci/postgres.sh`` starts a throw-away one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.escalations.firing import fire_due, fire_one
from slaworkbench.app.escalations.plan import plan_next
from slaworkbench.domain.model import Metric
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.store.workspace import open_workspace
from tests.support.engines import needs_postgres, postgres_database
from tests.support.escalation_workspace import HOUR, escalating_workspace, resolution_clock
from tests.support.ticket_seeding import NOW

pytestmark = needs_postgres


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_database(seeded=False) as url:
        yield url


def _scenario(folder: Path, url: str | None) -> tuple[object, ...]:
    folder.mkdir()
    ws, ticket_id = escalating_workspace(folder, NOW, url)
    other = open_workspace(url or str(folder / "workspace.sqlite3"))
    try:
        planned = plan_next(ws, now=NOW + 1)
        first = fire_due(ws, NOW + 6 * HOUR, late_before=NOW)
        with other.session(write=True) as session:
            policy_id = session.execute(text("SELECT policy_id FROM escalations")).scalar_one()
            again = fire_one(
                session, ticket_id, Metric.RESOLUTION, 0, policy_id, 1, NOW + 6 * HOUR,
                now=NOW + 6 * HOUR, late=False,
            )  # fmt: skip
        clock = resolution_clock(ws, ticket_id)
        replanned = plan_next(ws, now=NOW + 6 * HOUR + 1)
        late = fire_due(ws, NOW + 9 * HOUR, late_before=NOW + 9 * HOUR)
        day = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
        report = build_report(
            ws, ReportOptions(Filters(day, day + dt.timedelta(days=1))), workspace="W",
            now=NOW + 10 * HOUR,
        )  # fmt: skip
    finally:
        other.close()
        ws.close()
    return (
        planned,
        [(f.level, f.due_at, f.late, f.notify) for f in first.fired],
        again,
        clock,
        replanned,
        [(f.level, f.due_at, f.late, f.notify) for f in late.fired],
        [(c.priority, c.fired, c.late, c.tickets) for c in report.escalations],
    )


def test_escalations_fire_the_same_on_postgresql_and_sqlite(
    tmp_path: Path, postgres_url: str
) -> None:
    on_sqlite = _scenario(tmp_path / "sqlite", None)
    on_postgres = _scenario(tmp_path / "postgres", postgres_url)
    assert on_postgres == on_sqlite
    assert on_sqlite[2] is None  # the second desktop's attempt fired nothing
    assert on_sqlite[5] == [(2, NOW + 7 * HOUR, True, ("Lena Lead",))]
