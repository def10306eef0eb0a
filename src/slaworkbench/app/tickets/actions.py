"""Ticket use cases: create, reply, note, change status or priority, assign (Qt-free).

Each action runs in one write transaction: it checks the caller's ``expected_version``
(optimistic locking), appends events to the log, updates the ticket's columns, bumps
its ``version`` and re-evaluates that ticket's clocks with the policy ``select_policy``
picks, so the list shows the new countdown at once. Bad input raises a sentence and
writes nothing. ``now`` (epoch seconds) is injectable for tests; it defaults to the
real time. Input checks and name look-ups are in ``ticket_inputs``, the shared write
steps (events, ``solved_at``, clocks) in ``ticket_writes``.

Status rules, as Zendesk users expect them:
- a ``customer_reply`` to a ``pending`` or ``solved`` ticket reopens it (``open``), the
  reopen logged before the reply, so the reply starts a ``next_response`` cycle;
- an ``agent_reply`` may set the status in the same step (``status=``, "submit as");
- a ``closed`` ticket cannot change any more.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from slaworkbench.app.tickets.inputs import (
    agent_id_for,
    clean_text,
    customer_id_for,
    parse_choice,
    required_text,
    team_id_for,
)
from slaworkbench.app.tickets.writes import (
    append_events,
    evaluate_clocks,
    solved_at_columns,
    status_columns,
)
from slaworkbench.domain.labels import status_label
from slaworkbench.domain.model import (
    EventType,
    Priority,
    Status,
    TicketEvaluation,
)
from slaworkbench.i18n import tr
from slaworkbench.store.analytics.rollup import rollup_kept
from slaworkbench.store.errors import NotFoundError, StaleTicketError, ValidationError
from slaworkbench.store.schema import Ticket, TicketEvent, join_tags
from slaworkbench.store.workspace import Workspace


@dataclass(frozen=True, slots=True)
class NewTicket:
    subject: str
    priority: Priority = Priority.NORMAL
    requester: str | None = None
    customer: str | None = None
    """A customer (organisation) name; a new name creates the customer."""
    team: str | None = None
    assignee: str | None = None
    category: str | None = None
    channel: str | None = None
    tags: frozenset[str] = frozenset()
    description: str | None = None
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class TicketChange:
    """The outcome of an action: the ticket's new version and its clocks."""

    ticket_id: int
    version: int
    evaluation: TicketEvaluation

    @property
    def sla_note(self) -> str | None:
        """A sentence when no SLA applies, ``None`` when one does."""
        if self.evaluation.has_policy:
            return None
        return tr(
            "No SLA policy applies to ticket #{id}: no active policy matches its attributes."
        ).format(id=self.ticket_id)


def _now(now: int | None) -> int:
    return int(time.time()) if now is None else int(now)


# --- creating ----------------------------------------------------------------------------


def create_ticket(
    workspace: Workspace, ticket: NewTicket, *, author: str, now: int | None = None
) -> int:
    """Create a ticket (status ``new``) with its ``created`` event; returns its id."""
    return create_ticket_with_clocks(workspace, ticket, author=author, now=now).ticket_id


def create_ticket_with_clocks(
    workspace: Workspace, ticket: NewTicket, *, author: str, now: int | None = None
) -> TicketChange:
    at = _now(now)
    subject = clean_text(ticket.subject)
    if subject is None:
        raise ValidationError(tr("Give the ticket a subject before creating it."))
    priority = Priority(ticket.priority)
    with workspace.session(write=True) as session:
        customer_id = customer_id_for(session, clean_text(ticket.customer))
        team_id = team_id_for(session, clean_text(ticket.team))
        assignee_id = agent_id_for(session, clean_text(ticket.assignee))
        external_id = clean_text(ticket.external_id)
        if (
            external_id is not None
            and session.execute(select(Ticket.id).where(Ticket.external_id == external_id)).first()
        ):
            raise ValidationError(
                tr("A ticket with the external id {id} already exists; open that one.").format(
                    id=external_id
                )
            )
        ticket_id = session.execute(
            insert(Ticket)
            .values(
                external_id=external_id,
                subject=subject,
                requester=clean_text(ticket.requester),
                customer_id=customer_id,
                team_id=team_id,
                assignee_id=assignee_id,
                category=clean_text(ticket.category),
                channel=clean_text(ticket.channel),
                tags=join_tags(ticket.tags),
                priority=priority.value,
                status=Status.NEW.value,
                created_at=at,
                updated_at=at,
                version=1,
            )
            .returning(Ticket.id)
        ).scalar_one()
        events: list[dict[str, Any]] = [
            {
                "type": EventType.CREATED,
                "status": Status.NEW,
                "priority": priority,
                "value": clean_text(ticket.description),
            }
        ]
        if ticket.assignee:
            events.append({"type": EventType.ASSIGNED, "value": clean_text(ticket.assignee)})
        append_events(session, ticket_id, at, author, events)
        evaluation = evaluate_clocks(session, ticket_id, at)
    return TicketChange(ticket_id, 1, evaluation)


