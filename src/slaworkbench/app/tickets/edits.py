"""Staged field edits and their undo (Qt-free).

The detail pane stages status, priority, assignee and team changes and applies them with
one Submit: ``apply_edit`` writes them as one change — one transaction, one version, one
event per field. A team change is a move to another team: the ``field_changed`` event on
the field ``team`` that OLA cycles follow (docs/SLA_SEMANTICS.md, "Team agreements"),
written after ``record_original_team`` (``app.tickets.writes``) and re-evaluating the
ticket's SLA clocks and OLA cycles in the same transaction. For ``UNDO_SECONDS`` after
that, ``undo_edit`` takes them back by appending compensating events (status back,
priority back, assignee back, moved back); history is never edited. The log does not
allow every undo: a ticket changed since (by anyone), a ticket closed by the edit, or a
status that cannot come back (``new``) refuse with a sentence, and so does an undo asked
for too late. A move needs a role that may move tickets (``app.permissions``: agents
may).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from slaworkbench.app.permissions import Role, require
from slaworkbench.app.tickets.actions import change_in, change_ticket, check_author
from slaworkbench.app.tickets.inputs import agent_id_for, clean_text, team_id_for
from slaworkbench.app.tickets.writes import (
    evaluate_clocks_of,
    record_original_team,
    status_columns,
    team_move,
)
from slaworkbench.domain.model import EventType, Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.analytics.rollup import rollup_kept
from slaworkbench.store.errors import StaleTicketError, ValidationError
from slaworkbench.store.schema import Agent, Team, Ticket
from slaworkbench.store.workspace import Workspace

UNDO_SECONDS = 10
"""How long after an applied edit Undo may take it back."""


@dataclass(frozen=True, slots=True)
class FieldValues:
    """Some of a ticket's status, priority, assignee and team (``None``: not part of it)."""

    status: Status | None = None
    priority: Priority | None = None
    assignee: str | None = None
    """The agent's name; ``""`` means unassigned, ``None`` that the assignee is not part."""
    team: str | None = None
    """The team's name; ``""`` means no team, ``None`` that the team is not part."""

    def is_empty(self) -> bool:
        return (
            self.status is None
            and self.priority is None
            and self.assignee is None
            and self.team is None
        )


@dataclass(frozen=True, slots=True)
class AppliedEdit:
    """An edit that was written: what the fields were and became, and when."""

    ticket_id: int
    version: int
    """The ticket's version right after the edit (an undo expects exactly this one)."""
    at: int
    before: FieldValues
    after: FieldValues


def _plan(
    session: Session, row: Ticket, wanted: FieldValues, *, undo: bool, empty_ok: bool = False
) -> tuple[list[dict[str, Any]], dict[str, Any], FieldValues]:
    """The events and columns that bring ``row`` to ``wanted``, and the values before;
    none when it has them already and ``empty_ok`` (one of several tickets), else a
    refusal."""
    events: list[dict[str, Any]] = []
    columns: dict[str, Any] = {}
    before = FieldValues()
    if wanted.status is not None and wanted.status.value != row.status:
        if wanted.status is Status.NEW:
            raise ValidationError(
                tr("This cannot be undone: a ticket cannot go back to new.")
                if undo
                else tr("A ticket cannot go back to new; choose open, pending or on hold.")
            )
        events.append({"type": EventType.STATUS_CHANGED, "status": wanted.status})
        columns.update(status_columns(wanted.status))
        before = FieldValues(status=Status(row.status))
    if wanted.priority is not None and wanted.priority.value != row.priority:
        events.append({"type": EventType.PRIORITY_CHANGED, "priority": wanted.priority})
        columns["priority"] = wanted.priority.value
        before = FieldValues(before.status, Priority(row.priority))
    if wanted.assignee is not None:
        name = clean_text(wanted.assignee)
        agent_id = agent_id_for(session, name)
        if agent_id != row.assignee_id:
            current = session.get(Agent, row.assignee_id) if row.assignee_id is not None else None
            events.append({"type": EventType.ASSIGNED, "value": name})
            columns["assignee_id"] = agent_id
            before = FieldValues(before.status, before.priority, current.name if current else "")
    if wanted.team is not None:
        name = clean_text(wanted.team)
        team_id = team_id_for(session, name)
        if team_id != row.team_id:
            team = session.get(Team, row.team_id) if row.team_id is not None else None
            record_original_team(session, row)
            events.append(team_move(name))
            columns["team_id"] = team_id
            before = FieldValues(
                before.status, before.priority, before.assignee, team.name if team else ""
            )
    if not events and not empty_ok:
        raise ValidationError(
            tr("Nothing to undo: the ticket already has those values.")
            if undo
            else tr("Nothing changed: pick a new status, priority, assignee or team first.")
        )
    return events, columns, before


def _write(
    ws: Workspace,
    ticket_id: int,
    expected_version: int,
    wanted: FieldValues,
    *,
    author: str,
    now: int,
    undo: bool,
) -> AppliedEdit:
    if wanted.team is not None:
        require(ws, Role.AGENT, tr("move a ticket to another team"))
    result: dict[str, FieldValues] = {}

    def plan(row: Ticket) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        session = Session.object_session(row)
        assert session is not None
        events, columns, before = _plan(session, row, wanted, undo=undo)
        result["before"] = before
        return events, columns

    change = change_ticket(ws, ticket_id, expected_version, author, now, plan)
    return _applied(change.ticket_id, change.version, now, result["before"], wanted)


