"""Everything the detail pane shows about one ticket: its row, policy, events and clocks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from slaworkbench.domain.model import (
    ClockState,
    Cycle,
    Event,
    EventType,
    Instant,
    Metric,
    Priority,
    Status,
)
from slaworkbench.store.schema import (
    Calendar,
    Policy,
    PolicyVersion,
    Ticket,
    TicketClock,
    TicketEvent,
    split_tags,
)
from slaworkbench.store.tickets.rows import TicketRow, fetch_ticket_row


@dataclass(frozen=True, slots=True)
class EventRow:
    seq: int
    at: Instant
    type: EventType
    author: str | None
    status: Status | None
    priority: Priority | None
    field: str | None
    value: str | None

    def to_event(self) -> Event:
        return Event(
            self.at, self.type, self.author, self.status, self.priority, self.field, self.value
        )


@dataclass(frozen=True, slots=True)
class TicketDetail:
    """Everything the detail pane shows about one ticket, as stored."""

    row: TicketRow
    customer_id: int | None
    team_id: int | None
    category: str | None
    channel: str | None
    tags: tuple[str, ...]
    policy_name: str | None
    policy_version: int | None
    policy_version_id: int | None
    calendar_name: str | None
    calendar_timezone: str | None
    events: tuple[EventRow, ...]
    clocks: tuple[Cycle, ...]
    """The stored cycles, by metric and index."""
    clock_versions: tuple[int | None, ...] = ()
    """Per clock of ``clocks``, the ``policy_versions.id`` that judged it (a stopped
    cycle keeps the version it was judged by; ``policy_version_id`` judges the ticket
    now)."""


def _opt(enum: Any, value: str | None) -> Any:
    return enum(value) if value is not None else None


def cycle_of(row: TicketClock) -> Cycle:
    """A stored clock row as the engine gave it."""
    return Cycle(
        Metric(row.metric),
        row.cycle_index,
        row.started_at,
        row.stopped_at,
        ClockState(row.state),
        row.target,
        row.elapsed,
        row.remaining,
        row.due_at,
        row.breached_at,
        bool(row.at_risk),
        row.risk_at,
        _opt(Priority, row.priority),
    )


def fetch_ticket_detail(session: Session, ticket_id: int) -> TicketDetail | None:
    row = fetch_ticket_row(session, ticket_id)
    if row is None:
        return None
    t = session.execute(
        select(
            Ticket.customer_id,
            Ticket.team_id,
            Ticket.category,
            Ticket.channel,
            Ticket.tags,
            Ticket.policy_version_id,
            Policy.name.label("policy_name"),
            PolicyVersion.version.label("policy_version"),
            Calendar.name.label("calendar_name"),
            Calendar.timezone.label("calendar_timezone"),
        )
        .select_from(Ticket)
        .outerjoin(PolicyVersion, PolicyVersion.id == Ticket.policy_version_id)
        .outerjoin(Policy, Policy.id == PolicyVersion.policy_id)
        .outerjoin(Calendar, Calendar.id == PolicyVersion.calendar_id)
        .where(Ticket.id == ticket_id)
    ).one()
    events = tuple(
        EventRow(
            e.seq,
            e.at,
            EventType(e.type),
            e.author,
            _opt(Status, e.status),
            _opt(Priority, e.priority),
            e.field,
            e.value,
        )
        for e in session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.seq)
        )
    )
    rows = session.scalars(
        select(TicketClock)
        .where(TicketClock.ticket_id == ticket_id)
        .order_by(TicketClock.metric, TicketClock.cycle_index)
    ).all()
    clocks = tuple(cycle_of(c) for c in rows)
    return TicketDetail(
        row=row,
        customer_id=t.customer_id,
        team_id=t.team_id,
        category=t.category,
        channel=t.channel,
        tags=tuple(sorted(split_tags(t.tags))),
        policy_name=t.policy_name,
        policy_version=t.policy_version,
        policy_version_id=t.policy_version_id,
        calendar_name=t.calendar_name,
        calendar_timezone=t.calendar_timezone,
        events=events,
        clocks=clocks,
        clock_versions=tuple(c.policy_version_id for c in rows),
    )
