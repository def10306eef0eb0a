"""The SQL behind analytics and reports: names, rows to list, running clocks, outages,
policy versions and calendars.

Everything here is portable SQL (SQLite and PostgreSQL). The figures over clocks stopped
in a period and over survey answers are not grouped here: ``store/analytics/facts.py``
fetches those rows once per period into numpy arrays and ``app/analytics.py`` counts
them. A ``ClockScope`` is a half-open period ``[start, end)`` of UTC instants and the
ticket filters already resolved to ids; an unknown name resolves to ``NO_MATCH`` so that
nothing matches rather than everything.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased

from slaworkbench.domain.model import (
    DEFAULT_PAUSE_STATUSES,
    DONE_STATUSES,
    PAUSABLE_METRICS,
    Metric,
)
from slaworkbench.store.agreements.calendars import ticket_calendar_id
from slaworkbench.store.schema import (
    BREACHED_CLOCKS,
    METRICS,
    Agent,
    Calendar,
    CalendarHoliday,
    Customer,
    Policy,
    PolicyVersion,
    Service,
    Team,
    Ticket,
    TicketClock,
    TicketEvent,
)

_PAUSABLE = frozenset(metric.value for metric in PAUSABLE_METRICS)
_DONE = frozenset(status.value for status in DONE_STATUSES)
_DEFAULT_PAUSES = frozenset(status.value for status in DEFAULT_PAUSE_STATUSES)

NO_MATCH = -1
"""The id an unknown team or customer name resolves to: it matches no ticket."""

_NAME_TABLES: dict[str, Any] = {"team": Team, "agent": Agent, "customer": Customer}


@dataclass(frozen=True, slots=True)
class ClockScope:
    """Which clocks and answers a query looks at."""

    start: int
    end: int
    team_id: int | None = None
    customer_id: int | None = None
    priority: str | None = None

    @property
    def filters_tickets(self) -> bool:
        return self.team_id is not None or self.customer_id is not None or bool(self.priority)


def ticket_conditions(scope: ClockScope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if scope.team_id is not None:
        conditions.append(Ticket.team_id == scope.team_id)
    if scope.customer_id is not None:
        conditions.append(Ticket.customer_id == scope.customer_id)
    if scope.priority:
        conditions.append(Ticket.priority == scope.priority)
    return conditions


_Query = TypeVar("_Query", bound=Select[*tuple[Any, ...]])


def _with_ticket(query: _Query, scope: ClockScope, *, force: bool = False) -> _Query:
    if force or scope.filters_tickets:
        return query.join(Ticket, Ticket.id == TicketClock.ticket_id)
    return query


# --- names ------------------------------------------------------------------------------


def lookup_id(session: Session, kind: str, name: str) -> int | None:
    """The id of the team, agent or customer with exactly this name (case-insensitive
    when no exact match exists), or ``None``."""
    table = _NAME_TABLES[kind]
    found = session.execute(select(table.id).where(table.name == name)).scalar_one_or_none()
    if found is not None:
        return int(found)
    rows = session.execute(select(table.id).where(func.lower(table.name) == name.lower())).all()
    return int(rows[0][0]) if len(rows) == 1 else None


def names_of(session: Session, kind: str, ids: Iterable[int]) -> dict[int, str]:
    table = _NAME_TABLES[kind]
    wanted = sorted({i for i in ids if i is not None})
    names: dict[int, str] = {}
    for chunk_start in range(0, len(wanted), 500):
        chunk = wanted[chunk_start : chunk_start + 500]
        for row_id, name in session.execute(
            select(table.id, table.name).where(table.id.in_(chunk))
        ):
            names[int(row_id)] = str(name)
    return names


def all_names(session: Session, kind: str) -> list[str]:
    table = _NAME_TABLES[kind]
    return [
        str(name) for name in session.execute(select(table.name).order_by(table.name)).scalars()
    ]


def stopped_span(session: Session) -> tuple[int, int] | None:
    """The first and the last instant an SLA clock of the workspace stopped, or ``None``
    when none has. Two look-ups per metric along the clocks' (metric, stop) index: a
    ``MIN`` and a ``MAX`` in one statement, or without the metric, walk the index."""
    firsts: list[int] = []
    lasts: list[int] = []
    stopped = TicketClock.stopped_at
    for metric in Metric:
        where = (TicketClock.metric == metric.value, stopped.is_not(None))
        first = session.execute(select(func.min(stopped)).where(*where)).scalar()
        if first is None:
            continue
        last = session.execute(select(func.max(stopped)).where(*where)).scalar()
        firsts.append(int(first))
        lasts.append(int(first if last is None else last))
    return (min(firsts), max(lasts)) if firsts else None


# --- stopped clocks (counted from ``analytics_facts``; rows fetched here) -----------


def _ticket_columns() -> tuple[Any, ...]:
    return (
        Ticket.id,
        Ticket.external_id,
        Ticket.subject,
        Ticket.priority,
        Team.name,
        Customer.name,
        Agent.name,
    )


def _join_names(query: Select[Any]) -> Select[Any]:
    return (
        query.outerjoin(Team, Team.id == Ticket.team_id)
        .outerjoin(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
    )


def worst_breach_ids(session: Session, start: int, end: int, limit: int) -> list[int]:
    """The ids of the ``limit`` breached clocks stopped in ``[start, end)`` with the
    longest overrun (elapsed minus target), ties by stop instant then id: one walk of
    ``ix_ticket_clocks_breaches`` (migration 0017; its ``WHERE`` repeated, as SQLite uses
    a partial index only then) and a sort that keeps the ``limit`` first."""
    if limit <= 0:
        return []
    query = (
        select(TicketClock.id)
        .where(
            text(f"ticket_clocks.{BREACHED_CLOCKS}"),
            TicketClock.stopped_at >= start,
            TicketClock.stopped_at < end,
        )
        .order_by(
            (TicketClock.elapsed - TicketClock.target).desc(),
            TicketClock.stopped_at,
            TicketClock.id,
        )
        .limit(limit)
    )
    return [int(clock_id) for clock_id in session.scalars(query)]


def breach_rows(session: Session, clock_ids: Sequence[int]) -> list[tuple[Any, ...]]:
    """The clocks with these ids, in the order given (the caller ranked them).

    Columns: ticket id, external id, subject, priority, team, customer, agent, metric,
    target, elapsed, started_at, breached_at, stopped_at.
    """
    if not clock_ids:
        return []
    query = _join_names(
        select(
            TicketClock.id,
            *_ticket_columns(),
            TicketClock.metric,
            TicketClock.target,
            TicketClock.elapsed,
            TicketClock.started_at,
            TicketClock.breached_at,
            TicketClock.stopped_at,
        )
        .select_from(TicketClock)
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
    )
    found: dict[int, tuple[Any, ...]] = {}
    wanted = list(clock_ids)
    for chunk_start in range(0, len(wanted), 500):
        chunk = wanted[chunk_start : chunk_start + 500]
        for row in session.execute(query.where(TicketClock.id.in_(chunk))):
            found[int(row[0])] = tuple(row[1:])
    return [found[i] for i in wanted if i in found]


# --- clocks running at the end of the period -------------------------------------------


def _running_at_end(scope: ClockScope) -> tuple[list[ColumnElement[bool]], ...]:
    """Two disjoint sets of conditions: clocks never stopped, and clocks stopped only after
    the period. Each is its own query (``metric IN (...)`` and one ``stopped_at`` term), so
    SQLite probes the ``(metric, stopped_at)`` index instead of scanning it whole, as it
    does for the ``OR`` of the two."""
    common = [
        TicketClock.metric.in_(METRICS),
        TicketClock.started_at < scope.end,
        *ticket_conditions(scope),
    ]
    return (
        [TicketClock.stopped_at.is_(None), *common],
        [TicketClock.stopped_at >= scope.end, *common],
    )


def _status_at_end(end: int) -> Any:
    """The clock's ticket's status just before ``end``, from its events (a correlated
    scalar subquery: the last event before ``end`` that sets a status)."""
    return (
        select(TicketEvent.status)
        .where(
            TicketEvent.ticket_id == TicketClock.ticket_id,
            TicketEvent.status.is_not(None),
            TicketEvent.at < end,
        )
        .order_by(TicketEvent.at.desc(), TicketEvent.seq.desc())
        .limit(1)
        .correlate(TicketClock)
        .scalar_subquery()
    )


class PausesAtEnd:
    """Whether a clock not stopped by the end of the period was paused then: a pausable
    metric whose ticket was in one of its policy version's pause statuses (or, for
    resolution, solved or closed: a ticket reopened after the period) — derived from the
    events as of the period end, not from the clock's state now."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._pauses: dict[int | None, frozenset[str]] = {None: _DEFAULT_PAUSES}

    def _of(self, version_id: int | None) -> frozenset[str]:
        found = self._pauses.get(version_id)
        if found is None:
            spec = self._session.execute(
                select(PolicyVersion.spec).where(PolicyVersion.id == version_id)
            ).scalar()
            raw = None if spec is None else json.loads(spec).get("pause_statuses")
            found = _DEFAULT_PAUSES if raw is None else frozenset(str(s) for s in raw)
            self._pauses[version_id] = found
        return found

    def state(self, metric: str, status: str | None, version_id: int | None, evaluated: str) -> str:
        """``paused`` or ``running``, at the end of the period; a ticket without any status
        event before then (never in a workspace built by the program) keeps the clock's
        state as last evaluated (``evaluated``)."""
        if status is None:
            return "paused" if evaluated == "paused" else "running"
        if metric not in _PAUSABLE:
            return "running"
        if status in self._of(version_id) or (metric == "resolution" and status in _DONE):
            return "paused"
        return "running"


