"""Availability of a service over a period, from its outages.

Availability = 1 − weighted unplanned downtime ÷ period length (docs/AGREEMENTS.md):

- an outage is ``[start, end)`` with a weight in 0–1 (1 = fully down, 0.5 = half the
  service unusable) and a *planned* flag;
- overlapping outages count once: at each instant the downtime weight is the **largest**
  weight of the outages covering it (two half outages at once are still a half outage,
  a full outage during a partial one is a full outage);
- planned maintenance is left out when the agreement says it is excluded.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from slaworkbench.domain.model import Instant
from slaworkbench.i18n import tr


@dataclass(frozen=True, slots=True)
class OutageSpan:
    start: Instant
    end: Instant
    weight: float = 1.0
    planned: bool = False

    def __post_init__(self) -> None:
        check_weight(self.weight)
        if self.end <= self.start:
            raise ValueError(tr("An outage must end after it starts."))


def check_weight(weight: float) -> None:
    if not (isinstance(weight, int | float) and math.isfinite(weight) and 0 <= weight <= 1):
        raise ValueError(
            tr(
                "An outage's weight is a number from 0 to 1 (1 = fully down); {weight} is not."
            ).format(weight=weight)
        )


@dataclass(frozen=True, slots=True)
class Availability:
    period_seconds: int
    down_seconds: float
    """Weighted downtime: seconds × weight, overlaps counted once (largest weight)."""

    @property
    def fraction(self) -> float | None:
        if self.period_seconds <= 0:
            return None
        return 1.0 - self.down_seconds / self.period_seconds


def weighted_downtime(
    outages: Iterable[OutageSpan], start: Instant, end: Instant, *, exclude_planned: bool
) -> float:
    """Seconds of ``[start, end)`` down, each instant weighted by the largest weight of the
    outages covering it."""
    spans = [
        (max(o.start, start), min(o.end, end), o.weight)
        for o in outages
        if not (exclude_planned and o.planned) and o.end > start and o.start < end
    ]
    if not spans:
        return 0.0
    cuts = sorted({a for a, _, _ in spans} | {b for _, b, _ in spans})
    total = 0.0
    for left, right in itertools.pairwise(cuts):
        weight = max((w for a, b, w in spans if a <= left and b >= right), default=0.0)
        total += weight * (right - left)
    return total


def availability(
    outages: Iterable[OutageSpan], start: Instant, end: Instant, *, exclude_planned: bool = True
) -> Availability:
    """Availability over ``[start, end)``."""
    length = max(0, end - start)
    down = (
        weighted_downtime(outages, start, end, exclude_planned=exclude_planned) if length else 0.0
    )
    return Availability(period_seconds=length, down_seconds=down)


def error_budget_left_minutes(
    target: float,
    outages: Sequence[OutageSpan],
    month_start: Instant,
    month_end: Instant,
    now: Instant,
    *,
    exclude_planned: bool = True,
) -> float:
    """Minutes of downtime still allowed this month before ``target`` is missed.

    The budget is ``(1 − target) × month length``; what is used is the weighted downtime
    from the month's start up to ``now``. Negative when the budget is overspent.
    """
    if not 0 <= target <= 1:
        raise ValueError(tr("An availability target is a fraction from 0 to 1."))
    budget = (1.0 - target) * (month_end - month_start)
    used = weighted_downtime(
        outages, month_start, min(now, month_end), exclude_planned=exclude_planned
    )
    return (budget - used) / 60.0
