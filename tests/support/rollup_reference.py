"""The rollups compared with the clock rows the plain way: every row of both sides held
as a dictionary keyed by its key columns, grouped by SQL's seven-column ``GROUP BY``
and summed in Python (what ``rollup_differences`` did until 2026-12-07; the reference
of ``store.analytics.rollup_check``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection

from slaworkbench.store.analytics.rollup import (
    KEY,
    TEAM_KEY,
    contributions_sql,
    duration_rollup_rows,
    durations_sql,
    rollup_rows,
)
from slaworkbench.store.schema import SPAN_DAYS

Key = tuple[int, ...]


def _summed(rows: dict[Key, tuple[int, ...]], key_of: Callable[[Key], Key]) -> dict[Key, Any]:
    summed: dict[Key, tuple[int, ...]] = {}
    for key, counts in rows.items():
        was = summed.get(key_of(key), (0,) * len(counts))
        summed[key_of(key)] = tuple(a + b for a, b in zip(was, counts, strict=True))
    return {key: counts for key, counts in summed.items() if any(counts)}


def plain_rollup_differences(
    connection: Connection,
) -> list[tuple[Key, tuple[int, ...], tuple[int, ...]]]:
    width = len(KEY)
    derived = {
        tuple(int(v) for v in row[:width]): tuple(int(v) for v in row[width:])
        for row in connection.exec_driver_sql(contributions_sql("1 = 1"))
    }
    durations = {
        tuple(int(v) for v in row[:4]): (int(row[4]), int(row[5]))
        for row in connection.exec_driver_sql(durations_sql("1 = 1"))
    }
    found: list[tuple[Key, tuple[int, ...], tuple[int, ...]]] = []
    pairs: tuple[tuple[dict[Key, Any], dict[Key, Any], tuple[int, ...]], ...] = (
        (rollup_rows(connection), derived, (0, 0, 0)),
        (
            rollup_rows(connection, by_team=True),
            _summed(derived, lambda key: key[: len(TEAM_KEY)]),
            (0, 0, 0),
        ),
        (duration_rollup_rows(connection), durations, (0, 0)),
        (
            rollup_rows(connection, by_span=True),
            _summed(derived, lambda key: (key[0] // SPAN_DAYS, *key[1:])),
            (0, 0, 0),
        ),
    )
    for stored, expected, none in pairs:
        found.extend(
            (key, stored.get(key, none), expected.get(key, none))
            for key in sorted(stored.keys() | expected.keys())
            if stored.get(key, none) != expected.get(key, none)
        )
    return found
