"""The OLA write's comparison of holds (``store/ola/write._holds_differ``) against a
deliberately simple reference: per cycle, the two sides' rows as multisets."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import numpy.typing as npt
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.store.ola.write import _holds_differ

_ROW = st.tuples(st.integers(1, 6), st.integers(-1, 3), st.integers(0, 4))


def _reference(new: list[tuple[int, int, int]], old: list[tuple[int, int, int]]) -> set[int]:
    cycles = {row[0] for row in new} | {row[0] for row in old}
    return {
        cycle
        for cycle in cycles
        if Counter(r for r in new if r[0] == cycle) != Counter(r for r in old if r[0] == cycle)
    }


def _array(rows: list[tuple[int, int, int]]) -> npt.NDArray[np.int64]:
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


@given(st.lists(_ROW, max_size=25), st.lists(_ROW, max_size=25))
def test_the_cycles_whose_holds_differ_are_the_references(
    new: list[tuple[int, int, int]], old: list[tuple[int, int, int]]
) -> None:
    assert set(_holds_differ(_array(new), _array(old)).tolist()) == _reference(new, old)


@given(st.lists(_ROW, max_size=25), st.randoms(use_true_random=False))
def test_the_same_holds_in_another_order_do_not_differ(
    rows: list[tuple[int, int, int]], rng: random.Random
) -> None:
    shuffled = list(rows)
    rng.shuffle(shuffled)
    assert _holds_differ(_array(rows), _array(shuffled)).size == 0
