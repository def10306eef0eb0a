"""Migration 0023 (each cycle's holder at stop copied onto its clock row) gives an older
file the copies the writes keep from now on: a demo written at head and stored into a
file at 0022 reads back, once upgraded, with the very same copies and the same "who held
the clocks" figures; on PostgreSQL too."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from slaworkbench.app.ola.sla_holders import SlaHolders
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, upgrade
from tests.support.derived_rows import STOP_HOLDERS_APART
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
COPIES = "SELECT id, stop_agent_id, stop_team_id FROM ticket_clocks ORDER BY id"


def _check(connection: Connection) -> None:
    assert connection.execute(text(STOP_HOLDERS_APART)).all() == []


def _figures(url: str) -> tuple[list[tuple[object, ...]], tuple[SlaHolders, ...]]:
    return read_at_head(url, COPIES, every_metric_holders, _check)


def test_an_upgraded_0022_file_has_the_copies_a_demo_writes(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    copies, figures = _figures(f"sqlite:///{fresh}")
    assert sum(agent is not None for _, agent, _ in copies) > 100
    assert any(figure.measured for figure in figures)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0022")
    assert _figures(f"sqlite:///{old}") == (copies, figures)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0023_copies_each_holder_row_onto_its_clock_row(engine_name: str, tmp_path: Path) -> None:
    """A holder row with an agent and a team, one with a team only, one holding nobody,
    and a clock row without a holder row: copied as they are (NULL where none)."""
    with database_at(engine_name, tmp_path, "0022") as engine:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO teams (id, name) VALUES (4, 'Desk')"))
            connection.execute(text("INSERT INTO agents (id, name) VALUES (9, 'Ana')"))
            insert_tickets(connection, [1])
            insert_clock_rows(connection, [(7, 3, 300), (8, 0, 300), (9, 3, 300), (10, 0, 300)])
            connection.execute(
                text(
                    "INSERT INTO ticket_clock_holders (clock_id, stopped_at, agent_id, team_id)"
                    " VALUES (7, 300, 9, 4), (8, 300, NULL, 4), (9, 300, NULL, NULL)"
                )
            )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
        with engine.connect() as connection:
            copies = [tuple(row) for row in connection.execute(text(COPIES))]
            apart = connection.execute(text(STOP_HOLDERS_APART)).all()
        assert copies == [(7, 9, 4), (8, None, 4), (9, None, None), (10, None, None)]
        assert apart == []
