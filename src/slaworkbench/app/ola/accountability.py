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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from slaworkbench.app.analytics.filters import Filters, Source, period_bounds, session_of
from slaworkbench.store.ola.accountability import (
    StoppedOlaCycles,
    running_ola_counts,
    stopped_ola_cycles,
)
from slaworkbench.store.ola.sla_holders import holder_names

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
    name: str | None, late: npt.NDArray[np.bool_], values: npt.NDArray[np.float64], running: int
) -> HolderFigures:
    breached = int(np.count_nonzero(late))
    median = p90 = None
    if values.size:
        p50, p9 = np.percentile(values, [50, 90])
        median, p90 = round(float(p50)), round(float(p9))
    return HolderFigures(name, values.size, values.size - breached, breached, median, p90, running)


def _order(figures: HolderFigures) -> tuple[int, str]:
    return (0, figures.name.casefold()) if figures.name is not None else (1, "")


def tally_columns(
    codes: npt.NDArray[np.int64],
    breached: npt.NDArray[np.bool_],
    seconds: npt.NDArray[np.int64],
    names: Sequence[str | None],
    running: dict[str, int] | None = None,
) -> tuple[HolderFigures, ...]:
    """Figures per holder of samples given as columns — per sample the holder's code
    (its index in ``names``), whether the cycle breached and the business seconds — one
    sample per cycle the holder counts. Ordered by name with nobody last, holders whose
    names fold alike in code order (number the codes in the order holders first appear);
    every name gets a figure, so ``names`` may hold holders with no sample but with
    cycles not stopped yet (``running``, their count). Shared by the OLA and SLA
    readings."""
    running = running or {}
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
    late = breached[order]
    values = seconds[order].astype(np.float64)
    figures = [
        _figures(
            name,
            late[bounds[code] : bounds[code + 1]],
            values[bounds[code] : bounds[code + 1]],
            running.get(name, 0) if name is not None else 0,
        )
        for code, name in enumerate(names)
    ]
    return tuple(sorted(figures, key=_order))


def tally_by_name(
    ids: npt.NDArray[np.int64],
    breached: npt.NDArray[np.bool_],
    seconds: npt.NDArray[np.int64],
    names: dict[int, str],
    running: dict[str, int] | None = None,
) -> tuple[HolderFigures, ...]:
    """``tally_columns`` of samples (in their order) whose holders are the names of
    agent or team ``ids`` (an id without a name: nobody; ids of one name: one holder);
    ``running`` adds holders with cycles not stopped yet and their count, first."""
    running = running or {}
    codes_of: dict[str | None, int] = {name: code for code, name in enumerate(running)}
    held, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    code_of_held = np.zeros(held.size, dtype=np.int64)
    for index in np.argsort(first, kind="stable"):
        name = names.get(int(held[index]))
        code_of_held[index] = codes_of.setdefault(name, len(codes_of))
    return tally_columns(
        code_of_held[inverse.reshape(-1)], breached, seconds, list(codes_of), running
    )


def accountability_of(
    cycles: StoppedOlaCycles,
    teams: dict[int, str],
    agents: dict[int, str],
    running: dict[str, int],
    start_at: int,
    end_at: int,
) -> OlaAccountability:
    """The figures of ``cycles``; ``teams`` and ``agents`` name their ids."""
    return OlaAccountability(
        start_at,
        end_at,
        tally_by_name(cycles.team, cycles.breached, cycles.elapsed, teams, running),
        tally_by_name(cycles.holder_at_stop, cycles.breached, cycles.elapsed, agents),
        tally_by_name(
            cycles.piece_agent,
            cycles.breached[cycles.piece_cycle],
            cycles.piece_seconds,
            agents,
        ),
    )


def ola_accountability(source: Source, filters: Filters) -> OlaAccountability:
    """The period's OLA figures per team and per agent (``filters.team``: that team's
    cycles; customer and priority: the tickets' current ones)."""
    start_at, end_at = period_bounds(filters)
    narrowing = {"team": filters.team, "customer": filters.customer, "priority": filters.priority}
    with session_of(source) as session:
        cycles = stopped_ola_cycles(session, start_at, end_at, **narrowing)
        running = running_ola_counts(session, **narrowing)
        teams = holder_names(session, "team", np.unique(cycles.team).tolist())
        agents = holder_names(
            session, "agent", np.union1d(cycles.holder_at_stop, cycles.piece_agent).tolist()
        )
    return accountability_of(cycles, teams, agents, running, start_at, end_at)
