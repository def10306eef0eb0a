"""The what-if the slow, obvious way: each ticket created in the period read as objects
(``tests.support.ticket_histories``), its policy chosen in Python (``select_policy``),
evaluated by the scalar engine (``evaluate_ticket``) under the current list and under
the list with the draft, and every cycle counted one by one. The program's replay
(``app.policies.whatif``) reads and counts columns; both must agree."""

from __future__ import annotations

from collections.abc import Sequence

from slaworkbench.app.policies.whatif import (
    ComplianceRow,
    Flip,
    Outcome,
    Tally,
    policies_with_draft,
)
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.model import ClockState, Instant, Metric, MetricResult, Priority
from slaworkbench.domain.policy import Policy, select_policy
from slaworkbench.store.workspace import Workspace
from tests.support.ticket_histories import ticket_histories


def tally_cycles(result: MetricResult | None, start: Instant, end: Instant) -> Tally:
    """The clocks of one metric of one ticket that count for the period."""
    if result is None:
        return Tally()
    achieved = breached = running = 0
    for cycle in result.cycles:
        if cycle.stopped_at is None:
            running += 1
        elif start <= cycle.stopped_at < end:
            if cycle.state is ClockState.BREACHED:
                breached += 1
            elif cycle.state is ClockState.ACHIEVED:
                achieved += 1
    return Tally(achieved, breached, running)


def outcome_of(result: MetricResult | None) -> str:
    worst = None if result is None else result.worst
    if worst is None:
        return Outcome.NOT_MEASURED
    if worst.state is ClockState.BREACHED:
        return Outcome.BREACHED
    if worst.stopped_at is None:
        return Outcome.IN_PROGRESS
    return Outcome.ACHIEVED


def reference_whatif(
    workspace: Workspace,
    current: Sequence[Policy],
    draft: Policy,
    start: Instant,
    end: Instant,
    now: Instant,
    position: int | None = None,
) -> tuple[int, tuple[ComplianceRow, ...], tuple[Flip, ...]]:
    """Tickets replayed, the compliance rows and the flips, in the program's order."""
    proposed = policies_with_draft(current, draft, position)
    before: dict[tuple[Metric, Priority], Tally] = {}
    after: dict[tuple[Metric, Priority], Tally] = {}
    flips: list[Flip] = []
    tickets = 0
    with workspace.session() as session:
        for chunk in ticket_histories(session, start, end):
            for history in chunk:
                tickets += 1
                priority = history.facts.priority
                old = evaluate_ticket(history.events, select_policy(current, history.facts), now)
                new = evaluate_ticket(history.events, select_policy(proposed, history.facts), now)
                for totals, evaluation in ((before, old), (after, new)):
                    for metric, result in evaluation.results.items():
                        key = (metric, priority)
                        totals[key] = totals.get(key, Tally()).add(tally_cycles(result, start, end))
                for metric in Metric:
                    was = outcome_of(old.results.get(metric))
                    becomes = outcome_of(new.results.get(metric))
                    if was != becomes:
                        flips.append(
                            Flip(history.id, history.external_id, history.subject, priority,
                                 metric, was, becomes)
                        )  # fmt: skip
    rows = tuple(
        ComplianceRow(metric, priority, before.get(key, Tally()), after.get(key, Tally()))
        for metric in Metric
        for priority in Priority
        if (key := (metric, priority)) in before or key in after
    )
    return tickets, rows, tuple(flips)
