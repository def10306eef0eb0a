"""The SLA cycles a period's "who held the clock" figures are made of, read in one go.

``stopped_sla_cycles``: every cycle of one metric that stopped in ``[start, end)``, with
its verdict, business time, holder at stop (agent and team, ``ticket_clock_holders``)
and the business seconds each (agent, team) held it while it ran
(``ticket_clock_holds``); docs/SLA_SEMANTICS.md, "Who held an SLA clock". ``team``,
``customer`` and ``priority`` narrow to the ticket's current ones, as the dashboard's
other SLA figures do.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from slaworkbench.store.ola.accountability import narrowed
from slaworkbench.store.schema import (
    Agent,
    Team,
    Ticket,
    TicketClock,
    TicketClockHold,
    TicketClockHolder,
)

_PIECE = 5000


@dataclass(frozen=True, slots=True)
class StoppedSlaCycle:
    clock_id: int
    ticket_id: int
    breached: bool
    elapsed: int
    agent_at_stop: str | None
    team_at_stop: str | None
    held: tuple[tuple[str | None, str | None, int], ...]
    """(agent, team, business seconds) per piece held while the clock ran."""


def stopped_sla_cycles(
    session: Session,
    metric: str,
    start: int,
    end: int,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
) -> list[StoppedSlaCycle]:
    stop_agent, stop_team = aliased(Agent), aliased(Team)
    query = (
        select(
            TicketClock.id, TicketClock.ticket_id, TicketClock.state, TicketClock.elapsed,
            stop_agent.name, stop_team.name,
        )
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .outerjoin(TicketClockHolder, TicketClockHolder.clock_id == TicketClock.id)
        .outerjoin(stop_agent, stop_agent.id == TicketClockHolder.agent_id)
        .outerjoin(stop_team, stop_team.id == TicketClockHolder.team_id)
        .where(
            TicketClock.metric == metric,
            TicketClock.stopped_at >= start,
            TicketClock.stopped_at < end,
        )
        .order_by(TicketClock.id)
    )  # fmt: skip
    of_team = None
    if team is not None:
        of_team = Ticket.team_id.in_(select(Team.id).where(Team.name == team))
    rows = session.execute(narrowed(query, of_team, customer, priority)).all()
    held: dict[int, list[tuple[str | None, str | None, int]]] = {}
    ids = [row[0] for row in rows]
    for piece in range(0, len(ids), _PIECE):
        for clock_id, agent, team_name, seconds in session.execute(
            select(TicketClockHold.clock_id, Agent.name, Team.name, TicketClockHold.seconds)
            .outerjoin(Agent, Agent.id == TicketClockHold.agent_id)
            .outerjoin(Team, Team.id == TicketClockHold.team_id)
            .where(TicketClockHold.clock_id.in_(ids[piece : piece + _PIECE]))
        ).all():
            held.setdefault(clock_id, []).append((agent, team_name, int(seconds)))
    return [
        StoppedSlaCycle(
            clock_id, ticket_id, state == "breached", int(elapsed), agent, team_name,
            tuple(held.get(clock_id, ())),
        )
        for clock_id, ticket_id, state, elapsed, agent, team_name in rows
    ]  # fmt: skip
