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

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
import numpy.typing as npt

from slaworkbench.app.analytics.filters import Filters, Source, period_bounds, session_of
from slaworkbench.store.analytics.facts import aggregates_in_use
from slaworkbench.store.ola.accountability import (
    NOBODY,
    PIECE_ORDER,
    HeldOlaPieces,
    StoppedOlaCycles,
    held_ola_slices,
    running_ola_counts,
    stopped_ola_slices,
)
from slaworkbench.store.ola.columns import Int64Array
from slaworkbench.store.ola.held_samples import OLA, KeptSamples, split_period
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


Codes = npt.NDArray[np.unsignedinteger[Any]]
"""Holder codes (``Holders``), of the smallest unsigned type that holds them."""

_PERCENTILES = (50, 90)
"""The median and P90."""

_INT32 = np.iinfo(np.int32)

TABLE_IDS = 1 << 22
"""Ids looked up in a table indexed by id below this (the database numbers them from 1:
a few hundred of them, a table of a few hundred entries); larger ones by binary search."""


class Holders:
    """Holder ids as dense codes, one per name (ids of one name are one holder: the OLA
    reading tallies agents by name; agent and team names are unique, so the SLA
    reading's holders by id are the same) and the last one ``nobody`` (ids without a
    name): a slice's ids are coded through a table, linear in the ids, where finding
    the slice's holders by sorting its ids (``numpy.unique``) is not."""

    def __init__(self, names: Mapping[int, str]) -> None:
        named = list(dict.fromkeys(names.values()))
        folded = Counter(name.casefold() for name in named)
        self.names: list[str | None] = [*named, None]
        self.nobody = len(named)
        # per code: whether another holder's name folds alike
        self.alike = np.array([folded[n.casefold()] > 1 for n in named] + [False], dtype=np.bool_)
        dtype = np.min_scalar_type(self.nobody)
        code = {name: k for k, name in enumerate(named)}
        self._ids = np.array(sorted(names), dtype=np.int64)
        self._codes = np.array([code[names[i]] for i in self._ids.tolist()], dtype=dtype)
        self._table: Codes | None = None
        if not self._ids.size or self._ids[-1] < TABLE_IDS:
            top = int(self._ids[-1]) if self._ids.size else 0
            # index id + 1: -1 (NOBODY) and ids above the largest clip to nobody's entries
            self._table = np.full(top + 3, self.nobody, dtype=dtype)
            self._table[self._ids + 1] = self._codes

    def of(self, ids: Int64Array) -> Codes:
        """The code of each id (an id without a name: ``nobody``)."""
        if self._table is not None:
            return self._table[np.clip(ids, -1, self._table.size - 2) + 1]
        at = np.minimum(np.searchsorted(self._ids, ids), self._ids.size - 1)
        return np.where(self._ids[at] == ids, self._codes[at], self.nobody)

    def named(self, ids: Int64Array) -> Int64Array:
        """The ids, those without a name made ``NOBODY`` (who they count as)."""
        return np.where(self.of(ids) == self.nobody, NOBODY, ids)


def _order(figures: HolderFigures) -> tuple[int, str]:
    return (0, figures.name.casefold()) if figures.name is not None else (1, "")


