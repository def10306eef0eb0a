"""The ticket workbench's use cases, Qt-free: pages, pickers, one ticket's view, actions.

The window runs these through the task runner (reads on the general pool, actions on
the single writer), except ``load_page``: one indexed page (keyset paging, see
``store.ticket_queries``) is fast enough to fetch on the GUI thread when the list scrolls.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from slaworkbench.app.agreements.ticket_view import calendar_named
from slaworkbench.app.tickets import actions as tickets
from slaworkbench.app.tickets.edits import AppliedEdit, FieldValues, apply_edit, undo_edit
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.explain import Explanation, explain_cycle
from slaworkbench.domain.clock.readings import BusinessTime, is_running_reading, remaining_at
from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.domain.policy import Policy
from slaworkbench.i18n import tr
from slaworkbench.store.agreements.calendars import for_customer
from slaworkbench.store.ola.ticket import OlaCycleRow, fetch_ticket_olas
from slaworkbench.store.policies.versions import load_policy_version
from slaworkbench.store.schema import Calendar, Ticket
from slaworkbench.store.tickets.detail import TicketDetail, fetch_ticket_detail
from slaworkbench.store.tickets.filters import count_each
from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import TicketQuery, View
from slaworkbench.store.tickets.rows import NamedOption, TicketRow, fetch_ticket_row, list_options
from slaworkbench.store.workspace import Workspace

log = logging.getLogger(__name__)


def load_page(
    ws: Workspace, query: TicketQuery, after: TicketRow | None, limit: int, *, now: int
) -> list[TicketRow]:
    """One page of the list: the rows after ``after`` (the last row already shown, or
    ``None`` for the first page)."""
    with ws.session() as session:
        return list_tickets(session, query, now=now, after=after, limit=limit)


@dataclass(frozen=True, slots=True)
class ViewCounts:
    """The tickets in each view at one instant, from one statement (one snapshot)."""

    by_view: Mapping[View, int]
    at: int


def count_views(
    ws: Workspace, views: Sequence[View], *, me_agent_id: int | None, now: int
) -> ViewCounts:
    """How many tickets each view lists now: the one source of every count the window
    shows (the sidebar's and the status bar's)."""
    with ws.session() as session:
        counts = count_each(
            session,
            {view: TicketQuery(view=view, me_agent_id=me_agent_id) for view in views},
            now=now,
        )
    return ViewCounts(counts, now)


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


@dataclass(frozen=True, slots=True)
class PickerOptions:
    customers: tuple[NamedOption, ...] = ()
    teams: tuple[NamedOption, ...] = ()
    agents: tuple[NamedOption, ...] = ()


def load_contacts(ws: Workspace) -> list[str]:
    """The requesters the workspace knows (every distinct one on a ticket), sorted."""
    with ws.session() as session:
        names = session.execute(
            select(Ticket.requester).where(Ticket.requester.is_not(None)).distinct()
        ).scalars()
        return sorted({name for name in names if name})


def load_options(ws: Workspace) -> PickerOptions:
    with ws.session() as session:
        customers, teams, agents = list_options(session)
    return PickerOptions(tuple(customers), tuple(teams), tuple(agents))


# --- one ticket ---------------------------------------------------------------------------


EXPLAIN_KEEP = 6
"""Segments told in full at each end of an explanation; the rest is one summary line,
so a ticket open for years explains itself in a few lines."""


@dataclass(frozen=True, slots=True)
class TicketView:
    """What the detail pane shows: the stored ticket and, per cycle, why it is due then."""

    detail: TicketDetail
    explanations: Mapping[tuple[Metric, int], Explanation] = field(default_factory=dict)
    """``explain_cycle`` results by (metric, cycle index); absent when not explainable."""
    explain_problem: str | None = None
    ola: tuple[OlaCycleRow, ...] = ()
    """The ticket's OLA cycles (``store.ola.ticket``), running ones read at ``now``."""


