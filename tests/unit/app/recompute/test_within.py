"""Clocks evaluated inside an import's or a demo's one transaction (issue 14, item 2):
the same rows as the separate recompute they replace, and nothing left behind by a
failure."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from slaworkbench.app.demo import drafts
from slaworkbench.app.demo import workspace as demo
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing.run import import_ticket_csv, recompute_clocks
from slaworkbench.app.recompute import within
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.analytics.rollup import rollup_rows
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.clocks import transfer
from slaworkbench.store.schema import META_LAST_RECOMPUTE_AT, META_POLICY_FINGERPRINT
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
_DERIVED = {
    "tickets": "SELECT * FROM tickets ORDER BY id",
    "ticket_clocks": (
        "SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target, "
        "elapsed, remaining, due_at, breached_at, at_risk, risk_at, policy_version_id, "
        "evaluated_at FROM ticket_clocks ORDER BY ticket_id, metric, cycle_index"
    ),
    "ticket_timelines": "SELECT * FROM ticket_timelines ORDER BY ticket_id",
    "meta": (
        f"SELECT key, value FROM workspace_meta WHERE key IN "
        f"('{META_POLICY_FINGERPRINT}', '{META_LAST_RECOMPUTE_AT}') ORDER BY key"
    ),
}


def _dump(workspace: Workspace) -> dict[str, list[tuple[Any, ...]]]:
    with workspace.engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(text(sql))]
            for name, sql in _DERIVED.items()
        }


def _ticket_csv(path: Path, count: int) -> Path:
    rows = [
        f"F{n},Printer {n},{('normal', 'high', 'urgent')[n % 3]},"
        f"2025-12-{1 + n % 28:02d}T09:00:00Z,"
        f"2025-12-{1 + n % 28:02d}T{10 + n % 9}:00:00Z,"
        + ("" if n % 4 == 0 else f"2025-12-{1 + n % 28:02d}T19:00:00Z")
        for n in range(count)
    ]
    header = "id,subject,priority,created,first_response,resolved\n"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    with (
        open_workspace(str(tmp_path / "one.sqlite3")) as one,
        open_workspace(str(tmp_path / "two.sqlite3")) as two,
    ):
        yield one, two


def test_a_demo_judges_its_tickets_as_a_recompute_after_it_did(
    pair: tuple[Workspace, Workspace],
) -> None:
    together, apart = pair
    generate_demo(together, tickets=700, seed=3, now=NOW)
    generate_demo(apart, tickets=700, seed=3, now=NOW, compute_clocks=False)
    recompute(apart, only_open=False, now=NOW)
    dumped = _dump(together)
    assert len(dumped["ticket_clocks"]) > 2 * 700
    assert len(dumped["ticket_timelines"]) == 700
    assert dumped == _dump(apart)


def test_a_demo_rejudges_the_tickets_already_there_by_its_policies(
    pair: tuple[Workspace, Workspace], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(time, "time", lambda: float(NOW - 86_400))
    csv = _ticket_csv(tmp_path / "tickets.csv", 100)
    together, apart = pair
    for workspace, compute in ((together, True), (apart, False)):
        import_ticket_csv(workspace, csv)  # judged by the standard policy
        generate_demo(workspace, tickets=300, seed=2, now=NOW, compute_clocks=compute)
    recompute(apart, only_open=False, now=NOW)  # what the demo did after its write before
    dumped = _dump(together)
    assert dumped == _dump(apart)
    with together.engine.connect() as connection:
        judged_by = connection.execute(
            text(
                "SELECT DISTINCT p.name FROM tickets t JOIN policy_versions v "
                "ON v.id = t.policy_version_id JOIN policies p ON p.id = v.policy_id "
                "WHERE t.id <= 100"
            )
        ).scalars()
        assert "Office hours" in set(judged_by)  # a demo policy, not the standard one


@pytest.mark.parametrize("stage_from", [10**9, 100], ids=["bound-here", "staged"])
def test_an_import_judges_its_tickets_as_a_recompute_after_it_did(
    pair: tuple[Workspace, Workspace],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stage_from: int,
) -> None:
    """Also with its clock rows and holds bound by a helper process and copied by SQLite
    (``store.staging``, where the database takes them)."""
    monkeypatch.setattr(time, "time", lambda: float(NOW))
    csv = _ticket_csv(tmp_path / "tickets.csv", 400)
    together, apart = pair
    for workspace in pair:
        generate_demo(workspace, tickets=200, seed=1, now=NOW)
    copies: list[str] = []
    real_copy = transfer.copy_staged
    monkeypatch.setattr(transfer, "STAGE_FROM", stage_from)
    monkeypatch.setattr(
        transfer,
        "copy_staged",
        lambda c, data, table, *rest, **named: (
            copies.append(table) or real_copy(c, data, table, *rest, **named)
        ),
    )
    import_ticket_csv(together, csv)
    staged = stage_from == 100 and together.engine.dialect.name == "sqlite"
    assert ("ticket_clocks" in copies) == staged
    with monkeypatch.context() as patch:
        patch.setattr("slaworkbench.app.importing.run.judge_tickets", lambda *a, **k: 0)
        import_ticket_csv(apart, csv)
    recompute_clocks(apart, after_id=200, now=NOW)
    dumped = _dump(together)
    assert len(dumped["ticket_timelines"]) == 600
    assert dumped == _dump(apart)


def test_an_import_keeps_every_rollup_summed_at_the_end_or_chunk_by_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import into an empty workspace sums the by-team and by-span rollups once at the
    end of its write (``summed_after``); a smaller one into a fuller workspace adds to
    them chunk by chunk. Either way every rollup is what the clock rows give."""
    monkeypatch.setattr(time, "time", lambda: float(NOW))
    deferred: list[bool] = []
    real = within.summed_after

    def recorded(connection: Any, *, most_of_the_rows: bool) -> Any:
        deferred.append(most_of_the_rows)
        return real(connection, most_of_the_rows=most_of_the_rows)

    monkeypatch.setattr(within, "summed_after", recorded)
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        for count in (300, 350):  # the second adds F300-F349 and skips the rest
            import_ticket_csv(workspace, _ticket_csv(tmp_path / f"{count}.csv", count))
            with workspace.engine.connect() as connection:
                assert rollup_differences(connection) == []
                assert rollup_rows(connection, by_span=True)
    assert deferred == [True, False]


def test_a_demo_whose_clocks_fail_leaves_the_workspace_as_it_was(
    pair: tuple[Workspace, Workspace], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = pair
    calls = 0

    def fail_in_the_clock_step(connection: Any, *args: Any, **kwargs: Any) -> int:
        nonlocal calls
        calls += 1
        written = connection.execute(text("SELECT count(*) FROM tickets")).scalar_one()
        assert written == drafts.CHUNK + 10  # both chunks, in the transaction
        raise OSError("disk full")

    monkeypatch.setattr(demo, "judge_tickets", fail_in_the_clock_step)
    monkeypatch.setattr(drafts, "CHUNK", 120)  # two chunks without 10,010 tickets
    before = _dump(workspace)
    with pytest.raises(OSError, match="disk full"):
        generate_demo(workspace, tickets=drafts.CHUNK + 10, seed=1, now=NOW)
    assert calls == 1  # the tickets of both chunks were written, then the clocks failed
    assert _dump(workspace) == before
    with workspace.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM ticket_events")).scalar_one() == 0
