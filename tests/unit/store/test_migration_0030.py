"""Migration 0030 (the event log's author stored as the id of its name in
``event_authors``) keeps every author of an older file exactly: a demo written at head
and stored into a file at 0029 reads back, once upgraded, with the same authors and the
same results; on both engines every text (NULL, unicode, 200 characters, an empty text,
names differing only in case or a trailing space) comes back as it was, each distinct
text is one name, the table keeps its key and the ids their names, and the ticket
actions then reuse or add names."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from slaworkbench.app.tickets.writes import append_events
from slaworkbench.store.clocks.inputs import read_ticket_inputs
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.schema import EVENT_TYPES, STATUSES, EventAuthor, TicketEvent
from slaworkbench.store.tickets.detail import fetch_ticket_detail
from slaworkbench.store.workspace import (
    SCHEMA_REVISION,
    alembic_config,
    current_revision,
    open_workspace,
    upgrade,
)
from tests.support.engines import ENGINES
from tests.support.older_files import copy_into_revision, database_at, demo_file, insert_tickets
from tests.support.workspace_digest import results_digest

NOW = 1_780_000_000
EVENTS = (
    "SELECT e.ticket_id, e.seq, e.at, e.type, a.name, e.status, e.priority, e.field, e.value"
    " FROM ticket_events e LEFT JOIN event_authors a ON a.id = e.author_id"
    " ORDER BY e.ticket_id, e.seq"
)
OLD_EVENTS = (
    "SELECT ticket_id, seq, at, type, author, status, priority, field, value"
    " FROM ticket_events ORDER BY ticket_id, seq"
)
LONG = "L" + "ö" * 198 + "Z"  # 200 characters, the column's length
AUTHORS = (
    "Ana",
    "ana",  # another name: the texts are kept as they were, case and all
    "Ana ",
    "zoë.łukasz@例え.jp",
    "山田 太郎",
    LONG,
    "",  # no importer stores it, but an older file may hold it
    "O'Brien; DROP TABLE x --",
    "system",
)


def _read(url: str, folder: Path) -> tuple[list[tuple[object, ...]], str]:
    """The events with their authors' names by SQL, and the digest; the ORM's
    ``TicketEvent.author`` reads the same names."""
    workspace = open_workspace(url, create=False)
    try:
        with workspace.engine.connect() as connection:
            assert current_revision(connection) == SCHEMA_REVISION
            events = [tuple(row) for row in connection.execute(text(EVENTS))]
            by_orm = connection.execute(
                select(TicketEvent.author)
                .select_from(TicketEvent)
                .order_by(TicketEvent.ticket_id, TicketEvent.seq)
            ).scalars()
            assert list(by_orm) == [event[4] for event in events]
        return events, results_digest(workspace, folder, NOW)
    finally:
        workspace.close()


def test_an_upgraded_0029_file_keeps_every_author(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    events, digest = _read(f"sqlite:///{fresh}", tmp_path)
    assert len(events) > 1000
    authors = {event[4] for event in events}
    assert len(authors) > 50  # agents and requesters

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0029")
    engine = make_engine(f"sqlite:///{old}")
    try:
        with engine.connect() as connection:
            columns = {
                row[1] for row in connection.execute(text("PRAGMA table_xinfo(ticket_events)"))
            }
            assert "author" in columns and "author_id" not in columns
            assert connection.execute(text(OLD_EVENTS)).all() == events  # text at 0029
            tables = connection.execute(
                text("SELECT count(*) FROM sqlite_master WHERE name = 'event_authors'")
            ).scalar()
            assert tables == 0
    finally:
        engine.dispose()
    assert _read(f"sqlite:///{old}", tmp_path) == (events, digest)

    engine = make_engine(f"sqlite:///{old}")
    try:
        with engine.connect() as connection:
            sql = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'ticket_events'")
            ).scalar()
            indexes = connection.execute(
                text(
                    "SELECT name FROM sqlite_master"
                    " WHERE tbl_name = 'ticket_events' AND type = 'index'"
                )
            ).all()
            names = connection.execute(text("SELECT name FROM event_authors")).scalars().all()
    finally:
        engine.dispose()
    assert "WITHOUT ROWID" in str(sql) and "author_id" in str(sql)
    assert indexes == []
    assert sorted(names) == sorted(str(author) for author in authors if author is not None)


def _old_rows() -> list[tuple[object, ...]]:
    """Every author of ``AUTHORS`` on two tickets (some more than once), NULLs, stored
    out of key order."""
    rows: list[tuple[object, ...]] = []
    for seq, author in enumerate(AUTHORS, 1):
        rows.append((2, seq, 100 + seq, "agent_reply", author, None, None, None, None))
    rows += [(1, seq, 90, "status_changed", None, "open", None, None, None) for seq in (1, 2)]
    rows += [(1, 2 + seq, 95, "field_changed", author, None, None, "team", "Desk")
             for seq, author in enumerate(reversed(AUTHORS), 1)]  # fmt: skip
    return rows


def _insert_old(engine: Engine, rows: list[tuple[object, ...]]) -> None:
    """The rows as 0029 stored them: the type and status as codes, the author as text."""
    with engine.begin() as connection:
        insert_tickets(connection, [1, 2])
        connection.execute(
            text(
                "INSERT INTO ticket_events (ticket_id, seq, at, type_code, author,"
                " status_code, field, value) VALUES (:t, :s, :at, :type, :au, :st, :f, :v)"
            ),
            [
                {
                    "t": t,
                    "s": seq,
                    "at": at,
                    "type": EVENT_TYPES.index(str(kind)),
                    "au": author,
                    "st": None if status is None else STATUSES.index(str(status)),
                    "f": field,
                    "v": value,
                }
                for t, seq, at, kind, author, status, _priority, field, value in rows
            ],
        )


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0030_keeps_every_author_exactly(engine_name: str, tmp_path: Path) -> None:
    rows = _old_rows()
    with database_at(engine_name, tmp_path, "0029") as engine:
        _insert_old(engine, rows)
        with engine.connect() as connection:
            assert connection.execute(text(OLD_EVENTS)).all() == sorted(rows)
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
        with engine.connect() as connection:
            events = [tuple(row) for row in connection.execute(text(EVENTS))]
            names = connection.execute(text("SELECT id, name FROM event_authors")).all()
            nulls = connection.execute(
                text("SELECT count(*) FROM ticket_events WHERE author_id IS NULL")
            ).scalar()
        assert events == sorted(rows)
        with engine.connect() as connection, Session(connection) as session:
            # The clock engine's inputs read the same authors (NULL ones too), in log order.
            inputs = read_ticket_inputs(session, [1, 2])
            detail = fetch_ticket_detail(session, 2)  # the ticket's timeline
        assert detail is not None
        assert [event.author for event in detail.events] == list(AUTHORS)
        assert [(item.ticket_id, event.at, event.author) for item in inputs
                for event in item.events] == [(row[0], row[2], row[4])
                for row in sorted(rows, key=lambda row: (row[0], row[2], row[1]))]  # fmt: skip
        # Each distinct text is one name; only the NULL authors have no id.
        assert sorted(name for _id, name in names) == sorted(AUTHORS)
        assert nulls == 2

        # The names' key and uniqueness, and the log's key, hold.
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(insert(EventAuthor), [{"name": "Ana"}])
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                insert(TicketEvent),
                [{"ticket_id": 1, "seq": 1, "at": 200, "type": "agent_reply"}],
            )
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(  # an id no name has
                insert(TicketEvent),
                [{"ticket_id": 1, "seq": 99, "at": 200, "type": "agent_reply", "author_id": 999}],
            )

        # A ticket action after the upgrade reuses a name, or adds it once.
        with engine.begin() as connection, Session(connection) as session:
            append_events(session, 1, 300, "Ana", [{"type": "agent_reply"}])
            append_events(session, 1, 301, "Bea", [{"type": "agent_reply"}])
            append_events(session, 2, 302, "Bea", [{"type": "agent_reply"}])
            session.flush()
        with engine.connect() as connection:
            added = connection.execute(
                text(
                    "SELECT e.ticket_id, a.name FROM ticket_events e"
                    " JOIN event_authors a ON a.id = e.author_id WHERE e.at >= 300"
                    " ORDER BY e.at"
                )
            ).all()
            counts = dict(
                connection.execute(
                    text("SELECT name, count(*) FROM event_authors GROUP BY name")
                ).all()
            )
        assert [tuple(row) for row in added] == [(1, "Ana"), (1, "Bea"), (2, "Bea")]
        assert counts["Ana"] == counts["Bea"] == 1 and len(counts) == len(AUTHORS) + 1


def test_0030_renders_for_postgresql_offline() -> None:
    """An offline (``--sql``) script fills and switches the column as a live upgrade does."""
    from alembic import command

    config = alembic_config()
    config.set_main_option("sqlalchemy.url", "postgresql://nobody@localhost/none")
    buffer = io.StringIO()
    config.output_buffer = buffer
    command.upgrade(config, "0029:0030", sql=True)
    sql = buffer.getvalue()
    assert "CREATE TABLE event_authors" in sql
    assert "INSERT INTO event_authors (name) SELECT author FROM ticket_events" in sql
    assert "UPDATE ticket_events SET author_id = a.id FROM event_authors a" in sql
    assert "ALTER TABLE ticket_events DROP COLUMN author" in sql
    assert "FOREIGN KEY(author_id) REFERENCES event_authors (id)" in sql
