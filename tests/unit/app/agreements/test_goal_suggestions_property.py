"""Goal suggestions, read from the stored cycles in no order, equal a plain-Python count
of the same cycles: per metric and priority (the ticket's current one), the cycles that
stopped in the period judged achieved or breached, their nearest-rank percentiles, and
the target most of them were judged against, ties going to the one met first in stop
order (stop instant, ticket, cycle row), as ``Counter.most_common`` over them in that
order gives; on each engine, for the whole workspace and for a customer."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from slaworkbench.app.agreements.goals import goal_suggestions
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.agreement.goals import SHARES
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.schema import Customer, Ticket, TicketClock
from slaworkbench.store.workspace import Workspace

NOW = 1_790_000_000
START, END = NOW - 10 * 86_400, NOW
FIRST_CYCLE = 100  # above the cycles the tickets' own policy may have started

CYCLES = st.lists(
    st.tuples(
        st.integers(0, 5),  # which ticket
        st.sampled_from(["first_response", "resolution", "next_response"]),
        st.sampled_from([START - 1, START, START + 5, END - 1, END]),  # stop instant
        st.sampled_from(["achieved", "breached", "achieved", "running"]),
        st.sampled_from([3_600, 7_200, 14_400]),  # target
        st.integers(0, 20_000),  # business elapsed
    ),
    max_size=40,
)


@pytest.fixture
def tickets(engine_workspace: Workspace) -> tuple[Workspace, list[int]]:
    made = []
    for n in range(6):
        ticket = NewTicket(
            subject=f"ticket {n}",
            priority=[Priority.URGENT, Priority.HIGH, Priority.NORMAL][n % 3],
            customer="Acme" if n % 2 else "Globex",
        )
        made.append(create_ticket(engine_workspace, ticket, author="admin", now=NOW - 86_400))
    return engine_workspace, made


def _expected(ws: Workspace, customer: str | None) -> list[tuple[object, ...]]:
    with ws.session() as session:
        rows = session.execute(
            select(
                TicketClock.id, TicketClock.ticket_id, TicketClock.metric, TicketClock.state,
                TicketClock.stopped_at, TicketClock.elapsed, TicketClock.target,
                Ticket.priority, Customer.name,
            )
            .join(Ticket, Ticket.id == TicketClock.ticket_id)
            .outerjoin(Customer, Customer.id == Ticket.customer_id)
        ).all()  # fmt: skip
    groups: dict[tuple[str, str], list[tuple[int, int, int, int, int]]] = defaultdict(list)
    for row in rows:
        if row.stopped_at is None or not START <= row.stopped_at < END:
            continue
        if row.state not in ("achieved", "breached"):
            continue
        if customer is not None and row.name != customer:
            continue
        groups[(row.metric, row.priority)].append(
            (row.stopped_at, row.ticket_id, row.id, row.elapsed, row.target)
        )
    expected = []
    for metric in Metric:
        for priority in Priority:
            cycles = sorted(groups.get((metric.value, priority.value), []))
            if not cycles:
                continue
            values = sorted(c[3] for c in cycles)
            target = Counter(c[4] for c in cycles).most_common(1)[0][0]
            shares = tuple(
                (share, values[max(1, math.ceil(share * len(values) - 1e-9)) - 1])
                for share in SHARES
            )
            met = sum(v <= target for v in values) / len(values)
            expected.append((metric, priority, len(values), shares, target, met))
    return expected


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cycles=CYCLES, customer=st.sampled_from([None, "Acme"]))
def test_goal_suggestions_count_the_stopped_cycles_as_plain_python_does(tickets, cycles, customer):
    ws, ids = tickets
    with ws.session(write=True) as session:
        session.execute(delete(TicketClock).where(TicketClock.cycle_index >= FIRST_CYCLE))
        for n, (which, metric, stopped, state, target, elapsed) in enumerate(cycles):
            session.add(
                TicketClock(
                    ticket_id=ids[which], metric=metric, cycle_index=FIRST_CYCLE + n,
                    started_at=START - 86_400, stopped_at=None if state == "running" else stopped,
                    state=state, target=target, elapsed=elapsed, remaining=target - elapsed,
                    evaluated_at=NOW,
                )
            )  # fmt: skip
    found = [
        (
            s.metric, s.priority, s.suggestion.clocks, s.suggestion.targets,
            s.suggestion.current_target, s.suggestion.current_compliance,
        )
        for s in goal_suggestions(ws, START, END, customer=customer)
    ]  # fmt: skip
    assert found == _expected(ws, customer)
