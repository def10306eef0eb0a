"""Who held the SLA clocks: compliance, breaches, median and P90 business time of one
metric per agent and per team over a period, in both readings, always labelled
(docs/SLA_SEMANTICS.md, "Who held an SLA clock"):

- ``at_stop`` — by the holder when the cycle stopped: each cycle counts once, for the
  agent and the team holding it then; business time is the cycle's;
- ``while_running`` — by the holders while the clock ran: each agent (team) who held the
  running clock for some business time counts the cycle once, with the share they held
  (their pieces of the cycle summed).

Every figure counts cycles that *stopped* in the period; the per-holder arithmetic is the
OLA reading's (``app.ola.accountability.HolderTally``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

from slaworkbench.app.analytics.filters import Filters, Source, period_bounds, session_of
from slaworkbench.app.ola.accountability import (
    AGENT,
    KINDS,
    TEAM,
    HolderFigures,
    Holders,
    HolderTally,
    Samples,
    add_kept_samples,
)
from slaworkbench.domain.model import Metric
from slaworkbench.store.analytics.facts import aggregates_in_use
from slaworkbench.store.ola.accountability import PIECE_ORDER
from slaworkbench.store.ola.held_samples import KeptSamples, split_period
from slaworkbench.store.ola.sla_holders import (
    NOBODY,
    StoppedSlaCycles,
    every_name,
    stopped_sla_slices,
)
from slaworkbench.store.schema import SAMPLED_METRICS

Int64Array = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class SlaHolders:
    metric: Metric
    start_at: int
    end_at: int
    agents_at_stop: tuple[HolderFigures, ...]
    agents_while_running: tuple[HolderFigures, ...]
    teams_at_stop: tuple[HolderFigures, ...]
    teams_while_running: tuple[HolderFigures, ...]

    @property
    def measured(self) -> bool:
        return bool(self.agents_at_stop)


READINGS = (0, 1)
"""The readings, as ``held_samples`` numbers them: 0 by the holder at stop, 1 by the
holders while the clock ran."""


def _while_running(part: StoppedSlaCycles, ids: Int64Array) -> Samples:
    """Per holder (``ids``: each piece's), one sample per cycle it held some running
    business time of: its id, the cycle's verdict, its pieces of the cycle summed (kept
    when positive) and its place (the cycle's id, then the holder's first piece's)."""
    if not ids.size:
        empty = np.zeros(0, dtype=np.int64)
        return empty, np.zeros(0, dtype=np.bool_), empty, empty
    key = part.piece_cycle * (int(ids.max()) + 2) + (ids + 1)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    shares = np.add.reduceat(part.piece_seconds[order], starts)
    first = order[starts][shares > 0]
    cycle = part.piece_cycle[first]
    place = part.clock_id[cycle] * PIECE_ORDER + part.piece_id[first]
    return ids[first], part.breached[cycle], shares[shares > 0], place


def _told(part: StoppedSlaCycles, kind: str, holders: Holders) -> Samples:
    """The "while running" samples of the cycles whose row tells them (``unassigned``,
    migration 0031), without their pieces: all of the team at stop, so per team the
    team's with the whole business time; per agent no agent's for the seconds
    unassigned, then the agent's at stop for the rest (one sample of no agent where the
    agent at stop is none) — those with time. Their places number the cycle's shares 0
    and 1, not by the stored pieces, but a holder's first place only orders holders
    whose names fold alike, who never share such a cycle."""
    told = part.unassigned >= 0
    elapsed, unassigned = part.elapsed, part.unassigned
    if kind == TEAM:
        cycle = np.flatnonzero(told & (elapsed > 0))
        return (
            part.team_at_stop[cycle],
            part.breached[cycle],
            elapsed[cycle],
            part.clock_id[cycle] * PIECE_ORDER,
        )
    agent = holders.named(part.agent_at_stop)
    someone = told & (agent != NOBODY)
    queued = np.flatnonzero(someone & (unassigned > 0))
    worked = np.flatnonzero(someone & (elapsed > unassigned))
    alone = np.flatnonzero(told & (agent == NOBODY) & (elapsed > 0))
    cycle = np.concatenate((queued, worked, alone))
    ids = np.concatenate(
        (np.full(queued.size, NOBODY, dtype=np.int64), agent[worked], agent[alone])
    )
    seconds = np.concatenate(
        (unassigned[queued], elapsed[worked] - unassigned[worked], elapsed[alone])
    )
    second = np.concatenate(
        (
            np.zeros(queued.size, np.int64),
            np.ones(worked.size, np.int64),
            np.zeros(alone.size, np.int64),
        )
    )
    return ids, part.breached[cycle], seconds, part.clock_id[cycle] * PIECE_ORDER + second


def samples_of(part: StoppedSlaCycles, kind: str, reading: int, holders: Holders) -> list[Samples]:
    """The samples of the cycles of ``part`` by ``kind`` in ``reading`` (``READINGS``);
    ``holders`` are the kind's (an id without a name counts as nobody: its pieces of a
    cycle are nobody's)."""
    if reading == 0:
        at_stop = part.agent_at_stop if kind == AGENT else part.team_at_stop
        return [(at_stop, part.breached, part.elapsed, part.clock_id)]
    pieces = part.piece_agent if kind == AGENT else part.piece_team
    return [_told(part, kind, holders), _while_running(part, holders.named(pieces))]


def sla_holders_of(
    parts: Iterable[StoppedSlaCycles],
    agents: dict[int, str],
    teams: dict[int, str],
    metric: Metric,
    start_at: int,
    end_at: int,
    kept: Iterable[KeptSamples] = (),
) -> SlaHolders:
    """The figures of the cycles in ``parts`` and of the samples ``kept`` per span;
    ``agents`` and ``teams`` name their ids (an id without a name: nobody)."""
    holders = {AGENT: Holders(agents), TEAM: Holders(teams)}
    readings = {
        (kind, reading): HolderTally(holders[kind]) for kind in KINDS for reading in READINGS
    }
    for part in parts:
        for (kind, reading), tally in readings.items():
            for ids, breached, seconds, place in samples_of(part, kind, reading, holders[kind]):
                tally.add(holders[kind].of(ids), breached, seconds, place)
    for samples in kept:
        add_kept_samples(readings, holders, samples)
    return SlaHolders(
        metric,
        start_at,
        end_at,
        readings[AGENT, 0].figures(),
        readings[AGENT, 1].figures(),
        readings[TEAM, 0].figures(),
        readings[TEAM, 1].figures(),
    )


def sla_holders(source: Source, filters: Filters, metric: Metric = Metric.RESOLUTION) -> SlaHolders:
    """The period's figures of ``metric`` per agent and per team (team, customer and
    priority of ``filters``: the tickets' current ones). Unnarrowed, the spans that lie
    whole in the period and are kept (``store.ola.held_samples``) are read from their
    samples, the rest of the period from the clock rows (all of it inside
    ``facts.from_clock_rows``, what the tests compare the samples' figures with)."""
    start_at, end_at = period_bounds(filters)
    narrowing = {"team": filters.team, "customer": filters.customer, "priority": filters.priority}
    with session_of(source) as session:
        agents, teams = every_name(session, AGENT), every_name(session, TEAM)
        ranges, kept = split_period(
            session.connection(),
            metric.value,
            start_at,
            end_at,
            narrowed=metric.value not in SAMPLED_METRICS
            or any(narrowing.values())
            or not aggregates_in_use(),
        )
        parts = chain.from_iterable(
            stopped_sla_slices(session, metric.value, low, high, **narrowing)
            for low, high in ranges
        )
        return sla_holders_of(parts, agents, teams, metric, start_at, end_at, kept)
