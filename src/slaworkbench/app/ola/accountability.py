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

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from slaworkbench.app.analytics.filters import Filters, Source, period_bounds, session_of
from slaworkbench.store.ola.accountability import (
    PIECE_ORDER,
    StoppedOlaCycles,
    running_ola_counts,
    stopped_ola_slices,
)
from slaworkbench.store.ola.sla_holders import every_name

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


_INT32 = np.iinfo(np.int32)


def _figures(
    name: str | None, late: int, values: npt.NDArray[np.float64], running: int
) -> HolderFigures:
    median = p90 = None
    if values.size:
        p50, p9 = np.percentile(values, [50, 90])
        median, p90 = round(float(p50)), round(float(p9))
    return HolderFigures(name, values.size, values.size - late, late, median, p90, running)


def _order(figures: HolderFigures) -> tuple[int, str]:
    return (0, figures.name.casefold()) if figures.name is not None else (1, "")


class HolderTally:
    """Figures per holder of samples given a slice of cycles at a time — per sample the
    holder's id, whether the cycle breached, the business seconds and its place in the
    reading's order (``first``) — one sample per cycle the holder counts. Only each
    holder's business seconds are kept (for the median and P90); counts are summed as
    slices come. Shared by the OLA and SLA readings."""

    def __init__(self) -> None:
        self._late: dict[Hashable, int] = {}
        self._first: dict[Hashable, int] = {}
        self._values: dict[Hashable, list[npt.NDArray[np.int64] | npt.NDArray[np.int32]]] = {}

    def add(
        self,
        ids: npt.NDArray[np.int64],
        key_of: Callable[[int], Hashable],
        late: npt.NDArray[np.bool_],
        seconds: npt.NDArray[np.int64],
        first: npt.NDArray[np.int64],
    ) -> None:
        """Add samples; ``key_of`` gives the holder an id counts for (ids of one key are
        one holder: the OLA reading tallies agents by name)."""
        if seconds.size and _INT32.min <= seconds.min() and seconds.max() <= _INT32.max:
            seconds = seconds.astype(np.int32)  # half the memory; the same values
        held, inverse = np.unique(ids, return_inverse=True)
        order = np.argsort(inverse.reshape(-1))  # a holder's samples in any order
        bounds = np.searchsorted(inverse.reshape(-1)[order], np.arange(held.size + 1))
        for index, held_id in enumerate(held.tolist()):
            part = order[bounds[index] : bounds[index + 1]]
            key = key_of(held_id)
            self._late[key] = self._late.get(key, 0) + int(np.count_nonzero(late[part]))
            earliest = int(first[part].min())
            self._first[key] = min(self._first.get(key, earliest), earliest)
            self._values.setdefault(key, []).append(seconds[part])

    def figures(
        self,
        name_of: Callable[[Hashable], str | None],
        running: dict[str, int] | None = None,
    ) -> tuple[HolderFigures, ...]:
        """Ordered by name with nobody last, holders whose names fold alike in the order
        they first appear; every holder of ``running`` (a name, with its count of cycles
        not stopped yet) gets a figure and comes first in that order."""
        running = running or {}
        keys: list[Hashable] = list(running)
        keys += sorted((k for k in self._first if k not in running), key=self._first.__getitem__)
        figures = []
        for key in keys:
            name = name_of(key)
            pieces = self._values.get(key, [])
            values = np.concatenate(pieces).astype(np.float64) if pieces else np.zeros(0)
            count = running.get(name, 0) if name is not None else 0
            figures.append(_figures(name, self._late.get(key, 0), values, count))
        return tuple(sorted(figures, key=_order))


def accountability_of(
    parts: Iterable[StoppedOlaCycles],
    teams: dict[int, str],
    agents: dict[int, str],
    running: dict[str, int],
    start_at: int,
    end_at: int,
) -> OlaAccountability:
    """The figures of the cycles in ``parts``; ``teams`` and ``agents`` name their ids
    (an id without a name: nobody; agents of one name: one holder)."""
    per_team, at_stop, while_running = HolderTally(), HolderTally(), HolderTally()
    for part in parts:
        per_team.add(part.team, teams.get, part.breached, part.elapsed, part.cycle_id)
        at_stop.add(part.holder_at_stop, agents.get, part.breached, part.elapsed, part.cycle_id)
        while_running.add(
            part.piece_agent,
            agents.get,
            part.breached[part.piece_cycle],
            part.piece_seconds,
            part.cycle_id[part.piece_cycle] * PIECE_ORDER + part.piece_id,
        )

    def named(key: Hashable) -> str | None:
        return key if isinstance(key, str) else None

    return OlaAccountability(
        start_at,
        end_at,
        per_team.figures(named, running),
        at_stop.figures(named),
        while_running.figures(named),
    )


def ola_accountability(source: Source, filters: Filters) -> OlaAccountability:
    """The period's OLA figures per team and per agent (``filters.team``: that team's
    cycles; customer and priority: the tickets' current ones)."""
    start_at, end_at = period_bounds(filters)
    narrowing = {"team": filters.team, "customer": filters.customer, "priority": filters.priority}
    with session_of(source) as session:
        running = running_ola_counts(session, **narrowing)
        teams, agents = every_name(session, "team"), every_name(session, "agent")
        parts = stopped_ola_slices(session, start_at, end_at, **narrowing)
        return accountability_of(parts, teams, agents, running, start_at, end_at)
