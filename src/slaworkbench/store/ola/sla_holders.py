"""The SLA cycles a period's "who held the clock" figures are made of, read as columns.

``stopped_sla_cycles``: every cycle of one metric that stopped in ``[start, end)``, with
its verdict, business time, holder at stop (the agent and team ids its clock row
records, migrations 0023 and 0028) and the business seconds each
(agent, team) held it while it ran (``ticket_clock_holds``); docs/SLA_SEMANTICS.md, "Who
held an SLA clock". ``team``, ``customer`` and ``priority`` narrow to the ticket's
current ones, as the dashboard's other SLA figures do. Cycles and pieces are read from
two indexes alone (migrations 0017 and 0023): the slice's cycles with their holders at
stop first, then their pieces looked up by clock id in ascending order (``_of_clocks``
says why not joined or by ranges) — only for the cycles whose clock row does not tell
them: a cycle held within its team at stop by its agent at stop or by no agent records
the seconds no agent held it (``unassigned_seconds``, migration 0031; nine cycles in
ten), from which the figures take its shares (``app.ola.sla_holders``).
Rows are read as integer columns (``store.ola.columns``), small ids packed by two into
one value, four weeks of stop time at a time (``stopped_sla_slices``: a period of a
large workspace holds millions of cycles); ``every_name`` names the ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import BigInteger, case, func, literal, select, text
from sqlalchemy.orm import Session

from slaworkbench.store.dialect import kept_to_listed, listed_ids
from slaworkbench.store.ola.accountability import PIECE_ORDER, narrowed
from slaworkbench.store.ola.columns import int_columns
from slaworkbench.store.schema import (
    METRICS,
    Agent,
    Team,
    Ticket,
    TicketClock,
    TicketClockHold,
    codes_sql,
)

Int64Array = npt.NDArray[np.int64]

NOBODY = -1
"""The id column's value where nobody held it (no agent or team, or no holder row)."""

SLICE = 28 * 86_400
"""Stop time read at once: four weeks of a large workspace are tens of thousands of
cycles, so what is held in memory at once stays small whatever the period."""

ID_BATCH = 100_000
"""Clock ids whose holders and pieces are looked up in one statement."""

PAIR_BITS = 31
PAIR = 1 << PAIR_BITS
"""An (agent id, team id) is read as one value (``_pair``): ids stay below 2**31 - 1."""


@dataclass(frozen=True, slots=True)
class StoppedSlaCycles:
    """One entry per stopped cycle, in no particular order, and one per held piece of
    the cycles whose row does not tell them (``unassigned`` ``NOBODY``), in (clock id,
    piece id) order. Agent and team ids are ``NOBODY`` where none."""

    clock_id: Int64Array
    breached: npt.NDArray[np.bool_]
    elapsed: Int64Array
    agent_at_stop: Int64Array
    team_at_stop: Int64Array
    unassigned: Int64Array
    """The seconds no agent held the cycle where its row tells who held it while it ran
    (``TicketClock.unassigned_seconds``: its pieces are of its team at stop, held by its
    agent at stop or by none), else ``NOBODY``; such a cycle has no piece here."""
    piece_cycle: Int64Array
    """Per held piece: the index of its cycle in the cycle columns."""
    piece_id: Int64Array
    piece_agent: Int64Array
    piece_team: Int64Array
    piece_seconds: Int64Array


INDEXED_METRICS = ("first_response", "resolution")
STOPPED_VERDICTS = text(
    f"ticket_clocks.{codes_sql('metric', METRICS, INDEXED_METRICS)}"
    " AND ticket_clocks.stopped_at IS NOT NULL"
)
"""The ``WHERE`` of ``ix_ticket_clocks_stopped_verdicts`` (and the clocks who held them
are read for), repeated: SQLite uses a partial index only then, and the cycles and their
pieces are then read from it and from ``ticket_clock_holds``, keyed by clock (migration
0025), alone."""


def _id(column: Any) -> Any:
    return func.coalesce(column, NOBODY)


def stopped_sla_slices(
    session: Session,
    metric: str,
    start: int,
    end: int,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
) -> Iterator[StoppedSlaCycles]:
    """The cycles of ``metric`` stopped in ``[start, end)``, one slice of ``SLICE``
    seconds of stop time after the other (each with all its cycles' held pieces)."""
    for low in range(start, end, SLICE):
        yield stopped_sla_cycles(
            session,
            metric,
            low,
            min(low + SLICE, end),
            team=team,
            customer=customer,
            priority=priority,
        )


