"""One page of the ticket list, in the query's order, after the last row shown."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from sqlalchemy import Select, and_, case, func, literal, or_, select, true
from sqlalchemy.orm import Session, aliased

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.readings import POSITION_ORIGIN, business_positions
from slaworkbench.domain.model import ClockState, Metric, Priority, Status
from slaworkbench.store.agreements.calendars import ticket_calendar_id
from slaworkbench.store.schema import (
    STATUSES,
    Agent,
    Calendar,
    Customer,
    PolicyVersion,
    Ticket,
    TicketClock,
    TicketOlaCycle,
)
from slaworkbench.store.tickets.filters import query_conditions
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.store.tickets.rows import (
    ClockSnapshot,
    TicketRow,
    paused_left,
    row_select,
    to_row,
)

# An order is a list of segments, each a condition and the key columns that order the
# segment's rows (``tickets.id`` always breaks ties). Segments split off NULLs and the
# groups of a rank, so that every key is non-NULL and a segment's order is one an index
# can deliver (``(status, next_due_at)``, the open-ticket index on ``next_due_at``, the
# primary key). A page continues *after the last row shown* (keyset, or "seek", paging):
# ``key > last key`` in the segment of that row, then the following segments; no page
# ever skips rows with OFFSET, so the last page costs what the first one does.


@dataclass(frozen=True, slots=True)
class _Key:
    expr: Any
    """The key over the list's columns (never NULL)."""
    value: Callable[[TicketRow], Any]
    """The same key of a row already fetched (a value or an SQL expression of one)."""


@dataclass(frozen=True, slots=True)
class _Segment:
    where: Any
    holds: Callable[[TicketRow], bool]
    keys: tuple[_Key, ...] = ()


_ID_ONLY: tuple[_Key, ...] = ()


def _every(_row: TicketRow) -> bool:
    return True


def _nulls_flag(column: Any) -> Any:
    return case((column.is_(None), 1), else_=0)


def _due_segments(
    where: Any, holds: Callable[[TicketRow], bool], *, any_status: bool = False
) -> list[_Segment]:
    """Rows with a next due instant by that instant, then the rest by id.

    ``any_status``: the query does not narrow the status, so say "any of the statuses"
    and "from the earliest instant": SQLite then reads the few tickets with a due
    instant from the ``(status, next_due_at)`` index instead of scanning every ticket.
    """
    due = _Key(Ticket.next_due_at, lambda r: r.next_due_at)
    has_due: Any = Ticket.next_due_at.is_not(None)
    if any_status:
        has_due = and_(Ticket.status.in_(STATUSES), Ticket.next_due_at >= _EARLIEST)
    return [
        _Segment(
            and_(where, has_due),
            lambda r: holds(r) and r.next_due_at is not None,
            (due,),
        ),
        _Segment(
            and_(where, Ticket.next_due_at.is_(None)),
            lambda r: holds(r) and r.next_due_at is None,
            _ID_ONLY,
        ),
    ]


_EARLIEST = -(1 << 62)


@lru_cache(maxsize=32)
def _calendar(spec: str) -> BusinessCalendar:
    return BusinessCalendar.from_dict(json.loads(spec))


_CALENDARS_LOCK = threading.Lock()
"""A calendar builds its working time lazily; list pages load on several threads."""


def _positions_now(session: Session, now: int) -> dict[int, int]:
    """``now`` on the working-time axis of every calendar, by calendar id."""
    positions: dict[int, int] = {}
    moment = np.array([now], dtype=np.int64)
    with _CALENDARS_LOCK:
        for calendar_id, spec in session.execute(select(Calendar.id, Calendar.spec)):
            try:
                calendar = _calendar(spec)
            except (ValueError, TypeError, KeyError):
                continue  # unreadable: its tickets order by wall time (the ``else`` below)
            positions[int(calendar_id)] = int(business_positions(calendar, moment)[0])
    return positions


