"""Team OLA terms as immutable versions: a save inserts version n+1 for the team; the
team's current terms are its highest version. Every function takes the caller's session."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Subquery, func, select
from sqlalchemy.orm import Session

from slaworkbench.domain.clock.ola import TeamOla
from slaworkbench.domain.clock.ola_spec import ola_terms_from_dict, ola_terms_to_dict
from slaworkbench.domain.model import Priority
from slaworkbench.i18n import tr
from slaworkbench.store.errors import NotFoundError, StalePolicyError, ValidationError
from slaworkbench.store.policies.calendars import CalendarCache
from slaworkbench.store.schema import Calendar, Team, TeamOlaVersion


@dataclass(frozen=True, slots=True)
class TeamOlaInfo:
    """A team and its current OLA terms (``version`` 0 and no targets: none yet)."""

    team_id: int
    team: str
    version: int
    version_id: int | None
    calendar: str | None
    targets: dict[Priority, int]
    warning_fraction: float
    author: str | None
    created_at: int | None
    reason: str


def _latest() -> Subquery:
    return (
        select(TeamOlaVersion.team_id, func.max(TeamOlaVersion.version).label("version"))
        .group_by(TeamOlaVersion.team_id)
        .subquery()
    )


def list_team_olas(session: Session) -> list[TeamOlaInfo]:
    """Every team, by name, with its current OLA terms."""
    latest = _latest()
    rows = session.execute(
        select(Team.id, Team.name, TeamOlaVersion, Calendar.name)
        .outerjoin(latest, latest.c.team_id == Team.id)
        .outerjoin(
            TeamOlaVersion,
            (TeamOlaVersion.team_id == Team.id) & (TeamOlaVersion.version == latest.c.version),
        )
        .outerjoin(Calendar, Calendar.id == TeamOlaVersion.calendar_id)
        .order_by(Team.name)
    ).all()
    result = []
    for team_id, name, version, calendar in rows:
        if version is None:
            result.append(TeamOlaInfo(team_id, name, 0, None, None, {}, 0.25, None, None, ""))
            continue
        targets, fraction = ola_terms_from_dict(json.loads(version.spec), stored=True)
        result.append(
            TeamOlaInfo(
                team_id, name, version.version, version.id, calendar, targets, fraction,
                version.author, version.created_at, version.reason,
            )
        )  # fmt: skip
    return result


def save_team_ola(
    session: Session,
    team_id: int,
    *,
    targets: dict[Priority, int],
    warning_fraction: float,
    calendar_name: str,
    author: str,
    reason: str,
    expected_version: int,
    now: int,
) -> int:
    """Insert the team's next OLA version; ``expected_version`` is the version the editor
    started from (another save in between is refused). Returns the new version's id."""
    if not author.strip():
        raise ValidationError(tr("Say who is saving the OLA: the author is empty."))
    if session.get(Team, team_id) is None:
        raise NotFoundError(tr("That team no longer exists; reload the list."))
    spec = ola_terms_to_dict(targets, warning_fraction)
    try:
        ola_terms_from_dict(spec)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    calendar_id = session.execute(
        select(Calendar.id).where(Calendar.name == calendar_name)
    ).scalar()
    if calendar_id is None:
        raise NotFoundError(
            tr("There is no calendar named “{name}”; create it or pick another.").format(
                name=calendar_name
            )
        )
    current = (
        session.execute(
            select(func.max(TeamOlaVersion.version)).where(TeamOlaVersion.team_id == team_id)
        ).scalar()
        or 0
    )
    if current != expected_version:
        raise StalePolicyError(
            tr("The OLA of this team was changed by someone else; reload it and try again.")
        )
    row = TeamOlaVersion(
        team_id=team_id,
        version=current + 1,
        created_at=now,
        author=author.strip(),
        reason=reason.strip(),
        calendar_id=calendar_id,
        spec=json.dumps(spec, sort_keys=True),
    )
    session.add(row)
    session.flush()
    return row.id


def load_team_olas(session: Session) -> dict[int, TeamOla]:
    """The current OLA of every team that has one, by team id (for the engine)."""
    latest = _latest()
    rows = session.execute(
        select(Team.name, TeamOlaVersion)
        .join(TeamOlaVersion, TeamOlaVersion.team_id == Team.id)
        .join(
            latest,
            (latest.c.team_id == TeamOlaVersion.team_id)
            & (latest.c.version == TeamOlaVersion.version),
        )
    ).all()
    calendars = CalendarCache(session)
    olas: dict[int, TeamOla] = {}
    for name, version in rows:
        targets, fraction = ola_terms_from_dict(json.loads(version.spec), stored=True)
        olas[version.team_id] = TeamOla(
            name, targets, calendars.get(version.calendar_id), fraction, version.id
        )
    return olas
