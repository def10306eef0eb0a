"""Who holds the clock: OLA compliance, breaches, median and P90 business time per team
and per agent over a period (docs/SLA_SEMANTICS.md, "Team agreements (OLAs)").

Every figure counts OLA cycles that *stopped* in the period. Per team: the team whose
cycle it is (a cycle belongs to one team). Per agent, two readings, always labelled:

- ``at_stop`` — by the assignee when the cycle stopped: each cycle counts once, for the
  agent holding it then (``None`` = unassigned); business time is the cycle's;
- ``while_running`` — by the assignees while the clock ran: each agent who held the
  running clock for some business time counts the cycle (a cycle may count for several
  agents), and their business time is the share they held.

Compliance = achieved / (achieved + breached); median and P90 interpolate linearly
(``numpy.percentile``), like the response-time distributions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from slaworkbench.app.analytics.filters import Filters, Source, period_bounds, session_of
from slaworkbench.store.ola.accountability import (
    StoppedOlaCycle,
    running_ola_counts,
    stopped_ola_cycles,
)

AT_STOP = "at_stop"
WHILE_RUNNING = "while_running"


@dataclass(frozen=True, slots=True)
class HolderFigures:
    name: str | None
    """The team or agent (``None``: unassigned)."""
    cycles: int
    achieved: int
    breached: int
    median: int | None
    p90: int | None
    running: int = 0
    """Cycles not stopped yet (per team only)."""

    @property
    def compliance(self) -> float | None:
        return self.achieved / self.cycles if self.cycles else None


@dataclass(frozen=True, slots=True)
class OlaAccountability:
    start_at: int
    end_at: int
    teams: tuple[HolderFigures, ...]
    agents_at_stop: tuple[HolderFigures, ...]
    agents_while_running: tuple[HolderFigures, ...]

    @property
    def measured(self) -> bool:
        return bool(self.teams)


def _figures(
    name: str | None, samples: Iterable[tuple[bool, int]], running: int = 0
) -> HolderFigures:
    items = list(samples)
    breached = sum(1 for late, _ in items if late)
    values = np.array([seconds for _, seconds in items], dtype=np.float64)
    median = p90 = None
    if values.size:
        p50, p9 = np.percentile(values, [50, 90])
        median, p90 = round(float(p50)), round(float(p9))
    return HolderFigures(name, len(items), len(items) - breached, breached, median, p90, running)


def _order(figures: HolderFigures) -> tuple[int, str]:
    return (0, figures.name.casefold()) if figures.name is not None else (1, "")


def tally(
    samples: Iterable[tuple[str | None, bool, int]], running: dict[str, int] | None = None
) -> tuple[HolderFigures, ...]:
    """Figures per holder of ``(holder, breached, business seconds)`` samples (one per
    cycle the holder counts), ordered by name with nobody last; ``running`` adds holders
    with cycles not stopped yet and their count. Shared by the OLA and SLA readings."""
    running = running or {}
    groups: dict[str | None, list[tuple[bool, int]]] = {name: [] for name in running}
    for holder, late, seconds in samples:
        groups.setdefault(holder, []).append((late, seconds))
    return tuple(
        sorted(
            (_figures(n, s, running.get(n, 0) if n is not None else 0) for n, s in groups.items()),
            key=_order,
        )
    )


def accountability_of(
    cycles: list[StoppedOlaCycle], running: dict[str, int], start_at: int, end_at: int
) -> OlaAccountability:
    return OlaAccountability(
        start_at,
        end_at,
        tally(((c.team, c.breached, c.elapsed) for c in cycles), running),
        tally((c.holder_at_stop, c.breached, c.elapsed) for c in cycles),
        tally((h, c.breached, seconds) for c in cycles for h, seconds in c.held),
    )


def ola_accountability(source: Source, filters: Filters) -> OlaAccountability:
    """The period's OLA figures per team and per agent (``filters.team``: that team's
    cycles; customer and priority: the tickets' current ones)."""
    start_at, end_at = period_bounds(filters)
    narrowing = {"team": filters.team, "customer": filters.customer, "priority": filters.priority}
    with session_of(source) as session:
        cycles = stopped_ola_cycles(session, start_at, end_at, **narrowing)
        running = running_ola_counts(session, **narrowing)
    return accountability_of(cycles, running, start_at, end_at)
