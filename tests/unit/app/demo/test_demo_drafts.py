"""Demo tickets drawn a chunk ahead on a thread: the same drafts, errors where they happen."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np
import pytest

from slaworkbench.app.demo.drafts import Draft, drafts_ahead, draw_drafts
from slaworkbench.app.demo.tickets import draw_customers

NOW = 1_780_000_000


def _drafts(seed: int) -> Iterator[Draft]:
    rng = np.random.default_rng(seed)
    customers = draw_customers(rng)
    return draw_drafts(rng, 25_000, seed, NOW, 60, customers)


def test_drawn_ahead_gives_the_drafts_drawn_in_line() -> None:
    in_line = [(d.records, d.surveys) for d in _drafts(3)]
    ahead = [(d.records, d.surveys) for d in drafts_ahead(_drafts(3))]
    assert [len(records) for records, _ in ahead] == [10_000, 10_000, 5_000]
    assert ahead == in_line


def test_survey_rows_take_the_written_ids() -> None:
    draft = next(_drafts(4))
    ids = [1000 + 7 * k for k in range(len(draft.records))]
    rows = draft.survey_rows(ids)
    assert rows and len(rows) == len(draft.surveys)
    assert [row[0] for row in rows] == [ids[position] for position, *_ in draft.surveys]
    assert [row[1:] for row in rows] == [tuple(rest) for _, *rest in draft.surveys]


def test_an_error_while_drawing_is_raised_to_the_writer() -> None:
    def failing() -> Iterator[Draft]:
        yield next(_drafts(5))
        raise ValueError("drawing failed")

    got = []
    with pytest.raises(ValueError, match="drawing failed"):
        for draft in drafts_ahead(failing()):
            got.append(draft)
    assert len(got) == 1


def test_a_writer_that_stops_early_stops_the_drawing_thread() -> None:
    before = threading.active_count()
    with pytest.raises(RuntimeError):
        for _ in drafts_ahead(_drafts(6)):
            raise RuntimeError("the write failed")
    assert threading.active_count() == before
    assert not any(t.name == "demo-drafts" for t in threading.enumerate())
