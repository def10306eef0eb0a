"""The clock checksum ``migrate`` verifies a move with (``moving.clock_checksum``, text
the database writes for each row) sees a change to any stored column of any clock row,
tells NULL from every number, ignores nothing and depends only on the rows' values:
the same on SQLite and PostgreSQL for the same rows (``test_migrate_command`` moves a
demo and compares both sides)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Table

from slaworkbench.store import dialect
from slaworkbench.store.moving import clock_checksum
from slaworkbench.store.schema import TicketClock
from slaworkbench.store.workspace import Workspace
from tests.support.twin_demos import demo_on

NOW = 1_779_890_400  # Wednesday 27 May 2026, 14:00 UTC
CLOCKS = TicketClock.__table__
assert isinstance(CLOCKS, Table)


@pytest.fixture
def demo(engine_name: str, tmp_path: Path) -> Iterator[Workspace]:
    with demo_on(engine_name, tmp_path, tickets=40, seed=3, now=NOW) as workspace:
        yield workspace


def _changed(connection: Connection, sql: str) -> str:
    """The checksum after ``sql``, in a transaction rolled back after."""
    transaction = connection.begin()
    try:
        connection.exec_driver_sql(sql)
        return clock_checksum(connection)
    finally:
        transaction.rollback()


def test_every_stored_column_counts(demo: Workspace) -> None:
    with demo.engine.connect() as connection:
        before = clock_checksum(connection)
        connection.rollback()
        assert len(before) == 64
        row = connection.exec_driver_sql(
            "SELECT MAX(id) FROM ticket_clocks WHERE stopped_at IS NOT NULL"
        ).scalar_one()
        connection.rollback()
        same = _changed(connection, f"UPDATE ticket_clocks SET elapsed = elapsed WHERE id = {row}")
        assert same == before  # rewriting a value as it was changes nothing
        for column in dialect.stored_columns(CLOCKS):
            name = column.name
            if name in ("id", "ticket_id", "metric_code", "cycle_index"):
                continue  # the key: moved below
            keys = list(column.foreign_keys)
            if keys:  # another referenced row, or none
                target = keys[0].column.table.name
                values = [f"(SELECT {f}(id) FROM {target})" for f in ("MIN", "MAX")] + ["NULL"]
            elif name == "at_risk":
                values = ["NOT at_risk" if _is_postgres(demo) else "1 - at_risk"]
            elif name.endswith("_code"):
                values = [f"CASE WHEN {name} = 1 THEN 2 ELSE 1 END"]
            else:
                values = [f"COALESCE({name}, 0) + 1", "0"] + (["NULL"] if column.nullable else [])
            sums = {
                value: _changed(
                    connection, f"UPDATE ticket_clocks SET {name} = {value} WHERE id = {row}"
                )
                for value in values
            }
            stored = {
                value: connection.exec_driver_sql(
                    f"SELECT {value} FROM ticket_clocks WHERE id = {row}"
                ).scalar()
                for value in values
            }
            connection.rollback()
            current = connection.exec_driver_sql(
                f"SELECT {name} FROM ticket_clocks WHERE id = {row}"
            ).scalar()
            connection.rollback()
            for value, after in sums.items():
                # a value other than the row's gives another checksum, NULL and 0 apart
                assert (after == before) == (stored[value] == current), (name, value)
            if "NULL" in sums and "0" in sums:
                assert sums["NULL"] != sums["0"], name
        # a row's cycle index moved to one no row has: another key, another sum
        moved = _changed(
            connection,
            f"UPDATE ticket_clocks SET cycle_index = cycle_index + 1000 WHERE id = {row}",
        )
        assert moved != before
        gone = _changed(connection, f"DELETE FROM ticket_clocks WHERE id = {row}")
        assert gone != before


def _is_postgres(workspace: Workspace) -> bool:
    return workspace.engine.dialect.name == "postgresql"
