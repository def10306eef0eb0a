"""Which tickets a ``TicketQuery`` matches, and how many.

Its view, search and narrowing become SQL conditions on ``tickets`` (on the list
indices); ``ticket_list_paging`` orders and pages the tickets they match.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from slaworkbench.domain.model import DONE_STATUSES, ClockState, Status
from slaworkbench.store.dialect import Bind, contains_ignoring_case
from slaworkbench.store.ola.holder_filter import holder_condition
from slaworkbench.store.ola.ticket_filter import ola_condition
from slaworkbench.store.schema import Customer, Team, Ticket, TicketClock
from slaworkbench.store.tickets.query import ClockFilter, TicketQuery, View

_OPEN = tuple(s.value for s in Status if s not in DONE_STATUSES)


def _search_condition(bind: Bind, text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    conditions = [
        contains_ignoring_case(bind, Ticket.subject, pattern),
        contains_ignoring_case(bind, Ticket.requester, pattern),
        Ticket.external_id == text,
    ]
    digits = text.removeprefix("#")
    if digits.isdigit() and len(digits) < 18:
        conditions.append(Ticket.id == int(digits))
    return or_(*conditions)


def _view_conditions(query: TicketQuery, now: int) -> list[Any]:
    is_open = Ticket.status.in_(_OPEN)
    view = query.view
    if view is View.ALL:
        return []
    if view is View.ALL_OPEN:
        return [is_open]
    if view is View.MINE:
        # With nobody signed in, "mine" is empty rather than everything.
        return [is_open, Ticket.assignee_id == (query.me_agent_id or -1)]
    if view is View.UNASSIGNED:
        return [is_open, Ticket.assignee_id.is_(None)]
    if view is View.PENDING:
        return [Ticket.status.in_((Status.PENDING.value, Status.ON_HOLD.value))]
    overdue = and_(Ticket.next_due_at.is_not(None), Ticket.next_due_at <= now)
    if view is View.BREACHED:
        return [is_open, or_(overdue, Ticket.sla_state == "breached")]
    # At risk: not late yet, and either judged at risk or past the risk instant by now.
    return [
        is_open,
        ~or_(overdue, Ticket.sla_state == "breached"),
        or_(
            Ticket.sla_state == "at_risk",
            and_(Ticket.next_risk_at.is_not(None), Ticket.next_risk_at <= now),
        ),
    ]


def _named_id(session: Session, table: Any, name: str) -> int:
    """The id of the team or customer of this name (exact, else the one case-insensitive
    match, as the dashboard resolves it); ``-1`` (no ticket) when there is none."""
    found = session.execute(select(table.id).where(table.name == name)).scalar_one_or_none()
    if found is not None:
        return int(found)
    rows = session.execute(select(table.id).where(func.lower(table.name) == name.lower())).all()
    return int(rows[0][0]) if len(rows) == 1 else -1


def _clock_condition(clock: ClockFilter) -> Any:
    """``tickets.id IN (clock rows ...)``, driven by the clocks' own indices."""
    conditions: list[Any] = []
    if clock.metric is not None:
        conditions.append(TicketClock.metric == clock.metric.value)
    if clock.breached:
        conditions.append(TicketClock.state == ClockState.BREACHED.value)
    if clock.stopped_from is not None:
        conditions.append(TicketClock.stopped_at >= clock.stopped_from)
    if clock.stopped_to is not None:
        conditions.append(TicketClock.stopped_at < clock.stopped_to)
    if clock.elapsed_from is not None:
        conditions.append(TicketClock.elapsed >= clock.elapsed_from)
    if clock.elapsed_to is not None:
        conditions.append(TicketClock.elapsed < clock.elapsed_to)
    if clock.running:
        conditions.append(TicketClock.stopped_at.is_(None))
    if clock.due_after is not None:
        conditions.append(TicketClock.due_at > clock.due_after)
    if clock.due_until is not None:
        conditions.append(TicketClock.due_at <= clock.due_until)
    return Ticket.id.in_(select(TicketClock.ticket_id).where(*conditions))


def query_conditions(session: Session, query: TicketQuery, now: int) -> list[Any]:
    """The SQL conditions on ``tickets`` that select the query's tickets (none: every one)."""
    conditions = _view_conditions(query, now)
    search = _search_condition(session.get_bind(), query.search)
    if search is not None:
        conditions.append(search)
    if query.priorities:
        conditions.append(Ticket.priority.in_([p.value for p in query.priorities]))
    if query.team_id is not None:
        conditions.append(Ticket.team_id == query.team_id)
    if query.without_team:
        conditions.append(Ticket.team_id.is_(None))
    elif query.team_name is not None:
        conditions.append(Ticket.team_id == _named_id(session, Team, query.team_name))
    if query.without_customer:
        conditions.append(Ticket.customer_id.is_(None))
    elif query.customer_name is not None:
        conditions.append(Ticket.customer_id == _named_id(session, Customer, query.customer_name))
    if query.due_from is not None:
        conditions.append(Ticket.next_due_at >= query.due_from)
    if query.due_before is not None:
        conditions.append(Ticket.next_due_at < query.due_before)
    if query.clock is not None:
        conditions.append(_clock_condition(query.clock))
    if query.ola is not None:
        conditions.append(ola_condition(query.ola))
    if query.held is not None:
        conditions.append(holder_condition(query.held))
    return conditions


def count_tickets(
    session: Session, query: TicketQuery, *, now: int, at_most: int | None = None
) -> int:
    """How many tickets the query matches (run off the GUI thread).

    With ``at_most``, counting stops after ``at_most + 1`` matches (show "1,000+"), so a
    count on the GUI thread never scans a million rows.
    """
    conditions = query_conditions(session, query, now)
    if at_most is None:
        stmt = select(func.count()).select_from(Ticket)
        if conditions:
            stmt = stmt.where(*conditions)
        return int(session.execute(stmt).scalar_one())
    inner = select(Ticket.id).where(*conditions).limit(max(0, at_most) + 1).subquery()
    return int(session.execute(select(func.count()).select_from(inner)).scalar_one())


def ticket_ids(session: Session, query: TicketQuery, *, now: int) -> list[int]:
    """Every ticket the query matches, in id order: what an export of the view writes."""
    statement = select(Ticket.id).order_by(Ticket.id)
    conditions = query_conditions(session, query, now)
    if conditions:
        statement = statement.where(*conditions)
    return [int(ticket_id) for ticket_id in session.execute(statement).scalars()]


K = TypeVar("K")


def count_each(session: Session, queries: Mapping[K, TicketQuery], *, now: int) -> dict[K, int]:
    """How many tickets each query matches, in one statement: every count is of the
    same instant and the same snapshot of the tickets (the sidebar's counts and the
    status bar's "breached, at risk" are these numbers). Each count is its own scalar
    subquery, so each still uses its view's index."""
    if not queries:
        return {}
    counts = []
    for query in queries.values():
        counted = select(func.count()).select_from(Ticket)
        conditions = query_conditions(session, query, now)
        if conditions:
            counted = counted.where(*conditions)
        counts.append(counted.scalar_subquery())
    row = session.execute(select(*counts)).one()
    return {key: int(value) for key, value in zip(queries, row, strict=True)}
