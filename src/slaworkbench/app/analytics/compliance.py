"""Compliance per metric, per group and over time (Qt-free).

Compliance % = achieved / (achieved + breached) among clocks that stopped in the period;
per metric, the clocks not stopped by its end are counted apart (running, paused,
overdue) from a small SQL query. The rest is a few vectorised counts over the period's
stopped clocks (``analytics_filters``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from slaworkbench.app.analytics.filters import (
    DIMENSIONS,
    METRICS,
    PRIORITIES,
    AnalyticsError,
    Filters,
    Source,
    _bucket_edges,
    _running_counts,
    _session,
    _stopped_counts,
)
from slaworkbench.i18n import tr
from slaworkbench.store.analytics import facts as facts_
from slaworkbench.store.analytics import queries as q
from slaworkbench.store.analytics.facts import ClockCounts
from slaworkbench.store.analytics.fetch import NULL_ID


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

    def partial(self, start_at: int, end_at: int) -> bool:
        """Whether the bucket lies only partly inside the period ``[start_at, end_at)``:
        its figures count fewer days than its neighbours' (a first or last week or month
        cut by the period, the running one cut by today)."""
        return self.start_at < start_at or self.end_at > end_at


_STATE_NAMES = ("achieved", "breached", "other")


def _counts_by_state(facts: ClockCounts) -> list[tuple[str, str, int]]:
    """``(metric, state, count)`` of the clocks, as the old ``GROUP BY metric, state``."""
    known = facts.metric >= 0
    counts = np.bincount(
        facts.metric[known] * 3 + facts.state[known],
        weights=facts.count[known],
        minlength=3 * len(METRICS),
    ).astype(np.int64)
    return [(METRICS[i // 3], _STATE_NAMES[i % 3], int(n)) for i, n in enumerate(counts) if n]


def compliance_by_metric(source: Source, filters: Filters) -> tuple[MetricCompliance, ...]:
    """Every metric, in the order of ``METRICS``, even those without clocks."""
    with _session(source) as session:
        scope, facts = _stopped_counts(session, filters, by_day=False)
        running = _running_counts(session, scope)
    return _merge_metric_counts(_counts_by_state(facts), running)


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
        _, facts = _stopped_counts(
            session,
            filters,
            group=dimension if dimension in ("customer", "agent") else None,
            by_day=False,
        )
        column = {
            "priority": facts.priority,
            "team": facts.team_id,
            "agent": facts.agent_id,
            "customer": facts.customer_id,
        }[dimension]
        judged = (facts.metric >= 0) & (facts.state != facts_.OTHER)
        keys, inverse = _group_keys(column[judged])
        cells = (
            np.bincount(
                (inverse * len(METRICS) + facts.metric[judged]) * 2 + facts.state[judged],
                weights=facts.count[judged],
                minlength=keys.size * len(METRICS) * 2,
            )
            .astype(np.int64)
            .reshape(keys.size, len(METRICS), 2)
        )
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

    def count(facts: ClockCounts) -> tuple[Any, Any]:
        judged = (facts.metric >= 0) & (facts.state != facts_.OTHER)
        slots = np.searchsorted(
            np.asarray(edges, dtype=np.int64), facts.stopped_at[judged], "right"
        )
        slots = np.clip(slots - 1, 0, len(days) - 1)
        cells = (
            np.bincount(
                (facts.metric[judged] * len(days) + slots) * 2 + facts.state[judged],
                weights=facts.count[judged],
                minlength=len(METRICS) * len(days) * 2,
            )
            .astype(np.int64)
            .reshape(len(METRICS), len(days), 2)
        )
        known = facts.metric >= 0
        stopped = np.bincount(
            facts.metric[known], weights=facts.count[known], minlength=len(METRICS)
        )
        return cells, stopped

    with _session(source) as session:
        cells, stopped = facts_.memo(
            session,
            ("trend", filters, bucket),
            lambda: count(_stopped_counts(session, filters, edges=edges)[1]),
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
