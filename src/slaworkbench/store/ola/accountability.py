"""The OLA cycles a period's accountability figures are made of, read as columns.

``stopped_ola_cycles``: every OLA cycle that stopped in ``[start, end)`` with its team
id, verdict, business time and agent id at stop, and who held it while it ran (business
seconds per piece and agent id), as integer arrays (``store.ola.columns``: no object per
cycle; ``store.ola.sla_holders.every_name`` names the ids), a slice of cycle ids at a
time (``stopped_ola_slices``). ``running_ola_counts``: cycles not stopped yet, per team.
``team`` narrows to the cycle's team; ``customer`` and ``priority`` to the ticket's
current ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from slaworkbench.store.ola.columns import Int64Array, int_columns
from slaworkbench.store.schema import Customer, Team, Ticket, TicketOlaCycle, TicketOlaHold

NOBODY = -1
"""The agent id column's value where nobody held the cycle."""

SLICE = 50_000

PIECE_ORDER = 1 << 32
"""A held piece's place in (cycle id, piece id) order is ``cycle id * PIECE_ORDER +
piece id`` (ids stay below 2**31)."""
"""Cycle ids read at once, so what is held in memory stays small whatever the period."""


@dataclass(frozen=True, slots=True)
class StoppedOlaCycles:
    """One entry per stopped cycle, in cycle id order, and one per held piece, in
    (cycle id, piece id) order."""

    cycle_id: Int64Array
    team: Int64Array
    """The cycle's team id."""
    breached: npt.NDArray[np.bool_]
    elapsed: Int64Array
    holder_at_stop: Int64Array
    """The agent id holding the cycle when it stopped (``NOBODY``: none)."""
    piece_cycle: Int64Array
    """Per held piece: the index of its cycle in the cycle columns."""
    piece_id: Int64Array
    piece_agent: Int64Array
    piece_seconds: Int64Array


def narrowed(query: Any, team: Any, customer: str | None, priority: str | None) -> Any:
    """``query`` narrowed by a ``team`` condition (``None``: none) and to the ticket's
    current ``customer`` and ``priority``; shared with ``store.ola.sla_holders``."""
    if team is not None:
        query = query.where(team)
    if customer is not None:
        query = query.where(
            Ticket.customer_id.in_(select(Customer.id).where(Customer.name == customer))
        )
    if priority is not None:
        query = query.where(Ticket.priority == priority)
    return query


def _of_team(team: str | None) -> Any:
    return None if team is None else Team.name == team


def stopped_ola_slices(
    session: Session,
    start: int,
    end: int,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
) -> Iterator[StoppedOlaCycles]:
    """The OLA cycles stopped in ``[start, end)``, ``SLICE`` cycle ids after the other
    (each slice with all its cycles' held pieces): the table is read once, in id order,
    as no index leads with the stop time."""
    low, high = session.execute(
        select(func.min(TicketOlaCycle.id), func.max(TicketOlaCycle.id))
    ).one()
    if low is None:
        return
    for first in range(int(low), int(high) + 1, SLICE):
        yield stopped_ola_cycles(
            session,
            start,
            end,
            team=team,
            customer=customer,
            priority=priority,
            ids=(first, first + SLICE),
        )


def stopped_ola_cycles(
    session: Session,
    start: int,
    end: int,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
    ids: tuple[int, int] | None = None,
) -> StoppedOlaCycles:
    """The cycles stopped in ``[start, end)`` (and, given ``ids``, with an id in
    ``[ids[0], ids[1])``)."""

    def of_period(query: Any) -> Any:
        # every cycle has its team and ticket (foreign keys): joined only to narrow
        query = query.where(TicketOlaCycle.stopped_at >= start, TicketOlaCycle.stopped_at < end)
        if ids is not None:
            query = query.where(TicketOlaCycle.id >= ids[0], TicketOlaCycle.id < ids[1])
        if team is not None:
            query = query.join(Team, Team.id == TicketOlaCycle.team_id)
        if customer is not None or priority is not None:
            query = query.join(Ticket, Ticket.id == TicketOlaCycle.ticket_id)
        return narrowed(query, _of_team(team), customer, priority)

    cycles = int_columns(
        session,
        of_period(
            select(
                TicketOlaCycle.id,
                TicketOlaCycle.team_id,
                case((TicketOlaCycle.state == "breached", 1), else_=0),
                TicketOlaCycle.elapsed,
                func.coalesce(TicketOlaCycle.holder_at_stop_id, NOBODY),
            )
        ),
        5,
    )
    held = select(
        TicketOlaHold.cycle_id,
        TicketOlaHold.id,
        func.coalesce(TicketOlaHold.agent_id, NOBODY),
        TicketOlaHold.seconds,
    )
    if ids is None:
        held = of_period(held.join(TicketOlaCycle, TicketOlaCycle.id == TicketOlaHold.cycle_id))
    else:
        # The slice's pieces by their cycle ids alone (the index of the holds), kept below
        # for the cycles found: no lookup of each piece's cycle by id.
        held = held.where(TicketOlaHold.cycle_id >= ids[0], TicketOlaHold.cycle_id < ids[1])
    pieces = int_columns(session, held, 4)
    by_cycle = np.argsort(cycles[0])  # unique ids
    cycle_ids, team_ids, breached, elapsed, holder = (c[by_cycle] for c in cycles)
    if ids is not None:
        pieces = [p[_member(pieces[0], cycle_ids)] for p in pieces]
    in_order = np.argsort(pieces[0] * PIECE_ORDER + pieces[1])  # (cycle id, piece id): unique
    piece_cycle, piece_id, piece_agent, piece_seconds = (p[in_order] for p in pieces)
    return StoppedOlaCycles(
        cycle_id=cycle_ids,
        team=team_ids,
        breached=breached == 1,
        elapsed=elapsed,
        holder_at_stop=holder,
        piece_cycle=np.searchsorted(cycle_ids, piece_cycle).astype(np.int64),
        piece_id=piece_id,
        piece_agent=piece_agent,
        piece_seconds=piece_seconds,
    )


def _member(values: Int64Array, sorted_ids: Int64Array) -> npt.NDArray[np.bool_]:
    """Whether each of ``values`` is in ``sorted_ids`` (ascending)."""
    if not sorted_ids.size:
        return np.zeros(values.size, dtype=np.bool_)
    at = np.minimum(np.searchsorted(sorted_ids, values), sorted_ids.size - 1)
    return np.asarray(sorted_ids[at] == values)


def running_ola_counts(
    session: Session,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
) -> dict[str, int]:
    query = (
        select(Team.name, func.count(TicketOlaCycle.id))
        .join(Team, Team.id == TicketOlaCycle.team_id)
        .join(Ticket, Ticket.id == TicketOlaCycle.ticket_id)
        .where(TicketOlaCycle.stopped_at.is_(None))
        .group_by(Team.name)
    )
    return {
        name: int(count)
        for name, count in session.execute(narrowed(query, _of_team(team), customer, priority))
    }
