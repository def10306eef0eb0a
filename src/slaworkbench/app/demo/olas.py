"""The demo's team agreements (OLAs): a share of the resolution target per priority, the
first line's larger (it solves most of its tickets itself), every team counting in the
demo office's calendar. Teams that already
have an OLA (a demo added to a workspace that has them) keep theirs."""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from slaworkbench.app.demo.catalogue import (
    AUTHOR,
    OFFICE_CALENDAR,
    PRIORITIES,
    RESOLUTION_TARGET,
    TEAMS,
)
from slaworkbench.app.demo.tickets import FIRST_LINE
from slaworkbench.domain.model import Priority
from slaworkbench.i18n import tr
from slaworkbench.store.ola.versions import save_team_ola
from slaworkbench.store.schema import Team, TeamOlaVersion

FIRST_LINE_TARGETS = {Priority(p): int(RESOLUTION_TARGET[p] * 0.75) for p in PRIORITIES}
"""The first line keeps most tickets to the end: most of the resolution target."""
SECOND_LINE_TARGETS = {Priority(p): int(RESOLUTION_TARGET[p] * 0.6) for p in PRIORITIES}
"""The second line gets a ticket after the first line's share of its time."""


def add_team_olas(connection: Connection, now: int) -> int:
    """Save an OLA for every demo team without one, in the caller's transaction; returns
    how many were saved."""
    saved = 0
    with Session(bind=connection) as session:
        having = set(session.execute(select(TeamOlaVersion.team_id)).scalars())
        for team_id, name in session.execute(
            select(Team.id, Team.name).where(Team.name.in_(list(TEAMS))).order_by(Team.id)
        ):
            if team_id in having:
                continue
            save_team_ola(
                session,
                team_id,
                targets=FIRST_LINE_TARGETS if name == FIRST_LINE else SECOND_LINE_TARGETS,
                warning_fraction=0.25,
                calendar_name=OFFICE_CALENDAR,
                author=AUTHOR,
                reason=tr("Demo team agreements"),
                expected_version=0,
                now=now,
            )
            saved += 1
        session.flush()
    return saved
