"""The SLA cycles a period's "who held the clock" figures are made of, read as columns.

``stopped_sla_cycles``: every cycle of one metric that stopped in ``[start, end)``, with
its verdict, business time, holder at stop (agent and team ids, ``ticket_clock_holders``)
and the business seconds each (agent, team) held it while it ran
(``ticket_clock_holds``); docs/SLA_SEMANTICS.md, "Who held an SLA clock". ``team``,
``customer`` and ``priority`` narrow to the ticket's current ones, as the dashboard's
other SLA figures do. Cycles and pieces are read from two indexes alone
(migration 0017). Rows are read as integer columns (``store.ola.columns``), four
weeks of stop time at a time (``stopped_sla_slices``: a period of a large workspace
holds millions of cycles); ``every_name`` names the ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import case, func, select, text
from sqlalchemy.orm import Session

from slaworkbench.store.ola.accountability import PIECE_ORDER, narrowed
from slaworkbench.store.ola.columns import int_columns
from slaworkbench.store.schema import (
    METRICS,
    Agent,
    Team,
    Ticket,
    TicketClock,
    TicketClockHold,
    TicketClockHolder,
    codes_sql,
)

Int64Array = npt.NDArray[np.int64]

NOBODY = -1
"""The id column's value where nobody held it (no agent or team, or no holder row)."""

SLICE = 28 * 86_400
"""Stop time read at once: four weeks of a large workspace are tens of thousands of
cycles, so what is held in memory at once stays small whatever the period."""


@dataclass(frozen=True, slots=True)
class StoppedSlaCycles:
    """One entry per stopped cycle, in clock id order, and one per held piece, in
    (clock id, piece id) order. Agent and team ids are ``NOBODY`` where none."""

    clock_id: Int64Array
    breached: npt.NDArray[np.bool_]
    elapsed: Int64Array
    agent_at_stop: Int64Array
    team_at_stop: Int64Array
    piece_cycle: Int64Array
    """Per held piece: the index of its cycle in the cycle columns."""
    piece_id: Int64Array
    piece_agent: Int64Array
    piece_team: Int64Array
    piece_seconds: Int64Array


_INDEXED_METRICS = ("first_response", "resolution")
_STOPPED_VERDICTS = text(
    f"ticket_clocks.{codes_sql('metric', METRICS, _INDEXED_METRICS)}"
    " AND ticket_clocks.stopped_at IS NOT NULL"
)
"""The ``WHERE`` of ``ix_ticket_clocks_stopped_verdicts`` (and the clocks who held them
are read for), repeated: SQLite uses a partial index only then, and the cycles and their
pieces are then read from it and ``ix_ticket_clock_holds_pieces`` alone."""


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
    of_team = None
    if team is not None:
        of_team = Ticket.team_id.in_(select(Team.id).where(Team.name == team))

    def of_period(query: Any) -> Any:
        query = query.where(
            TicketClock.metric == metric,
            TicketClock.stopped_at >= start,
            TicketClock.stopped_at < end,
        )
        if metric in _INDEXED_METRICS:
            query = query.where(_STOPPED_VERDICTS)
        if team is None and customer is None and priority is None:
            return query  # every clock has its ticket (foreign key): no join needed
        query = query.join(Ticket, Ticket.id == TicketClock.ticket_id)
        return narrowed(query, of_team, customer, priority)

    cycles = int_columns(
        session,
        of_period(
            select(
                TicketClock.id,
                case((TicketClock.state == "breached", 1), else_=0),
                TicketClock.elapsed,
                _id(TicketClockHolder.agent_id),
                _id(TicketClockHolder.team_id),
            ).outerjoin(TicketClockHolder, TicketClockHolder.clock_id == TicketClock.id)
        ),
        5,
    )
    pieces = int_columns(
        session,
        of_period(
            select(
                TicketClockHold.clock_id,
                TicketClockHold.id,
                _id(TicketClockHold.agent_id),
                _id(TicketClockHold.team_id),
                TicketClockHold.seconds,
            ).join(TicketClock, TicketClock.id == TicketClockHold.clock_id)
        ),
        5,
    )
    by_clock = np.argsort(cycles[0])  # unique ids
    clock_ids, breached, elapsed, agent_at_stop, team_at_stop = (c[by_clock] for c in cycles)
    in_order = np.argsort(pieces[0] * PIECE_ORDER + pieces[1])  # (clock id, piece id): unique
    piece_clock, piece_id, piece_agent, piece_team, piece_seconds = (p[in_order] for p in pieces)
    return StoppedSlaCycles(
        clock_id=clock_ids,
        breached=breached == 1,
        elapsed=elapsed,
        agent_at_stop=agent_at_stop,
        team_at_stop=team_at_stop,
        piece_cycle=np.searchsorted(clock_ids, piece_clock).astype(np.int64),
        piece_id=piece_id,
        piece_agent=piece_agent,
        piece_team=piece_team,
        piece_seconds=piece_seconds,
    )


_NAMED: dict[str, type[Agent] | type[Team]] = {"agent": Agent, "team": Team}


def every_name(session: Session, kind: str) -> dict[int, str]:
    """Every agent's (``kind`` "agent") or team's ("team") name by id."""
    table = _NAMED[kind]
    return {int(row_id): name for row_id, name in session.execute(select(table.id, table.name))}