def _now_on_ticket_calendar(positions: dict[int, int], wall: int) -> Any:
    """``now``'s position on the axis of the calendar a ticket's clocks count in (the
    list's ``calendar_id``: ``ticket_calendar_id`` over the judging policy version),
    correlated to ``tickets``; ``wall`` for a calendar not in ``positions``."""
    chosen = case(
        {cid: literal(p) for cid, p in sorted(positions.items())},
        value=ticket_calendar_id(),  # CASE x WHEN ...: the calendar is looked up once
        else_=literal(wall),
    )
    found = (
        select(chosen)
        .select_from(PolicyVersion)
        .where(PolicyVersion.id == Ticket.policy_version_id)
        .correlate(Ticket)
        .scalar_subquery()
    )
    return func.coalesce(found, literal(wall))


def _business_left(session: Session, now: int) -> _Key:
    """The business time left on a ticket's most urgent running clock (negative when
    overdue): its stored ``next_due_position`` less ``now``'s position on the same
    calendar's axis. A ticket without a position yet (a file from before migration 0006,
    until its recompute) counts wall seconds to its due instant."""
    positions = _positions_now(session, now)
    wall = now - POSITION_ORIGIN
    distinct = set(positions.values())
    single = distinct.pop() if len(distinct) == 1 else wall if not distinct else None
    now_position: Any
    if single is not None:  # one axis (one calendar, or calendars that agree at ``now``)
        now_position = literal(single)
    else:
        now_position = _now_on_ticket_calendar(positions, wall)

    def position_of(calendar_id: int | None) -> int:
        if single is not None:
            return single
        return positions.get(calendar_id, wall) if calendar_id is not None else wall

    expr = case(
        (Ticket.next_due_position.is_(None), Ticket.next_due_at - now),
        else_=Ticket.next_due_position - now_position,
    )

    def value(row: TicketRow) -> int:
        if row.next_due_position is None:
            return (row.next_due_at or 0) - now
        return row.next_due_position - position_of(row.calendar_id)

    return _Key(expr, value)


def _breach_segments(session: Session, now: int, any_status: bool) -> list[_Segment]:
    """Time to breach: tickets with a running clock by the business time left on the
    most urgent one (the most overdue first; ``_business_left``), then tickets whose
    clocks all wait by the least business time left on a paused clock, then tickets
    with no clock left, by id. Within one calendar the first order is the due instants'
    order; across calendars it is not (docs/SLA_SEMANTICS.md, "The ticket list")."""
    due, rest = _due_segments(true(), _every, any_status=any_status)
    waiting = paused_left()
    return [
        _Segment(due.where, due.holds, (_business_left(session, now),)),
        _Segment(
            and_(rest.where, waiting.is_not(None)),
            lambda r: r.next_due_at is None and r.paused_left is not None,
            (_Key(waiting, lambda r: r.paused_left),),
        ),
        _Segment(
            and_(rest.where, waiting.is_(None)),
            lambda r: r.next_due_at is None and r.paused_left is None,
        ),
    ]


def _clock_group(snapshot: ClockSnapshot) -> int:
    """0 running, 1 paused, 2 stopped, 3 not measured (the segments of ``_clock_segments``)."""
    if snapshot.state is None:
        return 3
    if snapshot.state in (ClockState.RUNNING, ClockState.BREACHED) and not snapshot.stopped:
        return 0
    return 1 if snapshot.state is ClockState.PAUSED else 2


def _running_ids(metric: Metric) -> Any:
    """Tickets whose (lowest) cycle of ``metric`` has not stopped: read from the
    ``(metric, stopped_at)`` index of the clocks, not by scanning tickets."""
    lowest = aliased(TicketClock)
    return select(TicketClock.ticket_id).where(
        TicketClock.metric == metric.value,
        TicketClock.stopped_at.is_(None),
        TicketClock.cycle_index
        == select(func.min(lowest.cycle_index))
        .where(lowest.ticket_id == TicketClock.ticket_id, lowest.metric == metric.value)
        .scalar_subquery(),
    )


