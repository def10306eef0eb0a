"""A bulk load's new tickets (a demo, an import: ``judge_tickets(new_tickets=True)``) get
their SLA holds, stop holders and OLA cycles from the evaluated columns, a chunk at a
time; they must be exactly the rows the per-ticket refresh writes for them
(``refresh_clock_holds`` and ``refresh_ola_cycles``, one ticket at a time, every cycle
re-judged), on each engine."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute import within
from slaworkbench.app.recompute.ola import refresh_ola_cycles
from slaworkbench.store.clocks.holds import refresh_clock_holds
from slaworkbench.store.clocks.read import read_chunk
from slaworkbench.store.ola.versions import load_team_olas
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.workspace import Workspace
from tests.support.derived_rows import (
    CLOCK_HOLDERS,
    CLOCK_HOLDS,
    OLA_CYCLES,
    OLA_HOLDS,
    OLA_UNASSIGNED_APART,
    STOP_HOLDERS_APART,
    UNASSIGNED_APART,
)

NOW = 1_780_000_000
DERIVED = {
    "clock holds": CLOCK_HOLDS,
    "clock holders": CLOCK_HOLDERS,
    "OLA cycles": OLA_CYCLES,
    "OLA holds": OLA_HOLDS,
}


def _derived(connection: Connection) -> dict[str, Counter[tuple[object, ...]]]:
    return {
        name: Counter(tuple(row) for row in connection.execute(text(sql)))
        for name, sql in DERIVED.items()
    }


def _refreshed_ticket_by_ticket(connection: Connection) -> None:
    with Session(bind=connection) as session:
        policies = load_active_policies(session)
        olas = load_team_olas(session)
    chunk = read_chunk(connection, policies, after_id=0, limit=100_000, only_open=False)
    assert chunk is not None
    for ticket_id, index in zip(chunk.ids.tolist(), chunk.policy_index.tolist(), strict=True):
        policy = policies[index] if index >= 0 else None
        refresh_clock_holds(connection, [ticket_id], [policy], NOW, rebaseline=True)
        pauses = [policy.pause_statuses if policy else None]
        refresh_ola_cycles(connection, [ticket_id], pauses, olas, NOW, rebaseline=True)


def test_a_demos_holds_and_ola_cycles_are_the_per_ticket_refreshs(
    engine_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(within, "CHUNK", 97)  # several chunks, one of them partial
    generate_demo(engine_workspace, tickets=500, seed=11, now=NOW)
    with engine_workspace.engine.connect() as connection:
        bulk = _derived(connection)
        assert connection.execute(text(STOP_HOLDERS_APART)).all() == []
        assert connection.execute(text(UNASSIGNED_APART)).all() == []
        assert connection.execute(text(OLA_UNASSIGNED_APART)).all() == []
        _refreshed_ticket_by_ticket(connection)
        per_ticket = _derived(connection)
        assert connection.execute(text(STOP_HOLDERS_APART)).all() == []
        assert connection.execute(text(UNASSIGNED_APART)).all() == []
        assert connection.execute(text(OLA_UNASSIGNED_APART)).all() == []
        connection.rollback()  # the workspace stays as the demo left it
    for name, rows in bulk.items():
        assert rows, name  # the demo gives every kind of row
        assert rows == per_ticket[name], name
