"""What-if on the real BPI Challenge 2013 incident log equals a direct recompute."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from slaworkbench.app.importing.run import import_event_log
from slaworkbench.app.policies.whatif import Tally, run_whatif
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.model import ClockState, Metric, Priority
from slaworkbench.domain.policy import policy_from_dict, policy_to_dict, select_policy
from slaworkbench.store.policies.editing import load_policies_in_order
from slaworkbench.store.workspace import open_workspace
from tests.support.office_workspace import row_counts
from tests.support.ticket_histories import ticket_histories


@pytest.mark.slow
def test_bpic2013_whatif_equals_a_direct_recompute(bpic2013_path: Path, tmp_path: Path) -> None:
    workspace = open_workspace(str(tmp_path / "bpic.sqlite3"))
    import_event_log(workspace, bpic2013_path, "bpic2013")
    with workspace.session() as session:
        current = load_policies_in_order(session)
    edited = next(p for p in current if p.active)
    data = policy_to_dict(edited)
    data["targets"] = {
        priority: {metric: seconds * 2 for metric, seconds in per.items()}
        for priority, per in data["targets"].items()
    }
    draft = policy_from_dict(data, lambda _name: edited.calendar)
    start = int(dt.datetime(2012, 4, 1, tzinfo=dt.UTC).timestamp())
    end = int(dt.datetime(2012, 5, 1, tzinfo=dt.UTC).timestamp())
    now = int(dt.datetime(2013, 1, 1, tzinfo=dt.UTC).timestamp())
    before_rows = row_counts(workspace)

    result = run_whatif(workspace, draft, start, end, now=now)

    assert row_counts(workspace) == before_rows  # nothing saved
    # The direct way: every ticket created in the period, scalar engine, draft in place.
    proposed = [draft if p.id == draft.id else p for p in current]
    expected_before: dict[tuple[Metric, Priority], Tally] = {}
    expected_after: dict[tuple[Metric, Priority], Tally] = {}
    tickets = 0
    with workspace.session() as session:
        for chunk in ticket_histories(session, start, end):
            for history in chunk:
                tickets += 1
                for policies, totals in ((current, expected_before), (proposed, expected_after)):
                    evaluation = evaluate_ticket(
                        history.events, select_policy(policies, history.facts), now
                    )
                    for metric, metric_result in evaluation.results.items():
                        key = (metric, history.facts.priority)
                        tally = totals.get(key, Tally())
                        for cycle in metric_result.cycles:
                            if cycle.stopped_at is None:
                                tally = tally.add(Tally(running=1))
                            elif start <= cycle.stopped_at < end:
                                achieved = cycle.state is ClockState.ACHIEVED
                                tally = tally.add(Tally(int(achieved), int(not achieved)))
                        totals[key] = tally
    assert tickets > 100
    assert result.tickets == tickets
    assert {(r.metric, r.priority): r.before for r in result.rows} == expected_before
    assert {(r.metric, r.priority): r.after for r in result.rows} == expected_after
    # Doubling every target can only help: nothing gets worse, something gets better.
    assert result.flips
    assert all(flip.after != "breached" for flip in result.flips)
    workspace.close()