def _clock_segments(
    state: Any, due_at: Any, remaining: Any, metric: Metric, snap: Callable[[TicketRow], Any]
) -> list[_Segment]:
    """Running clocks by due instant (then time left), paused ones by time left, then
    stopped ones and tickets the policy does not measure, each by id."""
    running = and_(
        state.in_(("running", "at_risk", "breached")), Ticket.id.in_(_running_ids(metric))
    )
    left = _Key(func.coalesce(remaining, 0), lambda r: snap(r).remaining or 0)

    def group(n: int) -> Callable[[TicketRow], bool]:
        return lambda r: _clock_group(snap(r)) == n

    return [
        _Segment(
            running,
            group(0),
            (
                _Key(_nulls_flag(due_at), lambda r: int(snap(r).due_at is None)),
                _Key(func.coalesce(due_at, 0), lambda r: snap(r).due_at or 0),
                left,
            ),
        ),
        _Segment(and_(~running, state == "paused"), group(1), (left,)),
        _Segment(and_(~running, state != "paused"), group(2)),
        _Segment(state.is_(None), group(3)),
    ]


def _latest(metric: Metric, column: Any) -> Any:
    """``column`` of the ticket's latest cycle of ``metric`` (the one the list shows),
    correlated to ``tickets``; read from the clocks' ``(ticket_id, metric, cycle_index)``
    key."""
    latest = aliased(TicketClock)
    return (
        select(getattr(latest, column))
        .where(latest.ticket_id == Ticket.id, latest.metric == metric.value)
        .order_by(latest.cycle_index.desc())
        .limit(1)
        .correlate(Ticket)
        .scalar_subquery()
    )


def _with_unstopped_cycle(metric: Metric) -> Any:
    """Tickets with a cycle of ``metric`` that has not stopped, from the ``(metric,
    stopped_at)`` index: a few thousand of a million. A ticket whose latest cycle runs
    or is paused is one of them, so the condition only spares the list from looking up
    the latest cycle of every other ticket (1.2 s a page over every ticket of the 1M
    demo, docs/perf/window.md)."""
    return Ticket.id.in_(
        select(TicketClock.ticket_id).where(
            TicketClock.metric == metric.value, TicketClock.stopped_at.is_(None)
        )
    )


def _latest_cycle_segments(metric: Metric, snap: Callable[[TicketRow], Any]) -> list[_Segment]:
    """Next response and periodic update (a cycle per message or update): the latest
    cycle's countdown in the order of ``_clock_segments`` — running by due instant
    (then time left), paused by time left, then stopped and not measured, each by id.
    No summary column holds these clocks: each page sorts the matching tickets, the
    running and paused ones among those with a cycle not stopped."""
    state = _latest(metric, "state")
    stopped_at = _latest(metric, "stopped_at")
    due_at = _latest(metric, "due_at")
    left = _Key(func.coalesce(_latest(metric, "remaining"), 0), lambda r: snap(r).remaining or 0)
    open_ = and_(_with_unstopped_cycle(metric), stopped_at.is_(None))

    def group(n: int) -> Callable[[TicketRow], bool]:
        return lambda r: _clock_group(snap(r)) == n

    return [
        _Segment(
            and_(open_, state.in_((ClockState.RUNNING.value, ClockState.BREACHED.value))),
            group(0),
            (
                _Key(_nulls_flag(due_at), lambda r: int(snap(r).due_at is None)),
                _Key(func.coalesce(due_at, 0), lambda r: snap(r).due_at or 0),
                left,
            ),
        ),
        _Segment(and_(open_, state == ClockState.PAUSED.value), group(1), (left,)),
        _Segment(and_(stopped_at.is_not(None), state.is_not(None)), group(2)),
        _Segment(state.is_(None), group(3)),
    ]


def _current_ola(column: str) -> Any:
    """``column`` of the ticket's unstopped OLA cycle (a ticket is with one team at a
    time, so it has at most one: the cycle the list's OLA column shows)."""
    cycle = aliased(TicketOlaCycle)
    return (
        select(getattr(cycle, column))
        .where(cycle.ticket_id == Ticket.id, cycle.stopped_at.is_(None))
        .limit(1)
        .correlate(Ticket)
        .scalar_subquery()
    )


