"""A ticket that lived three weeks on an office calendar: answered, paused, solved,
reopened by the customer, asked again,
escalated at 75 % of its next-response target (priority raised,
team lead told), reassigned, solved again and closed. For the SLA timeline's tests and
its screenshot.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import insert, select

from slaworkbench.app.escalations.firing import fire_due
from slaworkbench.app.escalations.plan import plan_next
from slaworkbench.app.tickets.actions import (
    NewTicket,
    agent_reply,
    assign,
    change_status,
    create_ticket,
    customer_reply,
)
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.policies.versions import save_policy_version
from slaworkbench.store.schema import Agent, Team, Ticket
from slaworkbench.store.workspace import Workspace
from tests.support.office_workspace import new_workspace

OFFICE_POLICY = {
    "name": "Office escalations",
    "targets": {
        "normal": {"first_response": "4h", "next_response": "4h", "resolution": "2d"},
        "high": {"first_response": "2h", "next_response": "3h 30m", "resolution": "1d 16h"},
    },
    "escalations": [
        {
            "metric": "next_response",
            "level": 1,
            "threshold": "share",
            "value": 75,
            "actions": [{"do": "raise_priority"}, {"do": "notify", "to": "team_lead"}],
        },
        {
            "metric": "resolution",
            "level": 1,
            "threshold": "after_due",
            "value": "4h",
            "actions": [{"do": "add_tag", "tag": "escalated"}, {"do": "notify", "to": "managers"}],
        },
    ],
}


def at(day: int, hour: int, minute: int = 0) -> int:
    """An instant in March 2027 (Mon 1st), UTC (the Office calendar's zone)."""
    return int(dt.datetime(2027, 3, day, hour, minute, tzinfo=dt.UTC).timestamp())


NOW = at(22, 11)
"""Three weeks after the ticket was opened."""


def _version(ws: Workspace, ticket_id: int) -> int:
    with ws.session() as session:
        return int(
            session.execute(select(Ticket.version).where(Ticket.id == ticket_id)).scalar_one()
        )


def reopened_ticket(tmp_path: Path) -> tuple[Workspace, int, int]:
    """The workspace, the ticket's id and the instant its escalation fired."""
    ws = new_workspace(tmp_path)
    with ws.session(write=True) as session:
        save_policy_version(
            session, None, OFFICE_POLICY, calendar_name="Office", author="test", now=at(1, 8)
        )
        team_id = session.execute(
            insert(Team).values(name="Support").returning(Team.id)
        ).scalar_one()
        session.execute(
            insert(Agent),
            [
                {"name": "Lena Lead", "team_id": team_id, "role": "manager"},
                {"name": "Ada Agent", "team_id": team_id, "role": "agent"},
            ],
        )
    ticket = create_ticket(
        ws,
        NewTicket("Invoices do not sync to the ledger", Priority.NORMAL, team="Support",
                  assignee="Ada Agent", customer="Northwind"),
        author="portal",
        now=at(1, 9, 10),
    )  # fmt: skip

    def step(action, when: int, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        action(ws, ticket, *args, author=kwargs.pop("author", "Ada Agent"),
               expected_version=_version(ws, ticket), now=when, **kwargs)  # fmt: skip

    step(agent_reply, at(1, 11), "Looking into it.")
    step(change_status, at(2, 10), Status.PENDING)
    step(customer_reply, at(3, 15), "Here are the logs.", author="customer")
    step(change_status, at(5, 16), Status.SOLVED)
    step(customer_reply, at(9, 10), "It happens again since Monday.", author="customer")
    step(agent_reply, at(9, 11), "Can you send a screenshot of the ledger?")
    step(customer_reply, at(9, 14), "Attached.", author="customer")
    fired_at = plan_next(ws)
    assert fired_at is not None
    fire_due(ws, fired_at, late_before=at(1, 0))
    step(assign, fired_at + 1800, "Lena Lead", author="Lena Lead")
    step(agent_reply, at(11, 9, 30), "Fixed the mapping; please check.", author="Lena Lead")
    step(change_status, at(11, 9, 31), Status.SOLVED, author="Lena Lead")
    step(change_status, at(15, 9), Status.CLOSED, author="Lena Lead")
    return ws, ticket, fired_at
