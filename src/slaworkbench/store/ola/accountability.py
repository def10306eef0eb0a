"""The OLA cycles a period's accountability figures are made of, read in one go.

``stopped_ola_cycles``: every OLA cycle that stopped in ``[start, end)`` with its team,
state, business time and holder at stop, and who held it while it ran (business seconds
per assignee). ``running_ola_counts``: cycles not stopped yet, per team. ``team`` narrows
to the cycle's team; ``customer`` and ``priority`` to the ticket's current ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from slaworkbench.store.schema import Agent, Customer, Team, Ticket, TicketOlaCycle, TicketOlaHold


@dataclass(frozen=True, slots=True)
class StoppedOlaCycle:
    cycle_id: int
    ticket_id: int
    team: str
    breached: bool
    elapsed: int
    holder_at_stop: str | None
    held: tuple[tuple[str | None, int], ...]


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


def stopped_ola_cycles(
    session: Session,
    start: int,
    end: int,
    *,
    team: str | None = None,
    customer: str | None = None,
    priority: str | None = None,
) -> list[StoppedOlaCycle]:
    def of_period(query: Any) -> Any:
        query = (
            query.join(Team, Team.id == TicketOlaCycle.team_id)
            .join(Ticket, Ticket.id == TicketOlaCycle.ticket_id)
            .where(TicketOlaCycle.stopped_at >= start, TicketOlaCycle.stopped_at < end)
        )
        return narrowed(query, _of_team(team), customer, priority)

    # Core, not the ORM (whose per-row loading cost more than the reading), and the
    # held pieces joined to the same cycles rather than looked up by lists of ids.
    connection = session.connection()
    rows = connection.execute(
        of_period(
            select(
                TicketOlaCycle.id, TicketOlaCycle.ticket_id, Team.name, TicketOlaCycle.state,
                TicketOlaCycle.elapsed, Agent.name,
            ).outerjoin(Agent, Agent.id == TicketOlaCycle.holder_at_stop_id)
        ).order_by(TicketOlaCycle.id)
    ).all()  # fmt: skip
    held: dict[int, list[tuple[str | None, int]]] = {}
    pieces = of_period(
        select(TicketOlaHold.cycle_id, Agent.name, TicketOlaHold.seconds)
        .select_from(TicketOlaHold)
        .join(TicketOlaCycle, TicketOlaCycle.id == TicketOlaHold.cycle_id)
        .outerjoin(Agent, Agent.id == TicketOlaHold.agent_id)
    ).order_by(TicketOlaHold.cycle_id, TicketOlaHold.id)
    for cycle_id, name, seconds in connection.execute(pieces):
        held.setdefault(cycle_id, []).append((name, int(seconds)))
    return [
        StoppedOlaCycle(
            cycle_id, ticket_id, team_name, state == "breached", int(elapsed), holder,
            tuple(held.get(cycle_id, ())),
        )
        for cycle_id, ticket_id, team_name, state, elapsed, holder in rows
    ]  # fmt: skip


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
