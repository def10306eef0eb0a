"""One ticket's stored OLA cycles, as the detail pane (and a timeline) shows them.

A running cycle's stored elapsed and remaining are a reading as of ``evaluated_at``
(docs/SLA_SEMANTICS.md, "Stored clocks and their readings"); ``remaining`` here is read
live at ``now`` from its due instant in the team's calendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from slaworkbench.domain.clock.readings import is_running_reading, remaining_at
from slaworkbench.domain.model import ClockState
from slaworkbench.store.policies.calendars import CalendarCache
from slaworkbench.store.schema import Agent, Team, TeamOlaVersion, TicketOlaCycle


@dataclass(frozen=True, slots=True)
class OlaCycleRow:
    index: int
    team: str
    started_at: int
    stopped_at: int | None
    state: ClockState
    target: int
    elapsed: int
    remaining: int
    due_at: int | None
    breached_at: int | None
    at_risk: bool
    holder_at_stop: str | None


def fetch_ticket_olas(session: Session, ticket_id: int, now: int) -> tuple[OlaCycleRow, ...]:
    rows = session.execute(
        select(TicketOlaCycle, Team.name, Agent.name, TeamOlaVersion.calendar_id)
        .join(Team, Team.id == TicketOlaCycle.team_id)
        .outerjoin(Agent, Agent.id == TicketOlaCycle.holder_at_stop_id)
        .outerjoin(TeamOlaVersion, TeamOlaVersion.id == TicketOlaCycle.ola_version_id)
        .where(TicketOlaCycle.ticket_id == ticket_id)
        .order_by(TicketOlaCycle.cycle_index)
    ).all()
    calendars = CalendarCache(session)
    cycles = []
    for row, team, holder, calendar_id in rows:
        remaining = row.remaining
        if is_running_reading(row.state, row.stopped_at, row.due_at) and row.due_at is not None:
            calendar = calendars.get(calendar_id) if calendar_id is not None else None
            remaining = remaining_at(calendar, row.due_at, now)
        cycles.append(
            OlaCycleRow(
                row.cycle_index, team, row.started_at, row.stopped_at, ClockState(row.state),
                row.target, row.target - remaining, remaining, row.due_at, row.breached_at,
                row.at_risk, holder,
            )
        )  # fmt: skip
    return tuple(cycles)
