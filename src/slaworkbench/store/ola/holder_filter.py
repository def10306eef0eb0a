"""The ticket list narrowed to the tickets behind a "who held the SLA clock" figure (a
dashboard click).

``HolderFilter`` is a plain value (``TicketQuery.held``); ``holder_condition`` is its SQL:
tickets with at least one cycle of ``metric`` stopped in ``[stopped_from, stopped_to)``
(breached ones only when ``breached``) held by the agent or team ``name`` — when it
stopped (``basis`` ``at_stop``, the clock row's copy) or for some business time while
it ran (``while_running``, ``ticket_clock_holds``); ``name`` ``None`` means nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from slaworkbench.store.ola.sla_holders import INDEXED_METRICS, STOPPED_VERDICTS
from slaworkbench.store.schema import (
    Agent,
    Team,
    Ticket,
    TicketClock,
    TicketClockHold,
)

HOLDER_BASES = ("at_stop", "while_running")
HOLDER_KINDS = ("agent", "team")
HOLDER_FILTER_KEYS = {
    "held_metric": "first_response | next_response | periodic_update | resolution",
    "held_by": "at_stop | while_running: how the holder held the cycle",
    "held_kind": "agent | team: who the holder is",
    "held_name": "agent or team name (str, None = nobody)",
    "held_breached": "True: breached cycles only",
    "held_from": "instant: the cycle stopped at or after",
    "held_to": "instant: the cycle stopped before",
}


@dataclass(frozen=True, slots=True)
class HolderFilter:
    metric: str
    basis: str = "at_stop"
    kind: str = "agent"
    name: str | None = None
    breached: bool = False
    stopped_from: int | None = None
    stopped_to: int | None = None

    @classmethod
    def from_wanted(cls, wanted: Mapping[str, Any]) -> HolderFilter | None:
        """The filter a dashboard click asks for, or ``None`` when it names no holder key;
        ``ValueError`` (the offending value) for a basis, kind or metric it does not know."""
        if not any(key in wanted for key in HOLDER_FILTER_KEYS):
            return None
        basis, kind = str(wanted.get("held_by") or "at_stop"), str(wanted.get("held_kind") or "")
        metric = str(wanted.get("held_metric") or "")
        for value, known in ((basis, HOLDER_BASES), (kind, HOLDER_KINDS)):
            if value not in known:
                raise ValueError(value)
        if metric not in ("first_response", "next_response", "periodic_update", "resolution"):
            raise ValueError(metric)
        name, start, end = wanted.get("held_name"), wanted.get("held_from"), wanted.get("held_to")
        return cls(
            metric=metric,
            basis=basis,
            kind=kind,
            name=None if name is None else str(name),
            breached=bool(wanted.get("held_breached")),
            stopped_from=None if start is None else int(start),
            stopped_to=None if end is None else int(end),
        )


def holder_condition(held: HolderFilter) -> Any:
    """``tickets.id IN (the tickets of the cycles that match)``."""
    cycles = select(TicketClock.id).where(TicketClock.metric == held.metric)
    if held.breached:
        cycles = cycles.where(TicketClock.state == "breached")
    if held.stopped_from is not None:
        cycles = cycles.where(TicketClock.stopped_at >= held.stopped_from)
    if held.stopped_to is not None:
        cycles = cycles.where(TicketClock.stopped_at < held.stopped_to)
    if held.metric in INDEXED_METRICS and (
        held.stopped_from is not None or held.stopped_to is not None
    ):
        # The stopped cycles of a period, read from ix_ticket_clocks_stopped_verdicts
        # alone: it holds their holders at stop and what tells their pieces (SQLite uses
        # a partial index only when its WHERE is repeated).
        cycles = cycles.where(STOPPED_VERDICTS)
    table, column_of = (Agent, "agent_id") if held.kind == "agent" else (Team, "team_id")
    named = select(table.id).where(table.name == held.name)
    matching: Any
    if held.basis == "at_stop":
        # the holder at stop on the clock row (NULL: nobody, or not measured)
        column = getattr(TicketClock, f"stop_{column_of}")
        matching = column.is_(None) if held.name is None else column.in_(named)
    else:
        column = getattr(TicketClockHold, column_of)
        pieces = select(TicketClockHold.clock_id).where(
            column.is_(None) if held.name is None else column.in_(named)
        )
        shares = pieces.group_by(TicketClockHold.clock_id).having(
            func.sum(TicketClockHold.seconds) > 0
        )
        matching = TicketClock.id.in_(shares) | _told_held(held, named)
    return Ticket.id.in_(
        select(TicketClock.ticket_id).where(TicketClock.id.in_(cycles.where(matching)))
    )


def _told_held(held: HolderFilter, named: Any) -> Any:
    """The cycles whose row tells who held them while they ran (``unassigned_seconds``,
    migration 0031: no stored pieces since migration 0036) that ``held``'s holder held
    for some time: within the team at stop, no agent for the seconds unassigned and the
    agent at stop for the rest."""
    clock = TicketClock
    if held.kind == "agent":
        return told_held_by(
            clock.unassigned_seconds, clock.elapsed, clock.stop_agent_id, held.name, named
        )
    team = clock.stop_team_id
    return (
        clock.unassigned_seconds.is_not(None)
        & (clock.elapsed > 0)
        & (team.is_(None) if held.name is None else team.in_(named))
    )


def told_held_by(unassigned: Any, elapsed: Any, holder: Any, name: str | None, named: Any) -> Any:
    """Of the cycles (SLA or OLA) whose row tells their pieces (``unassigned`` not NULL):
    those the agent ``name`` (``named``: their ids; ``None``: no agent) held for some
    time, where no agent held them ``unassigned`` seconds and their agent at stop
    (``holder``) the rest of their business time (``elapsed``)."""
    told = unassigned.is_not(None)
    if name is None:
        return told & (unassigned > 0)
    return told & holder.in_(named) & (elapsed > unassigned)