def _ola_segments() -> list[_Segment]:
    """The OLA column: running cycles by due instant (then time left), paused ones by
    time left, then tickets with no OLA cycle running, each by id. No summary column
    holds the OLA: each page sorts the matching tickets, those with a cycle running or
    paused among the few with a cycle not stopped."""
    with_cycle = Ticket.id.in_(
        select(TicketOlaCycle.ticket_id).where(TicketOlaCycle.stopped_at.is_(None))
    )
    state = _current_ola("state")
    due_at = _current_ola("due_at")
    left = _Key(func.coalesce(_current_ola("remaining"), 0), lambda r: r.ola.remaining or 0)
    running_states = (ClockState.RUNNING.value, ClockState.BREACHED.value)

    def group(n: int) -> Callable[[TicketRow], bool]:
        return lambda r: _clock_group(r.ola) == n

    return [
        _Segment(
            and_(with_cycle, state.in_(running_states)),
            group(0),
            (
                _Key(_nulls_flag(due_at), lambda r: int(r.ola.due_at is None)),
                _Key(func.coalesce(due_at, 0), lambda r: r.ola.due_at or 0),
                left,
            ),
        ),
        _Segment(and_(with_cycle, state == ClockState.PAUSED.value), group(1), (left,)),
        _Segment(
            and_(
                with_cycle,
                state.is_not(None),
                state.not_in((*running_states, ClockState.PAUSED.value)),
            ),
            group(2),
        ),
        _Segment(state.is_(None), group(3)),
    ]


def _name_segments(
    session: Session, table: Any, column: Any, value: Callable[[TicketRow], str | None]
) -> list[_Segment]:
    """Each customer (or agent) by name, on the ``(customer_id, next_due_at)`` index
    (``assignee_id`` likewise), then the tickets without one."""
    named = session.execute(select(table.id, table.name).order_by(func.lower(table.name), table.id))
    segments: list[_Segment] = []
    for row_id, name in named:
        segments += _due_segments(column == row_id, _named(value, name))
    return segments + _due_segments(column.is_(None), lambda r: value(r) is None)


def _named(value: Callable[[TicketRow], str | None], name: str) -> Callable[[TicketRow], bool]:
    return lambda r: value(r) == name


def _has(wanted: Status | Priority) -> Callable[[TicketRow], bool]:
    if isinstance(wanted, Status):
        return lambda r: r.status is wanted
    return lambda r: r.priority is wanted


def _segments(session: Session, query: TicketQuery, now: int) -> list[_Segment]:
    """The ascending order of ``query.sort`` as segments (see above)."""
    key = query.sort
    every = true()
    if key is SortKey.ID:
        return [_Segment(every, _every)]
    if key is SortKey.NEXT_DUE:
        return _due_segments(every, _every, any_status=query.view is View.ALL)
    if key is SortKey.TIME_TO_BREACH:
        return _breach_segments(session, now, query.view is View.ALL)
    if key is SortKey.STATUS:  # on the (status, next_due_at) index
        return [
            segment
            for status in Status
            for segment in _due_segments(Ticket.status == status.value, _has(status))
        ]
    if key is SortKey.PRIORITY:  # each priority in id order (primary key)
        return [_Segment(Ticket.priority == p.value, _has(p)) for p in Priority]
    if key is SortKey.CUSTOMER:
        return _name_segments(session, Customer, Ticket.customer_id, lambda r: r.customer)
    if key is SortKey.ASSIGNEE:
        return _name_segments(session, Agent, Ticket.assignee_id, lambda r: r.assignee)
    if key is SortKey.FIRST_RESPONSE:
        return _clock_segments(
            Ticket.first_response_state,
            Ticket.first_response_due_at,
            Ticket.first_response_remaining,
            Metric.FIRST_RESPONSE,
            lambda r: r.first_response,
        )
    if key is SortKey.NEXT_RESPONSE:
        return _latest_cycle_segments(Metric.NEXT_RESPONSE, lambda r: r.next_response)
    if key is SortKey.PERIODIC_UPDATE:
        return _latest_cycle_segments(Metric.PERIODIC_UPDATE, lambda r: r.periodic_update)
    if key is SortKey.OLA:
        return _ola_segments()
    if key is SortKey.RESOLUTION:
        return _clock_segments(
            Ticket.resolution_state,
            Ticket.resolution_due_at,
            Ticket.resolution_remaining,
            Metric.RESOLUTION,
            lambda r: r.resolution,
        )
    # Subject: no index orders it (each page sorts the matching rows).
    subject = _Key(func.lower(Ticket.subject), lambda r: func.lower(literal(r.subject)))
    return [_Segment(every, _every, (subject,))]


