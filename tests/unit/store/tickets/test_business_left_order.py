"""The time-to-breach order is business time left, not the due instant: with two
calendars the two orders differ (docs/SLA_SEMANTICS.md, "The ticket list")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from slaworkbench.app.policies.saving import PolicyEdit, save_calendar, save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import NewTicket, create_ticket_with_clocks
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.model import Priority
from slaworkbench.store.policies.versions import list_policies
from slaworkbench.store.schema import Ticket
from slaworkbench.store.seed import standard_policy_spec
from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.store.workspace import Workspace, open_workspace

HOUR = 3600
NOW = int(dt.datetime(2026, 1, 9, 15, tzinfo=dt.UTC).timestamp())  # a Friday, 15:00 UTC
WEEKDAYS = {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}
OFFICE = {"name": "Office", "timezone": "UTC", "hours": WEEKDAYS}


def _targets(first_response: int) -> dict[str, dict[str, int]]:
    return {p.value: {"first_response": first_response, "resolution": 200 * HOUR} for p in Priority}


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = open_workspace(str(tmp_path / "w.sqlite3"))
    with ws.session() as session:
        (standard,) = list_policies(session)
    spec = standard_policy_spec() | {"targets": _targets(15 * HOUR)}
    save_policy(ws, PolicyEdit(standard.id, spec, "24/7"), author="t", reason="around the clock")
    save_calendar(ws, BusinessCalendar.from_dict(OFFICE), original_name=None, author="t")
    office = dict(spec, name="Office desk", conditions={"priorities": ["low"]})
    office["targets"] = _targets(8 * HOUR)
    save_policy(ws, PolicyEdit(None, office, "Office", position=0), author="t", reason="office")
    return ws


def _ticket(ws: Workspace, subject: str, priority: Priority, created: int) -> int:
    ticket = NewTicket(subject, priority, requester="a@example.com")
    return create_ticket_with_clocks(ws, ticket, author="t", now=created).ticket_id


def _order(ws: Workspace, *, descending: bool = False, page: int = 100) -> list[str]:
    query = TicketQuery(view=View.ALL, sort=SortKey.TIME_TO_BREACH, descending=descending)
    subjects: list[str] = []
    with ws.session() as session:
        rows = list_tickets(session, query, now=NOW, limit=page)
        while rows:
            subjects += [r.subject for r in rows]
            rows = list_tickets(session, query, now=NOW, limit=page, after=rows[-1])
    return subjects


def test_time_to_breach_orders_by_business_time_left_across_calendars(
    workspace: Workspace,
) -> None:
    ws = workspace
    with ws:
        # 24/7, 15h target: created 10:00, 10h left, due Sat 01:00.
        _ticket(ws, "ten hours", Priority.NORMAL, NOW - 5 * HOUR)
        # Office hours, 8h target: created Fri 14:00, 7h left, due Mon 14:00.
        _ticket(ws, "seven office hours", Priority.LOW, NOW - HOUR)
        # 24/7: created yesterday 20:00, overdue 4h (due 11:00 today).
        _ticket(ws, "overdue", Priority.HIGH, NOW - 19 * HOUR)
        # Office hours: created Thu 16:00, 8h counted by Fri 15:00 but one: 1h left.
        _ticket(ws, "one office hour", Priority.LOW, NOW - 23 * HOUR)
        with ws.session() as session:
            due = {s: d for s, d in session.execute(select(Ticket.subject, Ticket.next_due_at))}
        by_instant = sorted(due, key=lambda subject: due[subject])
        expected = ["overdue", "one office hour", "seven office hours", "ten hours"]
        assert by_instant != expected  # the due instants order them otherwise
        assert by_instant.index("ten hours") < by_instant.index("seven office hours")

        assert _order(ws) == expected
        assert _order(ws, page=1) == expected  # keyset pages continue after the last row
        assert _order(ws, descending=True, page=2) == expected[::-1]

        # The recompute writes the same positions the ticket actions wrote.
        with ws.session() as session:
            before = dict(session.execute(select(Ticket.subject, Ticket.next_due_position)).all())
        recompute(ws, now=NOW, only_open=False, author="t", reason="check")
        with ws.session() as session:
            after = dict(session.execute(select(Ticket.subject, Ticket.next_due_position)).all())
        assert after == before and None not in after.values()
        assert _order(ws, page=3) == expected
