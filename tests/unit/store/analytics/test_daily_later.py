"""The daily rollup deltas a bulk write of new tickets holds across chunks
(``rollup._DailyLater``, inside ``summed_after``): whatever order the chunks' days come
in and however few keys may wait, ``clock_rollup`` ends with every key's sum, against
a plain dictionary of the same deltas."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from slaworkbench.store.analytics import rollup
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.examples import share_of_examples

_KEYS = st.tuples(
    st.integers(20_000, 20_040),  # day
    st.integers(0, 3),  # metric
    st.integers(0, 3),  # priority
    st.integers(0, 2),  # team
    st.integers(0, 2),  # customer
    st.integers(0, 2),  # policy version
    st.integers(0, 2),  # agent
)
_CHUNK = st.lists(st.tuples(_KEYS, st.tuples(*[st.integers(0, 3)] * 3)), max_size=25)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    path: Path = tmp_path_factory.mktemp("later") / "ws.sqlite3"
    ws = open_workspace(f"sqlite:///{path}")
    yield ws
    ws.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    chunks=st.lists(_CHUNK, max_size=8),
    existing=_CHUNK,
    held=st.sampled_from([0, 5, 250_000]),
)
def test_every_key_ends_with_its_sum(
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    chunks: list[list[tuple[tuple[int, ...], tuple[int, int, int]]]],
    existing: list[tuple[tuple[int, ...], tuple[int, int, int]]],
    held: int,
) -> None:
    monkeypatch.setattr(rollup, "_LATER_ROWS", held)
    expected: dict[tuple[int, ...], list[int]] = {}
    for chunk in [existing, *chunks]:
        for key, counts in chunk:
            total = expected.setdefault(key, [0, 0, 0])
            for i, count in enumerate(counts):
                total[i] += count
    with workspace.engine.connect() as connection:
        connection.exec_driver_sql(f"DELETE FROM {rollup.TABLE}")
        _add(connection, existing, None)  # rows there before the bulk write
        later = rollup._DailyLater()
        for chunk in chunks:
            _add(connection, chunk, later)
        later.write(connection)
        found = rollup.rollup_rows(connection)
        connection.rollback()
    assert found == {key: tuple(total) for key, total in expected.items() if any(total)}


def _add(connection, chunk, later) -> None:  # type: ignore[no-untyped-def]
    """A chunk's deltas summed per key, as ``count_rewritten`` hands them over."""
    keys = np.array([key for key, _ in chunk], dtype=np.int64).reshape(-1, len(rollup.KEY))
    sums = np.array([counts for _, counts in chunk], dtype=np.int64).reshape(-1, 3)
    keys, sums = rollup.grouped_sums(keys, sums)
    if later is None:
        rollup._write_sums(connection, keys, sums, rollup._ROLLUP)
    else:
        later.add(connection, keys, sums)


_WIDE = st.one_of(st.integers(-3, 3), st.integers(-(2**40), 2**40))


@share_of_examples(0.25)  # forty rows of ten draws each: drawing is most of its time
@given(
    rows=st.lists(
        st.tuples(st.tuples(*[_WIDE] * 7), st.tuples(*[st.integers(-2, 2)] * 3)), max_size=40
    ),
    narrow=st.booleans(),
)
@example(  # spans whose product is just past 63 bits: sorted by the columns themselves
    rows=[
        ((2**62, 1, 0, 0, 0, 0, 0), (0, 1, 0)),
        ((2**62, 0, 0, 0, 0, 0, 0), (0, 0, 1)),
        ((0,) * 7, (1, 0, 0)),
    ],
    narrow=False,
)
def test_grouped_sums_are_the_plain_sums_per_key(
    rows: list[tuple[tuple[int, ...], tuple[int, int, int]]], narrow: bool
) -> None:
    """Keys packed into one number (their spans fit in 63 bits) or not (wide values),
    negative ones too: the distinct keys in order, each with its non-zero sums."""
    if narrow:
        rows = [(tuple(v % 5 - 2 for v in key), counts) for key, counts in rows]
    expected: dict[tuple[int, ...], list[int]] = {}
    for key, counts in rows:
        total = expected.setdefault(key, [0, 0, 0])
        for i, count in enumerate(counts):
            total[i] += count
    keys = np.array([key for key, _ in rows], dtype=np.int64).reshape(-1, 7)
    sums = np.array([counts for _, counts in rows], dtype=np.int64).reshape(-1, 3)
    unique, summed = rollup.grouped_sums(keys, sums)
    assert list(zip(map(tuple, unique.tolist()), map(tuple, summed.tolist()), strict=True)) == [
        (key, tuple(total)) for key, total in sorted(expected.items()) if any(total)
    ]
