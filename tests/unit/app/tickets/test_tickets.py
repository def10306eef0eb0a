"""Ticket services: events appended, clocks re-evaluated, optimistic locking, sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from slaworkbench.app.tickets.actions import (
    NewTicket,
    agent_reply,
    assign,
    change_priority,
    change_status,
    create_ticket,
    create_ticket_with_clocks,
    customer_reply,
    internal_note,
)
from slaworkbench.domain.model import ClockState, Metric, Priority, Status
from slaworkbench.store.errors import NotFoundError, StaleTicketError, ValidationError
from slaworkbench.store.policies.versions import (
    list_policies,
    load_active_policies,
    save_policy_version,
    set_policy_active,
)
from slaworkbench.store.schema import Agent, Ticket, TicketClock, TicketEvent
from slaworkbench.store.seed import STANDARD_POLICY, standard_policy_spec
from slaworkbench.store.workspace import Workspace, open_workspace

T0 = int(dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC).timestamp())
HOUR = 3600


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace whose standard policy counts around the clock (zone-independent)."""
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        with ws.session(write=True) as session:
            (policy,) = list_policies(session)
            save_policy_version(
                session,
                policy.id,
                standard_policy_spec(),
                calendar_name="24/7",
                author="test",
                reason="count every hour",
            )
            session.execute(insert(Agent), [{"name": "Ana", "role": "agent"}])
        yield ws


def _row(ws: Workspace, ticket_id: int) -> Ticket:
    with ws.session() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        return row


def _event_count(ws: Workspace, ticket_id: int) -> int:
    with ws.session() as session:
        return int(
            session.execute(
                select(func.count())
                .select_from(TicketEvent)
                .where(TicketEvent.ticket_id == ticket_id)
            ).scalar_one()
        )


def test_create_starts_first_response_and_resolution(workspace: Workspace) -> None:
    change = create_ticket_with_clocks(
        workspace,
        NewTicket("VPN down", priority=Priority.URGENT, customer="Acme", tags=frozenset({"vpn"})),
        author="Ana",
        now=T0,
    )
    row = _row(workspace, change.ticket_id)
    assert (row.status, row.priority, row.version, row.tags) == ("new", "urgent", 1, "vpn")
    assert row.first_response_state == "running"
    assert row.first_response_due_at == T0 + 1 * HOUR
    assert row.resolution_due_at == T0 + 8 * HOUR
    assert row.next_due_at == T0 + HOUR
    assert row.sla_state == "ok"
    assert row.policy_version_id is not None
    assert change.sla_note is None


def test_agent_reply_stops_first_response_and_opens_the_ticket(workspace: Workspace) -> None:
    ticket_id = create_ticket(workspace, NewTicket("VPN down", Priority.URGENT), author="x", now=T0)
    change = agent_reply(
        workspace, ticket_id, "Looking into it", author="Ana", expected_version=1, now=T0 + 600
    )
    assert change.version == 2
    first = change.evaluation.results[Metric.FIRST_RESPONSE].cycles[0]
    assert first.stopped_at == T0 + 600
    assert first.state is ClockState.ACHIEVED
    row = _row(workspace, ticket_id)
    assert (row.status, row.version, row.first_response_state) == ("open", 2, "achieved")
    assert row.next_due_at == T0 + 600 + 4 * HOUR  # the periodic update it started
    assert _event_count(workspace, ticket_id) == 3  # created, agent_reply, status_changed


def test_pending_freezes_resolution(workspace: Workspace) -> None:
    ticket_id = create_ticket(workspace, NewTicket("Invoice", Priority.HIGH), author="x", now=T0)
    change = change_status(
        workspace, ticket_id, Status.PENDING, author="Ana", expected_version=1, now=T0 + HOUR
    )
    resolution = change.evaluation.results[Metric.RESOLUTION].cycles[0]
    assert resolution.state is ClockState.PAUSED
    assert resolution.due_at is None
    assert resolution.remaining == 16 * HOUR - HOUR
    row = _row(workspace, ticket_id)
    assert (row.resolution_state, row.resolution_remaining) == ("paused", 15 * HOUR)

    later = internal_note(
        workspace, ticket_id, "waiting", author="Ana", expected_version=2, now=T0 + 10 * HOUR
    )
    frozen = later.evaluation.results[Metric.RESOLUTION].cycles[0]
    assert frozen.remaining == 15 * HOUR
    assert frozen.state is ClockState.PAUSED

    reopened = customer_reply(
        workspace, ticket_id, "Here it is", author="Cy", expected_version=3, now=T0 + 20 * HOUR
    )
    assert _row(workspace, ticket_id).status == "open"
    running = reopened.evaluation.results[Metric.RESOLUTION].cycles[0]
    assert running.due_at == T0 + 20 * HOUR + 15 * HOUR