class HolderTally:
    """Figures per holder of samples given a slice of cycles at a time — per sample the
    holder's code (``Holders``), whether the cycle breached, the business seconds and
    its place in the reading's order (``first``; places are unique) — one sample per
    cycle the holder counts. Shared by the OLA and SLA readings. Counts are summed as
    slices come, and the first place kept of holders whose names fold alike (the only
    order it decides); the seconds are kept (a year at 1M tickets: a few million) and
    grouped by holder once, for every holder's median and P90 at once: no Python per
    holder of each slice."""

    def __init__(self, holders: Holders) -> None:
        self._holders = holders
        size = holders.nobody + 1
        self._counts = np.zeros(size, dtype=np.int64)
        self._late = np.zeros(size, dtype=np.int64)
        self._first = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
        self._runs: list[Codes] = []
        """The holder of each run of samples, run after run as added."""
        self._lengths: list[npt.NDArray[np.integer[Any]]] = []
        """Each run's count of samples."""
        self._seconds: list[npt.NDArray[np.signedinteger[Any]]] = []
        """The samples' seconds, run after run."""

    def add(
        self,
        codes: Codes,
        late: npt.NDArray[np.bool_],
        seconds: Int64Array,
        first: Int64Array,
    ) -> None:
        """Add samples."""
        size = self._counts.size
        self._counts += np.bincount(codes, minlength=size)
        self._late += np.bincount(codes[late], minlength=size)
        alike = self._holders.alike[codes]
        if alike.any():  # the first place orders only holders whose names fold alike
            np.minimum.at(self._first, codes[alike], first[alike])
        # the slice's samples in runs of one holder (a stable sort of small codes is a
        # radix sort, linear; the slices are the period's ends, the spans are kept)
        order = np.argsort(codes, kind="stable")
        ordered = codes[order]
        starts = np.flatnonzero(np.diff(ordered, prepend=-1)) if ordered.size else order
        self._runs.append(ordered[starts])
        self._lengths.append(np.diff(starts, append=ordered.size))
        seconds = seconds[order]
        if seconds.size and _INT32.min <= seconds.min() and seconds.max() <= _INT32.max:
            seconds = seconds.astype(np.int32)  # kept for the year: half the memory
        self._seconds.append(seconds)

    def add_kept(
        self,
        codes: Codes,
        cycles: Int64Array,
        late: Int64Array,
        first: Int64Array,
        seconds: npt.NDArray[np.int32],
    ) -> None:
        """Add samples kept per holder (``store.ola.held_samples``): per row a holder's
        code, its count of samples, how many breached and its first place; ``seconds``
        every row's samples one after the other."""
        size = self._counts.size
        self._counts += np.bincount(codes, weights=cycles, minlength=size).astype(np.int64)
        self._late += np.bincount(codes, weights=late, minlength=size).astype(np.int64)
        alike = self._holders.alike[codes]
        if alike.any():
            np.minimum.at(self._first, codes[alike], first[alike])
        self._runs.append(codes)  # a row's samples are one run already
        self._lengths.append(cycles)
        self._seconds.append(seconds)

    def figures(self, running: Mapping[str, int] | None = None) -> tuple[HolderFigures, ...]:
        """Ordered by name with nobody last, holders whose names fold alike in the order
        they first appear; every holder of ``running`` (a name, with its count of cycles
        not stopped yet) gets a figure and comes first in that order."""
        running = running or {}
        names = self._holders.names
        held = np.flatnonzero(self._counts)
        statistics = dict(zip(held.tolist(), self._statistics(held), strict=True))
        code = {name: k for k, name in enumerate(names)}

        def figure(name: str | None, k: int | None) -> HolderFigures:
            count = running.get(name, 0) if name is not None else 0
            if k is None or k not in statistics:  # a running name without a stopped cycle
                return HolderFigures(name, 0, 0, 0, None, None, count)
            cycles, late = int(self._counts[k]), int(self._late[k])
            return HolderFigures(name, cycles, cycles - late, late, *statistics[k], count)

        # first places order holders whose names fold alike; the others' names do
        in_order = held[np.argsort(self._first[held], kind="stable")].tolist()
        figures = [figure(name, code.get(name)) for name in running]
        figures += [figure(names[k], k) for k in in_order if names[k] not in running]
        return tuple(sorted(figures, key=_order))

    def _statistics(self, held: npt.NDArray[np.intp]) -> list[tuple[int, int]]:
        """The median and P90 of each of the ``held`` codes (ascending). The samples
        were added in runs of one holder (a kept row is one; a slice is sorted into
        runs as it comes), so each holder's samples are its runs put together, with no
        sort of the year's samples (at 1M tickets that sort, a few million codes, was
        most of this), then partitioned by ``numpy.percentile`` itself: a percentile
        depends only on the run's values, not their order."""
        if not held.size:
            return []
        runs = np.concatenate(self._runs) if self._runs else np.zeros(0, dtype=np.intp)
        lengths = np.concatenate(self._lengths).astype(np.intp) if self._lengths else runs
        ends = np.cumsum(lengths)
        # the seconds stay 32-bit when every slice's are (the year's are held twice
        # over here: as added, then one holder's at a time)
        values = np.concatenate(self._seconds)
        by_holder = np.argsort(runs, kind="stable")  # runs, not samples: a few thousand
        bounds = np.searchsorted(runs[by_holder], held, side="left").tolist()
        bounds.append(by_holder.size)
        figures = []
        for k in range(held.size):
            pieces = [
                values[end - length : end]
                for end, length in zip(
                    ends[by_holder[bounds[k] : bounds[k + 1]]].tolist(),
                    lengths[by_holder[bounds[k] : bounds[k + 1]]].tolist(),
                    strict=True,
                )
                if length
            ]
            median, p90 = np.percentile(np.concatenate(pieces), _PERCENTILES)
            figures.append((round(float(median)), round(float(p90))))
        return figures


