"""Goal suggestions from the stored clocks equal a direct percentile over the same clocks."""

from __future__ import annotations

import math
from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.agreements.goals import goal_suggestions
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.schema import Customer, Ticket, TicketClock
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace


def test_suggestions_are_the_direct_percentiles(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    start, end = JAN_2026, JAN_2026 + 31 * 86_400
    suggestions = goal_suggestions(ws, start, end, customer="Acme")
    with ws.session() as session:
        rows = session.execute(
            select(TicketClock.elapsed, TicketClock.target)
            .join(Ticket, Ticket.id == TicketClock.ticket_id)
            .join(Customer, Customer.id == Ticket.customer_id)
            .where(
                Customer.name == "Acme", Ticket.priority == "urgent",
                TicketClock.metric == "resolution", TicketClock.stopped_at >= start,
                TicketClock.stopped_at < end,
            )
        ).all()  # fmt: skip
    [urgent] = [
        s for s in suggestions if s.metric is Metric.RESOLUTION and s.priority is Priority.URGENT
    ]
    values = sorted(e for e, _ in rows)
    assert urgent.suggestion.clocks == len(values) == 4
    for share, target in urgent.suggestion.targets:
        assert target == values[math.ceil(share * len(values)) - 1]
    target = rows[0][1]
    assert urgent.suggestion.current_target == target
    assert urgent.suggestion.current_compliance == sum(e <= target for e in values) / 4
    assert {s.priority for s in suggestions if s.metric is Metric.RESOLUTION} == {
        Priority.URGENT, Priority.NORMAL,
    }  # fmt: skip
