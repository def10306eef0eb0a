"""Response-time distributions and satisfaction (CSAT, NPS) of the period (Qt-free).

Business seconds of the clocks stopped in the period, per priority; survey answers given
in the period, by their ticket's first-response time and per bucket of the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from slaworkbench.app.analytics.filters import (
    METRICS,
    PRIORITIES,
    Filters,
    Source,
    _answer_facts,
    _bucket_edges,
    _duration_facts,
    _session,
)
from slaworkbench.store.analytics import facts as facts_
from slaworkbench.store.analytics.fetch import NULL_ID
from slaworkbench.store.schema import DURATION_METRICS

RESPONSE_BUCKET_EDGES = (3600, 4 * 3600, 8 * 3600, 24 * 3600)
"""First-response business seconds separating the satisfaction buckets."""
HISTOGRAM_EDGES = (0, 900, 1800, 3600, 2 * 3600, 4 * 3600, 8 * 3600, 86400, 2 * 86400, 5 * 86400)
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

    Exact percentiles need every value, so these come from the two metrics' clocks (an
    index holds them, ``ix_ticket_clocks_durations``), not from the daily rollup."""
    results: list[Distribution] = []
    with _session(source) as session:
        facts = _duration_facts(session, filters)
    edges = np.asarray(HISTOGRAM_EDGES, dtype=np.int64)
    for metric in DURATION_METRICS:
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
