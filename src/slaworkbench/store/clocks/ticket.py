"""Writing tickets' evaluations: their ``ticket_clocks`` rows plus the summary columns on
``tickets`` (what the engine reads is ``store.clocks.inputs``).

A ticket's cycles and its summary are replaced together, inside the caller's
transaction, so a reader sees either the old or the new clocks of a ticket, never a
mix. Everything is Core ``executemany`` (one DELETE per batch of ids, one INSERT and one
UPDATE statement for the whole batch), which is what a recompute of a million tickets
needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy.orm import Session

from slaworkbench.domain.model import (
    ClockState,
    Cycle,
    Metric,
    TicketEvaluation,
)
from slaworkbench.domain.policy import Policy
from slaworkbench.store.clocks.inputs import ID_BATCH
from slaworkbench.store.clocks.timelines import forget_timelines
from slaworkbench.store.schema import (
    Ticket,
    TicketClock,
)

PolicyVersionIds = Mapping[tuple[int, int], int]
"""``(policy id, version number) -> policy_versions.id``."""


def version_ids_of(policies: Iterable[Policy]) -> dict[tuple[int, int], int]:
    """The ``policy_version_ids`` argument of ``write_evaluations`` for loaded policies."""
    return {
        (policy.id, policy.version): policy.version_id
        for policy in policies
        if policy.version_id is not None
    }


@dataclass(frozen=True, slots=True)
class ClockSummary:
    """What the ticket list shows of one evaluation (the ``tickets`` summary columns)."""

    sla_state: str
    next_due_at: int | None
    next_risk_at: int | None
    first_response: tuple[str | None, int | None, int | None, int | None]
    """(state, due_at, remaining, target) of the first response clock."""
    resolution: tuple[str | None, int | None, int | None, int | None]


def _cycles(evaluation: TicketEvaluation) -> list[Cycle]:
    return [cycle for result in evaluation.results.values() for cycle in result.cycles]


def metric_state(cycle: Cycle) -> str:
    """A cycle's state as the list shows it: running splits into running and at_risk."""
    if cycle.state is ClockState.RUNNING and cycle.at_risk:
        return "at_risk"
    return cycle.state.value


def summarize(evaluation: TicketEvaluation) -> ClockSummary:
    """The ticket-level verdict: breached beats at risk beats running beats paused."""
    cycles = _cycles(evaluation)
    states = {cycle.state for cycle in cycles}
    if not evaluation.has_policy or not cycles:
        sla_state = "none"
    elif ClockState.BREACHED in states:
        sla_state = "breached"
    elif any(cycle.state is ClockState.RUNNING and cycle.at_risk for cycle in cycles):
        sla_state = "at_risk"
    elif ClockState.RUNNING in states:
        sla_state = "ok"
    elif ClockState.PAUSED in states:
        sla_state = "paused"
    else:
        sla_state = "achieved"
    risks = [
        cycle.risk_at
        for cycle in cycles
        if cycle.stopped_at is None and cycle.risk_at is not None and not cycle.at_risk
    ]

    def per_metric(metric: Metric) -> tuple[str | None, int | None, int | None, int | None]:
        result = evaluation.results.get(metric)
        cycle = result.worst if result is not None else None
        if cycle is None:
            return (None, None, None, None)
        return (metric_state(cycle), cycle.due_at, cycle.remaining, cycle.target)

    return ClockSummary(
        sla_state=sla_state,
        next_due_at=evaluation.next_due_at,
        next_risk_at=min(risks) if risks else None,
        first_response=per_metric(Metric.FIRST_RESPONSE),
        resolution=per_metric(Metric.RESOLUTION),
    )


def _version_id(evaluation: TicketEvaluation, version_ids: PolicyVersionIds) -> int | None:
    if evaluation.policy_id is None or evaluation.policy_version is None:
        return None
    return version_ids.get((evaluation.policy_id, evaluation.policy_version))


_SUMMARY_UPDATE = (
    update(Ticket)
    .where(Ticket.id == bindparam("b_ticket_id"))
    .values(
        policy_version_id=bindparam("b_policy_version_id"),
        evaluated_at=bindparam("b_evaluated_at"),
        next_due_at=bindparam("b_next_due_at"),
        next_risk_at=bindparam("b_next_risk_at"),
        sla_state=bindparam("b_sla_state"),
        first_response_state=bindparam("b_fr_state"),
        first_response_due_at=bindparam("b_fr_due_at"),
        first_response_remaining=bindparam("b_fr_remaining"),
        first_response_target=bindparam("b_fr_target"),
        resolution_state=bindparam("b_res_state"),
        resolution_due_at=bindparam("b_res_due_at"),
        resolution_remaining=bindparam("b_res_remaining"),
        resolution_target=bindparam("b_res_target"),
    )
)


def write_evaluations(
    session: Session,
    evaluations: Sequence[tuple[int, TicketEvaluation]],
    policy_version_ids: PolicyVersionIds,
) -> None:
    """Replace the clocks and summary of every listed ticket, in the caller's transaction.

    ``policy_version_ids`` maps ``(policy id, version)`` of each evaluation's policy to
    its ``policy_versions.id`` (see ``version_ids_of``). The ticket's own ``version``
    is left alone: clocks are derived data, not an edit someone could conflict with.
    """
    if not evaluations:
        return
    connection = session.connection()
    ticket_ids = [ticket_id for ticket_id, _ in evaluations]
    forget_timelines(connection, ticket_ids)  # their clock fingerprints no longer hold
    for start in range(0, len(ticket_ids), ID_BATCH):
        batch = ticket_ids[start : start + ID_BATCH]
        connection.execute(delete(TicketClock).where(TicketClock.ticket_id.in_(batch)))

    clock_rows: list[dict[str, Any]] = []
    summary_rows: list[dict[str, Any]] = []
    for ticket_id, evaluation in evaluations:
        version_id = _version_id(evaluation, policy_version_ids)
        evaluated_at = evaluation.evaluated_at
        for cycle in _cycles(evaluation):
            clock_rows.append(
                {
                    "ticket_id": ticket_id,
                    "metric": cycle.metric.value,
                    "cycle_index": cycle.index,
                    "started_at": cycle.started_at,
                    "stopped_at": cycle.stopped_at,
                    "state": cycle.state.value,
                    "target": cycle.target,
                    "elapsed": cycle.elapsed,
                    "remaining": cycle.remaining,
                    "due_at": cycle.due_at,
                    "breached_at": cycle.breached_at,
                    "at_risk": bool(cycle.at_risk),
                    "risk_at": cycle.risk_at,
                    "policy_version_id": version_id,
                    "evaluated_at": evaluated_at,
                }
            )
        summary = summarize(evaluation)
        fr_state, fr_due, fr_remaining, fr_target = summary.first_response
        res_state, res_due, res_remaining, res_target = summary.resolution
        summary_rows.append(
            {
                "b_ticket_id": ticket_id,
                "b_policy_version_id": version_id,
                "b_evaluated_at": evaluated_at,
                "b_next_due_at": summary.next_due_at,
                "b_next_risk_at": summary.next_risk_at,
                "b_sla_state": summary.sla_state,
                "b_fr_state": fr_state,
                "b_fr_due_at": fr_due,
                "b_fr_remaining": fr_remaining,
                "b_fr_target": fr_target,
                "b_res_state": res_state,
                "b_res_due_at": res_due,
                "b_res_remaining": res_remaining,
                "b_res_target": res_target,
            }
        )
    if clock_rows:
        connection.execute(insert(TicketClock), clock_rows)
    connection.execute(_SUMMARY_UPDATE, summary_rows)
