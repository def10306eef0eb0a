"""Property tests: the calendar engine against the brute-force reference.

Random calendars in five zones (split days, overnight shifts, minute-granular times,
times around the DST switch hours, holidays on and around DST dates) and random
instants in 2020–2030, biased towards DST transition days.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import random
from zoneinfo import ZoneInfo

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.calendar.spec import Holiday
from tests.support import calendar_reference as ref

ZONES = ("Europe/Lisbon", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC")
FIRST = int(dt.datetime(2020, 1, 1, tzinfo=dt.UTC).timestamp())
LAST = int(dt.datetime(2030, 12, 31, tzinfo=dt.UTC).timestamp())
DAY = 86_400
# Minutes where DST switches happen in these zones (01:00, 02:00, 03:00 and around).
SWITCH_MINUTES = (0, 30, 59, 60, 61, 90, 119, 120, 121, 150, 179, 180, 181, 1439, 1440)


@functools.cache
def dst_transitions(zone_name: str) -> tuple[int, ...]:
    """UTC instants in 2020–2030 where ``zone_name`` changes its offset."""
    zone = ZoneInfo(zone_name)

    def offset(t: int) -> dt.timedelta | None:
        return dt.datetime.fromtimestamp(t, zone).utcoffset()

    found: list[int] = []
    for t in range(FIRST, LAST, DAY):
        if offset(t) != offset(t + DAY):
            lo, hi = t, t + DAY
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if offset(mid) == offset(t) else (lo, mid)
            found.append(hi)
    return tuple(found)


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


NAMES = ("", "Lisbon office", "Support — 24/5", 'Café "Ø" ☕')


def decode_day(code: int) -> list[tuple[int, int]]:
    """A day's intervals from one integer, so a whole day is a single draw.

    Hypothesis draws huge integers unevenly, so the integer seeds a PRNG that picks up to
    six boundary minutes: half around DST switch hours, a quarter on the half hour, a
    quarter anywhere; now and then the first interval is split into two touching ones."""
    rng = random.Random(code)
    points = set()
    for _ in range(rng.randrange(7)):
        roll = rng.random()
        if roll < 0.5:
            points.add(rng.choice(SWITCH_MINUTES))
        elif roll < 0.75:
            points.add(30 * rng.randrange(49))
        else:
            points.add(rng.randrange(1441))
    ordered = sorted(points)
    pairs = [(ordered[i], ordered[i + 1]) for i in range(0, len(ordered) - 1, 2)]
    if rng.random() < 0.2 and pairs and pairs[0][1] - pairs[0][0] > 1:
        first_start, first_end = pairs[0]
        middle = rng.randrange(first_start + 1, first_end)
        pairs[0:1] = [(first_start, middle), (middle, first_end)]
    return pairs


DAY_CODES = st.integers(0, 2**32)
ALL_DATES = [dt.date(2020, 1, 1) + dt.timedelta(days=i) for i in range(11 * 366)]


@functools.cache
def dst_days(zone: str) -> tuple[dt.date, ...]:
    """The dates of this zone's DST switches and the days either side."""
    return tuple(
        sorted(
            {
                ref.utc_date(t) + dt.timedelta(days=shift)
                for t in dst_transitions(zone)
                for shift in (-1, 0, 1)
            }
        )
    )


