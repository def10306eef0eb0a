"""The full workspace check: integrity first, then every open ticket's clocks against its
events; what it repaired, by ticket."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import delete, func, insert, select, update

from slaworkbench.app.check.summary import describe_report
from slaworkbench.app.check.workspace import check_workspace
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.analytics.rollup import duration_rollup_rows, rollup_rows
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.errors import WorkspaceError
from slaworkbench.store.schema import Ticket, TicketClock, TicketEvent, TicketTimeline
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.damaged_files import corrupt_a_page_of

T0 = int(dt.datetime(2024, 1, 8, 9, 0, tzinfo=dt.UTC).timestamp())
NOW = T0 + 30 * 3600


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """60 tickets, every fourth solved, every third replied to; clocks evaluated at NOW."""
    with open_workspace(str(tmp_path / "w.sqlite3")) as ws:
        with ws.begin() as connection:
            tickets, events = [], []
            for n in range(1, 61):
                created = T0 + n * 60
                status = "solved" if n % 4 == 0 else "open"
                tickets.append(
                    {"id": n, "subject": f"Ticket {n}", "priority": "high", "status": status,
                     "created_at": created, "updated_at": created + n * 7}
                )  # fmt: skip
                log = [("created", created, "new"), ("status_changed", created + 600, status)]
                if n % 3 == 0:
                    log.insert(1, ("agent_reply", created + 300, None))
                events += [
                    {"ticket_id": n, "seq": seq, "at": at, "type": kind, "author": "import",
                     "status": st}
                    for seq, (kind, at, st) in enumerate(log, start=1)
                ]  # fmt: skip
            connection.execute(insert(Ticket), tickets)
            connection.execute(insert(TicketEvent), events)
        recompute(ws, only_open=False, now=NOW, reason="set-up", author="test")
        yield ws


def _open_tickets(ws: Workspace) -> int:
    with ws.session() as session:
        return int(
            session.execute(
                select(func.count(Ticket.id)).where(Ticket.status == "open")
            ).scalar_one()
        )


def test_a_healthy_workspace_checks_clean(workspace: Workspace) -> None:
    report = check_workspace(workspace, now=NOW + 3600)
    assert report.integrity_checked and report.problems == ()
    assert report.tickets_verified == _open_tickets(workspace) == 45
    assert (report.tickets_repaired, report.repaired_ids) == (0, ())
    assert report.closed_unevaluated == 0
    assert report.rollup_rows_repaired == 0
    assert report.ok


def test_closed_tickets_never_evaluated_are_counted_not_rejudged(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:  # as an import killed in its clock step
        session.execute(delete(TicketClock).where(TicketClock.ticket_id.in_([4, 8])))
        session.execute(delete(TicketTimeline).where(TicketTimeline.ticket_id.in_([4, 8])))
    report = check_workspace(workspace, now=NOW)
    assert report.closed_unevaluated == 2
    assert report.tickets_repaired == 0 and not report.ok


def test_clocks_edited_by_hand_or_missing_are_repaired_and_reported(workspace: Workspace) -> None:
    running = (TicketClock.ticket_id == 3, TicketClock.stopped_at.is_(None))
    with workspace.session() as session:
        evaluated = dict(
            session.execute(
                select(TicketClock.ticket_id, func.count()).group_by(TicketClock.ticket_id)
            ).all()
        )
        states = session.execute(select(TicketClock.metric, TicketClock.state).where(*running))
        before = sorted(states.all())
    assert before  # ticket 3 has a running clock
    with workspace.session(write=True) as session:
        session.execute(
            update(TicketClock).where(*running).values(state="breached", breached_at=T0)
        )
        session.execute(delete(TicketClock).where(TicketClock.ticket_id == 7))
    report = check_workspace(workspace, now=NOW)
    assert (report.tickets_repaired, report.repaired_ids) == (2, (3, 7))
    assert not report.ok
    with workspace.session() as session:
        states = session.execute(select(TicketClock.metric, TicketClock.state).where(*running))
        after = sorted(states.all())
        count = session.execute(select(func.count()).where(TicketClock.ticket_id == 7)).scalar_one()
    assert after == before
    assert count == evaluated[7]
    assert check_workspace(workspace, now=NOW).ok


def test_a_daily_rollup_that_differs_from_the_clock_rows_is_rebuilt_and_reported(
    workspace: Workspace,
) -> None:
    with workspace.begin() as connection:
        right = rollup_rows(connection)
        assert right and rollup_differences(connection) == []
        connection.exec_driver_sql(  # one day's count wrong, another day's row lost
            "UPDATE clock_rollup SET achieved = achieved + 5 "
            "WHERE day = (SELECT min(day) FROM clock_rollup)"
        )
        connection.exec_driver_sql(
            "DELETE FROM clock_rollup WHERE day = (SELECT max(day) FROM clock_rollup)"
        )
        connection.exec_driver_sql(  # and a row for a day without any clock
            "INSERT INTO clock_rollup (day, metric, priority, team_id, customer_id, "
            "policy_version_id, agent_id, achieved, breached, other) "
            "SELECT day - 400, metric, priority, team_id, customer_id, policy_version_id, "
            "agent_id, 1, 0, 0 FROM clock_rollup LIMIT 1"
        )
        wrong = len(rollup_differences(connection))
    assert wrong >= 3
    report = check_workspace(workspace, now=NOW)
    assert report.rollup_rows_repaired == wrong
    assert report.tickets_repaired == 0 and not report.ok
    assert any(str(wrong) in line and "daily figures" in line for line in describe_report(report))
    with workspace.begin() as connection:
        assert rollup_differences(connection) == []
        assert rollup_rows(connection) == right
    assert check_workspace(workspace, now=NOW).ok


_DAMAGED = {
    # one day's count wrong, another day's row lost
    "per team": (
        lambda connection: rollup_rows(connection, by_team=True),
        "clock_rollup_by_team",
        "breached = breached + 2",
        "day",
    ),
    # one span's count wrong, another span's rows lost
    "per span": (
        lambda connection: rollup_rows(connection, by_span=True),
        "clock_rollup_by_span",
        "achieved = achieved + 1",
        "span",
    ),
    # one bin's sum wrong, another day's bins lost
    "durations": (duration_rollup_rows, "duration_rollup", "total = total + 60", "day"),
}


@pytest.mark.parametrize("table", list(_DAMAGED))
def test_a_summed_rollup_that_differs_from_the_clock_rows_is_rebuilt(
    workspace: Workspace, table: str
) -> None:
    rows_of, name, wrong_sum, first = _DAMAGED[table]
    with workspace.begin() as connection:
        right = rows_of(connection)
        assert right and rollup_differences(connection) == []
        connection.exec_driver_sql(
            f"UPDATE {name} SET {wrong_sum} WHERE {first} = (SELECT min({first}) FROM {name})"
        )
        connection.exec_driver_sql(
            f"DELETE FROM {name} WHERE {first} = (SELECT max({first}) FROM {name})"
        )
        wrong = len(rollup_differences(connection))
    assert wrong >= 2
    report = check_workspace(workspace, now=NOW)
    assert report.rollup_rows_repaired == wrong and not report.ok
    with workspace.begin() as connection:
        assert rollup_differences(connection) == []
        assert rows_of(connection) == right
    assert check_workspace(workspace, now=NOW).ok


def test_the_check_leaves_a_stopped_verdict_to_a_re_baseline(workspace: Workspace) -> None:
    stopped = (
        TicketClock.ticket_id == 3,
        TicketClock.metric == "first_response",
        TicketClock.stopped_at.is_not(None),
    )
    with workspace.session(write=True) as session:
        session.execute(update(TicketClock).where(*stopped).values(state="breached"))
    check_workspace(workspace, now=NOW)
    with workspace.session() as session:
        assert session.execute(select(TicketClock.state).where(*stopped)).scalar_one() == "breached"


def _index_off_its_column(path: Path) -> None:
    """``ix_tickets_created_at`` declared on another column than the one it holds: what
    the integrity check finds and the quick check does not."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = replace(sql, '(created_at)', '(updated_at)') "
            "WHERE name = 'ix_tickets_created_at'"
        )
        connection.commit()


