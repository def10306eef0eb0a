"""Deliberately simple brute-force references for the SLA engine's tests.

``MinuteCalendar`` is a weekly schedule in UTC made of whole working minutes. It is
the engine's input: it counts working minutes with a running total over the week (a
property checks that against a walk minute by minute), while the references ask it only
``is_working`` of one minute at a time. ``reference_evaluate`` simulates a ticket minute by
minute (status at each minute, whether each clock runs in it, counting business minutes
x 60) and finds due, breach and risk instants as the first minute at which a count
reaches its goal. Everything must be minute-aligned: events, ``now`` and targets.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, tzinfo

import numpy as np
from hypothesis import strategies as st
from numpy.typing import NDArray

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import (
    DONE_STATUSES,
    ClockState,
    Cycle,
    Event,
    EventType,
    Metric,
    MetricResult,
    Priority,
    Status,
    TicketEvaluation,
)
from slaworkbench.domain.policy import CalendarLike, Conditions, Policy

WEEK_MINUTES = 7 * 24 * 60
# 1970-01-01 was a Thursday; shift so that index 0 is Monday 00:00 UTC.
_MONDAY_SHIFT = 3 * 24 * 60
_LIMIT_MINUTES = 5 * 366 * 24 * 60


class NoWorkingTime(ValueError):
    pass


class MinuteCalendar:
    """A weekly UTC schedule of working minutes, answering by walking minute by minute."""

    def __init__(self, name: str, working: Iterable[int]) -> None:
        self.name = name
        self.timezone = "UTC"
        self.zone: tzinfo = UTC
        self.working = frozenset(working)
        if not self.working:
            raise NoWorkingTime("a calendar needs working time")
        # _running[i]: working minutes of the week before its minute i (0 = Monday 00:00).
        mask = np.zeros(WEEK_MINUTES, dtype=np.int64)
        mask[np.fromiter(self.working, dtype=np.int64)] = 1
        self._running: list[int] = [0, *np.cumsum(mask).tolist()]
        self._per_week = self._running[-1]

    @classmethod
    def from_hours(cls, name: str, days: dict[int, list[tuple[int, int]]]) -> MinuteCalendar:
        """``days`` maps weekday (0 = Monday) to [start_minute, end_minute) intervals."""
        minutes = set()
        for day, intervals in days.items():
            for start, end in intervals:
                minutes.update(range(day * 1440 + start, day * 1440 + end))
        return cls(name, minutes)

    def holiday_name(self, day: date) -> str | None:
        return None

    def minute_works(self, minute: int) -> bool:
        return (minute + _MONDAY_SHIFT) % WEEK_MINUTES in self.working

    def is_working(self, t: int) -> bool:
        return self.minute_works(t // 60)

    def business_seconds_between_epoch(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        first, last = a // 60, (b - 1) // 60
        total = 60 * (self._worked_before(last + 1) - self._worked_before(first))
        if self.minute_works(first):
            total -= a - first * 60
        if self.minute_works(last):
            total -= (last + 1) * 60 - b
        return total

    def add_business_seconds_epoch(self, start: int, seconds: int) -> int:
        if seconds <= 0:
            return start
        t, left = start, seconds
        minute = t // 60
        if t % 60:  # the rest of a started minute
            step = (minute + 1) * 60 - t
            if self.minute_works(minute):
                take = min(step, left)
                left -= take
                t += take
                if left == 0:
                    return t
            else:
                t += step
        # ``whole`` more working minutes, the last of them ``rest`` seconds long.
        whole = -(-left // 60)
        rest = left - (whole - 1) * 60
        last = self._minute_ending(self._worked_before(t // 60) + whole)
        if last - minute + 1 > _LIMIT_MINUTES:
            raise NoWorkingTime("no working time within five years")
        return last * 60 + rest

    def _worked_before(self, minute: int) -> int:
        """Working minutes from the Monday 00:00 before the epoch up to ``minute``."""
        weeks, offset = divmod(minute + _MONDAY_SHIFT, WEEK_MINUTES)
        return weeks * self._per_week + self._running[offset]

    def _minute_ending(self, count: int) -> int:
        """The working minute with which ``_worked_before`` reaches ``count`` (≥ 1)."""
        weeks, within = divmod(count - 1, self._per_week)
        offset = bisect_left(self._running, within + 1) - 1
        return weeks * WEEK_MINUTES + offset - _MONDAY_SHIFT

    def business_seconds_between_array(
        self, a: NDArray[np.int64], b: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        return np.array(
            [
                self.business_seconds_between_epoch(int(x), int(y))
                for x, y in zip(a, b, strict=True)
            ],
            dtype=np.int64,
        )

    def add_business_seconds_array(
        self, starts: NDArray[np.int64], seconds: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        return np.array(
            [
                self.add_business_seconds_epoch(int(x), int(d))
                for x, d in zip(starts, seconds, strict=True)
            ],
            dtype=np.int64,
        )

    def working_segments(self, a: int, b: int) -> list[tuple[int, int]]:
        segments: list[tuple[int, int]] = []
        t = a
        while t < b:
            end = min(b, (t // 60 + 1) * 60)
            if self.is_working(t):
                if segments and segments[-1][1] == t:
                    segments[-1] = (segments[-1][0], end)
                else:
                    segments.append((t, end))
            t = end
        return segments


# --- the clock reference --------------------------------------------------------------


@dataclass
class _RefCycle:
    metric: Metric
    start: int
    stop: int | None = None
    stop_priority: Priority | None = None


def _status_at(events: Sequence[Event], instant: int) -> Status:
    """Status after every event at or before ``instant`` (the log starts with created)."""
    status = events[0].status or Status.NEW
    for event in events[1:]:
        if event.at > instant:
            break
        if event.type is EventType.STATUS_CHANGED and event.status is not None:
            status = event.status
    return status


def _cycles(events: Sequence[Event]) -> list[_RefCycle]:
    """Where each cycle starts and stops, straight from the table in SLA_SEMANTICS.md."""
    created = events[0]
    status = created.status or Status.NEW
    priority = created.priority or Priority.NORMAL
    first = _RefCycle(Metric.FIRST_RESPONSE, created.at)
    resolution = _RefCycle(Metric.RESOLUTION, created.at)
    if status in DONE_STATUSES:
        first.stop, first.stop_priority = created.at, priority
        resolution.stop, resolution.stop_priority = created.at, priority
    nexts: list[_RefCycle] = []
    updates: list[_RefCycle] = []
    agent_replied = False
    for event in events[1:]:
        t = event.at
        if event.type is EventType.PRIORITY_CHANGED and event.priority is not None:
            priority = event.priority
        elif event.type is EventType.STATUS_CHANGED and event.status is not None:
            entering_done = event.status in DONE_STATUSES and status not in DONE_STATUSES
            leaving_done = status in DONE_STATUSES and event.status not in DONE_STATUSES
            status = event.status
            if entering_done:
                for cycle in [first, *nexts, *updates]:
                    if cycle.stop is None:
                        cycle.stop, cycle.stop_priority = t, priority
                resolution.stop, resolution.stop_priority = t, priority
            if leaving_done:
                resolution.stop, resolution.stop_priority = None, None
        elif event.type is EventType.AGENT_REPLY:
            agent_replied = True
            for cycle in [first, *nexts, *updates]:
                if cycle.stop is None:
                    cycle.stop, cycle.stop_priority = t, priority
            if status not in DONE_STATUSES:
                updates.append(_RefCycle(Metric.PERIODIC_UPDATE, t))
        elif event.type is EventType.CUSTOMER_REPLY:
            running = any(cycle.stop is None for cycle in nexts)
            if agent_replied and not running and status not in DONE_STATUSES:
                nexts.append(_RefCycle(Metric.NEXT_RESPONSE, t))
    return [first, *nexts, *updates, resolution]


def reference_evaluate(
    events: Sequence[Event], policy: Policy | None, now: int
) -> TicketEvaluation:
    if policy is None:
        return TicketEvaluation(now, None, None, None, {})
    calendar = policy.calendar
    log = [event for event in events if event.at <= now]
    while log and log[0].type is not EventType.CREATED:
        log.pop(0)
    if not log:
        return TicketEvaluation(now, policy.id, policy.version, calendar.name, {})
    log = [log[0]] + [e for e in log[1:] if e.type is not EventType.CREATED]
    current_priority = log[0].priority or Priority.NORMAL
    for event in log:
        if event.type is EventType.PRIORITY_CHANGED and event.priority is not None:
            current_priority = event.priority
    pause = policy.pause_statuses

    worked: dict[int, bool] = {}

    def works(minute: int) -> bool:
        if minute not in worked:
            worked[minute] = bool(calendar.is_working(minute * 60))
        return worked[minute]

    # The status in each minute (after every event at or before its first second).
    statuses: dict[int, Status] = {}
    for minute in range(log[0].at // 60, now // 60 + 1):
        statuses[minute] = _status_at(log, minute * 60)

    results: dict[Metric, list[Cycle]] = {}
    for cycle in _cycles(log):
        priority = current_priority if cycle.stop is None else cycle.stop_priority
        assert priority is not None
        target = policy.target(priority, cycle.metric)
        if target is None:
            continue
        pausable = cycle.metric in (Metric.PERIODIC_UPDATE, Metric.RESOLUTION)

        def runs_at(instant: int, metric: Metric = cycle.metric, able: bool = pausable) -> bool:
            if not able:
                return True
            status = statuses[instant // 60]
            if metric is Metric.RESOLUTION and status in DONE_STATUSES:
                return False
            return status not in pause

        end = now if cycle.stop is None else cycle.stop
        running_minutes = [m for m in range(cycle.start // 60, end // 60) if runs_at(m * 60)]
        running_set = set(running_minutes)
        elapsed = 60 * sum(1 for m in running_minutes if works(m))
        running = cycle.stop is None and runs_at(now)
        remaining = target - elapsed
        threshold = target - math.floor(policy.warning_fraction * target)
        breach_at = due_at = risk_at = None
        if elapsed > target:
            count = 0
            for m in running_minutes:
                count += 60 if works(m) else 0
                if count >= target:
                    breach_at = (m + 1) * 60
                    break
            state = ClockState.BREACHED
            due_at = breach_at if (cycle.stop is not None or running) else None
        else:
            if cycle.stop is not None:
                state = ClockState.ACHIEVED
            elif running:
                state = ClockState.RUNNING
            else:
                state = ClockState.PAUSED
            # Start of the last running span: for a clock running at ``now`` the span
            # reaching ``now`` (possibly starting at ``now``), else the last run of minutes.
            span_start: int | None = None
            if running:
                m = now // 60
                while m - 1 >= cycle.start // 60 and (m - 1) in running_set:
                    m -= 1
                span_start = m
            elif cycle.stop is not None and running_minutes:
                m = running_minutes[-1]
                while m - 1 in running_set:
                    m -= 1
                span_start = m
            if span_start is not None:
                before = 60 * sum(1 for x in running_minutes if x < span_start and works(x))

                def reach(goal: int, start: int = span_start, before: int = before) -> int:
                    # The first instant at which the count reaches ``goal`` (which,
                    # for the risk threshold, need not be a whole minute).
                    count, m = before, start
                    while count < goal:
                        if works(m):
                            if count + 60 >= goal:
                                return m * 60 + (goal - count)
                            count += 60
                        m += 1
                    return m * 60

                due_at = reach(target)
                if running and elapsed < threshold:
                    risk_at = reach(threshold)
        results.setdefault(cycle.metric, []).append(
            Cycle(
                metric=cycle.metric,
                index=len(results.get(cycle.metric, [])),
                started_at=cycle.start,
                stopped_at=cycle.stop,
                state=state,
                target=target,
                elapsed=elapsed,
                remaining=remaining,
                due_at=due_at,
                breached_at=breach_at,
                at_risk=running and elapsed <= target and elapsed >= threshold,
                risk_at=risk_at,
                priority=priority,
            )
        )
    return TicketEvaluation(
        now,
        policy.id,
        policy.version,
        calendar.name,
        {metric: MetricResult(metric, tuple(cycles)) for metric, cycles in results.items()},
    )


# --- hypothesis strategies: minute-aligned tickets and policies ----------------------

MONDAY = 1_772_409_600  # 2026-03-02T00:00:00Z, a Monday

DAY_TEMPLATES: list[list[tuple[int, int]]] = [
    [],
    [(540, 1080)],
    [(540, 750), (810, 1080)],
    [(0, 1440)],
    [(1320, 1440)],
    [(0, 360), (1439, 1440)],
    [(600, 601), (700, 760)],
]

ALWAYS = MinuteCalendar("24/7", range(7 * 1440))


# The strategies the composites below draw from, made once: a strategy made inside a
# composite is made and validated again at every draw (a fifth of a property's time).
_COIN = st.booleans()
_MINUTE_OF_DAY = st.integers(0, 1439)
_DAY_TEMPLATE = st.sampled_from(DAY_TEMPLATES)


@st.composite
def minute_calendars(draw: st.DrawFn) -> MinuteCalendar:
    if draw(_COIN):
        return ALWAYS
    days: dict[int, list[tuple[int, int]]] = {}
    for day in range(7):
        if draw(_COIN):
            start = draw(_MINUTE_OF_DAY)
            days[day] = [(start, draw(st.integers(start + 1, 1440)))]
        else:
            days[day] = draw(_DAY_TEMPLATE)
    if sum(end - start for spans in days.values() for start, end in spans) < 600:
        days[0] = [(540, 1080)]
    return MinuteCalendar.from_hours("office", days)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def real_calendars(draw: st.DrawFn) -> BusinessCalendar:
    """Real calendars in UTC whose schedule the minute reference can follow exactly."""
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    hours = {day: [[_hhmm(a), _hhmm(b)] for a, b in draw(_DAY_TEMPLATE)] for day in names}
    if not any(hours.values()):
        hours["mon"] = [["09:00", "18:00"]]
    return BusinessCalendar.from_dict({"name": "real", "timezone": "UTC", "hours": hours})


GAPS = [0, 0, 1, 2, 7, 30, 60, 90, 240, 600, 900]
KINDS = [
    EventType.STATUS_CHANGED,
    EventType.STATUS_CHANGED,
    EventType.STATUS_CHANGED,
    EventType.AGENT_REPLY,
    EventType.AGENT_REPLY,
    EventType.CUSTOMER_REPLY,
    EventType.CUSTOMER_REPLY,
    EventType.PRIORITY_CHANGED,
    EventType.INTERNAL_NOTE,
    EventType.CREATED,
]


_WEEK_MINUTE = st.integers(0, 7 * 1440)
_CREATED_STATUS = st.sampled_from([None, Status.NEW, Status.OPEN, Status.PENDING, Status.SOLVED])
_PRIORITY_OR_NONE = st.sampled_from([None, *Priority])
_GAP = st.sampled_from(GAPS)
_KIND = st.sampled_from(KINDS)
_STATUS = st.sampled_from(list(Status))
_PRIORITY = st.sampled_from(list(Priority))


@st.composite
def event_logs(draw: st.DrawFn, max_events: int = 12) -> tuple[list[Event], int]:
    """A minute-aligned log starting with ``created``, and a minute-aligned ``now``."""
    start = MONDAY + 60 * draw(_WEEK_MINUTE)
    events = [
        Event(
            start, EventType.CREATED, status=draw(_CREATED_STATUS), priority=draw(_PRIORITY_OR_NONE)
        )
    ]
    t = start
    for _ in range(draw(st.integers(0, max_events))):
        t += 60 * draw(_GAP)
        kind = draw(_KIND)
        if kind is EventType.STATUS_CHANGED:
            events.append(Event(t, kind, status=draw(_STATUS)))
        elif kind is EventType.PRIORITY_CHANGED:
            events.append(Event(t, kind, priority=draw(_PRIORITY)))
        else:
            events.append(Event(t, kind))
    now = start + 60 * draw(st.integers(0, (t - start) // 60 + 1500))
    return events, now


_TARGET_MINUTES = st.one_of(st.sampled_from([1, 5, 30, 60, 240, 480]), st.integers(1, 600))
_FOUR_IN_FIVE = st.integers(0, 4)
_PAUSES = st.frozensets(st.sampled_from([Status.NEW, Status.OPEN, Status.PENDING, Status.ON_HOLD]))
_POLICY_ID = st.integers(1, 5)
_WARNING = st.sampled_from([0.0, 0.1, 0.25, 1 / 3, 0.5, 0.99])
_MINUTE_CALENDAR = minute_calendars()


@st.composite
def policies(draw: st.DrawFn, calendar: CalendarLike | None = None) -> Policy:
    if calendar is None:
        calendar = draw(_MINUTE_CALENDAR)
    targets = {
        priority: {
            metric: 60 * draw(_TARGET_MINUTES) for metric in Metric if draw(_FOUR_IN_FIVE) > 0
        }
        for priority in Priority
    }
    pause = draw(_PAUSES)
    return Policy(
        id=draw(_POLICY_ID),
        name="P",
        version=1,
        active=True,
        conditions=Conditions(),
        targets=targets,
        calendar=calendar,
        pause_statuses=pause,
        warning_fraction=draw(_WARNING),
    )
