"""Who held the SLA and OLA clocks, tallied as columns, equals the object-by-object
reading it replaced (one record per stopped cycle with its held pieces, grouped by
holder name in plain Python, written here): on random columns with names that fold
alike, holders without a name, several pieces of one holder in a cycle, pieces of no
or negative time, empty slices and periods, and drawn names (an id too large for the
holder codes' table); and on a stored random workspace (SLA and OLA), read back both
ways."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import (
    TABLE_IDS,
    HolderFigures,
    Holders,
    HolderTally,
    ola_accountability,
)
from slaworkbench.app.ola.sla_holders import SlaHolders, sla_holders, sla_holders_of
from slaworkbench.domain.model import Metric
from slaworkbench.store.ola.sla_holders import NOBODY, StoppedSlaCycles
from tests.support.derived_rows import HELD_OLA_PIECES, HELD_PIECES
from tests.support.examples import share_of_examples
from tests.support.holder_reads import tally as reference_tally
from tests.support.ola_workspace import ola_workspace

PERIOD = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))

Cycle = tuple[bool, int, str | None, str | None, list[tuple[str | None, str | None, int]]]
"""breached, elapsed, agent and team at stop, (agent, team, seconds) held pieces."""


def _reference(cycles: list[Cycle]) -> tuple[tuple[HolderFigures, ...], ...]:
    def while_running(which: int) -> list[tuple[str | None, bool, int]]:
        samples = []
        for breached, _, _, _, held in cycles:
            shares: dict[str | None, int] = {}
            for piece in held:
                holder = piece[which]
                shares[holder] = shares.get(holder, 0) + piece[2]
            samples += [(h, breached, s) for h, s in shares.items() if s > 0]
        return samples

    return (
        reference_tally([(c[2], c[0], c[1]) for c in cycles]),
        reference_tally(while_running(0)),
        reference_tally([(c[3], c[0], c[1]) for c in cycles]),
        reference_tally(while_running(1)),
    )


def _figures(holders: SlaHolders) -> tuple[tuple[HolderFigures, ...], ...]:
    return (
        holders.agents_at_stop,
        holders.agents_while_running,
        holders.teams_at_stop,
        holders.teams_while_running,
    )


def _ints(values: list[int]) -> Any:
    return np.array(values, dtype=np.int64)


AGENTS = {1: "ana", 2: "Ana", 3: "bo", 4: "ANA", 5: "cy"}
TEAMS = {10: "Desk", 11: "desk", 12: "Apps"}
AGENT_IDS = st.sampled_from([NOBODY, 1, 2, 3, 4, 5, 99])  # 99: no such agent
TEAM_IDS = st.sampled_from([NOBODY, 10, 11, 12, 98])
PIECE = st.tuples(AGENT_IDS, TEAM_IDS, st.sampled_from([0, 1, 60, 600, 3600, 7200]))


def _told_shaped(ids: st.SearchStrategy[int]) -> st.SearchStrategy[Any]:
    """A cycle whose row tells its pieces (migration 0031): all of its team at stop, each
    held by its agent at stop or by none, summing to its business time."""

    def cycle(drawn: tuple[bool, int, int, list[tuple[bool, int]]]) -> Any:
        breached, agent, team, pieces = drawn
        held = [(agent if by_agent else NOBODY, team, s) for by_agent, s in pieces]
        return (breached, sum(s for *_, s in held), agent, team, held)

    seconds = st.sampled_from([1, 60, 600, 3600])
    return st.tuples(
        st.booleans(), ids, ids, st.lists(st.tuples(st.booleans(), seconds), max_size=4)
    ).map(cycle)


CYCLE = st.one_of(
    st.tuples(
        st.booleans(), st.integers(0, 100_000), AGENT_IDS, TEAM_IDS, st.lists(PIECE, max_size=5)
    ),
    _told_shaped(st.sampled_from([NOBODY, 1, 2, 3, 4, 5, 99])),
)


def _unassigned(cycle: Any) -> int:
    """What the writers record for a drawn cycle (``TicketClock.unassigned_seconds``):
    where every piece is of its team at stop, held by its agent at stop or by none, and
    they sum to its business time (held pieces have time: none below zero), the seconds
    of none; else ``NOBODY`` (NULL)."""
    _, elapsed, agent, team, held = cycle
    if any(t != team or a not in (NOBODY, agent) or s < 0 for a, t, s in held):
        return NOBODY
    if sum(s for *_, s in held) != elapsed:
        return NOBODY
    return sum(s for a, _, s in held if a == NOBODY)


def _part(drawn: list[Any], wanted: list[int]) -> StoppedSlaCycles:
    """The cycles ``wanted`` (indexes into ``drawn``, ascending) as one slice; cycle ``i``
    has clock id ``10 + 3 i``, its pieces ids above 1000 in (cycle, piece) order; a
    cycle whose row tells its pieces (``_unassigned``) has none, as the read gives it."""
    unassigned = [_unassigned(drawn[i]) for i in wanted]
    pieces = [
        (position, 1000 + 10 * i + k, *piece)
        for position, i in enumerate(wanted)
        if unassigned[position] == NOBODY
        for k, piece in enumerate(drawn[i][4])
    ]
    return StoppedSlaCycles(
        clock_id=_ints([10 + 3 * i for i in wanted]),
        breached=np.array([drawn[i][0] for i in wanted], dtype=np.bool_),
        elapsed=_ints([drawn[i][1] for i in wanted]),
        agent_at_stop=_ints([drawn[i][2] for i in wanted]),
        team_at_stop=_ints([drawn[i][3] for i in wanted]),
        unassigned=_ints(unassigned),
        piece_cycle=_ints([p[0] for p in pieces]),
        piece_id=_ints([p[1] for p in pieces]),
        piece_agent=_ints([p[2] for p in pieces]),
        piece_team=_ints([p[3] for p in pieces]),
        piece_seconds=_ints([p[4] for p in pieces]),
    )


@share_of_examples(0.5)
@given(st.lists(CYCLE, max_size=40), st.lists(st.booleans(), min_size=40, max_size=40))
def test_columns_tally_as_the_cycle_records_did(drawn: list[Any], later: list[bool]) -> None:
    """In two slices (as stop time slices them: each holds cycles of any id), the
    columns give what the records in clock id order gave."""
    parts = [
        _part(drawn, [i for i in range(len(drawn)) if later[i] == flag]) for flag in (True, False)
    ]
    holders = sla_holders_of(parts, AGENTS, TEAMS, Metric.RESOLUTION, 0, 1)
    assert _figures(holders) == _reference(_named(drawn, AGENTS, TEAMS))
    assert holders.measured == bool(drawn)


def _named(drawn: list[Any], agents: dict[int, str], teams: dict[int, str]) -> list[Cycle]:
    """The drawn cycles as records: ids by name (``None``: an id without a name)."""
    return [
        (
            late,
            elapsed,
            agents.get(agent),
            teams.get(team),
            [(agents.get(a), teams.get(t), s) for a, t, s in held],
        )
        for late, elapsed, agent, team, held in drawn
    ]


LARGE_ID = TABLE_IDS + 7
"""An id above those ``Holders`` looks up in a table: coded by binary search."""
IDS = [1, 2, 3, 5, 40, LARGE_ID]
NAMES = ["ana", "Ana", "ANA", "bo", "Bo", "cy"]  # folding alike in threes and twos
DRAWN_ID = st.sampled_from([NOBODY, 99, *IDS])  # 99: never named
DRAWN_PIECE = st.tuples(DRAWN_ID, DRAWN_ID, st.sampled_from([-600, -1, 0, 1, 60, 600, 7200]))
DRAWN_CYCLE = st.one_of(
    st.tuples(
        st.booleans(),
        st.integers(0, 100_000),
        DRAWN_ID,
        DRAWN_ID,
        st.lists(DRAWN_PIECE, max_size=6),
    ),
    _told_shaped(DRAWN_ID),
)


def _names(ids: list[int], names: list[str]) -> dict[int, str]:
    return dict(zip(ids, names, strict=False))  # names are unique, as stored


@share_of_examples(0.5)
@given(
    st.lists(DRAWN_CYCLE, max_size=40),
    st.lists(st.integers(0, 3), min_size=40, max_size=40),
    st.lists(st.sampled_from(IDS), unique=True),
    st.permutations(NAMES),
    st.lists(st.sampled_from(IDS), unique=True),
    st.permutations(NAMES),
)
def test_the_tally_is_the_plain_tally_of_drawn_names_and_slices(
    drawn: list[Any],
    slice_of: list[int],
    agent_ids: list[int],
    agent_names: list[str],
    team_ids: list[int],
    team_names: list[str],
) -> None:
    """Drawn names (folding alike, an id coded by search rather than the table, ids
    without one, nobody) and four slices (some empty, a holder in several): the
    figures are the plain tally's, with pieces held for no time or less (summed per
    holder of a cycle) dropped."""
    agents, teams = _names(agent_ids, agent_names), _names(team_ids, team_names)
    parts = [_part(drawn, [i for i in range(len(drawn)) if slice_of[i] == k]) for k in range(4)]
    holders = sla_holders_of(parts, agents, teams, Metric.RESOLUTION, 0, 1)
    assert _figures(holders) == _reference(_named(drawn, agents, teams))


TEAM_NAMES = {10: "Desk", 11: "desk", 12: "Apps", 13: "Desk"}  # 13: a second "Desk"


@given(
    st.lists(
        st.tuples(
            st.sampled_from([NOBODY, 10, 11, 12, 13, 98]),
            st.booleans(),
            st.integers(0, 9),
            st.booleans(),
        )
    ),
    st.dictionaries(st.sampled_from(["Desk", "desk", "Apps", "Net"]), st.integers(1, 5)),
)
def test_a_tally_by_name_in_slices_as_the_samples_were(
    samples: list[tuple[int, bool, int, bool]], running: dict[str, int]
) -> None:
    """Ids tallied by their names, given in two slices, as the OLA reading tallied
    (name, breached, seconds) samples one by one: ids of one name together, unknown ids
    nobody, running names first."""
    holders = Holders(TEAM_NAMES)
    tally = HolderTally(holders)
    for flag in (True, False):
        part = [(i, s) for i, s in enumerate(samples) if s[3] == flag]
        tally.add(
            holders.of(_ints([s[0] for _, s in part])),
            np.array([s[1] for _, s in part], dtype=np.bool_),
            _ints([s[2] for _, s in part]),
            _ints([i for i, _ in part]),
        )
    figures = tally.figures(running)
    named = [(TEAM_NAMES.get(i), late, seconds) for i, late, seconds, _ in samples]
    assert figures == reference_tally(named, running)


@given(
    st.lists(
        st.tuples(
            st.sampled_from([NOBODY, 10, 11, 12, 13, 98]),
            st.booleans(),
            st.integers(0, 1 << 33),
            st.integers(0, 3),
        )
    ),
    st.dictionaries(st.sampled_from(["Desk", "desk", "Apps", "Net"]), st.integers(1, 5)),
)
def test_a_tally_of_kept_rows_and_slices_is_the_tally_of_the_samples(
    samples: list[tuple[int, bool, int, int]], running: dict[str, int]
) -> None:
    """Samples given as slices (groups 0 and 1, in any order of holders) and as kept
    rows, one per holder of a span (groups 2 and 3, as ``store.ola.held_samples``
    keeps them; seconds past 32 bits in some), in turn: the figures are those of the
    samples tallied one by one."""
    holders = Holders(TEAM_NAMES)
    tally = HolderTally(holders)
    for group in range(4):
        part = [(i, s) for i, s in enumerate(samples) if s[3] == group]
        if group < 2:
            tally.add(
                holders.of(_ints([s[0] for _, s in part])),
                np.array([s[1] for _, s in part], dtype=np.bool_),
                _ints([s[2] for _, s in part]),
                _ints([i for i, _ in part]),
            )
            continue
        rows: dict[int, list[tuple[int, tuple[int, bool, int, int]]]] = {}
        for i, sample in part:
            rows.setdefault(sample[0], []).append((i, sample))
        kept = list(rows.values())
        seconds = [s[2] for row in kept for _, s in row]
        tally.add_kept(
            holders.of(_ints([row[0][1][0] for row in kept])),
            _ints([len(row) for row in kept]),
            _ints([sum(s[1] for _, s in row) for row in kept]),
            _ints([row[0][0] for row in kept]),
            np.array(seconds, dtype=np.int64 if any(v >> 31 for v in seconds) else np.int32),
        )
    figures = tally.figures(running)
    named = [(TEAM_NAMES.get(i), late, seconds) for i, late, seconds, _ in samples]
    assert figures == reference_tally(named, running)


CYCLES = """
SELECT c.state = 'breached', c.elapsed, a.name, t.name, c.id
FROM ticket_clocks c
JOIN tickets k ON k.id = c.ticket_id
LEFT JOIN agents a ON a.id = c.stop_agent_id
LEFT JOIN teams t ON t.id = c.stop_team_id
WHERE c.metric = :metric AND c.stopped_at >= :start AND c.stopped_at < :end
  AND (:team IS NULL OR k.team_id IN (SELECT id FROM teams WHERE name = :team))
  AND (:priority IS NULL OR k.priority = :priority)
