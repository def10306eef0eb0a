"""A query's integer rows as column arrays, the fastest way the database allows.

Where integers come back fastest as text (``store.dialect.bulk_traits``: SQLite), each
column is one ``group_concat`` string parsed by numpy, so no Python object is made per
value; elsewhere the rows are fetched in pieces of ``PIECE`` and split into columns piece
by piece. Every selected column must be a non-NULL integer (``COALESCE`` missing ids).
Rows come in no particular order: callers that need one sort the arrays.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from slaworkbench.store.dialect import bulk_traits

Int64Array = npt.NDArray[np.int64]

PIECE = 20_000


def _as_text(session: Session, query: Any, width: int) -> list[Int64Array] | None:
    rows = query.subquery()
    strings = session.execute(select(*(func.group_concat(c) for c in rows.c))).one()
    if any("." in (s or "") or "e" in (s or "") for s in strings):
        return None  # a value that is not an integer
    arrays = [np.fromstring(s or "", dtype=np.int64, sep=",") for s in strings]
    return arrays if len({a.size for a in arrays}) <= 1 and len(arrays) == width else None


def _as_rows(session: Session, query: Any, width: int) -> list[Int64Array]:
    result = session.execute(query, execution_options={"yield_per": PIECE})
    parts: list[list[Int64Array]] = [[] for _ in range(width)]
    for rows in result.partitions():
        block = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width)
        for column, part in enumerate(parts):
            part.append(block[column::width].copy())
    return [np.concatenate(part) if part else np.zeros(0, dtype=np.int64) for part in parts]


def int_columns(session: Session, query: Any, width: int) -> list[Int64Array]:
    """The ``width`` integer columns of ``query``'s rows, one array each."""
    if bulk_traits(session.get_bind()).packs_text:
        arrays = _as_text(session, query, width)
        if arrays is not None:
            return arrays
    return _as_rows(session, query, width)
