"""Migration 0024 (the event log keyed by ticket and seq, without a row id of its own)
keeps every event of an older file: a demo written at head and stored into a file at 0023
reads back, once upgraded, with the same events in the same order and the same results;
on SQLite the table is then ``WITHOUT ROWID`` with no second index; on PostgreSQL too, the
key refuses a second event with the same seq."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, text
from sqlalchemy.exc import IntegrityError

from slaworkbench.store.dialect import make_engine
from slaworkbench.store.schema import TicketEvent
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, open_workspace, upgrade
from tests.support.engines import ENGINES
from tests.support.older_files import copy_into_revision, database_at, demo_file, insert_tickets
from tests.support.workspace_digest import results_digest

NOW = 1_780_000_000
EVENTS = (  # the author by name: an id since migration 0030
    "SELECT e.ticket_id, e.seq, e.at, e.type, a.name, e.status, e.priority, e.field, e.value"
    " FROM ticket_events e LEFT JOIN event_authors a ON a.id = e.author_id"
    " ORDER BY e.ticket_id, e.seq"
)


def _read(url: str, folder: Path) -> tuple[list[tuple[object, ...]], str]:
    workspace = open_workspace(url, create=False)
    try:
        with workspace.engine.connect() as connection:
            assert current_revision(connection) == SCHEMA_REVISION
            events = [tuple(row) for row in connection.execute(text(EVENTS))]
        return events, results_digest(workspace, folder, NOW)
    finally:
        workspace.close()


def test_an_upgraded_0023_file_keeps_every_event(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    events, digest = _read(f"sqlite:///{fresh}", tmp_path)
    assert len(events) > 1000

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0023")
    with make_engine(f"sqlite:///{old}").connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM ticket_events")).scalar() == len(
            events
        )
    assert _read(f"sqlite:///{old}", tmp_path) == (events, digest)

    with make_engine(f"sqlite:///{old}").connect() as connection:
        sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'ticket_events'")
        ).scalar()
        indexes = connection.execute(
            text(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'ticket_events' AND type = 'index'"
            )
        ).all()
    assert "WITHOUT ROWID" in sql
    assert indexes == []


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0024_keeps_the_log_and_its_key(engine_name: str, tmp_path: Path) -> None:
    """Events of two tickets, stored out of key order at 0023, read back in log order
    with every column; a second event with a ticket's seq is refused afterwards."""
    with database_at(engine_name, tmp_path, "0023") as engine:
        with engine.begin() as connection:
            insert_tickets(connection, [1, 2])
            connection.execute(
                text(
                    "INSERT INTO ticket_events (id, ticket_id, seq, at, type, author, status,"
                    " priority, field, value) VALUES"
                    " (1, 2, 1, 100, 'created', 'b@x', 'new', 'low', NULL, NULL),"
                    " (2, 1, 2, 150, 'field_changed', 'Ana', NULL, NULL, 'team', 'Desk'),"
                    " (3, 1, 1, 100, 'created', 'a@x', 'open', 'high', NULL, NULL),"
                    " (4, 2, 2, 160, 'status_changed', 'Ana', 'pending', NULL, NULL, NULL)"
                )
            )
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
        with engine.connect() as connection:
            events = [tuple(row) for row in connection.execute(text(EVENTS))]
        assert events == [
            (1, 1, 100, "created", "a@x", "open", "high", None, None),
            (1, 2, 150, "field_changed", "Ana", None, None, "team", "Desk"),
            (2, 1, 100, "created", "b@x", "new", "low", None, None),
            (2, 2, 160, "status_changed", "Ana", "pending", None, None, None),
        ]
        with pytest.raises(IntegrityError), engine.begin() as connection:
            # Through the schema at head (the type is a code since migration 0026).
            connection.execute(
                insert(TicketEvent), [{"ticket_id": 1, "seq": 2, "at": 200, "type": "agent_reply"}]
            )
