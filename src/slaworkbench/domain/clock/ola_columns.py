"""OLA cycles of many tickets as numpy columns: the recompute's path.

Gives exactly what :func:`slaworkbench.domain.clock.ola.evaluate_olas` gives for each
ticket (``to_ola_cycles`` rebuilds those objects; the property tests hold the two
equal), the way :mod:`~slaworkbench.domain.clock.columns` does for the SLA clocks:

1. the logs are parallel arrays (:class:`OlaEventColumns`, sorted by ticket, then log
   order); status, priority, team and holder after each event are forward fills;
2. "with team T and not done" is one key per event; a cycle starts where the key turns
   to a team and stops at the next event where it changes;
3. the intervals (event to next event, the last to ``now``) in which a cycle runs are
   measured with one ``business_seconds_between_array`` call per team calendar, summed
   per holder (who held the clock) and per merged span (judging); one
   ``add_business_seconds_array`` call per calendar gives every due, breach and risk
   instant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from slaworkbench.domain.clock.columns import instants_on_calendars
from slaworkbench.domain.clock.events import (
    KIND_CREATED,
    KIND_OTHER,
    KIND_PRIORITY,
    KIND_STATUS,
    PRIORITIES,
    STATUSES,
    BoolArray,
    Int64Array,
    fill_forward,
    next_of,
    segment_cumsum,
    ticket_bounds,
)
from slaworkbench.domain.clock.ola import OlaCycle, TeamOla, held_order, is_team_event
from slaworkbench.domain.clock.results import NONE, STATES
from slaworkbench.domain.model import DONE_STATUSES, Event, EventType, Instant, Priority, Status

KIND_TEAM, KIND_ASSIGNED = 6, 7
"""Kind codes of team moves and assignments (the others are those of the SLA engine)."""
_RUNNING, _PAUSED, _ACHIEVED, _BREACHED = range(4)
_NEW = STATUSES.index(Status.NEW)
_NORMAL = PRIORITIES.index(Priority.NORMAL)
_DONE_LUT = np.array([status in DONE_STATUSES for status in STATUSES], dtype=bool)
_KINDS = {
    EventType.CREATED: KIND_CREATED,
    EventType.STATUS_CHANGED: KIND_STATUS,
    EventType.PRIORITY_CHANGED: KIND_PRIORITY,
    EventType.ASSIGNED: KIND_ASSIGNED,
}


@dataclass(frozen=True, slots=True)
class OlaEventColumns:
    """The logs of a batch of tickets as parallel arrays; ``value`` is the team code of a
    team move and the holder code of an assignment (-1 = none), else -1."""

    ticket: Int64Array
    at: Int64Array
    kind: Int64Array
    status: Int64Array
    priority: Int64Array
    value: Int64Array


@dataclass(frozen=True, slots=True)
class OlaColumns:
    """Every measured OLA cycle of a batch, ordered by ticket and index; ``team`` and
    ``holder_at_stop`` are codes (-1 = none), ``NONE`` = no instant. ``held_*``: per
    cycle row and holder code, the business seconds it held the running clock."""

    ticket: Int64Array
    index: Int64Array
    team: Int64Array
    started_at: Int64Array
    stopped_at: Int64Array
    state: Int64Array
    target: Int64Array
    elapsed: Int64Array
    due_at: Int64Array
    breached_at: Int64Array
    at_risk: BoolArray
    risk_at: Int64Array
    holder_at_stop: Int64Array
    held_cycle: Int64Array
    held_holder: Int64Array
    held_seconds: Int64Array


def ola_columns_of(
    logs: Sequence[Sequence[Event]], teams: Sequence[str], holders: Sequence[str]
) -> OlaEventColumns:
    """The columns of ``logs`` (ticket ``i`` is ``logs[i]``), team and holder names coded
    by their position in ``teams`` and ``holders``."""
    rows: list[tuple[int, int, int, int, int, int]] = []
    for position, events in enumerate(logs):
        for event in events:
            kind = KIND_TEAM if is_team_event(event) else _KINDS.get(event.type, KIND_OTHER)
            value = -1
            if kind == KIND_TEAM and event.value:
                value = teams.index(event.value)
            elif kind == KIND_ASSIGNED and event.value:
                value = holders.index(event.value)
            rows.append(
                (
                    position,
                    event.at,
                    kind,
                    -1 if event.status is None else STATUSES.index(event.status),
                    -1 if event.priority is None else PRIORITIES.index(event.priority),
                    value,
                )
            )
    table = np.array(rows, dtype=np.int64).reshape(-1, 6)
    return OlaEventColumns(*(np.ascontiguousarray(table[:, k]) for k in range(6)))


@dataclass(frozen=True, slots=True)
class HandoverRows:
    """The events of a batch that count at ``now`` (from each ticket's first ``created``
    on, none after ``now``), with the state after each: status, priority, team and holder
    codes (-1 = none), each ticket's ``first`` row and the row past its ``end``, whether a
    row is its ticket's ``origin``, and where the interval from each row ends (the next
    row's instant; ``now`` for a ticket's last row). Shared by the OLA engine and
    ``domain.clock.holds``."""

    ticket: Int64Array
    at: Int64Array
    first: Int64Array
    end: Int64Array
    origin: BoolArray
    status: Int64Array
    priority: Int64Array
    team: Int64Array
    holder: Int64Array
    interval_end: Int64Array


def handover_rows(events: OlaEventColumns, count: int, now: Instant) -> HandoverRows:
    """The rows of ``count`` tickets that count at ``now`` (see :class:`HandoverRows`)."""
    first, _ = ticket_bounds(events.ticket, count)
    late = segment_cumsum(events.at > now, events.ticket, first)
    born = segment_cumsum(events.kind == KIND_CREATED, events.ticket, first)
    keep = (late == 0) & (born >= 1)
    ticket = events.ticket[keep]
    at = events.at[keep]
    kind = events.kind[keep].copy()
    raw_status, raw_priority, value = events.status[keep], events.priority[keep], events.value[keep]
    size = int(at.size)
    first, end = ticket_bounds(ticket, count)
    has = end > first
    origin = np.zeros(size, dtype=bool)
    origin[first[has]] = True
    kind[(kind == KIND_CREATED) & ~origin] = KIND_OTHER
    positions = np.arange(size, dtype=np.int64)
    status = fill_forward(
        origin | ((kind == KIND_STATUS) & (raw_status >= 0)),
        np.where(origin & (raw_status < 0), _NEW, raw_status),
        positions,
    )
    priority = fill_forward(
        origin | ((kind == KIND_PRIORITY) & (raw_priority >= 0)),
        np.where(origin & (raw_priority < 0), _NORMAL, raw_priority),
        positions,
    )
    minus_one = np.full(size, -1, dtype=np.int64)
    team = fill_forward(origin | (kind == KIND_TEAM), np.where(origin, minus_one, value), positions)
    holder = fill_forward(
        origin | (kind == KIND_ASSIGNED), np.where(origin, minus_one, value), positions
    )
    interval_end = np.empty(size, dtype=np.int64)
    interval_end[:-1] = at[1:]
    interval_end[end[has] - 1] = now
    return HandoverRows(
        ticket, at, first, end, origin, status, priority, team, holder, interval_end
    )


def evaluate_ola_columns(
    events: OlaEventColumns,
    pause_index: Int64Array,
    pause_sets: Sequence[frozenset[Status]],
    olas: Sequence[TeamOla | None],
    now: Instant,
) -> OlaColumns:
    """The OLA cycles of ``len(pause_index)`` tickets at ``now``.

    Ticket ``i`` pauses in ``pause_sets[pause_index[i]]``; team code ``c`` has the OLA
    ``olas[c]`` (``None``: not measured).
    """
    count = int(pause_index.size)
    rows = handover_rows(events, count, now)
    ticket, at, end, origin = rows.ticket, rows.at, rows.end, rows.origin
    status, priority, team, holder = rows.status, rows.priority, rows.team, rows.holder
    size = int(at.size)
    done = _DONE_LUT[status] if size else np.zeros(0, dtype=bool)
    pause_lut = np.array(
        [[s in pauses for s in STATUSES] for pauses in pause_sets] or [[False] * len(STATUSES)],
        dtype=bool,
    )
    paused = pause_lut[pause_index[ticket], status] if size else np.zeros(0, dtype=bool)
    key = np.where((team >= 0) & ~done, team, -1)
    previous = np.full(size, -1, dtype=np.int64)
    previous[1:] = key[:-1]
    previous[origin] = -1
    changed = key != previous
    starts = np.flatnonzero(changed & (key >= 0))
    stops = next_of(np.flatnonzero(changed & ~origin), starts, ticket)
    interval_end = rows.interval_end

    cycle_ticket = ticket[starts]
    stopped = stops >= 0
    last_event = end[cycle_ticket] - 1
    cycle_team = key[starts]
    cycle_priority = priority[np.where(stopped, stops, last_event)]
    target_table = np.array(
        [
            [-1 if ola is None or ola.target(p) is None else ola.target(p) for p in PRIORITIES]
            for ola in olas
        ]
        or [[-1] * len(PRIORITIES)],
        dtype=np.int64,
    )
    target = target_table[cycle_team, cycle_priority] if starts.size else stops
    measured = target >= 0
    starts, stops, stopped, target = (
        starts[measured],
        stops[measured],
        stopped[measured],
        target[measured],
    )
    cycle_ticket, cycle_team, last_event = (
        cycle_ticket[measured], cycle_team[measured], last_event[measured]
    )  # fmt: skip
    cycles = int(starts.size)
    index = segment_cumsum(np.ones(cycles, dtype=bool), cycle_ticket, ticket_bounds(
        cycle_ticket, count)[0]) - 1  # fmt: skip
    running = ~stopped & ~paused[last_event] if cycles else stopped

    # -- the intervals each cycle runs in (non-empty, not paused)
    range_end = np.where(stopped, stops, last_event + 1)
    lengths = np.maximum(range_end - starts, 0)
    owner = np.repeat(np.arange(cycles), lengths)
    offsets = np.cumsum(lengths) - lengths
    interval = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
    a, b = at[interval], interval_end[interval]
    take = (b > a) & ~paused[interval]
    owner, a, b, interval = owner[take], a[take], b[take], interval[take]
    calendars: dict[int, int] = {}
    calendar_of_team = np.array(
        [-1 if ola is None else calendars.setdefault(id(ola.calendar), len(calendars))
         for ola in olas] or [-1],
        dtype=np.int64,
    )  # fmt: skip
    by_calendar = list({id(o.calendar): o.calendar for o in olas if o is not None}.values())
    cycle_calendar = calendar_of_team[cycle_team] if cycles else cycle_team
    seconds = np.zeros(owner.size, dtype=np.int64)
    for code, calendar in enumerate(by_calendar):
        mask = cycle_calendar[owner] == code
        if mask.any():
            seconds[mask] = calendar.business_seconds_between_array(a[mask], b[mask])

    # -- who held it: seconds per (cycle, holder), by holder name order
    holders = holder[interval]
    pair = owner * (int(holder.max(initial=-1)) + 2) + holders + 1
    pairs, inverse = np.unique(pair, return_inverse=True)
    held_total = np.bincount(inverse, weights=seconds, minlength=pairs.size).astype(np.int64)
    width = int(holder.max(initial=-1)) + 2
    held_cycle, held_holder = pairs // width, pairs % width - 1
    positive = held_total > 0
    held_cycle, held_holder, held_total = (
        held_cycle[positive], held_holder[positive], held_total[positive]
    )  # fmt: skip

    # -- merged running spans (an open running cycle ends with [now, now) when needed)
    new_span = np.ones(owner.size, dtype=bool)
    new_span[1:] = (owner[1:] != owner[:-1]) | (a[1:] != b[:-1])
    span_first = np.flatnonzero(new_span)
    span_last = np.append(span_first[1:] - 1, owner.size - 1).astype(np.int64)
    if owner.size == 0:
        span_last = span_first
    span_owner, span_a, span_b = owner[span_first], a[span_first], b[span_last]
    span_length = np.add.reduceat(seconds, span_first) if span_first.size else np.zeros(0, np.int64)
    per_cycle = np.bincount(span_owner, minlength=cycles)
    cycle_end = np.cumsum(per_cycle)
    reaches_now = np.zeros(cycles, dtype=bool)
    with_spans = per_cycle > 0
    reaches_now[with_spans] = span_b[cycle_end[with_spans] - 1] == now
    extra = np.flatnonzero(running & ~reaches_now)
    if extra.size:
        span_owner = np.insert(span_owner, cycle_end[extra], extra)
        span_a = np.insert(span_a, cycle_end[extra], now)
        span_length = np.insert(span_length, cycle_end[extra], 0)
        per_cycle = np.bincount(span_owner, minlength=cycles)
        cycle_end = np.cumsum(per_cycle)
    cycle_begin = cycle_end - per_cycle

    # -- judging
    prefix = np.concatenate(([0], np.cumsum(span_length)))
    elapsed = prefix[cycle_end] - prefix[cycle_begin]
    fractions = np.array([0.0 if ola is None else ola.warning_fraction for ola in olas] or [0.0])
    threshold = target - np.floor(fractions[cycle_team] * target).astype(np.int64)
    breached = elapsed > target
    hit = np.maximum(
        np.searchsorted(prefix, prefix[cycle_begin] + target, side="left") - 1, cycle_begin
    )
    last = np.maximum(cycle_end - 1, 0)
    judged = ~breached & (per_cycle > 0) & (stopped | running)
    risky = judged & running & (elapsed < threshold)
    before_last = elapsed - (span_length[last] if span_length.size else 0)
    breach_rows, due_rows, risk_rows = (
        np.flatnonzero(breached), np.flatnonzero(judged), np.flatnonzero(risky)
    )  # fmt: skip
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
    request_calendar = cycle_calendar[np.concatenate((breach_rows, due_rows, risk_rows))]
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
    safe_stop = np.maximum(stops, 0)
    return OlaColumns(
        ticket=cycle_ticket,
        index=index,
        team=cycle_team,
        started_at=at[starts],
        stopped_at=np.where(stopped, at[safe_stop] if size else stops, NONE),
        state=state,
        target=target,
        elapsed=elapsed,
        due_at=due_at,
        breached_at=breach_at,
        at_risk=~breached & running & (elapsed >= threshold),
        risk_at=risk_at,
        holder_at_stop=np.where(stopped, holder[safe_stop] if size else stops, -1),
        held_cycle=held_cycle,
        held_holder=held_holder,
        held_seconds=held_total,
    )


def _instant(value: int) -> int | None:
    return None if value == NONE else int(value)


def to_ola_cycles(
    columns: OlaColumns, count: int, teams: Sequence[str], holders: Sequence[str]
) -> list[tuple[OlaCycle, ...]]:
    """The :class:`OlaCycle` objects of each of ``count`` tickets (names from codes)."""
    held: dict[int, list[tuple[str | None, int]]] = {}
    for row, code, seconds in zip(
        columns.held_cycle.tolist(),
        columns.held_holder.tolist(),
        columns.held_seconds.tolist(),
        strict=True,
    ):
        held.setdefault(row, []).append((None if code < 0 else holders[code], seconds))
    result: list[list[OlaCycle]] = [[] for _ in range(count)]
    for row in range(int(columns.ticket.size)):
        stop_holder = int(columns.holder_at_stop[row])
        result[int(columns.ticket[row])].append(
            OlaCycle(
                index=int(columns.index[row]),
                team=teams[int(columns.team[row])],
                started_at=int(columns.started_at[row]),
                stopped_at=_instant(int(columns.stopped_at[row])),
                state=STATES[int(columns.state[row])],
                target=int(columns.target[row]),
                elapsed=int(columns.elapsed[row]),
                remaining=int(columns.target[row] - columns.elapsed[row]),
                due_at=_instant(int(columns.due_at[row])),
                breached_at=_instant(int(columns.breached_at[row])),
                at_risk=bool(columns.at_risk[row]),
                risk_at=_instant(int(columns.risk_at[row])),
                holder_at_stop=None if stop_holder < 0 else holders[stop_holder],
                held=tuple(sorted(held.get(row, []), key=lambda item: held_order(item[0]))),
            )
        )
    return [tuple(cycles) for cycles in result]
