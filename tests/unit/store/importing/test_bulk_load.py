"""A bulk load (issue 16): a rollback journal and the secondary indexes built after the
load, both undone afterwards, and the same workspace as a load without them."""

from __future__ import annotations

import pickle
import pickletools
import sqlite3
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

import pytest
from sqlalchemy import Connection, inspect

from slaworkbench.app.demo import workspace as demo_workspace
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store import dialect
from slaworkbench.store.importing.bulk import (
    LOADED_TABLES,
    after_load,
    indexes_after_load,
    ready_plan,
)
from slaworkbench.store.importing.export import export_tickets
from slaworkbench.store.schema import OPEN_ID_INDEX
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_780_000_000


def _indexes(ws: Workspace) -> dict[str, set[str]]:
    with ws.engine.connect() as connection:
        return _indexes_of(connection)


def _indexes_of(connection: Connection) -> dict[str, set[str]]:
    found = inspect(connection)
    return {t.name: {str(i["name"]) for i in found.get_indexes(t.name)} for t in LOADED_TABLES}


def _pragmas(connection: sqlite3.Connection) -> tuple[object, ...]:
    return tuple(
        connection.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "synchronous", "temp_store", "cache_size", "threads")
    )


def test_a_lone_connection_loads_with_a_rollback_journal_and_gets_wal_back(
    tmp_path: Path,
) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        with ws.engine.connect() as connection:
            driver = connection.connection.dbapi_connection
            assert isinstance(driver, sqlite3.Connection)
            before = _pragmas(driver)
            assert before[0] == "wal"
            with dialect.bulk_load_settings(connection):
                during = _pragmas(driver)
            assert _pragmas(driver) == before
        assert during[0] == "delete"
        assert during[2] == 1  # sorts beyond the cache spill to temporary files
        assert during[3] == -dialect.LOAD_CACHE_KIB
        assert during[4] == dialect.load_sort_threads()
    finally:
        ws.close()


