"""Goals from current performance: per metric and priority, the targets that would have
been met 80 / 90 / 95 % of the time over a past period (business elapsed of the clocks
that stopped in it), next to the current target and its actual compliance."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from slaworkbench.domain.agreement.goals import SHARES, GoalSuggestion, suggest_goals
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.agreements.clock_facts import first_stopped_target, stopped_durations
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
    one most clocks of that metric and priority were judged against (of equals, the one
    met first)."""
    result = []
    with ws.session() as session:
        clocks = stopped_durations(session, start, end, customer=customer)
        group = clocks.metric.astype(np.int64) * len(PRIORITIES) + clocks.priority
        # Each metric and priority's cycles together, in one stable sort of the groups.
        order = np.argsort(group, kind="stable")
        bounds = np.searchsorted(group[order], np.arange(len(METRICS) * len(PRIORITIES) + 1))
        for metric in Metric:
            for priority in Priority:
                m, p = METRICS.index(metric.value), PRIORITIES.index(priority.value)
                code = m * len(PRIORITIES) + p
                picked = order[bounds[code] : bounds[code + 1]]
                if not picked.size:
                    continue
                tied = _most_common(clocks.target[picked])
                target = (
                    tied[0]
                    if len(tied) == 1
                    else first_stopped_target(
                        session, start, end, metric=m, priority=p, targets=tied, customer=customer
                    )
                )
                result.append(
                    MetricGoalSuggestion(
                        metric, priority, suggest_goals(clocks.elapsed[picked], target, SHARES)
                    )
                )  # fmt: skip
    return result


def _most_common(targets: NDArray[np.int64]) -> list[int]:
    """The targets most cycles were judged against (more than one when they tie)."""
    values, counts = np.unique(targets, return_counts=True)
    return [int(v) for v in values[counts == counts.max()]]
