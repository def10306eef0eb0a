"""The ticket list's queries: one page of rows, one row, one ticket's detail.

Filtering and ordering happen in SQL (on the list indices of ``tickets``), paging with
``offset``/``limit``. Results are frozen dataclasses that cross from the store to the
window (and between threads) and never hold a live ORM object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from slaworkbench.domain.model import (
    DONE_STATUSES,
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
    Agent,
    Calendar,
    Customer,
    Policy,
    PolicyVersion,
    Team,
    Ticket,
    TicketClock,
    TicketEvent,
    split_tags,
)


class View(StrEnum):
    """The built-in views of the sidebar."""

    ALL_OPEN = "all_open"
    MINE = "mine"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    PENDING = "pending"
    UNASSIGNED = "unassigned"
    ALL = "all"


class SortKey(StrEnum):
    ID = "id"
    SUBJECT = "subject"
    CUSTOMER = "customer"
    PRIORITY = "priority"
    STATUS = "status"
    ASSIGNEE = "assignee"
    FIRST_RESPONSE = "first_response"
    RESOLUTION = "resolution"
    NEXT_DUE = "next_due"


@dataclass(frozen=True, slots=True)
class TicketQuery:
    """What the list shows: a view, a search and optional narrowing, in one order."""

    view: View = View.ALL_OPEN
    search: str = ""
    priorities: tuple[Priority, ...] = ()
    team_id: int | None = None
    me_agent_id: int | None = None
    sort: SortKey = SortKey.NEXT_DUE
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ClockSnapshot:
    """One metric's clock as the last evaluation stored it (``state`` None: not measured).

    ``state`` is the clock state at evaluation (running covers "at risk"); ``stopped``
    tells a finished clock from a running one; ``risk_at`` is when a running clock is
    (or was) at risk, so the list can tell at paint time without re-evaluating.
    """

    state: ClockState | None = None
    due_at: Instant | None = None
    remaining: Seconds | None = None
    target: Seconds | None = None
    stopped: bool = False
    risk_at: Instant | None = None

    @property
    def measured(self) -> bool:
        return self.state is not None


@dataclass(frozen=True, slots=True)
class TicketRow:
    """One line of the ticket list."""

    id: int
    external_id: str | None
    subject: str
    requester: str | None
    customer: str | None
    team: str | None
    assignee: str | None
    assignee_id: int | None
    priority: Priority
    status: Status
    version: int
    created_at: Instant
    updated_at: Instant
    evaluated_at: Instant | None
    next_due_at: Instant | None
    next_risk_at: Instant | None
    sla_state: str | None
    calendar_id: int | None
    first_response: ClockSnapshot = field(default_factory=ClockSnapshot)
    resolution: ClockSnapshot = field(default_factory=ClockSnapshot)

    @property
    def reference(self) -> str:
        """How people name the ticket: its external id, else ``#id``."""
        return self.external_id or f"#{self.id}"


@dataclass(frozen=True, slots=True)
class NamedOption:
    """An id and the name people see (customers, teams, agents)."""

    id: int
    name: str


# --------------------------------------------------------------------------------------
# Queries. Every function takes a Session and returns the dataclasses above.

_FR = aliased(TicketClock, name="fr_clock")
_RES = aliased(TicketClock, name="res_clock")
_OPEN = tuple(s.value for s in Status if s not in DONE_STATUSES)
_PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2, "low": 3}
_STATUS_RANK = {"new": 0, "open": 1, "pending": 2, "on_hold": 3, "solved": 4, "closed": 5}


