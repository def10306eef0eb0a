"""Named examples of the business-calendar contract (docs/SLA_SEMANTICS.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pickle
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.calendar.spec import CalendarError, Holiday, NoWorkingTimeError
from tests.support import calendar_reference as ref

HOUR = 3600
DAY = 86_400
LISBON = ZoneInfo("Europe/Lisbon")
NEW_YORK = ZoneInfo("America/New_York")

CONTRACT_JSON = """
{"name": "Lisbon office",
 "timezone": "Europe/Lisbon",
 "hours": {"mon": [["09:00", "12:30"], ["13:30", "18:00"]], "tue": [["09:00", "18:00"]],
           "wed": [], "thu": [["22:00", "24:00"]], "fri": [["00:00", "06:00"]],
           "sat": [], "sun": []},
 "holidays": [{"date": "2026-12-25", "name": "Christmas"}]}
"""

WEEKDAYS_9_TO_17 = {
    "mon": [["09:00", "17:00"]],
    "tue": [["09:00", "17:00"]],
    "wed": [["09:00", "17:00"]],
    "thu": [["09:00", "17:00"]],
    "fri": [["09:00", "17:00"]],
}


def office(zone: str = "Europe/Lisbon", holidays: list[dict[str, str]] | None = None) -> Any:
    return BusinessCalendar.from_dict(
        {"name": "Office", "timezone": zone, "hours": WEEKDAYS_9_TO_17, "holidays": holidays or []}
    )


def all_day(zone: str) -> BusinessCalendar:
    return BusinessCalendar.from_dict(
        {
            "name": "Around the clock",
            "timezone": zone,
            "hours": {day: [["00:00", "24:00"]] for day in ref.DAY_KEYS},
        }
    )


def at(zone: ZoneInfo, *fields: int) -> dt.datetime:
    return dt.datetime(*fields, tzinfo=zone)  # type: ignore[misc]


def epoch(value: dt.datetime) -> int:
    return int(value.timestamp())


# -- loading ----------------------------------------------------------------------------


def test_the_contract_calendar_loads_and_round_trips() -> None:
    spec = json.loads(CONTRACT_JSON)
    cal = BusinessCalendar.from_dict(spec)
    assert cal.name == "Lisbon office"
    assert cal.timezone == "Europe/Lisbon"
    assert cal.zone == LISBON
    assert cal.hours["mon"] == (("09:00", "12:30"), ("13:30", "18:00"))
    assert cal.hours["wed"] == ()
    assert cal.holidays == (Holiday(dt.date(2026, 12, 25), "Christmas"),)
    assert cal.holiday_name(dt.date(2026, 12, 25)) == "Christmas"
    assert cal.holiday_name(dt.date(2026, 12, 24)) is None
    assert cal.to_dict() == spec
    # The overnight shift Thursday 22:00 → Friday 06:00 is one stretch of 8 hours.
    thursday = at(LISBON, 2026, 6, 4, 20, 0)
    assert cal.business_seconds_between(thursday, thursday + dt.timedelta(days=1)) == 8 * HOUR
    assert cal.working_segments(epoch(thursday), epoch(thursday) + DAY) == [
        (epoch(at(LISBON, 2026, 6, 4, 22, 0)), epoch(at(LISBON, 2026, 6, 5, 6, 0)))
    ]


def test_missing_days_are_closed_and_to_dict_lists_all_seven() -> None:
    cal = BusinessCalendar.from_dict(
        {"name": "Mondays", "timezone": "UTC", "hours": {"mon": [["09:00", "10:00"]]}}
    )
    assert cal.to_dict()["hours"] == {
        "mon": [["09:00", "10:00"]],
        "tue": [],
        "wed": [],
        "thu": [],
        "fri": [],
        "sat": [],
        "sun": [],
    }
    assert cal.holidays == ()


def test_calendar_is_immutable_hashable_and_picklable() -> None:
    cal = BusinessCalendar.from_dict(json.loads(CONTRACT_JSON))
    with pytest.raises(dataclasses.FrozenInstanceError):
        cal.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        cal.hours["mon"] = ()  # type: ignore[index]
    assert {cal: 1}[cal] == 1
    again = pickle.loads(pickle.dumps(cal))
    assert again.to_dict() == cal.to_dict()
    start = epoch(at(LISBON, 2026, 3, 27, 17, 0))
    assert again.add_business_seconds_epoch(start, 5 * HOUR) == cal.add_business_seconds_epoch(
        start, 5 * HOUR
    )


def test_always_open_is_utc_around_the_clock() -> None:
    cal = BusinessCalendar.always_open()
    assert cal.name == "24/7"
    assert cal.timezone == "UTC"
    assert cal.holidays == ()
    assert all(cal.hours[day] == (("00:00", "24:00"),) for day in ref.DAY_KEYS)
    assert cal.business_seconds_between_epoch(0, 4_102_444_800) == 4_102_444_800
    assert cal.add_business_seconds_epoch(1_000, 12_345) == 13_345
    assert cal.working_segments(5, 10 * DAY) == [(5, 10 * DAY)]


# -- validation -------------------------------------------------------------------------


def spec_with(hours: dict[str, Any], **other: Any) -> dict[str, Any]:
    return {"name": "Bad", "timezone": "Europe/Lisbon", "hours": hours, **other}


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ({"mon": [["25:00", "26:00"]]}, 'Monday, interval 1 (25:00–26:00): "25:00"'),
        ({"tue": [["09:00", "17:00"], ["9am", "5pm"]]}, 'Tuesday, interval 2 (9am–5pm): "9am"'),
        ({"wed": [["12:60", "13:00"]]}, 'Wednesday, interval 1 (12:60–13:00): "12:60"'),
        ({"thu": [["09:00", "17:5"]]}, 'Thursday, interval 1 (09:00–17:5): "17:5"'),
        (
            {"fri": [["24:00", "24:00"]]},
            'Friday, interval 1 (24:00–24:00): "24:00" can only end an interval',
        ),
        (
            {"mon": [["09:00", "12:00"], ["13:00", "12:30"]]},
            "Monday, interval 2 (13:00–12:30): the end must be after the start.",
        ),
        ({"sat": [["10:00", "10:00"]]}, "Saturday, interval 1 (10:00–10:00): the end must be"),
        (
            {"sun": [["09:00", "12:30"], ["12:00", "14:00"]]},
            "Sunday, interval 2 (12:00–14:00): overlaps Sunday, interval 1 (09:00–12:30)",
        ),
        (
            {"mon": [["13:00", "14:00"], ["09:00", "10:00"]]},
            "Monday, interval 2 (09:00–10:00): starts before Monday, interval 1 (13:00–14:00)",
        ),
        ({"tue": [["09:00"]]}, "Tuesday, interval 1 (['09:00'])"),
        ({"wed": "09:00-17:00"}, "Wednesday: the hours must be a list of intervals"),
    ],
)
def test_bad_intervals_are_refused_naming_day_and_interval(
    hours: dict[str, Any], expected: str
) -> None:
    with pytest.raises(CalendarError) as caught:
        BusinessCalendar.from_dict(spec_with(hours))
    assert expected in str(caught.value)


def test_an_empty_week_is_refused() -> None:
    with pytest.raises(CalendarError, match=r'Calendar "Bad" has no working time'):
        BusinessCalendar.from_dict(spec_with({day: [] for day in ref.DAY_KEYS}))


def test_an_unknown_time_zone_is_refused_by_name() -> None:
    with pytest.raises(CalendarError, match=r'Unknown time zone "Europe/Lisbonn"'):
        BusinessCalendar.from_dict({**spec_with(WEEKDAYS_9_TO_17), "timezone": "Europe/Lisbonn"})
    with pytest.raises(CalendarError, match="no time zone"):
        BusinessCalendar.from_dict({**spec_with(WEEKDAYS_9_TO_17), "timezone": ""})


def test_an_unknown_weekday_is_refused() -> None:
    with pytest.raises(CalendarError, match=r'Unknown day "monday"'):
        BusinessCalendar.from_dict(spec_with({"monday": [["09:00", "17:00"]]}))


@pytest.mark.parametrize("bad_date", ["2026-13-01", "2026-02-30", "25/12/2026", "", 20261225])
def test_malformed_holiday_dates_are_refused(bad_date: object) -> None:
    holidays = [{"date": "2026-01-01", "name": "New Year"}, {"date": bad_date, "name": "Oops"}]
    with pytest.raises(CalendarError, match=r"Holiday 2 .*not a valid date; write dates as"):
        BusinessCalendar.from_dict(spec_with(WEEKDAYS_9_TO_17, holidays=holidays))


def test_a_holiday_without_a_date_is_refused() -> None:
    with pytest.raises(CalendarError, match=r"Holiday 1 "):
        BusinessCalendar.from_dict(spec_with(WEEKDAYS_9_TO_17, holidays=[{"name": "When?"}]))


# -- daylight saving time ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "spring", "autumn"),
    [
        (LISBON, dt.date(2026, 3, 29), dt.date(2026, 10, 25)),
        (NEW_YORK, dt.date(2026, 3, 8), dt.date(2026, 11, 1)),
    ],
)
def test_dst_days_last_23_and_25_hours(zone: ZoneInfo, spring: dt.date, autumn: dt.date) -> None:
    cal = all_day(str(zone))

    def day_length(day: dt.date) -> int:
        start = at(zone, day.year, day.month, day.day, 0, 0)
        following = day + dt.timedelta(days=1)
        end = at(zone, following.year, following.month, following.day, 0, 0)
        return cal.business_seconds_between(start, end)

    assert day_length(spring) == 23 * HOUR
    assert day_length(autumn) == 25 * HOUR
    assert day_length(spring - dt.timedelta(days=1)) == 24 * HOUR
    # 24 business hours from midnight of the short day end at 01:00 the next day, and
    # from midnight of the long day at 23:00 the same day.
    spring_start = at(zone, spring.year, spring.month, spring.day, 0, 0)
    after = (spring + dt.timedelta(days=1)).timetuple()[:3]
    assert cal.add_business_seconds(spring_start, 24 * HOUR) == at(zone, *after, 1, 0)
    autumn_start = at(zone, autumn.year, autumn.month, autumn.day, 0, 0)
    assert cal.add_business_seconds(autumn_start, 24 * HOUR) == at(
        zone, autumn.year, autumn.month, autumn.day, 23, 0
    )


@pytest.mark.parametrize(
    ("zone", "friday", "monday"),
    [
        (LISBON, (2026, 3, 27), (2026, 3, 30)),
        (LISBON, (2026, 10, 23), (2026, 10, 26)),
        (NEW_YORK, (2026, 3, 6), (2026, 3, 9)),
        (NEW_YORK, (2026, 10, 30), (2026, 11, 2)),
    ],
)
def test_office_deadlines_across_a_dst_weekend_keep_local_hours(
    zone: ZoneInfo, friday: tuple[int, int, int], monday: tuple[int, int, int]
) -> None:
    cal = office(str(zone))
    created = at(zone, *friday, 15, 30)
    due = cal.add_business_seconds(created, 4 * HOUR)
    assert due == at(zone, *monday, 11, 30)
    assert cal.business_seconds_between(created, due) == 4 * HOUR


def test_gap_and_ambiguous_local_times_follow_zoneinfo_fold_0() -> None:
    cal = BusinessCalendar.from_dict(
        {
            "name": "Night desk",
            "timezone": "Europe/Lisbon",
            "hours": {"sun": [["00:00", "01:30"], ["02:00", "03:00"]], "sat": [["01:00", "01:30"]]},
        }
    )
    utc = dt.UTC
    # Spring-forward Sunday 2026-03-29: 01:30 does not exist and lands after the gap at
    # 01:30Z; 02:00 WEST is 01:00Z, so the two intervals overlap and count once: 00:00Z–02:00Z.
    spring = epoch(dt.datetime(2026, 3, 29, tzinfo=utc))
    assert cal.working_segments(spring - 6 * HOUR, spring + DAY) == [(spring, spring + 2 * HOUR)]
    # Fall-back Sunday 2026-10-25: 01:30 is ambiguous and means its first occurrence
    # (00:30Z); 02:00 WET is 02:00Z.
    autumn = epoch(dt.datetime(2026, 10, 25, tzinfo=utc)) - HOUR  # local midnight (WEST)
    assert cal.working_segments(autumn, autumn + DAY) == [
        (autumn, autumn + 90 * 60),
        (autumn + 3 * HOUR, autumn + 4 * HOUR),
    ]


def test_an_interval_that_is_empty_once_converted_counts_nothing() -> None:
    # 01:30–02:15 on the Lisbon spring-forward day: 01:30 → 01:30Z, 02:15 WEST → 01:15Z.
    cal = BusinessCalendar.from_dict(
        {"name": "Odd", "timezone": "Europe/Lisbon", "hours": {"sun": [["01:30", "02:15"]]}}
    )
    spring = epoch(dt.datetime(2026, 3, 29, tzinfo=dt.UTC))
    assert cal.business_seconds_between_epoch(spring - DAY, spring + DAY) == 0
    week_later = spring + 7 * DAY
    assert cal.business_seconds_between_epoch(week_later - DAY, week_later + DAY) == 45 * 60


# -- tickets ----------------------------------------------------------------------------


def test_ticket_created_at_night_starts_counting_at_opening() -> None:
    cal = office()
    created = at(LISBON, 2026, 6, 2, 23, 40)  # Tuesday night
    assert cal.add_business_seconds(created, HOUR) == at(LISBON, 2026, 6, 3, 10, 0)
    assert cal.business_seconds_between(created, at(LISBON, 2026, 6, 3, 9, 0)) == 0
    assert not cal.is_working(epoch(created))
    assert cal.is_working(epoch(at(LISBON, 2026, 6, 3, 9, 0)))
    assert not cal.is_working(epoch(at(LISBON, 2026, 6, 3, 17, 0)))


def test_ticket_created_on_a_weekend_is_due_in_the_week() -> None:
    cal = office()
    created = at(LISBON, 2026, 6, 6, 11, 0)  # Saturday
    assert cal.add_business_seconds(created, 10 * HOUR) == at(LISBON, 2026, 6, 9, 11, 0)


def test_ticket_created_on_a_holiday_skips_it() -> None:
    cal = office(holidays=[{"date": "2026-12-24", "name": "Christmas Eve"}])
    cal = BusinessCalendar.from_dict(
        {
            **cal.to_dict(),
            "holidays": [
                {"date": "2026-12-24", "name": "Christmas Eve"},
                {"date": "2026-12-25", "name": "Christmas"},
            ],
        }
    )
    created = at(LISBON, 2026, 12, 24, 10, 0)  # Thursday, a holiday; Friday too
    assert cal.add_business_seconds(created, 2 * HOUR) == at(LISBON, 2026, 12, 28, 11, 0)
    assert cal.business_seconds_between(created, at(LISBON, 2026, 12, 28, 9, 0)) == 0
    assert cal.holiday_name(dt.date(2026, 12, 24)) == "Christmas Eve"


def test_a_deadline_that_uses_up_the_day_is_the_closing_time() -> None:
    cal = office()
    created = at(LISBON, 2026, 6, 1, 9, 0)  # Monday opening
    assert cal.add_business_seconds(created, 8 * HOUR) == at(LISBON, 2026, 6, 1, 17, 0)
    assert cal.add_business_seconds(created, 8 * HOUR + 1) == at(LISBON, 2026, 6, 2, 9, 0, 1)
    late = at(LISBON, 2026, 6, 1, 16, 59)
    assert cal.add_business_seconds(late, 60) == at(LISBON, 2026, 6, 1, 17, 0)


def test_a_zero_duration_is_the_start_itself() -> None:
    cal = office()
    for start in (at(LISBON, 2026, 6, 6, 3, 17, 42), at(LISBON, 2026, 6, 1, 10, 0)):
        assert cal.add_business_seconds(start, 0) == start
        assert cal.add_business_seconds_epoch(epoch(start), 0) == epoch(start)


def test_the_result_is_utc_whatever_the_input_zone() -> None:
    cal = office()
    due = cal.add_business_seconds(at(NEW_YORK, 2026, 6, 1, 4, 0), HOUR)  # 09:00 Lisbon
    assert due.tzinfo is dt.UTC
    assert due == at(LISBON, 2026, 6, 1, 10, 0)


def test_no_working_time_for_five_years_is_an_error_not_a_hang() -> None:
    mondays = [dt.date(2026, 1, 5) + dt.timedelta(weeks=w) for w in range(5 * 53)]
    spec = {
        "name": "Mondays only",
        "timezone": "Europe/Lisbon",
        "hours": {"mon": [["09:00", "17:00"]]},
        "holidays": [{"date": d.isoformat(), "name": "Closed"} for d in mondays],
    }
    cal = BusinessCalendar.from_dict(spec)
    start = at(LISBON, 2026, 1, 1, 12, 0)
    with pytest.raises(NoWorkingTimeError, match='Calendar "Mondays only" has no working time'):
        cal.add_business_seconds(start, HOUR)
    with pytest.raises(NoWorkingTimeError):
        cal.add_business_seconds_array(np.array([epoch(start)]), np.array([HOUR]))
    assert cal.add_business_seconds(start, 0) == start
    # With four years of closed Mondays the first working Monday is found.
    shorter = BusinessCalendar.from_dict({**spec, "holidays": spec["holidays"][: 4 * 52]})
    first_open = dt.date(2026, 1, 5) + dt.timedelta(weeks=4 * 52)
    assert shorter.add_business_seconds(start, HOUR) == at(
        LISBON, first_open.year, first_open.month, first_open.day, 10, 0
    )


def test_naive_datetimes_are_refused() -> None:
    cal = office()
    naive = dt.datetime(2026, 6, 1, 9, 0)
    with pytest.raises(ValueError, match="has no time zone"):
        cal.add_business_seconds(naive, HOUR)
    with pytest.raises(ValueError, match="has no time zone"):
        cal.business_seconds_between(naive, at(LISBON, 2026, 6, 2, 9, 0))


def test_negative_durations_are_refused() -> None:
    cal = office()
    with pytest.raises(ValueError, match="cannot be negative"):
        cal.add_business_seconds_epoch(0, -1)
    with pytest.raises(ValueError, match="cannot be negative"):
        cal.add_business_seconds_array(np.array([0, 1]), np.array([5, -1]))


# -- ranges, arrays, threads --------------------------------------------------------------


def test_instants_from_1970_to_2100_in_any_order_of_asking() -> None:
    probes = [
        (epoch(at(LISBON, 2099, 12, 28, 9, 0)), 40 * HOUR),
        (epoch(at(LISBON, 1970, 1, 5, 9, 0)), 40 * HOUR),
        (epoch(at(LISBON, 2026, 6, 1, 9, 0)), 1_000 * HOUR),
        (0, 3 * HOUR),
    ]
    warm = office()
    results = [warm.add_business_seconds_epoch(s, d) for s, d in probes]
    for (start, seconds), result in zip(probes, results, strict=True):
        assert office().add_business_seconds_epoch(start, seconds) == result
        assert ref.add(warm, start, seconds) == result
    first, last = epoch(at(LISBON, 1970, 1, 1, 0, 0)), epoch(at(LISBON, 2100, 12, 31, 0, 0))
    assert warm.business_seconds_between_epoch(first, last) == ref.between(warm, first, last)


def test_array_twins_broadcast_and_keep_shape() -> None:
    cal = office()
    starts = np.array([[epoch(at(LISBON, 2026, 6, 1, 16, 0))], [epoch(at(LISBON, 2026, 6, 6, 0))]])
    due = cal.add_business_seconds_array(starts, np.array([0, HOUR, 2 * HOUR]))
    assert due.shape == (2, 3)
    assert due.tolist() == [
        [cal.add_business_seconds_epoch(int(s), d) for d in (0, HOUR, 2 * HOUR)]
        for s in starts[:, 0]
    ]
    spans = cal.business_seconds_between_array(starts[:, 0], starts[:, 0] + 2 * DAY)
    assert spans.tolist() == [HOUR + 8 * HOUR + 7 * HOUR, 0]  # Mon 16:00 → Wed 16:00
    empty = np.array([], dtype=np.int64)
    assert cal.add_business_seconds_array(empty, empty).shape == (0,)
    assert cal.business_seconds_between_array(empty, empty).shape == (0,)
    with pytest.raises(TypeError):
        cal.add_business_seconds_array(np.array([1.5]), np.array([1]))


def test_concurrent_queries_agree_with_a_single_thread() -> None:
    starts = [epoch(at(LISBON, year, 3, 27, 16, 0)) for year in range(1975, 2095, 3)]
    expected = [office().add_business_seconds_epoch(s, 30 * HOUR) for s in starts]
    shared = office()
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda s: shared.add_business_seconds_epoch(s, 30 * HOUR), starts))
    assert got == expected


def test_instants_outside_the_supported_years_are_refused_clearly() -> None:
    cal = office()
    far = epoch(dt.datetime(2600, 1, 1, tzinfo=dt.UTC))
    with pytest.raises(ValueError, match="outside the dates a calendar can count in"):
        cal.add_business_seconds_epoch(far, HOUR)
    with pytest.raises(ValueError, match="outside the dates a calendar can count in"):
        cal.business_seconds_between_epoch(0, far)
    assert cal.business_seconds_between_epoch(far, 0) == 0  # b <= a: nothing to count
