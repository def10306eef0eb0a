"""The recompute's column path writes exactly what the one-ticket path writes, as a diff.

The one-ticket path rewrites every row; the recompute writes only what changed, and a
cycle that runs towards its due instant keeps its stored reading (elapsed, remaining)
while nothing else about it changes. ``_assert_same_clocks`` holds it to exactly that:
every row has the reference's shape, and is either the reference's row stamped with the
new ``evaluated_at`` or the row as it was before, with its old stamp.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, text, update

from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.policy import select_policy
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.clocks import read as clocks_read
from slaworkbench.store.clocks import transfer as clocks_transfer
from slaworkbench.store.clocks.inputs import read_ticket_chunk
from slaworkbench.store.clocks.ticket import version_ids_of, write_evaluations
from slaworkbench.store.dialect import PORTABLE_TRAITS
from slaworkbench.store.policies.versions import load_active_policies
from slaworkbench.store.schema import OPEN_STATUSES, Ticket, TicketClock
from slaworkbench.store.workspace import Workspace
from tests.support.policy.changes import double_one_target, scale_targets
from tests.support.twin_demos import demo_copy

NOW = 1_790_000_000
LATER = NOW + 5 * 3600

_CLOCKS = text(
    "SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target, elapsed,"
    " remaining, due_at, breached_at, at_risk, risk_at, policy_version_id"
    " FROM ticket_clocks ORDER BY 1, 2, 3"
)
_STAMPS = text(
    "SELECT ticket_id, metric, cycle_index, evaluated_at FROM ticket_clocks ORDER BY 1, 2, 3"
)
_SUMMARY = text(
    "SELECT id, policy_version_id, evaluated_at, next_due_at, next_risk_at, sla_state,"
    " first_response_state, first_response_due_at, first_response_remaining,"
    " first_response_target, resolution_state, resolution_due_at, resolution_remaining,"
    " resolution_target FROM tickets ORDER BY id"
)


def _demo(path: Path) -> Workspace:
    return demo_copy(path, tickets=300, seed=11, now=NOW)


@pytest.fixture(params=["sqlite", "portable"])
def pair(
    tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Workspace, Workspace]]:
    """Two identical demo workspaces; "portable" takes the path of other databases
    (row tuples and executemany) instead of SQLite's group_concat / json_each."""
    if request.param == "portable":
        monkeypatch.setattr(clocks_transfer, "bulk_traits", lambda connection: PORTABLE_TRAITS)
    first, second = _demo(tmp_path / "a.sqlite3"), _demo(tmp_path / "b.sqlite3")
    yield first, second
    first.close()
    second.close()


def _snapshot(workspace: Workspace) -> tuple[list[Any], list[Any]]:
    with workspace.session() as session:
        return (
            [tuple(row) for row in session.execute(_CLOCKS)],
            [tuple(row) for row in session.execute(_SUMMARY)],
        )


def _stamps(workspace: Workspace) -> dict[tuple[int, str, int], int]:
    with workspace.session() as session:
        return {(r[0], r[1], r[2]): r[3] for r in session.execute(_STAMPS)}


_READING = (7, 8)  # elapsed, remaining in a _CLOCKS row
_SUMMARY_READING = {8: 6, 12: 10}  # *_remaining -> its *_state in a _SUMMARY row


def _live(row: tuple[Any, ...]) -> bool:
    return row[4] is None and row[5] != "paused" and row[9] is not None