def stopped_sla_cycles(
    session: Session,
    metric: str,
    start: int,
    end: int,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
) -> StoppedSlaCycles:
    """The cycles with their holders at stop first, from
    ``ix_ticket_clocks_stopped_verdicts`` alone (narrowed, with their tickets); then their
    held pieces by clock id (``_pieces``)."""
    query = select(
        TicketClock.id,
        # verdict and business time as one value (less to read): elapsed * 2 + breached
        TicketClock.elapsed * 2 + case((TicketClock.state == "breached", 1), else_=0),
        _pair(TicketClock.stop_agent_id, TicketClock.stop_team_id),
        func.coalesce(TicketClock.unassigned_seconds, NOBODY),
    ).where(
        TicketClock.metric == metric,
        TicketClock.stopped_at >= start,
        TicketClock.stopped_at < end,
    )
    if metric in INDEXED_METRICS:
        query = query.where(STOPPED_VERDICTS)
    if team is not None or customer is not None or priority is not None:
        # every clock has its ticket (foreign key): joined only to narrow by it
        of_team = None
        if team is not None:
            of_team = Ticket.team_id.in_(select(Team.id).where(Team.name == team))
        query = narrowed(
            query.join(Ticket, Ticket.id == TicketClock.ticket_id), of_team, customer, priority
        )
    ids, verdicts, pairs, unassigned = int_columns(session, query, 4)
    agent_at_stop, team_at_stop = _unpaired(pairs)
    untold = np.flatnonzero(unassigned < 0)
    untold = untold[np.argsort(ids[untold])]  # ascending clock ids (unique)
    place, piece_agent, piece_team, piece_seconds = _pieces(session, ids[untold])
    in_order = np.argsort(place)  # unique
    place, piece_agent, piece_team, piece_seconds = (
        column[in_order] for column in (place, piece_agent, piece_team, piece_seconds)
    )
    piece_clock = place >> 32
    return StoppedSlaCycles(
        clock_id=ids,
        breached=(verdicts & 1) == 1,
        elapsed=verdicts >> 1,
        agent_at_stop=agent_at_stop,
        team_at_stop=team_at_stop,
        unassigned=unassigned,
        piece_cycle=untold[np.searchsorted(ids[untold], piece_clock)].astype(np.int64),
        piece_id=place & (PIECE_ORDER - 1),
        piece_agent=piece_agent,
        piece_team=piece_team,
        piece_seconds=piece_seconds,
    )


def _pair(agent: Any, team: Any) -> Any:
    """An (agent id, team id) as one value: ``(agent + 1) * PAIR + team + 1`` (``NOBODY``,
    NULL: 0), typed 64-bit (PostgreSQL would compute it in the ids' 32 bits)."""
    return (_id(agent) + 1) * literal(PAIR, BigInteger) + _id(team) + 1


def _unpaired(pairs: Int64Array) -> tuple[Int64Array, Int64Array]:
    return (pairs >> PAIR_BITS) - 1, (pairs & (PAIR - 1)) - 1


def _of_clocks(session: Session, query: Any, column: Any, listed: Any) -> Any:
    """``query`` (of one table) kept to the rows whose ``column`` is one of the
    ``listed`` clock ids (ascending), looked up in that order
    (``dialect.kept_to_listed``): about half the CPU of looking them up in stop-time
    order, as when joined to the cycles, and less than reading whole ranges of clock ids
    (rows of all four metrics: a metric's cycles are about an eighth of them, and a row
    read in a range costs about a third of a lookup)."""
    return kept_to_listed(session.get_bind(), query, column, listed)


def _pieces(session: Session, clock_ids: Int64Array) -> tuple[Int64Array, ...]:
    """The held pieces of the cycles ``clock_ids`` (ascending), ``ID_BATCH`` ids at a
    time (a range of ``ticket_clock_holds``' own key each), in no particular order (the
    caller sorts them): place (``clock id * PIECE_ORDER + piece``), agent id, team id
    and seconds."""
    parts = []
    for low in range(0, clock_ids.size, ID_BATCH):
        batch = listed_ids(session.get_bind(), clock_ids[low : low + ID_BATCH].tolist())
        pieces = select(
            # one value, less to read; the factor typed 64-bit (PostgreSQL binds it as the column)
            TicketClockHold.clock_id * literal(PIECE_ORDER, BigInteger) + TicketClockHold.piece,
            _pair(TicketClockHold.agent_id, TicketClockHold.team_id),
            TicketClockHold.seconds,
        )
        parts.append(
            int_columns(session, _of_clocks(session, pieces, TicketClockHold.clock_id, batch), 3)
        )
    place, piece_pairs, seconds = (
        np.concatenate([part[k] for part in parts]) if parts else np.zeros(0, dtype=np.int64)
        for k in range(3)
    )
    piece_agents, piece_teams = _unpaired(piece_pairs)
    return place, piece_agents, piece_teams, seconds


_NAMED: dict[str, type[Agent] | type[Team]] = {"agent": Agent, "team": Team}


def every_name(session: Session, kind: str) -> dict[int, str]:
    """Every agent's (``kind`` "agent") or team's ("team") name by id."""
    table = _NAMED[kind]
    return {int(row_id): name for row_id, name in session.execute(select(table.id, table.name))}
