"""A workspace with two teams that have OLAs (Desk, Apps) and one open ticket created
with Desk through the app, so its log records no team move yet: what a person's first
move to another team starts from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from slaworkbench.app.ola.terms import TeamOlaEdit, load_team_olas_screen, save_team_terms
from slaworkbench.app.tickets.actions import NewTicket, change_status, create_ticket
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.ola.ticket import OlaCycleRow, fetch_ticket_olas
from slaworkbench.store.schema import Agent, Team
from slaworkbench.store.workspace import Workspace
from tests.support.office_workspace import new_workspace

HOUR = 3600
CREATED = 1_772_438_400  # Monday 2026-03-02 08:00 UTC, an hour before the office opens
DESK_TARGET = 4 * HOUR
APPS_TARGET = 8 * HOUR


@dataclass(frozen=True)
class TeamMoveWorkspace:
    workspace: Workspace
    ticket_id: int
    version: int


def team_move_workspace(tmp_path: Path) -> TeamMoveWorkspace:
    workspace = new_workspace(tmp_path)
    with workspace.session(write=True) as session:
        session.add_all([Team(name="Desk"), Team(name="Apps")])
        session.flush()
        session.add_all([Agent(name="Ana Silva"), Agent(name="Bruno Costa")])
    screen = load_team_olas_screen(workspace)
    ids = {info.team: info.team_id for info in screen.teams}
    for team, target in (("Desk", DESK_TARGET), ("Apps", APPS_TARGET)):
        edit = TeamOlaEdit(ids[team], {p: target for p in Priority}, 0.25, "Office", 0)
        save_team_terms(workspace, edit, author="lead", reason="first OLA", now=CREATED - HOUR)
    ticket_id = create_ticket(
        workspace,
        NewTicket("VPN drops every hour", priority=Priority.HIGH, team="Desk"),
        author="test",
        now=CREATED,
    )
    change_status(workspace, ticket_id, Status.OPEN, author="test", expected_version=1, now=CREATED)
    return TeamMoveWorkspace(workspace, ticket_id, 2)


def ola_cycles(workspace: Workspace, ticket_id: int, now: int) -> list[tuple[str, int, int | None]]:
    """The ticket's stored OLA cycles as (team, started_at, stopped_at)."""
    with workspace.session() as session:
        rows: tuple[OlaCycleRow, ...] = fetch_ticket_olas(session, ticket_id, now)
    return [(row.team, row.started_at, row.stopped_at) for row in rows]
