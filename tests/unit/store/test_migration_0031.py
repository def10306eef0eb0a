"""Migration 0031 (the seconds no agent held a stopped SLA cycle, where that tells who
held it while it ran: ``ticket_clocks.unassigned_seconds``) records on every clock row of
an older file what the writers record: a demo written at head and stored into a file at
0030 reads back, once upgraded, with the same values and the same "who held the clocks"
figures; on both engines each cycle the row cannot tell (another agent, another team,
someone while it ran but nobody at stop, pieces short of the business time, holds
measured for another stop or none, business time without a piece) keeps NULL, and each
it can (one agent alone, a wait then the agent, nobody of a team, no piece and no time)
gets its unassigned seconds."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text

from slaworkbench.app.ola.sla_holders import SlaHolders
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, upgrade
from tests.support.derived_rows import UNASSIGNED_APART
from tests.support.engines import ENGINES
from tests.support.older_files import (
    copy_into_revision,
    database_at,
    demo_file,
    every_metric_holders,
    insert_clock_rows,
    insert_tickets,
    read_at_head,
)

NOW = 1_780_000_000
RECORDS = (
    "SELECT id, unassigned_seconds FROM ticket_clocks WHERE stopped_at IS NOT NULL ORDER BY id"
)


def _check(connection: Connection) -> None:
    assert connection.execute(text(UNASSIGNED_APART)).all() == []
    index = next(
        i
        for i in inspect(connection).get_indexes("ticket_clocks")
        if i["name"] == "ix_ticket_clocks_stopped_verdicts"
    )
    assert index["column_names"][-1] == "unassigned_seconds"


def _read(url: str) -> tuple[list[tuple[object, ...]], tuple[SlaHolders, ...]]:
    return read_at_head(url, RECORDS, every_metric_holders, _check)


def test_an_upgraded_0030_file_records_what_the_writers_do(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    records, figures = _read(f"sqlite:///{fresh}")
    told = [seconds for _, seconds in records if seconds is not None]
    assert 0 < len(told) < len(records)  # cycles told by their row, and others
    assert 0 < told.count(0) < len(told)  # one agent alone, and a wait first
    assert any(figure.measured for figure in figures)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0030")
    assert _read(f"sqlite:///{old}") == (records, figures)


# (clock id, holds_at, holder at stop, pieces as (agent, team, seconds), unassigned
# seconds after 0031); elapsed 20, stopped at 300
ROWS: list[
    tuple[
        int,
        int | None,
        tuple[int | None, int | None],
        list[tuple[int | None, int, int]],
        int | None,
    ]
] = [
    (1, 300, (9, 4), [(9, 4, 5), (9, 4, 15)], 0),  # one agent alone
    (2, 300, (9, 4), [(None, 4, 5), (9, 4, 15)], 5),  # a wait in the queue, then the agent
    (3, 300, (9, 4), [(9, 4, 5), (None, 4, 3), (9, 4, 12)], 3),
    (4, 300, (9, 4), [(9, 4, 5), (8, 4, 15)], None),  # another agent
    (5, 300, (9, 4), [(9, 4, 5), (9, 5, 15)], None),  # another team
    (6, 300, (9, 4), [(None, 5, 5), (9, 4, 15)], None),  # queued in another team
    (7, 300, (9, 4), [(9, 4, 5), (9, 4, 14)], None),  # short of the business time
    (8, 250, (9, 4), [(9, 4, 20)], None),  # measured for another stop
    (9, None, (None, None), [], None),  # none measured
    (10, 300, (None, 4), [(None, 4, 20)], 20),  # nobody of a team
    (11, 300, (None, 4), [(9, 4, 20)], None),  # nobody at stop, someone while it ran
    (12, 300, (9, 4), [], None),  # no piece, but business time
    (13, 300, (9, 4), [], 0),  # no piece and no time (its elapsed set to 0)
]


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0031_records_what_each_cycles_holds_tell(engine_name: str, tmp_path: Path) -> None:
    with database_at(engine_name, tmp_path, "0030") as engine:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO teams (id, name) VALUES (4, 'Desk'), (5, 'Net')"))
            connection.execute(text("INSERT INTO agents (id, name) VALUES (8, 'Bo'), (9, 'Ana')"))
            insert_tickets(connection, [1])
            insert_clock_rows(connection, [(i, 3, 300) for i, *_ in ROWS] + [(14, 3, None)])
            connection.execute(text("UPDATE ticket_clocks SET elapsed = 0 WHERE id = 13"))
            for clock_id, holds_at, (agent, team), pieces, _ in ROWS:
                connection.execute(
                    text(
                        "UPDATE ticket_clocks SET holds_at = :at, stop_agent_id = :agent,"
                        " stop_team_id = :team WHERE id = :id"
                    ),
                    {"at": holds_at, "agent": agent, "team": team, "id": clock_id},
                )
                for piece, (held_by, of_team, seconds) in enumerate(pieces):
                    connection.execute(
                        text(
                            "INSERT INTO ticket_clock_holds"
                            " (clock_id, piece, agent_id, team_id, seconds)"
                            " VALUES (:id, :piece, :agent, :team, :seconds)"
                        ),
                        {"id": clock_id, "piece": piece}
                        | {"agent": held_by, "team": of_team, "seconds": seconds},
                    )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
            records = [tuple(row) for row in connection.execute(text(RECORDS))]
            _check(connection)
        assert records == [(i, seconds) for i, *_, seconds in ROWS]
