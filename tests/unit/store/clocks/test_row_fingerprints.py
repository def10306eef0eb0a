"""A re-baseline compares stored clock rows with new ones by fingerprint: the one SQL
computes from a stored row (``_FINGERPRINT_SQL``) must be the one numpy computes from the
same values (``_fingerprints``), for any values a row can hold — NULLs, the extremes of
a 64-bit integer, negative numbers — and a running cycle's reading must not count.

The rows are stored in a table with ``ticket_clocks``' own column types and read by the
re-baseline's own reader (``read_ints``), on each engine: PostgreSQL's integer types and
its driver's placeholders are part of what must agree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Engine, MetaData, Table, TypeDecorator

from slaworkbench.store.clocks.bulk import (
    _FINGERPRINT_SQL,
    _OLD_CLOCK_COLUMNS,
    _fingerprints,
    _stored_live,
)
from slaworkbench.store.clocks.transfer import read_ints
from slaworkbench.store.schema import TicketClock
from slaworkbench.store.workspace import open_workspace

COLUMNS = (
    "id", "ticket_id", "metric_code", "cycle_index", "started_at", "stopped_at",
    "state_code", "target", "elapsed", "remaining", "due_at", "breached_at", "at_risk",
    "risk_at", "priority_code", "policy_version_id",
)  # fmt: skip
NULLABLE = {"stopped_at", "due_at", "breached_at", "risk_at", "priority_code", "policy_version_id"}

any_int = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-5, 5),
    st.integers(0, 2_000_000_000),
    st.sampled_from([-(2**63), 2**63 - 1, -(2**62), 2**62]),
)


def _row(draw: st.DrawFn, row_id: int) -> tuple[int | None, ...]:
    values: list[int | None] = []
    for column in COLUMNS:
        if column == "id":
            value: int | None = row_id
        elif column == "ticket_id":
            value = draw(st.integers(1, 10**9))
        elif column == "metric_code":
            value = draw(st.integers(0, 3))
        elif column == "cycle_index":
            value = draw(st.integers(0, 1000))
        elif column == "state_code":
            value = draw(st.integers(0, 3))
        elif column == "priority_code":
            value = draw(st.one_of(st.none(), st.integers(0, 3)))
        elif column == "policy_version_id":  # a 32-bit integer on PostgreSQL
            value = draw(st.integers(-(2**31), 2**31 - 1))
        elif column == "at_risk":
            value = draw(st.integers(0, 1))
        else:
            value = draw(any_int)
        if column in NULLABLE and column != "priority_code" and draw(st.booleans()):
            value = None
        values.append(value)
    return tuple(values)


@st.composite
def rows(draw: st.DrawFn) -> list[tuple[int | None, ...]]:
    count = draw(st.integers(1, 30))
    return [_row(draw, row_id) for row_id in range(1, count + 1)]


def _probe_table() -> Table:
    """A table with ``ticket_clocks``' columns and storage types, without its keys."""
    columns = []
    for column in TicketClock.__table__.columns:
        if column.name not in COLUMNS:
            continue
        kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
        columns.append(Column(column.name, kind, primary_key=column.name == "id"))
    return Table("fingerprint_probe", MetaData(), *columns)


PROBE = _probe_table()


@pytest.fixture
def engine(suite_engine: str, tmp_path: Path) -> Iterator[Engine]:
    """The workspace database of the engine under test (``suite_engine`` first: it
    decides what a workspace path opens)."""
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        PROBE.create(workspace.engine)
        yield workspace.engine


def _stored(engine: Engine, rows: list[tuple[int | None, ...]]) -> np.ndarray:
    """Each row as ``_OLD_CLOCK_COLUMNS`` reads it, then its SQL fingerprint."""
    with engine.begin() as connection:
        connection.execute(PROBE.delete())
        connection.execute(
            PROBE.insert(),
            [
                {
                    name: bool(value) if name == "at_risk" else value
                    for name, value in zip(COLUMNS, row, strict=True)
                }
                for row in rows
            ],
        )
        return read_ints(
            connection,
            (*_OLD_CLOCK_COLUMNS, _FINGERPRINT_SQL),
            "fingerprint_probe WHERE {where}",
            np.arange(1, len(rows) + 1, dtype=np.int64),
            "id",
        )


_ONE_ENGINE = [HealthCheck.function_scoped_fixture]  # one database for every example


@settings(max_examples=100, deadline=None, suppress_health_check=_ONE_ENGINE)
@given(given_rows=rows())
def test_the_sql_fingerprint_of_a_stored_row_is_the_one_numpy_computes(
    engine: Engine, given_rows: list[tuple[int | None, ...]]
) -> None:
    stored = _stored(engine, given_rows)
    values, in_sql = stored[:, 2:-1], stored[:, -1]
    # the liveness a re-baseline gives a row it read in full (a retimed ticket's)
    assert np.array_equal(_fingerprints(values, _stored_live(values)), in_sql)


@settings(max_examples=50, deadline=None, suppress_health_check=_ONE_ENGINE)
@given(given_rows=rows(), column=st.integers(0, 9), step=st.integers(1, 10**6))
def test_a_value_that_moves_moves_the_fingerprint_unless_it_is_a_live_reading(
    engine: Engine, given_rows: list[tuple[int | None, ...]], column: int, step: int
) -> None:
    values = _stored(engine, given_rows)[:, 2:-1]
    live = _stored_live(values)
    moved = values.copy()
    moved[:, column] = np.where(
        moved[:, column] > 0, moved[:, column] - step, moved[:, column] + step
    )
    reading = column in (4, 5)  # elapsed, remaining
    before, after = _fingerprints(values, live), _fingerprints(moved, live)
    for row in range(len(values)):
        if reading and live[row]:
            assert before[row] == after[row]
        else:
            assert before[row] != after[row]
