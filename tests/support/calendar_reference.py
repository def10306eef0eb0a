"""A deliberately simple brute-force model of business calendars, for property tests.

It walks local dates one by one: skip holidays, turn each ``"HH:MM"`` interval into
instants with ``zoneinfo`` (``fold=0``, ``"24:00"`` = the next local midnight), drop
intervals that end up empty, take the union, clip. It reads only the calendar's public
fields (timezone, hours, holidays) and shares no code with the engine.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from slaworkbench.domain.calendar.business import BusinessCalendar

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SIX_YEARS_OF_DAYS = 6 * 366


class ReferenceNoWorkingTime(Exception):
    """The reference found no working time within about five years."""


def local_instant(day: dt.date, hhmm: str, zone: ZoneInfo) -> int:
    hours, minutes = (int(part) for part in hhmm.split(":"))
    if hours == 24:
        day, hours = day + dt.timedelta(days=1), 0
    local = dt.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=zone)
    return int(local.timestamp())


def utc_date(t: int) -> dt.date:
    return dt.datetime.fromtimestamp(t, dt.UTC).date()


def working_intervals(cal: BusinessCalendar, first: dt.date, last: dt.date) -> list[list[int]]:
    """The union of the working intervals of local dates ``first``..``last`` (inclusive)."""
    zone = ZoneInfo(cal.timezone)
    holidays = {holiday.date for holiday in cal.holidays}
    raw: list[tuple[int, int]] = []
    day = first
    while day <= last:
        if day not in holidays:
            for start_text, end_text in cal.hours[DAY_KEYS[day.weekday()]]:
                start = local_instant(day, start_text, zone)
                end = local_instant(day, end_text, zone)
                if end > start:
                    raw.append((start, end))
        day += dt.timedelta(days=1)
    union: list[list[int]] = []
    for start, end in sorted(raw):
        if union and start <= union[-1][1]:
            union[-1][1] = max(union[-1][1], end)
        else:
            union.append([start, end])
    return union


def between(cal: BusinessCalendar, a: int, b: int) -> int:
    if b <= a:
        return 0
    first = utc_date(a) - dt.timedelta(days=2)
    last = utc_date(b) + dt.timedelta(days=2)
    total = 0
    for start, end in working_intervals(cal, first, last):
        total += max(0, min(end, b) - max(start, a))
    return total


def add(cal: BusinessCalendar, start: int, seconds: int) -> int:
    """Walk the working intervals from ``start`` and spend ``seconds`` of them."""
    if seconds == 0:
        return start
    first = utc_date(start) - dt.timedelta(days=2)
    horizon = 16
    while horizon <= SIX_YEARS_OF_DAYS:
        last = utc_date(start) + dt.timedelta(days=horizon)
        # Intervals of later dates can begin up to ~26 h before ``last`` ends, so only
        # trust what lies before the day before ``last``.
        trusted = int(dt.datetime(last.year, last.month, last.day, tzinfo=dt.UTC).timestamp())
        trusted -= 2 * 86_400
        remaining = seconds
        for seg_start, seg_end in working_intervals(cal, first, last):
            seg_start = max(seg_start, start)
            if seg_end <= seg_start:
                continue
            if seg_start >= trusted:
                break
            if seg_end - seg_start >= remaining and seg_start + remaining <= trusted:
                return seg_start + remaining
            remaining -= min(seg_end, trusted) - seg_start
            if seg_end > trusted:
                break
        horizon *= 2
    raise ReferenceNoWorkingTime(start)