def _shape(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(None if i in _READING and _live(row) else v for i, v in enumerate(row))


def _assert_same_clocks(
    before: tuple[list[Any], list[Any]],
    stamps_before: dict[tuple[int, str, int], int],
    subject: Workspace,
    reference: Workspace,
    now: int,
) -> None:
    clocks, summaries = _snapshot(subject)
    expected_clocks, expected_summaries = _snapshot(reference)
    stamps = _stamps(subject)
    old = {row[:3]: row for row in before[0]}
    assert [row[:3] for row in clocks] == [row[:3] for row in expected_clocks]
    for row, expected in zip(clocks, expected_clocks, strict=True):
        key = row[:3]
        assert _shape(row) == _shape(expected), key
        if stamps[key] == now:
            assert row == expected, key
        else:  # untouched: as before, with its old stamp
            assert row == old[key] and stamps[key] == stamps_before[key], key
    live = {(row[0], row[1]) for row in expected_clocks if _live(row)}
    old_summaries = {row[0]: row for row in before[1]}
    for row, expected in zip(summaries, expected_summaries, strict=True):
        assert row[0] == expected[0]
        if row[2] == now:
            assert row[:2] + row[3:] == expected[:2] + expected[3:], row[0]
            continue
        assert row == old_summaries[row[0]], row[0]
        for position in range(len(row)):
            if position == 2:  # evaluated_at
                continue
            metric = "first_response" if position == 8 else "resolution"
            if position in _SUMMARY_READING and (row[0], metric) in live:
                continue  # a running metric's reading
            assert row[position] == expected[position], (row[0], position)


def _one_by_one(workspace: Workspace, now: int, *, only_open: bool) -> None:
    """The reference: evaluate_ticket per ticket, written by write_evaluations."""
    with workspace.session(write=True) as session:
        policies = load_active_policies(session)
        inputs = read_ticket_chunk(session, after_id=0, limit=10**6, only_open=only_open)
        chosen = [select_policy(policies, item.facts) for item in inputs]
        pairs = [
            (item.ticket_id, evaluate_ticket(item.events, policy, now))
            for item, policy in zip(inputs, chosen, strict=True)
        ]
        calendars = [None if policy is None else policy.calendar for policy in chosen]
        write_evaluations(
            session, pairs, version_ids_of(policies), calendars, rejudge_stopped=not only_open
        )


@pytest.mark.parametrize("only_open", [False, True])
def test_recompute_writes_what_the_single_ticket_path_writes(
    pair: tuple[Workspace, Workspace], only_open: bool
) -> None:
    reference, subject = pair
    _one_by_one(reference, LATER, only_open=only_open)
    before, stamps_before = _snapshot(subject), _stamps(subject)
    result = recompute(subject, only_open=only_open, now=LATER, chunk_size=37)
    assert result.tickets == result.total > 0
    _assert_same_clocks(before, stamps_before, subject, reference, LATER)
    with subject.session() as session:
        stamped = session.execute(
            select(Ticket.status).where(Ticket.evaluated_at == LATER)
        ).scalars()
        statuses = set(stamped)
    assert statuses  # some summaries moved (an at-risk or breach transition in 5 hours)
    if only_open:
        assert statuses <= set(OPEN_STATUSES)  # closed tickets were not even read


def test_a_recompute_repairs_changed_missing_and_extra_rows(
    pair: tuple[Workspace, Workspace],
) -> None:
    _, workspace = pair
    recompute(workspace, only_open=False, now=LATER)
    expected = _snapshot(workspace)
    with workspace.begin() as connection:
        connection.execute(delete(TicketClock).where(TicketClock.ticket_id.in_([3, 4])))
        connection.execute(
            update(TicketClock).where(TicketClock.ticket_id == 5).values(elapsed=1, due_at=None)
        )
        connection.execute(
            update(TicketClock).where(TicketClock.ticket_id == 9).values(stopped_at=NOW - 1)
        )
        connection.execute(
            insert(TicketClock).values(
                ticket_id=6,
                metric="next_response",
                cycle_index=99,
                started_at=NOW,
                state="running",
                target=60,
                elapsed=0,
                remaining=60,
                evaluated_at=NOW,
            )
        )
        connection.execute(
            update(Ticket)
            .where(Ticket.id.in_([7, 8]))
            .values(sla_state="none", next_due_at=NOW, first_response_state=None)
        )
    assert _snapshot(workspace) != expected

    # The summaries are compared on every run; the tampered clock rows keep the
    # fingerprints of the rows they replaced, so only a verifying run sees them.
    def unstamped(rows: list[Any]) -> list[Any]:  # a repaired summary is stamped anew
        return [row[:2] + row[3:] for row in rows]

    recompute(workspace, only_open=False, now=LATER)
    assert unstamped(_snapshot(workspace)[1]) == unstamped(expected[1])
    assert _snapshot(workspace)[0] != expected[0]
    recompute(workspace, only_open=False, now=LATER, verify=True)
    # Verifying also brings every running cycle's reading to LATER: compare shapes.
    assert [_shape(row) for row in _snapshot(workspace)[0]] == [_shape(row) for row in expected[0]]
    clocks = {row[:3]: row for row in _snapshot(workspace)[0]}
    stamps = _stamps(workspace)
    assert all(clocks[key] == row or stamps[key] == LATER for key, row in (
        (row[:3], row) for row in expected[0]))  # fmt: skip


@pytest.mark.parametrize("only_open", [False, True])
def test_after_a_policy_change_the_diff_matches_the_single_ticket_path(
    pair: tuple[Workspace, Workspace], only_open: bool
) -> None:
    reference, subject = pair
    for workspace in pair:
        scale_targets(workspace, 0.5, now=NOW)
    _one_by_one(reference, LATER, only_open=only_open)
    before, stamps_before = _snapshot(subject), _stamps(subject)
    recompute(subject, only_open=only_open, now=LATER, chunk_size=100)
    _assert_same_clocks(before, stamps_before, subject, reference, LATER)


def test_a_re_baseline_after_one_target_rewrites_exactly_the_rows_that_changed(
    pair: tuple[Workspace, Workspace],
) -> None:
    """After one target changes, a re-baseline rewrites (stamps) exactly the clock rows
    whose values differ from a full fresh evaluation (the judging version and a running
    cycle's reading aside), as that evaluation gives them, and leaves every other row
    as it was, with the version that judged it."""
    reference, subject = pair
    for workspace in pair:
        double_one_target(workspace, now=NOW)
    _one_by_one(reference, NOW + 1, only_open=False)
    before, stamps_before = _snapshot(subject), _stamps(subject)
    recompute(subject, only_open=False, now=NOW + 1, chunk_size=64)
    fresh = {row[:3]: row for row in _snapshot(reference)[0]}
    old = {row[:3]: row for row in before[0]}
    stored = {row[:3]: row for row in _snapshot(subject)[0]}
    assert stored.keys() == fresh.keys()
    moved = {
        key
        for key, row in fresh.items()
        if key not in old or _shape(old[key])[:13] != _shape(row)[:13]
    }
    stamps = _stamps(subject)
    assert {key for key, stamp in stamps.items() if stamp == NOW + 1} == moved
    assert 0 < len(moved) < len(fresh) // 4  # one target moves few rows
    for key, row in stored.items():
        if key in moved:
            assert row == fresh[key], key
        else:
            assert row == old[key] and stamps[key] == stamps_before[key], key
            assert _shape(row)[:13] == _shape(fresh[key])[:13], key
    with subject.session() as session:  # the rollup follows the rows rewritten
        assert rollup_differences(session.connection()) == []


def test_open_tickets_are_walked_in_id_order_without_a_sort(tmp_path: Path) -> None:
    """Every chunk of an open-tickets recompute reads the next ids from the partial
    index on open tickets: no search by status followed by a sort of all of them."""
    workspace = _demo(tmp_path / "w.sqlite3")
    statements: list[str] = []
    try:
        with workspace.begin() as connection:
            connection.connection.dbapi_connection.set_trace_callback(statements.append)
            ids = clocks_transfer.next_ids(
                connection,
                clocks_read._OPEN_SQL,
                0,
                10,
                index=clocks_read.OPEN_ID_INDEX,
            )
            connection.connection.dbapi_connection.set_trace_callback(None)
            plan = " ".join(
                str(row[-1])
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statements[-1]}")
            )
            expected = connection.exec_driver_sql(
                "SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold')"
                " ORDER BY id LIMIT 10"
            ).scalars()
            assert ids.tolist() == list(expected)
    finally:
        workspace.close()
    assert "ix_tickets_open_id" in plan and "TEMP B-TREE" not in plan
