"""Rows built ready to insert by the reading process (a workspace without tickets): the
same workspace as reading the whole file first and storing it (``store_parsed``), with
customers, teams (and team moves), agents, tags and names the workspace held before;
and when those rows no longer fit (``NotReady``), the file is read again as tickets."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from slaworkbench.app.importing import streamed
from slaworkbench.app.importing.run import import_event_log, store_parsed
from slaworkbench.store.importing import bulk
from slaworkbench.store.importing.event_log import FIRST_SENT, parse_event_log
from slaworkbench.store.importing.presets import load_preset
from slaworkbench.store.importing.ready import ReadyPlan
from slaworkbench.store.workspace import Workspace, open_workspace

HEADER = "Case,When,Status,Sub Status,Impact,Owner,Customer,Tier,Team,Kind,Labels\n"
PRESET = {
    "name": "rich",
    "columns": {
        "case_id": "Case",
        "timestamp": "When",
        "status": ["Status", "Sub Status"],
        "priority": "Impact",
        "assignee": "Owner",
        "author": "Owner",
        "customer": "Customer",
        "customer_tier": "Tier",
        "team": "Team",
        "category": "Kind",
        "tags": "Labels",
    },
    "timestamps": {"formats": ["iso8601"], "timezone": "Europe/Lisbon"},
    "statuses": {
        "open": ["Queued/Waiting", "Accepted/Working"],
        "pending": ["Accepted/Wait - User"],
        "solved": ["Completed/Resolved"],
    },
    "agent_reply": {"from": ["Queued/Waiting"], "to": ["Accepted/Working"]},
    "priorities": {"High": "high", "Medium": "normal", "Low": "low"},
}
CASES = 4 * FIRST_SENT


def _case(case: int) -> str:
    owner = f"agent{case % 11}" if case % 5 else ""
    customer = f"cust{case % 17}" if case % 3 else ""
    tier = ("gold", "silver", "")[case % 3]
    first, second = f"team{case % 4}", f"team{(case + 1) % 6}" if case % 2 else ""
    labels = f"a{case % 3} b{case % 2}" if case % 4 else ""
    hour = 8 + case % 10
    return (
        f"C{case},2026-03-02T{hour:02d}:00:00+00:00,Queued,Waiting,Medium,{owner},"
        f"{customer},{tier},{first},k{case % 3},{labels}\n"
        f"C{case},2026-03-02T{hour:02d}:10:00+00:00,Accepted,Working,High,{owner},"
        f"{customer},,{second},,\n"
        f"C{case},2026-03-02T{hour:02d}:20:00+00:00,Accepted,Wait - User,High,agent{case % 13},"
        f",,,,\n"
        f"C{case},2026-03-02T{hour:02d}:40:00+00:00,Completed,Resolved,Low,{owner},"
        f"{customer},{tier},,,\n"
    )


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    preset = tmp_path / "rich.json"
    preset.write_text(json.dumps(PRESET), encoding="utf-8")
    log = tmp_path / "log.csv"
    log.write_text(HEADER + "".join(_case(case) for case in range(1, CASES + 1)), "utf-8")
    return log, preset


TABLES = {
    "tickets": "SELECT id, external_id, subject, requester, customer_id, team_id, assignee_id,"
    " category, channel, tags, priority, status, created_at, updated_at, solved_at, version,"
    " sla_state FROM tickets ORDER BY id",
    "events": "SELECT ticket_id, seq, at, type,"
    " (SELECT name FROM event_authors WHERE id = author_id) AS author,"
    " status, priority, field, value"
    " FROM ticket_events ORDER BY ticket_id, seq",
    "agents": "SELECT id, name, role FROM agents ORDER BY id",
    "teams": "SELECT id, name FROM teams ORDER BY id",
    "customers": "SELECT id, name, tier FROM customers ORDER BY id",
    "authors": "SELECT id, name FROM event_authors ORDER BY id",
}


def _stored(ws: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    with ws.engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.exec_driver_sql(sql)]
            for name, sql in TABLES.items()
        }


def _held_names(ws: Workspace) -> None:
    """Customers, teams, agents and events' authors before any ticket, some of which
    the file names."""
    with ws.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO teams (name) VALUES ('team3'), ('outside')")
        connection.exec_driver_sql(
            "INSERT INTO customers (name, tier) VALUES ('cust5', 'bronze'), ('nobody', NULL)"
        )
        connection.exec_driver_sql(
            "INSERT INTO agents (name, role) VALUES ('agent7', 'agent'), ('boss', 'manager')"
        )
        connection.exec_driver_sql("INSERT INTO event_authors (name) VALUES ('agent3'), ('gone')")


def _ready_groups(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many groups went through ``write_ready`` (count of each import)."""
    counted: list[int] = []
    original = bulk.ChunkWriter.write_ready

    def counting(self: bulk.ChunkWriter, ready: Any) -> None:
        counted.append(ready.count)
        original(self, ready)

    monkeypatch.setattr(bulk.ChunkWriter, "write_ready", counting)
    return counted


