from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.agreement.goals import suggest_goals, target_met_share


def test_targets_met_eighty_ninety_ninety_five_percent_of_the_time() -> None:
    elapsed = [60 * m for m in range(1, 21)]  # 1..20 minutes, 20 clocks
    suggestion = suggest_goals(elapsed, current_target=10 * 60)
    assert suggestion.targets == ((0.8, 16 * 60), (0.9, 18 * 60), (0.95, 19 * 60))
    assert suggestion.current_compliance == 0.5
    assert suggestion.clocks == 20


def test_no_clocks_no_suggestion() -> None:
    assert target_met_share([], 0.9) is None
    assert suggest_goals([], 3600).targets == ()


def _reference(elapsed: list[int], percent: int) -> int:
    for value in sorted(elapsed):
        if sum(1 for e in elapsed if e <= value) * 100 >= percent * len(elapsed):
            return value
    raise AssertionError


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=60), st.sampled_from([80, 90, 95]))
def test_target_is_the_direct_percentile(elapsed: list[int], percent: int) -> None:
    assert target_met_share(elapsed, percent / 100) == _reference(elapsed, percent)