def _applied(
    ticket_id: int, version: int, at: int, before: FieldValues, wanted: FieldValues
) -> AppliedEdit:
    """What an edit to ``wanted`` did, from the values it found (``before``)."""
    after = FieldValues(
        wanted.status if before.status is not None else None,
        wanted.priority if before.priority is not None else None,
        (clean_text(wanted.assignee) or "") if before.assignee is not None else None,
        (clean_text(wanted.team) or "") if before.team is not None else None,
    )
    return AppliedEdit(ticket_id, version, at, before, after)


def apply_edit(
    ws: Workspace,
    ticket_id: int,
    wanted: FieldValues,
    *,
    author: str,
    expected_version: int,
    now: int,
) -> AppliedEdit:
    """Write the staged fields that differ from the ticket's as one change."""
    return _write(ws, ticket_id, expected_version, wanted, author=author, now=now, undo=False)


def undo_edit(ws: Workspace, edit: AppliedEdit, *, author: str, now: int) -> AppliedEdit:
    """Take ``edit`` back by appending compensating events, within ``UNDO_SECONDS``."""
    _check_undo([edit], now)
    try:
        return _write(
            ws, edit.ticket_id, edit.version, edit.before, author=author, now=now, undo=True
        )
    except StaleTicketError as error:
        raise ValidationError(
            tr("This cannot be undone: the ticket changed since; reload it.")
        ) from error


def _check_undo(edits: Sequence[AppliedEdit], now: int) -> None:
    """Refuse to take ``edits`` (written together) back too late, or when one closed its
    ticket."""
    if now - edits[0].at > UNDO_SECONDS:
        raise ValidationError(
            tr(
                "Undo is only possible for {seconds} seconds after a change; change the "
                "fields back by hand instead."
            ).format(seconds=UNDO_SECONDS)
        )
    if any(edit.after.status is Status.CLOSED for edit in edits):
        raise ValidationError(tr("This cannot be undone: a closed ticket cannot change any more."))


# --- several tickets at once ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BulkEdit:
    """One change to several tickets, written in one transaction: the edit of each ticket
    it changed, and the tickets that already had the values (left as they were)."""

    edits: tuple[AppliedEdit, ...]
    unchanged: tuple[int, ...]

    @property
    def at(self) -> int:
        return self.edits[0].at


def apply_bulk_edit(
    ws: Workspace,
    targets: Sequence[tuple[int, int]],
    wanted: FieldValues,
    *,
    author: str,
    now: int,
) -> BulkEdit:
    """Bring each ``(ticket_id, expected_version)`` of ``targets`` to ``wanted`` in one
    transaction — a lead assigning or re-prioritising a queue's tickets. All or nothing:
    a ticket another desk changed since, a closed one or a refused value writes none of
    them, with the sentence a single change would give. A ticket that has the values
    already is left as it is (no event, no new version)."""
    if not targets:
        raise ValidationError(tr("Select the tickets to change first."))
    if wanted.is_empty():
        raise ValidationError(
            tr("Nothing changed: pick a new status, priority, assignee or team first.")
        )
    edits = _write_many(ws, [(t, v, wanted) for t, v in targets], author=author, now=now)
    if not edits.edits:
        raise ValidationError(tr("Nothing changed: the selected tickets already have that."))
    return edits


def undo_bulk_edit(ws: Workspace, bulk: BulkEdit, *, author: str, now: int) -> BulkEdit:
    """Take a bulk edit back in one transaction, within ``UNDO_SECONDS``: every ticket it
    changed as it was, or none (one changed since, or closed by it, refuses them all)."""
    _check_undo(bulk.edits, now)
    try:
        return _write_many(
            ws, [(e.ticket_id, e.version, e.before) for e in bulk.edits], author=author, now=now
        )
    except StaleTicketError as error:
        raise ValidationError(
            tr("This cannot be undone: ticket #{id} changed since; reload it.").format(
                id=error.ticket_id
            )
        ) from error


def _write_many(
    ws: Workspace,
    changes: Sequence[tuple[int, int, FieldValues]],
    *,
    author: str,
    now: int,
) -> BulkEdit:
    if any(wanted.team is not None for _t, _v, wanted in changes):
        require(ws, Role.AGENT, tr("move a ticket to another team"))
    check_author(author)
    edits: list[AppliedEdit] = []
    unchanged: list[int] = []
    ids = [ticket_id for ticket_id, _v, _w in changes]
    with ws.session(write=True) as session, rollup_kept(session.connection(), ids):
        for ticket_id, version, wanted in changes:
            found: dict[str, FieldValues] = {}

            def plan(
                row: Ticket, wanted: FieldValues = wanted, found: dict[str, FieldValues] = found
            ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
                events, columns, before = _plan(session, row, wanted, undo=False, empty_ok=True)
                found["before"] = before
                return events, columns

            change = change_in(session, ticket_id, version, author, now, plan, evaluate=False)
            if change is None:
                unchanged.append(ticket_id)
            else:
                edits.append(_applied(ticket_id, change.version, now, found["before"], wanted))
        # every changed ticket evaluated at once, the policies read once
        evaluate_clocks_of(session, [edit.ticket_id for edit in edits], now)
    return BulkEdit(tuple(edits), tuple(unchanged))
