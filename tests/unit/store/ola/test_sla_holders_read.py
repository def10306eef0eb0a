"""The SLA holders read (stop-time slices of one metric's cycles with their holders at
stop from one index, their held pieces looked up by batches of clock ids) against a
deliberately simple reference: the drawn rows grouped by holder name in plain Python.

Random workspaces whose clock ids do not follow the stop time (a dense block of ids and
scattered ones, the four metrics mixed, piece ids shuffled), running cycles, stopped
cycles without a holder row or with a stale one (computed for another stop instant: it
counts, as the join to it did), cycles whose row tells their pieces (held in the team at
stop by none, then by the agent at stop: read without them) and nearly so, holders of no
agent or team and names that fold alike;
read in tiny slices and batches so that every path runs several times, for both metrics,
periods and every narrowing."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import insert

from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import HolderFigures
from slaworkbench.app.ola.sla_holders import sla_holders
from slaworkbench.domain.model import Metric
from slaworkbench.store import schema
from slaworkbench.store.ola import sla_holders as read
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.holder_reads import (
    AGENTS,
    CUSTOMERS,
    DAY,
    FILTERS,
    PRIORITIES,
    START,
    store_people_and_tickets,
    tally,
)

TEAMS = {1: "Desk", 2: "Apps", 3: "Net", 4: "desk"}


@dataclass(frozen=True)
class Clock:
    id: int
    ticket: int
    metric: str
    stopped_at: int | None
    breached: bool
    elapsed: int
    holder: tuple[int | None, int | None] | None
    """The holder at stop the clock row records (agent id, team id); ``None``: none
    measured (``holds_at`` NULL)."""
    holder_stopped_at: int
    pieces: list[tuple[int, int | None, int | None, int]]
    """(piece id, agent id, team id, seconds)."""

    @property
    def unassigned(self) -> int | None:
        """What the writers record (``TicketClock.unassigned_seconds``): for a stopped
        cycle measured for its stop whose pieces are all of its team at stop, held by its
        agent at stop or none, summing to its business time, the seconds of none."""
        if self.stopped_at is None or self.holder is None:
            return None
        agent, team = self.holder
        if self.holder_stopped_at != self.stopped_at or any(
            t != team or a not in (None, agent) for _, a, t, _ in self.pieces
        ):
            return None
        if sum(seconds for *_, seconds in self.pieces) != self.elapsed:
            return None
        return sum(seconds for _, a, _, seconds in self.pieces if a is None)


@dataclass(frozen=True)
class Drawn:
    tickets: dict[int, tuple[int | None, int | None, str]]
    """Ticket id: (team id, customer id, priority)."""
    clocks: list[Clock]


def _draw(seed: int) -> Drawn:
    rng = random.Random(seed)
    tickets = {
        t: (rng.choice([None, *TEAMS]), rng.choice([None, 1, 2]), rng.choice(PRIORITIES))
        for t in range(1, rng.randint(2, 40))
    }
    ids = list(range(1, rng.randint(1, 120))) + rng.sample(range(200, 5000), rng.randint(0, 80))
    piece_ids = iter(rng.sample(range(1, 100_000), 4 * len(ids)))
    agents, teams = [None, *AGENTS], [None, *TEAMS]
    clocks = []
    for clock_id in rng.sample(ids, len(ids)):
        stopped = None if rng.random() < 0.15 else START + rng.randrange(-5 * DAY, 40 * DAY)
        has_row = (stopped is not None and rng.random() < 0.85) or rng.random() < 0.05
        stale = stopped is None or rng.random() < 0.2
        elapsed = rng.choice([0, 60, rng.randrange(0, 200_000)])
        holder = (rng.choice(agents), rng.choice(teams)) if has_row else None
        pieces = [
            (next(piece_ids), rng.choice(agents), rng.choice(teams), rng.choice([0, 1, 99]))
            for _ in range(rng.randint(0, 4))
        ]
        if holder is not None and not stale and rng.random() < 0.5:
            # held in the team at stop by its agent at stop or by none, as the row tells
            cuts = sorted(rng.randrange(0, elapsed + 1) for _ in range(rng.randint(0, 3)))
            bounds = [0, *cuts, elapsed]
            pieces = [
                (next(piece_ids), rng.choice([None, holder[0]]), holder[1], high - low)
                for low, high in itertools.pairwise(bounds)
            ]
            if elapsed and rng.random() < 0.2:  # one second short: not told
                pieces[-1] = (*pieces[-1][:3], pieces[-1][3] - 1)
        clocks.append(
            Clock(
                clock_id,
                rng.choice(list(tickets)),
                rng.choice(schema.METRICS),
                stopped,
                stopped is not None and rng.random() < 0.4,
                elapsed,
                holder,
                START + rng.randrange(-9 * DAY, 50 * DAY) if stale else (stopped or 0),
                pieces,
            )
        )
    return Drawn(tickets, clocks)


def _store(workspace: Workspace, drawn: Drawn) -> None:
    with workspace.session(write=True) as session:
        store_people_and_tickets(session, TEAMS, drawn.tickets)
        index: dict[tuple[int, str], int] = {}
        rows, pieces = [], []
        for c in drawn.clocks:
            index[c.ticket, c.metric] = index.get((c.ticket, c.metric), -1) + 1
            stopped = c.stopped_at is not None
            state = ("breached" if c.breached else "achieved") if stopped else "running"
            rows.append(
                {"id": c.id, "ticket_id": c.ticket, "metric": c.metric}
                | {"cycle_index": index[c.ticket, c.metric], "started_at": START - 6 * DAY}
                | {"stopped_at": c.stopped_at, "state": state, "target": 3600}
                | {"elapsed": c.elapsed, "remaining": 0, "evaluated_at": START}
                # the holder at stop and the stop it was measured for, on the clock row
                | dict(
                    zip(("stop_agent_id", "stop_team_id"), c.holder or (None, None), strict=True)
                )
                | {"holds_at": None if c.holder is None else c.holder_stopped_at}
                | {"unassigned_seconds": c.unassigned}
            )
            pieces += [
                {"clock_id": c.id, "piece": p, "agent_id": a, "team_id": t, "seconds": s}
                for p, a, t, s in c.pieces
            ]
        if rows:
            session.execute(insert(schema.TicketClock), rows)
        if pieces:
            session.execute(insert(schema.TicketClockHold), pieces)


def _reference(
    drawn: Drawn, filters: Filters, metric: Metric
) -> tuple[tuple[HolderFigures, ...], ...]:
    """Every cycle of ``metric`` stopped in the period in id order; per holder id the
    cycle's pieces summed in piece id order (a positive share counts)."""
    start, end = period_bounds(filters)

    def wanted(c: Clock) -> bool:
        team, customer, priority = drawn.tickets[c.ticket]
        return (
            c.metric == metric.value
            and c.stopped_at is not None
            and start <= c.stopped_at < end
            and (filters.team is None or TEAMS.get(team or 0) == filters.team)
            and (filters.customer is None or CUSTOMERS.get(customer or 0) == filters.customer)
            and (filters.priority is None or priority == filters.priority)
        )

    stopped = sorted((c for c in drawn.clocks if wanted(c)), key=lambda c: c.id)

    def while_running(which: int, names: dict[int, str]) -> list[tuple[str | None, bool, int]]:
        samples = []
        for c in stopped:
            shares: dict[int | None, int] = {}
            for piece in sorted(c.pieces):
                holder = piece[which]
                shares[holder] = shares.get(holder, 0) + piece[3]
            samples += [(names.get(h or 0), c.breached, s) for h, s in shares.items() if s > 0]
        return samples

    def at_stop(which: int, names: dict[int, str]) -> list[tuple[str | None, bool, int]]:
        return [
            (names.get((c.holder[which] if c.holder else None) or 0), c.breached, c.elapsed)
            for c in stopped
        ]

    return (
        tally(at_stop(0, AGENTS)),
        tally(while_running(1, AGENTS)),
        tally(at_stop(1, TEAMS)),
        tally(while_running(2, TEAMS)),
    )


