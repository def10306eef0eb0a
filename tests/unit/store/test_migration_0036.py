"""Migration 0036 (the held pieces an SLA or OLA cycle's row tells are no longer stored): a demo
written at head and stored into a file at 0035 (with every piece, as 0035 stored them)
reads back, once upgraded, with the same pieces per holder, the same "who held the
clocks" figures and only the pieces no row tells stored; on both engines the upgrade
deletes the pieces of the SLA and OLA cycles with ``unassigned_seconds`` and no other,
and the downgrade stores them again with the same seconds per holder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.ola.accountability import ola_accountability
from slaworkbench.store.workspace import alembic_config, current_revision, upgrade
from tests.support.derived_rows import HELD_OLA_PIECES, HELD_PIECES
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
_PER_HOLDER = (
    "SELECT h.clock_id, h.agent_id, h.team_id, SUM(h.seconds) FROM {} h"
    " GROUP BY h.clock_id, h.agent_id, h.team_id ORDER BY 1, 2, 3"
)
PER_HOLDER = _PER_HOLDER.format(HELD_PIECES)
"""Every cycle's seconds per holder, whether its pieces are stored or told."""
_OLA_PER_HOLDER = (
    "SELECT h.cycle_id, h.agent_id, SUM(h.seconds) FROM {} h"
    " GROUP BY h.cycle_id, h.agent_id ORDER BY 1, 2"
)
OLA_PER_HOLDER = _OLA_PER_HOLDER.format(HELD_OLA_PIECES)
OLA_STORED_PER_HOLDER = _OLA_PER_HOLDER.format("ticket_ola_holds")
STORED_PER_HOLDER = _PER_HOLDER.format("ticket_clock_holds")
"""The same of the stored pieces alone: every piece, before 0036."""
STORED_TOLD = (
    "SELECT count(*) FROM ticket_clock_holds h JOIN ticket_clocks c ON c.id = h.clock_id"
    " WHERE c.unassigned_seconds IS NOT NULL"
)
OLA_STORED_TOLD = (
    "SELECT count(*) FROM ticket_ola_holds h JOIN ticket_ola_cycles o ON o.id = h.cycle_id"
    " WHERE o.unassigned_seconds IS NOT NULL"
)


