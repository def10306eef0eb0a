"""Availability and error budget: hand-computed examples and a minute-sampling reference."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.agreement.availability import (
    OutageSpan,
    availability,
    error_budget_left_minutes,
    weighted_downtime,
)

DAY = 86_400


def test_no_outage_is_full_availability() -> None:
    assert availability([], 0, DAY).fraction == 1.0


def test_one_full_outage_of_an_hour_in_a_day() -> None:
    result = availability([OutageSpan(3600, 7200)], 0, DAY)
    assert result.down_seconds == 3600
    assert result.fraction == pytest.approx(1 - 3600 / DAY)


def test_overlapping_full_outages_count_once() -> None:
    # 01:00–03:00 and 02:00–04:00: three hours down, not four.
    outages = [OutageSpan(3600, 3 * 3600), OutageSpan(2 * 3600, 4 * 3600)]
    assert availability(outages, 0, DAY).down_seconds == 3 * 3600


def test_partial_outage_is_weighted() -> None:
    # Two hours at half: one weighted hour.
    assert availability([OutageSpan(0, 7200, weight=0.5)], 0, DAY).down_seconds == 3600


def test_overlapping_partial_outages_take_the_largest_weight() -> None:
    # 0–2 h at 0.5, 1–3 h at 0.25, 1:30–2:00 full:
    # 0–1 h: 0.5; 1–1:30: 0.5; 1:30–2: 1.0; 2–3: 0.25  → 1800+1800+... in seconds:
    # 3600*0.5 + 1800*0.5 + 1800*1 + 3600*0.25 = 1800 + 900 + 1800 + 900 = 5400
    outages = [
        OutageSpan(0, 7200, weight=0.5),
        OutageSpan(3600, 3 * 3600, weight=0.25),
        OutageSpan(5400, 7200, weight=1.0),
    ]
    assert weighted_downtime(outages, 0, DAY, exclude_planned=True) == 5400


def test_planned_maintenance_excluded_only_when_the_agreement_says_so() -> None:
    outages = [OutageSpan(0, 3600, planned=True), OutageSpan(7200, 9000)]
    assert availability(outages, 0, DAY, exclude_planned=True).down_seconds == 1800
    assert availability(outages, 0, DAY, exclude_planned=False).down_seconds == 5400


def test_outage_clipped_to_the_period() -> None:
    assert availability([OutageSpan(-3600, 1800)], 0, DAY).down_seconds == 1800


def test_weight_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ValueError, match="0 to 1"):
        OutageSpan(0, 10, weight=1.5)
    with pytest.raises(ValueError, match="end after"):
        OutageSpan(10, 10)


def test_error_budget_of_a_thirty_day_month() -> None:
    # 99.9 % of 30 days allows 43.2 minutes; 20 minutes used so far leaves 23.2.
    month = 30 * DAY
    outages = [OutageSpan(DAY, DAY + 20 * 60), OutageSpan(20 * DAY, 20 * DAY + 3600)]
    left = error_budget_left_minutes(0.999, outages, 0, month, now=10 * DAY)
    assert left == pytest.approx(23.2)
    # At the end of the month the later hour has been spent too: 43.2 − 80 = −36.8.
    assert error_budget_left_minutes(0.999, outages, 0, month, now=month) == pytest.approx(-36.8)


spans = st.builds(
    lambda a, length, w, planned: OutageSpan(a * 60, (a + length) * 60, w / 4, planned),
    st.integers(0, 100),
    st.integers(1, 40),
    st.integers(0, 4),
    st.booleans(),
)


@given(st.lists(spans, max_size=6), st.integers(0, 60), st.integers(1, 80), st.booleans())
def test_availability_matches_minute_sampling(
    outages: list[OutageSpan], first: int, minutes: int, exclude: bool
) -> None:
    start, end = first * 60, (first + minutes) * 60
    down = 0.0
    for minute in range(first, first + minutes):
        t = minute * 60
        weights = [
            o.weight for o in outages if o.start <= t < o.end and not (exclude and o.planned)
        ]
        down += 60 * max(weights, default=0.0)
    result = availability(outages, start, end, exclude_planned=exclude)
    assert result.down_seconds == pytest.approx(down)
    assert result.fraction == pytest.approx(1 - down / (end - start))