def _seek(segment: _Segment, after: TicketRow, descending: bool) -> Any:
    """Rows of ``segment`` after ``after`` in its order: a lexicographic comparison of
    the keys, with ``first >= value`` in front so an index on the first key is used."""
    pairs = [(k.expr, k.value(after)) for k in segment.keys] + [(Ticket.id, after.id)]

    def beyond(column: Any, value: Any) -> Any:
        return column < value if descending else column > value

    condition = beyond(*pairs[-1])
    for column, value in reversed(pairs[:-1]):
        condition = or_(beyond(column, value), and_(column == value, condition))
    if len(pairs) == 1:
        return condition
    first, value = pairs[0]
    return and_(first <= value if descending else first >= value, condition)


def _ordered_segments(session: Session, query: TicketQuery, now: int) -> list[_Segment]:
    segments = _segments(session, query, now)
    return segments[::-1] if query.descending else segments


def _segment_ids(
    query: TicketQuery, conditions: list[Any], segment: _Segment, after: TicketRow | None
) -> Select[Any]:
    """The ids of the segment's rows in order, from ``tickets`` alone (a scan never pays
    for the list's joins)."""
    columns = [k.expr for k in segment.keys] + [Ticket.id]
    where = [*conditions, segment.where]
    if after is not None:
        where.append(_seek(segment, after, query.descending))
    return (
        select(Ticket.id)
        .where(*where)
        .order_by(*(c.desc() if query.descending else c.asc() for c in columns))
    )


def _when_one_page(session: Session, conditions: list[Any], limit: int) -> list[Any]:
    """A search's conditions for its first page: ``id IN`` its matches when they fit on
    the page, else ``conditions`` as they are; ``[]`` when nothing matches.

    Text is matched row by row (``LIKE '%…%'``: no index serves it). Walking an order's
    index to the page's rows looks each row up in that order until the page is full:
    fast when the text is common, a walk over every ticket when it is rare (0.6 s at
    1M). Reading at most ``limit + 1`` matches in the table's own order stops as early
    when the text is common, reads the table once in storage order when it is rare
    (0.3 s), and leaves the page only those few to order."""
    found = list(session.scalars(select(Ticket.id).where(*conditions).limit(limit + 1)))
    if len(found) > limit:
        return conditions
    return [Ticket.id.in_(found)] if found else []


def list_tickets(
    session: Session,
    query: TicketQuery,
    *,
    now: int,
    offset: int = 0,
    limit: int = 200,
    after: TicketRow | None = None,
) -> list[TicketRow]:
    """One page of the list, filtered and ordered in SQL.

    Pass the last row of the previous page as ``after`` (keyset paging: any depth costs
    what the first page does). ``offset`` is the slow way, kept for callers that count
    rows; it is ignored when ``after`` is given. The page's ids are found first, then
    their rows are read by primary key.
    """
    limit = max(0, limit)
    conditions = query_conditions(session, query, now)
    if query.search.strip() and after is None and offset <= 0:
        conditions = _when_one_page(session, conditions, limit)
        if not conditions:
            return []
    segments = _ordered_segments(session, query, now)
    start = 0
    if after is not None:
        start = next((i for i, s in enumerate(segments) if s.holds(after)), len(segments))
    else:
        offset = max(0, offset)
    ids: list[int] = []
    for index in range(start, len(segments)):
        if len(ids) >= limit:
            break
        stmt = _segment_ids(query, conditions, segments[index], after if index == start else None)
        if offset:  # the slow way: count the rows of the segments skipped
            here = session.execute(
                select(func.count()).select_from(stmt.order_by(None).limit(offset).subquery())
            ).scalar_one()
            if here < offset:
                offset -= int(here)
                continue
            stmt, offset = stmt.offset(offset), 0
        ids += session.scalars(stmt.limit(limit - len(ids)))
    if not ids:
        return []
    found = {r[0]: r for r in session.execute(row_select().where(Ticket.id.in_(ids)))}
    return [to_row(found[i]) for i in ids if i in found]