def running_counts(session: Session, scope: ClockScope) -> list[tuple[str, str, bool, int]]:
    """``(metric, state, overdue at period end, count)`` of clocks that had not stopped by
    the end of the period; ``state`` ("running" or "paused") is as of the period end."""
    overdue = case(
        (
            and_(TicketClock.breached_at.is_not(None), TicketClock.breached_at < scope.end),
            literal(1),
        ),
        else_=literal(0),
    ).label("overdue")
    status = _status_at_end(scope.end).label("status_at_end")
    pauses = PausesAtEnd(session)
    counts: dict[tuple[str, str, bool], int] = {}
    for conditions in _running_at_end(scope):
        query = _with_ticket(
            select(
                TicketClock.metric,
                status,
                TicketClock.policy_version_id,
                TicketClock.state,
                overdue,
                func.count(),
            ).where(*conditions),
            scope,
        ).group_by(
            TicketClock.metric, status, TicketClock.policy_version_id, TicketClock.state, overdue
        )
        for m, at_end, version_id, evaluated, o, n in session.execute(query):
            key = (str(m), pauses.state(str(m), at_end, version_id, str(evaluated)), bool(o))
            counts[key] = counts.get(key, 0) + int(n)
    return [(*key, n) for key, n in counts.items()]


def running_rows(
    session: Session, scope: ClockScope, limit: int | None, now: int
) -> list[tuple[Any, ...]]:
    """Clocks not stopped by the end of the period, the most overdue (then soonest due)
    first. Columns: ticket id, external id, subject, priority, team, customer, agent,
    metric, state (as last evaluated), started_at, due_at, breached_at, target, elapsed,
    remaining, stopped_at, calendar id (of the policy version that judged the clock, or
    None), state at the end of the period ("running" or "paused", from the events).

    A running cycle's stored remaining is a reading as of its last change, so running
    cycles are ranked by their due instant (``due_at - now``); paused and stopped ones by
    their remaining time. The caller turns the readings into live ones and sorts again.
    """
    running = and_(
        TicketClock.stopped_at.is_(None),
        TicketClock.state != "paused",
        TicketClock.due_at.is_not(None),
    )
    rank = case((running, TicketClock.due_at - now), else_=TicketClock.remaining)
    rows: list[tuple[Any, ...]] = []
    for conditions in _running_at_end(scope):
        query = (
            _join_names(
                select(
                    *_ticket_columns(),
                    TicketClock.metric,
                    TicketClock.state,
                    TicketClock.started_at,
                    TicketClock.due_at,
                    TicketClock.breached_at,
                    TicketClock.target,
                    TicketClock.elapsed,
                    TicketClock.remaining,
                    TicketClock.stopped_at,
                    ticket_calendar_id(),  # the customer calendar, if any
                    rank.label("rank"),
                    TicketClock.id,
                    _status_at_end(scope.end),
                    TicketClock.policy_version_id,
                )
                .select_from(TicketClock)
                .join(Ticket, Ticket.id == TicketClock.ticket_id)
                .where(*conditions)
            )
            .outerjoin(PolicyVersion, PolicyVersion.id == TicketClock.policy_version_id)
            .order_by(rank, TicketClock.id)
        )
        if limit is not None:
            query = query.limit(limit)
        rows.extend(tuple(row) for row in session.execute(query))
    rows.sort(key=lambda row: (row[17], row[18]))
    pauses = PausesAtEnd(session)
    return [
        (*row[:17], pauses.state(str(row[7]), row[19], row[20], str(row[8])))
        for row in (rows if limit is None else rows[:limit])
    ]