ORDER BY c.id
"""
HELD = f"""
SELECT a.name, t.name, h.seconds FROM {HELD_PIECES} h
LEFT JOIN agents a ON a.id = h.agent_id
LEFT JOIN teams t ON t.id = h.team_id
WHERE h.clock_id = :clock ORDER BY h.piece
"""


def test_a_stored_workspace_reads_as_the_cycle_records_did(tmp_path: Path) -> None:
    workspace = ola_workspace(tmp_path, tickets=120, sla=True).workspace
    try:
        with workspace.session(write=True) as session:  # names that fold alike
            session.execute(text("UPDATE agents SET name = 'ANA' WHERE name = 'bo'"))
            session.execute(text("UPDATE teams SET name = 'desk' WHERE name = 'Apps'"))
        start, end = period_bounds(PERIOD)
        narrowings = [(None, None), ("Desk", None), (None, "high")]  # the ticket's team, priority
        for metric, (team, priority) in itertools.product(
            (Metric.FIRST_RESPONSE, Metric.RESOLUTION), narrowings
        ):
            query = {"metric": metric.value, "start": start, "end": end}
            query |= {"team": team, "priority": priority}
            with workspace.session() as session:
                records: list[Cycle] = [
                    (
                        bool(late),
                        int(elapsed),
                        agent,
                        team_name,
                        [
                            (a, t, int(s))
                            for a, t, s in session.execute(text(HELD), {"clock": clock_id})
                        ],
                    )
                    for late, elapsed, agent, team_name, clock_id in session.execute(
                        text(CYCLES), query
                    )
                ]
            narrowed = Filters(PERIOD.date_from, PERIOD.date_to, team, priority=priority)
            holders = sla_holders(workspace, narrowed, metric)
            assert len(records) > (20 if team is None and priority is None else 2)
            assert _figures(holders) == _reference(records)
            if team is None and priority is None:
                assert {"ana", "ANA"} <= {f.name for f in holders.agents_while_running}
        empty = sla_holders(workspace, Filters(dt.date(2020, 1, 1), dt.date(2020, 1, 31)))
        assert _figures(empty) == ((), (), (), ()) and not empty.measured
    finally:
        workspace.close()


OLA_CYCLES = """
SELECT c.id, t.name, c.state = 'breached', c.elapsed, a.name
FROM ticket_ola_cycles c
JOIN teams t ON t.id = c.team_id
JOIN tickets k ON k.id = c.ticket_id
LEFT JOIN agents a ON a.id = c.holder_at_stop_id
WHERE c.stopped_at >= :start AND c.stopped_at < :end
  AND (:team IS NULL OR t.name = :team) AND (:priority IS NULL OR k.priority = :priority)
