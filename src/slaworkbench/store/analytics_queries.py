"""The SQL behind analytics and reports: aggregates over clocks, surveys and outages.

Everything here is portable SQL (SQLite and PostgreSQL). Aggregation happens in the
database (``GROUP BY`` over the ``(metric, stopped_at)`` index); callers turn the rows
into figures. A ``ClockScope`` is a half-open period ``[start, end)`` of UTC instants and
the ticket filters already resolved to ids; an unknown name resolves to ``NO_MATCH`` so
that nothing matches rather than everything.

Time buckets (days, weeks, months in a time zone) are not computed in SQL, which has no
portable time-zone arithmetic: rows are grouped by ``instant / granule`` where the
granule divides every bucket boundary, and the caller maps granules to buckets.
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
)
from sqlalchemy.orm import Session

from slaworkbench.store.schema import (
    METRICS,
    Agent,
    Calendar,
    CalendarHoliday,
    Customer,
    Outage,
    Policy,
    PolicyVersion,
    Service,
    SurveyAnswer,
    Team,
    Ticket,
    TicketClock,
)

NO_MATCH = -1
"""The id an unknown team or customer name resolves to: it matches no ticket."""

DIMENSION_COLUMNS: dict[str, Any] = {
    "priority": Ticket.priority,
    "team": Ticket.team_id,
    "agent": Ticket.assignee_id,
    "customer": Ticket.customer_id,
}
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


def _stopped_in(scope: ClockScope) -> list[ColumnElement[bool]]:
    return [
        TicketClock.stopped_at >= scope.start,
        TicketClock.stopped_at < scope.end,
        *ticket_conditions(scope),
    ]


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


# --- stopped clocks ---------------------------------------------------------------------


def stopped_counts(session: Session, scope: ClockScope) -> list[tuple[str, str, int]]:
    """``(metric, state, count)`` of clocks stopped in the period."""
    query = _with_ticket(
        select(TicketClock.metric, TicketClock.state, func.count()).where(*_stopped_in(scope)),
        scope,
    ).group_by(TicketClock.metric, TicketClock.state)
    return [(str(m), str(s), int(n)) for m, s, n in session.execute(query)]


def stopped_counts_by(
    session: Session, scope: ClockScope, dimension: str
) -> list[tuple[Any, str, str, int]]:
    """``(group key, metric, state, count)``; the key is a priority or a row id (or None)."""
    column = DIMENSION_COLUMNS[dimension]
    query = (
        select(column, TicketClock.metric, TicketClock.state, func.count())
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(*_stopped_in(scope))
        .group_by(column, TicketClock.metric, TicketClock.state)
    )
    return [(key, str(m), str(s), int(n)) for key, m, s, n in session.execute(query)]


def stopped_counts_by_granule(
    session: Session, scope: ClockScope, metric: str, granule: int
) -> list[tuple[int, str, int]]:
    """``(stopped_at // granule, state, count)`` for one metric."""
    slot = (TicketClock.stopped_at // granule).label("slot")
    query = _with_ticket(
        select(slot, TicketClock.state, func.count()).where(
            TicketClock.metric == metric, *_stopped_in(scope)
        ),
        scope,
    ).group_by(slot, TicketClock.state)
    return [(int(g or 0), str(s), int(n)) for g, s, n in session.execute(query)]


def stopped_elapsed(session: Session, scope: ClockScope, metric: str) -> list[tuple[str, int, int]]:
    """``(priority, elapsed, count)`` for one metric's clocks stopped in the period."""
    query = (
        select(Ticket.priority, TicketClock.elapsed, func.count())
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(TicketClock.metric == metric, *_stopped_in(scope))
        .group_by(Ticket.priority, TicketClock.elapsed)
    )
    return [(str(p), int(e), int(n)) for p, e, n in session.execute(query)]


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


def worst_breaches(session: Session, scope: ClockScope, limit: int) -> list[tuple[Any, ...]]:
    """Breached clocks stopped in the period, longest overrun first.

    Columns: ticket id, external id, subject, priority, team, customer, agent, metric,
    target, elapsed, started_at, breached_at, stopped_at.
    """
    overrun = TicketClock.elapsed - TicketClock.target
    query = _join_names(
        select(
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
        .where(TicketClock.state == "breached", *_stopped_in(scope))
    ).order_by(overrun.desc(), TicketClock.stopped_at, TicketClock.id)
    return [tuple(row) for row in session.execute(query.limit(limit))]


# --- clocks running at the end of the period -------------------------------------------


def _running_at_end(scope: ClockScope) -> list[ColumnElement[bool]]:
    # ``metric IN (...)`` on both arms lets SQLite probe the (metric, stopped_at) index
    # instead of scanning every clock.
    every_metric = TicketClock.metric.in_(METRICS)
    return [
        TicketClock.started_at < scope.end,
        or_(
            and_(every_metric, TicketClock.stopped_at.is_(None)),
            and_(every_metric, TicketClock.stopped_at >= scope.end),
        ),
        *ticket_conditions(scope),
    ]


def running_counts(session: Session, scope: ClockScope) -> list[tuple[str, str, bool, int]]:
    """``(metric, state, overdue at period end, count)`` of clocks that had not stopped by
    the end of the period (``state`` as last evaluated)."""
    overdue = case(
        (
            and_(TicketClock.breached_at.is_not(None), TicketClock.breached_at < scope.end),
            literal(1),
        ),
        else_=literal(0),
    ).label("overdue")
    query = _with_ticket(
        select(TicketClock.metric, TicketClock.state, overdue, func.count()).where(
            *_running_at_end(scope)
        ),
        scope,
    ).group_by(TicketClock.metric, TicketClock.state, overdue)
    return [(str(m), str(s), bool(o), int(n)) for m, s, o, n in session.execute(query)]


def running_rows(session: Session, scope: ClockScope, limit: int | None) -> list[tuple[Any, ...]]:
    """Clocks not stopped by the end of the period, the most overdue (then soonest due)
    first. Columns: ticket id, external id, subject, priority, team, customer, agent,
    metric, state, started_at, due_at, breached_at, target, elapsed, remaining, stopped_at.
    """
    query = _join_names(
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
        )
        .select_from(TicketClock)
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(*_running_at_end(scope))
    ).order_by(TicketClock.remaining, TicketClock.id)
    if limit is not None:
        query = query.limit(limit)
    return [tuple(row) for row in session.execute(query)]


# --- surveys ----------------------------------------------------------------------------


def _answer_conditions(scope: ClockScope) -> list[ColumnElement[bool]]:
    return [
        SurveyAnswer.answered_at >= scope.start,
        SurveyAnswer.answered_at < scope.end,
        *ticket_conditions(scope),
    ]


def survey_by_first_response(
    session: Session, scope: ClockScope, edges: Sequence[int]
) -> list[tuple[int, str, int, int, int, int]]:
    """Answers given in the period grouped by the bucket of their ticket's first-response
    time: ``(bucket, kind, count, score sum, high, low)``.

    Bucket ``i`` holds first responses with ``edges[i-1] <= elapsed < edges[i]`` (bucket 0
    below ``edges[0]``, bucket ``len(edges)`` at or above the last edge); bucket ``-1``
    holds tickets without a stopped first-response clock. ``high`` counts CSAT 4–5 and
    NPS promoters (9–10); ``low`` counts NPS detractors (0–6) and CSAT 1–2.
    """
    first = (
        select(TicketClock.ticket_id, TicketClock.elapsed)
        .where(
            TicketClock.metric == "first_response",
            TicketClock.cycle_index == 0,
            TicketClock.stopped_at.is_not(None),
        )
        .subquery("first")
    )
    whens = [(first.c.elapsed < edge, literal(index)) for index, edge in enumerate(edges)]
    bucket = case(
        (first.c.elapsed.is_(None), literal(-1)), *whens, else_=literal(len(edges))
    ).label("bucket")
    high = case(
        (and_(SurveyAnswer.kind == "csat", SurveyAnswer.score >= 4), literal(1)),
        (and_(SurveyAnswer.kind == "nps", SurveyAnswer.score >= 9), literal(1)),
        else_=literal(0),
    )
    low = case(
        (and_(SurveyAnswer.kind == "csat", SurveyAnswer.score <= 2), literal(1)),
        (and_(SurveyAnswer.kind == "nps", SurveyAnswer.score <= 6), literal(1)),
        else_=literal(0),
    )
    query = (
        select(
            bucket,
            SurveyAnswer.kind,
            func.count(),
            func.sum(SurveyAnswer.score),
            func.sum(high),
            func.sum(low),
        )
        .select_from(SurveyAnswer)
        .join(Ticket, Ticket.id == SurveyAnswer.ticket_id)
        .outerjoin(first, first.c.ticket_id == SurveyAnswer.ticket_id)
        .where(*_answer_conditions(scope))
        .group_by(bucket, SurveyAnswer.kind)
    )
    return [
        (int(b), str(k), int(n), int(total or 0), int(hi or 0), int(lo or 0))
        for b, k, n, total, hi, lo in session.execute(query)
    ]


def survey_by_granule(
    session: Session, scope: ClockScope, kind: str, granule: int
) -> list[tuple[int, int, int, int, int]]:
    """``(answered_at // granule, count, score sum, high, low)`` for one survey kind
    (``high``/``low`` as in ``survey_by_first_response``)."""
    slot = (SurveyAnswer.answered_at // granule).label("slot")
    high_floor, low_ceiling = (9, 6) if kind == "nps" else (4, 2)
    query = select(
        slot,
        func.count(),
        func.sum(SurveyAnswer.score),
        func.sum(case((SurveyAnswer.score >= high_floor, literal(1)), else_=literal(0))),
        func.sum(case((SurveyAnswer.score <= low_ceiling, literal(1)), else_=literal(0))),
    ).where(SurveyAnswer.kind == kind, *_answer_conditions(scope))
    if scope.filters_tickets:
        query = query.join(Ticket, Ticket.id == SurveyAnswer.ticket_id)
    query = query.group_by(slot)
    return [
        (int(g), int(n), int(total or 0), int(hi or 0), int(lo or 0))
        for g, n, total, hi, lo in session.execute(query)
    ]


# --- services and outages ---------------------------------------------------------------


def services(session: Session) -> list[tuple[int, str, float]]:
    query = select(Service.id, Service.name, Service.availability_target).order_by(Service.name)
    return [(int(i), str(n), float(t)) for i, n, t in session.execute(query)]


def outages_overlapping(
    session: Session, start: int, end: int
) -> list[tuple[int, int, int | None]]:
    """``(service id, started_at, ended_at)`` of outages that overlap ``[start, end)``;
    ``ended_at`` is ``None`` while an outage goes on."""
    query = select(Outage.service_id, Outage.started_at, Outage.ended_at).where(
        Outage.started_at < end, or_(Outage.ended_at.is_(None), Outage.ended_at > start)
    )
    return [(int(s), int(a), None if b is None else int(b)) for s, a, b in session.execute(query)]


# --- methods: policy versions and calendars ---------------------------------------------


def policy_versions_judging(session: Session, scope: ClockScope) -> dict[int | None, int]:
    """How many clocks stopped in the period each policy version judged."""
    query = _with_ticket(
        select(TicketClock.policy_version_id, func.count()).where(*_stopped_in(scope)), scope
    ).group_by(TicketClock.policy_version_id)
    return {
        (None if version is None else int(version)): int(count)
        for version, count in session.execute(query)
    }


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


def policy_version_rows(session: Session, version_ids: Iterable[int]) -> list[PolicyVersionRow]:
    """The named versions plus the current version of every active policy."""
    wanted = sorted(set(version_ids))
    condition: ColumnElement[bool] = and_(
        Policy.active.is_(True), Policy.current_version_id == PolicyVersion.id
    )
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
