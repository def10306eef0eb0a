"""Service availability per local month of the period, from the recorded outages
(Qt-free)."""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from slaworkbench.app.analytics.filters import (
    Filters,
    Source,
    _bucket_edges,
    _session,
    period_bounds,
)
from slaworkbench.store.analytics import queries as q


@dataclass(frozen=True, slots=True)
class ServiceMonth:
    service: str
    target: float
    month: dt.date
    measured_seconds: int
    """The part of the month inside the period and not in the future."""
    down_seconds: int

    @property
    def uptime(self) -> float | None:
        if not self.measured_seconds:
            return None
        return 1 - self.down_seconds / self.measured_seconds

    @property
    def met(self) -> bool | None:
        uptime = self.uptime
        return None if uptime is None else uptime >= self.target


def merged_downtime(intervals: Sequence[tuple[int, int]], start: int, end: int) -> int:
    """Seconds of ``[start, end)`` covered by the union of the intervals."""
    clipped = sorted((max(a, start), min(b, end)) for a, b in intervals if b > start and a < end)
    total = 0
    current_start: int | None = None
    current_end = 0
    for a, b in clipped:
        if b <= a:
            continue
        if current_start is None or a > current_end:
            if current_start is not None:
                total += current_end - current_start
            current_start, current_end = a, b
        else:
            current_end = max(current_end, b)
    if current_start is not None:
        total += current_end - current_start
    return total


def availability_by_service_month(
    source: Source, filters: Filters, now: int | None = None
) -> tuple[ServiceMonth, ...]:
    """Uptime per service per local month of the period, up to ``now``; overlapping outages
    count once and an outage still going on lasts until ``now``. Team and customer filters
    do not apply to services."""
    now = int(time.time()) if now is None else now
    start, end = period_bounds(filters)
    days, edges = _bucket_edges(filters, "month")
    with _session(source) as session:
        listed = q.services(session)
        outages = q.outages_overlapping(session, start, min(end, now))
    by_service: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for service_id, began, ended in outages:
        by_service[service_id].append((began, now if ended is None else ended))
    months: list[ServiceMonth] = []
    for service_id, name, target in listed:
        for i, day in enumerate(days):
            window_start = max(edges[i], start)
            window_end = min(edges[i + 1], end, now)
            if window_end <= window_start:
                continue
            months.append(
                ServiceMonth(
                    service=name,
                    target=target,
                    month=day,
                    measured_seconds=window_end - window_start,
                    down_seconds=merged_downtime(by_service[service_id], window_start, window_end),
                )
            )
    return tuple(months)
