"""Converting a calendar's local working days to UTC segments, against the simplest
conversion: every interval bound's own offset, asked of the zone one by one
(``fold=0``). Zones with odd histories are among them: a whole day skipped (Samoa,
Kiribati), transitions at midnight (Santiago, Beirut, Havana), half-hour DST (Lord Howe),
a summer time suspended for a month (Casablanca), offsets in seconds before standard time
(the 1800s)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from slaworkbench.domain.calendar.segments import Timeline

ZONES = (
    "UTC", "Europe/Lisbon", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia",
    "Pacific/Kiritimati", "America/Santiago", "Asia/Beirut", "America/Havana",
    "Africa/Casablanca", "Asia/Kolkata", "Europe/Dublin", "Asia/Tehran",
)  # fmt: skip
_EPOCH = dt.date(1970, 1, 1).toordinal()
DAY = 86_400


def reference(
    zone: ZoneInfo,
    minutes: tuple[tuple[tuple[int, int], ...], ...],
    holidays: frozenset[dt.date],
    first_year: int,
    end_year: int,
) -> list[tuple[int, int]]:
    def utc(ordinal: int, minute: int) -> int:
        naive = dt.datetime.fromordinal(ordinal) + dt.timedelta(minutes=minute)
        offset = zone.utcoffset(naive)
        assert offset is not None
        return (ordinal - _EPOCH) * DAY + minute * 60 - int(offset.total_seconds())

    found = []
    for ordinal in range(
        dt.date(first_year, 1, 1).toordinal(), dt.date(end_year, 1, 1).toordinal()
    ):
        if dt.date.fromordinal(ordinal) in holidays:
            continue
        for start, end in minutes[(ordinal - 1) % 7]:
            if utc(ordinal, end) > utc(ordinal, start):
                found.append((utc(ordinal, start), utc(ordinal, end)))
    return sorted(found)


interval = st.tuples(st.integers(0, 1440), st.integers(0, 1440)).map(sorted).map(tuple)
day = st.lists(interval, max_size=3).map(lambda pairs: tuple(p for p in pairs if p[0] < p[1]))


@settings(max_examples=200, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    week=st.tuples(*[day] * 7),
    first_year=st.one_of(st.integers(1800, 1830), st.integers(1960, 2060)),
    years=st.integers(1, 3),
    holidays=st.lists(st.integers(0, 3 * 366), max_size=8),
)
def test_the_segments_are_each_bound_converted_on_its_own(
    zone: str,
    week: tuple[tuple[tuple[int, int], ...], ...],
    first_year: int,
    years: int,
    holidays: list[int],
) -> None:
    tz = ZoneInfo(zone)
    first = dt.date(first_year, 1, 1)
    off = frozenset(first + dt.timedelta(days=d) for d in holidays)
    timeline = Timeline("t", tz, week, off)  # type: ignore[arg-type]
    starts, ends = timeline._convert_years(first_year, first_year + years)
    got = sorted(zip(starts.tolist(), ends.tolist(), strict=True))
    assert got == reference(tz, week, off, first_year, first_year + years)


def test_samoa_skips_the_30th_of_december_2011() -> None:
    """The local day that never was: a 24-hour calendar there has no working time that
    day, and the days around it meet."""
    tz = ZoneInfo("Pacific/Apia")
    week = tuple([((0, 1440),)] * 7)
    timeline = Timeline("t", tz, week, frozenset())  # type: ignore[arg-type]
    starts, ends = timeline._convert_years(2011, 2012)
    got = sorted(zip(starts.tolist(), ends.tolist(), strict=True))
    assert got == reference(tz, week, frozenset(), 2011, 2012)
    total = sum(e - s for s, e in got)
    assert total == 364 * DAY  # 365 days less the one that was skipped
