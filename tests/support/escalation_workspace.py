"""A workspace with one 24/7 policy that escalates, and a ticket it judges.

Targets (24/7, so business time is wall time): normal resolution 8 h, high 7 h. The
rules: resolution level 1 at 75 % raises the priority and notifies the team lead;
level 2 at 100 % tags the ticket ``escalated`` and notifies the managers.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import insert, select

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.domain.model import Priority
from slaworkbench.store.policies.versions import (
    list_policies,
    save_policy_version,
    set_policy_active,
)
from slaworkbench.store.schema import Agent, Team, Ticket, TicketClock
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.office_workspace import new_workspace

HOUR = 3600

ESCALATING_POLICY = {
    "name": "Escalating",
    "targets": {
        "normal": {"first_response": "2h", "resolution": "8h"},
        "high": {"first_response": "1h", "resolution": "7h"},
    },
    "escalations": [
        {
            "metric": "resolution",
            "level": 1,
            "threshold": "share",
            "value": 75,
            "actions": [{"do": "raise_priority"}, {"do": "notify", "to": "team_lead"}],
        },
        {
            "metric": "resolution",
            "level": 2,
            "threshold": "share",
            "value": 100,
            "actions": [{"do": "add_tag", "tag": "escalated"}, {"do": "notify", "to": "managers"}],
        },
    ],
}


def escalating_workspace(tmp_path: Path, now: int, url: str | None = None) -> tuple[Workspace, int]:
    """The workspace (a file in ``tmp_path``, or the database at ``url``) and one normal
    ticket of team Support created at ``now``."""
    if url is None:
        ws = new_workspace(tmp_path)
    else:
        ws = open_workspace(url)
        with ws.session(write=True) as session:
            for info in list_policies(session):
                set_policy_active(session, info.id, False)
    with ws.session(write=True) as session:
        save_policy_version(
            session, None, ESCALATING_POLICY, calendar_name="24/7", author="test", now=now
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
    ticket_id = create_ticket(
        ws,
        NewTicket("Printer on fire", Priority.NORMAL, team="Support", assignee="Ada Agent"),
        author="test",
        now=now,
    )
    return ws, ticket_id


def resolution_clock(ws: Workspace, ticket_id: int) -> tuple[str, int, int | None, str]:
    """The ticket's priority, its resolution target and due instant, and state."""
    with ws.session() as session:
        priority = session.execute(
            select(Ticket.priority).where(Ticket.id == ticket_id)
        ).scalar_one()
        row = session.execute(
            select(TicketClock.target, TicketClock.due_at, TicketClock.state).where(
                TicketClock.ticket_id == ticket_id, TicketClock.metric == "resolution"
            )
        ).one()
    return priority, int(row.target), row.due_at, row.state
