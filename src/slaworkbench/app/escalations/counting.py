"""How many escalations fired, per policy and priority, for the compliance report.

Counts the rows of the ``escalations`` log fired in ``[start_at, end_at)``; the priority
is the ticket's priority when the rule fired (before a raise). The report's team,
customer and priority filters apply to the ticket's current team and customer and to
that priority.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.domain.model import Instant
from slaworkbench.store.schema import Customer, Escalation, Policy, Team, Ticket


@dataclass(frozen=True, slots=True)
class EscalationCount:
    policy: str
    priority: str
    fired: int
    late: int
    """Of ``fired``, those due while no program was running."""
    tickets: int


def count_escalations(
    session: Session, filters: Filters, start_at: Instant, end_at: Instant
) -> tuple[EscalationCount, ...]:
    statement = (
        select(
            Policy.name,
            Escalation.priority,
            func.count(Escalation.id),
            func.sum(case((Escalation.late, 1), else_=0)),
            func.count(func.distinct(Escalation.ticket_id)),
        )
        .join(Policy, Policy.id == Escalation.policy_id)
        .join(Ticket, Ticket.id == Escalation.ticket_id)
        .where(Escalation.fired_at >= start_at, Escalation.fired_at < end_at)
        .group_by(Policy.name, Escalation.priority)
        .order_by(Policy.name, Escalation.priority)
    )
    if filters.team is not None:
        statement = statement.join(Team, Team.id == Ticket.team_id).where(Team.name == filters.team)
    if filters.customer is not None:
        statement = statement.join(Customer, Customer.id == Ticket.customer_id).where(
            Customer.name == filters.customer
        )
    if filters.priority is not None:
        statement = statement.where(Escalation.priority == filters.priority)
    order = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
    rows = [
        EscalationCount(str(name), str(priority), int(fired), int(late or 0), int(tickets))
        for name, priority, fired, late, tickets in session.execute(statement)
    ]
    return tuple(sorted(rows, key=lambda row: (row.policy, order.get(row.priority, 9))))
