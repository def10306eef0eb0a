"""Who held an SLA clock: the business time of each cycle split by holder, as columns.

The holder at an instant is the pair (assignee, team) after the events up to it
(docs/SLA_SEMANTICS.md, "Who held an SLA clock"). Given the events of a batch of tickets
(:class:`~slaworkbench.domain.clock.ola_columns.OlaEventColumns`: status changes,
assignments and team moves, in log order) and the cycles to attribute (start, stop or
``now``, how the metric runs, its pause statuses and calendar), every cycle's running
time is cut at the events inside it; each piece goes to the holder after the events at
its first instant, and the pieces are summed per (cycle, agent, team). The running
condition is the clock engine's (``domain.clock.columns``): always for the response
metrics, outside the pause statuses for periodic updates, and outside the pause
statuses and solved/closed for resolution; so a cycle's holds add up to its elapsed
business time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from slaworkbench.domain.clock.events import (
    STATUSES,
    BoolArray,
    Int64Array,
)
from slaworkbench.domain.clock.ola_columns import OlaEventColumns, handover_rows
from slaworkbench.domain.model import DONE_STATUSES, Instant, Metric, Status
from slaworkbench.domain.policy import CalendarLike

RUNS_ALWAYS, RUNS_UNLESS_PAUSED, RUNS_UNLESS_PAUSED_OR_DONE = range(3)
RUNS_BY_METRIC = {
    Metric.FIRST_RESPONSE: RUNS_ALWAYS,
    Metric.NEXT_RESPONSE: RUNS_ALWAYS,
    Metric.PERIODIC_UPDATE: RUNS_UNLESS_PAUSED,
    Metric.RESOLUTION: RUNS_UNLESS_PAUSED_OR_DONE,
}
"""How a cycle of each metric runs (the table in docs/SLA_SEMANTICS.md)."""
_NEW = STATUSES.index(Status.NEW)
_DONE_LUT = np.array([status in DONE_STATUSES for status in STATUSES], dtype=bool)


@dataclass(frozen=True, slots=True)
class HeldCycles:
    """The cycles to attribute, one row each: the ticket's position in the batch, its
    start, its stop (``NONE``-free: ``now`` for an unfinished cycle), whether it stopped,
    how it runs (``RUNS_*``), its pause set and its calendar (indices into the lists given
    to :func:`clock_holds`)."""

    ticket: Int64Array
    started_at: Int64Array
    ends_at: Int64Array
    stopped: BoolArray
    runs: Int64Array
    pauses: Int64Array
    calendar: Int64Array


@dataclass(frozen=True, slots=True)
class ClockHolds:
    """``cycle``/``agent``/``team``/``seconds``: business seconds per (cycle row, agent
    code, team code), codes -1 = none, only pieces with time; ``stop_agent``/``stop_team``
    per cycle row: the holder at stop (-1 also for a cycle that has not stopped)."""

    cycle: Int64Array
    agent: Int64Array
    team: Int64Array
    seconds: Int64Array
    stop_agent: Int64Array
    stop_team: Int64Array


def clock_holds(
    events: OlaEventColumns,
    count: int,
    cycles: HeldCycles,
    pause_sets: Sequence[frozenset[Status]],
    calendars: Sequence[CalendarLike],
    now: Instant,
) -> ClockHolds:
    """Who held each cycle of ``cycles`` (tickets ``0..count-1`` of ``events``) at ``now``."""
    handover = handover_rows(events, count, now)
    ticket, at, first, status = handover.ticket, handover.at, handover.first, handover.status
    agent, team, interval_end = handover.holder, handover.team, handover.interval_end
    size = int(at.size)

    # -- each cycle's events: from the last one at or before its start to the last one
    # before its end (one sortable key per (ticket, instant))
    rows = int(cycles.ticket.size)
    empty = np.zeros(0, dtype=np.int64)
    if rows == 0 or size == 0:
        none = np.full(rows, -1, dtype=np.int64)
        return ClockHolds(empty, empty, empty, empty, none, none.copy())
    base = int(min(at.min(), cycles.started_at.min()))
    width = int(max(at.max(), cycles.ends_at.max(), now)) - base + 2
    key = ticket * width + (at - base)
    offset = cycles.ticket * width - base
    begin = np.maximum(
        np.searchsorted(key, offset + cycles.started_at, "right") - 1, first[cycles.ticket]
    )
    stop = np.searchsorted(key, offset + cycles.ends_at, "left")
    lengths = np.maximum(stop - begin, 0)
    owner = np.repeat(np.arange(rows), lengths)
    offsets = np.cumsum(lengths) - lengths
    interval = np.repeat(begin - offsets, lengths) + np.arange(int(lengths.sum()))
    a = np.maximum(at[interval], cycles.started_at[owner])
    b = np.minimum(interval_end[interval], cycles.ends_at[owner])
    pause_lut = np.array(
        [[s in pauses for s in STATUSES] for pauses in pause_sets] or [[False] * len(STATUSES)],
        dtype=bool,
    )
    step = status[interval]
    paused = pause_lut[cycles.pauses[owner], step]
    runs = cycles.runs[owner]
    running = (runs == RUNS_ALWAYS) | (~paused & ((runs == RUNS_UNLESS_PAUSED) | ~_DONE_LUT[step]))
    take = (b > a) & running
    owner, a, b, interval = owner[take], a[take], b[take], interval[take]
    seconds = np.zeros(owner.size, dtype=np.int64)
    piece_calendar = cycles.calendar[owner]
    for code, calendar in enumerate(calendars):
        mask = piece_calendar == code
        if mask.any():
            seconds[mask] = calendar.business_seconds_between_array(a[mask], b[mask])

    # -- per (cycle, agent, team)
    agents, teams = int(agent.max(initial=-1)) + 2, int(team.max(initial=-1)) + 2
    pair = (owner * agents + agent[interval] + 1) * teams + team[interval] + 1
    pairs, inverse = np.unique(pair, return_inverse=True)
    total = np.bincount(inverse, weights=seconds, minlength=pairs.size).astype(np.int64)
    positive = total > 0
    pairs, total = pairs[positive], total[positive]

    # -- the holder at stop: after every event at or before the stop instant
    last = np.searchsorted(key, offset + cycles.ends_at, "right") - 1
    known = cycles.stopped & (last >= first[cycles.ticket])
    safe = np.maximum(last, 0)
    return ClockHolds(
        cycle=pairs // teams // agents,
        agent=pairs // teams % agents - 1,
        team=pairs % teams - 1,
        seconds=total,
        stop_agent=np.where(known, agent[safe], -1),
        stop_team=np.where(known, team[safe], -1),
    )
