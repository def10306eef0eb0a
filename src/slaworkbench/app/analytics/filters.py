"""Filters, periods, scopes and sessions of the analytics (Qt-free).

``Filters`` name the period (``date_from`` to ``date_to``, local days in ``tz``) and the
team, customer and priority a figure covers; ``period_bounds`` and ``bucket_starts`` turn
them into instants, ``check_filters`` names the first thing wrong with them. The private
helpers here are shared by the other ``analytics_*`` modules: one session per call (or
the caller's), and the period's stopped clocks and survey answers (fetched once per
snapshot by ``store/analytics/facts.py``) restricted to the filters by numpy masks.
What is counted, and how: ``app/analytics.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from sqlalchemy.orm import Session

from slaworkbench.i18n import tr
from slaworkbench.store.analytics import facts as facts_
from slaworkbench.store.analytics import queries as q
from slaworkbench.store.analytics.facts import (
    AnswerFacts,
    BreachFacts,
    ClockCounts,
    ClockFacts,
    DurationFacts,
)

METRICS = ("first_response", "next_response", "periodic_update", "resolution")
PRIORITIES = ("urgent", "high", "normal", "low")
DIMENSIONS = ("priority", "team", "agent", "customer")
BUCKETS = ("day", "week", "month")


class AnalyticsError(ValueError):
    """Filters that cannot be used; the text is one sentence saying what to change."""


class SessionSource(Protocol):
    def session(self) -> AbstractContextManager[Session]: ...


Source = Session | SessionSource


@dataclass(frozen=True, slots=True)
class Filters:
    date_from: dt.date
    date_to: dt.date
    team: str | None = None
    customer: str | None = None
    priority: str | None = None
    tz: str = "UTC"


@contextmanager
def _session(source: Source) -> Iterator[Session]:
    if isinstance(source, Session):
        yield source
    else:
        with source.session() as session:
            yield session


def session_of(source: Source) -> AbstractContextManager[Session]:
    """One session for several calls (one consistent snapshot): the session itself, or a
    new one from the workspace."""
    return _session(source)


def zone(filters: Filters) -> ZoneInfo:
    try:
        return ZoneInfo(filters.tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise AnalyticsError(
            tr("'{tz}' is not a known time zone; use a name such as Europe/Lisbon.").format(
                tz=filters.tz
            )
        ) from error


def local_midnight(day: dt.date, tz: ZoneInfo) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=tz).timestamp())


def period_bounds(filters: Filters) -> tuple[int, int]:
    """``[start, end)``: from ``date_from`` 00:00 to the midnight after ``date_to``, local."""
    if filters.date_from > filters.date_to:
        raise AnalyticsError(
            tr("The period starts ({start}) after it ends ({end}); swap the two dates.").format(
                start=filters.date_from.isoformat(), end=filters.date_to.isoformat()
            )
        )
    tz = zone(filters)
    return (
        local_midnight(filters.date_from, tz),
        local_midnight(filters.date_to + dt.timedelta(days=1), tz),
    )


def bucket_starts(filters: Filters, bucket: str) -> list[dt.date]:
    """The local first days of the buckets covering the period."""
    if bucket not in BUCKETS:
        raise AnalyticsError(tr("Unknown bucket '{bucket}'.").format(bucket=bucket))
    first = filters.date_from
    if bucket == "week":
        first -= dt.timedelta(days=first.weekday())
    elif bucket == "month":
        first = first.replace(day=1)
    days: list[dt.date] = []
    day = first
    while day <= filters.date_to:
        days.append(day)
        day = _next_bucket(day, bucket)
    return days


def _next_bucket(day: dt.date, bucket: str) -> dt.date:
    if bucket == "day":
        return day + dt.timedelta(days=1)
    if bucket == "week":
        return day + dt.timedelta(days=7)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _bucket_edges(filters: Filters, bucket: str) -> tuple[list[dt.date], list[int]]:
    """Bucket first days and their ``len + 1`` boundary instants."""
    tz = zone(filters)
    days = bucket_starts(filters, bucket)
    edges = [local_midnight(day, tz) for day in days]
    edges.append(local_midnight(_next_bucket(days[-1], bucket), tz))
    return days, edges


def _scope(session: Session, filters: Filters) -> q.ClockScope:
    start, end = period_bounds(filters)

    def resolve(kind: str, name: str | None) -> int | None:
        if name is None or not name.strip():
            return None
        found = q.lookup_id(session, kind, name.strip())
        return q.NO_MATCH if found is None else found

    return q.ClockScope(
        start=start,
        end=end,
        team_id=resolve("team", filters.team),
        customer_id=resolve("customer", filters.customer),
        priority=filters.priority or None,
    )


def _clock_facts(session: Session, filters: Filters) -> tuple[q.ClockScope, ClockFacts]:
    """The period's stopped clocks (fetched once per snapshot, before anything else runs
    in the session, see ``store/analytics/facts.py``) restricted to the filters."""
    start, end = period_bounds(filters)
    facts = facts_.clock_facts(session, start, end)
    scope = _scope(session, filters)
    return scope, facts.where(_ticket_mask(facts, scope)) if scope.filters_tickets else facts


def _running_counts(session: Session, scope: q.ClockScope) -> list[tuple[str, str, bool, int]]:
    """``queries.running_counts`` of ``scope``, read once per snapshot (kept as the facts
    are): the headline and the running clocks both need it."""
    counts: list[tuple[str, str, bool, int]] = facts_.cached(
        session, ("running", scope), lambda: q.running_counts(session, scope)
    )
    return counts


def _stopped_counts(
    session: Session,
    filters: Filters,
    *,
    group: str | None = None,
    edges: Sequence[int] = (),
    by_day: bool = True,
) -> tuple[q.ClockScope, ClockCounts]:
    """The period's stopped clocks counted (from the daily rollup where it answers, see
    ``store/analytics/facts.py``) and restricted to the filters; ``group`` names what the
    caller counts apart besides metric, state, priority, stop day and team (``customer``
    ``policy_version_id`` or ``agent``). The team is always kept: the rollup is in that order, and
    the dashboard's summary and breakdown by team then share one fetch. A caller that does
    not look at ``stopped_at`` passes ``by_day=False``: the days are summed in SQL too."""
    start, end = period_bounds(filters)
    groups = {"team", *([group] if group else []), *(["customer"] if filters.customer else [])}
    counts = facts_.stopped_counts(
        session, start, end, groups=tuple(groups), edges=edges, by_day=by_day
    )
    scope = _scope(session, filters)
    return scope, counts.where(_ticket_mask(counts, scope)) if scope.filters_tickets else counts


def _duration_facts(session: Session, filters: Filters) -> DurationFacts:
    """The period's stopped first responses and resolutions, restricted to the filters."""
    start, end = period_bounds(filters)
    durations = facts_.duration_facts(session, start, end)
    scope = _scope(session, filters)
    return durations.where(_ticket_mask(durations, scope)) if scope.filters_tickets else durations


