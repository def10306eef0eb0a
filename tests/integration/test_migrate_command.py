"""``slaworkbench migrate``: a demo workspace moved from a SQLite file to PostgreSQL (and
to another file) arrives with identical row counts, clock results and report figures;
a non-empty target is refused; a move that fails verification keeps nothing."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.cli.main import main
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.store import moving
from slaworkbench.store.schema import Base
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_790_000_000
DEMO_TICKETS = int(os.environ.get("SLAWORKBENCH_MIGRATE_TICKETS", "3000"))
"""A few thousand in the default suite; ``make bench`` sets 100,000."""


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with open_workspace(str(path)) as ws:
        generate_demo(ws, tickets=DEMO_TICKETS, seed=11, now=NOW)
    return path


def counts(ws: Workspace) -> dict[str, int]:
    with ws.engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def figures(ws: Workspace) -> Any:
    start = dt.datetime.fromtimestamp(NOW, dt.UTC).date()
    filters = Filters(start - dt.timedelta(days=120), start + dt.timedelta(days=1))
    with ws.session() as session:
        report = build_report(session, ReportOptions(filters), workspace="w", now=NOW)
    return report


def moved_matches(source_path: Path, target_url: str) -> None:
    with open_workspace(str(source_path), create=False) as source:
        want_counts, want_figures = counts(source), figures(source)
        with source.engine.connect() as connection:
            want_checksum = moving.clock_checksum(connection)
    with open_workspace(target_url, create=False) as target:
        assert counts(target) == want_counts
        assert figures(target) == want_figures
        with target.engine.connect() as connection:
            assert moving.clock_checksum(connection) == want_checksum
        # New rows take ids after the copied ones.
        created = create_ticket(target, NewTicket(subject="after the move"), author="t", now=NOW)
        assert created > want_counts["tickets"]


def test_a_demo_moves_to_postgresql_with_identical_counts_and_figures(
    demo_file: Path, scratch_server_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--from", str(demo_file), "--to", scratch_server_url]) == 0
    assert "verified" in capsys.readouterr().out
    moved_matches(demo_file, scratch_server_url)

    assert main(["migrate", "--from", str(demo_file), "--to", scratch_server_url]) == 1
    assert "is not empty" in capsys.readouterr().err


def test_a_demo_moves_to_another_file(demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "moved.sqlite3"
    assert main(["migrate", "--from", str(demo_file), "--to", str(target)]) == 0
    moved_matches(demo_file, str(target))


def test_a_move_that_fails_verification_keeps_nothing(
    demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    real = moving.clock_checksum
    calls: list[int] = []

    def differing(connection: Any) -> str:
        calls.append(1)
        return real(connection) + ("x" if len(calls) == 2 else "")

    monkeypatch.setattr(moving, "clock_checksum", differing)
    target = tmp_path / "moved.sqlite3"
    assert main(["migrate", "--from", str(demo_file), "--to", str(target)]) == 1
    assert "differ from the source" in capsys.readouterr().err
    monkeypatch.undo()
    assert main(["migrate", "--from", str(demo_file), "--to", str(target)]) == 0
