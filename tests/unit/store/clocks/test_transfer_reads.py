"""The recompute's bulk readers (``store.clocks.transfer``) give the rows a plain
``SELECT`` gives, on each engine.

On SQLite each column comes back as its own ``group_concat`` text (issue 16: cheaper
than one text of the columns joined), so the texts must line up row by row: random
tables with negative, zero and 64-bit extreme values, ids read as ranges (contiguous) or
``IN`` lists (with gaps), small pieces so that a read spans several statements, and
rows whose comma-separated body is empty, are read by ``read_ints`` and
``read_int_lists`` and compared with the rows fetched one by one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import BigInteger, Column, Engine, Integer, MetaData, Table, Text, select

from slaworkbench.store.clocks.transfer import read_int_lists, read_ints
from slaworkbench.store.workspace import open_workspace

PROBE = Table(
    "transfer_probe",
    MetaData(),
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("a", BigInteger, nullable=False),
    Column("b", BigInteger, nullable=False),
    Column("c", Integer, nullable=False),
    Column("body", Text, nullable=False),
)

big = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-3, 3),
    st.sampled_from([-(2**63), 2**63 - 1]),
)


@st.composite
def tables(draw: st.DrawFn) -> list[tuple[int, int, int, int, str]]:
    count = draw(st.integers(0, 40))
    ids = sorted(draw(st.sets(st.integers(1, 60), min_size=count, max_size=count)))
    if draw(st.booleans()):
        ids = list(range(1, count + 1))  # contiguous: read as ranges
    rows = []
    for row_id in ids:
        body = draw(st.lists(st.integers(-(2**40), 2**40), max_size=4))
        rows.append(
            (
                row_id,
                draw(big),
                draw(big),
                draw(st.integers(-(2**31), 2**31 - 1)),
                ",".join(map(str, body)),
            )
        )
    return rows


@pytest.fixture
def engine(suite_engine: str, tmp_path: Path) -> Iterator[Engine]:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        PROBE.create(workspace.engine)
        yield workspace.engine


def _store(engine: Engine, rows: list[tuple[int, int, int, int, str]]) -> None:
    with engine.begin() as connection:
        connection.execute(PROBE.delete())
        if rows:
            names = ("id", "a", "b", "c", "body")
            connection.execute(PROBE.insert(), [dict(zip(names, row, strict=True)) for row in rows])


_ONE_ENGINE = [HealthCheck.function_scoped_fixture]


@settings(max_examples=60, deadline=None, suppress_health_check=_ONE_ENGINE)
@given(rows=tables(), data=st.data())
def test_read_ints_gives_the_plain_rows(engine: Engine, rows: list, data: st.DataObject) -> None:  # type: ignore[type-arg]
    _store(engine, rows)
    stored = [row[0] for row in rows]
    wanted = sorted(data.draw(st.sets(st.sampled_from(stored))) if stored else set())
    if data.draw(st.booleans()):
        wanted = stored  # every id: contiguous tables read as ranges
    piece = data.draw(st.sampled_from([1, 3, 1000]))
    columns = ("id", "a", "b - 0", "c - 0")
    with engine.connect() as connection:
        got = read_ints(
            connection,
            columns,
            "transfer_probe WHERE {where}",
            np.array(wanted, dtype=np.int64),
            "id",
            piece=piece,
        )
        plain = sorted(
            (row.id, row.a, row.b, row.c)
            for row in connection.execute(select(PROBE).where(PROBE.c.id.in_(wanted)))
        )
    assert got.shape == (len(plain), len(columns))
    assert sorted(map(tuple, got.tolist())) == plain


@settings(max_examples=60, deadline=None, suppress_health_check=_ONE_ENGINE)
@given(rows=tables(), piece=st.sampled_from([1, 2, 1000]))
def test_read_int_lists_gives_the_plain_rows_and_bodies(
    engine: Engine,
    rows: list,  # type: ignore[type-arg]
    piece: int,
) -> None:
    _store(engine, rows)
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    with engine.connect() as connection:
        heads, bodies = read_int_lists(
            connection, ("id", "a", "c"), "body", "transfer_probe WHERE {where}", ids, "id",
            piece=piece,
        )  # fmt: skip
    assert heads.shape == (len(rows), 3)
    # the bodies come in the heads' row order, whatever order that is
    by_id = {row[0]: row for row in rows}
    expected_heads = [(i, by_id[i][1], by_id[i][3]) for i in heads[:, 0].tolist()]
    assert list(map(tuple, heads.tolist())) == expected_heads
    expected_body = [
        int(value) for i in heads[:, 0].tolist() if by_id[i][4] for value in by_id[i][4].split(",")
    ]
    assert bodies.tolist() == expected_body
