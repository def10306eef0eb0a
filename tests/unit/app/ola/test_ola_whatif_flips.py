"""The team OLA what-if matches the team's cycles under the saved terms and under the
draft as arrays (``whatif._verdicts``, ``whatif._flips``): the same keys, verdicts, stops
and order as one dictionary per side, cycle by cycle (the code they replaced, kept here
as the reference), for any cycles — other teams' among them, a cycle on one side only,
two cycles of a ticket starting at the same instant, instants across the engine's range."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from slaworkbench.app.ola.whatif import Verdict, _flips, _verdicts
from slaworkbench.domain.clock.ola_columns import OlaColumns
from slaworkbench.domain.clock.results import NONE, STATES
from slaworkbench.domain.instants import MAX_INSTANT, MIN_INSTANT
from slaworkbench.domain.model import ClockState
from tests.support.examples import share_of_examples

TEAM = 1
Cycle = tuple[int, int, int, int, int]
"""(ticket position, team code, state code, start, stop or NONE)"""


def _columns(cycles: list[Cycle]) -> OlaColumns:
    def column(k: int) -> np.ndarray:
        return np.array([cycle[k] for cycle in cycles], dtype=np.int64)

    zeros = np.zeros(len(cycles), dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    return OlaColumns(
        ticket=column(0), index=zeros, team=column(1), started_at=column(3),
        stopped_at=column(4), state=column(2), target=zeros, elapsed=zeros, due_at=zeros,
        breached_at=zeros, at_risk=zeros.astype(bool), risk_at=zeros, holder_at_stop=zeros,
        held_cycle=empty, held_holder=empty, held_seconds=empty,
    )  # fmt: skip


def _reference_side(cycles: list[Cycle]) -> dict[tuple[int, int], tuple[int | None, str]]:
    found: dict[tuple[int, int], tuple[int | None, str]] = {}
    for ticket, team, state_code, started, stopped in cycles:
        if team != TEAM:
            continue
        state = STATES[state_code]
        if state is ClockState.ACHIEVED:
            verdict = Verdict.ACHIEVED
        elif state is ClockState.BREACHED and stopped != NONE:
            verdict = Verdict.BREACHED
        else:
            verdict = Verdict.IN_PROGRESS
        found[(ticket, started)] = (None if stopped == NONE else stopped, verdict)
    return found


def _reference(
    before: list[Cycle], after: list[Cycle]
) -> tuple[int, list[tuple[int, int, int | None, str, str]]]:
    old, new = _reference_side(before), _reference_side(after)
    keys = old.keys() | new.keys()
    flipped = []
    for key in sorted(keys):
        stop_before, was = old.get(key, (None, Verdict.NOT_MEASURED))
        stop_after, will = new.get(key, (None, Verdict.NOT_MEASURED))
        if was != will:
            stop = stop_before if stop_before is not None else stop_after
            flipped.append((key[0], key[1], stop, was, will))
    return len(keys), flipped


INSTANTS = st.one_of(
    st.integers(MIN_INSTANT, MAX_INSTANT), st.sampled_from([MIN_INSTANT, MAX_INSTANT, 0])
)
CYCLES = st.lists(
    st.tuples(
        st.integers(0, 5),  # few tickets: starts shared, a key met twice
        st.integers(0, 2),
        st.integers(0, len(STATES) - 1),
        st.one_of(INSTANTS, st.sampled_from([1_700_000_000, 1_700_003_600])),
        st.one_of(st.just(NONE), INSTANTS),
    ),
    max_size=30,
)


@share_of_examples(0.25)  # cheap, but plain dictionaries per example
@given(CYCLES, CYCLES, st.data())
def test_the_flips_are_those_of_one_dictionary_per_side(
    before: list[Cycle], after: list[Cycle], data: st.DataObject
) -> None:
    if before and data.draw(st.booleans()):  # mostly the same cycles, judged otherwise
        after = [
            (t, team, data.draw(st.integers(0, len(STATES) - 1)), start, stop)
            for t, team, _, start, stop in before
        ] + after[:3]
    keys, flipped = _flips(_verdicts(_columns(before), TEAM), _verdicts(_columns(after), TEAM))
    assert (int(keys.size), flipped) == _reference(before, after)


def test_a_key_met_twice_keeps_its_last_cycle() -> None:
    achieved, breached = STATES.index(ClockState.ACHIEVED), STATES.index(ClockState.BREACHED)
    before = [(0, TEAM, achieved, 100, 200), (0, TEAM, breached, 100, 300)]
    after = [(0, TEAM, achieved, 100, 200)]
    keys, flipped = _flips(_verdicts(_columns(before), TEAM), _verdicts(_columns(after), TEAM))
    assert keys.size == 1
    assert flipped == [(0, 100, 300, Verdict.BREACHED, Verdict.ACHIEVED)]
