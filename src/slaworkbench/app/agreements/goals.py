"""Goals from current performance: per metric and priority, the targets that would have
been met 80 / 90 / 95 % of the time over a past period (business elapsed of the clocks
that stopped in it), next to the current target and its actual compliance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from slaworkbench.domain.agreement.goals import SHARES, GoalSuggestion, suggest_goals
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.agreements.clock_facts import stopped_clocks
from slaworkbench.store.schema import METRICS, PRIORITIES
from slaworkbench.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class MetricGoalSuggestion:
    metric: Metric
    priority: Priority
    suggestion: GoalSuggestion


def goal_suggestions(
    ws: Workspace, start: int, end: int, *, customer: str | None = None
) -> list[MetricGoalSuggestion]:
    """For a customer (or every ticket) and ``[start, end)``; the current target is the
    one most clocks of that metric and priority were judged against."""
    with ws.session() as session:
        clocks = stopped_clocks(session, start, end, customer=customer)
    result = []
    for metric in Metric:
        for priority in Priority:
            picked = (clocks.metric == METRICS.index(metric.value)) & (
                clocks.priority == PRIORITIES.index(priority.value)
            )
            if not picked.any():
                continue
            elapsed = clocks.elapsed[picked].tolist()  # in stop order
            result.append(
                MetricGoalSuggestion(
                    metric, priority, suggest_goals(elapsed, _most_common(clocks.target[picked]),
                                                    SHARES)
                )
            )  # fmt: skip
    return result


def _most_common(targets: NDArray[np.int64]) -> int:
    """The target most cycles were judged against; of equals, the one met first (in stop
    order, as ``Counter.most_common`` would)."""
    values, first, counts = np.unique(targets, return_index=True, return_counts=True)
    most = counts == counts.max()
    return int(values[most][np.argmin(first[most])])