def test_an_index_that_disagrees_with_its_table_is_reported_and_nothing_is_written(
    workspace: Workspace,
) -> None:
    path = Path(workspace.engine.url.database or "")
    _index_off_its_column(path)
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    workspace.engine.dispose()
    before = workspace.data_version()
    report = check_workspace(workspace, now=NOW)
    assert report.problems and any("ix_tickets_created_at" in p for p in report.problems)
    assert report.tickets_verified == 0 and not report.ok
    assert workspace.data_version() == before


def test_damage_the_comparisons_and_the_integrity_check_meet_stops_the_check(
    workspace: Workspace,
) -> None:
    """The rollups are compared while the integrity check runs: a page of the rollup
    overwritten (which both read, and neither can) is the damaged sentence, nothing
    written."""
    path = Path(workspace.engine.url.database or "")
    workspace.engine.dispose()
    corrupt_a_page_of(path, "clock_rollup", keep_times=False)
    before = workspace.data_version()
    with pytest.raises(WorkspaceError, match="is damaged"):
        check_workspace(workspace, now=NOW)
    assert workspace.data_version() == before


def test_a_comparison_that_fails_on_a_file_the_integrity_check_faults_gives_its_report(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the integrity check finds is the report, whatever the comparisons beside it
    met on the same damaged file (here an error like damage's, on purpose); and a
    comparison's error on a file the integrity check passes is raised."""
    path = Path(workspace.engine.url.database or "")

    def damaged(connection: object) -> list[object]:
        raise WorkspaceError("The workspace is damaged (database disk image is malformed).")

    monkeypatch.setattr("slaworkbench.app.check.workspace.rollup_differences", damaged)
    with pytest.raises(WorkspaceError, match="is damaged"):  # the file is whole
        check_workspace(workspace, now=NOW)
    _index_off_its_column(path)
    workspace.engine.dispose()
    before = workspace.data_version()
    report = check_workspace(workspace, now=NOW)
    assert any("ix_tickets_created_at" in p for p in report.problems)
    assert report.tickets_verified == 0 and not report.ok
    assert workspace.data_version() == before


def test_a_clock_row_changed_behind_its_rollup_is_counted_once_and_left_right(
    workspace: Workspace,
) -> None:
    """The rollups are compared before the recomputes, which repair the clock row and move
    the rollup by what they change: the differing rows are those the check finds, and
    after it the rollup and the clock rows agree."""
    with workspace.begin() as connection:
        stopped = connection.exec_driver_sql(
            "SELECT c.id FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id"
            " WHERE t.status = 'open' AND c.stopped_at IS NOT NULL ORDER BY c.id LIMIT 1"
        ).scalar_one()
        connection.exec_driver_sql(  # a verdict moved behind the rollup's back
            "UPDATE ticket_clocks SET state_code = 5 - state_code, stopped_at = stopped_at + 86400"
            f" WHERE id = {stopped}"
        )
        wrong = len(rollup_differences(connection))
    assert wrong >= 2
    report = check_workspace(workspace, now=NOW)
    assert report.tickets_repaired == 1 and report.rollup_rows_repaired == wrong
    with workspace.begin() as connection:
        assert rollup_differences(connection) == []
    assert check_workspace(workspace, now=NOW).ok
