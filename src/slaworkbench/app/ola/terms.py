"""Reading and saving the OLA terms of the teams (the team OLA editor's use cases).

A save inserts the team's next immutable version (``store.ola.versions``) and returns
``Changes(policies=True)``: the window's recompute controller hears it and recomputes
the open tickets, whose OLA cycles then follow the new terms; a stopped OLA cycle keeps
its verdict until a re-baseline (docs/SLA_SEMANTICS.md).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from slaworkbench.app.changes import Changes
from slaworkbench.domain.model import Priority
from slaworkbench.store.ola.versions import TeamOlaInfo, list_team_olas, save_team_ola
from slaworkbench.store.policies.calendars import list_calendars
from slaworkbench.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class TeamOlaEdit:
    team_id: int
    targets: dict[Priority, int]
    warning_fraction: float
    calendar_name: str
    expected_version: int
    """The ``TeamOlaInfo.version`` the editor loaded (0: the team had no OLA)."""


@dataclass(frozen=True, slots=True)
class TeamOlaScreen:
    teams: tuple[TeamOlaInfo, ...]
    calendars: tuple[str, ...]


def load_team_olas_screen(workspace: Workspace) -> TeamOlaScreen:
    with workspace.session() as session:
        teams = tuple(list_team_olas(session))
        calendars = tuple(info.name for info in list_calendars(session))
    return TeamOlaScreen(teams, calendars)


def save_team_terms(
    workspace: Workspace, edit: TeamOlaEdit, *, author: str, reason: str, now: int | None = None
) -> Changes:
    """Write ``edit`` as the team's next OLA version; nothing is written when it raises."""
    with workspace.session(write=True) as session:
        save_team_ola(
            session,
            edit.team_id,
            targets=edit.targets,
            warning_fraction=edit.warning_fraction,
            calendar_name=edit.calendar_name,
            author=author,
            reason=reason,
            expected_version=edit.expected_version,
            now=int(time.time()) if now is None else now,
        )
    return Changes(policies=True)