# --- changing ----------------------------------------------------------------------------


def agent_reply(
    workspace: Workspace,
    ticket_id: int,
    text: str,
    *,
    author: str,
    expected_version: int,
    status: Status | None = None,
    now: int | None = None,
) -> TicketChange:
    """A public reply from an agent; ``status`` optionally changes the status with it."""
    body = required_text(text, tr("Write the reply before sending it."))

    def plan(row: Ticket) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        events: list[dict[str, Any]] = [{"type": EventType.AGENT_REPLY, "value": body}]
        changes: dict[str, Any] = {}
        target = Status(status) if status is not None else None
        if target is None and row.status == Status.NEW:
            target = Status.OPEN
        if target is not None and target.value != row.status:
            events.append({"type": EventType.STATUS_CHANGED, "status": target})
            changes.update(status_columns(target))
        return events, changes

    return change_ticket(workspace, ticket_id, expected_version, author, now, plan)


def customer_reply(
    workspace: Workspace,
    ticket_id: int,
    text: str,
    *,
    author: str,
    expected_version: int,
    now: int | None = None,
) -> TicketChange:
    """A reply from the customer; reopens a pending or solved ticket."""
    body = required_text(text, tr("Write the customer's reply before adding it."))

    def plan(row: Ticket) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        # The reopen is logged first: the reply then comes to an open ticket and starts
        # a next_response cycle like any other reply awaiting an answer.
        events: list[dict[str, Any]] = []
        changes: dict[str, Any] = {}
        if row.status in (Status.PENDING.value, Status.SOLVED.value):
            events.append({"type": EventType.STATUS_CHANGED, "status": Status.OPEN})
            changes.update(status_columns(Status.OPEN))
        events.append({"type": EventType.CUSTOMER_REPLY, "value": body})
        return events, changes

    return change_ticket(workspace, ticket_id, expected_version, author, now, plan)


def internal_note(
    workspace: Workspace,
    ticket_id: int,
    text: str,
    *,
    author: str,
    expected_version: int,
    now: int | None = None,
) -> TicketChange:
    """A note only agents see; it starts or stops no clock."""
    body = required_text(text, tr("Write the note before saving it."))

    def plan(_row: Ticket) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        return [{"type": EventType.INTERNAL_NOTE, "value": body}], {}

    return change_ticket(workspace, ticket_id, expected_version, author, now, plan)


def change_status(
    workspace: Workspace,
    ticket_id: int,
    status: Status | str,
    *,
    author: str,
    expected_version: int,
    now: int | None = None,
) -> TicketChange:
    target = parse_choice(Status, status, tr("'{value}' is not a status; use {known}."))

    def plan(row: Ticket) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        if row.status == target.value:
            raise ValidationError(
                tr("Ticket #{id} is already {status}.").format(
                    id=row.id, status=status_label(target).lower()
                )
            )
        if target is Status.NEW:
            raise ValidationError(
                tr("A ticket cannot go back to new; choose open, pending or on hold.")
            )
        return [{"type": EventType.STATUS_CHANGED, "status": target}], status_columns(target)

    return change_ticket(workspace, ticket_id, expected_version, author, now, plan)


def change_priority(
    workspace: Workspace,
    ticket_id: int,
    priority: Priority | str,
    *,
    author: str,
    expected_version: int,
    now: int | None = None,
) -> TicketChange:
    """Re-targets every unfinished clock from its original start (SLA_SEMANTICS)."""
    target = parse_choice(Priority, priority, tr("'{value}' is not a priority; use {known}."))

    def plan(row: Ticket) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        if row.priority == target.value:
            raise ValidationError(
                tr("Ticket #{id} already has priority {priority}.").format(
                    id=row.id, priority=target.value
                )
            )
        events = [{"type": EventType.PRIORITY_CHANGED, "priority": target}]
        return events, {"priority": target.value}

    return change_ticket(workspace, ticket_id, expected_version, author, now, plan)


