"""The rollups compared with the clock rows they derive from (``slaworkbench check``,
and the tests after every kind of write).

``rollup_differences`` lists every row of the four rollup tables that differs from what
the clock rows give. At a million tickets the daily rollup has ~2.2 M rows, made from
~8.6 M stopped clock rows: SQLite's ``GROUP BY`` of the seven key columns spent ~30 s
sorting them, and holding both sides as dictionaries of tuples another ~30 s and over a
gigabyte. So the clock rows are grouped by one integer, the seven key columns packed in
a mixed radix (each column's value less its least possible one, times the product of
the spans of the columns after it), which SQLite sorts in well under half the time; and
both sides are compared as integer arrays, sorted by that same packing, in numpy. Where
the spans do not fit one 63-bit integer (a workspace with very many customers, agents,
teams and policy versions), or a value falls outside its span, the seven columns are
grouped as before: the same rows either way.

A missing row reads as zeros on either side (an emptied row is deleted, but a stored
row of zeros is no difference either).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection

from slaworkbench.domain.instants import MAX_INSTANT, MIN_INSTANT
from slaworkbench.store.analytics.rollup import (
    ACHIEVED_SQL,
    BREACHED_SQL,
    COUNTS,
    DAY,
    DURATION_KEY,
    DURATION_SUMS,
    DURATION_TABLE,
    KEY,
    KEY_SQL,
    SPAN_KEY,
    SPAN_TABLE,
    TABLE,
    TEAM_KEY,
    TEAM_TABLE,
    Key,
    contributions_sql,
    durations_sql,
    grouped_sums,
)
from slaworkbench.store.dialect import streamed_cursor
from slaworkbench.store.schema import METRICS, PRIORITIES, SPAN_DAYS

Table = NDArray[np.int64]
"""One row per rollup row: its key columns, then its sums."""

Difference = tuple[Key, tuple[int, ...], tuple[int, ...]]

_FITS = 1 << 62
"""Packed keys stay below this (a signed 64-bit integer on both engines, with room)."""
_OUTSIDE = -1
"""The packed key of the clock rows some of whose key values fall outside their span."""
_PIECE = 100_000
_WIDTH = len(KEY)


def rollup_differences(connection: Connection) -> list[Difference]:
    """``(key, stored, from the clock rows)`` of every row of any of the four tables
    that differs from what the clock rows give (empty when all are right):
    ``clock_rollup``'s (7-column keys), ``clock_rollup_by_team``'s (4-column keys),
    ``duration_rollup``'s (4-column keys, sums ``(clocks, total)``), then
    ``clock_rollup_by_span``'s (7-column keys), each in key order."""
    derived = _derived_daily(connection)
    sums = derived[:, _WIDTH:]
    by_team = _grouped(derived[:, : len(TEAM_KEY)], sums)
    spans = derived[:, :_WIDTH].copy()
    spans[:, 0] //= SPAN_DAYS  # as the writers make a day's span (``rollup._add``)
    by_span = _grouped(spans, sums)
    del spans, sums
    # one table at a time, each side let go once compared: at a million tickets each
    # side of the daily rollup is ~170 MB
    expected_of = {TABLE: derived, TEAM_TABLE: by_team, SPAN_TABLE: by_span}
    del derived, by_team, by_span
    found: list[Difference] = []
    for table, key, sums_of in (
        (TABLE, KEY, COUNTS),
        (TEAM_TABLE, TEAM_KEY, COUNTS),
        (DURATION_TABLE, DURATION_KEY, DURATION_SUMS),
        (SPAN_TABLE, SPAN_KEY, COUNTS),
    ):
        expected = expected_of.pop(table, None)
        if expected is None:
            expected = _int_table(connection, durations_sql("1 = 1"), len(DURATION_KEY) + 2)
        query = f"SELECT {', '.join((*key, *sums_of))} FROM {table}"
        stored = _int_table(connection, query, len(key) + len(sums_of))
        found.extend(table_differences(stored, expected, len(key)))
        del stored, expected
    return found


def table_differences(stored: Table, expected: Table, width: int) -> list[Difference]:
    """The rows of two tables (``width`` key columns, then sums; each key at most once
    a table) whose sums differ, a missing row reading as zeros: ``(key, stored sums,
    expected sums)`` in key order."""
    stored = _nonzero(stored, width)
    expected = _nonzero(expected, width)
    pair = _packed_pair(stored[:, :width], expected[:, :width])
    if pair is None:  # too wide to pack: each distinct key's rank instead
        keys = np.concatenate((stored[:, :width], expected[:, :width]))
        rank = np.unique(keys, axis=0, return_inverse=True)[1].reshape(-1).astype(np.int64)
        pair = rank[: stored.shape[0]], rank[stored.shape[0] :]
    mine, theirs = pair
    common, at_stored, at_expected = np.intersect1d(
        mine, theirs, assume_unique=True, return_indices=True
    )
    unequal = np.any(stored[at_stored, width:] != expected[at_expected, width:], axis=1)
    only_stored = np.flatnonzero(~np.isin(mine, common, assume_unique=True))
    only_expected = np.flatnonzero(~np.isin(theirs, common, assume_unique=True))
    zeros = (0,) * (stored.shape[1] - width)
    found: list[Difference] = []
    for i, j in zip(at_stored[unequal].tolist(), at_expected[unequal].tolist(), strict=True):
        found.append((_key(stored[i], width), _sums(stored[i], width), _sums(expected[j], width)))
    found.extend((_key(stored[i], width), _sums(stored[i], width), zeros) for i in only_stored)
    found.extend(
        (_key(expected[j], width), zeros, _sums(expected[j], width)) for j in only_expected
    )
    found.sort(key=lambda difference: difference[0])
    return found


