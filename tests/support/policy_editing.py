"""What the policy editor's tests share: a stand-in for the recompute controller that
counts its requests, and the row counts of calendars and policies."""

from __future__ import annotations

from sqlalchemy import func, select

from slaworkbench.store.schema import Calendar, CalendarHoliday, Policy, PolicyVersion
from slaworkbench.store.workspace import Workspace


class Recorder:
    def __init__(self) -> None:
        self.requests = 0

    def request(self, *, only_open: bool = True) -> None:
        self.requests += 1


def counts(workspace: Workspace) -> tuple[int, ...]:
    with workspace.session() as session:
        return tuple(
            session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (Calendar, CalendarHoliday, Policy, PolicyVersion)
        )