def _compare(tmp_path: Path, log: Path, preset: Path, *, held: bool) -> None:
    streamed_ws = open_workspace(f"sqlite:///{tmp_path / 'streamed.sqlite3'}")
    read_first = open_workspace(f"sqlite:///{tmp_path / 'read_first.sqlite3'}")
    if held:
        _held_names(streamed_ws)
        _held_names(read_first)
    one = import_event_log(streamed_ws, log, str(preset), compute_clocks=False)
    other = store_parsed(
        read_first, parse_event_log(log, load_preset(str(preset))), compute_clocks=False
    )
    assert one == other
    assert one.tickets_imported == CASES
    stored = _stored(streamed_ws)
    assert stored == _stored(read_first)
    assert len(stored["teams"]) >= 5 and len(stored["customers"]) >= 17
    assert len(stored["authors"]) >= 13  # the owners (the agents of each case)
    assert {row[4] for row in stored["events"]} >= {None, "agent3", "agent12"}
    assert any(row[9] for row in stored["tickets"])  # some tags


@pytest.mark.parametrize("held", [False, True], ids=["empty", "names held before"])
def test_rows_built_ready_store_what_reading_first_stores(
    tmp_path: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, held: bool
) -> None:
    counted = _ready_groups(monkeypatch)
    _compare(tmp_path, *files, held=held)
    assert sum(counted) == CASES and len(counted) > 1


def test_a_case_coming_back_later_restarts_with_the_same_ids(
    tmp_path: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    log, preset = files
    with log.open("a", encoding="utf-8") as handle:  # C2 again, and new names
        handle.write("C2,2026-03-03T09:00:00+00:00,Accepted,Working,Low,late,newcust,,newteam,,\n")
    counted = _ready_groups(monkeypatch)
    _compare(tmp_path, log, preset, held=True)
    assert sum(counted) > CASES  # the groups written before the restart, then all again


@pytest.mark.parametrize("wrong", ["ticket id", "team id", "agent id", "author id"])
def test_rows_that_no_longer_fit_are_read_again_as_tickets(
    tmp_path: Path, files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, wrong: str
) -> None:
    planned = streamed.ready_plan
    failures: list[str] = []

    def off_by_one(connection: Any) -> ReadyPlan | None:
        plan = planned(connection)
        assert plan is not None
        if wrong == "ticket id":
            return replace(plan, first_id=plan.first_id + 1)
        if wrong == "author id":
            return replace(plan, next_author_id=plan.next_author_id + 1)
        table = "teams" if wrong == "team id" else "agents"
        return replace(plan, next_name_ids={**plan.next_name_ids, table: 40})

    original = bulk.ChunkWriter.write_ready

    def watched(self: bulk.ChunkWriter, ready: Any) -> None:
        try:
            original(self, ready)
        except bulk.NotReady:
            failures.append(wrong)
            raise

    monkeypatch.setattr(streamed, "ready_plan", off_by_one)
    monkeypatch.setattr(bulk.ChunkWriter, "write_ready", watched)
    _compare(tmp_path, *files, held=True)
    assert failures == [wrong]


def test_the_ready_rows_have_the_widths_of_the_inserted_columns() -> None:
    from slaworkbench.store.importing.ready import EVENT_WIDTH, TICKET_WIDTH

    assert len(bulk.TICKET_COLUMNS) == TICKET_WIDTH
    assert len(bulk.EVENT_COLUMNS) == EVENT_WIDTH