def _stored(path: Path) -> tuple[int, int, int, int]:
    """The file's stored SLA pieces, all and those of cycles their row tells; the same of
    its OLA pieces."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            f"SELECT (SELECT count(*) FROM ticket_clock_holds), ({STORED_TOLD}),"
            f" (SELECT count(*) FROM ticket_ola_holds), ({OLA_STORED_TOLD})"
        ).fetchone()
    finally:
        connection.close()


def _none_told_stored(connection: Connection) -> None:
    assert connection.execute(text(STORED_TOLD)).scalar_one() == 0
    assert connection.execute(text(OLA_STORED_TOLD)).scalar_one() == 0


def _pieces_and_figures(session: Session, filters: Filters) -> tuple[object, ...]:
    ola = [tuple(row) for row in session.execute(text(OLA_PER_HOLDER))]
    return (every_metric_holders(session, filters), ola, ola_accountability(session, filters))


def _read(url: str) -> tuple[list[tuple[object, ...]], tuple[object, ...]]:
    return read_at_head(url, PER_HOLDER, _pieces_and_figures, _none_told_stored)


def test_an_upgraded_0035_file_reads_as_the_workspace_it_was(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    pieces, (figures, ola_pieces, ola_figures) = _read(f"sqlite:///{fresh}")
    stored, _, ola_stored, _ = _stored(fresh)
    assert 0 < stored < len(pieces)  # pieces stored, and more told by their rows
    assert 0 < ola_stored < len(ola_pieces)
    assert any(figure.measured for figure in figures)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0035")
    at_0035, told, ola_at_0035, ola_told = _stored(old)
    assert told > 0 and at_0035 == stored + told  # as 0035 stored them
    assert ola_told > 0 and ola_at_0035 == ola_stored + ola_told
    assert _read(f"sqlite:///{old}") == (pieces, (figures, ola_pieces, ola_figures))
    assert _stored(old) == (stored, 0, ola_stored, 0)


@pytest.mark.parametrize("engine_name", ENGINES)
def test_the_upgrade_deletes_only_the_told_pieces_and_the_downgrade_stores_them(
    engine_name: str, tmp_path: Path
) -> None:
    with database_at(engine_name, tmp_path, "0035") as engine:
        with engine.begin() as connection:
            insert_tickets(connection, [1])
            # started at 100, 20 seconds of business time each (insert_clock_rows)
            insert_clock_rows(connection, [(1, 0, 500), (2, 3, 600), (3, 2, None)])
            connection.execute(text("INSERT INTO teams (id, name) VALUES (1, 'Desk')"))
            connection.execute(text("INSERT INTO agents (id, name, team_id) VALUES (1, 'ana', 1)"))
            # 1: a wait, then ana, within Desk: told. 2: ana, then another team: not.
            # 3: running: not.
            connection.execute(
                text(
                    "UPDATE ticket_clocks SET holds_at = stopped_at, stop_agent_id = 1,"
                    " stop_team_id = 1, unassigned_seconds = CASE id WHEN 1 THEN 5 END"
                    " WHERE stopped_at IS NOT NULL"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO ticket_clock_holds (clock_id, piece, agent_id, team_id,"
                    " seconds) VALUES (1, 0, NULL, 1, 5), (1, 1, 1, 1, 15),"
                    " (2, 0, 1, 1, 12), (2, 1, NULL, NULL, 8), (3, 0, 1, 1, 20)"
                )
            )
            # OLA: 1 a wait, then ana (told); 2 held by ana and by nobody twice (not)
            connection.execute(
                text(
                    "INSERT INTO ticket_ola_cycles (id, ticket_id, cycle_index, team_id,"
                    " started_at, stopped_at, state, target, elapsed, remaining, at_risk,"
                    " holder_at_stop_id, evaluated_at, unassigned_seconds) VALUES"
                    " (1, 1, 0, 1, 100, 500, 'achieved', 60, 20, 40, false, 1, 900, 5),"
                    " (2, 1, 1, 1, 500, 700, 'achieved', 60, 20, 40, false, 1, 900, NULL)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO ticket_ola_holds (cycle_id, piece, agent_id, seconds) VALUES"
                    " (1, 0, NULL, 5), (1, 1, 1, 15), (2, 0, NULL, 4), (2, 1, 1, 12),"
                    " (2, 2, NULL, 4)"
                )
            )
        with engine.connect() as connection:
            before = connection.execute(text(STORED_PER_HOLDER)).all()
            ola_before = connection.execute(text(OLA_STORED_PER_HOLDER)).all()
        with engine.begin() as connection:
            upgrade(connection)
        with engine.connect() as connection:
            kept = connection.execute(
                text("SELECT clock_id, piece FROM ticket_clock_holds ORDER BY 1, 2")
            ).all()
            assert [tuple(row) for row in kept] == [(2, 0), (2, 1), (3, 0)]
            assert connection.execute(text(PER_HOLDER)).all() == before
            ola_kept = connection.execute(
                text("SELECT cycle_id, piece FROM ticket_ola_holds ORDER BY 1, 2")
            ).all()
            assert [tuple(row) for row in ola_kept] == [(2, 0), (2, 1), (2, 2)]
            assert connection.execute(text(OLA_PER_HOLDER)).all() == ola_before
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0035")
            assert current_revision(connection) == "0035"
        with engine.connect() as connection:
            stored = connection.execute(
                text(
                    "SELECT clock_id, piece, agent_id, team_id, seconds FROM ticket_clock_holds"
                    " ORDER BY 1, 2"
                )
            ).all()
            ola_stored = connection.execute(
                text(
                    "SELECT cycle_id, piece, agent_id, seconds FROM ticket_ola_holds ORDER BY 1, 2"
                )
            ).all()
        assert [tuple(row) for row in ola_stored] == [
            (1, 0, None, 5), (1, 1, 1, 15), (2, 0, None, 4), (2, 1, 1, 12), (2, 2, None, 4),
        ]  # fmt: skip
        assert [tuple(row) for row in stored] == [
            (1, 0, None, 1, 5), (1, 1, 1, 1, 15),
            (2, 0, 1, 1, 12), (2, 1, None, None, 8), (3, 0, 1, 1, 20),
        ]  # fmt: skip
