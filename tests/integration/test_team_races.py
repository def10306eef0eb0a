"""The concurrency findings of issue #18, each against a real PostgreSQL server (skipped
without ``SLAWORKBENCH_TEST_POSTGRES``; CI always has one). Every test failed before the
fix it names:

- two saves from the same policy version: one is accepted, the other refused with
  "changed by NAME at TIME" (was: both accepted, or an ``IntegrityError`` traceback);
- two ``recompute --all`` at once both finish (was: a duplicate key on
  ``uq_ticket_clocks_ticket_id_metric_cycle_index``); the second waits for the first;
- two imports at once both succeed and every ticket has its clocks; the same file twice
  at once imports once and skips once (was: failures and a duplicate-key traceback);
- a cached timeline that disagrees with the event log is repaired by ``recompute --all
  --verify`` (was: the stale cache was trusted).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing.run import import_event_log
from slaworkbench.app.policies.saving import PolicyEdit, save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.errors import StalePolicyError
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.schema import EVENT_TYPES, STATUSES, code_of
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.clock_truth import clock_mismatches
from tests.support.concurrency import event_log, run_at_once
from tests.support.engines import needs_postgres

NOW = 1_790_000_000


def wait_for_a_lock_wait(ws: Workspace, seconds: float = 5.0) -> None:
    """Until another session of this database waits for a lock (or ``seconds`` pass: the
    fixed code may never wait here, and the test must not hang on it)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with ws.engine.connect() as connection:
            waiting = connection.execute(
                text(
                    "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                    " WHERE NOT l.granted AND a.datname = current_database()"
                )
            ).scalar_one()
        if waiting:
            return
        time.sleep(0.05)


@pytest.fixture
def server(postgres_url: str) -> Any:
    ws = open_workspace(postgres_url)
    yield ws
    ws.close()


def _edit(ws: Workspace, first_response: int) -> PolicyEdit:
    with ws.session() as session:
        info = next(info for info in list_policies(session) if info.active)
        [current, *_] = list_policy_versions(session, info.id)
    spec = dict(current.spec)
    spec["targets"] = {
        priority: {**targets, "first_response": first_response}
        for priority, targets in spec["targets"].items()
    }
    return PolicyEdit(info.id, spec, current.calendar_name, lock_version=info.lock_version)


@needs_postgres
def test_two_saves_from_the_same_policy_version_one_wins_one_is_told(server: Workspace) -> None:
    ana, bo = _edit(server, 1800), _edit(server, 7200)
    ana_holds = threading.Event()
    release = threading.Event()

    def ana_saves() -> Any:
        with server.session(write=True) as session:
            from slaworkbench.store.policies.versions import save_policy_version

            save_policy_version(
                session, ana.policy_id, ana.spec, calendar_name=ana.calendar_name,
                author="Ana", expected_version=ana.lock_version,
            )  # fmt: skip
            ana_holds.set()
            release.wait(10)  # Bo's save starts while Ana's is not committed yet
        return "saved"

    def bo_saves() -> Any:
        ana_holds.wait(10)
        try:
            return save_policy(server, bo, author="Bo", reason="slower")
        finally:
            release.set()

    def referee() -> None:
        ana_holds.wait(10)
        wait_for_a_lock_wait(server)
        release.set()

    ana_result, bo_result, _ = run_at_once(ana_saves, bo_saves, referee)
    assert ana_result == "saved"
    assert isinstance(bo_result, StalePolicyError), repr(bo_result)
    assert "was changed by Ana at" in str(bo_result)
    with server.session() as session:
        authors = [v.author for v in list_policy_versions(session, ana.policy_id or 0)]
    assert authors[0] == "Ana" and "Bo" not in authors


