"""The ticket list's rows: one line of the list, with its clocks as last evaluated.

``row_select`` is the list's columns and joins and ``to_row`` reads one result of it.
Rows are frozen dataclasses that cross from the store to the window (and between
threads) and never hold a live ORM object.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session, aliased

from slaworkbench.domain.model import ClockState, Instant, Metric, Priority, Seconds, Status
from slaworkbench.store.agreements.calendars import ticket_calendar_id
from slaworkbench.store.ola.list_columns import OLA_COLUMNS, ola_join
from slaworkbench.store.schema import Agent, Customer, PolicyVersion, Team, Ticket, TicketClock


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
    next_response: ClockSnapshot = field(default_factory=ClockSnapshot)
    """The latest next-response cycle (a ticket has one per customer message)."""
    periodic_update: ClockSnapshot = field(default_factory=ClockSnapshot)
    """The latest periodic-update cycle."""
    paused_left: Seconds | None = None
    """The least business time left on a paused clock (the time-to-breach order of a
    ticket whose clocks all wait), ``None`` when no clock is paused."""
    ola: ClockSnapshot = field(default_factory=ClockSnapshot)
    """The OLA cycle of the team the ticket is with now (``store.ola.list_columns``)."""
    ola_team: str | None = None
    ola_calendar_id: int | None = None
    """The calendar that OLA counts in (the team's)."""
    next_due_position: int | None = None
    """``next_due_at`` on the working-time axis of the ticket's calendar (the
    time-to-breach order: business time left, ``store.tickets.paging``)."""

    def clock(self, metric: Metric) -> ClockSnapshot:
        """The clock the list shows for ``metric``."""
        return {
            Metric.FIRST_RESPONSE: self.first_response,
            Metric.NEXT_RESPONSE: self.next_response,
            Metric.PERIODIC_UPDATE: self.periodic_update,
            Metric.RESOLUTION: self.resolution,
        }[metric]

    @property
    def reference(self) -> str:
        """How people name the ticket: its external id, else ``#id``."""
        return ticket_reference(self.id, self.external_id)


def ticket_reference(ticket_id: int, external_id: str | None) -> str:
    """How people name a ticket everywhere (list, alerts, reports): its external id,
    else ``#id``."""
    return external_id or f"#{ticket_id}"


@dataclass(frozen=True, slots=True)
class NamedOption:
    """An id and the name people see (customers, teams, agents)."""

    id: int
    name: str


_FR = aliased(TicketClock, name="fr_clock")
_RES = aliased(TicketClock, name="res_clock")
_NR = aliased(TicketClock, name="nr_clock")
_PU = aliased(TicketClock, name="pu_clock")


def paused_left() -> Any:
    """The least ``remaining`` of the ticket's paused, unstopped clocks (NULL: none),
    correlated to ``tickets``: a column of the list and a key of its time-to-breach order."""
    return (
        select(func.min(TicketClock.remaining))
        .where(
            TicketClock.ticket_id == Ticket.id,
            TicketClock.stopped_at.is_(None),
            TicketClock.state == ClockState.PAUSED.value,
        )
        .correlate(Ticket)
        .scalar_subquery()
    )


def _cycle_columns(alias: Any) -> tuple[Any, ...]:
    return (
        alias.state,
        alias.due_at,
        alias.remaining,
        alias.target,
        alias.stopped_at,
        alias.risk_at,
        alias.at_risk,
    )


@cache
def row_select() -> Select[*tuple[Any, ...]]:
    """The list's columns and joins (built once: statements are immutable)."""
    return ola_join(
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
            ticket_calendar_id(),  # the customer calendar, if any
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
            *_cycle_columns(_NR),
            *_cycle_columns(_PU),
            paused_left().label("paused_left"),
            *OLA_COLUMNS,
            Ticket.next_due_position,
        )
        .select_from(Ticket)
        .outerjoin(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Team, Team.id == Ticket.team_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .outerjoin(PolicyVersion, PolicyVersion.id == Ticket.policy_version_id)
        .outerjoin(_FR, _clock_join(_FR, Metric.FIRST_RESPONSE))
        .outerjoin(_RES, _clock_join(_RES, Metric.RESOLUTION))
        .outerjoin(_NR, _latest_join(_NR, Metric.NEXT_RESPONSE))
        .outerjoin(_PU, _latest_join(_PU, Metric.PERIODIC_UPDATE))
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


def _latest_cycle(metric: Metric) -> Any:
    """The index of the metric's latest cycle (next response and periodic update have
    one per customer message or update)."""
    inner = aliased(TicketClock)
    return (
        select(func.max(inner.cycle_index))
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


def to_row(r: Any) -> TicketRow:
    """A result row of ``row_select`` (unpacked by position: named access is slow)."""
    (
        ticket_id, external_id, subject, requester, customer, team, assignee, assignee_id,
        priority, status, version, created_at, updated_at, evaluated_at, next_due_at,
        next_risk_at, sla_state, calendar_id,
        fr_state, fr_due, fr_remaining, fr_target, fr_stopped, fr_risk,
        res_state, res_due, res_remaining, res_target, res_stopped, res_risk,
        nr_state, nr_due, nr_remaining, nr_target, nr_stopped, nr_risk, nr_at_risk,
        pu_state, pu_due, pu_remaining, pu_target, pu_stopped, pu_risk, pu_at_risk,
        paused,
        ola_state, ola_due, ola_remaining, ola_target, ola_stopped, ola_risk, ola_at_risk,
        ola_team, ola_calendar_id, next_due_position,
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
        _NOT_MEASURED
        if nr_state is None
        else _cycle_snapshot(
            nr_state, nr_due, nr_remaining, nr_target, nr_stopped, nr_risk, nr_at_risk
        ),
        _NOT_MEASURED
        if pu_state is None
        else _cycle_snapshot(
            pu_state, pu_due, pu_remaining, pu_target, pu_stopped, pu_risk, pu_at_risk
        ),
        paused,
        _NOT_MEASURED
        if ola_state is None
        else _cycle_snapshot(
            ola_state, ola_due, ola_remaining, ola_target, ola_stopped, ola_risk, ola_at_risk
        ),
        ola_team,
        ola_calendar_id,
        next_due_position,
    )


def _cycle_snapshot(
    state: str,
    due_at: int | None,
    remaining: int | None,
    target: int | None,
    stopped_at: int | None,
    risk_at: int | None,
    at_risk: bool | None,
) -> ClockSnapshot:
    """A ``ticket_clocks`` row's snapshot (its ``at_risk`` flag is the summary's "at_risk")."""
    running_at_risk = state == ClockState.RUNNING.value and bool(at_risk)
    return _snapshot(
        "at_risk" if running_at_risk else state, due_at, remaining, target, stopped_at, risk_at
    )


def _latest_join(alias: Any, metric: Metric) -> Any:
    return and_(
        alias.ticket_id == Ticket.id,
        alias.metric == metric.value,
        alias.cycle_index == _latest_cycle(metric),
    )


def _clock_join(alias: Any, metric: Metric) -> Any:
    return and_(
        alias.ticket_id == Ticket.id,
        alias.metric == metric.value,
        alias.cycle_index == _single_cycle(metric),
    )


def fetch_ticket_row(session: Session, ticket_id: int) -> TicketRow | None:
    """One row by id (after an action changed the ticket)."""
    r = session.execute(row_select().where(Ticket.id == ticket_id)).first()
    return to_row(r) if r is not None else None


def list_options(session: Session) -> tuple[list[NamedOption], ...]:
    """Customers, teams and agents by name, for pickers."""
    out: list[list[NamedOption]] = []
    for model in (Customer, Team, Agent):
        rows = session.execute(select(model.id, model.name).order_by(func.lower(model.name)))
        out.append([NamedOption(r.id, r.name) for r in rows])
    return tuple(out)
