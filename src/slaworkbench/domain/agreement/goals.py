"""Goals from current performance: the target that would have been met a given share of
the time.

For the business elapsed times of the clocks that stopped in a past period, the target
met by a share ``p`` of them is the nearest-rank percentile: the smallest elapsed value
``v`` such that at least ``p`` of the clocks have ``elapsed <= v`` (a clock stopped
exactly at its due instant is achieved, docs/SLA_SEMANTICS.md). It is one of the
observed values, so it is exact in whole seconds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from slaworkbench.domain.model import Seconds

SHARES = (0.80, 0.90, 0.95)


@dataclass(frozen=True, slots=True)
class GoalSuggestion:
    clocks: int
    targets: tuple[tuple[float, Seconds], ...]
    """(share, target) for each share asked, in order."""
    current_target: Seconds | None
    current_compliance: float | None
    """Share of the clocks within ``current_target`` (0–1), ``None`` without one."""


def target_met_share(elapsed: Sequence[int], share: float) -> Seconds | None:
    """The smallest target met by at least ``share`` of the clocks (``None``: no clocks)."""
    if not 0 < share <= 1:
        raise ValueError("share must be in (0, 1]")
    if not len(elapsed):
        return None
    ordered = np.sort(np.asarray(elapsed, dtype=np.int64))
    rank = max(1, math.ceil(share * len(ordered) - 1e-9))
    return int(ordered[rank - 1])


def suggest_goals(
    elapsed: Sequence[int], current_target: Seconds | None, shares: Sequence[float] = SHARES
) -> GoalSuggestion:
    values = np.asarray(elapsed, dtype=np.int64)
    targets = tuple(
        (share, target)
        for share in shares
        if (target := target_met_share(elapsed, share)) is not None
    )
    compliance = (
        None
        if current_target is None or not len(values)
        else float(np.count_nonzero(values <= current_target)) / len(values)
    )
    return GoalSuggestion(len(values), targets, current_target, compliance)
