"""Migration 0026 (the event log's type, status and priority stored as codes) keeps every
event of an older file: a demo written at head and stored into a file at 0025 reads back,
once upgraded, with the same events and the same results; on both engines every type,
status and priority (and NULL) comes back by name, the table keeps its key, and a name
outside the lists is refused afterwards, or, found in an older file, stops the upgrade
with the file left as it was."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import Connection, insert, select, text
from sqlalchemy.exc import IntegrityError

from slaworkbench.store.dialect import make_engine
from slaworkbench.store.schema import EVENT_TYPES, PRIORITIES, STATUSES, TicketEvent
from slaworkbench.store.workspace import SCHEMA_REVISION, current_revision, open_workspace, upgrade
from tests.support.engines import ENGINES, postgres_database
from tests.support.older_files import copy_into_revision, demo_file
from tests.support.workspace_digest import results_digest

NOW = 1_780_000_000
EVENTS = (  # the author by name: an id since migration 0030
    "SELECT e.ticket_id, e.seq, e.at, e.type, a.name, e.status, e.priority, e.field, e.value"
    " FROM ticket_events e LEFT JOIN event_authors a ON a.id = e.author_id"
    " ORDER BY e.ticket_id, e.seq"
)
OLD_EVENTS = (  # as 0025 stored them
    "SELECT ticket_id, seq, at, type, author, status, priority, field, value"
    " FROM ticket_events ORDER BY ticket_id, seq"
)
TICKETS = (
    "INSERT INTO tickets (id, subject, tags, priority, status, created_at,"
    " updated_at, version, sla_state) VALUES"
    " (1, 's', '', 'high', 'open', 100, 100, 1, 'ok'),"
    " (2, 't', '', 'low', 'open', 100, 100, 1, 'ok')"
)


def _read(url: str, folder: Path) -> tuple[list[tuple[object, ...]], str]:
    """The events by their names in SQL, and the digest; the names the ORM decodes from
    the codes (``Coded``) are the same."""
    workspace = open_workspace(url, create=False)
    try:
        with workspace.engine.connect() as connection:
            assert current_revision(connection) == SCHEMA_REVISION
            events = [tuple(row) for row in connection.execute(text(EVENTS))]
            decoded = connection.execute(
                select(TicketEvent.type, TicketEvent.status, TicketEvent.priority).order_by(
                    TicketEvent.ticket_id, TicketEvent.seq
                )
            ).all()
        assert [tuple(row) for row in decoded] == [(e[3], e[5], e[6]) for e in events]
        return events, results_digest(workspace, folder, NOW)
    finally:
        workspace.close()


def test_an_upgraded_0025_file_keeps_every_event(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", now=NOW)
    events, digest = _read(f"sqlite:///{fresh}", tmp_path)
    assert len(events) > 1000
    # Every type, status and priority, and NULL: a code read as another name shows.
    assert {event[3] for event in events} == set(EVENT_TYPES)
    assert {event[5] for event in events} == {None, *STATUSES}
    assert {event[6] for event in events} == {None, *PRIORITIES}

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0025")
    with make_engine(f"sqlite:///{old}").connect() as connection:
        columns = {row[1] for row in connection.execute(text("PRAGMA table_xinfo(ticket_events)"))}
        assert {"type", "status", "priority"} <= columns
        assert not columns & {"type_code", "status_code", "priority_code"}
        assert connection.execute(text(OLD_EVENTS)).all() == events  # stored as text at 0025
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
        stored = connection.execute(
            text("SELECT type_code, status_code, priority_code FROM ticket_events LIMIT 1")
        ).one()
    assert "WITHOUT ROWID" in sql
    assert "VIRTUAL" in sql
    assert indexes == []
    assert stored == (EVENT_TYPES.index(events[0][3]), STATUSES.index(str(events[0][5])),
                      PRIORITIES.index(str(events[0][6])))  # fmt: skip


def _old_rows() -> list[tuple[object, ...]]:
    """Every type, every status and priority, and NULLs, for two tickets (stored out of
    key order)."""
    rows: list[tuple[object, ...]] = []
    for seq, kind in enumerate(EVENT_TYPES, 1):
        status = STATUSES[seq % len(STATUSES)] if seq % 3 else None
        priority = PRIORITIES[seq % len(PRIORITIES)] if seq % 2 else None
        rows.append((2, seq, 100 + seq, kind, f"a{seq}", status, priority, None, None))
    rows += [(1, seq, 90, "status_changed", None, status, None, None, None)
             for seq, status in enumerate(STATUSES, 1)]  # fmt: skip
    rows += [(1, 10 + seq, 95, "priority_changed", "b", None, priority, "f", "v")
             for seq, priority in enumerate(PRIORITIES, 1)]  # fmt: skip
    return rows


def _insert_old(connection: Connection, rows: list[tuple[object, ...]]) -> None:
    for row in rows:
        connection.execute(
            text(
                "INSERT INTO ticket_events (ticket_id, seq, at, type, author, status, priority,"
                " field, value) VALUES (:t, :s, :at, :type, :au, :st, :p, :f, :v)"
            ),
            dict(zip(("t", "s", "at", "type", "au", "st", "p", "f", "v"), row, strict=True)),
        )


def _url(stack: ExitStack, engine_name: str, tmp_path: Path) -> str:
    if engine_name == "sqlite":
        return f"sqlite:///{tmp_path / 'db.sqlite3'}"
    return stack.enter_context(postgres_database(seeded=False))


@pytest.mark.parametrize("engine_name", ENGINES)
def test_0026_keeps_every_name_and_refuses_others(engine_name: str, tmp_path: Path) -> None:
    rows = _old_rows()
    with ExitStack() as stack:
        engine = make_engine(_url(stack, engine_name, tmp_path))
        stack.callback(engine.dispose)
        with engine.begin() as connection:
            upgrade(connection, "0025")
            connection.execute(text(TICKETS))
            _insert_old(connection, rows)
        with engine.begin() as connection:
            upgrade(connection)
            assert current_revision(connection) == SCHEMA_REVISION
        with engine.connect() as connection:
            events = [tuple(row) for row in connection.execute(text(EVENTS))]
            codes = connection.execute(
                text(
                    "SELECT type_code, status_code, priority_code FROM ticket_events"
                    " ORDER BY ticket_id, seq"
                )
            ).all()
            # The ORM reads and compares names (``Coded``).
            created = connection.execute(
                TicketEvent.__table__.select().where(TicketEvent.type == "created")
            ).all()
        assert events == sorted(rows, key=lambda row: (row[0], row[1]))
        assert [tuple(code) for code in codes] == [
            (
                EVENT_TYPES.index(str(row[3])),
                None if row[5] is None else STATUSES.index(str(row[5])),
                None if row[6] is None else PRIORITIES.index(str(row[6])),
            )
            for row in events
        ]
        assert [(row.ticket_id, row.seq) for row in created] == [(2, 1)]
        for column, value in (("type", "reopened"), ("status", "waiting"), ("priority", "p1")):
            with pytest.raises(IntegrityError), engine.begin() as connection:
                values = {"ticket_id": 1, "seq": 99, "at": 200, "type": "agent_reply"}
                connection.execute(insert(TicketEvent), [{**values, column: value}])
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO ticket_events (ticket_id, seq, at, type_code) VALUES (1, 99, 1, 8)"
                )
            )
        with pytest.raises(IntegrityError), engine.begin() as connection:  # the key holds
            connection.execute(
                text(
                    "INSERT INTO ticket_events (ticket_id, seq, at, type_code) VALUES (1, 1, 1, 3)"
                )
            )


@pytest.mark.parametrize("engine_name", ENGINES)
@pytest.mark.parametrize("column", ["status", "priority"])
def test_an_unknown_name_at_0025_stops_the_upgrade_losing_nothing(
    engine_name: str, column: str, tmp_path: Path
) -> None:
    """No writer stored a status or priority outside the lists, but the columns had no
    CHECK at 0025: such a text is not turned into NULL, the upgrade fails whole."""
    rows = _old_rows()
    odd = list(rows[0])
    odd[5 if column == "status" else 6] = "escalated"
    rows[0] = tuple(odd)
    with ExitStack() as stack:
        engine = make_engine(_url(stack, engine_name, tmp_path))
        stack.callback(engine.dispose)
        with engine.begin() as connection:
            upgrade(connection, "0025")
            connection.execute(text(TICKETS))
            _insert_old(connection, rows)
        with pytest.raises(IntegrityError), engine.begin() as connection:
            upgrade(connection)
        with engine.connect() as connection:
            assert current_revision(connection) == "0025"
            events = [tuple(row) for row in connection.execute(text(OLD_EVENTS))]
        assert events == sorted(rows, key=lambda row: (row[0], row[1]))
