"""Writing tickets' evaluations: their ``ticket_clocks`` rows plus the summary columns on
``tickets`` (what the engine reads is ``store.clocks.inputs``).

A ticket's cycles and its summary are replaced together, inside the caller's
transaction, so a reader sees either the old or the new clocks of a ticket, never a
mix. Its stored stopped cycles are kept as they were judged (``domain.clock.verdicts``):
only its running and paused cycles and the cycles that are new are rewritten.
Everything is Core ``executemany`` (one DELETE per batch of ids, one INSERT and one
UPDATE statement for the whole batch), which is what a recompute of a million tickets
needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from slaworkbench.domain.clock.events import PRIORITIES
from slaworkbench.domain.clock.readings import BusinessAxis, business_positions
from slaworkbench.domain.clock.results import (
    METRICS,
    NONE,
    STATES,
    columns_of_cycles,
    cycles_of,
)
from slaworkbench.domain.clock.verdicts import StoredCycles, keep_stopped, no_stored_cycles
from slaworkbench.domain.model import (
    ClockState,
    Cycle,
    Metric,
    MetricResult,
    TicketEvaluation,
)
from slaworkbench.domain.policy import Policy
from slaworkbench.store.analytics.rollup import rollup_kept
from slaworkbench.store.clocks.elsewhere import record_judged_elsewhere
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
    if not cycles:  # no policy, nothing measured, and no stopped cycle kept
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
        next_due_position=bindparam("b_next_due_position"),
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
    calendars: Sequence[BusinessAxis | None],
    *,
    rejudge_stopped: bool = False,
) -> list[TicketEvaluation]:
    """Replace the clocks and summary of every listed ticket, in the caller's transaction,
    keeping its stored stopped cycles as they were judged (unless ``rejudge_stopped``: a
    re-baseline); returns the evaluations as stored (with the kept cycles merged in).

    ``policy_version_ids`` maps ``(policy id, version)`` of each evaluation's policy to
    its ``policy_versions.id`` (see ``version_ids_of``); ``calendars[i]`` is the calendar
    evaluation ``i`` counted in (``None`` without a policy), where its next due instant is
    placed on the working-time axis (``tickets.next_due_position``). The ticket's own ``version``
    is left alone: clocks are derived data, not an edit someone could conflict with.
    """
    if not evaluations:
        return []
    connection = session.connection()
    ticket_ids = [ticket_id for ticket_id, _ in evaluations]
    forget_timelines(connection, ticket_ids)  # their clock fingerprints no longer hold
    versions = [_version_id(evaluation, policy_version_ids) for _, evaluation in evaluations]
    fresh = columns_of_cycles([_cycles(evaluation) for _, evaluation in evaluations])
    fresh_version = np.array([-1 if v is None else v for v in versions], dtype=np.int64)
    stored = no_stored_cycles() if rejudge_stopped else _stored_stopped(connection, ticket_ids)
    merged = keep_stopped(len(evaluations), fresh, fresh_version[fresh.ticket], stored)
    record_judged_elsewhere(
        connection,
        np.array(ticket_ids, dtype=np.int64),
        np.ones(len(evaluations), dtype=bool),
        fresh_version,
        merged.columns.ticket,
        merged.version,
        merged.kept,
    )
    ran_again = np.flatnonzero(merged.ran_again)
    superseded = [  # stopped rows whose cycle ran again: replaced like running ones
        (
            ticket_ids[int(stored.ticket[k])],
            METRICS[int(stored.metric[k])].value,
            int(stored.index[k]),
        )
        for k in ran_again
    ]
    merged_cycles = cycles_of(merged.columns, len(evaluations))
    written: list[TicketEvaluation] = []
    clock_rows: list[dict[str, Any]] = []
    summary_rows: list[dict[str, Any]] = []
    for position, (ticket_id, fresh_evaluation) in enumerate(evaluations):
        version_id = versions[position]
        evaluated_at = fresh_evaluation.evaluated_at
        evaluation = _with_cycles(fresh_evaluation, merged_cycles[position])
        written.append(evaluation)
        first = int(np.searchsorted(merged.columns.ticket, position))
        for offset, cycle in enumerate(merged_cycles[position]):
            if merged.kept[first + offset]:
                continue
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
                    "priority": None if cycle.priority is None else cycle.priority.value,
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
                "b_next_due_position": (
                    None
                    if summary.next_due_at is None or calendars[position] is None
                    else int(
                        business_positions(
                            calendars[position], np.array([summary.next_due_at], dtype=np.int64)
                        )[0]
                    )
                ),
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
    with rollup_kept(connection, ticket_ids):
        _replace_clocks(connection, ticket_ids, rejudge_stopped, superseded, clock_rows)
    connection.execute(_SUMMARY_UPDATE, summary_rows)
    return written


def _replace_clocks(
    connection: Connection,
    ticket_ids: Sequence[int],
    rejudge_stopped: bool,
    superseded: Sequence[tuple[int, str, int]],
    clock_rows: Sequence[dict[str, Any]],
) -> None:
    """Delete the tickets' clock rows (their running ones only, unless a re-baseline
    re-judges the stopped ones too), the stopped rows ``superseded`` names (ticket id,
    metric, cycle index: cycles that ran again) and insert ``clock_rows``."""
    for start in range(0, len(ticket_ids), ID_BATCH):
        batch = ticket_ids[start : start + ID_BATCH]
        gone = delete(TicketClock).where(TicketClock.ticket_id.in_(batch))
        if not rejudge_stopped:
            gone = gone.where(TicketClock.stopped_at.is_(None))
        connection.execute(gone)
    if superseded:
        connection.execute(
            delete(TicketClock).where(
                TicketClock.ticket_id == bindparam("b_ticket_id"),
                TicketClock.metric == bindparam("b_metric"),
                TicketClock.cycle_index == bindparam("b_index"),
            ),
            [{"b_ticket_id": t, "b_metric": m, "b_index": i} for t, m, i in superseded],
        )
    if clock_rows:
        connection.execute(insert(TicketClock), clock_rows)


def _with_cycles(evaluation: TicketEvaluation, cycles: Sequence[Cycle]) -> TicketEvaluation:
    grouped: dict[Metric, list[Cycle]] = {}
    for cycle in cycles:
        grouped.setdefault(cycle.metric, []).append(cycle)
    return TicketEvaluation(
        evaluation.evaluated_at,
        evaluation.policy_id,
        evaluation.policy_version,
        evaluation.calendar_name,
        {metric: MetricResult(metric, tuple(found)) for metric, found in grouped.items()},
    )


def _stored_stopped(connection: Connection, ticket_ids: Sequence[int]) -> StoredCycles:
    """The stored stopped cycles of these tickets (``ticket`` = position in the list)."""
    position = {ticket_id: k for k, ticket_id in enumerate(ticket_ids)}
    clocks = TicketClock.__table__.c
    rows: list[Any] = []
    for start in range(0, len(ticket_ids), ID_BATCH):
        batch = list(ticket_ids[start : start + ID_BATCH])
        rows.extend(
            connection.execute(
                select(
                    clocks.ticket_id, clocks.metric, clocks.cycle_index, clocks.started_at,
                    clocks.stopped_at, clocks.state, clocks.target, clocks.elapsed,
                    clocks.due_at, clocks.breached_at, clocks.at_risk, clocks.risk_at,
                    clocks.policy_version_id, clocks.priority,
                ).where(clocks.ticket_id.in_(batch), clocks.stopped_at.is_not(None))
            )
        )  # fmt: skip
    metrics = [metric.value for metric in METRICS]
    states = [state.value for state in STATES]
    priorities = [priority.value for priority in PRIORITIES]

    def ints(values: list[Any]) -> Any:
        return np.array([NONE if v is None else int(v) for v in values], dtype=np.int64)

    columns: list[Any] = list(zip(*rows, strict=True)) if rows else [() for _ in range(14)]
    return StoredCycles(
        ticket=ints([position[int(t)] for t in columns[0]]),
        metric=ints([metrics.index(m) for m in columns[1]]),
        index=ints(list(columns[2])),
        started_at=ints(list(columns[3])),
        stopped_at=ints(list(columns[4])),
        state=ints([states.index(s) for s in columns[5]]),
        target=ints(list(columns[6])),
        elapsed=ints(list(columns[7])),
        due_at=ints(list(columns[8])),
        breached_at=ints(list(columns[9])),
        at_risk=np.array([bool(v) for v in columns[10]], dtype=bool),
        risk_at=ints(list(columns[11])),
        version=np.array([-1 if v is None else int(v) for v in columns[12]], dtype=np.int64),
        priority=np.array(
            [-1 if v is None else priorities.index(v) for v in columns[13]], dtype=np.int64
        ),
    )