@pytest.fixture
def tiny_reads(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Slices of three days, batches of 2 clock ids: every path many times."""
    monkeypatch.setattr(read, "SLICE", 3 * DAY)
    monkeypatch.setattr(read, "ID_BATCH", 2)
    yield


@pytest.mark.parametrize("seed", range(6))
def test_the_read_gives_the_reference_figures(tmp_path: Path, tiny_reads: None, seed: int) -> None:
    drawn = _draw(seed)
    workspace = open_workspace(str(tmp_path / "w.sqlite3"))
    try:
        _store(workspace, drawn)
        for filters in FILTERS:
            for metric in (Metric.FIRST_RESPONSE, Metric.RESOLUTION, Metric.NEXT_RESPONSE):
                holders = sla_holders(workspace, filters, metric)
                got = (
                    holders.agents_at_stop,
                    holders.agents_while_running,
                    holders.teams_at_stop,
                    holders.teams_while_running,
                )
                assert got == _reference(drawn, filters, metric), (filters, metric)
    finally:
        workspace.close()


def test_the_drawn_workspaces_have_what_the_read_must_get_right() -> None:
    """Stopped cycles of the read metrics without a holder row, with a stale one, and
    with pieces; slices of one metric's stop time read in several batches of ids (so
    the test above covers them)."""
    missing = stale = held = alone = batched = 0
    for seed in range(6):
        in_slice: dict[tuple[str, int], int] = {}
        for c in _draw(seed).clocks:
            if c.stopped_at is None or c.metric not in ("first_response", "resolution"):
                continue
            missing += c.holder is None
            stale += c.holder is not None and c.holder_stopped_at != c.stopped_at
            held += bool(c.pieces)
            alone += c.unassigned is not None and 0 < c.unassigned < c.elapsed
            key = (c.metric, (c.stopped_at - START) // (3 * DAY))
            in_slice[key] = in_slice.get(key, 0) + 1
        batched += sum(count > 2 for count in in_slice.values())
    assert missing > 5 and stale > 5 and held > 50 and alone > 20 and batched > 10
