"""Migration 0025 (the held pieces of the SLA cycles keyed by clock and piece, without a
row id or a covering index) keeps every piece of an older file in its order: a demo
written at head and stored into a file at 0024 reads back, once upgraded, with the very
same pieces and the same "who held the clocks" figures; on both engines, pieces stored
out of order number in the order of their former ids, and the key refuses a second piece
at one place."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from slaworkbench.app.ola.sla_holders import SlaHolders
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, upgrade
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
PIECES = (
    "SELECT clock_id, piece, agent_id, team_id, seconds FROM ticket_clock_holds"
    " ORDER BY clock_id, piece"
)


def _read(url: str) -> tuple[list[tuple[object, ...]], tuple[SlaHolders, ...]]:
    return read_at_head(url, PIECES, every_metric_holders)


def test_an_upgraded_0024_file_keeps_every_piece_in_order(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    pieces, figures = _read(f"sqlite:///{fresh}")
    assert any(piece > 0 for _, piece, *_ in pieces)  # cycles held by more than one
    assert any(figure.measured for figure in figures)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0024")
    assert _read(f"sqlite:///{old}") == (pieces, figures)

    with make_engine(f"sqlite:///{old}").connect() as connection:
        sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'ticket_clock_holds'")
        ).scalar()
        indexes = connection.execute(
            text(
                "SELECT name FROM sqlite_master"
                " WHERE tbl_name = 'ticket_clock_holds' AND type = 'index'"
            )
        ).all()
    assert "WITHOUT ROWID" in sql
    assert indexes == []


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0025_numbers_each_cycles_pieces_in_their_order(engine_name: str, tmp_path: Path) -> None:
    with database_at(engine_name, tmp_path, "0024") as engine:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO teams (id, name) VALUES (4, 'Desk')"))
            connection.execute(text("INSERT INTO agents (id, name) VALUES (9, 'Ana')"))
            insert_tickets(connection, [1])
            insert_clock_rows(connection, [(7, 3, 300), (8, 0, 300)])
            connection.execute(
                text(
                    "INSERT INTO ticket_clock_holds (id, clock_id, agent_id, team_id, seconds)"
                    " VALUES (5, 7, NULL, 4, 30), (2, 7, 9, 4, 10), (3, 8, 9, NULL, 20),"
                    " (9, 7, NULL, NULL, 0)"
                )
            )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
        with engine.connect() as connection:
            pieces = [tuple(row) for row in connection.execute(text(PIECES))]
        assert pieces == [
            (7, 0, 9, 4, 10),
            (7, 3, None, 4, 30),
            (7, 7, None, None, 0),
            (8, 0, 9, None, 20),
        ]
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO ticket_clock_holds (clock_id, piece, agent_id, team_id, seconds)"
                    " VALUES (7, 3, 9, 4, 5)"
                )
            )
