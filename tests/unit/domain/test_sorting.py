"""``lexsort_order`` is ``np.lexsort``: the same order for any integer keys, ties kept in
their given order, whether the rows pack into one integer or not."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.domain.sorting import lexsort_order, packed_rows

_INT64 = np.iinfo(np.int64)


@st.composite
def _keys(draw: st.DrawFn) -> list[np.ndarray]:
    rows = draw(st.integers(0, 60))
    keys = []
    for _ in range(draw(st.integers(1, 4))):
        # Narrow ranges give ties (and rows that pack); wide ones give spans whose
        # product passes 63 bits (the plain lexsort).
        low = draw(st.integers(_INT64.min, _INT64.max - 1))
        width = draw(st.sampled_from((1, 2, 3, 50, 2**31, 2**62, _INT64.max - low)))
        high = min(_INT64.max, low + width)
        keys.append(np.array(draw(st.lists(st.integers(low, high), min_size=rows, max_size=rows)),
                             dtype=np.int64))  # fmt: skip
    return keys


@given(_keys())
def test_the_order_is_lexsorts(keys: list[np.ndarray]) -> None:
    assert lexsort_order(keys).tolist() == np.lexsort(keys).tolist()


@given(_keys())
def test_packed_rows_order_as_the_rows_do(keys: list[np.ndarray]) -> None:
    columns = list(reversed(keys))  # the first column the most significant
    packed = packed_rows(columns)
    if packed is None:
        return
    rows = list(zip(*(c.tolist() for c in columns), strict=True))
    for i in range(len(rows) - 1):
        a, b = rows[i], rows[i + 1]
        assert (a < b) == (packed[i] < packed[i + 1]) and (a == b) == (packed[i] == packed[i + 1])


def test_rows_of_small_spans_pack_and_wide_ones_do_not() -> None:
    small = [np.array([3, 1, 2], dtype=np.int64), np.array([-5, 7, 7], dtype=np.int64)]
    assert packed_rows(small) is not None
    wide = [np.array([_INT64.min, _INT64.max], dtype=np.int64)] * 2
    assert packed_rows(wide) is None
    assert packed_rows([np.zeros(0, dtype=np.int64)]) is None
