"""The dashboard's data: one loader per chart, each run as one task off the GUI thread.

Compliance, breakdowns, distributions, satisfaction and availability come from the
shared analytics layer (``app/analytics/``), so the dashboard and the printed reports
always agree; the period's clocks and answers are fetched once for all of them and
reused across loaders until the workspace changes (``store/analytics/facts.py``).
What only the dashboard asks — the open backlog by time left, and the breaches that
will happen soon if nobody acts — is grouped in SQL by
``store/analytics/dashboard.py`` and shaped here with numpy. Every loader takes a
``Session`` and returns a frozen dataclass a chart draws as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.availability import ServiceMonth, availability_by_service_month
from slaworkbench.app.analytics.compliance import (
    MetricCompliance,
    TrendPoint,
    compliance_by,
    compliance_by_metric,
    compliance_trends,
)
from slaworkbench.app.analytics.distributions import (
    HISTOGRAM_EDGES,
    Distribution,
    NpsPoint,
    SatisfactionBucket,
    nps_trend,
    response_distributions,
    satisfaction_by_response_bucket,
)
from slaworkbench.app.analytics.filters import METRICS, PRIORITIES, Filters, period_bounds
from slaworkbench.app.ola.accountability import OlaAccountability, ola_accountability
from slaworkbench.app.ola.sla_holders import SlaHolders, sla_holders
from slaworkbench.domain.model import Instant, Metric
from slaworkbench.store.analytics import facts
from slaworkbench.store.analytics import queries as analytics_queries
from slaworkbench.store.analytics.dashboard import TicketScope
from slaworkbench.store.analytics.open_work import OpenWork, open_work

SessionFactory = Callable[[], AbstractContextManager[Session]]
"""Opens one session in one transaction (``Workspace.session``); one per loader task."""

HOUR = 3600
DAY = 24 * HOUR

REMAINING_EDGES: tuple[int, ...] = (HOUR, 4 * HOUR, 8 * HOUR, DAY, 3 * DAY, 7 * DAY)
"""Backlog buckets: overdue, < 1 h, 1–4 h, 4–8 h, 8–24 h, 1–3 d, 3–7 d, 7 d or more."""

SOON_HORIZON = 7 * DAY
SOON_SLOT = 6 * HOUR
"""Upcoming breaches are counted per 6 hours over the next 7 days (28 slots)."""

TOP_N = 12
"""Breakdowns by team or customer list the most breached values; the rest is summed."""


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SummaryData:
    """Compliance per metric over the period (metrics without any clock left out)."""

    metrics: tuple[MetricCompliance, ...]


@dataclass(frozen=True, slots=True)
class TrendData:
    """Compliance per bucket for each metric that has clocks in the period."""

    bucket: str
    tz: str
    series: tuple[tuple[str, tuple[TrendPoint, ...]], ...]
    period: tuple[int, int] | None = None
    """The period (``period_bounds``): a bucket partly outside it is marked."""

    def partial(self) -> tuple[bool, ...]:
        """Per bucket, whether it lies only partly inside the period."""
        points = self.series[0][1] if self.series else ()
        if self.period is None:
            return (False,) * len(points)
        return tuple(p.partial(*self.period) for p in points)


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """Breached and achieved clocks per metric (``METRICS`` order) for one group."""

    key: str | None
    """The priority, team or customer name; ``None`` = not set (or "others")."""
    breached: tuple[int, ...]
    achieved: tuple[int, ...]
    others: bool = False
    """The sum of every group beyond the top ``TOP_N``."""

    @property
    def breached_total(self) -> int:
        return sum(self.breached)

    @property
    def stopped_total(self) -> int:
        return sum(self.breached) + sum(self.achieved)

    @property
    def compliance(self) -> float | None:
        done = self.stopped_total
        return sum(self.achieved) / done if done else None


@dataclass(frozen=True, slots=True)
class BreakdownData:
    dimension: str
    metrics: tuple[str, ...]
    rows: tuple[BreakdownRow, ...]


@dataclass(frozen=True, slots=True)
class DistributionData:
    """Business time of stopped first-response and resolution clocks, per priority."""

    edges: tuple[int, ...]
    """Lower edges of the histogram bins (``HISTOGRAM_EDGES``)."""
    distributions: tuple[Distribution, ...]

    def of(self, metric: str) -> tuple[Distribution, ...]:
        return tuple(d for d in self.distributions if d.metric == metric)


@dataclass(frozen=True, slots=True)
class SatisfactionData:
    buckets: tuple[SatisfactionBucket, ...]


@dataclass(frozen=True, slots=True)
class NpsData:
    bucket: str
    tz: str
    points: tuple[NpsPoint, ...]


@dataclass(frozen=True, slots=True)
class AvailabilityData:
    tz: str
    months: tuple[ServiceMonth, ...]

    @property
    def services(self) -> tuple[tuple[str, float], ...]:
        seen: dict[str, float] = {}
        for month in self.months:
            seen.setdefault(month.service, month.target)
        return tuple(seen.items())


@dataclass(frozen=True, slots=True)
class BacklogData:
    """Open tickets per priority (rows, ``PRIORITIES`` order) and remaining-time bucket.

    Bucket 0 is "already overdue", bucket ``i`` ends at ``edges[i-1]``, the last one is
    open-ended. ``paused`` and ``without_clock`` count open tickets with no due instant.
    """

    now: Instant
    edges: tuple[int, ...]
    priorities: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    paused: int
    without_clock: int

    @property
    def total_by_bucket(self) -> tuple[int, ...]:
        return tuple(int(x) for x in np.asarray(self.counts, dtype=np.int64).sum(axis=0))

    @property
    def open_total(self) -> int:
        return sum(self.total_by_bucket) + self.paused + self.without_clock


@dataclass(frozen=True, slots=True)
class SoonData:
    """Breaches that will happen if nobody acts: running clocks of open tickets by due
    instant. ``counts[m][k]`` counts clocks of ``metrics[m]`` due in
    ``(now + k*slot_seconds, now + (k+1)*slot_seconds]``."""

    now: Instant
    slot_seconds: int
    metrics: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    tickets_24h: int
    """Open tickets that will breach within 24 hours if nobody acts (each counted once,
    however many of its clocks fall due): what the "will breach" card shows."""
    tickets_7d: int

    def within(self, seconds: int) -> int:
        slots = -(-seconds // self.slot_seconds)
        return int(np.asarray(self.counts, dtype=np.int64)[:, :slots].sum())

    @property
    def next_24h(self) -> int:
        return self.within(DAY)

    @property
    def next_7d(self) -> int:
        return self.within(7 * DAY)


# --- loaders ------------------------------------------------------------------------------


def ticket_scope(session: Session, filters: Filters) -> TicketScope:
    """The filter bar's team and customer names as ids (an unknown name matches nothing)."""

    def resolve(kind: str, name: str | None) -> int | None:
        if name is None or not name.strip():
            return None
        found = analytics_queries.lookup_id(session, kind, name.strip())
        return analytics_queries.NO_MATCH if found is None else found

    return TicketScope(
        team_id=resolve("team", filters.team),
        customer_id=resolve("customer", filters.customer),
        priority=filters.priority or None,
    )


