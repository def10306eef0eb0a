"""A report built from a workspace computes its sections on two threads, each in a
session of its own: the same report as one session gives, read in one snapshot even when
another connection commits while the snapshots are taken, and a section's error reaches
the caller with no thread left running."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from slaworkbench.app.analytics.filters import AnalyticsError, Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.ola.accountability import ola_accountability
from slaworkbench.app.ola.sla_holders import sla_holders
from slaworkbench.cli.main import main
from slaworkbench.reports import builder
from slaworkbench.reports.builder import ReportData, ReportOptions, build_report
from slaworkbench.store import dialect
from slaworkbench.store.analytics import queries
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.twin_demos import demo_on

NOW = 1_790_000_000
LAST = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
OPTIONS = ReportOptions(Filters(LAST - dt.timedelta(days=89), LAST, tz="Europe/Lisbon"))
WRITER_WAIT_S = 1.0
"""How long the snapshot test lets a concurrent write try to commit before the later
snapshots are taken (it commits at once where nothing keeps it out)."""


@pytest.fixture
def demo(engine_name: str, tmp_path: Path) -> Iterator[Workspace]:
    """A demo workspace on each engine (a copy of one made once per test process)."""
    with demo_on(engine_name, tmp_path, tickets=600, seed=11, now=NOW) as workspace:
        yield workspace


def in_one_session(workspace: Workspace) -> ReportData:
    with workspace.session() as session:
        return build_report(session, OPTIONS, workspace="W", now=NOW)


def report_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("report")]


def test_the_parallel_report_equals_the_one_of_one_session(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: set[str] = set()

    def ola(*args: Any) -> Any:
        threads.add(threading.current_thread().name)
        return ola_accountability(*args)

    def holders(*args: Any) -> Any:
        threads.add(threading.current_thread().name)
        return sla_holders(*args)

    monkeypatch.setattr(builder, "ola_accountability", ola)
    monkeypatch.setattr(builder, "sla_holders", holders)
    parallel = build_report(demo, OPTIONS, workspace="W", now=NOW)
    assert len(threads) == 2 and all(name.startswith("report") for name in threads)
    sequential = in_one_session(demo)
    assert sequential.headline and any(m.stopped for m in sequential.headline)
    assert sequential.sla_holders and sequential.ola is not None
    assert parallel == sequential
    assert not report_threads()


def test_an_in_memory_workspace_reports_in_one_session() -> None:
    with open_workspace("sqlite://") as workspace:
        generate_demo(workspace, tickets=120, seed=3, now=NOW)
        assert build_report(workspace, OPTIONS, workspace="W", now=NOW) == in_one_session(workspace)


def _rename(workspace: Workspace) -> None:
    """A write every section group could see: the workspace's name and goal."""
    with workspace.begin() as connection:
        for key, value in (("workspace_name", "Renamed"), ("report_compliance_goal", "0.5")):
            connection.execute(text("DELETE FROM workspace_meta WHERE key = :k"), {"k": key})
            connection.execute(
                text("INSERT INTO workspace_meta (key, value) VALUES (:k, :v)"),
                {"k": key, "v": value},
            )