def assign(
    workspace: Workspace,
    ticket_id: int,
    assignee: str | None,
    *,
    author: str,
    expected_version: int,
    now: int | None = None,
) -> TicketChange:
    """Assign the ticket to an agent by name (``None`` unassigns it)."""
    name = clean_text(assignee)

    def plan(row: Ticket) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        session = Session.object_session(row)
        assert session is not None
        agent_id = agent_id_for(session, name)
        if agent_id == row.assignee_id:
            raise ValidationError(
                tr("Ticket #{id} is already assigned that way.").format(id=row.id)
            )
        return [{"type": EventType.ASSIGNED, "value": name}], {"assignee_id": agent_id}

    return change_ticket(workspace, ticket_id, expected_version, author, now, plan)


# --- the shared path ---------------------------------------------------------------------


def change_ticket(
    workspace: Workspace,
    ticket_id: int,
    expected_version: int,
    author: str,
    now: int | None,
    plan: Any,
) -> TicketChange:
    """The shared path of every change: check the author, the version and the ticket's
    state, then write ``plan(row)``'s events and columns in one transaction."""
    at = _now(now)
    check_author(author)
    with workspace.session(write=True) as session:
        change = change_in(session, ticket_id, expected_version, author, at, plan)
    assert change is not None  # a single change's plan refuses to be empty
    return change


def check_author(author: str) -> None:
    if not author or not author.strip():
        raise ValidationError(tr("Say who is making the change: the author cannot be empty."))


def change_in(
    session: Session,
    ticket_id: int,
    expected_version: int,
    author: str,
    at: int,
    plan: Any,
    *,
    evaluate: bool = True,
) -> TicketChange | None:
    """``change_ticket``'s checks and writes in the caller's transaction (several tickets
    changed as one: ``edits.apply_bulk_edit``, which evaluates them together after, as
    ``evaluate=False`` leaves to it; the change's evaluation is then empty); ``None``, and
    nothing written, when ``plan(row)`` has no event for the ticket."""
    row = session.get(Ticket, ticket_id)
    if row is None:
        raise NotFoundError(
            tr("Ticket #{id} does not exist (any more); reload the list.").format(id=ticket_id)
        )
    if row.version != expected_version:
        raise _stale(session, ticket_id)
    if row.status == Status.CLOSED.value:
        raise ValidationError(
            tr(
                "Ticket #{id} is closed and can no longer be changed; create a follow-up "
                "ticket instead."
            ).format(id=ticket_id)
        )
    last_at = session.execute(
        select(func.max(TicketEvent.at)).where(TicketEvent.ticket_id == ticket_id)
    ).scalar()
    if last_at is not None and at < last_at:
        raise ValidationError(
            tr(
                "The change is dated before the ticket's last event; check the computer's "
                "clock and try again."
            )
        )
    events, changes = plan(row)
    session.expunge(row)
    if not events:
        return None
    # The rollup counts stopped clocks under the ticket's priority, team and
    # customer: one delta across the column change and the evaluation.
    with rollup_kept(session.connection(), [ticket_id]):
        result = session.execute(
            update(Ticket)
            .where(Ticket.id == ticket_id, Ticket.version == expected_version)
            .values(
                updated_at=at,
                version=Ticket.version + 1,
                **changes,
                **solved_at_columns(changes, at),
            )
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise _stale(session, ticket_id)
        append_events(session, ticket_id, at, author.strip(), events)
        if not evaluate:  # the caller evaluates this ticket with others
            return TicketChange(
                ticket_id, expected_version + 1, TicketEvaluation(at, None, None, None)
            )
        evaluation = evaluate_clocks(session, ticket_id, at)
    return TicketChange(ticket_id, expected_version + 1, evaluation)


def _stale(session: Session, ticket_id: int) -> StaleTicketError:
    """The refusal of a stale change, naming who wrote the ticket's last event and when."""
    last = session.execute(
        select(TicketEvent.author, TicketEvent.at)
        .where(TicketEvent.ticket_id == ticket_id)
        .order_by(TicketEvent.at.desc(), TicketEvent.seq.desc())
        .limit(1)
    ).first()
    if last is None:
        return StaleTicketError(ticket_id)
    return StaleTicketError(ticket_id, last.author, int(last.at))
