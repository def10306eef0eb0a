"""The statement's counts from columns (``statement._Judged``) against plain loops over
the cycles: per month, metric and priority (or any priority), achieved and breached
cycles, and the tickets with a breached cycle, for random cycles and months (months
with gaps between them and cycles outside every month included)."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from slaworkbench.app.agreements.statement import Month, _Judged
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.agreements.clock_facts import StoppedClocks
from slaworkbench.store.schema import METRICS, PRIORITIES

cycles = st.lists(
    st.tuples(
        st.integers(1, 40),  # ticket
        st.integers(0, len(METRICS) - 1),
        st.integers(0, len(PRIORITIES) - 1),
        st.booleans(),  # breached
        st.integers(0, 1_000),  # stopped at
    ),
    max_size=200,
)


@st.composite
def month_lists(draw: st.DrawFn) -> tuple[Month, ...]:
    bounds = sorted(set(draw(st.lists(st.integers(0, 1_000), min_size=2, max_size=8))))
    months = []
    for number, (start, end) in enumerate(itertools.pairwise(bounds)):
        if draw(st.booleans()) or number == 0:  # some months left out: gaps
            months.append(Month(dt.date(2026, 1, 1) + dt.timedelta(days=31 * number), start, end))
    return tuple(months)


def _columns(rows: list[tuple[int, int, int, bool, int]]) -> StoppedClocks:
    ticket, metric, priority, breached, stopped = (
        (list(c) for c in zip(*rows, strict=True)) if rows else ([], [], [], [], [])
    )
    return StoppedClocks(
        ticket_id=np.array(ticket, dtype=np.int64),
        metric=np.array(metric, dtype=np.int8),
        priority=np.array(priority, dtype=np.int8),
        breached=np.array(breached, dtype=bool),
        stopped_at=np.array(stopped, dtype=np.int64),
        elapsed=np.zeros(len(rows), dtype=np.int64),
        target=np.zeros(len(rows), dtype=np.int64),
    )


@settings(max_examples=200, deadline=None)
@given(rows=cycles, months=month_lists())
def test_counts_and_breached_tickets_equal_plain_loops(
    rows: list[tuple[int, int, int, bool, int]], months: tuple[Month, ...]
) -> None:
    judged = _Judged(months, _columns(rows))
    for number, month in enumerate(months):
        inside = [r for r in rows if month.start <= r[4] < month.end]
        for metric in Metric:
            m = METRICS.index(metric.value)
            for priority in (None, *Priority):
                p = None if priority is None else PRIORITIES.index(priority.value)
                mine = [r for r in inside if r[1] == m and (p is None or r[2] == p)]
                achieved = sum(1 for r in mine if not r[3])
                breached = sum(1 for r in mine if r[3])
                assert judged.counts(number, metric, priority) == (achieved, breached)
                tickets = tuple(sorted({r[0] for r in mine if r[3]}))
                assert judged.breached_tickets(number, metric, priority) == tickets
