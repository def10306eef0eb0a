"""The target most cycles were judged against, from a column (``goals._most_common``),
equals ``Counter.most_common``'s, ties going to the one met first, as before."""

from __future__ import annotations

from collections import Counter

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.app.agreements.goals import _most_common


@given(st.lists(st.sampled_from([3_600, 7_200, 14_400, 28_800, 86_400]), min_size=1))
def test_the_most_common_target_is_counters(targets: list[int]) -> None:
    expected = Counter(targets).most_common(1)[0][0]
    assert _most_common(np.array(targets, dtype=np.int64)) == expected