def _row_select() -> Select[*tuple[Any, ...]]:
    return (
        select(
            Ticket.id,
            Ticket.external_id,
            Ticket.subject,
            Ticket.requester,
            Customer.name.label("customer"),
            Team.name.label("team"),
            Agent.name.label("assignee"),
            Ticket.assignee_id,
            Ticket.priority,
            Ticket.status,
            Ticket.version,
            Ticket.created_at,
            Ticket.updated_at,
            Ticket.evaluated_at,
            Ticket.next_due_at,
            Ticket.next_risk_at,
            Ticket.sla_state,
            PolicyVersion.calendar_id,
            Ticket.first_response_state,
            Ticket.first_response_due_at,
            Ticket.first_response_remaining,
            Ticket.first_response_target,
            _FR.stopped_at.label("fr_stopped_at"),
            _FR.risk_at.label("fr_risk_at"),
            Ticket.resolution_state,
            Ticket.resolution_due_at,
            Ticket.resolution_remaining,
            Ticket.resolution_target,
            _RES.stopped_at.label("res_stopped_at"),
            _RES.risk_at.label("res_risk_at"),
        )
        .select_from(Ticket)
        .outerjoin(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Team, Team.id == Ticket.team_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .outerjoin(PolicyVersion, PolicyVersion.id == Ticket.policy_version_id)
        .outerjoin(
            _FR,
            and_(
                _FR.ticket_id == Ticket.id,
                _FR.metric == Metric.FIRST_RESPONSE.value,
                _FR.cycle_index == _single_cycle(Metric.FIRST_RESPONSE),
            ),
        )
        .outerjoin(
            _RES,
            and_(
                _RES.ticket_id == Ticket.id,
                _RES.metric == Metric.RESOLUTION.value,
                _RES.cycle_index == _single_cycle(Metric.RESOLUTION),
            ),
        )
    )


def _single_cycle(metric: Metric) -> Any:
    """The index of the one cycle first_response and resolution have (the lowest)."""
    inner = aliased(TicketClock)
    return (
        select(func.min(inner.cycle_index))
        .where(inner.ticket_id == Ticket.id, inner.metric == metric.value)
        .correlate(Ticket)
        .scalar_subquery()
    )


def _snapshot(
    state: str | None,
    due_at: int | None,
    remaining: int | None,
    target: int | None,
    stopped_at: int | None,
    risk_at: int | None,
) -> ClockSnapshot:
    if state is None:
        return ClockSnapshot()
    clock_state = ClockState.RUNNING if state == "at_risk" else ClockState(state)
    stopped = stopped_at is not None or clock_state is ClockState.ACHIEVED
    if risk_at is None and state == "at_risk":
        risk_at = 0  # already at risk when it was evaluated
    return ClockSnapshot(clock_state, due_at, remaining, target, stopped, risk_at)


def _to_row(r: Any) -> TicketRow:
    return TicketRow(
        id=r.id,
        external_id=r.external_id,
        subject=r.subject or "",
        requester=r.requester,
        customer=r.customer,
        team=r.team,
        assignee=r.assignee,
        assignee_id=r.assignee_id,
        priority=Priority(r.priority),
        status=Status(r.status),
        version=r.version,
        created_at=r.created_at,
        updated_at=r.updated_at,
        evaluated_at=r.evaluated_at,
        next_due_at=r.next_due_at,
        next_risk_at=r.next_risk_at,
        sla_state=r.sla_state,
        calendar_id=r.calendar_id,
        first_response=_snapshot(
            r.first_response_state,
            r.first_response_due_at,
            r.first_response_remaining,
            r.first_response_target,
            r.fr_stopped_at,
            r.fr_risk_at,
        ),
        resolution=_snapshot(
            r.resolution_state,
            r.resolution_due_at,
            r.resolution_remaining,
            r.resolution_target,
            r.res_stopped_at,
            r.res_risk_at,
        ),
    )


def _search_condition(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    conditions = [
        Ticket.subject.ilike(pattern, escape="\\"),
        Ticket.requester.ilike(pattern, escape="\\"),
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


def _clock_order(state: Any, due_at: Any, remaining: Any, stopped_at: Any) -> list[Any]:
    group = case(
        (state.is_(None), 3),
        (and_(state.in_(("running", "at_risk", "breached")), stopped_at.is_(None)), 0),
        (state == "paused", 1),
        else_=2,
    )
    return [group, due_at.is_(None), due_at, remaining]


def _order_by(query: TicketQuery) -> list[Any]:
    key = query.sort
    columns: list[Any]
    if key is SortKey.ID:
        columns = []
    elif key is SortKey.SUBJECT:
        columns = [func.lower(Ticket.subject)]
    elif key is SortKey.CUSTOMER:
        columns = [Customer.name.is_(None), func.lower(Customer.name)]
    elif key is SortKey.ASSIGNEE:
        columns = [Agent.name.is_(None), func.lower(Agent.name)]
    elif key is SortKey.PRIORITY:
        columns = [case(_PRIORITY_RANK, value=Ticket.priority, else_=9)]
    elif key is SortKey.STATUS:
        columns = [case(_STATUS_RANK, value=Ticket.status, else_=9)]
    elif key is SortKey.FIRST_RESPONSE:
        columns = _clock_order(
            Ticket.first_response_state,
            Ticket.first_response_due_at,
            Ticket.first_response_remaining,
            _FR.stopped_at,
        )
    elif key is SortKey.RESOLUTION:
        columns = _clock_order(
            Ticket.resolution_state,
            Ticket.resolution_due_at,
            Ticket.resolution_remaining,
            _RES.stopped_at,
        )
    else:
        columns = [Ticket.next_due_at.is_(None), Ticket.next_due_at]
    columns.append(Ticket.id)
    if query.descending:
        return [c.desc() for c in columns]
    return [c.asc() for c in columns]


def list_tickets(
    session: Session, query: TicketQuery, *, now: int, offset: int = 0, limit: int = 200
) -> list[TicketRow]:
    """One page of the list, filtered and ordered in SQL."""
    stmt = _row_select()
    conditions = _view_conditions(query, now)
    search = _search_condition(query.search)
    if search is not None:
        conditions.append(search)
    if query.priorities:
        conditions.append(Ticket.priority.in_([p.value for p in query.priorities]))
    if query.team_id is not None:
        conditions.append(Ticket.team_id == query.team_id)
    if conditions:
        stmt = stmt.where(*conditions)
    stmt = stmt.order_by(*_order_by(query)).offset(max(0, offset)).limit(max(0, limit))
    return [_to_row(r) for r in session.execute(stmt)]


def fetch_ticket_row(session: Session, ticket_id: int) -> TicketRow | None:
    """One row by id (after an action changed the ticket)."""
    r = session.execute(_row_select().where(Ticket.id == ticket_id)).first()
    return _to_row(r) if r is not None else None


def list_options(session: Session) -> tuple[list[NamedOption], ...]:
    """Customers, teams and agents by name, for pickers."""
    out: list[list[NamedOption]] = []
    for model in (Customer, Team, Agent):
        rows = session.execute(select(model.id, model.name).order_by(func.lower(model.name)))
        out.append([NamedOption(r.id, r.name) for r in rows])
    return tuple(out)


def count_tickets(session: Session, query: TicketQuery, *, now: int) -> int:
    """How many tickets the query matches (for the status bar; run off the GUI thread)."""
    stmt = select(func.count()).select_from(Ticket)
    conditions = _view_conditions(query, now)
    search = _search_condition(query.search)
    if search is not None:
        conditions.append(search)
    if query.priorities:
        conditions.append(Ticket.priority.in_([p.value for p in query.priorities]))
    if query.team_id is not None:
        conditions.append(Ticket.team_id == query.team_id)
    if conditions:
        stmt = stmt.where(*conditions)
    return int(session.execute(stmt).scalar_one())


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
