"""Several tickets changed as one (``apply_bulk_edit``): the same as changing each alone,
in one transaction, all or nothing, and taken back as one."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

import pytest
from sqlalchemy import select

from slaworkbench.app.tickets.actions import NewTicket, agent_reply, create_ticket
from slaworkbench.app.tickets.edits import (
    UNDO_SECONDS,
    FieldValues,
    apply_bulk_edit,
    apply_edit,
    undo_bulk_edit,
)
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.errors import StaleTicketError, ValidationError
from slaworkbench.store.schema import Ticket, TicketClock, TicketEvent
from slaworkbench.store.workspace import Workspace
from tests.unit.app.tickets.conftest import T0


def _answered(ws: Workspace, subject: str, priority: Priority) -> int:
    """A ticket whose first response stopped (a rollup row) and whose resolution runs."""
    ticket_id = create_ticket(ws, NewTicket(subject, priority), author="Ana", now=T0)
    agent_reply(ws, ticket_id, "On it.", author="Ana", expected_version=_version(ws, ticket_id),
                now=T0 + 600)  # fmt: skip
    return ticket_id


def _version(ws: Workspace, ticket_id: int) -> int:
    with ws.session() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        return row.version


def _state(ws: Workspace, ticket_id: int) -> tuple[Any, ...]:
    """What a ticket is after a change, but for its id: fields, events, clocks."""
    with ws.session() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        events = session.execute(
            select(TicketEvent.at, TicketEvent.type, TicketEvent.status, TicketEvent.priority,
                   TicketEvent.value)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.seq)
        ).all()  # fmt: skip
        clocks = session.execute(
            select(TicketClock.metric, TicketClock.cycle_index, TicketClock.state,
                   TicketClock.target, TicketClock.due_at, TicketClock.elapsed,
                   TicketClock.stopped_at, TicketClock.priority)
            .where(TicketClock.ticket_id == ticket_id)
            .order_by(TicketClock.metric, TicketClock.cycle_index)
        ).all()  # fmt: skip
        return (row.status, row.priority, row.assignee_id, row.version, row.next_due_at,
                [tuple(e) for e in events], [tuple(c) for c in clocks])  # fmt: skip


def _no_rollup_differences(ws: Workspace) -> None:
    with ws.engine.connect() as connection:
        assert rollup_differences(connection) == []


@pytest.mark.parametrize(
    "wanted",
    [
        FieldValues(priority=Priority.URGENT),
        FieldValues(status=Status.PENDING),
        FieldValues(assignee="Ana"),
        FieldValues(status=Status.SOLVED, priority=Priority.LOW, assignee="Ana"),
    ],
)
def test_a_bulk_edit_leaves_each_ticket_as_changing_it_alone_does(
    workspace: Workspace, wanted: FieldValues
) -> None:
    priorities = (Priority.NORMAL, Priority.HIGH, Priority.URGENT)
    bulk = [_answered(workspace, f"bulk {p.value}", p) for p in priorities]
    alone = [_answered(workspace, f"bulk {p.value}", p) for p in priorities]
    now = T0 + 3600
    edit = apply_bulk_edit(
        workspace, [(t, _version(workspace, t)) for t in bulk], wanted, author="Ana", now=now
    )
    for ticket_id in alone:  # the reference: one change at a time
        with suppress(ValidationError):  # refused: that ticket has the values already
            apply_edit(workspace, ticket_id, wanted, author="Ana",
                       expected_version=_version(workspace, ticket_id), now=now)  # fmt: skip
    for one, other in zip(bulk, alone, strict=True):
        assert _state(workspace, one) == _state(workspace, other)
    assert len(edit.edits) + len(edit.unchanged) == 3
    assert {e.ticket_id for e in edit.edits}.isdisjoint(edit.unchanged)
    _no_rollup_differences(workspace)


def test_a_ticket_that_has_the_values_already_is_left_as_it_was(workspace: Workspace) -> None:
    high = _answered(workspace, "already high", Priority.HIGH)
    normal = _answered(workspace, "normal", Priority.NORMAL)
    before = _state(workspace, high)
    edit = apply_bulk_edit(
        workspace,
        [(high, _version(workspace, high)), (normal, _version(workspace, normal))],
        FieldValues(priority=Priority.HIGH),
        author="Ana",
        now=T0 + 3600,
    )
    assert edit.unchanged == (high,) and [e.ticket_id for e in edit.edits] == [normal]
    assert _state(workspace, high) == before  # no event, no new version
    with pytest.raises(ValidationError, match="already have that"):
        apply_bulk_edit(
            workspace, [(high, _version(workspace, high))], FieldValues(priority=Priority.HIGH),
            author="Ana", now=T0 + 3700,
        )  # fmt: skip


def test_one_ticket_refused_writes_none_of_them(workspace: Workspace) -> None:
    first, second, third = (_answered(workspace, f"t{i}", Priority.NORMAL) for i in range(3))
    with workspace.session(write=True) as session:  # another desk closed the third
        session.get(Ticket, third).status = Status.CLOSED.value  # type: ignore[union-attr]
    states = [_state(workspace, t) for t in (first, second, third)]
    targets = [(t, _version(workspace, t)) for t in (first, second, third)]
    with pytest.raises(ValidationError, match=f"Ticket #{third} is closed"):
        apply_bulk_edit(workspace, targets, FieldValues(priority=Priority.URGENT),
                        author="Ana", now=T0 + 3600)  # fmt: skip
    stale = [(first, targets[0][1]), (second, targets[1][1] - 1)]  # read before a change
    with pytest.raises(StaleTicketError):
        apply_bulk_edit(workspace, stale, FieldValues(priority=Priority.URGENT),
                        author="Ana", now=T0 + 3600)  # fmt: skip
    assert [_state(workspace, t) for t in (first, second, third)] == states
    _no_rollup_differences(workspace)


def test_undo_takes_every_ticket_back_as_one_or_none(workspace: Workspace) -> None:
    tickets = [_answered(workspace, f"t{i}", p) for i, p in enumerate(Priority)]
    fields = [_state(workspace, t)[:3] for t in tickets]
    targets = [(t, _version(workspace, t)) for t in tickets]
    edit = apply_bulk_edit(workspace, targets, FieldValues(Status.PENDING, Priority.LOW, "Ana"),
                           author="Ana", now=T0 + 3600)  # fmt: skip
    undone = undo_bulk_edit(workspace, edit, author="Ana", now=T0 + 3600 + UNDO_SECONDS)
    assert [e.ticket_id for e in undone.edits] == [e.ticket_id for e in edit.edits]
    assert [_state(workspace, t)[:3] for t in tickets] == fields
    _no_rollup_differences(workspace)

    again = apply_bulk_edit(
        workspace, [(t, _version(workspace, t)) for t in tickets],
        FieldValues(priority=Priority.URGENT), author="Ana", now=T0 + 4000,
    )  # fmt: skip
    moved_on = again.edits[-1].ticket_id  # then someone changes one of them
    apply_edit(workspace, moved_on, FieldValues(status=Status.PENDING), author="Ana",
               expected_version=_version(workspace, moved_on), now=T0 + 4001)  # fmt: skip
    states = [_state(workspace, t) for t in tickets]
    with pytest.raises(ValidationError, match=f"ticket #{moved_on} changed since"):
        undo_bulk_edit(workspace, again, author="Ana", now=T0 + 4002)
    assert [_state(workspace, t) for t in tickets] == states
    with pytest.raises(ValidationError, match="only possible for"):
        undo_bulk_edit(workspace, again, author="Ana", now=T0 + 4000 + UNDO_SECONDS + 1)
