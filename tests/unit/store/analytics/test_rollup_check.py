"""``rollup_differences`` (the clock rows grouped by one packed key, both sides compared
as arrays) finds exactly the differences the plain comparison finds (every row of both
sides as dictionaries, SQL's seven-column grouping): on a demo whose rollups and clock
rows are damaged at random, on both engines, by each of its three paths (packed; the
spans too wide to pack; a value outside its span), and for arbitrary tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import strategies as st
from sqlalchemy import Connection

from slaworkbench.store.analytics import rollup_check
from slaworkbench.store.analytics.rollup import (
    COUNTS,
    DURATION_KEY,
    DURATION_SUMS,
    DURATION_TABLE,
    KEY,
    SPAN_KEY,
    SPAN_TABLE,
    TABLE,
    TEAM_KEY,
    TEAM_TABLE,
)
from slaworkbench.store.analytics.rollup_check import rollup_differences, table_differences
from slaworkbench.store.workspace import Workspace
from tests.support.examples import share_of_examples
from tests.support.rollup_reference import plain_rollup_differences
from tests.support.twin_demos import demo_on

NOW = 1_779_890_400  # Wednesday 27 May 2026, 14:00 UTC

TABLES = (
    (TABLE, KEY, COUNTS),
    (TEAM_TABLE, TEAM_KEY, COUNTS),
    (DURATION_TABLE, DURATION_KEY, DURATION_SUMS),
    (SPAN_TABLE, SPAN_KEY, COUNTS),
)


@pytest.fixture
def demo(engine_name: str, tmp_path: Path) -> Iterator[Workspace]:
    with demo_on(engine_name, tmp_path, tickets=150, seed=5, now=NOW) as workspace:
        yield workspace


damage = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 3), st.integers(0, 10**6), st.integers(-2, 2)),
    st.tuples(st.just("delete"), st.integers(0, 3), st.integers(0, 10**6)),
    st.tuples(st.just("new"), st.integers(0, 3), st.integers(0, 10**6), st.integers(-1, 3)),
    st.tuples(st.just("team"), st.integers(0, 10**6), st.integers(0, 6)),
    st.tuples(st.just("state"), st.integers(0, 10**6), st.integers(0, 3)),
)


def _damage(connection: Connection, what: tuple[Any, ...]) -> None:
    """One change to the rollups or to what they derive from."""
    kind = what[0]
    if kind in ("add", "delete", "new"):
        table, key, sums = TABLES[what[1]]
        rows = connection.exec_driver_sql(
            f"SELECT {', '.join((*key, *sums))} FROM {table} ORDER BY {', '.join(key)}"
        ).all()
        if not rows:
            return
        row = rows[what[2] % len(rows)]
        where = " AND ".join(f"{column} = {int(row[i])}" for i, column in enumerate(key))
        if kind == "add":  # one sum moved by a little (or not at all)
            column = sums[what[2] % len(sums)]
            connection.exec_driver_sql(
                f"UPDATE {table} SET {column} = {column} + ({what[3]}) WHERE {where}"
            )
        elif kind == "delete":
            connection.exec_driver_sql(f"DELETE FROM {table} WHERE {where}")
        else:  # a row of a key no clock gives (its day moved far), sums maybe all zero
            moved = (int(row[0]) + 40_000, *(int(v) for v in row[1 : len(key)]))
            taken = " AND ".join(f"{column} = {moved[i]}" for i, column in enumerate(key))
            if connection.exec_driver_sql(f"SELECT 1 FROM {table} WHERE {taken}").first():
                return  # the same row moved by an earlier damage
            values = (*moved, *([max(what[3], 0)] * len(sums)))
            connection.exec_driver_sql(
                f"INSERT INTO {table} ({', '.join((*key, *sums))})"
                f" VALUES ({', '.join(str(v) for v in values)})"
            )
    elif kind == "team":  # a ticket moved to another team (or none) behind the rollup
        ids = connection.exec_driver_sql("SELECT id FROM tickets ORDER BY id").scalars().all()
        teams = connection.exec_driver_sql("SELECT id FROM teams ORDER BY id").scalars().all()
        team = "NULL" if what[2] == 0 or not teams else str(teams[what[2] % len(teams)])
        ticket = ids[what[1] % len(ids)]
        connection.exec_driver_sql(f"UPDATE tickets SET team_id = {team} WHERE id = {ticket}")
    else:  # a stopped clock's state changed behind the rollup
        stopped = (
            connection.exec_driver_sql(
                "SELECT id FROM ticket_clocks WHERE stopped_at IS NOT NULL ORDER BY id"
            )
            .scalars()
            .all()
        )
        clock = stopped[what[1] % len(stopped)]
        connection.exec_driver_sql(
            f"UPDATE ticket_clocks SET state_code = {what[2]} WHERE id = {clock}"
        )


@pytest.mark.parametrize("path", ["packed", "unpacked", "outside"])
@share_of_examples(0.02, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damages=st.lists(damage, max_size=6))
@example(damages=[])
@example(damages=[("new", 0, 3, 0), ("new", 2, 3, 0)])  # stored rows of zeros: no difference
@example(damages=[("new", 0, 3, 1), ("new", 0, 3, 2)])  # the same row moved twice
def test_the_differences_are_the_plain_comparisons(
    demo: Workspace, path: str, damages: list[tuple[Any, ...]]
) -> None:
    with demo.engine.connect() as connection, pytest.MonkeyPatch.context() as patch:
        transaction = connection.begin()
        try:
            if path == "unpacked":  # spans too wide for one integer, on either side
                patch.setattr(rollup_check, "_FITS", 1)
                patch.setattr(rollup_check, "_packed_pair", lambda mine, theirs: None)
            elif path == "outside":  # every agent's id outside its span: the plain grouping
                bounds = rollup_check._key_bounds(connection)
                assert bounds is not None
                low, spans = bounds
                patch.setattr(rollup_check, "_key_bounds", lambda _: (low, [*spans[:-1], 1]))
            assert rollup_differences(connection) == []  # the demo's rollups are right
            for what in damages:
                _damage(connection, what)
            assert rollup_differences(connection) == plain_rollup_differences(connection)
        finally:
            transaction.rollback()


def test_a_damaged_rollup_is_found(demo: Workspace) -> None:
    """Not vacuous: a changed count is one difference, keyed and valued as stored."""
    with demo.engine.connect() as connection:
        transaction = connection.begin()
        try:
            key = connection.exec_driver_sql(
                f"SELECT {', '.join(KEY)}, achieved FROM {TABLE} ORDER BY {', '.join(KEY)}"
            ).first()
            assert key is not None
            where = " AND ".join(f"{c} = {int(key[i])}" for i, c in enumerate(KEY))
            connection.exec_driver_sql(f"UPDATE {TABLE} SET achieved = achieved + 1 WHERE {where}")
            (found,) = rollup_differences(connection)
            assert found[0] == tuple(int(v) for v in key[: len(KEY)])
            assert found[1][0] == found[2][0] + 1 == int(key[-1]) + 1
        finally:
            transaction.rollback()


@st.composite
def tables(draw: st.DrawFn) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], int]:
    width = draw(st.integers(1, 7))
    sums = draw(st.integers(1, 3))
    wide = draw(st.booleans())  # values whose spans' product does not fit 63 bits
    value = st.integers(-(2**40), 2**40) if wide else st.integers(-3, 3)
    keys = draw(st.lists(st.tuples(*[value] * width), unique=True, max_size=30))
    rows = [(*key, *draw(st.tuples(*[st.integers(-2, 2)] * sums))) for key in keys]
    mine = draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    theirs = draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    changed = draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    stored = [row for row, kept in zip(rows, mine, strict=True) if kept]
    expected = [
        (*row[:width], *(v + 1 for v in row[width:])) if change else row
        for row, kept, change in zip(rows, theirs, changed, strict=True)
        if kept
    ]

    def table(found: list[tuple[int, ...]]) -> np.ndarray[Any, Any]:
        return np.array(found, dtype=np.int64).reshape(-1, width + sums)

    return table(stored), table(expected), width


@share_of_examples(0.2)  # thirty rows of up to seven draws each: drawing is most of it
@given(tables())
def test_table_differences_are_the_plain_dictionaries(
    drawn: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], int],
) -> None:
    stored, expected, width = drawn
    zeros = (0,) * (stored.shape[1] - width)

    def keyed(table: np.ndarray[Any, Any]) -> dict[tuple[int, ...], tuple[int, ...]]:
        return {
            tuple(int(v) for v in row[:width]): tuple(int(v) for v in row[width:]) for row in table
        }

    mine, theirs = keyed(stored), keyed(expected)
    plain = [
        (key, mine.get(key, zeros), theirs.get(key, zeros))
        for key in sorted(mine.keys() | theirs.keys())
        if mine.get(key, zeros) != theirs.get(key, zeros)
    ]
    assert table_differences(stored, expected, width) == plain
