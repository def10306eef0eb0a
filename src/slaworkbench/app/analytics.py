"""Compliance analytics shared by the dashboard and the printed reports (Qt-free).

Every function takes a SQLAlchemy ``Session`` (or anything with a ``session()`` context
manager, such as the workspace) and a ``Filters``, and returns plain frozen dataclasses.

How things are counted (docs/SLA_SEMANTICS.md, "Reports count"; docs/REPORTS.md):
- the period is ``date_from`` 00:00 to the end of ``date_to``, local time in ``tz``;
- compliance % = achieved / (achieved + breached) among clocks (cycles) that *stopped* in
  the period; clocks not stopped by the end of the period are counted apart as running;
- team, customer, agent and priority are the ticket's current ones.

How it is computed: the period's stopped clocks (and survey answers, and breached
clocks) are fetched once per snapshot into numpy arrays by ``store/analytics_facts.py``
and shared by every function here, across sessions too while the workspace does not
change; each figure is a few vectorised counts over those arrays, filters are masks.
Clocks still running at the end of the period and the rows listed (worst breaches,
running clocks) come from small SQL queries (``store/analytics_queries.py``).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import dataclass
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
from sqlalchemy.orm import Session

from slaworkbench.domain.calendar import BusinessCalendar
from slaworkbench.domain.readings import is_running_reading, remaining_at
from slaworkbench.i18n import tr
from slaworkbench.store import analytics_facts as facts_
from slaworkbench.store import analytics_queries as q
from slaworkbench.store.analytics_facts import NULL_ID, AnswerFacts, BreachFacts, ClockFacts

METRICS = ("first_response", "next_response", "periodic_update", "resolution")
PRIORITIES = ("urgent", "high", "normal", "low")
DIMENSIONS = ("priority", "team", "agent", "customer")
BUCKETS = ("day", "week", "month")
RESPONSE_BUCKET_EDGES = (3600, 4 * 3600, 8 * 3600, 24 * 3600)
"""First-response business seconds separating the satisfaction buckets."""
HISTOGRAM_EDGES = (0, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 86400, 2 * 86400, 5 * 86400)
"""Lower edges of the distribution histogram bins (the last bin is open-ended)."""


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


# --- results ----------------------------------------------------------------------------


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class StoppedCounts:
    """``stopped`` and ``compliance`` of counts of achieved and breached clocks
    ("Reports count": achieved / (achieved + breached) among clocks that stopped)."""

    __slots__ = ()
    achieved: int
    breached: int

    @property
    def stopped(self) -> int:
        return self.achieved + self.breached

    @property
    def compliance(self) -> float | None:
        """A fraction in [0, 1]; ``None`` when no clock stopped."""
        return _ratio(self.achieved, self.stopped)


@dataclass(frozen=True, slots=True)
class MetricCompliance(StoppedCounts):
    """One metric: clocks stopped in the period, and those still running at its end."""

    metric: str
    achieved: int
    breached: int
    running: int
    """Not stopped by the end of the period, not paused, not overdue."""
    paused: int
    overdue: int
    """Not stopped by the end of the period and past due by then."""

    @property
    def not_stopped(self) -> int:
        return self.running + self.paused + self.overdue


@dataclass(frozen=True, slots=True)
class GroupCompliance(StoppedCounts):
    dimension: str
    key: str | None
    """The priority or the team, agent or customer name; ``None`` = not set."""
    metric: str
    achieved: int
    breached: int


@dataclass(frozen=True, slots=True)
class TrendPoint(StoppedCounts):
    start: dt.date
    """The first local day of the bucket (it may begin before the period)."""
    start_at: int
    end_at: int
    achieved: int
    breached: int


@dataclass(frozen=True, slots=True)
class Breach:
    ticket_id: int
    external_id: str | None
    subject: str
    priority: str
    team: str | None
    customer: str | None
    agent: str | None
    metric: str
    target: int
    elapsed: int
    started_at: int
    breached_at: int | None
    stopped_at: int

    @property
    def overrun(self) -> int:
        return self.elapsed - self.target


@dataclass(frozen=True, slots=True)
class RunningClock:
    ticket_id: int
    external_id: str | None
    subject: str
    priority: str
    team: str | None
    customer: str | None
    agent: str | None
    metric: str
    state: str
    """As last evaluated: running, paused or breached."""
    started_at: int
    due_at: int | None
    breached_at: int | None
    target: int
    elapsed: int
    remaining: int
    stopped_at: int | None
    """Set when the clock stopped after the end of the period."""
    overdue: bool
    """Past due at the end of the period."""


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


@dataclass(frozen=True, slots=True)
class Distribution:
    metric: str
    priority: str
    count: int
    p50: float | None
    p90: float | None
    mean: float | None
    max: int | None
    histogram: tuple[int, ...]
    """Counts per ``HISTOGRAM_EDGES`` bin."""


@dataclass(frozen=True, slots=True)
class SatisfactionBucket:
    lower: int | None
    """First-response business seconds, inclusive; ``None`` with ``upper`` ``None`` means
    tickets without a first response."""
    upper: int | None
    """Exclusive; ``None`` = open-ended."""
    csat_count: int
    csat_mean: float | None
    csat_satisfied: float | None
    """Share of CSAT answers of 4 or 5."""
    nps_count: int
    promoters: int
    detractors: int

    @property
    def nps(self) -> float | None:
        """Net promoter score, -100 to 100."""
        return (
            None
            if not self.nps_count
            else 100 * (self.promoters - self.detractors) / self.nps_count
        )

    @property
    def without_response(self) -> bool:
        return self.lower is None and self.upper is None


@dataclass(frozen=True, slots=True)
class NpsPoint:
    start: dt.date
    start_at: int
    end_at: int
    responses: int
    promoters: int
    detractors: int
    csat_count: int
    csat_mean: float | None

    @property
    def passives(self) -> int:
        return self.responses - self.promoters - self.detractors

    @property
    def nps(self) -> float | None:
        return (
            None
            if not self.responses
            else 100 * (self.promoters - self.detractors) / self.responses
        )


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


@dataclass(frozen=True, slots=True)
class CalendarInfo:
    name: str
    timezone: str
    hours: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """``(day key mon…sun, ((start, end), ...))``."""
    holidays: tuple[tuple[dt.date, str], ...]
    """The holidays that fall inside the period."""


@dataclass(frozen=True, slots=True)
class PolicyVersionInfo:
    policy: str
    version: int
    version_id: int
    created_at: int
    author: str
    reason: str
    calendar: str
    pause_statuses: tuple[str, ...]
    targets: tuple[tuple[str, str, int], ...]
    """``(priority, metric, business seconds)``."""
    clocks_judged: int
    """Clocks stopped in the period that this version judged."""
    is_current: bool
    active: bool


@dataclass(frozen=True, slots=True)
class Methods:
    start_at: int
    end_at: int
    tz: str
    calendars: tuple[CalendarInfo, ...]
    policy_versions: tuple[PolicyVersionInfo, ...]
    pause_statuses: tuple[str, ...]
    """Every status that pauses a pausable clock under some version in force."""
    unversioned_clocks: int
    """Clocks stopped in the period whose policy version is no longer recorded."""


# --- sessions, periods and scopes ---------------------------------------------------------


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
    in the session, see ``store/analytics_facts.py``) restricted to the filters."""
    start, end = period_bounds(filters)
    facts = facts_.clock_facts(session, start, end)
    scope = _scope(session, filters)
    return scope, facts.where(_ticket_mask(facts, scope)) if scope.filters_tickets else facts


