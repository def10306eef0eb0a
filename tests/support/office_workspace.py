"""A workspace with its built-in policies switched off and one Office calendar, and the
row counts that show a run wrote nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.store.policies.calendars import save_calendar
from slaworkbench.store.policies.versions import list_policies, set_policy_active
from slaworkbench.store.schema import PolicyVersion, Ticket, TicketClock, TicketEvent
from slaworkbench.store.workspace import Workspace, open_workspace

OFFICE = {
    "name": "Office",
    "timezone": "UTC",
    "hours": {
        "mon": [["09:00", "12:00"], ["13:00", "18:00"]],
        "tue": [["09:00", "18:00"]],
        "wed": [["09:00", "18:00"]],
        "thu": [["09:00", "18:00"]],
        "fri": [["09:00", "18:00"]],
        "sat": [],
        "sun": [],
    },
    "holidays": [],
}


def new_workspace(tmp_path: Path) -> Workspace:
    """A fresh workspace whose built-in policies are switched off."""
    ws = open_workspace(str(tmp_path / "workspace.sqlite3"))
    with ws.session(write=True) as session:
        for info in list_policies(session):
            set_policy_active(session, info.id, False)
        save_calendar(session, BusinessCalendar.from_dict(OFFICE), "test")
    return ws


def row_counts(workspace: Workspace) -> tuple[int, ...]:
    with workspace.session() as session:
        return tuple(
            int(session.execute(select(func.count()).select_from(table)).scalar_one())
            for table in (PolicyVersion, Ticket, TicketEvent, TicketClock)
        )