def _told_pieces(
    part: StoppedOlaCycles, told: npt.NDArray[np.bool_]
) -> tuple[Int64Array, npt.NDArray[np.bool_], Int64Array, Int64Array]:
    """The "while running" samples of the ``told`` cycles of ``part``, from their rows
    alone (``unassigned_seconds``, migration 0032): a piece of no agent for the seconds
    unassigned, then one of the holder at stop for the rest, those with time, as their
    stored pieces are read (holder id, verdict, seconds, place). Their numbers (0, 1)
    are not the stored ones, but a holder's first place only orders holders whose names
    fold alike, who never share such a cycle."""
    unassigned = part.unassigned
    queued = np.flatnonzero(told & (unassigned > 0))
    worked = np.flatnonzero(told & (part.holder_at_stop != NOBODY) & (part.elapsed > unassigned))
    held = np.concatenate((queued, worked))
    holder = np.concatenate((np.full(queued.size, NOBODY), part.holder_at_stop[worked]))
    seconds = np.concatenate((unassigned[queued], part.elapsed[worked] - unassigned[worked]))
    place = part.cycle_id[held] * PIECE_ORDER + (np.arange(held.size) >= queued.size)
    return holder, part.breached[held], seconds, place


AGENT, TEAM = "agent", "team"
"""Who a figure is of: an agent or a team."""
KINDS = (AGENT, TEAM)
"""The holders, in ``held_samples``' order (``kind`` 0 agents, 1 teams)."""

Samples = tuple[Int64Array, npt.NDArray[np.bool_], Int64Array, Int64Array]
"""One sample per (cycle, holder) a reading counts: the holder's id (``NOBODY``: nobody),
whether the cycle breached, the business seconds and its place (``HolderTally``)."""

OLA_READINGS = ((TEAM, 0), (AGENT, 0), (AGENT, 1))
"""The OLA's readings as ``held_samples`` keeps them: per team (the cycle's), per agent
at stop, per agent while the clock ran."""


