"""A re-baseline compares stored clock rows with new ones by fingerprint: the one SQL
computes from a stored row (``_FINGERPRINT_SQL``) must be the one numpy computes from the
same values (``_fingerprints``), for any values a row can hold — NULLs, the extremes of
a 64-bit integer, negative numbers — and a running cycle's reading must not count."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from slaworkbench.domain.clock.results import NONE
from slaworkbench.store.clocks.bulk import (
    _FINGERPRINT_SQL,
    _OLD_CLOCK_COLUMNS,
    _PAUSED,
    _fingerprints,
)

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


def _stored(rows: list[tuple[int | None, ...]]) -> np.ndarray:
    """Each row as ``_OLD_CLOCK_COLUMNS`` reads it, then its SQL fingerprint."""
    names = ", ".join(COLUMNS)
    marks = ", ".join(["?"] * len(COLUMNS))
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.execute(f"CREATE TABLE ticket_clocks ({names})")
        connection.executemany(f"INSERT INTO ticket_clocks VALUES ({marks})", rows)
        found = connection.execute(
            f"SELECT {', '.join(_OLD_CLOCK_COLUMNS)}, {_FINGERPRINT_SQL}"
            " FROM ticket_clocks ORDER BY id"
        ).fetchall()
    return np.array(found, dtype=np.int64)


@settings(max_examples=200, deadline=None)
@given(rows())
def test_the_sql_fingerprint_of_a_stored_row_is_the_one_numpy_computes(
    given_rows: list[tuple[int | None, ...]],
) -> None:
    stored = _stored(given_rows)
    values, in_sql = stored[:, 2:-1], stored[:, -1]
    live = (values[:, 1] == NONE) & (values[:, 2] >> 1 != _PAUSED) & (values[:, 6] != NONE)
    assert np.array_equal(_fingerprints(values, live), in_sql)


@settings(max_examples=100, deadline=None)
@given(rows(), st.integers(0, 9), st.integers(1, 10**6))
def test_a_value_that_moves_moves_the_fingerprint_unless_it_is_a_live_reading(
    given_rows: list[tuple[int | None, ...]], column: int, step: int
) -> None:
    values = _stored(given_rows)[:, 2:-1]
    live = (values[:, 1] == NONE) & (values[:, 2] >> 1 != _PAUSED) & (values[:, 6] != NONE)
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
