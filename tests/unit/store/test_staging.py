"""Rows bound by a helper process and copied by SQLite (``store.staging``,
``dialect.staging``): the rows, values, types and order that binding them in place
gives, whatever becomes of the helper."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, Engine, create_engine

from slaworkbench.store import dialect
from slaworkbench.store.clocks.transfer import copy_staged_target, insert_rows, update_rows
from slaworkbench.store.staging import (
    STAGED_TABLE,
    Stager,
    Target,
    can_stage,
    staged_columns,
    staged_rows,
)
from tests.support.processes import ends_with_its_parent

pytestmark = pytest.mark.skipif(not can_stage(), reason="this sqlite3 cannot serialize")

_NAMES = ("a", "b", "c")
_TABLES = ("copied", "bound")

_values = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.text(max_size=12),
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = Path(tmp_path_factory.mktemp("staging")) / "staging.sqlite3"
    made = create_engine(f"sqlite:///{path}")
    with made.begin() as connection:
        for table in _TABLES:  # declared types: a value takes each column's affinity
            connection.exec_driver_sql(f"CREATE TABLE {table} (a BIGINT, b TEXT, c INTEGER)")
    yield made
    made.dispose()


def _read(connection: Connection, table: str) -> list[tuple[Any, ...]]:
    columns = ", ".join(f"{c}, typeof({c})" for c in _NAMES)
    found = connection.exec_driver_sql(f"SELECT {columns} FROM {table} ORDER BY rowid")
    return [tuple(row) for row in found]


def _copy(connection: Connection) -> Any:
    return partial(copy_staged_target, connection)


def _insert(connection: Connection) -> Any:
    def insert(target: Target, rows: list[tuple[Any, ...]]) -> None:
        insert_rows(connection, target.table, target.names, rows)

    return insert


def _columns(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    return [list(column) for column in zip(*rows, strict=True)] if rows else [[], [], []]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_values, _values, _values), max_size=700))
def test_copied_rows_equal_rows_bound_in_place(engine: Engine, rows: list[tuple[Any, ...]]) -> None:
    """Values, their types (each column's affinity) and order, over whole statements
    of the helper and the rest (333 rows of three values per statement)."""
    data = staged_rows(_columns(rows))
    with engine.connect() as connection, dialect.staging(connection) as attached:
        assert attached and dialect.stages(connection)
        with connection.begin():
            for table in _TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table}")
            dialect.copy_staged(connection, data, "copied", _NAMES, STAGED_TABLE, staged_columns(3))
            insert_rows(connection, "bound", _NAMES, rows)
            assert _read(connection, "copied") == _read(connection, "bound")
            assert len(_read(connection, "copied")) == len(rows)


def _groups(count: int) -> list[list[tuple[Any, ...]]]:
    return [
        [(k * 1000 + i, f"row {k}.{i}", None if i % 3 else i) for i in range(5 + k)]
        for k in range(count)
    ]


def _stage_all(engine: Engine, groups: list[list[tuple[Any, ...]]], between: Any = None) -> int:
    """Hand ``groups`` to a stager, flush after each second one (``between`` runs with
    the stager after the first), and return how many groups came staged."""
    with engine.connect() as connection, dialect.staging(connection):
        with connection.begin():
            for table in _TABLES:
                connection.exec_driver_sql(f"DELETE FROM {table}")
            stager = Stager(_copy(connection), _insert(connection))
            try:
                for position, group in enumerate(groups):
                    stager.submit(Target("copied", _NAMES), _columns(group))
                    insert_rows(connection, "bound", _NAMES, group)
                    if position == 0 and between is not None:
                        between(stager)
                    if position % 2:
                        stager.flush()
                stager.flush()
            finally:
                stager.close()
            assert _read(connection, "copied") == _read(connection, "bound")
        return stager.staged


def test_a_stager_writes_every_group_in_order(engine: Engine) -> None:
    assert _stage_all(engine, _groups(7)) == 7


def test_groups_a_dead_helper_left_are_inserted_here(engine: Engine) -> None:
    """Killed after its first group: that one may come staged, the others are inserted
    by the writer, and the rows are the same."""

    def kill(stager: Stager) -> None:
        stager.flush()
        os.kill(stager._process.pid, signal.SIGKILL)
        stager._process.wait()

    assert _stage_all(engine, _groups(6), kill) == 1


def test_a_group_the_helper_cannot_stage_is_inserted_here(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value SQLite cannot take (an integer beyond 64 bits) fails in the helper: the
    writer inserts that group itself, and its own driver says what is wrong."""
    with engine.connect() as connection, dialect.staging(connection), connection.begin():
        connection.exec_driver_sql("DELETE FROM copied")
        inserted: list[int] = []
        stager = Stager(_copy(connection), lambda target, rows: inserted.append(len(rows)))
        try:
            stager.submit(Target("copied", _NAMES), [[2**70], ["x"], [1]])
            stager.submit(Target("copied", _NAMES), [[1, 2], ["y", "z"], [3, 4]])
            stager.flush()
        finally:
            stager.close()
        assert inserted == [1]
        assert stager.staged == 1
        assert [row[0] for row in _read(connection, "copied")] == [1, 2]


def test_staged_values_set_on_the_rows_of_their_keys_as_an_update_in_place(
    engine: Engine,
) -> None:
    """A target with a key: each staged row's values set on the row whose key is its
    last value (``UPDATE … FROM``), as ``update_rows`` sets them; other rows untouched."""
    first = [(k, f"row {k}", k * 10) for k in range(1, 8)]
    changes = [("changed", None, 2), ("again", 7, 5), ("last", -1, 7)]
    with engine.connect() as connection, dialect.staging(connection), connection.begin():
        for table in _TABLES:
            connection.exec_driver_sql(f"DELETE FROM {table}")
            insert_rows(connection, table, _NAMES, first)
        data = staged_rows([list(column) for column in zip(*changes, strict=True)])
        dialect.copy_staged(
            connection, data, "copied", ("b", "c"), STAGED_TABLE, staged_columns(3), key="a"
        )
        update_rows(connection, "bound", ("b", "c"), changes, key="a")
        assert _read(connection, "copied") == _read(connection, "bound")
        assert _read(connection, "copied")[1][2:4] == ("changed", "text")


def test_a_copy_is_part_of_the_callers_transaction(engine: Engine) -> None:
    """Rolled back with it; the staged database is gone with the block."""
    data = staged_rows([[1, 3], ["x", None], [2, None]])
    with engine.connect() as connection:
        with dialect.staging(connection):
            with connection.begin():
                connection.exec_driver_sql("DELETE FROM copied")
            transaction = connection.begin()
            dialect.copy_staged(connection, data, "copied", _NAMES, STAGED_TABLE, staged_columns(3))
            assert connection.exec_driver_sql("SELECT count(*) FROM copied").scalar_one() == 2
            transaction.rollback()
        assert connection.exec_driver_sql("SELECT count(*) FROM copied").scalar_one() == 0
        schemas = [row[1] for row in connection.exec_driver_sql("PRAGMA database_list")]
        assert dialect.STAGED_SCHEMA not in schemas
        assert not dialect.stages(connection)


def test_no_staging_inside_a_transaction(engine: Engine) -> None:
    """An attachment cannot be made inside one: rows are then bound in place."""
    with (
        engine.connect() as connection,
        connection.begin(),
        dialect.staging(connection) as attached,
    ):
        assert not attached and not dialect.stages(connection)


_KILLED_PARENT = """
import time
from slaworkbench.store.staging import Stager

stager = Stager(None, None)
print(stager._process.pid, flush=True)
time.sleep(600)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and /proc are POSIX")
def test_the_helper_ends_when_its_parent_is_killed() -> None:
    assert ends_with_its_parent(_KILLED_PARENT)