def load_ticket_view(
    ws: Workspace,
    ticket_id: int,
    *,
    now: int,
    calendars: Mapping[int, BusinessCalendar] | None = None,
) -> TicketView:
    """The stored ticket and its bounded explanations (runs on a worker thread).

    ``calendars`` (by id, as the window holds them) lets the explanation reuse a
    calendar whose working time is already built: a fresh calendar builds its years on
    first use, tens of milliseconds for a ticket open since 2012."""
    problem = None
    judged_by: dict[int, Policy] = {}  # policy_versions.id -> as it judges this ticket
    with ws.session() as session:
        detail = fetch_ticket_detail(session, ticket_id)
        if detail is None:
            raise LookupError(
                tr("Ticket #{id} no longer exists; refresh the list.").format(id=ticket_id)
            )
        ola = fetch_ticket_olas(session, ticket_id, now)
        # A stopped cycle is explained by the version that judged it (its calendar and
        # target), not the one that judges the ticket now.
        versions = {v for v in detail.clock_versions if v is not None}
        if detail.policy_version_id is not None:
            versions.add(detail.policy_version_id)
        for version_id in sorted(versions):
            try:
                loaded = load_policy_version(session, version_id)
                judged_by[version_id] = for_customer(session, loaded, detail.customer_id)
            except (LookupError, ValueError) as error:
                problem = str(error)
        current = judged_by.get(detail.policy_version_id or -1)
        if current is not None:
            detail = calendar_named(detail, current.calendar)
    known = (calendars or {}).get(detail.row.calendar_id or -1)
    if known is not None:
        for version_id, policy in list(judged_by.items()):
            loaded_calendar = policy.calendar
            if (
                isinstance(loaded_calendar, BusinessCalendar)
                and loaded_calendar.to_dict() == known.to_dict()
            ):
                judged_by[version_id] = replace(policy, calendar=known)
    current = judged_by.get(detail.policy_version_id or -1)
    explanations: dict[tuple[Metric, int], Explanation] = {}
    events = [e.to_event() for e in detail.events]
    versions_of_clocks = detail.clock_versions or (None,) * len(detail.clocks)
    for clock, judged in zip(detail.clocks, versions_of_clocks, strict=True):
        by = judged_by.get(judged if judged is not None else -1) or current
        if by is None:
            continue
        try:
            explanations[(clock.metric, clock.index)] = explain_cycle(
                clock, events, by, now, keep=EXPLAIN_KEEP
            )
        except (ValueError, LookupError) as error:
            problem = str(error)
    return TicketView(detail, explanations, problem, ola)


def read_clocks_live(view: TicketView, calendar: BusinessTime | None, now: int) -> None:
    """Read every running clock of ``view`` on ``calendar`` at ``now`` once.

    The detail pane reads them again on the GUI thread; a calendar builds its working
    time year by year on first use (tens of milliseconds for a ticket open since 2012),
    so the worker that loaded the ticket does that first reading."""
    for clock in view.detail.clocks:
        if is_running_reading(clock.state, clock.stopped_at, clock.due_at):
            assert clock.due_at is not None
            remaining_at(calendar, clock.due_at, now)


# --- actions ------------------------------------------------------------------------------


class ActionKind(StrEnum):
    AGENT_REPLY = "agent_reply"
    CUSTOMER_REPLY = "customer_reply"
    INTERNAL_NOTE = "internal_note"
    STATUS = "status"
    PRIORITY = "priority"
    ASSIGN = "assign"
    EDIT = "edit"
    """Several staged fields at once (``TicketAction.fields``)."""


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
    fields: FieldValues | None = None
    """For ``EDIT``: the staged status, priority, assignee and team."""


@dataclass(frozen=True, slots=True)
class BulkAction:
    """One edit of several tickets a person selected (``edits.apply_bulk_edit``)."""

    targets: tuple[tuple[int, int], ...]
    """Each ticket's id and the version the list showed."""
    fields: FieldValues


def describe_action(action: TicketAction) -> str:
    return {
        ActionKind.AGENT_REPLY: tr("Reply"),
        ActionKind.CUSTOMER_REPLY: tr("Log customer reply"),
        ActionKind.INTERNAL_NOTE: tr("Internal note"),
        ActionKind.STATUS: tr("Change status"),
        ActionKind.PRIORITY: tr("Change priority"),
        ActionKind.ASSIGN: tr("Assign"),
        ActionKind.EDIT: tr("Submit changes"),
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
    elif action.kind is ActionKind.EDIT:
        return submit_edit(ws, action, author=author, now=now)[1]
    else:
        tickets.assign(ws, tid, action.assignee, **common)
    return reload_row(ws, tid)


def submit_edit(
    ws: Workspace, action: TicketAction, *, author: str, now: int
) -> tuple[AppliedEdit, TicketRow]:
    """Write an ``EDIT`` action's staged fields as one change; the edit (for Undo) and
    the ticket's fresh row."""
    if action.fields is None or action.fields.is_empty():
        raise ValueError(
            tr("Nothing changed: pick a new status, priority, assignee or team first.")
        )
    edit = apply_edit(
        ws,
        action.ticket_id,
        action.fields,
        author=author,
        expected_version=action.expected_version,
        now=now,
    )
    return edit, reload_row(ws, action.ticket_id)


def undo_last_edit(
    ws: Workspace, edit: AppliedEdit, *, author: str, now: int
) -> tuple[AppliedEdit, TicketRow]:
    """Take ``edit`` back (compensating events, ``edits.undo_edit``); the fresh row."""
    undone = undo_edit(ws, edit, author=author, now=now)
    return undone, reload_row(ws, edit.ticket_id)


def reload_row(ws: Workspace, ticket_id: int) -> TicketRow:
    with ws.session() as session:
        row = fetch_ticket_row(session, ticket_id)
    if row is None:
        raise LookupError(
            tr("Ticket #{id} no longer exists; refresh the list.").format(id=ticket_id)
        )
    return row
