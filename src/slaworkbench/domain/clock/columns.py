"""Many tickets as numpy columns: the lean path of the background recompute.

Gives exactly what :func:`slaworkbench.domain.clock.cycles.evaluate_ticket` gives for each ticket
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

The input columns live in :mod:`~slaworkbench.domain.clock.events`, the result
columns, the ticket summary and ``to_evaluations`` in
:mod:`~slaworkbench.domain.clock.results`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from slaworkbench.domain.clock.events import (
    KIND_AGENT,
    KIND_CREATED,
    KIND_CUSTOMER,
    KIND_OTHER,
    KIND_PRIORITY,
    KIND_STATUS,
    PRIORITIES,
    STATUSES,
    EventColumns,
    Int64Array,
    next_of,
    segment_cumsum,
    ticket_bounds,
)
from slaworkbench.domain.clock.results import (
    METRICS,
    NONE,
    ClockColumns,
    summarised,
    without_cycles,
)
from slaworkbench.domain.model import DONE_STATUSES, Instant, Priority, Status
from slaworkbench.domain.policy import CalendarLike, Policy
from slaworkbench.domain.sorting import lexsort_order

_RUNNING, _PAUSED, _ACHIEVED, _BREACHED = range(4)
_NEW = STATUSES.index(Status.NEW)
_NORMAL = PRIORITIES.index(Priority.NORMAL)
_DONE_LUT = np.array([status in DONE_STATUSES for status in STATUSES], dtype=bool)


def _or_minus_one(value: int | None) -> int:
    return -1 if value is None else value


def instants_on_calendars(
    by_calendar: Sequence[CalendarLike],
    request_calendar: Int64Array,
    request_start: Int64Array,
    request_seconds: Int64Array,
    rows: tuple[Int64Array, Int64Array, Int64Array],
    cycles: int,
) -> tuple[Int64Array, Int64Array, Int64Array]:
    """The breach, due and risk instants of ``cycles`` cycles: the requests (breach rows,
    then due rows, then risk rows) added in business time on each request's calendar
    (an index into ``by_calendar``), ``NONE`` where a cycle has no request. Shared by the
    SLA column engine and the OLA one."""
    answer = np.zeros(request_start.size, dtype=np.int64)
    for code, calendar in enumerate(by_calendar):
        mask = request_calendar == code
        if mask.any():
            answer[mask] = calendar.add_business_seconds_array(
                request_start[mask], request_seconds[mask]
            )
    breach_rows, due_rows, risk_rows = rows
    breach_at = np.full(cycles, NONE, dtype=np.int64)
    breach_at[breach_rows] = answer[: breach_rows.size]
    due_at = np.full(cycles, NONE, dtype=np.int64)
    due_at[due_rows] = answer[breach_rows.size : breach_rows.size + due_rows.size]
    risk_at = np.full(cycles, NONE, dtype=np.int64)
    risk_at[risk_rows] = answer[breach_rows.size + due_rows.size :]
    return breach_at, due_at, risk_at


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
    first, _ = ticket_bounds(events.ticket, count)
    late = segment_cumsum(events.at > now, events.ticket, first)
    born = segment_cumsum(events.kind == KIND_CREATED, events.ticket, first)
    keep = (late == 0) & (born >= 1)
    if count:
        keep &= policy_index[events.ticket] >= 0
    ticket = events.ticket[keep]
    at = events.at[keep]
    kind = events.kind[keep].astype(np.int64)
    raw_status = events.status[keep].astype(np.int64)
    raw_priority = events.priority[keep].astype(np.int64)
    size = int(at.size)
    first, end = ticket_bounds(ticket, count)
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
    fr_stop = next_of(stopper, origins, ticket, inclusive=True)
    agent_seen = segment_cumsum(agent, ticket, first) > 0
    replies = np.flatnonzero((kind == KIND_CUSTOMER) & agent_seen & ~done)
    epoch = segment_cumsum(agent | done_entry, ticket, first)[replies]
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
        (fr_stop, next_of(stopper, nr_start, ticket), next_of(stopper, pu_start, ticket),
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
    order = lexsort_order((starts, metric, cycle_ticket))
    order = order[measured[order]]
    cycle_ticket, metric, starts, stops = (
        cycle_ticket[order], metric[order], starts[order], stops[order]
    )  # fmt: skip
    stopped, run_kind, target, cycle_policy = (
        stopped[order], run_kind[order], target[order], cycle_policy[order]
    )  # fmt: skip
    cycle_priority = cycle_priority[order].astype(np.int64)
    cycles = int(starts.size)
    if cycles == 0:
        return without_cycles(count)
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
    breach_at, due_at, risk_at = instants_on_calendars(
        by_calendar,
        request_calendar,
        request_start,
        request_seconds,
        (breach_rows, due_rows, risk_rows),
        cycles,
    )
    due_at = np.where(breached & (stopped | running), breach_at, due_at)
    state = np.where(
        breached, _BREACHED, np.where(stopped, _ACHIEVED, np.where(running, _RUNNING, _PAUSED))
    ).astype(np.int64)
    at_risk = ~breached & running & (elapsed >= threshold)
    stopped_at = np.where(stopped, at[np.maximum(stops, 0)] if size else stops, NONE)

    # -- the ticket-level summary
    return summarised(
        count,
        ticket=cycle_ticket,
        metric=metric,
        index=index,
        started_at=at[starts] if size else starts,
        stopped=stopped,
        stopped_at=stopped_at,
        state=state,
        target=target,
        elapsed=elapsed,
        due_at=due_at,
        breached_at=breach_at,
        at_risk=at_risk,
        risk_at=risk_at,
        priority=cycle_priority,
    )
