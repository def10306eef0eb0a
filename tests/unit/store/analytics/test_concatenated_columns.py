"""``fetch.concatenated_columns`` gives the columns ``integer_columns`` gives for the same
rows (in the same order), codes packed or not; a NULL, or another engine, gives ``None``
so the caller reads the rows."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import BigInteger, Column, Integer, MetaData, Table, create_engine, insert, select
from sqlalchemy.orm import Session

from slaworkbench.store.analytics.fetch import concatenated_columns, integer_columns

_META = MetaData()
_ROWS = Table(
    "rows",
    _META,
    Column("id", Integer, primary_key=True),
    Column("first", Integer),
    Column("code", Integer),
    Column("big", BigInteger),
    Column("small", Integer),
)
_ENGINE = create_engine("sqlite://")
_META.create_all(_ENGINE)

ROWS = st.lists(
    st.tuples(
        st.integers(-5, 40),  # the first code: any integer
        st.integers(0, 4),  # below its radix, 5
        st.integers(-(2**40), 2**40),
        st.integers(-(2**31), 2**31 - 1),
    ),
    max_size=60,
)


def _text(session: Session) -> Any:
    c = _ROWS.c
    return concatenated_columns(
        session,
        lambda select_list: select(*select_list).select_from(_ROWS),
        [("first", c.first, 0), ("code", c.code, 5)],
        [("big", c.big), ("small", c.small)],
    )


def _both(session: Session) -> tuple[Any, Any]:
    c = _ROWS.c
    rows = integer_columns(
        session, select(c.first, c.code, c.big, c.small), ("first", "code", "big", "small")
    )
    return _text(session), rows


@given(rows=ROWS)
def test_the_text_gives_the_rows_columns(rows: list[tuple[int, int, int, int]]) -> None:
    with Session(_ENGINE) as session:
        session.execute(_ROWS.delete())
        if rows:
            keys = ("first", "code", "big", "small")
            session.execute(insert(_ROWS), [dict(zip(keys, row, strict=True)) for row in rows])
        text, read = _both(session)
        session.rollback()
    assert text is not None
    assert sorted(text) == sorted(read)
    for name, values in read.items():
        assert np.array_equal(text[name], values), name


def test_a_null_leaves_it_to_the_rows() -> None:
    with Session(_ENGINE) as session:
        session.execute(_ROWS.delete())
        session.execute(
            insert(_ROWS),
            [
                {"first": 1, "code": 2, "big": 3, "small": 4},
                {"first": 1, "code": 2, "big": None, "small": 4},
            ],
        )
        found = _text(session)
        session.rollback()
    assert found is None