def _answer_facts(session: Session, filters: Filters) -> AnswerFacts:
    start, end = period_bounds(filters)
    answers = facts_.answer_facts(session, start, end)
    scope = _scope(session, filters)
    return answers.where(_ticket_mask(answers, scope)) if scope.filters_tickets else answers


def _ticket_mask(facts: ClockFacts | AnswerFacts | BreachFacts, scope: q.ClockScope) -> Any:
    mask = np.ones(facts.size, dtype=bool)
    if scope.team_id is not None:
        mask &= facts.team_id == scope.team_id
    if scope.customer_id is not None:
        mask &= facts.customer_id == scope.customer_id
    if scope.priority:
        code = PRIORITIES.index(scope.priority) if scope.priority in PRIORITIES else -2
        mask &= facts.priority == code
    return mask


_STATE_NAMES = ("achieved", "breached", "other")


def _stopped_counts(facts: ClockFacts) -> list[tuple[str, str, int]]:
    """``(metric, state, count)`` of the clocks, as the old ``GROUP BY metric, state``."""
    known = facts.metric >= 0
    counts = np.bincount(facts.metric[known] * 3 + facts.state[known], minlength=3 * len(METRICS))
    return [(METRICS[i // 3], _STATE_NAMES[i % 3], int(n)) for i, n in enumerate(counts) if n]


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


# --- compliance ---------------------------------------------------------------------------


def compliance_by_metric(source: Source, filters: Filters) -> tuple[MetricCompliance, ...]:
    """Every metric, in the order of ``METRICS``, even those without clocks."""
    with _session(source) as session:
        scope, facts = _clock_facts(session, filters)
        running = q.running_counts(session, scope)
    return _merge_metric_counts(_stopped_counts(facts), running)


def _merge_metric_counts(
    stopped: Sequence[tuple[str, str, int]], running: Sequence[tuple[str, str, bool, int]]
) -> tuple[MetricCompliance, ...]:
    counts: dict[str, dict[str, int]] = {metric: defaultdict(int) for metric in METRICS}
    for metric, state, n in stopped:
        counts.setdefault(metric, defaultdict(int))[state] += n
    for metric, state, overdue, n in running:
        key = "overdue" if overdue else ("paused" if state == "paused" else "running")
        counts.setdefault(metric, defaultdict(int))[key] += n
    return tuple(
        MetricCompliance(
            metric=metric,
            achieved=c["achieved"],
            breached=c["breached"],
            running=c["running"],
            paused=c["paused"],
            overdue=c["overdue"],
        )
        for metric, c in counts.items()
    )


def compliance_by(source: Source, filters: Filters, dimension: str) -> tuple[GroupCompliance, ...]:
    """Per group and metric, groups ordered by name (priorities by urgency)."""
    if dimension not in DIMENSIONS:
        raise AnalyticsError(tr("Unknown dimension '{name}'.").format(name=dimension))
    with _session(source) as session:
        _, facts = _clock_facts(session, filters)
        column = {
            "priority": facts.priority,
            "team": facts.team_id,
            "agent": facts.agent_id,
            "customer": facts.customer_id,
        }[dimension]
        judged = (facts.metric >= 0) & (facts.state != facts_.OTHER)
        keys, inverse = _group_keys(column[judged])
        cells = np.bincount(
            (inverse * len(METRICS) + facts.metric[judged]) * 2 + facts.state[judged],
            minlength=keys.size * len(METRICS) * 2,
        ).reshape(keys.size, len(METRICS), 2)
        names: dict[int, str] = {}
        if dimension != "priority":
            names = q.names_of(session, dimension, (int(k) for k in keys if k != NULL_ID))
    counts: dict[tuple[str | None, str], list[int]] = {}
    for index, key in enumerate(keys.tolist()):
        if dimension == "priority":
            label: str | None = PRIORITIES[key] if 0 <= key < len(PRIORITIES) else None
        else:
            label = None if key == NULL_ID else names.get(key, str(key))
        for m, metric in enumerate(METRICS):
            achieved, breached = (int(x) for x in cells[index, m])
            if achieved or breached:
                counts[(label, metric)] = [achieved, breached]

    def order(item: tuple[str | None, str]) -> tuple[Any, ...]:
        label, metric = item
        rank = PRIORITIES.index(label) if dimension == "priority" and label in PRIORITIES else 99
        return (label is None, rank, (label or "").casefold(), METRICS.index(metric))

    return tuple(
        GroupCompliance(
            dimension, label, metric, counts[(label, metric)][0], counts[(label, metric)][1]
        )
        for label, metric in sorted(counts, key=order)
    )


def _group_keys(values: Any) -> tuple[Any, Any]:
    """``numpy.unique(values, return_inverse=True)`` without sorting when the keys are
    small non-negative ids (or ``NULL_ID``): a count per possible id, then the ones used."""
    if not values.size:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    missing = values == NULL_ID
    shifted = np.where(missing, 0, values + 1)
    high = int(shifted.max())
    if bool((~missing & (values < 0)).any()) or high > 4 * values.size + (1 << 20):
        keys, inverse = np.unique(values, return_inverse=True)
        return keys, inverse.reshape(-1)
    used = np.flatnonzero(np.bincount(shifted, minlength=high + 1))
    position = np.zeros(high + 1, dtype=np.int64)
    position[used] = np.arange(used.size)
    keys = np.where(used == 0, NULL_ID, used - 1)
    order = np.argsort(keys, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return keys[order], rank[position[shifted]]


def compliance_trend(
    source: Source, filters: Filters, metric: str, bucket: str
) -> tuple[TrendPoint, ...]:
    """One point per bucket overlapping the period (empty buckets included)."""
    return dict(compliance_trends(source, filters, bucket, (metric,)))[metric]


def compliance_trends(
    source: Source, filters: Filters, bucket: str, metrics: Sequence[str] | None = None
) -> tuple[tuple[str, tuple[TrendPoint, ...]], ...]:
    """``compliance_trend`` of several metrics from one pass; ``metrics=None`` means every
    metric with a clock stopped in the period (in ``METRICS`` order)."""
    days, edges = _bucket_edges(filters, bucket)

    def count(facts: ClockFacts) -> tuple[Any, Any]:
        judged = (facts.metric >= 0) & (facts.state != facts_.OTHER)
        slots = np.searchsorted(
            np.asarray(edges, dtype=np.int64), facts.stopped_at[judged], "right"
        )
        slots = np.clip(slots - 1, 0, len(days) - 1)
        cells = np.bincount(
            (facts.metric[judged] * len(days) + slots) * 2 + facts.state[judged],
            minlength=len(METRICS) * len(days) * 2,
        ).reshape(len(METRICS), len(days), 2)
        return cells, np.bincount(facts.metric[facts.metric >= 0], minlength=len(METRICS))

    with _session(source) as session:
        cells, stopped = facts_.memo(
            session,
            ("trend", filters, bucket),
            lambda: count(_clock_facts(session, filters)[1]),
        )
    if metrics is None:
        metrics = [m for i, m in enumerate(METRICS) if stopped[i]]
    series = []
    for metric in metrics:
        per_bucket = (
            cells[METRICS.index(metric)].tolist() if metric in METRICS else [[0, 0]] * len(days)
        )
        series.append(
            (
                metric,
                tuple(
                    TrendPoint(day, edges[i], edges[i + 1], per_bucket[i][0], per_bucket[i][1])
                    for i, day in enumerate(days)
                ),
            )
        )
    return tuple(series)


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
    """Breached clocks stopped in the period, the longest overrun first."""
    with _session(source) as session:
        start, end = period_bounds(filters)
        breaches = facts_.breach_facts(session, start, end)
        scope = _scope(session, filters)
        if scope.filters_tickets:
            breaches = breaches.where(_ticket_mask(breaches, scope))
        order = np.lexsort((breaches.clock_id, breaches.stopped_at, -breaches.overrun))
        rows = q.breach_rows(session, breaches.clock_id[order[: max(limit, 0)]].tolist())
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
        counts = q.running_counts(session, scope)
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


# --- distributions and satisfaction -------------------------------------------------------


def response_distributions(source: Source, filters: Filters) -> tuple[Distribution, ...]:
    """First-response and resolution business seconds of clocks stopped in the period, per
    priority (P50/P90 by linear interpolation, as ``numpy.percentile``)."""
    results: list[Distribution] = []
    with _session(source) as session:
        _, facts = _clock_facts(session, filters)
    edges = np.asarray(HISTOGRAM_EDGES, dtype=np.int64)
    for metric in ("first_response", "resolution"):
        of_metric = facts.metric == METRICS.index(metric)
        elapsed = facts.elapsed[of_metric]
        priority = facts.priority[of_metric]
        for code, name in enumerate(PRIORITIES):
            values = elapsed[priority == code]
            if not values.size:
                continue
            bins = np.searchsorted(edges, values, side="right") - 1
            histogram = np.bincount(np.clip(bins, 0, None), minlength=len(edges))
            p50, p90 = np.percentile(values, [50, 90])
            results.append(
                Distribution(
                    metric=metric,
                    priority=name,
                    count=int(values.size),
                    p50=float(p50),
                    p90=float(p90),
                    mean=float(values.mean()),
                    max=int(values.max()),
                    histogram=tuple(int(c) for c in histogram),
                )
            )
    return tuple(results)


def satisfaction_by_response_bucket(
    source: Source, filters: Filters
) -> tuple[SatisfactionBucket, ...]:
    """CSAT and NPS of answers given in the period, by their ticket's first-response time
    (``RESPONSE_BUCKET_EDGES``); a last bucket holds tickets without a first response when
    any answered."""
    with _session(source) as session:
        answers = _answer_facts(session, filters)
    edges = np.asarray(RESPONSE_BUCKET_EDGES, dtype=np.int64)
    answered = answers.first_response != NULL_ID
    bucket = np.where(answered, np.searchsorted(edges, answers.first_response, "right"), -1)
    sums: dict[tuple[int, str], tuple[int, int, int, int]] = {}
    for code, kind in ((facts_.CSAT, "csat"), (facts_.NPS, "nps")):
        high_floor, low_ceiling = (4, 2) if kind == "csat" else (9, 6)
        of_kind = answers.kind == code
        scores = answers.score[of_kind]
        for b in np.unique(bucket[of_kind]).tolist():
            chosen = scores[bucket[of_kind] == b]
            sums[(b, kind)] = (
                int(chosen.size),
                int(chosen.sum()),
                int((chosen >= high_floor).sum()),
                int((chosen <= low_ceiling).sum()),
            )
    bounds: list[tuple[int, int | None, int | None]] = []
    lower = 0
    for index, edge in enumerate(RESPONSE_BUCKET_EDGES):
        bounds.append((index, lower, edge))
        lower = edge
    bounds.append((len(RESPONSE_BUCKET_EDGES), lower, None))
    if any(b == -1 for b, _ in sums):
        bounds.append((-1, None, None))
    buckets = []
    for index, low_edge, high_edge in bounds:
        csat = sums.get((index, "csat"), (0, 0, 0, 0))
        nps = sums.get((index, "nps"), (0, 0, 0, 0))
        buckets.append(
            SatisfactionBucket(
                lower=low_edge,
                upper=high_edge,
                csat_count=csat[0],
                csat_mean=csat[1] / csat[0] if csat[0] else None,
                csat_satisfied=csat[2] / csat[0] if csat[0] else None,
                nps_count=nps[0],
                promoters=nps[2],
                detractors=nps[3],
            )
        )
    return tuple(buckets)


def nps_trend(source: Source, filters: Filters, bucket: str) -> tuple[NpsPoint, ...]:
    """NPS (and CSAT mean) of answers given in each bucket of the period."""
    days, edges = _bucket_edges(filters, bucket)
    with _session(source) as session:
        answers = _answer_facts(session, filters)
    index = np.searchsorted(np.asarray(edges, dtype=np.int64), answers.answered_at, "right")
    index = np.clip(index - 1, 0, len(days) - 1)
    sums: dict[str, np.ndarray[Any, Any]] = {}
    for code, kind in ((facts_.CSAT, "csat"), (facts_.NPS, "nps")):
        high_floor, low_ceiling = (4, 2) if kind == "csat" else (9, 6)
        of_kind = answers.kind == code
        slots, scores = index[of_kind], answers.score[of_kind]
        sums[kind] = np.stack(
            [
                np.bincount(slots, minlength=len(days)),
                np.bincount(slots, weights=scores, minlength=len(days)).astype(np.int64),
                np.bincount(slots[scores >= high_floor], minlength=len(days)),
                np.bincount(slots[scores <= low_ceiling], minlength=len(days)),
            ],
            axis=1,
        )
    return tuple(
        NpsPoint(
            start=day,
            start_at=edges[i],
            end_at=edges[i + 1],
            responses=int(sums["nps"][i, 0]),
            promoters=int(sums["nps"][i, 2]),
            detractors=int(sums["nps"][i, 3]),
            csat_count=int(sums["csat"][i, 0]),
            csat_mean=float(sums["csat"][i, 1] / sums["csat"][i, 0])
            if sums["csat"][i, 0]
            else None,
        )
        for i, day in enumerate(days)
    )


# --- availability -------------------------------------------------------------------------


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


# --- methods ------------------------------------------------------------------------------

_DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def methods(source: Source, filters: Filters) -> Methods:
    """The calendars, pause statuses and policy versions behind the period's figures: every
    version that judged a clock stopped in the period, and the current version of every
    active policy."""
    with _session(source) as session:
        scope, facts = _clock_facts(session, filters)
        ids, counts = np.unique(facts.policy_version_id, return_counts=True)
        judged: dict[int | None, int] = {
            (None if v == NULL_ID else v): n
            for v, n in zip(ids.tolist(), counts.tolist(), strict=True)
        }
        versions = q.policy_version_rows(session, (v for v in judged if v is not None))
        calendar_ids = {v.calendar_id for v in versions}
        calendars = q.calendar_rows(session, calendar_ids)
        extra_holidays = q.calendar_holiday_rows(session, calendar_ids)
    tz = zone(filters)
    first_day = dt.datetime.fromtimestamp(scope.start, tz).date()
    last_day = dt.datetime.fromtimestamp(scope.end - 1, tz).date()
    calendar_names = {cid: name for cid, name, _, _ in calendars}
    calendar_infos = []
    for cid, name, timezone, spec in calendars:
        holidays: dict[dt.date, str] = {}
        for raw in spec.get("holidays", []) or []:
            day = _parse_day(raw.get("date") if isinstance(raw, dict) else None)
            if day is not None and first_day <= day <= last_day:
                holidays[day] = str(raw.get("name") or "")
        for owner, day, label in extra_holidays:
            if owner == cid and first_day <= day <= last_day:
                holidays.setdefault(day, label or "")
        calendar_infos.append(
            CalendarInfo(
                name=name,
                timezone=timezone,
                hours=_hours(spec.get("hours")),
                holidays=tuple(sorted(holidays.items())),
            )
        )
    version_infos = []
    pauses: set[str] = set()
    for v in versions:
        statuses = v.spec.get("pause_statuses")
        paused = (
            tuple(sorted(str(s) for s in statuses))
            if isinstance(statuses, list)
            else ("on_hold", "pending")
        )
        pauses.update(paused)
        version_infos.append(
            PolicyVersionInfo(
                policy=v.policy_name,
                version=v.version,
                version_id=v.version_id,
                created_at=v.created_at,
                author=v.author,
                reason=v.reason,
                calendar=calendar_names.get(v.calendar_id, str(v.spec.get("calendar", ""))),
                pause_statuses=paused,
                targets=_targets(v.spec.get("targets")),
                clocks_judged=judged.get(v.version_id, 0),
                is_current=v.is_current,
                active=v.policy_active,
            )
        )
    return Methods(
        start_at=scope.start,
        end_at=scope.end,
        tz=filters.tz,
        calendars=tuple(calendar_infos),
        policy_versions=tuple(version_infos),
        pause_statuses=tuple(sorted(pauses)),
        unversioned_clocks=judged.get(None, 0),
    )


def _parse_day(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _hours(raw: object) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    if not isinstance(raw, dict):
        return ()
    days = []
    for key in _DAY_KEYS:
        intervals = raw.get(key) or []
        days.append(
            (
                key,
                tuple(
                    (str(pair[0]), str(pair[1]))
                    for pair in intervals
                    if isinstance(pair, list | tuple) and len(pair) == 2
                ),
            )
        )
    return tuple(days)


def _targets(raw: object) -> tuple[tuple[str, str, int], ...]:
    if not isinstance(raw, dict):
        return ()
    targets = []
    for priority in sorted(raw, key=lambda p: PRIORITIES.index(p) if p in PRIORITIES else 99):
        per_metric = raw[priority]
        if not isinstance(per_metric, dict):
            continue
        for metric in METRICS:
            value = per_metric.get(metric)
            if isinstance(value, int | float):
                targets.append((str(priority), metric, int(value)))
    return tuple(targets)
