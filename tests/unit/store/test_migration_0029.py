"""Migration 0029 (the held pieces of the OLA cycles keyed by cycle and piece, without a
row id or a covering index) keeps every piece of an older file in its order: a demo
written at head and stored into a file at 0028 reads back, once upgraded, with the very
same pieces and the same OLA accountability; on both engines, pieces stored out of
order number in the order of their former ids."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from slaworkbench.app.ola.accountability import ola_accountability
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.workspace import upgrade
from tests.support.engines import ENGINES
from tests.support.older_files import (
    copy_into_revision,
    database_at,
    demo_file,
    insert_tickets,
    read_at_head,
)

NOW = 1_780_000_000
PIECES = "SELECT cycle_id, piece, agent_id, seconds FROM ticket_ola_holds ORDER BY cycle_id, piece"


def _read(url: str) -> tuple[list[tuple[object, ...]], object]:
    return read_at_head(url, PIECES, ola_accountability)


def test_an_upgraded_0028_file_keeps_every_ola_piece_in_order(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    pieces, figures = _read(f"sqlite:///{fresh}")
    assert any(piece > 0 for _, piece, *_ in pieces)  # cycles held by more than one

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0028")
    assert _read(f"sqlite:///{old}") == (pieces, figures)
    with make_engine(f"sqlite:///{old}").connect() as connection:
        sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'ticket_ola_holds'")
        ).scalar()
    assert "WITHOUT ROWID" in sql


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0029_numbers_each_cycles_pieces_in_their_order(engine_name: str, tmp_path: Path) -> None:
    with database_at(engine_name, tmp_path, "0028") as engine:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO teams (id, name) VALUES (4, 'Desk')"))
            connection.execute(text("INSERT INTO agents (id, name) VALUES (9, 'Ana')"))
            insert_tickets(connection, [1])
            connection.execute(
                text(
                    "INSERT INTO ticket_ola_cycles (id, ticket_id, cycle_index, team_id,"
                    " started_at, stopped_at, state, target, elapsed, remaining, at_risk,"
                    " evaluated_at) VALUES (7, 1, 0, 4, 100, 300, 'achieved', 60, 20, 40,"
                    " false, 900), (8, 1, 1, 4, 400, NULL, 'running', 60, 20, 40, false, 900)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO ticket_ola_holds (id, cycle_id, agent_id, seconds)"
                    " VALUES (5, 7, NULL, 30), (2, 7, 9, 10), (3, 8, 9, 20), (9, 7, 9, 0)"
                )
            )
        with engine.begin() as connection:
            upgrade(connection)
        with engine.connect() as connection:
            pieces = [tuple(row) for row in connection.execute(text(PIECES))]
    assert pieces == [(7, 0, 9, 10), (7, 3, None, 30), (7, 7, 9, 0), (8, 0, 9, 20)]
