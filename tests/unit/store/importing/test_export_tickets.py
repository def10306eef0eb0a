"""Ticket CSV import and the export: synthesised events, formula guard, clocks."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from slaworkbench.app.importing.run import import_ticket_csv
from slaworkbench.domain.model import EventType, Status
from slaworkbench.store.importing.export import HEADER, export_tickets, guard_cell
from slaworkbench.store.importing.records import ImportFileError
from slaworkbench.store.importing.ticket_csv import parse_ticket_csv
from tests.support.import_files import content_hash, row_counts, workspace, write_csv

TICKETS = (
    "ID,Subject,Priority,Customer,Team,Assignee,Created,First Response,Resolved,Closed\n"
    "T1,=cmd|' /C calc'!A0,high,@evil,+team,-ana,2026-03-02T09:00:00Z,"
    "2026-03-02T09:30:00Z,2026-03-02T12:00:00Z,2026-03-04T12:00:00Z\n"
    "T2,\tTabbed,low,Acme,Desk,bo,02/03/2026 10:00,,,\n"
)


@pytest.mark.parametrize(
    ("cell", "guarded"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain = fine", "plain = fine"),
        ("", ""),
        ("\n=1+1", "'\n=1+1"),
        ("\rcmd", "'\rcmd"),
        (" =1+1", "' =1+1"),
        ("  \t+1", "'  \t+1"),
        (" -2", "' -2"),
        (" @A1", "' @A1"),
        ("\u200b=1+1", "'\u200b=1+1"),
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20A1", "'\uff20A1"),
        (" \u200b\uff1dx", "' \u200b\uff1dx"),
        ("  plain", "  plain"),
        ("a=b", "a=b"),
    ],
)
def test_guard_cell(cell: str, guarded: str) -> None:
    assert guard_cell(cell) == guarded


def test_ticket_rows_become_events(tmp_path: Path) -> None:
    parsed = parse_ticket_csv(write_csv(tmp_path / "t.csv", TICKETS))
    t1, t2 = parsed.tickets
    assert [e.type for e in t1.events] == [
        EventType.CREATED,
        EventType.ASSIGNED,  # the assignee the row names, from creation
        EventType.AGENT_REPLY,
        EventType.STATUS_CHANGED,
        EventType.STATUS_CHANGED,
    ]
    assert t1.events[1].value == t1.assignee is not None
    assert t1.status is Status.CLOSED and t1.solved_at == 1772452800
    assert t2.status is Status.NEW and [e.type for e in t2.events] == [
        EventType.CREATED,
        EventType.ASSIGNED,
    ]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("T9,x,normal,,,,not-a-date,,,", "line 2, column 'Created': 'not-a-date'"),
        ("T9,x,severe,,,,2026-03-02T09:00:00Z,,,", "line 2, column 'Priority': 'severe'"),
        (",x,normal,,,,2026-03-02T09:00:00Z,,,", "line 2, column 'ID': the ticket id is missing"),
        (
            "T9,x,normal,,,,2026-03-02T09:00:00Z,2026-03-01T09:00:00Z,,",
            "line 2, column 'First Response'",
        ),
    ],
)
def test_bad_ticket_rows_are_rejected_with_line_and_column(
    tmp_path: Path, row: str, expected: str
) -> None:
    header = TICKETS.splitlines()[0]
    ws = workspace(tmp_path)
    try:
        before = row_counts(ws)
        with pytest.raises(ImportFileError, match="Nothing was imported") as caught:
            import_ticket_csv(ws, write_csv(tmp_path / "t.csv", f"{header}\n{row}\n"))
        assert f"(first: {expected}" in str(caught.value)
        assert row_counts(ws) == before
    finally:
        ws.close()


def test_missing_created_column_is_a_file_error(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        before, digest = row_counts(ws), content_hash(ws)
        with pytest.raises(ImportFileError, match="'created'"):
            import_ticket_csv(ws, write_csv(tmp_path / "t.csv", "id,subject\nT1,x\n"))
        assert row_counts(ws) == before and content_hash(ws) == digest
    finally:
        ws.close()


def test_export_guards_every_text_cell(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        import_ticket_csv(ws, write_csv(tmp_path / "t.csv", TICKETS))
        out = tmp_path / "out.csv"
        with ws.engine.connect() as connection:
            assert export_tickets(connection, out) == 2
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert tuple(rows[0]) == HEADER
        first = rows[0]
        assert first["subject"] == "'=cmd|' /C calc'!A0"
        assert first["customer"] == "'@evil"
        assert first["team"] == "'+team"
        assert first["assignee"] == "'-ana"
        assert rows[1]["subject"] == "Tabbed"  # the importer trims surrounding space
        assert first["created_at"] == "2026-03-02T09:00:00Z"
        for row in rows:
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    finally:
        ws.close()


def test_the_worst_of_equal_cycles_is_the_earliest_whatever_the_row_order(
    tmp_path: Path,
) -> None:
    """Two periodic-update cycles with the same remaining time: the export names the
    first, as ``MetricResult.worst`` does, even when the rows come back the other way."""
    from sqlalchemy import insert

    from slaworkbench.store.schema import Ticket, TicketClock

    ws = workspace(tmp_path)
    try:
        with ws.begin() as connection:
            ticket_id = connection.execute(
                insert(Ticket)
                .values(subject="s", priority="normal", status="open", created_at=0, updated_at=0)
                .returning(Ticket.id)
            ).scalar_one()
            for index, due in ((1, 7_200), (0, 3_600)):  # the later cycle stored first
                connection.execute(
                    insert(TicketClock).values(
                        ticket_id=ticket_id, metric="periodic_update", cycle_index=index,
                        started_at=0, stopped_at=60, state="achieved", target=600, elapsed=60,
                        remaining=540, due_at=due, evaluated_at=60,
                    )
                )  # fmt: skip
        out = tmp_path / "out.csv"
        with ws.engine.connect() as connection:
            export_tickets(connection, out)
        with out.open(encoding="utf-8-sig", newline="") as handle:
            (row,) = list(csv.DictReader(handle))
        assert row["periodic_update_due_at"] == "1970-01-01T01:00:00Z"
    finally:
        ws.close()
