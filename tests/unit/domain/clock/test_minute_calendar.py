"""The test calendar counts with a running total over the week; here it is held to a walk
minute by minute, the way the references ask it one minute at a time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.clock_reference import (
    MONDAY,
    WEEK_MINUTES,
    MinuteCalendar,
    NoWorkingTime,
    minute_calendars,
)

_WEEK = WEEK_MINUTES * 60
_INSTANTS = st.integers(MONDAY - 2 * _WEEK, MONDAY + 3 * _WEEK)


def _walked_between(calendar: MinuteCalendar, a: int, b: int) -> int:
    total, t = 0, a
    while t < b:
        step = min(b, (t // 60 + 1) * 60) - t
        total += step if calendar.is_working(t) else 0
        t += step
    return total


def _walked_add(calendar: MinuteCalendar, start: int, seconds: int) -> int:
    t, left = start, seconds
    while left > 0:
        step = min(left, (t // 60 + 1) * 60 - t)
        if calendar.is_working(t):
            left -= step
        t += step
    return t


@given(minute_calendars(), _INSTANTS, st.integers(0, 2 * 86_400), st.integers(-60, 43_200))
def test_the_calendar_counts_and_adds_the_working_seconds_walked(
    calendar: MinuteCalendar, a: int, length: int, seconds: int
) -> None:
    b = a + length
    walked = _walked_between(calendar, a, b)
    assert calendar.business_seconds_between_epoch(a, b) == walked
    assert calendar.business_seconds_between_epoch(b, a) == 0
    end = _walked_add(calendar, a, seconds)
    assert calendar.add_business_seconds_epoch(a, seconds) == end
    starts = np.array([a, b], dtype=np.int64)
    assert calendar.business_seconds_between_array(starts, starts[::-1]).tolist() == [walked, 0]
    assert calendar.add_business_seconds_array(
        starts[:1], np.array([seconds], dtype=np.int64)
    ).tolist() == [end]


def test_a_target_beyond_five_years_of_working_time_is_refused() -> None:
    one_minute_a_week = MinuteCalendar("sparse", [600])
    weeks = 5 * 366 // 7 + 2
    with pytest.raises(NoWorkingTime):
        one_minute_a_week.add_business_seconds_epoch(MONDAY, weeks * 60)
    assert one_minute_a_week.add_business_seconds_epoch(MONDAY, 60) == MONDAY + 601 * 60