def test_a_stale_version_is_refused_and_nothing_is_written(workspace: Workspace) -> None:
    ticket_id = create_ticket(workspace, NewTicket("Printer"), author="x", now=T0)
    agent_reply(workspace, ticket_id, "On it", author="Ana", expected_version=1, now=T0 + 60)
    before_events = _event_count(workspace, ticket_id)
    before = _row(workspace, ticket_id)
    with pytest.raises(StaleTicketError) as caught:
        change_status(workspace, ticket_id, "solved", author="Bo", expected_version=1, now=T0 + 120)
    assert str(caught.value) == (
        f"Ticket #{ticket_id} was changed by Ana at 08/01/2024 09:01 UTC — reload? "
        "Nothing was overwritten."
    )
    after = _row(workspace, ticket_id)
    assert _event_count(workspace, ticket_id) == before_events
    assert (after.status, after.version, after.updated_at) == (
        before.status,
        before.version,
        before.updated_at,
    )


def test_a_ticket_no_policy_matches_says_so(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        (policy,) = list_policies(session)
        set_policy_active(session, policy.id, False, expected_version=policy.lock_version)
        assert load_active_policies(session) == []
    change = create_ticket_with_clocks(workspace, NewTicket("No SLA"), author="x", now=T0)
    assert not change.evaluation.has_policy
    assert change.sla_note == (
        f"No SLA policy applies to ticket #{change.ticket_id}: no active policy matches its "
        "attributes."
    )
    row = _row(workspace, change.ticket_id)
    assert (row.sla_state, row.next_due_at, row.policy_version_id) == ("none", None, None)
    with workspace.session() as session:
        clocks = session.execute(
            select(func.count(TicketClock.id)).where(TicketClock.ticket_id == change.ticket_id)
        ).scalar()
    assert clocks == 0


def test_priority_change_retargets_and_assign_validates(workspace: Workspace) -> None:
    ticket_id = create_ticket(workspace, NewTicket("Slow", Priority.LOW), author="x", now=T0)
    change = change_priority(
        workspace, ticket_id, "urgent", author="Ana", expected_version=1, now=T0 + 1800
    )
    assert _row(workspace, ticket_id).first_response_due_at == T0 + HOUR
    assert change.evaluation.results[Metric.FIRST_RESPONSE].cycles[0].target == HOUR
    with pytest.raises(ValidationError, match="no agent named “Zed”"):
        assign(workspace, ticket_id, "Zed", author="Ana", expected_version=2, now=T0 + 1900)
    assign(workspace, ticket_id, "Ana", author="Ana", expected_version=2, now=T0 + 1900)
    assert _row(workspace, ticket_id).assignee_id is not None


def test_bad_input_is_a_sentence_and_changes_nothing(workspace: Workspace) -> None:
    ticket_id = create_ticket(workspace, NewTicket("Mail"), author="x", now=T0)
    with pytest.raises(ValidationError, match="Write the reply"):
        agent_reply(workspace, ticket_id, "   ", author="Ana", expected_version=1, now=T0)
    with pytest.raises(ValidationError, match="is not a status"):
        change_status(workspace, ticket_id, "waiting", author="Ana", expected_version=1, now=T0)
    with pytest.raises(ValidationError, match="subject"):
        create_ticket(workspace, NewTicket("  "), author="x", now=T0)
    with pytest.raises(NotFoundError, match="#9999"):
        internal_note(workspace, 9999, "hi", author="Ana", expected_version=1, now=T0)
    assert _row(workspace, ticket_id).version == 1
    assert _event_count(workspace, ticket_id) == 1


def test_a_customer_reply_that_reopens_a_solved_ticket_starts_next_response(
    workspace: Workspace,
) -> None:
    """The reopen is logged before the reply, so the reply waits for an answer like any
    other (SLA_SEMANTICS "Tickets and actions"); a reply to a closed ticket is refused."""
    ticket_id = create_ticket(workspace, NewTicket("VPN down", Priority.URGENT), author="x", now=T0)
    agent_reply(workspace, ticket_id, "Fixed", author="Ana", expected_version=1, now=T0 + 600)
    change_status(workspace, ticket_id, "solved", author="Ana", expected_version=2, now=T0 + 900)
    change = customer_reply(
        workspace, ticket_id, "Still down", author="Cy", expected_version=3, now=T0 + HOUR
    )
    assert _row(workspace, ticket_id).status == "open"
    (cycle,) = change.evaluation.results[Metric.NEXT_RESPONSE].cycles
    assert (cycle.started_at, cycle.state) == (T0 + HOUR, ClockState.RUNNING)
    assert cycle.due_at is not None and cycle.due_at > T0 + HOUR


def test_solving_records_solved_at_and_closed_tickets_are_final(workspace: Workspace) -> None:
    ticket_id = create_ticket(workspace, NewTicket("Done soon"), author="x", now=T0)
    change_status(workspace, ticket_id, "solved", author="Ana", expected_version=1, now=T0 + 99)
    row = _row(workspace, ticket_id)
    assert (row.solved_at, row.resolution_state) == (T0 + 99, "achieved")
    change_status(workspace, ticket_id, "closed", author="Ana", expected_version=2, now=T0 + 500)
    assert _row(workspace, ticket_id).solved_at == T0 + 99
    with pytest.raises(ValidationError, match="closed"):
        customer_reply(workspace, ticket_id, "thanks", author="Cy", expected_version=3, now=T0)


def test_policy_saves_create_new_versions(workspace: Workspace) -> None:
    with workspace.session() as session:
        (policy,) = list_policies(session)
    assert policy.name == STANDARD_POLICY
    assert policy.current_version == 2
