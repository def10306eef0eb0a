"""The ticket list's queries: one page of rows, one row, one ticket's detail.

Filtering and ordering happen in SQL (on the list indices of ``tickets``), paging with
``offset``/``limit``. Results are frozen dataclasses that cross from the store to the
window (and between threads) and never hold a live ORM object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, case, func, literal, or_, select, true
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
from slaworkbench.i18n import tr
from slaworkbench.store.schema import (
    STATUSES,
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


DASHBOARD_FILTER_KEYS = frozenset(
    {
        "team",
        "customer",
        "priority",
        "metric",
        "sla_state",
        "stopped_from",
        "stopped_to",
        "elapsed_from",
        "elapsed_to",
        "open",
        "due_from",
        "due_before",
        "due_after",
        "due_until",
    }
)
"""The keys of ``DashboardWidget.open_tickets_requested`` (its ``TICKET_FILTER_KEYS``)."""


@dataclass(frozen=True, slots=True)
class ClockFilter:
    """Tickets with at least one clock (cycle) of ``metric`` meeting every bound given.

    The dashboard counts clocks; the list shows each ticket with such a clock once.
    Bounds are half-open as the charts draw them: stopped in ``[stopped_from,
    stopped_to)``, elapsed in ``[elapsed_from, elapsed_to)``, and a running (not
    stopped) clock due in ``(due_after, due_until]``.
    """

    metric: Metric | None = None
    breached: bool = False
    stopped_from: Instant | None = None
    stopped_to: Instant | None = None
    elapsed_from: Seconds | None = None
    elapsed_to: Seconds | None = None
    due_after: Instant | None = None
    due_until: Instant | None = None

    @property
    def running(self) -> bool:
        return self.due_after is not None or self.due_until is not None


@dataclass(frozen=True, slots=True)
class TicketQuery:
    """What the list shows: a view, a search and optional narrowing, in one order.

    ``team_name``/``customer_name`` (with ``without_team``/``without_customer`` for
    "no team"), ``due_from``/``due_before`` (next due instant in ``[from, before)``) and
    ``clock`` come from a dashboard click (``from_dashboard_filter``).
    """

    view: View = View.ALL_OPEN
    search: str = ""
    priorities: tuple[Priority, ...] = ()
    team_id: int | None = None
    me_agent_id: int | None = None
    sort: SortKey = SortKey.NEXT_DUE
    descending: bool = False
    team_name: str | None = None
    customer_name: str | None = None
    without_team: bool = False
    without_customer: bool = False
    due_from: Instant | None = None
    due_before: Instant | None = None
    clock: ClockFilter | None = None

    @classmethod
    def from_dashboard_filter(cls, wanted: Mapping[str, Any]) -> TicketQuery:
        """The list a dashboard click asks for (keys: ``DASHBOARD_FILTER_KEYS``).

        ``open=True`` shows open tickets only, else every ticket (a breach in a past
        period may be on a closed ticket). A ``team``/``customer`` of ``None`` means
        tickets without one. Raises ``ValueError`` on an unknown key or value.
        """
        unknown = set(wanted) - DASHBOARD_FILTER_KEYS
        state = wanted.get("sla_state")
        if state not in (None, "breached"):
            unknown.add(f"sla_state={state}")
        if unknown:
            raise ValueError(
                tr("The ticket list cannot filter by {keys}; the list was left as it was.").format(
                    keys=", ".join(sorted(unknown))
                )
            )
        priority = wanted.get("priority")
        metric = wanted.get("metric")

        def instant(key: str) -> int | None:
            value = wanted.get(key)
            return None if value is None else int(value)

        clock_keys = (
            "metric",
            "sla_state",
            "stopped_from",
            "stopped_to",
            "elapsed_from",
            "elapsed_to",
            "due_after",
            "due_until",
        )
        clock = None
        if any(wanted.get(key) is not None for key in clock_keys):
            clock = ClockFilter(
                metric=Metric(metric) if metric else None,
                breached=state == "breached",
                stopped_from=instant("stopped_from"),
                stopped_to=instant("stopped_to"),
                elapsed_from=instant("elapsed_from"),
                elapsed_to=instant("elapsed_to"),
                due_after=instant("due_after"),
                due_until=instant("due_until"),
            )
        team = wanted.get("team")
        customer = wanted.get("customer")
        return cls(
            view=View.ALL_OPEN if wanted.get("open") else View.ALL,
            priorities=(Priority(priority),) if priority else (),
            team_name=str(team) if team else None,
            customer_name=str(customer) if customer else None,
            without_team="team" in wanted and team is None,
            without_customer="customer" in wanted and customer is None,
            due_from=instant("due_from"),
            due_before=instant("due_before"),
            clock=clock,
        )

    @property
    def has_dashboard_filter(self) -> bool:
        return (
            self.team_name is not None
            or self.customer_name is not None
            or self.without_team
            or self.without_customer
            or self.due_from is not None
            or self.due_before is not None
            or self.clock is not None
        )

    def without_dashboard_filter(self) -> TicketQuery:
        """The same view, search, narrowing and order without the dashboard's filter."""
        return replace(
            self,
            team_name=None,
            customer_name=None,
            without_team=False,
            without_customer=False,
            due_from=None,
            due_before=None,
            clock=None,
        )


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


