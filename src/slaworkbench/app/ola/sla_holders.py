"""Who held the SLA clocks: compliance, breaches, median and P90 business time of one
metric per agent and per team over a period, in both readings, always labelled
(docs/SLA_SEMANTICS.md, "Who held an SLA clock"):

- ``at_stop`` — by the holder when the cycle stopped: each cycle counts once, for the
  agent and the team holding it then; business time is the cycle's;
- ``while_running`` — by the holders while the clock ran: each agent (team) who held the
  running clock for some business time counts the cycle once, with the share they held
  (their pieces of the cycle summed).

Every figure counts cycles that *stopped* in the period; the per-holder arithmetic is the
OLA reading's (``app.ola.accountability.tally``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from slaworkbench.app.analytics.filters import Filters, Source, period_bounds, session_of
from slaworkbench.app.ola.accountability import HolderFigures, tally
from slaworkbench.domain.model import Metric
from slaworkbench.store.ola.sla_holders import StoppedSlaCycle, stopped_sla_cycles

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


def _while_running(
    cycles: list[StoppedSlaCycle], kind: str
) -> Iterator[tuple[str | None, bool, int]]:
    for cycle in cycles:
        shares: dict[str | None, int] = {}
        for agent, team, seconds in cycle.held:
            holder = agent if kind == AGENT else team
            shares[holder] = shares.get(holder, 0) + seconds
        for holder, seconds in shares.items():
            if seconds > 0:
                yield holder, cycle.breached, seconds


def sla_holders_of(
    cycles: list[StoppedSlaCycle], metric: Metric, start_at: int, end_at: int
) -> SlaHolders:
    return SlaHolders(
        metric,
        start_at,
        end_at,
        tally((c.agent_at_stop, c.breached, c.elapsed) for c in cycles),
        tally(_while_running(cycles, AGENT)),
        tally((c.team_at_stop, c.breached, c.elapsed) for c in cycles),
        tally(_while_running(cycles, TEAM)),
    )


def sla_holders(source: Source, filters: Filters, metric: Metric = Metric.RESOLUTION) -> SlaHolders:
    """The period's figures of ``metric`` per agent and per team (team, customer and
    priority of ``filters``: the tickets' current ones)."""
    start_at, end_at = period_bounds(filters)
    narrowing = {"team": filters.team, "customer": filters.customer, "priority": filters.priority}
    with session_of(source) as session:
        cycles = stopped_sla_cycles(session, metric.value, start_at, end_at, **narrowing)
    return sla_holders_of(cycles, metric, start_at, end_at)
