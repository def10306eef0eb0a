from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.clock.ola_spec import ola_terms_from_dict
from slaworkbench.domain.durations import (
    format_duration,
    parse_duration,
    working_day_seconds,
    working_days_text,
)
from slaworkbench.domain.model import Priority


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30m", 1800),
        ("4h", 14_400),
        ("1d 2h", 86_400 + 7_200),
        ("1h30m", 5_400),
        ("90s", 90),
        (" 2H 5M ", 7_500),
        ("1d2h3m4s", 86_400 + 7_200 + 180 + 4),
        ("0m", 0),
    ],
)
def test_parse_duration_reads_compact_text(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["abc", "", "   ", "-4h", "4x", "4", "h", "4h -2m", "1.5h"])
def test_parse_duration_refuses_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not a duration: write it like 30m, 4h or 1d 2h\."):
        parse_duration(text)


def test_parse_duration_message_quotes_the_input() -> None:
    with pytest.raises(ValueError) as caught:
        parse_duration("abc")
    assert str(caught.value) == "'abc' is not a duration: write it like 30m, 4h or 1d 2h."


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0m"),
        (59, "<1m"),
        (60, "1m"),
        (45 * 60 + 59, "45m"),
        (2 * 3600 + 14 * 60 + 30, "2h 14m"),
        (86_400 + 3 * 3600, "27h"),
        (86_400 + 59, "24h"),
        (136 * 3600 + 12 * 60 + 7, "136h 12m"),
        (9_632 * 3600, "9632h"),
        (-3600, "-1h"),
    ],
)
def test_format_duration_is_compact_and_rounds_down(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


@given(st.integers(min_value=0, max_value=400 * 86_400))
def test_format_then_parse_is_within_a_minute(seconds: int) -> None:
    text = format_duration(seconds)
    if text == "<1m":
        assert 0 < seconds < 60
        return
    parsed = parse_duration(text)
    assert parsed <= seconds < parsed + 60


OFFICE_HOURS = {
    **{day: (("09:00", "17:00"),) for day in ("mon", "tue", "wed", "thu", "fri")},
    "sat": (),
    "sun": (),
}


def test_a_working_day_is_the_usual_weekday_length() -> None:
    assert working_day_seconds(OFFICE_HOURS) == 8 * 3600
    split = {**OFFICE_HOURS, "fri": (("09:00", "12:00"), ("13:00", "14:00"))}
    assert working_day_seconds(split) == 8 * 3600
    assert working_day_seconds({"mon": ()}) == 0


def test_business_hours_read_as_working_days_of_their_calendar() -> None:
    seconds = 136 * 3600 + 12 * 60
    assert format_duration(seconds) == "136h 12m"
    assert working_days_text(seconds, 8 * 3600) == "17 working days of 8h"
    assert working_days_text(8 * 3600, 8 * 3600) == "1 working day of 8h"
    assert working_days_text(12 * 3600, 8 * 3600) == "1.5 working days of 8h"
    assert working_days_text(3600, 0) == ""


def test_an_ola_target_is_at_most_the_longest_unless_stored() -> None:
    spec = {"targets": {"high": "367d"}}
    with pytest.raises(ValueError, match="longer than 366d; give at most 366d"):
        ola_terms_from_dict(spec)
    assert ola_terms_from_dict(spec, stored=True)[0] == {Priority.HIGH: 367 * 86_400}
    assert ola_terms_from_dict({"targets": {"high": "366d"}})[0] == {Priority.HIGH: 366 * 86_400}
