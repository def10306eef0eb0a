"""The stopped clocks of a customer's tickets (or every ticket) in a period: what the
statement's compliance and credits and the goal suggestions count."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from slaworkbench.store.schema import Customer, Ticket, TicketClock


@dataclass(frozen=True, slots=True)
class StoppedClock:
    ticket_id: int
    external_id: str | None
    priority: str
    metric: str
    state: str
    """``achieved`` or ``breached``."""
    stopped_at: int
    elapsed: int
    target: int


def stopped_clocks(
    session: Session, start: int, end: int, *, customer: str | None = None
) -> list[StoppedClock]:
    """Every cycle that stopped in ``[start, end)`` judged achieved or breached, with its
    ticket's current priority, in stop order."""
    query = (
        select(
            TicketClock.ticket_id,
            Ticket.external_id,
            Ticket.priority,
            TicketClock.metric,
            TicketClock.state,
            TicketClock.stopped_at,
            TicketClock.elapsed,
            TicketClock.target,
        )
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(
            TicketClock.stopped_at >= start,
            TicketClock.stopped_at < end,
            TicketClock.state.in_(("achieved", "breached")),
        )
        .order_by(TicketClock.stopped_at, TicketClock.ticket_id, TicketClock.id)
    )
    if customer is not None:
        query = query.join(Customer, Customer.id == Ticket.customer_id).where(
            Customer.name == customer
        )
    return [
        StoppedClock(tid, ext, prio, metric, state, int(stopped or 0), elapsed, target)
        for tid, ext, prio, metric, state, stopped, elapsed, target in session.execute(query)
    ]