def load_summary(session: Session, filters: Filters) -> SummaryData:
    metrics = compliance_by_metric(session, filters)
    return SummaryData(tuple(m for m in metrics if m.stopped or m.not_stopped))


def load_trend(session: Session, filters: Filters, bucket: str) -> TrendData:
    """Compliance per bucket of every metric with clocks stopped in the period."""
    series = compliance_trends(session, filters, bucket)
    return TrendData(bucket, filters.tz, series, period_bounds(filters))


def load_breakdown(
    session: Session, filters: Filters, dimension: str, top_n: int = TOP_N
) -> BreakdownData:
    """Breaches per metric for each group of ``dimension``.

    By priority every priority is listed in its usual order; by team or customer the
    ``top_n`` most breached groups are listed, most breached first, and the rest summed.
    """
    per_key: dict[str | None, tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]] = {}
    for group in compliance_by(session, filters, dimension):
        if group.metric not in METRICS:
            continue
        breached, achieved = per_key.setdefault(
            group.key, (np.zeros(len(METRICS), np.int64), np.zeros(len(METRICS), np.int64))
        )
        breached[METRICS.index(group.metric)] += group.breached
        achieved[METRICS.index(group.metric)] += group.achieved
    rows = [BreakdownRow(key, _ints(b), _ints(a)) for key, (b, a) in per_key.items()]
    if dimension == "priority":
        rank = {p: i for i, p in enumerate(PRIORITIES)}
        rows.sort(key=lambda r: rank.get(str(r.key), len(rank)))
    else:
        rows.sort(key=lambda r: (-r.breached_total, r.key is None, (r.key or "").casefold()))
        if len(rows) > top_n:
            rest = rows[top_n:]
            rows = rows[:top_n]
            rows.append(
                BreakdownRow(
                    key=None,
                    breached=_ints(np.sum([r.breached for r in rest], axis=0)),
                    achieved=_ints(np.sum([r.achieved for r in rest], axis=0)),
                    others=True,
                )
            )
    return BreakdownData(dimension=dimension, metrics=METRICS, rows=tuple(rows))


