"""The OLA cycles a period's accountability figures are made of, read as columns.

``stopped_ola_slices``: every OLA cycle that stopped in ``[start, end)`` with its team
id, verdict, business time, agent id at stop and the seconds no agent held it where its
row tells them (migration 0032), as integer arrays
(``store.ola.columns``: no object per cycle; ``store.ola.sla_holders.every_name`` names
the ids), ``SLICE`` of stop time at a time. ``held_ola_slices``: who held those cycles
while they ran (business seconds per piece and agent id), a range of cycle ids at a
time. Both are read from an index alone (migration 0022): the cycles by stop instant,
the pieces by cycle id. ``running_ola_counts``: cycles not stopped yet, per team.
``team`` narrows to the cycle's team; ``customer`` and ``priority`` to the ticket's
current ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, case, func, literal, literal_column, select
from sqlalchemy.orm import Session

from slaworkbench.store.ola.columns import Int64Array, int_columns
from slaworkbench.store.schema import Customer, Team, Ticket, TicketOlaCycle, TicketOlaHold

NOBODY = -1
"""The agent id column's value where nobody held the cycle."""

SLICE = 28 * 86_400
"""Stop time read at once: four weeks of a large workspace are about a hundred thousand
cycles, so what is held in memory at once stays small whatever the period."""

ID_SPAN = 100_000
"""Cycle ids whose held pieces are read at once (about 130,000 pieces at 1M tickets)."""

DENSE = 0.4
"""The share of a span's cycle ids above which reading its pieces as one range costs
less than looking up its cycles' (a piece read in a range costs about 0.6 µs of SQLite's
CPU, a cycle looked up about 2 µs)."""

IN_BATCH = 2_000
"""Cycle ids per ``IN (...)`` list, written as literals (integers of our own): a list of
bound parameters costs SQLAlchemy more to compile than the database to run."""

PIECE_ORDER = 1 << 32
"""A held piece's place in (cycle id, piece id) order is ``cycle id * PIECE_ORDER +
piece id`` (ids stay below 2**31)."""


@dataclass(frozen=True, slots=True)
class StoppedOlaCycles:
    """One entry per stopped cycle of a slice of stop time, in no particular order."""

    cycle_id: Int64Array
    team: Int64Array
    """The cycle's team id."""
    breached: npt.NDArray[np.bool_]
    elapsed: Int64Array
    holder_at_stop: Int64Array
    """The agent id holding the cycle when it stopped (``NOBODY``: none)."""
    unassigned: Int64Array
    """The seconds no agent held the cycle where its row tells who held it while it ran
    (``TicketOlaCycle.unassigned_seconds``, migration 0032), else ``NOBODY``."""


@dataclass(frozen=True, slots=True)
class HeldOlaPieces:
    """One entry per held piece of some of the cycles asked for, in no particular order."""

    cycle: Int64Array
    """The index of the piece's cycle in the (ascending) cycle ids asked for."""
    place: Int64Array
    """The piece's place in (cycle id, piece id) order (``PIECE_ORDER``)."""
    agent: Int64Array
    """The agent id holding the piece (``NOBODY``: none)."""
    seconds: Int64Array


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
    """The OLA cycles stopped in ``[start, end)``, one slice of ``SLICE`` seconds of stop
    time after the other. Narrowed by ``priority`` alone, the tickets that have it are
    read first, once (``stopped_ola_cycles`` says why)."""
    tickets = None
    if priority is not None and customer is None:
        (ids,) = int_columns(session, select(Ticket.id).where(Ticket.priority == priority), 1)
        tickets, priority = np.sort(ids), None
    for low in range(start, end, SLICE):
        yield stopped_ola_cycles(
            session,
            low,
            min(low + SLICE, end),
            team=team,
            customer=customer,
            priority=priority,
            tickets=tickets,
        )


