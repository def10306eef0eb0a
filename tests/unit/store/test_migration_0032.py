"""Migration 0032 (the seconds no agent held a stopped OLA cycle, where that tells who
held it while it ran: ``ticket_ola_cycles.unassigned_seconds``) records on every OLA
cycle of an older file what the writers record: a demo written at head and stored into a
file at 0031 reads back, once upgraded, with the same values and the same OLA
accountability figures; on both engines each cycle the row cannot tell (another agent,
someone while it ran but nobody at stop, pieces short of the business time, two pieces
of no agent, business time without a piece, still running) keeps NULL, and each it can
(one agent alone, a wait then the agent or the agent then a wait, nobody, no piece and
no time) gets its unassigned seconds."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.ola.accountability import OlaAccountability, ola_accountability
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, upgrade
from tests.support.derived_rows import OLA_UNASSIGNED_APART
from tests.support.engines import ENGINES
from tests.support.older_files import (
    copy_into_revision,
    database_at,
    demo_file,
    insert_tickets,
    read_at_head,
)

NOW = 1_780_000_000
RECORDS = (
    "SELECT id, unassigned_seconds FROM ticket_ola_cycles WHERE stopped_at IS NOT NULL ORDER BY id"
)


def _check(connection: Connection) -> None:
    assert connection.execute(text(OLA_UNASSIGNED_APART)).all() == []
    index = next(
        i
        for i in inspect(connection).get_indexes("ticket_ola_cycles")
        if i["name"] == "ix_ticket_ola_cycles_stopped_at"
    )
    assert index["column_names"][-1] == "unassigned_seconds"


def _figures(session: Session, filters: Filters) -> OlaAccountability:
    return ola_accountability(session, filters)


def _read(url: str) -> tuple[list[tuple[object, ...]], OlaAccountability]:
    return read_at_head(url, RECORDS, _figures, _check)


def test_an_upgraded_0031_file_records_what_the_writers_do(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    records, figures = _read(f"sqlite:///{fresh}")
    told = [seconds for _, seconds in records if seconds is not None]
    assert 0 < len(told) <= len(records)
    assert 0 < told.count(0) < len(told)  # one agent alone (or no time), and a wait first
    assert figures.agents_while_running

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0031")
    assert _read(f"sqlite:///{old}") == (records, figures)


# (cycle id, stop instant, holder at stop, pieces as (agent, seconds), unassigned seconds
# after 0032); elapsed 20
ROWS: list[tuple[int, int | None, int | None, list[tuple[int | None, int]], int | None]] = [
    (1, 300, 9, [(9, 20)], 0),  # one agent alone
    (2, 300, 9, [(None, 5), (9, 15)], 5),  # a wait in the queue, then the agent
    (3, 300, 9, [(9, 15), (None, 5)], 5),  # the agent, then back in the queue
    (4, 300, 9, [(9, 5), (8, 15)], None),  # another agent
    (5, 300, 9, [(None, 5), (9, 14)], None),  # short of the business time
    (6, 300, None, [(None, 20)], 20),  # nobody
    (7, 300, None, [(9, 20)], None),  # nobody at stop, someone while it ran
    (8, 300, 9, [(None, 5), (None, 3), (9, 12)], None),  # two pieces of no agent
    (9, 300, 9, [], None),  # no piece, but business time
    (10, 300, 9, [], 0),  # no piece and no time (its elapsed set to 0)
    (11, None, None, [(None, 20)], None),  # still running
]


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0032_records_what_each_cycles_holds_tell(engine_name: str, tmp_path: Path) -> None:
    with database_at(engine_name, tmp_path, "0031") as engine:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO teams (id, name) VALUES (4, 'Desk')"))
            connection.execute(text("INSERT INTO agents (id, name) VALUES (8, 'Bo'), (9, 'Ana')"))
            insert_tickets(connection, [1])
            for cycle_id, stopped_at, holder, pieces, _ in ROWS:
                connection.execute(
                    text(
                        "INSERT INTO ticket_ola_cycles (id, ticket_id, cycle_index, team_id,"
                        " started_at, stopped_at, state, target, elapsed, remaining, at_risk,"
                        " holder_at_stop_id, evaluated_at) VALUES (:id, 1, :id, 4, 100, :stop,"
                        " :state, 60, :elapsed, 40, false, :holder, 900)"
                    ),
                    {
                        "id": cycle_id,
                        "stop": stopped_at,
                        "state": "running" if stopped_at is None else "achieved",
                        "elapsed": 0 if cycle_id == 10 else 20,
                        "holder": holder,
                    },
                )
                for piece, (held_by, seconds) in enumerate(pieces):
                    connection.execute(
                        text(
                            "INSERT INTO ticket_ola_holds (cycle_id, piece, agent_id, seconds)"
                            " VALUES (:id, :piece, :agent, :seconds)"
                        ),
                        {"id": cycle_id, "piece": piece, "agent": held_by, "seconds": seconds},
                    )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
            records = [
                tuple(row)
                for row in connection.execute(
                    text("SELECT id, unassigned_seconds FROM ticket_ola_cycles ORDER BY id")
                )
            ]
            _check(connection)
        assert records == [(i, seconds) for i, *_, seconds in ROWS]