def _key(row: Table, width: int) -> Key:
    return tuple(int(v) for v in row[:width])


def _sums(row: Table, width: int) -> tuple[int, ...]:
    return tuple(int(v) for v in row[width:])


def _nonzero(table: Table, width: int) -> Table:
    """The rows whose sums are not all zero (the table itself when that is every row)."""
    kept = np.any(table[:, width:] != 0, axis=1)
    return table if kept.all() else table[kept]


def _packed_pair(mine: Table, theirs: Table) -> tuple[NDArray[np.int64], NDArray[np.int64]] | None:
    """Both tables' keys packed in the same mixed radix (``rollup.packed_keys``: each
    column less the least value of either side, times the spans of the columns after
    it), without joining them; ``None`` when the spans' product does not fit."""
    sides = [side for side in (mine, theirs) if side.shape[0]]
    if not sides:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    low = np.min([side.min(axis=0) for side in sides], axis=0)
    high = np.max([side.max(axis=0) for side in sides], axis=0)
    spans = [int(span) for span in (high - low + 1).tolist()]
    if math.prod(spans) >= _FITS:
        return None

    def packed(side: Table) -> NDArray[np.int64]:
        out = np.zeros(side.shape[0], dtype=np.int64)
        for column, span in enumerate(spans):
            out *= span
            out += side[:, column] - low[column]
        return out

    return packed(mine), packed(theirs)


def _grouped(keys: Table, sums: Table) -> Table:
    """``sums`` summed per distinct row of ``keys`` (rows of zeros dropped): keys, then
    sums."""
    if not keys.shape[0]:
        return np.zeros((0, keys.shape[1] + sums.shape[1]), dtype=np.int64)
    return np.column_stack(grouped_sums(keys, sums))


# --- the clock rows' daily rollup --------------------------------------------------------


def _derived_daily(connection: Connection) -> Table:
    """``clock_rollup``'s rows as the clock rows give them, grouped by one packed key
    where the key columns' spans allow (the plain seven-column grouping otherwise)."""
    bounds = _key_bounds(connection)
    if bounds is not None:
        low, spans = bounds
        table = _int_table(connection, _packed_contributions_sql(low, spans), 1 + len(COUNTS))
        if not np.any(table[:, 0] == _OUTSIDE):
            keys = np.empty((table.shape[0], _WIDTH), dtype=np.int64)
            rest = table[:, 0].copy()
            for column in range(_WIDTH - 1, -1, -1):
                keys[:, column] = rest % spans[column] + low[column]
                rest //= spans[column]
            return np.column_stack((keys, table[:, 1:]))
    return _int_table(connection, contributions_sql("1 = 1"), _WIDTH + len(COUNTS))


def _key_bounds(connection: Connection) -> tuple[list[int], list[int]] | None:
    """Each key column's least possible value and span (``KEY_SQL``'s order), or
    ``None`` when their product does not fit a packed key."""
    most = {
        table: int(connection.exec_driver_sql(f"SELECT MAX(id) FROM {table}").scalar() or 0)
        for table in ("teams", "customers", "policy_versions", "agents")
    }
    first_day = MIN_INSTANT // DAY - 1
    low = [first_day, 0, -1, 0, 0, 0, 0]
    spans = [
        MAX_INSTANT // DAY + 1 - first_day + 1,
        len(METRICS),
        len(PRIORITIES) + 1,
        most["teams"] + 1,
        most["customers"] + 1,
        most["policy_versions"] + 1,
        most["agents"] + 1,
    ]
    return (low, spans) if math.prod(spans) < _FITS else None


def _packed_contributions_sql(low: Sequence[int], spans: Sequence[int]) -> str:
    """``contributions_sql``'s rows with their key as one packed integer
    (``_OUTSIDE`` for the rows some of whose key values fall outside their span)."""
    packed = f"CAST({KEY_SQL[0]} - ({low[0]}) AS BIGINT)"
    for column in range(1, _WIDTH):
        packed = f"({packed}) * {spans[column]} + ({KEY_SQL[column]} - ({low[column]}))"
    inside = " AND ".join(
        f"{expression} BETWEEN {low[i]} AND {low[i] + spans[i] - 1}"
        for i, expression in enumerate(KEY_SQL)
    )
    return (
        f"SELECT CASE WHEN {inside} THEN {packed} ELSE {_OUTSIDE} END,"
        f" CAST(SUM(CASE WHEN {ACHIEVED_SQL} THEN 1 ELSE 0 END) AS BIGINT),"
        f" CAST(SUM(CASE WHEN {BREACHED_SQL} THEN 1 ELSE 0 END) AS BIGINT),"
        f" CAST(SUM(CASE WHEN {ACHIEVED_SQL} OR {BREACHED_SQL} THEN 0 ELSE 1 END) AS BIGINT)"
        " FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id"
        " WHERE c.stopped_at IS NOT NULL GROUP BY 1"
    )


def _int_table(connection: Connection, query: str, width: int) -> Table:
    """The query's rows (every value a non-null integer) as one ``(n, width)`` array,
    read through the driver's cursor ``_PIECE`` rows at a time."""
    parts: list[Table] = []
    with streamed_cursor(connection) as cursor:
        cursor.execute(query)
        while rows := cursor.fetchmany(_PIECE):
            # integers, or PostgreSQL's sums as decimals: numpy takes either
            flat = np.fromiter(
                itertools.chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width
            )
            parts.append(flat.reshape(-1, width))
    if not parts:
        return np.zeros((0, width), dtype=np.int64)
    return np.concatenate(parts)