ORDER BY c.id
"""
OLA_HELD = f"""
SELECT a.name, h.seconds FROM {HELD_OLA_PIECES} h LEFT JOIN agents a ON a.id = h.agent_id
WHERE h.cycle_id = :cycle ORDER BY h.piece
"""
OLA_RUNNING = """
SELECT t.name, COUNT(*) FROM ticket_ola_cycles c JOIN teams t ON t.id = c.team_id
JOIN tickets k ON k.id = c.ticket_id
WHERE c.stopped_at IS NULL
  AND (:team IS NULL OR t.name = :team) AND (:priority IS NULL OR k.priority = :priority)
GROUP BY t.name
"""


def test_ola_accountability_reads_as_the_cycle_records_did(tmp_path: Path) -> None:
    workspace = ola_workspace(tmp_path, tickets=120).workspace
    try:
        with workspace.session(write=True) as session:  # names that fold alike
            session.execute(text("UPDATE agents SET name = 'ANA' WHERE name = 'bo'"))
            session.execute(text("UPDATE teams SET name = 'desk' WHERE name = 'Apps'"))
        start, end = period_bounds(PERIOD)
        for team, priority in [(None, None), ("desk", None), (None, "high")]:
            query = {"start": start, "end": end, "team": team, "priority": priority}
            with workspace.session() as session:
                cycles = session.execute(text(OLA_CYCLES), query).all()
                held = {
                    row[0]: session.execute(text(OLA_HELD), {"cycle": row[0]}).all()
                    for row in cycles
                }
                running = {name: int(n) for name, n in session.execute(text(OLA_RUNNING), query)}
            narrowed = Filters(PERIOD.date_from, PERIOD.date_to, team, priority=priority)
            figures = ola_accountability(workspace, narrowed)
            assert len(cycles) > 5 and running
            assert figures.teams == reference_tally(
                [(name, bool(late), int(elapsed)) for _, name, late, elapsed, _ in cycles],
                running,
            )
            assert figures.agents_at_stop == reference_tally(
                [(agent, bool(late), int(elapsed)) for _, _, late, elapsed, agent in cycles]
            )
            assert figures.agents_while_running == reference_tally(
                [
                    (agent, bool(late), int(seconds))
                    for cycle_id, _, late, _, _ in cycles
                    for agent, seconds in held[cycle_id]
                ]
            )
            if team is None:
                assert {"Desk", "desk"} <= {f.name for f in figures.teams}
    finally:
        workspace.close()
