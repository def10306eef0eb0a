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
    Seconds,
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
class ClockRow:
    metric: Metric
    cycle_index: int
    started_at: Instant
    stopped_at: Instant | None
    state: ClockState
    target: Seconds
    elapsed: Seconds
    remaining: Seconds
    due_at: Instant | None
    breached_at: Instant | None
    at_risk: bool
    risk_at: Instant | None
    evaluated_at: Instant

    def to_cycle(self) -> Cycle:
        return Cycle(
            metric=self.metric,
            index=self.cycle_index,
            started_at=self.started_at,
            stopped_at=self.stopped_at,
            state=self.state,
            target=self.target,
            elapsed=self.elapsed,
            remaining=self.remaining,
            due_at=self.due_at,
            breached_at=self.breached_at,
            at_risk=self.at_risk,
            risk_at=self.risk_at,
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
    clocks: tuple[ClockRow, ...]


def _opt(enum: Any, value: str | None) -> Any:
    return enum(value) if value is not None else None


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
    clocks = tuple(
        ClockRow(
            Metric(c.metric),
            c.cycle_index,
            c.started_at,
            c.stopped_at,
            ClockState(c.state),
            c.target,
            c.elapsed,
            c.remaining,
            c.due_at,
            c.breached_at,
            bool(c.at_risk),
            c.risk_at,
            c.evaluated_at,
        )
        for c in session.scalars(
            select(TicketClock)
            .where(TicketClock.ticket_id == ticket_id)
            .order_by(TicketClock.metric, TicketClock.cycle_index)
        )
    )
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
    )
