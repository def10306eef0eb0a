"""A new policy version rewrites only the clock rows whose values it changes (issue 16):
a row the new version judges exactly as the old one did keeps the version that judged
it and its ``evaluated_at``; the ticket names the version that judges it now."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.policy import policy_to_dict
from slaworkbench.store.clocks import bulk as clocks_bulk
from slaworkbench.store.clocks.transfer import read_ints
from slaworkbench.store.policies.versions import load_active_policies, save_policy_version
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_790_000_000
_ROWS = text(
    "SELECT c.ticket_id, c.metric, c.cycle_index, c.started_at, c.stopped_at, c.state,"
    " c.target, c.elapsed, c.remaining, c.due_at, c.breached_at, c.at_risk, c.risk_at,"
    " c.policy_version_id, c.evaluated_at, t.priority"
    " FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id ORDER BY 1, 2, 3"
)


def _rows(workspace: Workspace) -> dict[tuple[int, str, int], tuple[object, ...]]:
    with workspace.engine.connect() as connection:
        return {tuple(row[:3]): tuple(row) for row in connection.execute(_ROWS)}  # type: ignore[misc]


def test_a_rebaseline_after_one_target_changed_rewrites_only_those_clocks(
    tmp_path: Path,
) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        generate_demo(workspace, tickets=600, seed=5, now=NOW)
        before = _rows(workspace)
        with workspace.session(write=True) as session:
            policy = next(
                p
                for p in load_active_policies(session)
                if p.name == "Office hours" and p.variant_for is None  # not a customer's copy
            )
            spec = policy_to_dict(policy)
            spec["targets"]["low"]["resolution"] *= 2
            save_policy_version(
                session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=NOW
            )
            new_version = max(p.version_id or 0 for p in load_active_policies(session))
            old_version = policy.version_id
        later = NOW  # the demo judged every ticket at NOW: only the policy moves
        recompute(workspace, only_open=False, now=later, author="t", reason="one target")
        after = _rows(workspace)
        with workspace.engine.connect() as connection:
            judged_now = connection.execute(
                text("SELECT count(*) FROM tickets WHERE policy_version_id = :v"),
                {"v": new_version},
            ).scalar_one()

    assert after.keys() == before.keys()
    rewritten = {key for key in after if after[key] != before[key]}
    moved = {key for key in after if after[key][3:13] != before[key][3:13]}
    assert moved and rewritten == moved  # nothing rewritten for its version alone
    for key in rewritten:
        row = after[key]
        assert row[13] == new_version and row[14] == later, key
        assert row[15] == "low" and row[1] == "resolution", key  # only what the change moved
    kept = [
        before[key] for key in before if key not in rewritten and before[key][13] == old_version
    ]
    assert kept  # clocks the old version judged, judged the same by the new one
    assert judged_now > len({key[0] for key in rewritten})  # the tickets name the new one


def test_tickets_a_new_version_judges_alike_take_it_without_a_read_of_their_clocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        generate_demo(workspace, tickets=600, seed=5, now=NOW)
        with workspace.session(write=True) as session:
            policy = next(
                p
                for p in load_active_policies(session)
                if p.name == "Office hours" and p.variant_for is None
            )
            spec = policy_to_dict(policy)
            spec["targets"]["low"]["resolution"] *= 2
            save_policy_version(
                session, policy.id, spec, calendar_name=policy.calendar.name, author="t", now=NOW
            )
            new_version = max(p.version_id or 0 for p in load_active_policies(session))
        read: list[int] = []

        def recording_read(*args: Any, **kwargs: Any) -> Any:
            if args[4] == "ticket_id":  # (connection, columns, source, ids, key); not rows by id
                read.extend(args[3].tolist())
            return read_ints(*args, **kwargs)

        monkeypatch.setattr(clocks_bulk, "read_ints", recording_read)
        recompute(workspace, only_open=False, now=NOW, author="t", reason="one target")
        with workspace.engine.connect() as connection:
            priority = dict(connection.execute(text("SELECT id, priority FROM tickets")).all())
            judged = set(
                connection.execute(
                    text("SELECT id FROM tickets WHERE policy_version_id = :v"), {"v": new_version}
                ).scalars()
            )
    assert read  # the tickets the doubled target moves are read and rewritten
    assert {priority[ticket] for ticket in read} == {"low"}
    assert {priority[ticket] for ticket in judged} > {"low"}  # the rest name it too
