from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.durations import format_duration, parse_duration


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
        (86_400 + 3 * 3600, "1d 3h"),
        (86_400 + 59, "1d"),
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