def test_another_open_connection_keeps_the_file_in_wal_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite3"
    ws = open_workspace(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("SELECT count(*) FROM tickets").fetchone()
        with ws.engine.connect() as connection:
            driver = connection.connection.dbapi_connection
            assert isinstance(driver, sqlite3.Connection)
            with dialect.bulk_load_settings(connection):
                assert _pragmas(driver)[0] == "wal"
            assert driver.execute("PRAGMA busy_timeout").fetchone()[0] == dialect.BUSY_TIMEOUT_MS
    finally:
        other.close()
        ws.close()


def test_a_connection_opened_during_a_load_reads_at_once_and_wal_comes_back(
    tmp_path: Path,
) -> None:
    """The window opens connections while its demo is built: their set-up must not wait
    out the busy timeout trying to put the file back in WAL (the end-to-end start-up
    test logged "database is locked" from a reference-data task before this)."""
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    ws = open_workspace(url)
    try:
        with ws.begin_bulk() as connection:
            connection.exec_driver_sql(
                "INSERT INTO teams (name) VALUES ('Desk')"
            )  # the load holds the write lock
            reader = dialect.make_engine(url)
            try:
                with reader.connect() as other:
                    count = other.exec_driver_sql("SELECT count(*) FROM teams").scalar_one()
                    mode = other.exec_driver_sql("PRAGMA busy_timeout").scalar_one()
            finally:
                reader.dispose()
        assert count == 0  # the load's rows are not visible before it commits
        assert mode == dialect.BUSY_TIMEOUT_MS
        with ws.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
    finally:
        ws.close()


def test_indexes_come_back_after_the_load_and_after_a_failed_one(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        before = _indexes(ws)
        assert len(before["ticket_clocks"]) >= 2
        with ws.begin_bulk() as connection, indexes_after_load(connection):
            during = _indexes_of(connection)
        assert _indexes(ws) == before
        assert during["tickets"] <= {OPEN_ID_INDEX} | {
            name for name in before["tickets"] if name.startswith("sqlite_autoindex")
        }
        assert OPEN_ID_INDEX in during["tickets"]
        with (
            pytest.raises(RuntimeError),
            ws.begin_bulk() as connection,
            indexes_after_load(connection),
        ):
            raise RuntimeError("the load failed")
        assert _indexes(ws) == before
    finally:
        ws.close()


def test_work_after_the_load_runs_once_its_indexes_are_built(tmp_path: Path) -> None:
    """``after_load``: at once outside a block; inside one, after the dropped indexes
    are built again (also from a nested block that dropped nothing); never when the
    load failed."""
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        seen: list[tuple[str, set[str]]] = []
        with ws.begin_bulk() as connection:

            def look(label: str) -> Callable[[], None]:
                return lambda: seen.append((label, _indexes_of(connection)["ticket_clocks"]))

            after_load(connection, look("outside"))
            with indexes_after_load(connection):
                dropped = _indexes_of(connection)["ticket_clocks"]
                after_load(connection, look("inside"))
                with indexes_after_load(connection, ()):  # drops nothing: the outer's
                    after_load(connection, look("nested"))
                assert [label for label, _ in seen] == ["outside"]
        built = _indexes(ws)["ticket_clocks"]
        assert len(dropped) < len(built)
        assert seen == [("outside", built), ("inside", built), ("nested", built)]
        seen.clear()
        with (
            pytest.raises(RuntimeError),
            ws.begin_bulk() as connection,
            indexes_after_load(connection),
        ):
            after_load(connection, look("failed"))
            raise RuntimeError("the load failed")
        assert seen == []
    finally:
        ws.close()


def test_a_table_that_holds_rows_keeps_its_indexes(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        generate_demo(ws, tickets=20, seed=2, now=NOW)
        before = _indexes(ws)
        with ws.begin_bulk() as connection, indexes_after_load(connection):
            assert _indexes_of(connection) == before
    finally:
        ws.close()


def _exports(path: Path) -> tuple[str, list[tuple[object, ...]], list[tuple[object, ...]]]:
    ws = open_workspace(f"sqlite:///{path}")
    try:
        generate_demo(ws, tickets=600, seed=4, now=NOW)
        target = path.with_suffix(".csv")
        with ws.engine.connect() as connection:
            export_tickets(connection, target, now=NOW)
            clocks = connection.exec_driver_sql(
                "SELECT * FROM ticket_clocks ORDER BY ticket_id, metric, cycle_index"
            ).all()
            tickets = connection.exec_driver_sql("SELECT * FROM tickets ORDER BY id").all()
        return (
            target.read_text(encoding="utf-8-sig"),
            [tuple(r) for r in clocks],
            [tuple(r) for r in tickets],
        )
    finally:
        ws.close()


def test_a_bulk_loaded_demo_exports_exactly_what_a_plain_write_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk = _exports(tmp_path / "bulk.sqlite3")
    with monkeypatch.context() as patched:  # the way it was written before issue 16
        patched.setattr(Workspace, "begin_bulk", lambda self, **_: Workspace.begin(self))
        patched.setattr(demo_workspace, "indexes_after_load", lambda *_args: nullcontext())
        plain = _exports(tmp_path / "plain.sqlite3")
    assert bulk[0] == plain[0]
    assert bulk[1] == plain[1]
    assert bulk[2] == plain[2]
    assert bulk[0].count("\n") == 601
    assert len(bulk[1]) > 600


def test_sort_threads_last_for_the_block_even_when_it_fails(tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        with ws.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA threads = 0")
            connection.commit()
            with connection.begin(), dialect.sort_threads(connection):  # as an upgrade
                during = connection.exec_driver_sql("PRAGMA threads").scalar_one()
            after = connection.exec_driver_sql("PRAGMA threads").scalar_one()
            with pytest.raises(RuntimeError), dialect.sort_threads(connection):
                raise RuntimeError("the upgrade failed")
            after_failure = connection.exec_driver_sql("PRAGMA threads").scalar_one()
    finally:
        ws.close()
    assert during == dialect.load_sort_threads()
    assert after == after_failure == 0


def test_a_ready_plan_pickles_without_sqlalchemy(tmp_path: Path) -> None:
    """The reading process unpickles its plan first: a SQLAlchemy object in it (a table's
    ``quoted_name`` as a key) made that process import SQLAlchemy, a third of a second
    of an import's critical path."""
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    try:
        with ws.engine.connect() as connection:
            plan = ready_plan(connection)
        assert plan is not None
        modules = {
            str(argument).rsplit(" ", 1)[0]
            for opcode, argument, _ in pickletools.genops(pickle.dumps(plan))
            if opcode.name in ("GLOBAL", "SHORT_BINUNICODE") and "." in str(argument)
        }
        assert modules == {"slaworkbench.store.importing.ready"}
    finally:
        ws.close()
