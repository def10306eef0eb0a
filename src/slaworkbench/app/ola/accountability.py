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
    HeldOlaPieces,
    StoppedOlaCycles,
    held_ola_slices,
    running_ola_counts,
    stopped_ola_slices,
)
from slaworkbench.store.ola.columns import Int64Array
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
_UINT16_MAX = int(np.iinfo(np.uint16).max)


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
        one holder: the OLA reading tallies agents by name). Grouped by id in numpy (a
        radix sort of each sample's holder number where there are few holders), so
        Python touches each holder of the slice once, never each sample."""
        if not ids.size:
            return
        if _INT32.min <= seconds.min() and seconds.max() <= _INT32.max:
            seconds = seconds.astype(np.int32)  # half the memory; the same values
        held, inverse = np.unique(ids, return_inverse=True)
        holder = inverse.reshape(-1)
        if held.size <= _UINT16_MAX:
            holder = holder.astype(np.uint16)  # sorted by radix: linear in the samples
        order = np.argsort(holder, kind="stable")
        counts = np.bincount(holder, minlength=held.size)
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        lates = np.bincount(holder[late], minlength=held.size)
        earliest = np.minimum.reduceat(first[order], starts)
        values = np.split(seconds[order], starts[1:])
        for held_id, count_late, first_place, part in zip(
            held.tolist(), lates.tolist(), earliest.tolist(), values, strict=True
        ):
            key = key_of(held_id)
            self._late[key] = self._late.get(key, 0) + count_late
            self._first[key] = min(self._first.get(key, first_place), first_place)
            self._values.setdefault(key, []).append(part)

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
    pieces_of: Callable[[Int64Array], Iterable[HeldOlaPieces]],
    teams: dict[int, str],
    agents: dict[int, str],
    running: dict[str, int],
    start_at: int,
    end_at: int,
) -> OlaAccountability:
    """The figures of the cycles in ``parts`` and of their held pieces, which
    ``pieces_of`` gives for ascending cycle ids; ``teams`` and ``agents`` name their ids
    (an id without a name: nobody; agents of one name: one holder)."""
    per_team, at_stop, while_running = HolderTally(), HolderTally(), HolderTally()
    ids: list[Int64Array] = []
    late: list[npt.NDArray[np.bool_]] = []
    for part in parts:
        per_team.add(part.team, teams.get, part.breached, part.elapsed, part.cycle_id)
        at_stop.add(part.holder_at_stop, agents.get, part.breached, part.elapsed, part.cycle_id)
        ids.append(part.cycle_id)
        late.append(part.breached)
    cycle_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    by_id = np.argsort(cycle_ids)  # unique ids
    cycle_ids = cycle_ids[by_id]
    breached = np.concatenate(late)[by_id] if late else np.zeros(0, dtype=np.bool_)
    for pieces in pieces_of(cycle_ids):
        while_running.add(
            pieces.agent,
            agents.get,
            breached[pieces.cycle],
            pieces.seconds,
            pieces.place,
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

        def pieces_of(cycle_ids: Int64Array) -> Iterable[HeldOlaPieces]:
            return held_ola_slices(session, cycle_ids)

        return accountability_of(parts, pieces_of, teams, agents, running, start_at, end_at)
