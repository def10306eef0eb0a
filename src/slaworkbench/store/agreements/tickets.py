"""Ticket references as people write them in files: the workspace's number or the
ticket's external id."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from slaworkbench.store.schema import Ticket


def ticket_ids_for(session: Session, references: Iterable[str]) -> dict[str, int]:
    """Each reference that names a ticket, mapped to its id (unknown ones are left out)."""
    wanted = sorted({r.strip() for r in references if r.strip()})
    numbers = sorted({int(r) for r in wanted if r.isdigit()})
    found: dict[str, int] = {}
    for i in range(0, len(numbers), 500):
        for ticket_id in session.execute(
            select(Ticket.id).where(Ticket.id.in_(numbers[i : i + 500]))
        ).scalars():
            found[str(ticket_id)] = ticket_id
    for i in range(0, len(wanted), 500):
        for external, ticket_id in session.execute(
            select(Ticket.external_id, Ticket.id).where(Ticket.external_id.in_(wanted[i : i + 500]))
        ):
            if external is not None:
                found.setdefault(external, ticket_id)
    return found
