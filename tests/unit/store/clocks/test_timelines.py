"""Ticket timelines and clock fingerprints: a cache that never changes a result.

- After a recompute every ticket's timeline holds exactly its engine events.
- A second recompute with nothing changed writes no clock row; a ticket changed through
  the application forgets its timeline and the next recompute rebuilds it.
- The fingerprint ignores row order, sees any change of any field, and is never NONE.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import agent_reply, customer_reply
from slaworkbench.domain.clock.columns import evaluate_columns
from slaworkbench.domain.clock.results import NONE
from slaworkbench.store.clocks import bulk as clocks_bulk
from slaworkbench.store.clocks import read as clocks_read
from slaworkbench.store.clocks.inputs import read_ticket_inputs
from slaworkbench.store.clocks.timelines import clock_hashes, read_timelines
from slaworkbench.store.clocks.transfer import read_ints
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.schema import OPEN_STATUSES, Ticket, TicketClock, TicketTimeline
from slaworkbench.store.workspace import Workspace
from tests.support.twin_demos import demo_copy

NOW = 1_790_000_000
ENGINE_TYPES = {"created", "status_changed", "priority_changed", "agent_reply", "customer_reply"}


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = demo_copy(tmp_path / "w.sqlite3", tickets=250, seed=3, now=NOW)
    yield ws
    ws.close()


def _ids(ws: Workspace) -> np.ndarray:
    with ws.session() as session:
        return np.array(session.scalars(select(Ticket.id).order_by(Ticket.id)).all())


def _sorted(rows: np.ndarray) -> list[tuple[int, ...]]:
    return sorted(map(tuple, rows.tolist()))


def test_every_timeline_holds_exactly_the_engine_events(workspace: Workspace) -> None:
    ids = _ids(workspace)
    with workspace.engine.connect() as connection:
        head, cached = read_timelines(connection, ids)
        events = read_ints(
            connection, clocks_read._EVENT_COLUMNS, clocks_read._EVENT_SOURCE, ids, "ticket_id"
        )
    assert sorted(head[:, 0].tolist()) == ids.tolist()  # in no particular order
    assert (head[:, 2] != NONE).all()  # every fingerprint known after the demo's recompute
    assert len(events) > 3 * len(ids)
    assert _sorted(cached) == _sorted(events)


def _chunk_writes(ws: Workspace, now: int) -> list[clocks_bulk.ChunkWrite]:
    writes = []
    with ws.session() as session:
        policies = load_active_policies(session)
    version_ids = [policy.version_id for policy in policies]
    after = 0
    while True:
        with ws.begin() as connection:
            chunk = clocks_read.read_chunk(
                connection, policies, after_id=after, limit=100, only_open=False
            )
            if chunk is None:
                return writes
            columns = evaluate_columns(chunk.events, chunk.policy_index, policies, now)
            writes.append(clocks_bulk.write_chunk(connection, chunk, columns, version_ids, now))
        after = int(chunk.ids[-1])


def test_an_unchanged_evaluation_writes_no_clock_row(workspace: Workspace) -> None:
    writes = _chunk_writes(workspace, NOW)
    assert len(writes) == 3
    assert all(
        (w.clocks_inserted, w.clocks_updated, w.clocks_deleted, w.tickets_updated) == (0, 0, 0, 0)
        for w in writes
    )
    with workspace.session() as session:
        running = session.scalar(
            select(func.count(TicketClock.id)).where(
                TicketClock.stopped_at.is_(None),
                TicketClock.state != "paused",
                TicketClock.due_at.is_not(None),
            )
        )
    later = _chunk_writes(workspace, NOW + 3 * 3600)
    updated = sum(w.clocks_updated for w in later)
    # Three hours on, only the cycles that turned at risk or breached are rewritten;
    # the others' readings (elapsed, remaining) move with the clock and stay as stored.
    assert 0 < updated < running
    assert all(w.clocks_inserted == w.clocks_deleted == 0 for w in later)


def _ticket_clocks(ws: Workspace, ticket_id: int) -> list[tuple[object, ...]]:
    with ws.session() as session:
        rows = session.execute(
            select(
                TicketClock.metric,
                TicketClock.cycle_index,
                TicketClock.started_at,
                TicketClock.stopped_at,
                TicketClock.state,
                TicketClock.elapsed,
                TicketClock.remaining,
                TicketClock.due_at,
            )
            .where(TicketClock.ticket_id == ticket_id)
            .order_by(TicketClock.metric, TicketClock.cycle_index)
        )
        return [tuple(row) for row in rows]


def test_a_change_through_the_application_forgets_and_rebuilds_the_timeline(
    workspace: Workspace,
) -> None:
    with workspace.session() as session:
        ticket = session.execute(
            select(Ticket.id, Ticket.version)
            .where(Ticket.status.in_(OPEN_STATUSES))
            .order_by(Ticket.id)
            .limit(1)
        ).one()
    change = customer_reply(
        workspace,
        ticket.id,
        "Any news?",
        author="Customer",
        expected_version=ticket.version,
        now=NOW,
    )
    agent_reply(
        workspace,
        ticket.id,
        "Working on it",
        author="Agent",
        expected_version=change.version,
        now=NOW + 60,
    )
    with workspace.session() as session:
        assert session.get(TicketTimeline, ticket.id) is None
        evaluated = _ticket_clocks(workspace, ticket.id)
    # The recompute rebuilds the timeline from the events, with the two replies in it,
    # and finds the clocks the application wrote (at NOW + 60) still right then.
    recompute(workspace, only_open=False, now=NOW + 60)
    with workspace.session() as session:
        timeline = session.get(TicketTimeline, ticket.id)
        assert timeline is not None and timeline.clocks_hash is not None
        (item,) = read_ticket_inputs(session, [ticket.id])
    assert timeline.event_count == sum(1 for e in item.events if e.type.value in ENGINE_TYPES)
    assert timeline.event_count >= 3  # created, the customer's and the agent's replies
    assert _ticket_clocks(workspace, ticket.id) == evaluated


rows_strategy = st.lists(
    st.tuples(
        st.integers(0, 3),  # ticket
        st.lists(st.integers(-(2**63), 2**63 - 1), min_size=4, max_size=4),
    ),
    min_size=0,
    max_size=12,
)


@given(rows_strategy, st.randoms(use_true_random=False))
def test_the_fingerprint_ignores_row_order(rows: list, random) -> None:  # type: ignore[no-untyped-def,type-arg]
    shuffled = list(rows)
    random.shuffle(shuffled)

    def hashes(items: list) -> list[int]:  # type: ignore[type-arg]
        ticket = np.array([t for t, _ in items], dtype=np.int64)
        fields = np.array([f for _, f in items], dtype=np.int64).reshape(-1, 4)
        return clock_hashes(ticket, fields, 4).tolist()

    assert hashes(rows) == hashes(shuffled)
    assert NONE not in hashes(rows)


@given(
    rows_strategy.filter(bool),
    st.data(),
)
def test_the_fingerprint_sees_any_change(rows: list, data: st.DataObject) -> None:  # type: ignore[type-arg]
    ticket = np.array([t for t, _ in rows], dtype=np.int64)
    fields = np.array([f for _, f in rows], dtype=np.int64).reshape(-1, 4)
    row = data.draw(st.integers(0, len(rows) - 1))
    column = data.draw(st.integers(0, 3))
    value = data.draw(st.integers(-(2**63), 2**63 - 1).filter(lambda v: v != fields[row, column]))
    changed = fields.copy()
    changed[row, column] = value
    before = clock_hashes(ticket, fields, 4)
    after = clock_hashes(ticket, changed, 4)
    owner = int(ticket[row])
    assert before[owner] != after[owner]
    others = [t for t in range(4) if t != owner]
    assert before[others].tolist() == after[others].tolist()
    # Dropping a row changes its ticket's fingerprint too.
    dropped = clock_hashes(np.delete(ticket, row), np.delete(fields, row, axis=0), 4)
    assert dropped[owner] != before[owner]


def test_a_damaged_timeline_is_rebuilt_from_the_events(workspace: Workspace) -> None:
    ids = _ids(workspace)
    with workspace.begin() as connection:
        connection.execute(
            text("UPDATE ticket_timelines SET events = 'garbage,1' WHERE ticket_id = :t"),
            {"t": int(ids[3])},
        )
        connection.execute(
            text("UPDATE ticket_timelines SET event_count = event_count + 1 WHERE ticket_id = :t"),
            {"t": int(ids[5])},
        )
    result = recompute(workspace, only_open=False, now=NOW)
    assert result.tickets == len(ids) and not result.cancelled
    with workspace.engine.connect() as connection:
        _head, cached = read_timelines(connection, ids)
        events = read_ints(
            connection, clocks_read._EVENT_COLUMNS, clocks_read._EVENT_SOURCE, ids, "ticket_id"
        )
    assert _sorted(cached) == _sorted(events)