def holiday_date(zone: str, n: int) -> dt.date:
    """Even numbers pick a day around a DST switch, odd ones any date of 2020–2030."""
    near = dst_days(zone)
    if n % 2 == 0 and near:
        return near[(n // 2) % len(near)]
    return ALL_DATES[(n // 2) % len(ALL_DATES)]


@st.composite
def calendars(draw: st.DrawFn, zones: tuple[str, ...] = ZONES) -> BusinessCalendar:
    zone = draw(st.sampled_from(zones))
    minutes = [decode_day(draw(DAY_CODES)) for _ in range(7)]
    overnight = draw(st.integers(0, 2 * 7 * 720 * 720 - 1))
    if overnight % 2:
        # An overnight shift: day i ends at 24:00, day i + 1 starts at 00:00.
        overnight //= 2
        day, overnight = overnight % 7, overnight // 7
        evening, morning = 12 * 60 + overnight % 720, 1 + overnight // 720
        minutes[day] = [(s, e) for s, e in minutes[day] if e <= evening] + [(evening, 1440)]
        following = minutes[(day + 1) % 7]
        minutes[(day + 1) % 7] = [(0, morning)] + [(s, e) for s, e in following if s >= morning]
    if not any(minutes):
        minutes[0] = [(9 * 60, 17 * 60)]
    holidays = [holiday_date(zone, n) for n in draw(st.lists(st.integers(0, 9999), max_size=6))]
    return BusinessCalendar(
        name=draw(st.sampled_from(NAMES)),
        timezone=zone,
        hours={
            key: tuple((hhmm(s), hhmm(e)) for s, e in day)
            for key, day in zip(ref.DAY_KEYS, minutes, strict=True)
        },
        holidays=tuple(Holiday(d, f"Holiday {n}") for n, d in enumerate(holidays)),
    )


@st.composite
def instants(draw: st.DrawFn, zone: str) -> int:
    """Any second of 2020–2030; whole minutes; and, half of the time in zones with DST,
    an instant within two days of a DST switch."""
    kind = draw(st.integers(0, 3))
    switches = dst_transitions(zone)
    if kind <= 1 and switches:
        switch = switches[draw(st.integers(0, len(switches) - 1))]
        return draw(st.integers(switch - 2 * DAY, switch + 2 * DAY))
    if kind == 2:
        return 60 * draw(st.integers(FIRST // 60, LAST // 60))
    return draw(st.integers(FIRST, LAST))


spans = st.one_of(
    st.integers(0, 3 * DAY),
    st.integers(0, 45 * DAY),
    st.integers(0, 400 * DAY),
    st.integers(-DAY, 0),
)


def weekly_seconds(cal: BusinessCalendar) -> int:
    return sum(
        int(e[:2]) * 3600 + int(e[3:]) * 60 - int(s[:2]) * 3600 - int(s[3:]) * 60
        for day in cal.hours.values()
        for s, e in day
    )


@st.composite
def cal_and_interval(draw: st.DrawFn) -> tuple[BusinessCalendar, int, int]:
    cal = draw(calendars())
    a = draw(instants(cal.timezone))
    return cal, a, a + draw(spans)


@st.composite
def cal_start_duration(draw: st.DrawFn) -> tuple[BusinessCalendar, int, int]:
    cal = draw(calendars())
    start = draw(instants(cal.timezone))
    seconds = draw(
        st.one_of(
            st.just(0),
            st.integers(1, 4 * 3600),
            st.integers(0, 6 * weekly_seconds(cal)),
            # Exactly the business time up to some later instant: often ends a segment.
            st.integers(0, 20 * DAY).map(lambda span: ref.between(cal, start, start + span)),
        )
    )
    return cal, start, seconds


@given(cal_and_interval())
def test_between_matches_reference(case: tuple[BusinessCalendar, int, int]) -> None:
    cal, a, b = case
    expected = ref.between(cal, a, b)
    assert cal.business_seconds_between_epoch(a, b) == expected
    segments = cal.working_segments(a, b)
    assert sum(end - start for start, end in segments) == expected
    assert all(a <= s < e <= b for s, e in segments)
    assert all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(segments))
    assert cal.is_working(a) == (cal.business_seconds_between_epoch(a, a + 1) == 1)


@given(cal_start_duration())
def test_add_is_the_earliest_instant_with_that_much_business_time(
    case: tuple[BusinessCalendar, int, int],
) -> None:
    cal, start, seconds = case
    due = cal.add_business_seconds_epoch(start, seconds)
    assert due == ref.add(cal, start, seconds)
    assert due >= start
    assert ref.between(cal, start, due) == seconds
    if seconds > 0:
        assert ref.between(cal, start, due - 1) < seconds
    else:
        assert due == start


@st.composite
def cal_and_batches(draw: st.DrawFn) -> tuple[BusinessCalendar, list[int], list[int], list[int]]:
    cal = draw(calendars())
    n = draw(st.integers(0, 12))
    if draw(st.integers(0, 9)) == 0:  # now and then spread over the whole decade
        starts = draw(st.lists(instants(cal.timezone), min_size=n, max_size=n))
    else:
        base = draw(instants(cal.timezone))
        starts = [
            base + o
            for o in draw(st.lists(st.integers(-60 * DAY, 60 * DAY), min_size=n, max_size=n))
        ]
    ends = [s + draw(spans) for s in starts]
    durations = draw(
        st.lists(st.integers(0, 3 * max(weekly_seconds(cal), 60)), min_size=n, max_size=n)
    )
    return cal, starts, ends, durations


@given(cal_and_batches())
def test_array_twins_match_scalars(
    case: tuple[BusinessCalendar, list[int], list[int], list[int]],
) -> None:
    cal, starts, ends, durations = case
    s = np.array(starts, dtype=np.int64)
    added = cal.add_business_seconds_array(s, np.array(durations, dtype=np.int64))
    spans = cal.business_seconds_between_array(s, np.array(ends, dtype=np.int64))
    assert added.dtype == np.int64 and spans.dtype == np.int64
    assert added.tolist() == [
        cal.add_business_seconds_epoch(t, d) for t, d in zip(starts, durations, strict=True)
    ]
    assert spans.tolist() == [
        cal.business_seconds_between_epoch(a, b) for a, b in zip(starts, ends, strict=True)
    ]


@given(calendars())
def test_dict_round_trip(cal: BusinessCalendar) -> None:
    spec = cal.to_dict()
    again = BusinessCalendar.from_dict(json.loads(json.dumps(spec)))
    assert again.to_dict() == spec
    assert (again.name, again.timezone, dict(again.hours), again.holidays) == (
        cal.name,
        cal.timezone,
        dict(cal.hours),
        cal.holidays,
    )
