"""The dashboard's own aggregate queries: what ``app/analytics.py`` does not already answer.

- the open backlog by time left before its next due instant;
- the breaches that will happen soon if nobody acts (running clocks by due instant).

Every query groups in SQL and returns a few small rows (never one row per ticket), so
the dashboard stays fast on a million tickets. Bucketing uses ``CASE`` over fixed
edges, which is portable SQL (SQLite and PostgreSQL). Results are frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, select
from sqlalchemy.orm import Session

from slaworkbench.domain.model import Instant
from slaworkbench.store.schema import (
    OPEN_STATUSES,
    Ticket,
    TicketClock,
)


@dataclass(frozen=True, slots=True)
class TicketScope:
    """Which open tickets count: the filter bar's team, customer and priority.

    The period does not apply: the backlog and the breaches to come are about now.
    """

    team_id: int | None = None
    customer_id: int | None = None
    priority: str | None = None


@dataclass(frozen=True, slots=True)
class BacklogCount:
    """Open tickets of one priority whose next due instant falls in one bucket.

    ``bucket`` indexes the edges given to ``backlog_by_remaining``: bucket 0 holds
    tickets already past due, bucket ``i`` (``i >= 1``) those with
    ``edges[i-1] <= remaining < edges[i]``, the last bucket everything beyond.
    ``bucket == -1`` counts open tickets with no running clock (paused or no SLA);
    ``paused`` tells which.
    """

    priority: str
    bucket: int
    count: int
    paused: bool = False


@dataclass(frozen=True, slots=True)
class DueCount:
    """Running clocks of one metric due in one slot of ``slot_seconds`` after now."""

    metric: str
    slot: int
    count: int


def _ticket_conditions(scope: TicketScope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if scope.team_id is not None:
        conditions.append(Ticket.team_id == scope.team_id)
    if scope.customer_id is not None:
        conditions.append(Ticket.customer_id == scope.customer_id)
    if scope.priority is not None:
        conditions.append(Ticket.priority == scope.priority)
    return conditions


def _bucket_case(value: Any, edges: Sequence[int], *, below_zero: bool) -> Any:
    """``CASE`` giving the bucket index of ``value`` over ascending ``edges``.

    With ``below_zero``, negative values are bucket 0 and ``edges[i]`` ends bucket
    ``i + 1``; without, ``edges[i]`` ends bucket ``i``.
    """
    whens: list[tuple[Any, Any]] = []
    offset = 0
    if below_zero:
        whens.append((value < 0, literal(0)))
        offset = 1
    for i, edge in enumerate(edges):
        whens.append((value < edge, literal(i + offset)))
    return case(*whens, else_=literal(len(edges) + offset))


def backlog_by_remaining(
    session: Session, scope: TicketScope, *, now: Instant, edges: Sequence[int]
) -> list[BacklogCount]:
    """Open tickets per priority and bucket of ``next_due_at - now`` (wall seconds)."""
    open_ticket = Ticket.status.in_(OPEN_STATUSES)
    conditions = [open_ticket, *_ticket_conditions(scope)]
    remaining = Ticket.next_due_at - now
    bucket = _bucket_case(remaining, edges, below_zero=True).label("bucket")
    due_rows = session.execute(
        select(Ticket.priority, bucket, func.count().label("n"))
        .where(*conditions, Ticket.next_due_at.is_not(None))
        .group_by(Ticket.priority, bucket)
    )
    out = [BacklogCount(r.priority, int(r.bucket), int(r.n)) for r in due_rows]
    paused = (Ticket.sla_state == "paused").label("paused")
    idle_rows = session.execute(
        select(Ticket.priority, paused, func.count().label("n"))
        .where(*conditions, Ticket.next_due_at.is_(None))
        .group_by(Ticket.priority, paused)
    )
    out.extend(BacklogCount(r.priority, -1, int(r.n), bool(r.paused)) for r in idle_rows)
    return out


def tickets_breaching(
    session: Session, scope: TicketScope, *, now: Instant, horizons: Sequence[int]
) -> list[int]:
    """Per horizon ``h``, the open tickets that will breach in ``(now, now + h]`` if nobody
    acts: those with a running clock (not stopped, not paused, not yet breached) due
    then. A ticket counts once however many of its clocks fall due."""
    if not horizons:
        return []
    window = and_(TicketClock.due_at > now, TicketClock.due_at <= now + max(horizons))
    counts = [
        func.count(func.distinct(case((TicketClock.due_at <= now + h, TicketClock.ticket_id))))
        for h in horizons
    ]
    row = session.execute(
        select(*counts)
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(
            TicketClock.stopped_at.is_(None),
            TicketClock.state == "running",
            window,
            Ticket.status.in_(OPEN_STATUSES),
            *_ticket_conditions(scope),
        )
    ).one()
    return [int(n) for n in row]


def due_soon(
    session: Session,
    scope: TicketScope,
    *,
    now: Instant,
    horizon: int,
    slot_seconds: int,
) -> list[DueCount]:
    """Running clocks of open tickets due in ``(now, now + horizon]``, per metric and slot.

    A clock due in that window breaches at its due instant unless someone acts; slot
    ``k`` holds due instants in ``(now + k*slot, now + (k+1)*slot]``.
    """
    slot = ((TicketClock.due_at - now - 1) / slot_seconds).label("slot")
    rows = session.execute(
        select(TicketClock.metric, slot, func.count().label("n"))
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(
            TicketClock.stopped_at.is_(None),
            TicketClock.due_at > now,
            TicketClock.due_at <= now + horizon,
            Ticket.status.in_(OPEN_STATUSES),
            *_ticket_conditions(scope),
        )
        .group_by(TicketClock.metric, slot)
    )
    return [DueCount(r.metric, int(r.slot), int(r.n)) for r in rows]
