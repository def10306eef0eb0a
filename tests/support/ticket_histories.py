"""Tickets created in a period with their whole event logs, as objects (``Event`` per
row, through the ORM): the what-if's reference in tests. The program replays a period
as the recompute reads it (columns, ``app.policies.whatif.compared_chunks``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from slaworkbench.domain.model import Event, Instant, TicketFacts
from slaworkbench.store.clocks.inputs import TICKETS, event_logs, facts_of, facts_query


@dataclass(frozen=True, slots=True)
class TicketHistory:
    """One ticket's current attributes and its whole event log, in log order."""

    id: int
    external_id: str | None
    subject: str
    created_at: Instant
    facts: TicketFacts
    events: tuple[Event, ...]


def ticket_histories(
    session: Session, start: Instant, end: Instant, *, chunk: int = 2_000
) -> Iterator[list[TicketHistory]]:
    """Tickets created in ``[start, end)`` with their event logs, ``chunk`` at a time."""
    tickets = TICKETS.c
    query = facts_query(tickets.id, tickets.external_id, tickets.subject, tickets.created_at)
    query = query.where(tickets.created_at >= start, tickets.created_at < end)
    last = 0
    while True:
        rows = session.execute(
            query.where(tickets.id > last).order_by(tickets.id).limit(chunk)
        ).all()
        if not rows:
            return
        logs = event_logs(session, [int(row[0]) for row in rows])
        yield [
            TicketHistory(
                id=int(row[0]),
                external_id=row[1],
                subject=str(row[2] or ""),
                created_at=int(row[3]),
                facts=facts_of(row),
                events=logs[int(row[0])],
            )
            for row in rows
        ]
        last = int(rows[-1][0])