def load_distributions(session: Session, filters: Filters) -> DistributionData:
    return DistributionData(
        edges=HISTOGRAM_EDGES,
        distributions=response_distributions(session, filters),
    )


def load_satisfaction(session: Session, filters: Filters) -> SatisfactionData:
    return SatisfactionData(satisfaction_by_response_bucket(session, filters))


def load_nps(session: Session, filters: Filters, bucket: str) -> NpsData:
    return NpsData(bucket=bucket, tz=filters.tz, points=nps_trend(session, filters, bucket))


def load_availability(session: Session, filters: Filters, now: Instant) -> AvailabilityData:
    return AvailabilityData(
        tz=filters.tz, months=availability_by_service_month(session, filters, now)
    )


def _open_work(session: Session) -> OpenWork:
    """The open tickets' due instants, read once per data version (``facts.kept``): a
    reload counts them for its own ``now`` without a query."""
    found: OpenWork = facts.kept(session, ("open work",), lambda: open_work(session))
    return found


def load_backlog(session: Session, filters: Filters, now: Instant) -> BacklogData:
    """Open tickets (team, customer and priority filters apply; the period does not)."""
    rows = _open_work(session).backlog(
        ticket_scope(session, filters), now=now, edges=REMAINING_EDGES
    )
    counts = np.zeros((len(PRIORITIES), len(REMAINING_EDGES) + 2), dtype=np.int64)
    paused = without = 0
    for row in rows:
        if row.bucket < 0:
            if row.paused:
                paused += row.count
            else:
                without += row.count
        elif row.priority in PRIORITIES:
            counts[PRIORITIES.index(row.priority), row.bucket] += row.count
    return BacklogData(
        now=now,
        edges=REMAINING_EDGES,
        priorities=PRIORITIES,
        counts=_tuples(counts),
        paused=paused,
        without_clock=without,
    )


def load_soon(session: Session, filters: Filters, now: Instant) -> SoonData:
    """Running clocks due within the next 7 days (the period filter does not apply)."""
    slots = SOON_HORIZON // SOON_SLOT
    counts = np.zeros((len(METRICS), slots), dtype=np.int64)
    scope = ticket_scope(session, filters)
    work = _open_work(session)
    for row in work.due_soon(scope, now=now, horizon=SOON_HORIZON, slot_seconds=SOON_SLOT):
        if row.metric in METRICS and 0 <= row.slot < slots:
            counts[METRICS.index(row.metric), row.slot] += row.count
    tickets_24h, tickets_7d = work.tickets_breaching(scope, now=now, horizons=(DAY, SOON_HORIZON))
    return SoonData(
        now=now,
        slot_seconds=SOON_SLOT,
        metrics=METRICS,
        counts=_tuples(counts),
        tickets_24h=tickets_24h,
        tickets_7d=tickets_7d,
    )


