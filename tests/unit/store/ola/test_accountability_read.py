"""The OLA accountability read (stop-time slices of cycles from one index, their held
pieces by ranges or lists of cycle ids from another, a priority kept in numpy) against a
deliberately simple reference: the drawn rows grouped by holder name in plain Python.

Random workspaces whose cycle ids do not follow the stop time (a dense block of ids and
scattered ones, held pieces' ids shuffled), running cycles, holders of no name and names
that fold alike; read in tiny slices, spans and lists so that every path runs several
times, for periods and every narrowing."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import insert

from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import HolderFigures, ola_accountability
from slaworkbench.store import schema
from slaworkbench.store.ola import accountability as read
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.holder_reads import (
    AGENTS,
    CUSTOMERS,
    DAY,
    PRIORITIES,
    START,
    store_people_and_tickets,
    tally,
)
from tests.support.holder_reads import (
    FILTERS as HOLDER_FILTERS,
)

TEAMS = {1: "Desk", 2: "Apps", 3: "Net"}


@dataclass(frozen=True)
class Cycle:
    id: int
    ticket: int
    team: int
    stopped_at: int | None
    breached: bool
    elapsed: int
    holder: int | None
    pieces: list[tuple[int, int | None, int]]
    """(piece id, agent id, seconds)."""


@dataclass(frozen=True)
class Drawn:
    tickets: dict[int, tuple[int | None, str]]
    """Ticket id: (customer id, priority)."""
    cycles: list[Cycle]


def _draw(seed: int) -> Drawn:
    rng = random.Random(seed)
    tickets = {
        t: (rng.choice([None, 1, 2]), rng.choice(PRIORITIES)) for t in range(1, rng.randint(2, 40))
    }
    ids = list(range(1, rng.randint(1, 80))) + rng.sample(range(100, 3000), rng.randint(0, 80))
    piece_ids = iter(rng.sample(range(1, 100_000), 4 * len(ids)))
    cycles = []
    for cycle_id in rng.sample(ids, len(ids)):
        stopped = None if rng.random() < 0.15 else START + rng.randrange(-5 * DAY, 40 * DAY)
        holders = [None, *AGENTS]
        cycles.append(
            Cycle(
                cycle_id,
                rng.choice(list(tickets)),
                rng.choice(list(TEAMS)),
                stopped,
                stopped is not None and rng.random() < 0.4,
                rng.choice([0, 60, rng.randrange(0, 200_000)]),
                rng.choice(holders),
                [
                    (next(piece_ids), rng.choice(holders), rng.choice([0, 1, rng.randrange(9999)]))
                    for _ in range(rng.randint(0, 4))
                ],
            )
        )
    return Drawn(tickets, cycles)


def _store(workspace: Workspace, drawn: Drawn) -> None:
    with workspace.session(write=True) as session:
        store_people_and_tickets(
            session, TEAMS, {t: (None, c, p) for t, (c, p) in drawn.tickets.items()}
        )
        index: dict[int, int] = {}
        rows, pieces = [], []
        for c in drawn.cycles:
            index[c.ticket] = index.get(c.ticket, -1) + 1
            stopped = c.stopped_at is not None
            state = ("breached" if c.breached else "achieved") if stopped else "running"
            rows.append(
                {"id": c.id, "ticket_id": c.ticket, "cycle_index": index[c.ticket]}
                | {"team_id": c.team, "started_at": START - 6 * DAY, "stopped_at": c.stopped_at}
                | {"state": state, "target": 3600, "elapsed": c.elapsed, "remaining": 0}
                | {"holder_at_stop_id": c.holder if stopped else None, "evaluated_at": START}
            )
            pieces += [
                {"cycle_id": c.id, "piece": p, "agent_id": a, "seconds": s} for p, a, s in c.pieces
            ]
        if rows:
            session.execute(insert(schema.TicketOlaCycle), rows)
        if pieces:
            session.execute(insert(schema.TicketOlaHold), pieces)


def _reference(drawn: Drawn, filters: Filters) -> tuple[tuple[HolderFigures, ...], ...]:
    """Every cycle in id order, every piece in (cycle id, piece id) order, grouped by
    name in first-appearance order, then ordered by folded name with nobody last."""
    start, end = period_bounds(filters)

    def wanted(c: Cycle) -> bool:
        customer, priority = drawn.tickets[c.ticket]
        return (
            (filters.team is None or TEAMS[c.team] == filters.team)
            and (filters.customer is None or CUSTOMERS.get(customer or 0) == filters.customer)
            and (filters.priority is None or priority == filters.priority)
        )

    kept = sorted((c for c in drawn.cycles if wanted(c)), key=lambda c: c.id)
    stopped = [c for c in kept if c.stopped_at is not None and start <= c.stopped_at < end]
    running: dict[str, int] = {}
    for c in kept:
        if c.stopped_at is None:
            running[TEAMS[c.team]] = running.get(TEAMS[c.team], 0) + 1

    return (
        tally([(TEAMS[c.team], c.breached, c.elapsed) for c in stopped], running),
        tally([(AGENTS.get(c.holder or 0), c.breached, c.elapsed) for c in stopped], {}),
        tally(
            [
                (AGENTS.get(agent or 0), c.breached, seconds)
                for c in stopped
                for _, agent, seconds in sorted(c.pieces)
            ],
            {},
        ),
    )


@pytest.fixture
def tiny_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Slices of three days, spans of 40 cycle ids, lists of 7: every path many times."""
    monkeypatch.setattr(read, "SLICE", 3 * DAY)
    monkeypatch.setattr(read, "ID_SPAN", 40)
    monkeypatch.setattr(read, "IN_BATCH", 7)
    yield


FILTERS = [
    *HOLDER_FILTERS,
    Filters(dt.date(2026, 2, 20), dt.date(2026, 4, 30), customer="Acme", priority="low"),
]


@pytest.mark.parametrize("seed", range(6))
def test_the_read_gives_the_reference_figures(tmp_path: Path, tiny_reads: None, seed: int) -> None:
    drawn = _draw(seed)
    workspace = open_workspace(str(tmp_path / "w.sqlite3"))
    try:
        _store(workspace, drawn)
        for filters in FILTERS:
            figures = ola_accountability(workspace, filters)
            got = (figures.teams, figures.agents_at_stop, figures.agents_while_running)
            assert got == _reference(drawn, filters), filters
    finally:
        workspace.close()


def test_ranges_and_lists_both_run(tiny_reads: None) -> None:
    """The drawn workspaces have spans dense enough to read as a range and sparse enough
    to look up by lists (so the test above covers both)."""
    dense = sparse = 0
    for seed in range(6):
        ids = np.sort(np.array([c.id for c in _draw(seed).cycles], dtype=np.int64))
        if not ids.size:
            continue
        span = (ids - ids[0]) // read.ID_SPAN
        for group in np.split(ids, np.flatnonzero(np.diff(span)) + 1):
            width = int(group[-1] - group[0] + 1)
            if group.size >= read.DENSE * width:
                dense += 1
            else:
                sparse += 1
    assert dense > 5 and sparse > 5
