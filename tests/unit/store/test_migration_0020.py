"""Migration 0020 (the clock rows' metric, state and priority as codes) keeps an older
file's meaning: a demo written into a file at 0017 reads back, once upgraded, as the same
workspace (the pinned digest's reading and ``export tickets``), with every held piece
and stop holder still attached to its clock."""

from __future__ import annotations

import sqlite3
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.importing.export import export_tickets
from slaworkbench.store.schema import METRICS, TicketClock
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, open_workspace, upgrade
from tests.support.derived_rows import HELD_PIECES
from tests.support.engines import ENGINES, postgres_database
from tests.support.older_files import copy_into_revision
from tests.support.workspace_digest import results_digest

NOW = 1_780_000_000
_CHILDREN = {
    "ticket_clock_holds": "SELECT count(*) FROM ticket_clock_holds",
    # the holder rows of 0017, on the clock rows since migration 0028
    "ticket_clock_holders": "SELECT count(*) FROM ticket_clocks WHERE holds_at IS NOT NULL",
}


def _export(url: str, folder: Path) -> bytes:
    workspace = open_workspace(url, create=False)
    try:
        with workspace.engine.connect() as connection:
            export_tickets(connection, folder / "export.csv", now=NOW)
        return (folder / "export.csv").read_bytes()
    finally:
        workspace.close()


def test_an_upgraded_0017_file_reads_as_the_workspace_it_was(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite3"
    workspace = open_workspace(f"sqlite:///{fresh}")
    try:
        generate_demo(workspace, tickets=400, seed=3, now=NOW)
        digest = results_digest(workspace, tmp_path, NOW)
        with workspace.engine.connect() as connection:
            counts = {
                table: connection.execute(text(sql)).scalar_one()
                for table, sql in {"ticket_clocks": "SELECT count(*) FROM ticket_clocks"}.items()
                | _CHILDREN.items()
            }
    finally:
        workspace.close()
    assert counts["ticket_clocks"] > 0 and all(counts[table] > 0 for table in _CHILDREN)
    exported = _export(f"sqlite:///{fresh}", tmp_path)

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0017")
    with sqlite3.connect(old) as raw:
        stored = raw.execute("SELECT DISTINCT metric, state FROM ticket_clocks").fetchall()
        assert ("first_response", "achieved") in stored  # names, as 0017 stored them

    upgraded = open_workspace(f"sqlite:///{old}", create=False)
    try:
        with upgraded.engine.connect() as connection:
            assert current_revision(connection) == SCHEMA_REVISION
            after = {
                table: connection.execute(text(sql)).scalar_one()
                for table, sql in {"ticket_clocks": "SELECT count(*) FROM ticket_clocks"}.items()
                | _CHILDREN.items()
            }
            orphans = connection.execute(
                text(
                    "SELECT count(*) FROM ticket_clock_holds h"
                    " LEFT JOIN ticket_clocks c ON c.id = h.clock_id WHERE c.id IS NULL"
                )
            ).scalar_one()
            references = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'ticket_clock_holds'")
            ).scalars().all()  # fmt: skip
            codes = connection.execute(
                text("SELECT DISTINCT metric_code, metric FROM ticket_clocks ORDER BY 1")
            ).all()
        assert after == counts
        assert orphans == 0
        assert all("_old_" not in sql and "REFERENCES ticket_clocks" in sql for sql in references)
        assert codes and all(METRICS[code] == name for code, name in codes)
        assert results_digest(upgraded, tmp_path, NOW) == digest
    finally:
        upgraded.close()
    assert _export(f"sqlite:///{old}", tmp_path) == exported


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0020_turns_stored_names_into_codes_on_each_engine(
    engine_name: str, tmp_path: Path
) -> None:
    """Rows stored at 0017 (names) read back through the ORM and raw SQL alike once
    upgraded, their holds and holder kept; on PostgreSQL too, where the names stay stored
    as generated columns."""
    with ExitStack() as stack:
        if engine_name == "sqlite":
            url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
        else:
            url = stack.enter_context(postgres_database(seeded=False))
        engine = make_engine(url)
        stack.callback(engine.dispose)
        with engine.begin() as connection:
            upgrade(connection, "0017")
            connection.execute(
                text(
                    "INSERT INTO tickets (id, subject, tags, priority, status, created_at,"
                    " updated_at, version, sla_state) VALUES"
                    " (1, 's', '', 'high', 'open', 100, 100, 1, 'ok')"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO ticket_clocks (id, ticket_id, metric, cycle_index, started_at,"
                    " stopped_at, state, target, elapsed, remaining, at_risk, priority,"
                    " evaluated_at) VALUES"
                    " (7, 1, 'resolution', 0, 100, 300, 'breached', 60, 200, -140, false,"
                    " 'high', 900),"
                    " (8, 1, 'periodic_update', 1, 300, NULL, 'paused', 60, 20, 40, false,"
                    " NULL, 900)"
                )
            )
            connection.execute(
                text("INSERT INTO ticket_clock_holds (clock_id, seconds) VALUES (7, 200)")
            )
            connection.execute(
                text("INSERT INTO ticket_clock_holders (clock_id, stopped_at) VALUES (7, 300)")
            )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
        with engine.connect() as connection:
            orm = connection.execute(
                select(TicketClock.id, TicketClock.metric, TicketClock.state, TicketClock.priority)
                .where(TicketClock.state == "breached")
                .order_by(TicketClock.id)
            ).all()
            raw = connection.execute(
                text(
                    "SELECT id, metric_code, metric, state_code, state, priority_code, priority"
                    " FROM ticket_clocks ORDER BY id"
                )
            ).all()
            kept = connection.execute(
                text(f"SELECT (SELECT count(*) FROM {HELD_PIECES} h WHERE clock_id = 7),"
                     " (SELECT count(*) FROM ticket_clocks WHERE id = 7 AND holds_at = 300)")
            ).one()  # fmt: skip
        assert [tuple(row) for row in orm] == [(7, "resolution", "breached", "high")]
        assert [tuple(row) for row in raw] == [
            (7, 3, "resolution", 3, "breached", 1, "high"),
            (8, 2, "periodic_update", 1, "paused", None, None),
        ]
        assert tuple(kept) == (1, 1)
        with engine.begin() as connection, pytest.raises(IntegrityError):
            connection.execute(
                insert(TicketClock).values(
                    ticket_id=1, metric="resolutoin", cycle_index=5, started_at=1,
                    state="running", target=1, elapsed=0, remaining=1, evaluated_at=1,
                )
            )  # fmt: skip
