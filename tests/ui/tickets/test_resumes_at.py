"""When a running clock that stands still outside working hours moves again
(``countdown.resumes_at``, the "resumes Mon 09:00" of the list's countdowns and
tooltips): the start of the calendar's next working interval within a year, against the
brute-force union of each local day's intervals (``tests.support.calendar_reference``),
for calendars whose next working time is hours, days or months away."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.ui.tickets.countdown import resumes_at
from tests.support import calendar_reference as ref
from tests.unit.domain.calendar.test_calendar_properties import calendars, instants

YEAR = 366 * 86_400


def _reference(calendar: BusinessCalendar, now: int) -> int | None:
    first = ref.utc_date(now) - dt.timedelta(days=2)
    last = ref.utc_date(now + YEAR) + dt.timedelta(days=2)
    for start, end in ref.working_intervals(calendar, first, last):
        if start <= now < end:
            return None  # working time now: nothing to resume
        if start > now:
            return start if start < now + YEAR else None
    return None


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_resumes_at_the_next_working_interval(data: st.DataObject) -> None:
    calendar = data.draw(calendars())
    now = data.draw(instants(calendar.timezone))
    assert resumes_at(calendar, now) == _reference(calendar, now)


def test_resumes_after_weeks_of_holidays() -> None:
    """Beyond the week looked at first: open on Mondays only, the next three of them
    holidays."""
    from slaworkbench.domain.calendar.spec import Holiday

    closed: tuple[tuple[str, str], ...] = ()
    hours = {day: closed for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    hours["mon"] = (("09:00", "17:00"),)
    mondays = [dt.date(2026, 12, 7) + dt.timedelta(weeks=n) for n in range(3)]
    calendar = BusinessCalendar(
        name="Mondays",
        timezone="Europe/Lisbon",
        hours=hours,
        holidays=tuple(Holiday(day, "Closed") for day in mondays),
    )
    now = int(dt.datetime(2026, 12, 6, 12, tzinfo=dt.UTC).timestamp())  # a Sunday
    expected = int(dt.datetime(2026, 12, 28, 9, tzinfo=dt.UTC).timestamp())
    assert resumes_at(calendar, now) == expected == _reference(calendar, now)
