"""Staged edits: one change for several fields; undo by compensating events, in time."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.app.tickets.edits import UNDO_SECONDS, FieldValues, apply_edit, undo_edit
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Ticket, TicketEvent
from slaworkbench.store.workspace import Workspace
from tests.unit.app.tickets.conftest import T0


def _ticket(ws: Workspace) -> int:
    ticket_id = create_ticket(ws, NewTicket("Printer on fire"), author="Ana", now=T0)
    with ws.session(write=True) as session:
        session.get(Ticket, ticket_id).status = Status.OPEN.value  # type: ignore[union-attr]
    return ticket_id


def _events(ws: Workspace, ticket_id: int) -> list[tuple[int, str, str | None, str | None]]:
    with ws.session() as session:
        return [
            (r.at, r.type, r.status or r.priority, r.value)
            for r in session.execute(
                select(TicketEvent)
                .where(TicketEvent.ticket_id == ticket_id)
                .order_by(TicketEvent.seq)
            ).scalars()
        ]


def _fields(ws: Workspace, ticket_id: int) -> tuple[str, str, int | None, int]:
    with ws.session() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        return row.status, row.priority, row.assignee_id, row.version


def test_three_fields_are_one_change_and_undo_appends_compensating_events(
    workspace: Workspace,
) -> None:
    ticket_id = _ticket(workspace)
    status, priority, assignee, version = _fields(workspace, ticket_id)
    wanted = FieldValues(Status.PENDING, Priority.HIGH, "Ana")
    edit = apply_edit(
        workspace, ticket_id, wanted, author="Ana", expected_version=version, now=T0 + 60
    )
    assert edit.version == version + 1  # one write
    assert edit.before == FieldValues(Status.OPEN, Priority.NORMAL, "")
    assert edit.after == wanted
    written = _events(workspace, ticket_id)[-3:]
    assert [e[1] for e in written] == ["status_changed", "priority_changed", "assigned"]
    assert {e[0] for e in written} == {T0 + 60}

    before_undo = _events(workspace, ticket_id)
    undone = undo_edit(workspace, edit, author="Ana", now=T0 + 60 + UNDO_SECONDS)
    after_undo = _events(workspace, ticket_id)
    assert after_undo[: len(before_undo)] == before_undo  # history kept as it was
    assert [e[1:3] for e in after_undo[len(before_undo) :]] == [
        ("status_changed", "open"),
        ("priority_changed", "normal"),
        ("assigned", None),
    ]
    assert _fields(workspace, ticket_id) == (status, priority, assignee, version + 2)
    assert undone.after == edit.before


def test_undo_is_refused_after_its_window_and_when_the_ticket_moved_on(
    workspace: Workspace,
) -> None:
    ticket_id = _ticket(workspace)
    version = _fields(workspace, ticket_id)[3]
    edit = apply_edit(
        workspace,
        ticket_id,
        FieldValues(priority=Priority.URGENT),
        author="Ana",
        expected_version=version,
        now=T0,
    )
    with pytest.raises(ValidationError, match="only possible for 10 seconds"):
        undo_edit(workspace, edit, author="Ana", now=T0 + UNDO_SECONDS + 1)
    apply_edit(
        workspace,
        ticket_id,
        FieldValues(status=Status.PENDING),
        author="Ana",
        expected_version=edit.version,
        now=T0 + 2,
    )
    with pytest.raises(ValidationError, match="the ticket changed since"):
        undo_edit(workspace, edit, author="Ana", now=T0 + 3)
    assert _fields(workspace, ticket_id)[:2] == ("pending", "urgent")


def test_an_edit_that_changes_nothing_is_refused(workspace: Workspace) -> None:
    ticket_id = _ticket(workspace)
    version = _fields(workspace, ticket_id)[3]
    with pytest.raises(ValidationError, match="Nothing changed"):
        apply_edit(
            workspace,
            ticket_id,
            FieldValues(Status.OPEN, Priority.NORMAL, ""),
            author="Ana",
            expected_version=version,
            now=T0,
        )
    assert _fields(workspace, ticket_id)[3] == version