def test_every_section_reads_the_state_before_a_write_committed_meanwhile(
    demo: Workspace,
) -> None:
    """Another connection commits a write right after the first worker's snapshot is
    taken, before the next worker's: neither sees it (on SQLite the write waits for
    the snapshots; on PostgreSQL the second imports the first's)."""
    before = in_one_session(demo)
    writer: list[threading.Thread] = []

    def after_execute(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if writer or not statement.lstrip().upper().startswith("SELECT"):
            return
        writer.append(threading.Thread(target=_rename, args=(demo,), name="test writer"))
        writer[0].start()
        writer[0].join(WRITER_WAIT_S)

    event.listen(demo.engine, "after_cursor_execute", after_execute)
    try:
        during = build_report(demo, OPTIONS, workspace="W", now=NOW)
    finally:
        event.remove(demo.engine, "after_cursor_execute", after_execute)
    assert writer, "no snapshot was taken"
    writer[0].join(30)
    assert not writer[0].is_alive(), "the write never committed"
    assert during == before
    after = in_one_session(demo)
    assert (after.workspace, after.goal) == ("Renamed", 0.5)


@pytest.mark.parametrize("failing", ["ola_accountability", "sla_holders"])
def test_a_failing_section_reaches_the_caller(
    demo: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    failing: str,
) -> None:
    def fail(*_args: Any) -> Any:
        raise AnalyticsError("This section cannot be computed; change the filters.")

    monkeypatch.setattr(builder, failing, fail)
    with pytest.raises(AnalyticsError, match="This section cannot be computed"):
        build_report(demo, OPTIONS, workspace="W", now=NOW)
    assert not report_threads()
    assert capfd.readouterr() == ("", "")


def test_the_caller_prepares_while_the_sections_are_read(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``meanwhile`` (the CLI loads the PDF renderer) runs on the calling thread while a
    group's section is still being read: the section waits for it here, and it for the
    section, so a ``meanwhile`` run before the threads start or after they end would
    time out."""
    entered, released = threading.Event(), threading.Event()
    seen: list[str] = []

    def holders(*args: Any) -> Any:
        entered.set()
        assert released.wait(30)
        return sla_holders(*args)

    def meanwhile() -> None:
        seen.append(threading.current_thread().name)
        assert entered.wait(30)  # a section is being read ...
        released.set()  # ... and finishes after this

    monkeypatch.setattr(builder, "sla_holders", holders)
    parallel = build_report(demo, OPTIONS, workspace="W", now=NOW, meanwhile=meanwhile)
    assert seen == [threading.current_thread().name]
    assert parallel == in_one_session(demo)
    assert not report_threads()


def test_a_failing_preparation_reaches_the_caller_with_no_thread_left(demo: Workspace) -> None:
    def meanwhile() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        build_report(demo, OPTIONS, workspace="W", now=NOW, meanwhile=meanwhile)
    assert not report_threads()


def test_the_clocks_not_stopped_are_counted_once_per_report(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The headline and the running clocks share one count of the clocks not stopped by
    the period's end (they are in one group, one session)."""
    calls: list[str] = []
    counts = queries.running_counts

    def counted(*args: Any) -> Any:
        calls.append(threading.current_thread().name)
        return counts(*args)

    monkeypatch.setattr(queries, "running_counts", counted)
    parallel = build_report(demo, OPTIONS, workspace="W", now=NOW)
    assert len(calls) == 1
    sequential = in_one_session(demo)
    assert len(calls) == 2
    assert parallel == sequential
    assert any(m.not_stopped for m in parallel.headline) and parallel.running.metrics


def test_a_writer_holding_the_lock_leaves_the_report_to_one_session(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report never waits for a writer (an import, a re-baseline): while another
    connection holds the write lock, the sections are read one after the other in one
    snapshot, as before the threads, and give the same report."""
    monkeypatch.setattr(dialect, "BUSY_TIMEOUT_MS", 60_000)  # a wait would show
    path = tmp_path / "busy.sqlite3"
    with open_workspace(f"sqlite:///{path}") as workspace:
        generate_demo(workspace, tickets=200, seed=5, now=NOW)
        expected = in_one_session(workspace)
        threads: set[str] = set()

        def holders(*args: Any) -> Any:
            threads.add(threading.current_thread().name)
            return sla_holders(*args)

        def ola(*args: Any) -> Any:
            threads.add(threading.current_thread().name)
            return ola_accountability(*args)

        monkeypatch.setattr(builder, "sla_holders", holders)  # in one group
        monkeypatch.setattr(builder, "ola_accountability", ola)  # in the other
        holder = sqlite3.connect(path, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            started = time.monotonic()
            assert build_report(workspace, OPTIONS, workspace="W", now=NOW) == expected
            assert time.monotonic() - started < 30
        finally:
            holder.close()
        assert threads == {threading.current_thread().name}
        assert not report_threads()
        threads.clear()
        assert build_report(workspace, OPTIONS, workspace="W", now=NOW) == expected
        assert len(threads) == 2  # the lock free: on two threads again


def test_an_agent_login_reports_in_one_snapshot_on_a_server(postgres_url: str) -> None:
    """The snapshot is exported and imported with the least role of a team (an agent)."""
    with open_workspace(postgres_url) as owner:
        generate_demo(owner, tickets=200, seed=5, now=NOW)
        expected = in_one_session(owner)
    agent = f"agent_{uuid.uuid4().hex[:8]}"
    assert main(["admin", "init-roles", "--database", postgres_url]) == 0
    add = ["admin", "add-user", agent, "--role", "agent", "--no-password"]
    assert main([*add, "--database", postgres_url]) == 0
    try:
        as_agent = make_url(postgres_url).set(username=agent, password=None)
        with open_workspace(as_agent.render_as_string(hide_password=False)) as workspace:
            assert build_report(workspace, OPTIONS, workspace="W", now=NOW) == expected
    finally:
        plain = make_url(postgres_url).set(drivername="postgresql")
        with psycopg.connect(plain.render_as_string(hide_password=False)) as connection:
            connection.execute(f'DROP ROLE IF EXISTS "{agent}"')
