"""The ticket workbench's use cases, Qt-free: pages, pickers, one ticket's view, actions.

The window runs these through the task runner (reads on the general pool, actions on
the single writer), except ``load_page``: one indexed page (keyset paging, see
``store.ticket_queries``) is fast enough to fetch on the GUI thread when the list scrolls.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from slaworkbench.app.tickets import actions as tickets
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.explain import Explanation, explain_cycle
from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.policies.versions import load_policy_version
from slaworkbench.store.schema import Calendar
from slaworkbench.store.tickets.detail import TicketDetail, fetch_ticket_detail
from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import TicketQuery, View
from slaworkbench.store.tickets.rows import NamedOption, TicketRow, fetch_ticket_row, list_options
from slaworkbench.store.workspace import Workspace

log = logging.getLogger(__name__)


def load_page(
    ws: Workspace, query: TicketQuery, after: TicketRow | int | None, limit: int, *, now: int
) -> list[TicketRow]:
    """One page of the list: the rows after ``after`` (the last row already shown, or
    ``None`` for the first page), or, given an int, at that offset (the slow way)."""
    with ws.session() as session:
        if isinstance(after, int):
            return list_tickets(session, query, now=now, offset=after, limit=limit)
        return list_tickets(session, query, now=now, after=after, limit=limit)


def load_calendars(ws: Workspace) -> dict[int, BusinessCalendar]:
    """Every calendar by id (a workspace has a handful), for business-time countdowns."""
    calendars: dict[int, BusinessCalendar] = {}
    with ws.session() as session:
        for calendar_id, spec in session.execute(select(Calendar.id, Calendar.spec)):
            try:
                calendars[calendar_id] = BusinessCalendar.from_dict(json.loads(spec))
            except (ValueError, TypeError) as error:
                log.warning(
                    "Calendar %s cannot be read (%s); its countdowns use wall time",
                    calendar_id,
                    error,
                )
    return calendars


# --- the dashboard's filter, in words --------------------------------------------------


def _metric_name(metric: Metric | None) -> str:
    if metric is None:
        return tr("a clock")
    return {
        Metric.FIRST_RESPONSE: tr("first response"),
        Metric.NEXT_RESPONSE: tr("next response"),
        Metric.PERIODIC_UPDATE: tr("periodic update"),
        Metric.RESOLUTION: tr("resolution"),
    }[metric]


def _priority_name(priority: Priority) -> str:
    return {
        Priority.URGENT: tr("urgent"),
        Priority.HIGH: tr("high"),
        Priority.NORMAL: tr("normal"),
        Priority.LOW: tr("low"),
    }[priority]


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _months() -> tuple[str, ...]:
    return tuple(tr(m) for m in _MONTHS)


def _day(when: dt.datetime, *, year: bool = False) -> str:
    text = f"{when.day} {_months()[when.month - 1]}"
    return f"{text} {when.year}" if year else text


def _moment(when: dt.datetime) -> str:
    return f"{_day(when)} {when:%H:%M}"


def describe_span(start: int | None, end: int | None, tz: dt.tzinfo) -> str:
    """``[start, end)`` in words: ``1–7 Mar`` for whole local days, else with times."""
    if start is None and end is None:
        return ""
    if start is None:
        assert end is not None
        return tr("before {t}").format(t=_moment(dt.datetime.fromtimestamp(end, tz)))
    a = dt.datetime.fromtimestamp(start, tz)
    if end is None:
        return tr("from {t}").format(t=_moment(a))
    b = dt.datetime.fromtimestamp(end, tz)
    if a.time() == dt.time(0) and b.time() == dt.time(0) and b > a:
        last = (b - dt.timedelta(days=1)).date()
        first = a.date()
        if first == last:
            return _day(a)
        if first.year != last.year:
            return f"{_day(a, year=True)} – {_day(b - dt.timedelta(days=1), year=True)}"
        if first.month == last.month:
            return f"{first.day}–{_day(b - dt.timedelta(days=1))}"
        return f"{_day(a)} – {_day(b - dt.timedelta(days=1))}"
    if a.date() == b.date():
        return f"{_moment(a)}–{b:%H:%M}"
    return f"{_moment(a)} – {_moment(b)}"


def describe_ticket_filter(query: TicketQuery, *, tz: str | None = None) -> str:
    """The dashboard filter of ``query`` in words, e.g. "Breached first response, team
    Network, 1–7 Mar" ("" when the query has none). ``tz``: the dashboard's zone (IANA
    name), else the computer's."""
    if not query.has_dashboard_filter:
        return ""
    zone: dt.tzinfo = ZoneInfo(tz) if tz else (dt.datetime.now().astimezone().tzinfo or dt.UTC)
    parts: list[str] = []
    clock = query.clock
    if query.view is View.ALL_OPEN:
        parts.append(tr("open tickets"))
    if clock is not None:
        metric = _metric_name(clock.metric)
        if clock.breached:
            parts.append(tr("breached {metric}").format(metric=metric))
        if clock.elapsed_from is not None or clock.elapsed_to is not None:
            low = format_duration(clock.elapsed_from or 0)
            if clock.elapsed_to is None:
                took = tr("{metric} took {low} or more").format(metric=metric, low=low)
            else:
                took = tr("{metric} took {low}–{high}").format(
                    metric=metric, low=low, high=format_duration(clock.elapsed_to)
                )
            parts.append(took)
        if clock.running:
            parts.append(
                tr("{metric} due {span}").format(
                    metric=metric,
                    span=describe_span(
                        None if clock.due_after is None else clock.due_after + 1,
                        None if clock.due_until is None else clock.due_until + 1,
                        zone,
                    ),
                )
            )
        measured = clock.elapsed_from is not None or clock.elapsed_to is not None
        if not (clock.breached or clock.running or measured):
            parts.append(metric)
    for priority in query.priorities:
        parts.append(tr("{priority} priority").format(priority=_priority_name(priority)))
    if query.without_team:
        parts.append(tr("no team"))
    elif query.team_name:
        parts.append(tr("team {name}").format(name=query.team_name))
    if query.without_customer:
        parts.append(tr("no customer"))
    elif query.customer_name:
        parts.append(tr("customer {name}").format(name=query.customer_name))
    if query.due_from is not None or query.due_before is not None:
        parts.append(
            tr("next due {span}").format(span=describe_span(query.due_from, query.due_before, zone))
        )
    if clock is not None and (clock.stopped_from is not None or clock.stopped_to is not None):
        span = describe_span(clock.stopped_from, clock.stopped_to, zone)
        parts.append(span if clock.breached else tr("stopped {span}").format(span=span))
    text = ", ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class PickerOptions:
    customers: tuple[NamedOption, ...] = ()
    teams: tuple[NamedOption, ...] = ()
    agents: tuple[NamedOption, ...] = ()

    def agent_named(self, name: str | None) -> NamedOption | None:
        return next((a for a in self.agents if a.name == name), None)


