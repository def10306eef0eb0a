from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.agreement.satisfaction import check_score, csat, nps


def test_csat_is_the_share_of_fours_and_fives() -> None:
    result = csat([5, 4, 3, 1, 5])
    assert (result.satisfied, result.answers) == (3, 5)
    assert result.percent == pytest.approx(60.0)


def test_csat_without_answers_has_no_percent() -> None:
    assert csat([]).percent is None


def test_nps_is_promoters_minus_detractors() -> None:
    # promoters 10, 9, 9; passives 8, 7; detractors 6, 0, 3 → (3 − 3)/8 = 0; add a 10:
    result = nps([10, 9, 9, 8, 7, 6, 0, 3, 10])
    assert (result.promoters, result.passives, result.detractors) == (4, 2, 3)
    assert result.score == pytest.approx(100 * (4 - 3) / 9)


def test_scores_outside_the_scale_are_refused() -> None:
    with pytest.raises(ValueError, match="CSAT score is a whole number from 1 to 5; 6"):
        csat([6])
    with pytest.raises(ValueError, match="NPS"):
        nps([11])
    with pytest.raises(ValueError, match="csat"):
        check_score("ces", 3)


@given(st.lists(st.integers(0, 10), max_size=50))
def test_nps_between_minus_and_plus_hundred(scores: list[int]) -> None:
    result = nps(scores)
    assert result.answers == len(scores)
    if scores:
        assert result.score is not None and -100 <= result.score <= 100
