"""Goals from current performance: per metric and priority, the targets that would have
been met 80 / 90 / 95 % of the time over a past period (business elapsed of the clocks
that stopped in it), next to the current target and its actual compliance."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from slaworkbench.domain.agreement.goals import SHARES, GoalSuggestion, suggest_goals
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.agreements.clock_facts import stopped_clocks
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
    elapsed: dict[tuple[str, str], list[int]] = defaultdict(list)
    targets: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    for clock in clocks:
        key = (clock.metric, clock.priority)
        elapsed[key].append(clock.elapsed)
        targets[key][clock.target] += 1
    result = []
    for metric in Metric:
        for priority in Priority:
            key = (metric.value, priority.value)
            if key in elapsed:
                current = targets[key].most_common(1)[0][0]
                result.append(
                    MetricGoalSuggestion(
                        metric, priority, suggest_goals(elapsed[key], current, SHARES)
                    )
                )
    return result