def load_options(ws: Workspace) -> PickerOptions:
    with ws.session() as session:
        customers, teams, agents = list_options(session)
    return PickerOptions(tuple(customers), tuple(teams), tuple(agents))


# --- one ticket ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TicketView:
    """What the detail pane shows: the stored ticket and, per cycle, why it is due then."""

    detail: TicketDetail
    explanations: Mapping[tuple[Metric, int], Explanation] = field(default_factory=dict)
    """``explain_cycle`` results by (metric, cycle index); absent when not explainable."""
    explain_problem: str | None = None


def load_ticket_view(ws: Workspace, ticket_id: int, *, now: int) -> TicketView:
    with ws.session() as session:
        detail = fetch_ticket_detail(session, ticket_id)
        if detail is None:
            raise LookupError(
                tr("Ticket #{id} no longer exists; refresh the list.").format(id=ticket_id)
            )
        policy = None
        problem = None
        if detail.policy_version_id is not None:
            try:
                policy = load_policy_version(session, detail.policy_version_id)
            except (LookupError, ValueError) as error:
                problem = str(error)
    explanations: dict[tuple[Metric, int], Explanation] = {}
    if policy is not None:
        events = [e.to_event() for e in detail.events]
        for clock in detail.clocks:
            try:
                explanations[(clock.metric, clock.index)] = explain_cycle(
                    clock, events, policy, now
                )
            except (ValueError, LookupError) as error:
                problem = str(error)
    return TicketView(detail, explanations, problem)


# --- actions ------------------------------------------------------------------------------


class ActionKind(StrEnum):
    AGENT_REPLY = "agent_reply"
    CUSTOMER_REPLY = "customer_reply"
    INTERNAL_NOTE = "internal_note"
    STATUS = "status"
    PRIORITY = "priority"
    ASSIGN = "assign"


@dataclass(frozen=True, slots=True)
class TicketAction:
    """One change a person asks for in the detail pane."""

    kind: ActionKind
    ticket_id: int
    expected_version: int
    text: str = ""
    status: Status | None = None
    priority: Priority | None = None
    assignee: str | None = None
    """The agent's name (``None`` unassigns)."""


def describe_action(action: TicketAction) -> str:
    return {
        ActionKind.AGENT_REPLY: tr("Reply"),
        ActionKind.CUSTOMER_REPLY: tr("Log customer reply"),
        ActionKind.INTERNAL_NOTE: tr("Internal note"),
        ActionKind.STATUS: tr("Change status"),
        ActionKind.PRIORITY: tr("Change priority"),
        ActionKind.ASSIGN: tr("Assign"),
    }[action.kind]


def perform_action(ws: Workspace, action: TicketAction, *, author: str, now: int) -> TicketRow:
    """Apply the action through the ticket services (which re-evaluate the clocks),
    then return the ticket's fresh row for the list."""
    common: dict[str, Any] = {
        "author": author,
        "expected_version": action.expected_version,
        "now": now,
    }
    tid = action.ticket_id
    if action.kind in (ActionKind.AGENT_REPLY, ActionKind.CUSTOMER_REPLY, ActionKind.INTERNAL_NOTE):
        if not action.text.strip():
            raise ValueError(tr("Write something first; an empty message was not sent."))
        service = {
            ActionKind.AGENT_REPLY: tickets.agent_reply,
            ActionKind.CUSTOMER_REPLY: tickets.customer_reply,
            ActionKind.INTERNAL_NOTE: tickets.internal_note,
        }[action.kind]
        service(ws, tid, action.text, **common)
    elif action.kind is ActionKind.STATUS:
        assert action.status is not None
        tickets.change_status(ws, tid, action.status, **common)
    elif action.kind is ActionKind.PRIORITY:
        assert action.priority is not None
        tickets.change_priority(ws, tid, action.priority, **common)
    else:
        tickets.assign(ws, tid, action.assignee, **common)
    return reload_row(ws, tid)


def reload_row(ws: Workspace, ticket_id: int) -> TicketRow:
    with ws.session() as session:
        row = fetch_ticket_row(session, ticket_id)
    if row is None:
        raise LookupError(
            tr("Ticket #{id} no longer exists; refresh the list.").format(id=ticket_id)
        )
    return row
