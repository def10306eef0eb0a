"""``slaworkbench migrate``: a demo workspace moved from a SQLite file to PostgreSQL (and
to another file) arrives with identical row counts, clock results and report figures;
a non-empty target is refused; a move that fails verification keeps nothing."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, inspect, select, update

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.cli.main import main
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.store import moving
from slaworkbench.store.schema import Base, Ticket
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_790_000_000
DEMO_TICKETS = int(os.environ.get("SLAWORKBENCH_MIGRATE_TICKETS", "3000"))
"""A few thousand in the default suite; ``make bench`` sets 100,000."""


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with open_workspace(str(path)) as ws:
        generate_demo(ws, tickets=DEMO_TICKETS, seed=11, now=NOW)
    return path


def counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def figures(ws: Workspace) -> Any:
    start = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
    filters = Filters(start - dt.timedelta(days=120), start + dt.timedelta(days=1))
    with ws.session() as session:
        report = build_report(session, ReportOptions(filters), workspace="w", now=NOW)
    return report


def moved_matches(source_path: Path, target_url: str) -> None:
    with open_workspace(str(source_path), create=False) as source:
        want_counts, want_figures = counts(source), figures(source)
        with source.engine.connect() as connection:
            want_checksum = moving.clock_checksum(connection)
    with open_workspace(target_url, create=False) as target:
        assert counts(target) == want_counts
        assert figures(target) == want_figures
        with target.engine.connect() as connection:
            assert moving.clock_checksum(connection) == want_checksum
        # New rows take ids after the copied ones.
        created = create_ticket(target, NewTicket(subject="after the move"), author="t", now=NOW)
        assert created > want_counts["tickets"]


def test_a_demo_moves_to_postgresql_with_identical_counts_and_figures(
    demo_file: Path, scratch_server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--from", str(demo_file), "--to", scratch_server_url]) == 0
    assert "verified" in capsys.readouterr().out
    moved_matches(demo_file, scratch_server_url)

    assert main(["migrate", "--from", str(demo_file), "--to", scratch_server_url]) == 1
    assert "is not empty" in capsys.readouterr().err


def test_a_demo_moves_to_another_file(demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "moved.sqlite3"
    assert main(["migrate", "--from", str(demo_file), "--to", str(target)]) == 0
    moved_matches(demo_file, str(target))


def test_a_move_that_fails_verification_keeps_nothing(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    real = moving.clock_checksum
    target = tmp_path / "moved.sqlite3"

    def differing(connection: Any) -> str:  # the copy's checksum read wrong
        copy = str(connection.engine.url.database).endswith(target.name)
        return real(connection) + ("x" if copy else "")

    monkeypatch.setattr(moving, "clock_checksum", differing)
    assert main(["migrate", "--from", str(demo_file), "--to", str(target)]) == 1
    assert "differ from the source" in capsys.readouterr().err
    monkeypatch.undo()
    assert main(["migrate", "--from", str(demo_file), "--to", str(target)]) == 0


def every_row(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, as SQLAlchemy reads it (booleans, dates, NULLs...)."""
    with ws.engine.connect() as connection:
        return {
            table.name: sorted(
                (tuple(row) for row in connection.execute(select(*table.columns))), key=repr
            )
            for table in Base.metadata.sorted_tables
        }


def schema_objects(url: str) -> set[tuple[str, str]]:
    """The indexes (table, columns, unique or not, partial or not) and constraints
    (definition) of a server database, by name. A partial index's condition is printed
    with other casts once created from its printed form, so it is compared as "partial"."""
    with open_workspace(url, create=False) as ws, ws.engine.connect() as connection:
        indexes = connection.exec_driver_sql(
            "SELECT i.indexrelid::regclass::text, concat_ws(' ', i.indrelid::regclass::text,"
            " i.indisunique, i.indpred IS NOT NULL, (SELECT string_agg("
            "pg_get_indexdef(i.indexrelid, k, true), ',' ORDER BY k)"
            " FROM generate_series(1, i.indnatts) AS k))"
            " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE c.relnamespace = current_schema()::regnamespace"
        ).all()
        constraints = connection.exec_driver_sql(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE connamespace = current_schema()::regnamespace"
        ).all()
    return {(str(name), str(definition)) for name, definition in [*indexes, *constraints]}


TRICKY = "tab\there, back\\slash, \\N, line\nfeed, return\r, ünïcode “quotes” \\."


def test_every_value_arrives_as_it_was_with_every_index_and_constraint(
    tmp_path: Path, scratch_server_url: str, postgres_url: str
) -> None:
    """The raw copy (SQLite's text into COPY) keeps booleans, dates, NULLs, JSON and
    texts with tabs, line breaks and backslashes; the target's indexes and constraints,
    created after the copy, are those of a workspace created on the server."""
    source_path = tmp_path / "source.sqlite3"
    with open_workspace(str(source_path)) as source:
        generate_demo(source, tickets=60, seed=4, now=NOW)
        create_ticket(source, NewTicket(subject=TRICKY, description=TRICKY), author="t", now=NOW)
        want = every_row(source)
    assert main(["migrate", "--from", str(source_path), "--to", scratch_server_url]) == 0
    with open_workspace(scratch_server_url, create=False) as target:
        assert every_row(target) == want
    assert schema_objects(scratch_server_url) == schema_objects(postgres_url)


def _tables_on(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_a_nul_character_is_refused_with_a_sentence_and_nothing_is_kept(
    tmp_path: Path, scratch_server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source_path = tmp_path / "source.sqlite3"
    with open_workspace(str(source_path)) as source:
        generate_demo(source, tickets=20, seed=4, now=NOW)
        ticket_id = create_ticket(source, NewTicket(subject="fine"), author="t", now=NOW)
        with source.begin() as connection:
            connection.execute(
                update(Ticket).where(Ticket.id == ticket_id).values(subject="nul\x00here")
            )
    assert main(["migrate", "--from", str(source_path), "--to", scratch_server_url]) == 1
    error = capsys.readouterr().err
    assert f"the subject of tickets (id={ticket_id}) has a NUL character" in error
    assert "nothing was kept there" in error
    assert _tables_on(scratch_server_url) == []


def test_a_move_whose_constraints_fail_on_the_server_keeps_nothing(
    demo_file: Path, tmp_path: Path, scratch_server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The server checks the constraints once the rows are in, while the source's clock
    checksum is read beside it: a row of the file that refers to no ticket (written with
    SQLite's foreign keys off) fails the move with one sentence, and the server keeps
    nothing."""
    source = tmp_path / "orphan.sqlite3"
    source.write_bytes(demo_file.read_bytes())
    with closing(sqlite3.connect(source)) as connection:
        connection.execute(
            "INSERT INTO ticket_events (ticket_id, seq, at, type_code)"
            " VALUES (999999999, 1, 1700000000, 0)"
        )
        connection.commit()
    assert main(["migrate", "--from", str(source), "--to", scratch_server_url]) == 1
    error = capsys.readouterr().err
    assert "could not be moved" in error and "nothing was kept there" in error
    sentences = [line for line in error.splitlines() if line.startswith("slaworkbench:")]
    assert len(sentences) == 1 and "Traceback" not in error  # after the tables' progress
    assert _tables_on(scratch_server_url) == []
