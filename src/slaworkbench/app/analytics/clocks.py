"""The clocks a report lists (Qt-free): the period's worst breaches, and the clocks not
stopped by its end with their elapsed and remaining time. The rows come from small SQL
queries (``store/analytics/queries.py``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.compliance import MetricCompliance, _merge_metric_counts
from slaworkbench.app.analytics.filters import (
    Filters,
    Source,
    _running_counts,
    _scope,
    _session,
    _ticket_mask,
    period_bounds,
)
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.readings import is_running_reading, remaining_at
from slaworkbench.store.analytics import facts as facts_
from slaworkbench.store.analytics import queries as q


@dataclass(frozen=True, slots=True)
class ClockOfTicket:
    """Which ticket (with the names a report shows) and which metric a listed clock is."""

    ticket_id: int
    external_id: str | None
    subject: str
    priority: str
    team: str | None
    customer: str | None
    agent: str | None
    metric: str


@dataclass(frozen=True, slots=True)
class Breach(ClockOfTicket):
    target: int
    elapsed: int
    started_at: int
    breached_at: int | None
    stopped_at: int

    @property
    def overrun(self) -> int:
        return self.elapsed - self.target


@dataclass(frozen=True, slots=True)
class RunningClock(ClockOfTicket):
    state: str
    """As last evaluated: running, paused or breached."""
    started_at: int
    due_at: int | None
    breached_at: int | None
    target: int
    elapsed: int
    remaining: int
    """At the listing's instant for a clock still running; as stopped or paused otherwise."""
    stopped_at: int | None
    """Set when the clock stopped after the end of the period."""
    overdue: bool
    """Past due at the end of the period."""
    state_at_end: str = "running"
    """"running" or "paused" at the end of the period (from the ticket's events then)."""


@dataclass(frozen=True, slots=True)
class RunningClocks:
    end_at: int
    metrics: tuple[MetricCompliance, ...]
    rows: tuple[RunningClock, ...]
    """The most overdue first; at most ``limit`` of them."""
    total: int

    @property
    def omitted(self) -> int:
        return self.total - len(self.rows)


def _ticket_fields(row: Sequence[Any]) -> dict[str, Any]:
    """The ticket, its names and the metric: the first eight columns of a clock row."""
    return {
        "ticket_id": int(row[0]),
        "external_id": row[1],
        "subject": str(row[2] or ""),
        "priority": str(row[3]),
        "team": row[4],
        "customer": row[5],
        "agent": row[6],
        "metric": str(row[7]),
    }


def worst_breaches(source: Source, filters: Filters, limit: int = 20) -> tuple[Breach, ...]:
    """Breached clocks stopped in the period, the longest overrun first (ties: the
    earlier stop, then the lower clock id). Without a ticket filter the database ranks
    them through an index; with one, the period's breaches are ranked here."""
    with _session(source) as session:
        start, end = period_bounds(filters)
        scope = _scope(session, filters)
        if scope.filters_tickets:
            breaches = facts_.breach_facts(session, start, end)
            breaches = breaches.where(_ticket_mask(breaches, scope))
            order = np.lexsort((breaches.clock_id, breaches.stopped_at, -breaches.overrun))
            ranked = breaches.clock_id[order[: max(limit, 0)]].tolist()
        else:
            ranked = q.worst_breach_ids(session, start, end, limit)
        rows = q.breach_rows(session, ranked)
    return tuple(
        Breach(
            **_ticket_fields(r),
            target=int(r[8]),
            elapsed=int(r[9]),
            started_at=int(r[10]),
            breached_at=None if r[11] is None else int(r[11]),
            stopped_at=int(r[12]),
        )
        for r in rows
    )


def running_clocks(
    source: Source, filters: Filters, limit: int | None = 50, now: int | None = None
) -> RunningClocks:
    """Clocks not stopped by the end of the period: all counted, the first ``limit`` listed
    (``None`` lists them all), the most overdue first. A clock still running shows its
    elapsed and remaining time at ``now`` (default: this moment), read from its due
    instant and calendar; a paused or stopped one what it had when it stopped."""
    at = int(time.time()) if now is None else now
    with _session(source) as session:
        scope = _scope(session, filters)
        counts = _running_counts(session, scope)
        rows = q.running_rows(session, scope, limit, at)
        calendars = _calendars(session, {r[16] for r in rows if r[16] is not None})
    metrics = tuple(m for m in _merge_metric_counts((), counts) if m.not_stopped)
    clocks = []
    for r in rows:
        due_at = None if r[10] is None else int(r[10])
        target, elapsed, remaining = int(r[12]), int(r[13]), int(r[14])
        if due_at is not None and is_running_reading(r[8], r[15], due_at):
            remaining = remaining_at(calendars.get(r[16]), due_at, at)
            elapsed = target - remaining
        clocks.append(
            RunningClock(
                **_ticket_fields(r),
                state=str(r[8]),
                started_at=int(r[9]),
                due_at=due_at,
                breached_at=None if r[11] is None else int(r[11]),
                target=target,
                elapsed=elapsed,
                remaining=remaining,
                stopped_at=None if r[15] is None else int(r[15]),
                overdue=r[11] is not None and int(r[11]) < scope.end,
                state_at_end=str(r[17]),
            )
        )
    clocks.sort(key=lambda clock: (clock.remaining, clock.ticket_id))
    return RunningClocks(scope.end, metrics, tuple(clocks), sum(n for *_, n in counts))


def _calendars(session: Session, ids: set[int]) -> dict[int, BusinessCalendar]:
    """The calendars with these ids (a report names a handful)."""
    found: dict[int, BusinessCalendar] = {}
    for calendar_id, _name, _zone, spec in q.calendar_rows(session, ids):
        with suppress(ValueError, TypeError, KeyError):  # unreadable: read in wall time
            found[calendar_id] = BusinessCalendar.from_dict(spec)
    return found
