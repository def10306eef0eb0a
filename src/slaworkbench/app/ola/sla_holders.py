"""Who held the SLA clocks: compliance, breaches, median and P90 business time of one
metric per agent and per team over a period, in both readings, always labelled
(docs/SLA_SEMANTICS.md, "Who held an SLA clock"):

- ``at_stop`` — by the holder when the cycle stopped: each cycle counts once, for the
  agent and the team holding it then; business time is the cycle's;
- ``while_running`` — by the holders while the clock ran: each agent (team) who held the
  running clock for some business time counts the cycle once, with the share they held
  (their pieces of the cycle summed).

Every figure counts cycles that *stopped* in the period; the per-holder arithmetic is the
OLA reading's (``app.ola.accountability.tally_columns``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from slaworkbench.app.analytics.filters import Filters, Source, period_bounds, session_of
from slaworkbench.app.ola.accountability import HolderFigures, tally_columns
from slaworkbench.domain.model import Metric
from slaworkbench.store.ola.sla_holders import (
    NOBODY,
    StoppedSlaCycles,
    holder_names,
    stopped_sla_cycles,
)

Int64Array = npt.NDArray[np.int64]

AGENT, TEAM = "agent", "team"
"""Who a figure is of: an agent or a team."""


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


def _tallied(
    ids: Int64Array, breached: npt.NDArray[np.bool_], seconds: Int64Array, names: dict[int, str]
) -> tuple[HolderFigures, ...]:
    """``tally_columns`` of samples whose holders are agent or team ids (``NOBODY``, or
    an id without a name: nobody), in the order the samples come."""
    known = np.fromiter(names, dtype=np.int64, count=len(names))
    ids = np.where(np.isin(ids, known), ids, NOBODY)
    held, first, codes = np.unique(ids, return_index=True, return_inverse=True)
    by_appearance = np.argsort(first, kind="stable")
    rank = np.empty_like(by_appearance)
    rank[by_appearance] = np.arange(by_appearance.size)
    return tally_columns(
        rank[codes.reshape(-1)],
        breached,
        seconds,
        [names.get(int(held_id)) for held_id in held[by_appearance]],
    )


def _while_running(
    cycles: StoppedSlaCycles, ids: Int64Array, names: dict[int, str]
) -> tuple[HolderFigures, ...]:
    """Per holder (``ids``: each piece's agent or team), one sample per cycle it held
    some running business time of: its pieces of the cycle summed, kept when positive;
    samples come by cycle, and within one by the holder's first piece."""
    if not ids.size:
        return ()
    known = np.fromiter(names, dtype=np.int64, count=len(names))
    ids = np.where(np.isin(ids, known), ids, NOBODY)
    held, holder = np.unique(ids, return_inverse=True)
    key = cycles.piece_cycle * held.size + holder.reshape(-1)
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
    shares = np.add.reduceat(cycles.piece_seconds[order], starts)
    first = order[starts]
    kept = np.argsort(first[shares > 0], kind="stable")
    first, shares = first[shares > 0][kept], shares[shares > 0][kept]
    return _tallied(ids[first], cycles.breached[cycles.piece_cycle[first]], shares, names)


def sla_holders_of(
    cycles: StoppedSlaCycles,
    agents: dict[int, str],
    teams: dict[int, str],
    metric: Metric,
    start_at: int,
    end_at: int,
) -> SlaHolders:
    """The figures of ``cycles``; ``agents`` and ``teams`` name their ids."""
    return SlaHolders(
        metric,
        start_at,
        end_at,
        _tallied(cycles.agent_at_stop, cycles.breached, cycles.elapsed, agents),
        _while_running(cycles, cycles.piece_agent, agents),
        _tallied(cycles.team_at_stop, cycles.breached, cycles.elapsed, teams),
        _while_running(cycles, cycles.piece_team, teams),
    )


def sla_holders(source: Source, filters: Filters, metric: Metric = Metric.RESOLUTION) -> SlaHolders:
    """The period's figures of ``metric`` per agent and per team (team, customer and
    priority of ``filters``: the tickets' current ones)."""
    start_at, end_at = period_bounds(filters)
    narrowing = {"team": filters.team, "customer": filters.customer, "priority": filters.priority}
    with session_of(source) as session:
        cycles = stopped_sla_cycles(session, metric.value, start_at, end_at, **narrowing)
        agents = holder_names(
            session, "agent", np.union1d(cycles.agent_at_stop, cycles.piece_agent).tolist()
        )
        teams = holder_names(
            session, "team", np.union1d(cycles.team_at_stop, cycles.piece_team).tolist()
        )
    return sla_holders_of(cycles, agents, teams, metric, start_at, end_at)
