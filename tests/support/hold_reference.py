"""Who held an SLA clock, minute by minute: the brute-force reference of
``domain.clock.holds`` (docs/SLA_SEMANTICS.md, "Who held an SLA clock").

For each cycle of an evaluation, every minute from its start to its stop (or ``now``) in
which the clock runs and the calendar works gives 60 seconds to the holder — the
assignee and team after the events at or before the minute's first second. Everything
is minute-aligned, as in ``clock_reference``.
"""

from __future__ import annotations

from collections.abc import Sequence

from slaworkbench.domain.model import (
    DONE_STATUSES,
    TEAM_FIELD,
    Cycle,
    Event,
    EventType,
    Metric,
    Status,
)
from slaworkbench.domain.policy import Policy
from tests.support.ola_reference import state_at

Holder = tuple[str | None, str | None]


def _state_at(log: Sequence[Event], instant: int) -> tuple[Status, Holder]:
    """The status and the holder after the events at or before ``instant``."""
    status, agent = state_at(log, instant)
    team: str | None = None
    for event in log[1:]:
        if event.at > instant:
            break
        if event.type is EventType.FIELD_CHANGED and event.field == TEAM_FIELD:
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
