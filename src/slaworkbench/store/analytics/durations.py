"""The response-time distributions read from an index ordered by business time, without
fetching every value.

``ix_ticket_clocks_duration_ranks`` (migration 0015) holds every stopped first response
and resolution by metric, the priority it was judged under, business seconds and stop
instant. For one metric and priority, a histogram bin of the period is one walk over
the index's entries in that bin (count, sum, largest), and the value of a given rank is
a walk within the bin that holds it (``ORDER BY elapsed LIMIT n OFFSET k``): exact
percentiles, no value leaves the database but the few around each rank. Used when
no team or customer filter asks for the tickets' attributes (``app/analytics``).

The ``WHERE`` terms of the partial index are repeated in each query, as SQLite uses a
partial index only then.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from slaworkbench.store.dialect import with_index
from slaworkbench.store.schema import DURATION_CLOCKS, DURATION_EDGES, METRICS, PRIORITIES

DAY = 86400
_BELOW_ALL = -(2**62)
_ABOVE_ALL = 2**62


def _in_period(start: int, end: int, metric: str, priority: str, low: int, high: int) -> str:
    """The ``WHERE`` clause, values written in (integers, and a metric and priority of
    the schema's own lists), so that each walk is one plain statement on the cursor."""
    if metric not in METRICS or priority not in PRIORITIES:
        raise ValueError(f"unknown metric or priority: {metric!r}, {priority!r}")
    return (
        f"{DURATION_CLOCKS} AND metric_code = {METRICS.index(metric)}"
        f" AND priority_code = {PRIORITIES.index(priority)}"
        f" AND stopped_at >= {int(start)} AND stopped_at < {int(end)}"
        f" AND elapsed >= {int(low)} AND elapsed < {int(high)}"
    )


def _ranks(session: Session) -> str:
    """``ticket_clocks`` walked along ``ix_ticket_clocks_duration_ranks``: with the metric
    and priority as codes (migration 0020) SQLite's planner, without statistics, would
    rather search ``ix_ticket_clocks_durations`` by stop time and read the whole period."""
    return with_index(session.get_bind(), "ticket_clocks", "ix_ticket_clocks_duration_ranks")


def _rows(session: Session, sql: str) -> list[tuple[Any, ...]]:
    """The statement's rows through the DBAPI cursor: a hundred short walks cost less
    there than through the ORM's statement handling."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        cursor.close()


@dataclass(frozen=True, slots=True)
class DurationBin:
    """The clocks of one metric and priority stopped in the period whose business seconds
    fall in ``[low, high)``."""

    low: int
    high: int
    count: int
    total: int
    """Sum of their business seconds."""


def duration_bins(
    session: Session, start: int, end: int, metric: str, priority: str, edges: Sequence[int]
) -> tuple[DurationBin, ...]:
    """One bin per edge: ``[edges[i], edges[i+1])``, the first open below (it also holds
    any negative value) and the last open above, as a histogram of ``edges`` counts."""
    bounds = [_BELOW_ALL, *edges[1:], _ABOVE_ALL]
    bins: list[DurationBin] = []
    for low, high in itertools.pairwise(bounds):
        where = _in_period(start, end, metric, priority, low, high)
        source = _ranks(session)
        ((count, total),) = _rows(
            session, f"SELECT count(*), sum(elapsed) FROM {source} WHERE {where}"
        )
        bins.append(DurationBin(low, high, int(count), int(total or 0)))
    return tuple(bins)


def rollup_bins(
    session: Session, start: int, end: int
) -> dict[tuple[str, str], tuple[DurationBin, ...]]:
    """What ``duration_bins`` gives for every metric and priority with a clock in the
    period, with ``DURATION_EDGES``, from ``duration_rollup`` (migration 0021): one
    grouped read of a few hundred rows a year. ``start`` and ``end`` must be UTC
    midnights (the rollup counts whole UTC days)."""
    if start % DAY or end % DAY:
        raise ValueError("the duration rollup counts whole UTC days")
    bounds = [_BELOW_ALL, *DURATION_EDGES[1:], _ABOVE_ALL]
    counted: dict[tuple[str, str], list[list[int]]] = {}
    for metric, priority, bin_, clocks, total in _rows(
        session,
        "SELECT metric, priority, bin, SUM(clocks), SUM(total) FROM duration_rollup"
        f" WHERE day >= {int(start) // DAY} AND day < {int(end) // DAY}"
        " GROUP BY metric, priority, bin",
    ):
        sums = counted.setdefault(
            (METRICS[int(metric)], PRIORITIES[int(priority)]),
            [[0, 0] for _ in DURATION_EDGES],
        )
        sums[int(bin_)] = [int(clocks), int(total)]
    return {
        key: tuple(
            DurationBin(low, high, n, total)
            for (low, high), (n, total) in zip(itertools.pairwise(bounds), sums, strict=True)
        )
        for key, sums in counted.items()
    }


def durations_at(
    session: Session,
    start: int,
    end: int,
    metric: str,
    priority: str,
    within: DurationBin,
    offset: int,
    limit: int,
) -> list[int]:
    """The business seconds of ranks ``offset`` to ``offset + limit - 1`` (ascending,
    counted from 0) among the clocks of ``within``."""
    where = _in_period(start, end, metric, priority, within.low, within.high)
    rows = _rows(
        session,
        f"SELECT elapsed FROM {_ranks(session)} WHERE {where}"
        f" ORDER BY elapsed LIMIT {int(limit)} OFFSET {int(offset)}",
    )
    return [int(value) for (value,) in rows]