def ola_samples(
    parts: Iterable[StoppedOlaCycles],
    pieces_of: Callable[[Int64Array], Iterable[HeldOlaPieces]],
) -> Iterator[tuple[str, int, Samples]]:
    """The samples of the cycles in ``parts`` and of their held pieces, which
    ``pieces_of`` gives for ascending cycle ids, each with its reading
    (``OLA_READINGS``)."""
    verdicts: list[Int64Array] = []
    for part in parts:
        yield TEAM, 0, (part.team, part.breached, part.elapsed, part.cycle_id)
        yield AGENT, 0, (part.holder_at_stop, part.breached, part.elapsed, part.cycle_id)
        told = part.unassigned >= 0
        yield AGENT, 1, _told_pieces(part, told)
        verdicts.append(part.cycle_id[~told] * 2 + part.breached[~told])
    # Only the cycles their row does not tell have their pieces read. Cycle id * 2 +
    # breached, ascending (ids are unique): one sort, where an argsort of the ids and
    # taking ids and verdicts in its order cost about three times more.
    verdict = np.sort(np.concatenate(verdicts)) if verdicts else np.zeros(0, dtype=np.int64)
    cycle_ids, breached = verdict >> 1, (verdict & 1) == 1
    for pieces in pieces_of(cycle_ids):
        yield AGENT, 1, (pieces.agent, breached[pieces.cycle], pieces.seconds, pieces.place)


def add_kept_samples(
    tallies: Mapping[tuple[str, int], HolderTally],
    holders: Mapping[str, Holders],
    samples: KeptSamples,
) -> None:
    """Add the kept samples of some spans (``store.ola.held_samples``) to the tally of
    each (kind, reading)."""
    for (kind, reading), tally in tallies.items():
        rows = (samples.kind == KINDS.index(kind)) & (samples.reading == reading)
        tally.add_kept(
            holders[kind].of(samples.holder_id[rows]),
            samples.cycles[rows],
            samples.breached[rows],
            samples.first_place[rows],
            samples.seconds[np.repeat(rows, samples.cycles)],
        )


def accountability_of(
    parts: Iterable[StoppedOlaCycles],
    pieces_of: Callable[[Int64Array], Iterable[HeldOlaPieces]],
    teams: dict[int, str],
    agents: dict[int, str],
    running: dict[str, int],
    start_at: int,
    end_at: int,
    kept: Iterable[KeptSamples] = (),
) -> OlaAccountability:
    """The figures of the cycles in ``parts`` and of their held pieces, which
    ``pieces_of`` gives for ascending cycle ids, and of the samples ``kept`` per span;
    ``teams`` and ``agents`` name their ids (an id without a name: nobody; agents of one
    name: one holder)."""
    holders = {TEAM: Holders(teams), AGENT: Holders(agents)}
    tallies = {reading: HolderTally(holders[reading[0]]) for reading in OLA_READINGS}
    for kind, reading, (ids, breached, seconds, place) in ola_samples(parts, pieces_of):
        tallies[kind, reading].add(holders[kind].of(ids), breached, seconds, place)
    for samples in kept:
        add_kept_samples(tallies, holders, samples)
    return OlaAccountability(
        start_at,
        end_at,
        tallies[TEAM, 0].figures(running),
        tallies[AGENT, 0].figures(),
        tallies[AGENT, 1].figures(),
    )


def ola_accountability(source: Source, filters: Filters) -> OlaAccountability:
    """The period's OLA figures per team and per agent (``filters.team``: that team's
    cycles; customer and priority: the tickets' current ones). Unnarrowed, the kept
    spans are read from their samples, except inside ``facts.from_clock_rows``."""
    start_at, end_at = period_bounds(filters)
    narrowing = {"team": filters.team, "customer": filters.customer, "priority": filters.priority}
    with session_of(source) as session:
        running = running_ola_counts(session, **narrowing)
        teams, agents = every_name(session, "team"), every_name(session, "agent")
        ranges, kept = split_period(
            session.connection(),
            OLA,
            start_at,
            end_at,
            narrowed=any(narrowing.values()) or not aggregates_in_use(),
        )
        parts = chain.from_iterable(
            stopped_ola_slices(session, low, high, **narrowing) for low, high in ranges
        )

        def pieces_of(cycle_ids: Int64Array) -> Iterable[HeldOlaPieces]:
            return held_ola_slices(session, cycle_ids)

        return accountability_of(parts, pieces_of, teams, agents, running, start_at, end_at, kept)
