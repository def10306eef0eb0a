"""A deliberately simple brute-force reference for OLA cycles, and hypothesis strategies.

``reference_olas`` finds where each stay with a team starts and stops straight from the
rules in docs/SLA_SEMANTICS.md ("Team agreements (OLAs)"), then walks every minute of
it: the status and assignee in the minute (after every event at or before its first
second), whether the clock runs, whether the team's calendar works then (asked one
minute at a time with ``is_working``). Due, breach and risk instants are the first
instant a count reaches its goal. Everything must be minute-aligned.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hypothesis import strategies as st

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.ola import OlaCycle, TeamOla
from slaworkbench.domain.model import (
    DONE_STATUSES,
    TEAM_FIELD,
    ClockState,
    Event,
    EventType,
    Priority,
    Status,
)
from slaworkbench.domain.policy import CalendarLike
from tests.support.clock_reference import DAY_TEMPLATES, MinuteCalendar, minute_calendars

TEAMS = ("Apps", "Desk", "Network")
AGENTS = ("ana", "bo", "cy")


@dataclass
class _Stay:
    team: str
    start: int
    stop: int | None = None
    stop_priority: Priority | None = None
    stop_holder: str | None = None
    held: dict[str | None, int] = field(default_factory=dict)


def _stays(log: Sequence[Event]) -> tuple[list[_Stay], Priority]:
    status = log[0].status or Status.NEW
    priority = log[0].priority or Priority.NORMAL
    team: str | None = None
    holder: str | None = None
    stays: list[_Stay] = []
    current: _Stay | None = None
    for event in log:
        if event is not log[0]:
            if event.type is EventType.STATUS_CHANGED and event.status is not None:
                status = event.status
            elif event.type is EventType.PRIORITY_CHANGED and event.priority is not None:
                priority = event.priority
            elif event.type is EventType.ASSIGNED:
                holder = event.value or None
            elif event.type is EventType.FIELD_CHANGED and event.field == TEAM_FIELD:
                team = event.value or None
        with_team = team if status not in DONE_STATUSES else None
        if current is not None and current.team != with_team:
            current.stop, current.stop_priority, current.stop_holder = event.at, priority, holder
            current = None
        if current is None and with_team is not None:
            current = _Stay(with_team, event.at)
            stays.append(current)
    return stays, priority


def state_at(log: Sequence[Event], instant: int) -> tuple[Status, str | None]:
    """The status and the assignee after the events at or before ``instant``."""
    status = log[0].status or Status.NEW
    holder: str | None = None
    for event in log[1:]:
        if event.at > instant:
            break
        if event.type is EventType.STATUS_CHANGED and event.status is not None:
            status = event.status
        elif event.type is EventType.ASSIGNED:
            holder = event.value or None
    return status, holder


def reference_olas(
    events: Sequence[Event],
    olas: Mapping[str, TeamOla],
    now: int,
    pause: frozenset[Status],
) -> tuple[OlaCycle, ...]:
    log = [event for event in events if event.at <= now]
    while log and log[0].type is not EventType.CREATED:
        log.pop(0)
    if not log:
        return ()
    log = [log[0]] + [event for event in log[1:] if event.type is not EventType.CREATED]
    stays, current_priority = _stays(log)
    states: dict[int, tuple[Status, str | None]] = {}

    def state_in(minute: int) -> tuple[Status, str | None]:
        if minute not in states:
            states[minute] = state_at(log, minute * 60)
        return states[minute]

    result: list[OlaCycle] = []
    for stay in stays:
        ola = olas.get(stay.team)
        priority = current_priority if stay.stop is None else stay.stop_priority
        if ola is None or priority is None or ola.target(priority) is None:
            continue
        target = ola.target(priority)
        assert target is not None
        calendar = ola.calendar
        end = now if stay.stop is None else stay.stop
        minutes = []
        for m in range(stay.start // 60, end // 60):
            status, holder = state_in(m)
            if status in pause:
                continue
            minutes.append(m)
            if calendar.is_working(m * 60):
                stay.held[holder] = stay.held.get(holder, 0) + 60
        running_set = set(minutes)
        elapsed = 60 * sum(1 for m in minutes if calendar.is_working(m * 60))
        running = stay.stop is None and state_at(log, now)[0] not in pause
        threshold = target - math.floor(ola.warning_fraction * target)
        breach_at = due_at = risk_at = None
        if elapsed > target:
            count = 0
            for m in minutes:
                count += 60 if calendar.is_working(m * 60) else 0
                if count >= target:
                    breach_at = (m + 1) * 60
                    break
            state = ClockState.BREACHED
            due_at = breach_at if (stay.stop is not None or running) else None
        else:
            if stay.stop is not None:
                state = ClockState.ACHIEVED
            elif running:
                state = ClockState.RUNNING
            else:
                state = ClockState.PAUSED
            span_start: int | None = None
            if running:
                m = now // 60
                while m - 1 >= stay.start // 60 and (m - 1) in running_set:
                    m -= 1
                span_start = m
            elif stay.stop is not None and minutes:
                m = minutes[-1]
                while m - 1 in running_set:
                    m -= 1
                span_start = m
            if span_start is not None:
                before = 60 * sum(
                    1 for x in minutes if x < span_start and calendar.is_working(x * 60)
                )

                def reach(
                    goal: int,
                    start: int = span_start,
                    before: int = before,
                    cal: CalendarLike = calendar,
                ) -> int:
                    count, m = before, start
                    while count < goal:
                        if cal.is_working(m * 60):
                            if count + 60 >= goal:
                                return m * 60 + (goal - count)
                            count += 60
                        m += 1
                    return m * 60

                due_at = reach(target)
                if running and elapsed < threshold:
                    risk_at = reach(threshold)
        result.append(
            OlaCycle(
                index=len(result),
                team=stay.team,
                started_at=stay.start,
                stopped_at=stay.stop,
                state=state,
                target=target,
                elapsed=elapsed,
                remaining=target - elapsed,
                due_at=due_at,
                breached_at=breach_at,
                at_risk=running and threshold <= elapsed <= target,
                risk_at=risk_at,
                holder_at_stop=stay.stop_holder,
                held=tuple(
                    sorted(
                        ((h, s) for h, s in stay.held.items() if s),
                        key=lambda item: (0, "") if item[0] is None else (1, item[0]),
                    )
                ),
            )
        )
    return tuple(result)


# --- strategies --------------------------------------------------------------------------

DST_STARTS = (
    1_772_409_600,  # 2026-03-02 (UTC week; US DST starts 03-08)
    1_774_569_600,  # 2026-03-27 (Europe springs forward 03-29)
    1_792_540_800,  # 2026-10-21 (Europe falls back 10-25)
    1_775_174_400,  # 2026-04-03 (Sydney falls back 04-05)
)
DST_ZONES = ("Europe/Lisbon", "America/New_York", "Australia/Sydney", "Europe/Berlin", "UTC")
GAPS = [0, 0, 1, 2, 7, 30, 60, 240, 600, 900, 1500]


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


# The strategies the composites below draw from, made once: a strategy made inside a
# composite is made and validated again at every draw (a fifth of a property's time).
_DAY_TEMPLATE = st.sampled_from(DAY_TEMPLATES)
_ZONE = st.sampled_from(DST_ZONES)


@st.composite
def zone_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Real calendars in zones with daylight saving time (minute-aligned schedules)."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    hours = {day: [[_hhmm(a), _hhmm(b)] for a, b in draw(_DAY_TEMPLATE)] for day in names}
    if not any(hours.values()):
        hours["mon"] = [["09:00", "18:00"]]
    zone = draw(_ZONE)
    return BusinessCalendar.from_dict({"name": zone, "timezone": zone, "hours": hours})


_OLA_MINUTES = st.one_of(st.sampled_from([1, 5, 30, 60, 240, 480]), st.integers(1, 900))
_FOUR_IN_FIVE = st.integers(0, 4)
_ZONE_CALENDAR = zone_calendars()
_MINUTE_CALENDAR = minute_calendars()
_FRACTION = st.sampled_from([0.0, 0.25, 0.5, 0.9])


@st.composite
def team_olas(draw: st.DrawFn, real: bool = False) -> dict[str, TeamOla]:
    """OLAs for some of ``TEAMS`` (a team may have none, a priority may have no target)."""
    olas: dict[str, TeamOla] = {}
    for team in TEAMS:
        if not draw(_FOUR_IN_FIVE):
            continue
        calendar: BusinessCalendar | MinuteCalendar = draw(
            _ZONE_CALENDAR if real else _MINUTE_CALENDAR
        )
        targets = {p: 60 * draw(_OLA_MINUTES) for p in Priority if draw(_FOUR_IN_FIVE)}
        fraction = draw(_FRACTION)
        olas[team] = TeamOla(team, targets, calendar, fraction)
    return olas


_DST_START = st.sampled_from(DST_STARTS)
_THREE_DAYS = st.integers(0, 3 * 1440)
_CREATED_STATUS = st.sampled_from([None, Status.NEW, Status.OPEN, Status.SOLVED])
_PRIORITY_OR_NONE = st.sampled_from([None, *Priority])
_COIN = st.booleans()
_GAP = st.sampled_from(GAPS)
_KIND = st.integers(0, 5)
_STATUS = st.sampled_from(Status)
_PRIORITY = st.sampled_from(Priority)
_TEAM = st.sampled_from([None, "", *TEAMS])
_AGENT = st.sampled_from([None, *AGENTS])
_REPLIES = st.sampled_from([EventType.AGENT_REPLY, EventType.CREATED])
_REPLIES_OR_CUSTOMERS = st.sampled_from(
    [EventType.AGENT_REPLY, EventType.CREATED, EventType.CUSTOMER_REPLY]
)


@st.composite
def handover_logs(
    draw: st.DrawFn, max_events: int = 14, customer_replies: bool = False
) -> tuple[list[Event], int]:
    """Minute-aligned logs with team moves, assignments, pauses and reopenings (and
    customer replies, which start next-response cycles, when ``customer_replies``)."""
    start = draw(_DST_START) + 60 * draw(_THREE_DAYS)
    events = [
        Event(
            start, EventType.CREATED, status=draw(_CREATED_STATUS), priority=draw(_PRIORITY_OR_NONE)
        )
    ]
    if draw(_COIN):
        events.append(Event(start, EventType.FIELD_CHANGED, field=TEAM_FIELD, value=TEAMS[0]))
    t = start
    for _ in range(draw(st.integers(0, max_events))):
        t += 60 * draw(_GAP)
        kind = draw(_KIND)
        if kind <= 1:
            events.append(Event(t, EventType.STATUS_CHANGED, status=draw(_STATUS)))
        elif kind == 2:
            events.append(Event(t, EventType.PRIORITY_CHANGED, priority=draw(_PRIORITY)))
        elif kind == 3:
            team = draw(_TEAM)
            events.append(Event(t, EventType.FIELD_CHANGED, field=TEAM_FIELD, value=team))
        elif kind == 4:
            events.append(Event(t, EventType.ASSIGNED, value=draw(_AGENT)))
        else:
            events.append(Event(t, draw(_REPLIES_OR_CUSTOMERS if customer_replies else _REPLIES)))
    now = start + 60 * draw(st.integers(0, (t - start) // 60 + 2000))
    return events, now


pause_sets = st.frozensets(
    st.sampled_from([Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD])
)
