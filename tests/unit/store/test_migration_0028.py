"""Migration 0028 (the holder at stop and the stop it was measured for kept on the clock
row alone) moves every holder row onto its clock row: a demo written at head and stored
into a file at 0027 reads back, once upgraded, with the same records and the same "who
held the clocks" figures; on both engines a holder row measured for another stop keeps
that stop (so the recompute measures the cycle again), a clock row without one keeps
none, and the table goes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect, text

from slaworkbench.app.ola.sla_holders import SlaHolders
from slaworkbench.store.dialect import make_engine
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
RECORDS = "SELECT id, holds_at, stop_agent_id, stop_team_id FROM ticket_clocks ORDER BY id"


def _check(connection: Connection) -> None:
    assert "ticket_clock_holders" not in inspect(connection).get_table_names()
    assert connection.execute(text(STOP_HOLDERS_APART)).all() == []


def _read(url: str) -> tuple[list[tuple[object, ...]], tuple[SlaHolders, ...]]:
    return read_at_head(url, RECORDS, every_metric_holders, _check)


def test_an_upgraded_0027_file_keeps_every_holder_at_stop(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    records, figures = _read(f"sqlite:///{fresh}")
    assert sum(at is not None for _, at, _, _ in records) > 1000
    assert any(figure.measured for figure in figures)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0027")
    with make_engine(f"sqlite:///{old}").connect() as connection:
        holders = connection.execute(text("SELECT count(*) FROM ticket_clock_holders")).scalar()
    assert holders == sum(at is not None for _, at, _, _ in records)
    assert _read(f"sqlite:///{old}") == (records, figures)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0028_moves_each_holder_row_onto_its_clock_row(engine_name: str, tmp_path: Path) -> None:
    with database_at(engine_name, tmp_path, "0027") as engine:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO teams (id, name) VALUES (4, 'Desk')"))
            connection.execute(text("INSERT INTO agents (id, name) VALUES (9, 'Ana')"))
            insert_tickets(connection, [1])
            insert_clock_rows(connection, [(7, 3, 300), (8, 0, 300), (9, 3, 300), (10, 0, None)])
            connection.execute(
                text("UPDATE ticket_clocks SET stop_agent_id = 9, stop_team_id = 4 WHERE id = 7")
            )
            connection.execute(text("UPDATE ticket_clocks SET stop_team_id = 4 WHERE id = 8"))
            connection.execute(
                text(
                    "INSERT INTO ticket_clock_holders (clock_id, stopped_at, agent_id, team_id)"
                    " VALUES (7, 300, 9, 4), (8, 250, NULL, 4)"
                )
            )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
            assert "ticket_clock_holders" not in inspect(connection).get_table_names()
            records = [tuple(row) for row in connection.execute(text(RECORDS))]
        assert records == [
            (7, 300, 9, 4),
            (8, 250, None, 4),  # measured for another stop: measured again when reached
            (9, None, None, None),
            (10, None, None, None),
        ]
