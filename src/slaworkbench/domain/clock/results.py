"""What the column engine gives: every measured cycle of a batch as columns, the summary
of each ticket the ticket list shows, and the :class:`TicketEvaluation` objects again.

``NONE`` stands for a missing instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from slaworkbench.domain.clock.cycles import no_sla
from slaworkbench.domain.clock.events import PRIORITIES, BoolArray, Int64Array
from slaworkbench.domain.clock.trace import METRIC_ORDER
from slaworkbench.domain.model import (
    ClockState,
    Cycle,
    Instant,
    Metric,
    MetricResult,
    TicketEvaluation,
)
from slaworkbench.domain.policy import Policy

NONE = np.iinfo(np.int64).min
"""Stands for "no instant" (``None``) in the int64 result columns."""

METRICS: tuple[Metric, ...] = METRIC_ORDER
"""Metric code -> metric, in evaluation order."""
STATES: tuple[ClockState, ...] = (
    ClockState.RUNNING,
    ClockState.PAUSED,
    ClockState.ACHIEVED,
    ClockState.BREACHED,
)
"""Cycle state code -> state."""
SLA_STATES = ("none", "achieved", "paused", "ok", "at_risk", "breached")
"""Ticket-level verdict code -> ``tickets.sla_state`` (a higher code wins)."""
METRIC_STATES = ("running", "paused", "achieved", "breached", "at_risk")
"""Per-metric summary code -> ``tickets.*_state`` (a cycle state; running may be at_risk)."""

_AT_RISK_STATE = 4
_FR, _RES = METRICS.index(Metric.FIRST_RESPONSE), METRICS.index(Metric.RESOLUTION)
_SLA_RANK = np.array([3, 2, 1, 5], dtype=np.int64)  # SLA_STATES code by state code


@dataclass(frozen=True, slots=True)
class ClockColumns:
    """Every measured cycle of a batch (ordered by ticket, metric, index) and, per
    ticket, the summary columns of the ticket list. ``NONE`` = no instant."""

    ticket: Int64Array
    metric: Int64Array
    index: Int64Array
    started_at: Int64Array
    stopped_at: Int64Array
    state: Int64Array
    target: Int64Array
    elapsed: Int64Array
    remaining: Int64Array
    due_at: Int64Array
    breached_at: Int64Array
    at_risk: BoolArray
    risk_at: Int64Array
    priority: Int64Array
    """Code in ``PRIORITIES`` of the priority whose target judged the cycle (-1: not
    known)."""
    # per ticket
    sla_state: Int64Array
    """Code in ``SLA_STATES``."""
    next_due_at: Int64Array
    next_risk_at: Int64Array
    summary_state: Int64Array
    """``[ticket, 0 | 1]`` for first_response | resolution: code in ``METRIC_STATES``
    or -1 when the ticket has no such clock; likewise the three columns below."""
    summary_due_at: Int64Array
    summary_remaining: Int64Array
    summary_target: Int64Array


def summarised(
    count: int,
    *,
    ticket: Int64Array,
    metric: Int64Array,
    index: Int64Array,
    started_at: Int64Array,
    stopped: BoolArray,
    stopped_at: Int64Array,
    state: Int64Array,
    target: Int64Array,
    elapsed: Int64Array,
    due_at: Int64Array,
    breached_at: Int64Array,
    at_risk: BoolArray,
    risk_at: Int64Array,
    priority: Int64Array,
) -> ClockColumns:
    """The given cycles of ``count`` tickets with the summary of each ticket.

    ``stopped`` tells the cycles that have stopped; the other columns are those of
    :class:`ClockColumns`, but for ``remaining``, which is ``target - elapsed``.
    """
    rank = np.where(at_risk, 4, _SLA_RANK[state])
    sla_state = np.zeros(count, dtype=np.int64)
    np.maximum.at(sla_state, ticket, rank)
    far = np.iinfo(np.int64).max
    next_due = np.full(count, far, dtype=np.int64)
    open_due = ~stopped & (due_at != NONE)
    np.minimum.at(next_due, ticket[open_due], due_at[open_due])
    next_risk = np.full(count, far, dtype=np.int64)
    open_risk = ~stopped & (risk_at != NONE) & ~at_risk
    np.minimum.at(next_risk, ticket[open_risk], risk_at[open_risk])
    summary_state = np.full((count, 2), -1, dtype=np.int64)
    summary_due = np.full((count, 2), NONE, dtype=np.int64)
    summary_remaining = np.full((count, 2), NONE, dtype=np.int64)
    summary_target = np.full((count, 2), NONE, dtype=np.int64)
    remaining = target - elapsed
    for column, code in ((0, _FR), (1, _RES)):
        rows = np.flatnonzero(metric == code)
        tickets = ticket[rows]
        summary_state[tickets, column] = np.where(at_risk[rows], _AT_RISK_STATE, state[rows])
        summary_due[tickets, column] = due_at[rows]
        summary_remaining[tickets, column] = remaining[rows]
        summary_target[tickets, column] = target[rows]
    return ClockColumns(
        ticket=ticket,
        metric=metric,
        index=index,
        started_at=started_at,
        stopped_at=stopped_at,
        state=state,
        target=target,
        elapsed=elapsed,
        remaining=remaining,
        due_at=due_at,
        breached_at=breached_at,
        at_risk=at_risk,
        risk_at=risk_at,
        priority=priority,
        sla_state=sla_state,
        next_due_at=np.where(next_due == far, NONE, next_due),
        next_risk_at=np.where(next_risk == far, NONE, next_risk),
        summary_state=summary_state,
        summary_due_at=summary_due,
        summary_remaining=summary_remaining,
        summary_target=summary_target,
    )


def without_cycles(count: int) -> ClockColumns:
    """The columns of ``count`` tickets none of which has a measured cycle."""
    nothing = np.zeros(0, dtype=np.int64)
    return summarised(
        count,
        ticket=nothing,
        metric=nothing,
        index=nothing,
        started_at=nothing,
        stopped=np.zeros(0, dtype=bool),
        stopped_at=nothing,
        state=nothing,
        target=nothing,
        elapsed=nothing,
        due_at=nothing,
        breached_at=nothing,
        at_risk=np.zeros(0, dtype=bool),
        risk_at=nothing,
        priority=nothing,
    )


def _maybe(value: int) -> int | None:
    return None if value == NONE else value


def cycles_of(columns: ClockColumns, count: int) -> list[list[Cycle]]:
    """The cycles of each of ``count`` tickets as :class:`Cycle` objects, in order."""
    cycles: list[list[Cycle]] = [[] for _ in range(count)]
    rows = zip(
        columns.ticket.tolist(),
        columns.metric.tolist(),
        columns.index.tolist(),
        columns.started_at.tolist(),
        columns.stopped_at.tolist(),
        columns.state.tolist(),
        columns.target.tolist(),
        columns.elapsed.tolist(),
        columns.remaining.tolist(),
        columns.due_at.tolist(),
        columns.breached_at.tolist(),
        columns.at_risk.tolist(),
        columns.risk_at.tolist(),
        columns.priority.tolist(),
        strict=True,
    )
    for row in rows:
        ticket, metric, index, started, stopped, state, target, elapsed, remaining = row[:9]
        due, breached, at_risk, risk, priority = row[9:]
        cycles[ticket].append(
            Cycle(
                METRICS[metric],
                index,
                started,
                _maybe(stopped),
                STATES[state],
                target,
                elapsed,
                remaining,
                _maybe(due),
                _maybe(breached),
                bool(at_risk),
                _maybe(risk),
                PRIORITIES[priority] if priority >= 0 else None,
            )
        )
    return cycles


def _instant(value: int | None) -> int:
    return NONE if value is None else value


def columns_of_cycles(cycles: Sequence[Sequence[Cycle]]) -> ClockColumns:
    """The columns of the given cycles (ticket ``i`` has ``cycles[i]``), with summaries."""
    flat = [(position, cycle) for position, found in enumerate(cycles) for cycle in found]

    def ints(values: list[int]) -> Int64Array:
        return np.array(values, dtype=np.int64)

    stopped_at = ints([_instant(c.stopped_at) for _, c in flat])
    return summarised(
        len(cycles),
        ticket=ints([position for position, _ in flat]),
        metric=ints([METRICS.index(c.metric) for _, c in flat]),
        index=ints([c.index for _, c in flat]),
        started_at=ints([c.started_at for _, c in flat]),
        stopped=stopped_at != NONE,
        stopped_at=stopped_at,
        state=ints([STATES.index(c.state) for _, c in flat]),
        target=ints([c.target for _, c in flat]),
        elapsed=ints([c.elapsed for _, c in flat]),
        due_at=ints([_instant(c.due_at) for _, c in flat]),
        breached_at=ints([_instant(c.breached_at) for _, c in flat]),
        at_risk=np.array([c.at_risk for _, c in flat], dtype=bool),
        risk_at=ints([_instant(c.risk_at) for _, c in flat]),
        priority=ints(
            [-1 if c.priority is None else PRIORITIES.index(c.priority) for _, c in flat]
        ),
    )


def to_evaluations(
    columns: ClockColumns,
    policy_index: Int64Array,
    policies: Sequence[Policy],
    now: Instant,
) -> list[TicketEvaluation]:
    """The :class:`TicketEvaluation` of every ticket (what ``evaluate_ticket`` returns)."""
    cycles = cycles_of(columns, len(policy_index))
    evaluations = []
    for position, code in enumerate(policy_index.tolist()):
        if code < 0:
            evaluations.append(no_sla(now))
            continue
        policy = policies[code]
        grouped: dict[Metric, list[Cycle]] = {}
        for cycle in cycles[position]:
            grouped.setdefault(cycle.metric, []).append(cycle)
        evaluations.append(
            TicketEvaluation(
                now,
                policy.id,
                policy.version,
                policy.calendar.name,
                {metric: MetricResult(metric, tuple(found)) for metric, found in grouped.items()},
            )
        )
    return evaluations
