"""``shown``: a key or value from a file quoted in a one-line sentence."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.shown import shown


def test_control_characters_are_escaped_and_letters_kept() -> None:
    assert shown("a\nb") == "a\\nb"
    assert shown("\t\r\x00") == "\\t\\r\\x00"
    assert shown("São\u2028Paulo") == "São\\u2028Paulo"
    assert shown("Équipe Nível 2") == "Équipe Nível 2"
    assert shown(42) == "42"


@given(st.text())
def test_the_result_is_always_one_printable_line(text: str) -> None:
    result = shown(text)
    assert result.isprintable()
    assert (result == text) == text.isprintable()