def _answer_facts(session: Session, filters: Filters) -> AnswerFacts:
    start, end = period_bounds(filters)
    answers = facts_.answer_facts(session, start, end)
    scope = _scope(session, filters)
    return answers.where(_ticket_mask(answers, scope)) if scope.filters_tickets else answers


def _ticket_mask(
    facts: ClockFacts | ClockCounts | DurationFacts | AnswerFacts | BreachFacts,
    scope: q.ClockScope,
) -> Any:
    mask = np.ones(facts.size, dtype=bool)
    if scope.team_id is not None:
        mask &= facts.team_id == scope.team_id
    if scope.customer_id is not None:
        mask &= facts.customer_id == scope.customer_id
    if scope.priority:
        code = PRIORITIES.index(scope.priority) if scope.priority in PRIORITIES else -2
        mask &= facts.priority == code
    return mask


def check_filters(source: Source, filters: Filters) -> None:
    """Raise ``AnalyticsError`` naming the first thing wrong with the filters."""
    period_bounds(filters)
    if filters.priority and filters.priority not in PRIORITIES:
        raise AnalyticsError(
            tr("'{value}' is not a priority; use one of: {choices}.").format(
                value=filters.priority, choices=", ".join(PRIORITIES)
            )
        )
    with _session(source) as session:
        for kind, name in (("team", filters.team), ("customer", filters.customer)):
            if name and q.lookup_id(session, kind, name.strip()) is None:
                known = q.all_names(session, kind)
                listed = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
                message = (
                    tr("There is no team named '{name}'; known teams: {known}.")
                    if kind == "team"
                    else tr("There is no customer named '{name}'; known customers: {known}.")
                )
                raise AnalyticsError(message.format(name=name, known=listed or tr("none")))
