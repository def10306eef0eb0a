"""The ticket list's OLA column: the cycle of the team the ticket is with now.

A ticket has at most one unstopped OLA cycle (it is with one team at a time), so the
list joins it directly: ``ola_join`` adds it (and the team's name and the calendar of
the OLA version that judges it) to the list's select, ``OLA_COLUMNS`` are its columns,
in the order ``store.tickets.rows.to_row`` reads them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_
from sqlalchemy.orm import aliased

from slaworkbench.store.schema import Team, TeamOlaVersion, Ticket, TicketOlaCycle

_OLA = aliased(TicketOlaCycle, name="ola_cycle")
_OLA_TEAM = aliased(Team, name="ola_team")
_OLA_VERSION = aliased(TeamOlaVersion, name="ola_version")

OLA_COLUMNS: tuple[Any, ...] = (
    _OLA.state.label("ola_state"),
    _OLA.due_at.label("ola_due_at"),
    _OLA.remaining.label("ola_remaining"),
    _OLA.target.label("ola_target"),
    _OLA.stopped_at.label("ola_stopped_at"),
    _OLA.risk_at.label("ola_risk_at"),
    _OLA.at_risk.label("ola_at_risk"),
    _OLA_TEAM.name.label("ola_team"),
    _OLA_VERSION.calendar_id.label("ola_calendar_id"),
)


def ola_join(select: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """``select`` (from ``tickets``) with the current OLA cycle outer-joined."""
    return (
        select.outerjoin(_OLA, and_(_OLA.ticket_id == Ticket.id, _OLA.stopped_at.is_(None)))
        .outerjoin(_OLA_TEAM, _OLA_TEAM.id == _OLA.team_id)
        .outerjoin(_OLA_VERSION, _OLA_VERSION.id == _OLA.ola_version_id)
    )