@needs_postgres
def test_two_full_recomputes_at_once_both_finish(server: Workspace) -> None:
    generate_demo(server, tickets=600, seed=3, now=NOW, compute_clocks=False)
    results = run_at_once(
        lambda: recompute(server, only_open=False, chunk_size=50, now=NOW, author="a", reason="x"),
        lambda: recompute(server, only_open=False, chunk_size=50, now=NOW, author="b", reason="y"),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert clock_mismatches(server, NOW) == []


@needs_postgres
def test_two_imports_at_once_both_succeed_with_clocks(server: Workspace, tmp_path: Path) -> None:
    first = event_log(tmp_path / "a.csv", "A", 400)
    second = event_log(tmp_path / "b.csv", "B", 400)
    results = run_at_once(
        lambda: import_event_log(server, first, "bpic2013"),
        lambda: import_event_log(server, second, "bpic2013"),
    )
    assert [getattr(r, "tickets_imported", r) for r in results] == [400, 400]
    with server.session() as session:
        unjudged = session.execute(
            text(
                "SELECT count(*) FROM tickets t WHERE NOT EXISTS"
                " (SELECT 1 FROM ticket_clocks c WHERE c.ticket_id = t.id)"
            )
        ).scalar_one()
    assert unjudged == 0


@needs_postgres
def test_the_same_file_imported_twice_at_once_is_skipped_once(
    server: Workspace, tmp_path: Path
) -> None:
    log = event_log(tmp_path / "a.csv", "A", 400)
    results = run_at_once(
        lambda: import_event_log(server, log, "bpic2013"),
        lambda: import_event_log(server, log, "bpic2013"),
    )
    outcomes = sorted(
        (r.tickets_imported, r.tickets_skipped) if hasattr(r, "tickets_skipped") else (-1, -1)
        for r in results
    )
    assert outcomes == [(0, 400), (400, 0)], results


def test_recompute_all_verify_repairs_a_stale_cached_timeline(workspace_url: str) -> None:
    ws = open_workspace(workspace_url)
    try:
        generate_demo(ws, tickets=60, seed=5, now=NOW, compute_clocks=False)
        recompute(ws, only_open=False, now=NOW, author="t", reason="baseline")
        with ws.begin() as connection:
            ticket = connection.execute(
                text(
                    "SELECT t.id FROM tickets t JOIN ticket_timelines l ON l.ticket_id = t.id"
                    " WHERE t.status = 'open' ORDER BY t.id LIMIT 1"
                )
            ).scalar_one()
            # What a ticket action racing a recompute left behind: an event the cached
            # timeline does not know about (the ticket was put on hold).
            connection.execute(
                text(
                    "INSERT INTO ticket_events (ticket_id, seq, at, type_code, status_code)"
                    " SELECT :t, max(seq) + 1, :at, :type, :status"
                    " FROM ticket_events WHERE ticket_id = :t"
                ),
                {
                    "t": ticket,
                    "at": NOW,
                    "type": code_of(EVENT_TYPES, "status_changed"),
                    "status": code_of(STATUSES, "on_hold"),
                },
            )
            connection.execute(
                text("UPDATE tickets SET status = 'on_hold' WHERE id = :t"), {"t": ticket}
            )
        recompute(ws, only_open=False, verify=True, now=NOW, author="t", reason="repair")
        assert clock_mismatches(ws, NOW) == []
    finally:
        ws.close()


@needs_postgres
def test_a_second_desk_waits_for_the_recompute_and_skips_it(server: Workspace) -> None:
    generate_demo(server, tickets=200, seed=4, now=NOW, compute_clocks=False)
    other = open_workspace(server.url, create=False)
    first_started = threading.Event()

    def first() -> Any:
        def progress(done: int, _total: int) -> None:
            if done == 0:
                first_started.set()
                wait_for_a_lock_wait(server)  # the second desk is queued behind this one

        return recompute(server, now=NOW, chunk_size=50, progress=progress)

    def second() -> Any:
        first_started.wait(10)
        return recompute(other, now=NOW, chunk_size=50)

    try:
        done_first, done_second = run_at_once(first, second)
    finally:
        other.close()
    assert done_first.tickets > 0 and not done_first.skipped
    assert done_second.skipped and done_second.tickets == 0
