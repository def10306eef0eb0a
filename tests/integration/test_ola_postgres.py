"""OLA cycles and who held the clock on PostgreSQL: the same rows and figures as SQLite.

Opt-in like ``test_postgres_live.py``: set ``SLAWORKBENCH_TEST_POSTGRES`` to a server URL
(CI does)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.ola.accountability import ola_accountability
from slaworkbench.store.schema import TicketOlaCycle, TicketOlaHold
from tests.support.engines import needs_postgres, postgres_database
from tests.support.ola_workspace import ola_workspace

pytestmark = needs_postgres


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_database(seeded=False) as url:
        yield url


def _scenario(folder: Path, url: str | None) -> tuple[object, ...]:
    folder.mkdir()
    seeded = ola_workspace(folder, url=url)
    try:
        with seeded.workspace.session() as session:
            cycles = session.execute(
                select(
                    TicketOlaCycle.ticket_id, TicketOlaCycle.cycle_index, TicketOlaCycle.team_id,
                    TicketOlaCycle.started_at, TicketOlaCycle.stopped_at, TicketOlaCycle.state,
                    TicketOlaCycle.elapsed, TicketOlaCycle.due_at, TicketOlaCycle.holder_at_stop_id,
                ).order_by(TicketOlaCycle.ticket_id, TicketOlaCycle.cycle_index)
            ).all()  # fmt: skip
            holds = sorted(  # NULLs sort differently on the two engines
                (agent_id or 0, seconds)
                for agent_id, seconds in session.execute(
                    select(TicketOlaHold.agent_id, TicketOlaHold.seconds)
                )
            )
        figures = ola_accountability(
            seeded.workspace, Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
        )
    finally:
        seeded.workspace.close()
    return tuple(cycles), tuple(holds), figures.teams, figures.agents_while_running


def test_postgresql_gives_what_sqlite_gives(tmp_path: Path, postgres_url: str) -> None:
    on_sqlite = _scenario(tmp_path / "sqlite", None)
    on_postgres = _scenario(tmp_path / "postgres", postgres_url)
    assert len(on_sqlite[0]) > 40  # type: ignore[arg-type]
    assert on_postgres == on_sqlite
