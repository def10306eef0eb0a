"""The open tickets the breach monitor watches: those with an instant in a window.

Reads through the partial index on open tickets' ``next_due_at``; never a full scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from slaworkbench.domain.model import Instant
from slaworkbench.store.schema import OPEN_STATUSES, Agent, Team, Ticket
from slaworkbench.store.tickets.rows import ticket_reference


@dataclass(frozen=True, slots=True)
class WatchedTicket:
    """What the monitor needs to know of one open ticket."""

    ticket_id: int
    subject: str
    risk_at: Instant | None
    due_at: Instant | None
    assignee: str | None = None
    team: str | None = None
    reference: str = ""
    """How the ticket list names it (``ticket_reference``)."""


def _watched_select() -> Select[int, str, int | None, int | None, str, str, str | None]:
    return (
        select(
            Ticket.id,
            Ticket.subject,
            Ticket.next_risk_at,
            Ticket.next_due_at,
            Agent.name,
            Team.name,
            Ticket.external_id,
        )
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .outerjoin(Team, Team.id == Ticket.team_id)
        .where(Ticket.status.in_(sorted(OPEN_STATUSES)))
    )


def watched_tickets(session: Session, after: Instant, until: Instant) -> list[WatchedTicket]:
    """Open tickets that turn at risk or fall due in ``(after, until]``."""
    statement = _watched_select().where(
        or_(
            Ticket.next_due_at.between(after + 1, until),
            Ticket.next_risk_at.between(after + 1, until),
        )
    )
    return [_watched(row) for row in session.execute(statement)]


def watched_ticket(session: Session, ticket_id: int) -> WatchedTicket | None:
    """One ticket's current instants (None when it is no longer open)."""
    row = session.execute(_watched_select().where(Ticket.id == ticket_id)).first()
    if row is None:
        return None
    return _watched(row)


def _watched(row: Any) -> WatchedTicket:
    reference = ticket_reference(row[0], row[6])
    return WatchedTicket(row[0], row[1] or "", row[2], row[3], row[4], row[5], reference)