def stopped_ola_cycles(
    session: Session,
    start: int,
    end: int,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
    tickets: Int64Array | None = None,
) -> StoppedOlaCycles:
    """The cycles stopped in ``[start, end)`` (of the ``tickets``, ascending ids, when
    given), from ``ix_ticket_ola_cycles_stopped_at`` alone: it holds every column read
    or joined on (the range implies its ``WHERE``). A customer narrows in SQL: the
    database reads that customer's tickets and their cycles by ticket. No index of the
    tickets leads with the priority, so narrowed by it the database would look up each
    cycle's ticket, at random in stop-time order (at 1M tickets 1.25 M lookups a year,
    about twice the CPU of reading the tickets of a priority): ``tickets`` keeps the
    cycles by their ticket id here instead."""
    columns = [
        TicketOlaCycle.id,
        TicketOlaCycle.team_id,
        case((TicketOlaCycle.state == "breached", 1), else_=0),
        TicketOlaCycle.elapsed,
        func.coalesce(TicketOlaCycle.holder_at_stop_id, NOBODY),
        func.coalesce(TicketOlaCycle.unassigned_seconds, NOBODY),
    ]
    if tickets is not None:
        columns.append(TicketOlaCycle.ticket_id)
    query = select(*columns).where(
        TicketOlaCycle.stopped_at >= start, TicketOlaCycle.stopped_at < end
    )
    of_team = None
    if team is not None:  # every cycle has its team and ticket (foreign keys): no join needed
        of_team = TicketOlaCycle.team_id.in_(select(Team.id).where(Team.name == team))
    if customer is not None or priority is not None:
        query = query.join(Ticket, Ticket.id == TicketOlaCycle.ticket_id)
    read = int_columns(session, narrowed(query, of_team, customer, priority), len(columns))
    if tickets is not None:
        kept = _member(read.pop(), tickets)
        read = [column[kept] for column in read]
    cycle_id, team_id, breached, elapsed, holder, unassigned = read
    return StoppedOlaCycles(cycle_id, team_id, breached == 1, elapsed, holder, unassigned)


def _member(values: Int64Array, sorted_ids: Int64Array) -> npt.NDArray[np.bool_]:
    """Whether each of ``values`` is in ``sorted_ids`` (ascending)."""
    if not sorted_ids.size:
        return np.zeros(values.size, dtype=np.bool_)
    at = np.minimum(np.searchsorted(sorted_ids, values), sorted_ids.size - 1)
    return np.asarray(sorted_ids[at] == values)


def held_ola_slices(session: Session, cycle_ids: Int64Array) -> Iterator[HeldOlaPieces]:
    """The held pieces of the cycles ``cycle_ids`` (ascending, unique), from
    ``ticket_ola_holds`` alone (keyed by cycle), ``ID_SPAN`` cycle ids at a time. Where at least
    ``DENSE`` of a span's ids are of those cycles (a year: nearly all) the span is read
    as one range, from its first to its last such cycle, and the pieces of other cycles
    in it are dropped here; elsewhere (a short period: cycle ids do not follow the stop
    time) those cycles are looked up by id, ``IN_BATCH`` at a time."""
    if not cycle_ids.size:
        return
    span = (cycle_ids - cycle_ids[0]) // ID_SPAN
    firsts = np.flatnonzero(np.diff(span, prepend=-1))
    for first, after in zip(firsts.tolist(), [*firsts[1:].tolist(), cycle_ids.size], strict=True):
        ids = cycle_ids[first:after]
        low, high = int(ids[0]), int(ids[-1])
        if ids.size >= DENSE * (high - low + 1):
            yield _held(session, ids, first, TicketOlaHold.cycle_id.between(low, high))
            continue
        for start in range(0, ids.size, IN_BATCH):
            batch = ids[start : start + IN_BATCH]
            listed: Any = literal_column(f"({','.join(map(str, batch.tolist()))})")
            yield _held(session, batch, first + start, TicketOlaHold.cycle_id.op("IN")(listed))


def _held(session: Session, ids: Int64Array, offset: int, condition: Any) -> HeldOlaPieces:
    """The pieces matching ``condition`` of the cycles ``ids`` (ascending), which start
    at ``offset`` in the cycle ids asked for."""
    held = select(
        # one value, less to read; the factor typed 64-bit (PostgreSQL binds it as the column)
        TicketOlaHold.cycle_id * literal(PIECE_ORDER, BigInteger) + TicketOlaHold.piece,
        func.coalesce(TicketOlaHold.agent_id, NOBODY),
        TicketOlaHold.seconds,
    ).where(condition)
    place, agent, seconds = int_columns(session, held, 3)
    piece_cycle = place >> 32
    kept = _member(piece_cycle, ids)
    at = np.searchsorted(ids, piece_cycle[kept])
    return HeldOlaPieces(at + offset, place[kept], agent[kept], seconds[kept])


def running_ola_counts(
    session: Session,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
) -> dict[str, int]:
    """The cycles not stopped yet per team name. The ticket is joined only to narrow by
    it: without, each team's are counted from ``ix_ticket_ola_cycles_team_id_stopped_at``
    alone rather than by reading the table."""
    query = (
        select(Team.name, func.count(TicketOlaCycle.id))
        .join(Team, Team.id == TicketOlaCycle.team_id)
        .where(TicketOlaCycle.stopped_at.is_(None))
        .group_by(Team.name)
    )
    if customer is not None or priority is not None:
        query = query.join(Ticket, Ticket.id == TicketOlaCycle.ticket_id)
    return {
        name: int(count)
        for name, count in session.execute(narrowed(query, _of_team(team), customer, priority))
    }
