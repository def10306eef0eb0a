"""The response-time distributions read from the duration rollup and the index by
business time (bins, and the values around each percentile's rank,
``store/analytics/durations.py``) equal those
computed from every value, on random workspaces, including values on the bins' edges,
ties, a single clock and an empty period."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.distributions import (
    HISTOGRAM_EDGES,
    Distribution,
    response_distributions,
)
from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.store.analytics import facts
from slaworkbench.store.analytics.durations import duration_bins, rollup_bins
from slaworkbench.store.analytics.rollup import rebuild_rollup
from slaworkbench.store.schema import DURATION_METRICS, TicketClock
from tests.support.analytics_workspace import MiniWorkspace, build_workspace

FILTERS = [
    Filters(dt.date(2026, 1, 1), dt.date(2026, 4, 30)),
    Filters(dt.date(2026, 1, 1), dt.date(2026, 4, 30), priority="high"),
    Filters(dt.date(2026, 2, 3), dt.date(2026, 2, 3)),
    Filters(dt.date(2026, 1, 11), dt.date(2026, 3, 9), tz="Europe/Lisbon"),
    Filters(dt.date(2025, 6, 1), dt.date(2025, 6, 30)),  # no clock stopped then
]


def _both(ws: MiniWorkspace, filters: Filters) -> tuple[tuple[Distribution, ...], ...]:
    facts.clear_cache()
    with ws.session() as session:
        from_index = response_distributions(session, filters)
    facts.clear_cache()
    with facts.from_clock_rows(), ws.session() as session:
        from_values = response_distributions(session, filters)
    return from_index, from_values


@pytest.mark.parametrize("seed", [3, 11])
def test_the_index_gives_the_figures_of_every_value(seed: int) -> None:
    ws = build_workspace(seed=seed, tickets=300)
    for filters in FILTERS:
        from_index, from_values = _both(ws, filters)
        assert from_index == from_values, filters


def test_edges_ties_and_single_clocks_agree() -> None:
    ws = build_workspace(seed=5, tickets=200)
    rng = random.Random(5)
    with Session(ws.engine) as session, session.begin():
        ids = list(
            session.execute(
                select(TicketClock.id).where(
                    TicketClock.metric.in_(DURATION_METRICS), TicketClock.stopped_at.is_not(None)
                )
            ).scalars()
        )
        for clock_id in ids:  # business times on the bins' edges, just off them, and tied
            value = rng.choice([*HISTOGRAM_EDGES, 899, 1801, 7200, 7200, 7200, 0, 500_000])
            session.execute(
                update(TicketClock).where(TicketClock.id == clock_id).values(elapsed=value)
            )
        # one priority keeps a single first response
        urgent = list(
            session.execute(
                select(TicketClock.id).where(
                    TicketClock.metric == "first_response",
                    TicketClock.priority == "urgent",
                    TicketClock.stopped_at.is_not(None),
                )
            ).scalars()
        )
        session.execute(
            update(TicketClock).where(TicketClock.id.in_(urgent[1:])).values(priority="low")
        )
        # The rows were changed behind the program's back: derive the rollups again.
        rebuild_rollup(session.connection())
    filters = FILTERS[0]
    from_index, from_values = _both(ws, filters)
    assert from_index == from_values
    start, end = period_bounds(filters)
    with ws.session() as session:  # the rollup's bins are the index's, and shown
        rolled = rollup_bins(session, start, end)
        assert {key for key, bins in rolled.items() if any(b.count for b in bins)} == {
            (d.metric, d.priority) for d in from_index
        }
        for found in from_index:
            bins = duration_bins(session, start, end, found.metric, found.priority, HISTOGRAM_EDGES)
            assert tuple(b.count for b in bins) == found.histogram
            assert rolled[found.metric, found.priority] == bins
    assert any(d.count == 1 for d in from_index if d.metric == "first_response")
