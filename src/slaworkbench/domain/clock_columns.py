"""Many tickets as numpy columns: the lean path of the background recompute.

Gives exactly what :func:`slaworkbench.domain.clock.evaluate_ticket` gives for each ticket
(``to_evaluations`` rebuilds those objects; the property tests hold the two equal), but
never walks a ticket's log in Python and never builds a ``Cycle``:

1. the event log of every ticket of a batch is a handful of parallel arrays
   (:class:`EventColumns`, sorted by ticket, then log order); the status and priority
   after each event are forward fills, and the starts and stops of every cycle of the
   four metrics are masks and ``searchsorted`` look-ups over them;
2. a cycle covers a range of "intervals" (from one event to the next, the last one up to
   ``now``); its running spans are the non-empty intervals in which it runs, merged where
   they touch (for an open, running cycle an empty ``[now, now)`` span closes the list
   when the last span does not reach ``now``, as ``trace_cycles`` does);
3. one ``business_seconds_between_array`` call per calendar measures every span, prefix
   sums give elapsed time and the span a breach falls in, and one
   ``add_business_seconds_array`` call per calendar finds every due, breach and risk
   instant; states and the ticket-level summary are array expressions.

Results are columns too (:class:`ClockColumns`): one row per cycle, and per ticket the
summary the ticket list shows. ``NONE`` stands for a missing instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from slaworkbench.domain.clock import METRIC_ORDER, no_sla
from slaworkbench.domain.model import (
    DONE_STATUSES,
    ClockState,
    Cycle,
    Event,
    EventType,
    Instant,
    Metric,
    MetricResult,
    Priority,
    Status,
    TicketEvaluation,
)
from slaworkbench.domain.policy import Policy

Int64Array = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

NONE = np.iinfo(np.int64).min
"""Stands for "no instant" (``None``) in the int64 result columns."""

KIND_OTHER, KIND_CREATED, KIND_STATUS, KIND_PRIORITY, KIND_AGENT, KIND_CUSTOMER = range(6)
EVENT_KINDS: dict[EventType, int] = {
    EventType.CREATED: KIND_CREATED,
    EventType.STATUS_CHANGED: KIND_STATUS,
    EventType.PRIORITY_CHANGED: KIND_PRIORITY,
    EventType.AGENT_REPLY: KIND_AGENT,
    EventType.CUSTOMER_REPLY: KIND_CUSTOMER,
}
"""Event type -> kind code; every other type is ``KIND_OTHER`` (the engine ignores it)."""
STATUSES: tuple[Status, ...] = tuple(Status)
"""Status code -> status (``-1`` = none)."""
PRIORITIES: tuple[Priority, ...] = tuple(Priority)
"""Priority code -> priority (``-1`` = none)."""
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

_RUNNING, _PAUSED, _ACHIEVED, _BREACHED = range(4)
_AT_RISK_STATE = 4
_NEW = STATUSES.index(Status.NEW)
_NORMAL = PRIORITIES.index(Priority.NORMAL)
_FR, _NR, _PU, _RES = range(4)
_DONE_LUT = np.array([status in DONE_STATUSES for status in STATUSES], dtype=bool)
_SLA_RANK = np.array([3, 2, 1, 5], dtype=np.int64)  # SLA_STATES code by state code


@dataclass(frozen=True, slots=True)
class EventColumns:
    """The event logs of a batch of tickets as parallel arrays.

    ``ticket`` is the ticket's position in the batch (nondecreasing); within a ticket the
    rows are in log order (sorted by instant). ``kind`` uses the ``KIND_*`` codes,
    ``status`` and ``priority`` the positions in ``STATUSES`` / ``PRIORITIES`` or -1.
    """

    ticket: Int64Array
    at: Int64Array
    kind: NDArray[np.int8]
    status: NDArray[np.int8]
    priority: NDArray[np.int8]


def columns_of(logs: Sequence[Sequence[Event]]) -> EventColumns:
    """The columns of the given logs (ticket ``i`` is ``logs[i]``)."""
    ticket: list[int] = []
    at: list[int] = []
    kind: list[int] = []
    status: list[int] = []
    priority: list[int] = []
    kinds, statuses, priorities = EVENT_KINDS, STATUSES, PRIORITIES
    for position, events in enumerate(logs):
        for event in events:
            ticket.append(position)
            at.append(event.at)
            kind.append(kinds.get(event.type, KIND_OTHER))
            status.append(-1 if event.status is None else statuses.index(event.status))
            priority.append(-1 if event.priority is None else priorities.index(event.priority))
    return EventColumns(
        np.array(ticket, dtype=np.int64),
        np.array(at, dtype=np.int64),
        np.array(kind, dtype=np.int8),
        np.array(status, dtype=np.int8),
        np.array(priority, dtype=np.int8),
    )


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


def _or_minus_one(value: int | None) -> int:
    return -1 if value is None else value


def _first_of_tickets(ticket: Int64Array, count: int) -> tuple[Int64Array, Int64Array]:
    positions = np.arange(count)
    return (
        np.searchsorted(ticket, positions, side="left"),
        np.searchsorted(ticket, positions, side="right"),
    )


def _segment_cumsum(flags: BoolArray, ticket: Int64Array, first: Int64Array) -> Int64Array:
    """Inclusive running count of ``flags`` within each ticket."""
    total = np.cumsum(flags, dtype=np.int64)
    before = np.concatenate(([0], total))[first]
    result: Int64Array = total - before[ticket]
    return result


def _next_of(
    marks: Int64Array, after: Int64Array, ticket: Int64Array, *, inclusive: bool = False
) -> Int64Array:
    """For each index in ``after``: the first index in ``marks`` past it (or at it, when
    ``inclusive``) within the same ticket, or -1."""
    if marks.size == 0 or after.size == 0:
        return np.full(after.shape, -1, dtype=np.int64)
    where = np.searchsorted(marks, after, side="left" if inclusive else "right")
    found = np.minimum(where, marks.size - 1)
    candidate = marks[found]
    ok = (where < marks.size) & (ticket[candidate] == ticket[after])
    result: Int64Array = np.where(ok, candidate, -1)
    return result


def evaluate_columns(
    events: EventColumns,
    policy_index: Int64Array,
    policies: Sequence[Policy],
    now: Instant,
) -> ClockColumns:
    """The clocks of ``len(policy_index)`` tickets at ``now``.

    Ticket ``i`` has the events whose ``ticket`` is ``i`` and follows
    ``policies[policy_index[i]]`` (``-1``: no policy, hence no clocks).
    """
    count = int(policy_index.size)
    policy_index = np.asarray(policy_index, dtype=np.int64)
    # -- which events count: from the first ``created`` on, up to ``now``, with a policy
    first, _ = _first_of_tickets(events.ticket, count)
    late = _segment_cumsum(events.at > now, events.ticket, first)
    born = _segment_cumsum(events.kind == KIND_CREATED, events.ticket, first)
    keep = (late == 0) & (born >= 1)
    if count:
        keep &= policy_index[events.ticket] >= 0
    ticket = events.ticket[keep]
    at = events.at[keep]
    kind = events.kind[keep].astype(np.int64)
    raw_status = events.status[keep].astype(np.int64)
    raw_priority = events.priority[keep].astype(np.int64)
    size = int(at.size)
    first, end = _first_of_tickets(ticket, count)
    has = end > first
    origins = first[has]
    lasts = end[has] - 1
    origin = np.zeros(size, dtype=bool)
    origin[origins] = True
    kind[(kind == KIND_CREATED) & ~origin] = KIND_OTHER
    positions = np.arange(size)

    # -- status and priority after each event (forward fills; each ticket starts at its
    # origin, which sets both)
    status_set = origin | ((kind == KIND_STATUS) & (raw_status >= 0))
    status_value = np.where(origin & (raw_status < 0), _NEW, raw_status)
    status = status_value[np.maximum.accumulate(np.where(status_set, positions, 0))]
    priority_set = origin | ((kind == KIND_PRIORITY) & (raw_priority >= 0))
    priority_value = np.where(origin & (raw_priority < 0), _NORMAL, raw_priority)
    priority = priority_value[np.maximum.accumulate(np.where(priority_set, positions, 0))]
    done = _DONE_LUT[status] if size else np.zeros(0, dtype=bool)
    done_before = np.zeros(size, dtype=bool)
    done_before[1:] = done[:-1]
    done_entry = (kind == KIND_STATUS) & status_set & done & ~done_before & ~origin
    done_entry |= origin & done
    policy_of = policy_index[ticket] if size else np.zeros(0, dtype=np.int64)
    pause_lut = np.array(
        [[status in policy.pause_statuses for status in STATUSES] for policy in policies]
        or [[False] * len(STATUSES)],
        dtype=bool,
    )
    paused = pause_lut[policy_of, status] if size else np.zeros(0, dtype=bool)
    agent = kind == KIND_AGENT
    stopper = np.flatnonzero(agent | done_entry)

    # -- intervals: from each event to the next of its ticket (the last one to ``now``)
    interval_end = np.empty(size, dtype=np.int64)
    interval_end[:-1] = at[1:]
    interval_end[lasts] = now
    runs_by_kind = np.stack([np.ones(size, dtype=bool), ~paused, ~paused & ~done])

    # -- cycles: (ticket, metric, start event, stop event or -1, how it runs)
    fr_stop = _next_of(stopper, origins, ticket, inclusive=True)
    agent_seen = _segment_cumsum(agent, ticket, first) > 0
    replies = np.flatnonzero((kind == KIND_CUSTOMER) & agent_seen & ~done)
    epoch = _segment_cumsum(agent | done_entry, ticket, first)[replies]
    opens = np.ones(replies.size, dtype=bool)
    opens[1:] = (ticket[replies][1:] != ticket[replies][:-1]) | (epoch[1:] != epoch[:-1])
    nr_start = replies[opens]
    pu_start = np.flatnonzero(agent & ~done)
    res_stopped = done[lasts]
    entries = np.flatnonzero(done_entry)
    res_stop = np.where(
        res_stopped,
        entries[np.maximum(np.searchsorted(entries, lasts, "right") - 1, 0)]
        if entries.size
        else -1,
        -1,
    )
    starts = np.concatenate((origins, nr_start, pu_start, origins))
    stops = np.concatenate(
        (fr_stop, _next_of(stopper, nr_start, ticket), _next_of(stopper, pu_start, ticket),
         res_stop)
    )  # fmt: skip
    metric = np.repeat(np.arange(4), [origins.size, nr_start.size, pu_start.size, origins.size])
    run_kind = np.array([0, 0, 1, 2])[metric]
    cycle_ticket = ticket[starts] if size else np.zeros(0, dtype=np.int64)
    stopped = stops >= 0
    last_event = end[cycle_ticket] - 1
    cycle_priority = priority[np.where(stopped, stops, last_event)] if size else stops
    cycle_policy = policy_index[cycle_ticket] if count else cycle_ticket
    target_table = np.array(
        [
            [[_or_minus_one(policy.target(p, m)) for m in METRICS] for p in PRIORITIES]
            for policy in policies
        ]
        or [[[-1] * 4] * 4],
        dtype=np.int64,
    )
    target = target_table[cycle_policy, cycle_priority, metric] if starts.size else stops
    measured = target >= 0
    order = np.lexsort((starts, metric, cycle_ticket))
    order = order[measured[order]]
    cycle_ticket, metric, starts, stops = (
        cycle_ticket[order], metric[order], starts[order], stops[order]
    )  # fmt: skip
    stopped, run_kind, target, cycle_policy = (
        stopped[order], run_kind[order], target[order], cycle_policy[order]
    )  # fmt: skip
    cycles = int(starts.size)
    if cycles == 0:
        return _without_cycles(count)
    running = ~stopped & runs_by_kind[run_kind, end[cycle_ticket] - 1] if cycles else stopped
    group_start = np.ones(cycles, dtype=bool)
    group_start[1:] = (cycle_ticket[1:] != cycle_ticket[:-1]) | (metric[1:] != metric[:-1])
    group_first = np.maximum.accumulate(np.where(group_start, np.arange(cycles), 0))
    index = np.arange(cycles) - group_first

    # -- running spans: the cycle's non-empty running intervals, merged where they touch
    range_end = np.where(stopped, stops, end[cycle_ticket]) if cycles else stops
    lengths = np.maximum(range_end - starts, 0)
    total = int(lengths.sum())
    owner = np.repeat(np.arange(cycles), lengths)
    offsets = np.cumsum(lengths) - lengths
    interval = np.repeat(starts - offsets, lengths) + np.arange(total)
    a = at[interval]
    b = interval_end[interval]
    take = (b > a) & runs_by_kind[run_kind[owner], interval]
    owner, a, b = owner[take], a[take], b[take]
    new_span = np.ones(owner.size, dtype=bool)
    new_span[1:] = (owner[1:] != owner[:-1]) | (a[1:] != b[:-1])
    span_first = np.flatnonzero(new_span)
    span_last = np.append(span_first[1:] - 1, owner.size - 1).astype(np.int64)
    if owner.size == 0:
        span_last = span_first
    span_owner, span_a, span_b = owner[span_first], a[span_first], b[span_last]
    per_cycle = np.bincount(span_owner, minlength=cycles)
    cycle_end = np.cumsum(per_cycle)
    reaches_now = np.zeros(cycles, dtype=bool)
    with_spans = per_cycle > 0
    reaches_now[with_spans] = span_b[cycle_end[with_spans] - 1] == now
    extra = np.flatnonzero(running & ~reaches_now)
    if extra.size:
        span_owner = np.insert(span_owner, cycle_end[extra], extra)
        span_a = np.insert(span_a, cycle_end[extra], now)
        span_b = np.insert(span_b, cycle_end[extra], now)
        per_cycle = np.bincount(span_owner, minlength=cycles)
        cycle_end = np.cumsum(per_cycle)
    cycle_begin = cycle_end - per_cycle

    # -- judging: span lengths, elapsed, and the add_business_seconds requests
    calendars: dict[int, int] = {}
    calendar_of_policy = np.array(
        [calendars.setdefault(id(policy.calendar), len(calendars)) for policy in policies] or [0],
        dtype=np.int64,
    )
    calendar_objects = {id(policy.calendar): policy.calendar for policy in policies}
    by_calendar = list(calendar_objects.values())
    span_calendar = calendar_of_policy[cycle_policy[span_owner]] if span_owner.size else span_owner
    span_length = np.zeros(span_owner.size, dtype=np.int64)
    for code, calendar in enumerate(by_calendar):
        mask = span_calendar == code
        if mask.any():
            span_length[mask] = calendar.business_seconds_between_array(span_a[mask], span_b[mask])
    prefix = np.concatenate(([0], np.cumsum(span_length)))
    elapsed = prefix[cycle_end] - prefix[cycle_begin]
    fractions = np.array([policy.warning_fraction for policy in policies] or [0.0])
    threshold = target - np.floor(fractions[cycle_policy] * target).astype(np.int64)
    breached = elapsed > target
    hit = np.searchsorted(prefix, prefix[cycle_begin] + target, side="left") - 1
    hit = np.maximum(hit, cycle_begin)
    last = np.maximum(cycle_end - 1, 0)
    judged = ~breached & (per_cycle > 0) & (stopped | running)
    risky = judged & running & (elapsed < threshold)
    before_last = elapsed - (span_length[last] if span_length.size else 0)
    breach_rows = np.flatnonzero(breached)
    due_rows = np.flatnonzero(judged)
    risk_rows = np.flatnonzero(risky)
    safe_hit = np.minimum(hit[breach_rows], max(span_a.size - 1, 0))
    request_start = np.concatenate(
        (span_a[safe_hit] if breach_rows.size else breach_rows, span_a[last[due_rows]],
         span_a[last[risk_rows]])
    )  # fmt: skip
    request_seconds = np.concatenate(
        (target[breach_rows] - (prefix[safe_hit] - prefix[cycle_begin[breach_rows]]),
         target[due_rows] - before_last[due_rows],
         threshold[risk_rows] - before_last[risk_rows])
    )  # fmt: skip
    request_calendar = calendar_of_policy[
        cycle_policy[np.concatenate((breach_rows, due_rows, risk_rows))]
    ]
    answer = np.zeros(request_start.size, dtype=np.int64)
    for code, calendar in enumerate(by_calendar):
        mask = request_calendar == code
        if mask.any():
            answer[mask] = calendar.add_business_seconds_array(
                request_start[mask], request_seconds[mask]
            )
    breach_at = np.full(cycles, NONE, dtype=np.int64)
    breach_at[breach_rows] = answer[: breach_rows.size]
    due_at = np.full(cycles, NONE, dtype=np.int64)
    due_at[due_rows] = answer[breach_rows.size : breach_rows.size + due_rows.size]
    risk_at = np.full(cycles, NONE, dtype=np.int64)
    risk_at[risk_rows] = answer[breach_rows.size + due_rows.size :]
    due_at = np.where(breached & (stopped | running), breach_at, due_at)
    state = np.where(
        breached, _BREACHED, np.where(stopped, _ACHIEVED, np.where(running, _RUNNING, _PAUSED))
    ).astype(np.int64)
    at_risk = ~breached & running & (elapsed >= threshold)
    stopped_at = np.where(stopped, at[np.maximum(stops, 0)] if size else stops, NONE)

    # -- the ticket-level summary
    rank = np.where(at_risk, 4, _SLA_RANK[state] if cycles else state)
    sla_state = np.zeros(count, dtype=np.int64)
    np.maximum.at(sla_state, cycle_ticket, rank)
    far = np.iinfo(np.int64).max
    next_due = np.full(count, far, dtype=np.int64)
    open_due = ~stopped & (due_at != NONE)
    np.minimum.at(next_due, cycle_ticket[open_due], due_at[open_due])
    next_risk = np.full(count, far, dtype=np.int64)
    open_risk = ~stopped & (risk_at != NONE) & ~at_risk
    np.minimum.at(next_risk, cycle_ticket[open_risk], risk_at[open_risk])
    summary_state = np.full((count, 2), -1, dtype=np.int64)
    summary_due = np.full((count, 2), NONE, dtype=np.int64)
    summary_remaining = np.full((count, 2), NONE, dtype=np.int64)
    summary_target = np.full((count, 2), NONE, dtype=np.int64)
    remaining = target - elapsed
    for column, code in ((0, _FR), (1, _RES)):
        rows = np.flatnonzero(metric == code)
        tickets = cycle_ticket[rows]
        summary_state[tickets, column] = np.where(at_risk[rows], _AT_RISK_STATE, state[rows])
        summary_due[tickets, column] = due_at[rows]
        summary_remaining[tickets, column] = remaining[rows]
        summary_target[tickets, column] = target[rows]
    return ClockColumns(
        ticket=cycle_ticket,
        metric=metric,
        index=index,
        started_at=at[starts] if size else starts,
        stopped_at=stopped_at,
        state=state,
        target=target,
        elapsed=elapsed,
        remaining=remaining,
        due_at=due_at,
        breached_at=breach_at,
        at_risk=at_risk,
        risk_at=risk_at,
        sla_state=sla_state,
        next_due_at=np.where(next_due == far, NONE, next_due),
        next_risk_at=np.where(next_risk == far, NONE, next_risk),
        summary_state=summary_state,
        summary_due_at=summary_due,
        summary_remaining=summary_remaining,
        summary_target=summary_target,
    )


def _without_cycles(count: int) -> ClockColumns:
    nothing = np.zeros(0, dtype=np.int64)
    missing = np.full(count, NONE, dtype=np.int64)
    per_metric = np.full((count, 2), NONE, dtype=np.int64)
    return ClockColumns(
        ticket=nothing,
        metric=nothing,
        index=nothing,
        started_at=nothing,
        stopped_at=nothing,
        state=nothing,
        target=nothing,
        elapsed=nothing,
        remaining=nothing,
        due_at=nothing,
        breached_at=nothing,
        at_risk=np.zeros(0, dtype=bool),
        risk_at=nothing,
        sla_state=np.zeros(count, dtype=np.int64),
        next_due_at=missing,
        next_risk_at=missing,
        summary_state=np.full((count, 2), -1, dtype=np.int64),
        summary_due_at=per_metric,
        summary_remaining=per_metric,
        summary_target=per_metric,
    )


def _maybe(value: int) -> int | None:
    return None if value == NONE else value


def to_evaluations(
    columns: ClockColumns,
    policy_index: Int64Array,
    policies: Sequence[Policy],
    now: Instant,
) -> list[TicketEvaluation]:
    """The :class:`TicketEvaluation` of every ticket (what ``evaluate_ticket`` returns)."""
    cycles: list[list[Cycle]] = [[] for _ in range(len(policy_index))]
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
        strict=True,
    )
    for row in rows:
        ticket, metric, index, started, stopped, state, target, elapsed, remaining = row[:9]
        due, breached, at_risk, risk = row[9:]
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
            )
        )
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