SECTIONS = (
    "summary",
    "satisfaction",
    "backlog",
    "soon",
    "trend",
    "breakdown",
    "distributions",
    "nps",
    "availability",
)
"""In the order to load them. The period's clocks are fetched once (by the first loader
that asks, see ``store/analytics/facts.py``) and its survey answers once; with two
workers, the first two loaders fetch one each and the loaders that reuse them follow."""

ABOUT_NOW = frozenset({"availability", "backlog", "soon"})
"""Sections that depend on the instant of the load, not only on the data and filters."""


def loader(
    section: str, filters: Filters, *, now: Instant, bucket: str = "week", dimension: str = "team"
) -> Callable[[Session], Any]:
    """The function that loads one section's data in a session (what a task runs).

    A period section's figures are kept per filters, bucket, dimension and data version
    (``facts.kept``): a reload after nothing changed reads only the data version, and any
    commit (a ticket action, an import, a policy save, another window) makes the next
    load compute them again. The "about now" sections count the kept open work for the
    instant ``now``."""
    loaders: dict[str, Callable[[Session], Any]] = {
        "summary": lambda s: load_summary(s, filters),
        "trend": lambda s: load_trend(s, filters, bucket),
        "breakdown": lambda s: load_breakdown(s, filters, dimension),
        "distributions": lambda s: load_distributions(s, filters),
        "satisfaction": lambda s: load_satisfaction(s, filters),
        "nps": lambda s: load_nps(s, filters, bucket),
        "availability": lambda s: load_availability(s, filters, now),
        "backlog": lambda s: load_backlog(s, filters, now),
        "soon": lambda s: load_soon(s, filters, now),
    }
    load = loaders[section]
    if section in ABOUT_NOW:
        return load
    variant = {"trend": bucket, "nps": bucket, "breakdown": dimension}.get(section)
    key = ("dashboard", section, filters, variant)
    return lambda s: facts.kept(s, key, lambda: load(s))


T = TypeVar("T")


def kept_panel(name: str, load: Callable[[Session, Filters], T]) -> Callable[[Session, Filters], T]:
    """``load`` with its figures kept per filters and data version (``facts.kept``), as
    the charts' are: for the tab's panels loaded apart from ``SECTIONS``."""

    def kept_load(session: Session, filters: Filters) -> T:
        found: T = facts.kept(session, ("panel", name, filters), lambda: load(session, filters))
        return found

    return kept_load


load_ola: Callable[[Session, Filters], OlaAccountability] = kept_panel("ola", ola_accountability)
"""The OLA panel's figures (``app/ola/accountability.py``), kept."""


def holders_loader(metric: Metric) -> Callable[[Session, Filters], SlaHolders]:
    """The "who held the clock" panel's figures for ``metric``, kept."""
    return kept_panel(f"holders {metric.value}", lambda s, f: sla_holders(s, f, metric))


PANELS = ("ola", "holders")
"""The tab's panels beside the charts (what ``panel_loader`` loads; the holders by
resolution, the panel's first choice)."""


def panel_loader(panel: str) -> Callable[[Session, Filters], Any]:
    return load_ola if panel == "ola" else holders_loader(Metric.RESOLUTION)


def _tuples(matrix: np.ndarray[Any, Any]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(int(x) for x in row) for row in matrix)


def _ints(vector: np.ndarray[Any, Any]) -> tuple[int, ...]:
    return tuple(int(x) for x in vector)


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """Team and customer names for the filter bar's pickers, by name."""

    teams: tuple[str, ...]
    customers: tuple[str, ...]
    stopped: tuple[int, int] | None = None
    """The first and last instant an SLA clock stopped (``None``: none has): a period
    without any can offer this one."""


def load_filter_options(session: Session) -> FilterOptions:
    return FilterOptions(
        teams=tuple(analytics_queries.all_names(session, "team")),
        customers=tuple(analytics_queries.all_names(session, "customer")),
        stopped=analytics_queries.stopped_span(session),
    )
