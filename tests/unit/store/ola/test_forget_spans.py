"""``forget_spans`` names each (metric, span) of the stopped cycles it is given once,
against a plain set of the same pairs (the metrics whose samples are kept only)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.store.ola import held_samples
from slaworkbench.store.ola.held_samples import SAMPLED_CODES, SPAN_SECONDS, forget_spans

_CYCLES = st.lists(st.tuples(st.integers(-1, 5), st.integers(-(10**11), 10**11)), max_size=40)


@given(cycles=_CYCLES)
def test_each_span_once(cycles: list[tuple[int, int]]) -> None:
    forgotten: list[list[tuple[int, int]]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(held_samples, "_forget", lambda _c, pairs: forgotten.append(list(pairs)))
        metric = np.array([m for m, _ in cycles], dtype=np.int64)
        stopped_at = np.array([t for _, t in cycles], dtype=np.int64)
        forget_spans(None, metric, stopped_at)  # type: ignore[arg-type]
    expected = sorted({(m, t // SPAN_SECONDS) for m, t in cycles if m in SAMPLED_CODES})
    named = forgotten[0] if forgotten else []
    assert sorted(named) == expected
    assert len(named) == len(set(named))