# --- services and outages ---------------------------------------------------------------


def services(session: Session) -> list[tuple[int, str, float]]:
    query = select(Service.id, Service.name, Service.availability_target).order_by(Service.name)
    return [(int(i), str(n), float(t)) for i, n, t in session.execute(query)]


# --- methods: policy versions and calendars ---------------------------------------------


@dataclass(frozen=True, slots=True)
class PolicyVersionRow:
    version_id: int
    policy_id: int
    policy_name: str
    version: int
    created_at: int
    author: str
    reason: str
    calendar_id: int
    spec: dict[str, Any]
    is_current: bool
    policy_active: bool
    position: int


def policy_version_rows(
    session: Session, version_ids: Iterable[int], *, as_of: int
) -> list[PolicyVersionRow]:
    """The named versions plus the version of every active policy in force at ``as_of``
    (its last version saved before then; none for a policy made later): a report for a
    closed period does not change when a policy is saved afterwards."""
    wanted = sorted(set(version_ids))
    later = aliased(PolicyVersion)
    in_force = (
        select(func.max(later.id))
        .where(later.policy_id == Policy.id, later.created_at < as_of)
        .scalar_subquery()
    )
    condition: ColumnElement[bool] = and_(Policy.active.is_(True), PolicyVersion.id == in_force)
    if wanted:
        condition = or_(PolicyVersion.id.in_(wanted), condition)
    query = (
        select(
            PolicyVersion.id,
            PolicyVersion.policy_id,
            Policy.name,
            PolicyVersion.version,
            PolicyVersion.created_at,
            PolicyVersion.author,
            PolicyVersion.reason,
            PolicyVersion.calendar_id,
            PolicyVersion.spec,
            Policy.current_version_id,
            Policy.active,
            Policy.position,
        )
        .join(Policy, Policy.id == PolicyVersion.policy_id)
        .where(condition)
        .order_by(Policy.position, Policy.name, PolicyVersion.version)
    )
    rows = []
    for row in session.execute(query):
        rows.append(
            PolicyVersionRow(
                version_id=int(row[0]),
                policy_id=int(row[1]),
                policy_name=str(row[2]),
                version=int(row[3]),
                created_at=int(row[4]),
                author=str(row[5]),
                reason=str(row[6] or ""),
                calendar_id=int(row[7]),
                spec=_json_object(row[8]),
                is_current=row[9] == row[0],
                policy_active=bool(row[10]),
                position=int(row[11]),
            )
        )
    return rows


