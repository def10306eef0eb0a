"""Who held an SLA clock, minute by minute: the brute-force reference of
``domain.clock.holds`` (docs/SLA_SEMANTICS.md, "Who held an SLA clock").

For each cycle of an evaluation, every minute from its start to its stop (or ``now``) in
which the clock runs and the calendar works gives 60 seconds to the holder — the
assignee and team after the events at or before the minute's first second. Everything
is minute-aligned, as in ``clock_reference``.
"""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from slaworkbench.domain.clock.ola import TEAM_FIELD
from slaworkbench.domain.model import (
    DONE_STATUSES,
    Cycle,
    Event,
    EventType,
    Metric,
    Priority,
    Status,
)
from slaworkbench.domain.policy import Policy
from tests.support.clock_reference import MONDAY
from tests.support.ola_reference import AGENTS, TEAMS

Holder = tuple[str | None, str | None]


def _state_at(log: Sequence[Event], instant: int) -> tuple[Status, Holder]:
    status = log[0].status or Status.NEW
    agent: str | None = None
    team: str | None = None
    for event in log[1:]:
        if event.at > instant:
            break
        if event.type is EventType.STATUS_CHANGED and event.status is not None:
            status = event.status
        elif event.type is EventType.ASSIGNED:
            agent = event.value or None
        elif event.type is EventType.FIELD_CHANGED and event.field == TEAM_FIELD:
            team = event.value or None
    return status, (agent, team)


def counted_log(events: Sequence[Event], now: int) -> list[Event]:
    """The events a clock counts: from the first ``created``, up to ``now``."""
    log = [event for event in events if event.at <= now]
    while log and log[0].type is not EventType.CREATED:
        log.pop(0)
    return log


def reference_holds(
    events: Sequence[Event], cycle: Cycle, policy: Policy, now: int
) -> tuple[dict[Holder, int], Holder | None]:
    """Business seconds per holder of ``cycle``, and its holder at stop."""
    log = counted_log(events, now)
    end = now if cycle.stopped_at is None else cycle.stopped_at
    held: dict[Holder, int] = {}
    for minute in range(cycle.started_at // 60, end // 60):
        status, holder = _state_at(log, minute * 60)
        if cycle.metric in (Metric.PERIODIC_UPDATE, Metric.RESOLUTION):
            if status in policy.pause_statuses:
                continue
            if cycle.metric is Metric.RESOLUTION and status in DONE_STATUSES:
                continue
        if policy.calendar.is_working(minute * 60):
            held[holder] = held.get(holder, 0) + 60
    at_stop = None if cycle.stopped_at is None else _state_at(log, cycle.stopped_at)[1]
    return held, at_stop


GAPS = [0, 0, 1, 2, 7, 30, 60, 240, 600]


@st.composite
def holder_logs(draw: st.DrawFn, max_events: int = 16) -> tuple[list[Event], int]:
    """Minute-aligned logs with replies both ways, status changes (pauses, solves,
    reopenings), assignments and team moves."""
    start = MONDAY + 60 * draw(st.integers(0, 7 * 1440))
    events = [
        Event(
            start,
            EventType.CREATED,
            status=draw(st.sampled_from([None, Status.NEW, Status.OPEN, Status.PENDING])),
            priority=draw(st.sampled_from([None, *Priority])),
        )
    ]
    if draw(st.booleans()):
        events.append(Event(start, EventType.FIELD_CHANGED, field=TEAM_FIELD, value=TEAMS[0]))
    t = start
    for _ in range(draw(st.integers(0, max_events))):
        t += 60 * draw(st.sampled_from(GAPS))
        kind = draw(st.integers(0, 6))
        if kind <= 1:
            events.append(Event(t, EventType.STATUS_CHANGED, status=draw(st.sampled_from(Status))))
        elif kind == 2:
            team = draw(st.sampled_from([None, "", *TEAMS]))
            events.append(Event(t, EventType.FIELD_CHANGED, field=TEAM_FIELD, value=team))
        elif kind == 3:
            agent = draw(st.sampled_from([None, *AGENTS]))
            events.append(Event(t, EventType.ASSIGNED, value=agent))
        elif kind == 4:
            events.append(
                Event(t, EventType.PRIORITY_CHANGED, priority=draw(st.sampled_from(Priority)))
            )
        else:
            kinds = [EventType.AGENT_REPLY, EventType.CUSTOMER_REPLY, EventType.CREATED]
            events.append(Event(t, draw(st.sampled_from(kinds))))
    now = start + 60 * draw(st.integers(0, (t - start) // 60 + 1500))
    return events, now
