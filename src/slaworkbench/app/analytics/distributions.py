"""Response-time distributions and satisfaction (CSAT, NPS) of the period (Qt-free).

Business seconds of the clocks stopped in the period, per priority; survey answers given
in the period, by their ticket's first-response time and per bucket of the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import (
    METRICS,
    PRIORITIES,
    Filters,
    Source,
    _answer_facts,
    _bucket_edges,
    _duration_facts,
    _scope,
    _session,
    period_bounds,
)
from slaworkbench.store.analytics import facts as facts_
from slaworkbench.store.analytics.answer_rollup import DAY, KINDS, RESPONSE_BUCKET_EDGES
from slaworkbench.store.analytics.answers import AnswerCount, answer_counts
from slaworkbench.store.analytics.durations import (
    DurationBin,
    duration_bins,
    durations_at,
    rollup_bins,
)
from slaworkbench.store.analytics.fetch import IntArray
from slaworkbench.store.schema import DURATION_EDGES, DURATION_METRICS

PERCENTILES = (50, 90)
_EXACT_FLOAT = 2**53
"""Below this, every partial sum of business seconds is exact in a float64, so the mean
from the sum equals ``numpy.mean`` of the values."""
HISTOGRAM_EDGES = DURATION_EDGES
"""Lower edges of the distribution histogram bins (the last bin is open-ended)."""


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


def response_distributions(source: Source, filters: Filters) -> tuple[Distribution, ...]:
    """First-response and resolution business seconds of clocks stopped in the period, per
    priority (P50/P90 by linear interpolation, as ``numpy.percentile``).

    Without a team or customer filter, each bin and the values around each percentile's
    rank are read from an index ordered by business time (``_from_index``); else the two
    metrics' values of the period are fetched (``ix_ticket_clocks_durations``) and the
    figures computed from them. Both give the same figures."""
    with _session(source) as session:
        scope = _scope(session, filters)
        if facts_.aggregates_in_use() and scope.team_id is None and scope.customer_id is None:
            found = facts_.cached(
                session,
                ("distributions", scope.start, scope.end, scope.priority),
                lambda: _from_index(session, scope.start, scope.end, scope.priority),
            )
            if found is not None:
                return tuple(found)
        facts = _duration_facts(session, filters)
    return _from_values(facts.metric, facts.elapsed, facts.priority)


def _from_values(
    metrics: IntArray, elapsed: IntArray, priorities: IntArray
) -> tuple[Distribution, ...]:
    """The distributions of every value (metric and priority codes as in the facts)."""
    results: list[Distribution] = []
    edges = np.asarray(HISTOGRAM_EDGES, dtype=np.int64)
    for metric in DURATION_METRICS:
        of_metric = metrics == METRICS.index(metric)
        of_metric_elapsed = elapsed[of_metric]
        priority = priorities[of_metric]
        for code, name in enumerate(PRIORITIES):
            values = of_metric_elapsed[priority == code]
            if not values.size:
                continue
            bins = np.searchsorted(edges, values, side="right") - 1
            histogram = np.bincount(np.clip(bins, 0, None), minlength=len(edges))
            p50, p90 = np.percentile(values, PERCENTILES)
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


def _from_index(
    session: Session, start: int, end: int, priority: str | None
) -> tuple[Distribution, ...] | None:
    """The distributions of the period (of one priority if given) from the bins of
    ``duration_rollup`` (whole UTC days) or of the index walks (any other period) and
    the values around the percentiles' ranks (``store/analytics/durations.py``); ``None``
    when a mean could not be exact from the sum (then the caller computes from the
    values)."""
    results: list[Distribution] = []
    whole_days = start % DAY == 0 and end % DAY == 0
    counted = rollup_bins(session, start, end) if whole_days else {}
    for metric in DURATION_METRICS:
        for name in PRIORITIES:
            if priority is not None and name != priority:
                continue
            if whole_days:
                bins = counted.get((metric, name), ())
            else:
                bins = duration_bins(session, start, end, metric, name, HISTOGRAM_EDGES)
            try:
                found = _distribution(session, start, end, metric, name, bins)
            except _InexactMean:
                return None
            if found is not None:
                results.append(found)
    return tuple(results)


class _InexactMean(Exception):
    """The sum of the business seconds is too large for a float64 mean to be exact."""


def _distribution(
    session: Session, start: int, end: int, metric: str, priority: str, bins: Sequence[DurationBin]
) -> Distribution | None:
    """One metric and priority from its bins and the values around the percentiles' ranks
    (``None`` without any clock; ``_InexactMean`` when the mean would not be exact)."""
    count = sum(b.count for b in bins)
    if not count:
        return None
    # ``numpy.percentile`` (linear) reads ranks floor(q (n - 1)) and the next; a margin of
    # one each side covers any rounding of that position.
    wanted = {0, count - 1}
    for q in PERCENTILES:
        low = int(np.floor(q / 100 * (count - 1)))
        wanted.update(r for r in range(low - 1, low + 3) if 0 <= r < count)
    values = _values_at(session, start, end, metric, priority, bins, sorted(wanted))
    total = sum(b.total for b in bins)
    if count * max(abs(values[0]), abs(values[count - 1])) >= _EXACT_FLOAT:
        raise _InexactMean
    # A sorted stand-in for the values, exact at every rank read: numpy then computes
    # the very same percentiles as from all the values.
    stand_in = np.empty(count, dtype=np.int64)
    filled = 0
    for rank in sorted(values):
        stand_in[filled : rank + 1] = values[rank]
        filled = rank + 1
    p50, p90 = np.percentile(stand_in, PERCENTILES)
    return Distribution(
        metric=metric,
        priority=priority,
        count=count,
        p50=float(p50),
        p90=float(p90),
        mean=total / count,
        max=values[count - 1],
        histogram=tuple(b.count for b in bins),
    )


def _values_at(
    session: Session,
    start: int,
    end: int,
    metric: str,
    priority: str,
    bins: Sequence[DurationBin],
    ranks: Sequence[int],
) -> dict[int, int]:
    """The business seconds at each of the (ascending) ``ranks``: one index walk per bin
    holding any of them, within that bin."""
    found: dict[int, int] = {}
    first = 0
    for bin_ in bins:
        inside = [r for r in ranks if first <= r < first + bin_.count]
        if inside:
            offset = inside[0] - first
            values = durations_at(
                session, start, end, metric, priority, bin_, offset, inside[-1] - inside[0] + 1
            )
            for rank in inside:
                found[rank] = values[rank - inside[0]]
        first += bin_.count
    return found


def satisfaction_by_response_bucket(
    source: Source, filters: Filters
) -> tuple[SatisfactionBucket, ...]:
    """CSAT and NPS of answers given in the period, by their ticket's first-response time
    (``RESPONSE_BUCKET_EDGES``); a last bucket holds tickets without a first response when
    any answered."""
    with _session(source) as session:
        scope = _scope(session, filters)
        counted = answer_counts(session, scope, RESPONSE_BUCKET_EDGES, by_day=False)
    sums: dict[tuple[int, str], tuple[int, int, int, int]] = {}
    for row in counted:
        if not 0 <= row.kind < len(KINDS):
            continue
        kind = KINDS[row.kind]
        high_floor, low_ceiling = (4, 2) if kind == "csat" else (9, 6)
        n, total, high, low = sums.get((row.bucket, kind), (0, 0, 0, 0))
        sums[(row.bucket, kind)] = (
            n + row.count,
            total + row.score * row.count,
            high + (row.count if row.score >= high_floor else 0),
            low + (row.count if row.score <= low_ceiling else 0),
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
        answered_at, kinds, scores_, counts = _answers_at(session, filters, edges)
    index = np.searchsorted(np.asarray(edges, dtype=np.int64), answered_at, "right")
    index = np.clip(index - 1, 0, len(days) - 1)
    sums: dict[str, np.ndarray[Any, Any]] = {}
    for code, kind in ((facts_.CSAT, "csat"), (facts_.NPS, "nps")):
        high_floor, low_ceiling = (4, 2) if kind == "csat" else (9, 6)
        of_kind = kinds == code
        slots, scores, weights = index[of_kind], scores_[of_kind], counts[of_kind]
        high, low = scores >= high_floor, scores <= low_ceiling
        sums[kind] = np.stack(
            [
                np.bincount(slots, weights=weights, minlength=len(days)),
                np.bincount(slots, weights=scores * weights, minlength=len(days)),
                np.bincount(slots[high], weights=weights[high], minlength=len(days)),
                np.bincount(slots[low], weights=weights[low], minlength=len(days)),
            ],
            axis=1,
        ).astype(np.int64)
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


def _answer_counts(session: Session, filters: Filters) -> list[AnswerCount]:
    """The period's answers per kind, score and UTC day (the NPS trend sums them over its
    buckets); the satisfaction counts per first-response bucket instead. Both read the
    daily ``answer_rollup`` for whole UTC days without a ticket filter: a few hundred
    rows a day, and a few dozen for the year's buckets."""
    return answer_counts(session, _scope(session, filters), (), by_day=True)


def _answers_at(
    session: Session, filters: Filters, edges: Sequence[int]
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """``(instant, kind code, score, count)`` of the period's answers: counted per UTC day
    in SQL when the period and the bucket ``edges`` are whole UTC days (the instant is
    the day's first), else one element per answer."""
    start, end = period_bounds(filters)
    if all(instant % DAY == 0 for instant in (start, end, *edges)):
        counted = _answer_counts(session, filters)
        return (
            np.array([row.day * DAY for row in counted], dtype=np.int64),
            np.array([row.kind for row in counted], dtype=np.int64),
            np.array([row.score for row in counted], dtype=np.int64),
            np.array([row.count for row in counted], dtype=np.int64),
        )
    answers = _answer_facts(session, filters)
    ones = np.ones(answers.size, dtype=np.int64)
    return answers.answered_at, answers.kind, answers.score, ones
