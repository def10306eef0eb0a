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
from typing import Any

import numpy as np
from numpy.typing import NDArray

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


Durations = Sequence[int] | NDArray[np.integer[Any]]


def target_met_share(elapsed: Durations, share: float) -> Seconds | None:
    """The smallest target met by at least ``share`` of the clocks (``None``: no clocks)."""
    return _met_share(np.sort(np.asarray(elapsed, dtype=np.int64)), share)


def _met_share(ordered: NDArray[np.int64], share: float) -> Seconds | None:
    if not 0 < share <= 1:
        raise ValueError("share must be in (0, 1]")
    if not ordered.size:
        return None
    rank = max(1, math.ceil(share * ordered.size - 1e-9))
    return int(ordered[rank - 1])


def suggest_goals(
    elapsed: Durations, current_target: Seconds | None, shares: Sequence[float] = SHARES
) -> GoalSuggestion:
    values = np.asarray(elapsed, dtype=np.int64)
    ordered = np.sort(values)  # once for every share
    targets = tuple(
        (share, target) for share in shares if (target := _met_share(ordered, share)) is not None
    )
    compliance = (
        None
        if current_target is None or not values.size
        else float(np.count_nonzero(values <= current_target)) / values.size
    )
    return GoalSuggestion(int(values.size), targets, current_target, compliance)