@cache
def _row_select() -> Select[*tuple[Any, ...]]:
    """The list's columns and joins (built once: statements are immutable)."""
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
        .outerjoin(_FR, _clock_join(_FR, Metric.FIRST_RESPONSE))
        .outerjoin(_RES, _clock_join(_RES, Metric.RESOLUTION))
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


_PRIORITIES = {p.value: p for p in Priority}
_STATUSES = {s.value: s for s in Status}
_CLOCK_STATES = {s.value: s for s in ClockState} | {"at_risk": ClockState.RUNNING}


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
    clock_state = _CLOCK_STATES[state]
    stopped = stopped_at is not None or clock_state is ClockState.ACHIEVED
    if risk_at is None and state == "at_risk":
        risk_at = 0  # already at risk when it was evaluated
    return ClockSnapshot(clock_state, due_at, remaining, target, stopped, risk_at)


_NOT_MEASURED = ClockSnapshot()


def _to_row(r: Any) -> TicketRow:
    """A result row of ``_row_select`` (unpacked by position: named access is slow)."""
    (
        ticket_id, external_id, subject, requester, customer, team, assignee, assignee_id,
        priority, status, version, created_at, updated_at, evaluated_at, next_due_at,
        next_risk_at, sla_state, calendar_id,
        fr_state, fr_due, fr_remaining, fr_target, fr_stopped, fr_risk,
        res_state, res_due, res_remaining, res_target, res_stopped, res_risk,
    ) = r  # fmt: skip
    return TicketRow(
        ticket_id,
        external_id,
        subject or "",
        requester,
        customer,
        team,
        assignee,
        assignee_id,
        _PRIORITIES[priority],
        _STATUSES[status],
        version,
        created_at,
        updated_at,
        evaluated_at,
        next_due_at,
        next_risk_at,
        sla_state,
        calendar_id,
        _NOT_MEASURED
        if fr_state is None
        else _snapshot(fr_state, fr_due, fr_remaining, fr_target, fr_stopped, fr_risk),
        _NOT_MEASURED
        if res_state is None
        else _snapshot(res_state, res_due, res_remaining, res_target, res_stopped, res_risk),
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


def _conditions(session: Session, query: TicketQuery, now: int) -> list[Any]:
    conditions = _view_conditions(query, now)
    search = _search_condition(query.search)
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
    return conditions


# --- order and keyset paging ------------------------------------------------------------
#
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


def _segments(session: Session, query: TicketQuery) -> list[_Segment]:
    """The ascending order of ``query.sort`` as segments (see above)."""
    key = query.sort
    every = true()
    if key is SortKey.ID:
        return [_Segment(every, _every)]
    if key is SortKey.NEXT_DUE:
        return _due_segments(every, _every, any_status=query.view is View.ALL)
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


def _ordered_segments(session: Session, query: TicketQuery) -> list[_Segment]:
    segments = _segments(session, query)
    return segments[::-1] if query.descending else segments


def _clock_join(alias: Any, metric: Metric) -> Any:
    return and_(
        alias.ticket_id == Ticket.id,
        alias.metric == metric.value,
        alias.cycle_index == _single_cycle(metric),
    )


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
    conditions = _conditions(session, query, now)
    segments = _ordered_segments(session, query)
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
    found = {r[0]: r for r in session.execute(_row_select().where(Ticket.id.in_(ids)))}
    return [_to_row(found[i]) for i in ids if i in found]


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


def count_tickets(
    session: Session, query: TicketQuery, *, now: int, at_most: int | None = None
) -> int:
    """How many tickets the query matches (run off the GUI thread).

    With ``at_most``, counting stops after ``at_most + 1`` matches (show "1,000+"), so a
    count on the GUI thread never scans a million rows.
    """
    conditions = _conditions(session, query, now)
    if at_most is None:
        stmt = select(func.count()).select_from(Ticket)
        if conditions:
            stmt = stmt.where(*conditions)
        return int(session.execute(stmt).scalar_one())
    inner = select(Ticket.id).where(*conditions).limit(max(0, at_most) + 1).subquery()
    return int(session.execute(select(func.count()).select_from(inner)).scalar_one())


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
