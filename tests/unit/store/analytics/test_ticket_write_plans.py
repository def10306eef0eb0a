"""A ticket action reads the clock rows of its tickets by the clocks' key: SQLite's
planner, which has no statistics here, took the partial index of every stopped first
response and resolution for two of its reads (the rollup's durations and the held
samples' spans) and walked all of it: 0.15-0.3 s each at 1M tickets, four in an edit and
a reply. Each statement an edit, a reply and a bulk edit run on ``ticket_clocks`` with a
ticket condition is explained here; its plan must search ``ticket_clocks`` by ticket."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.tickets.actions import agent_reply
from slaworkbench.app.tickets.edits import FieldValues, apply_bulk_edit, apply_edit
from slaworkbench.domain.model import Priority
from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_790_000_000
ELSEWHERE = re.compile(r"ix_ticket_clocks_|SCAN (ticket_clocks|c)\b")
"""A plan step that walks a period index of the clock rows, or all of them."""


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}") as ws:
        generate_demo(ws, tickets=400, seed=2, now=NOW)
        yield ws


def _open_tickets(ws: Workspace, count: int) -> list[tuple[int, int]]:
    with ws.session() as session:
        rows = session.execute(
            select(Ticket.id, Ticket.version)
            .where(Ticket.status == "open", Ticket.priority != "urgent")
            .order_by(Ticket.id)
            .limit(count)
        ).all()
    return [(int(i), int(v)) for i, v in rows]


def test_a_ticket_actions_reads_of_clock_rows_go_by_ticket(workspace: Workspace) -> None:
    statements: list[tuple[str, Any]] = []

    def seen(_conn, _cursor, statement, parameters, _context, executemany):  # type: ignore[no-untyped-def]
        text = " ".join(statement.split())
        by_ticket = any(f"ticket_id {word}" in text for word in ("IN", "BETWEEN", "="))
        if not executemany and text.startswith("SELECT") and "ticket_clocks" in text and by_ticket:
            statements.append((text, parameters))

    event.listen(workspace.engine, "before_cursor_execute", seen)
    try:
        (one, version), *several = _open_tickets(workspace, 12)
        apply_edit(workspace, one, FieldValues(priority=Priority.HIGH), author="Ana",
                   expected_version=version, now=NOW + 60)  # fmt: skip
        agent_reply(workspace, one, "On it.", author="Ana", expected_version=version + 1,
                    now=NOW + 120)  # fmt: skip
        apply_bulk_edit(workspace, several, FieldValues(priority=Priority.URGENT), author="Ana",
                        now=NOW + 180)  # fmt: skip
    finally:
        event.remove(workspace.engine, "before_cursor_execute", seen)
    assert len(statements) >= 6
    with workspace.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        for text, parameters in statements:
            plan = [row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {text}", parameters)]
            assert not [step for step in plan if ELSEWHERE.search(step)], (
                f"{text[:160]} … planned as: {plan}"
            )