def calendar_rows(
    session: Session, calendar_ids: Iterable[int]
) -> list[tuple[int, str, str, dict[str, Any]]]:
    """``(id, name, timezone, spec)`` of the named calendars, by name."""
    wanted = sorted(set(calendar_ids))
    if not wanted:
        return []
    query = (
        select(Calendar.id, Calendar.name, Calendar.timezone, Calendar.spec)
        .where(Calendar.id.in_(wanted))
        .order_by(Calendar.name)
    )
    return [(int(i), str(n), str(z), _json_object(s)) for i, n, z, s in session.execute(query)]


def calendar_holiday_rows(
    session: Session, calendar_ids: Iterable[int]
) -> list[tuple[int, Any, str | None]]:
    """``(calendar id, date, name)`` from the holiday table (besides those in the spec)."""
    wanted = sorted(set(calendar_ids))
    if not wanted:
        return []
    query = (
        select(CalendarHoliday.calendar_id, CalendarHoliday.date, CalendarHoliday.name)
        .where(CalendarHoliday.calendar_id.in_(wanted))
        .order_by(CalendarHoliday.date)
    )
    return [(int(c), d, n) for c, d, n in session.execute(query)]


def _json_object(text: object) -> dict[str, Any]:
    if not isinstance(text, str):
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
