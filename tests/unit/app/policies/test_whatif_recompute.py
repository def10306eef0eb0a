"""The what-if and the recompute are one engine: on a demo workspace, the replay's
evaluations equal the clocks a recompute stores, under the current policies and, once the
draft is saved, under the draft."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.policies.whatif import compare_chunk, current_policies, policies_with_draft
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.model import Cycle, Status, TicketEvaluation
from slaworkbench.domain.policy import Policy
from slaworkbench.store.clocks.ticket import summarize
from slaworkbench.store.policies.editing import (
    TicketHistory,
    ticket_histories,
)
from slaworkbench.store.policies.versions import save_policy_version
from slaworkbench.store.schema import PolicyVersion, Ticket, TicketClock
from slaworkbench.store.tickets.detail import cycle_of
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_779_890_400
"""Wednesday 27 May 2026, 14:00 UTC: office hours, so running clocks are ticking."""
Clocks = dict[tuple[int, str, int], Cycle]
Summaries = dict[int, tuple[Any, ...]]


def _replayed(
    histories: Sequence[TicketHistory], evaluations: Sequence[TicketEvaluation]
) -> tuple[Clocks, Summaries]:
    clocks: Clocks = {}
    summaries: Summaries = {}
    for history, evaluation in zip(histories, evaluations, strict=True):
        summary = summarize(evaluation)
        summaries[history.id] = (evaluation.policy_id, summary.sla_state, summary.next_due_at)
        for result in evaluation.results.values():
            for cycle in result.cycles:
                clocks[(history.id, cycle.metric.value, cycle.index)] = cycle
    return clocks, summaries


def _stored(workspace: Workspace) -> tuple[Clocks, Summaries]:
    with workspace.session() as session:
        clocks: Clocks = {
            (row.ticket_id, row.metric, row.cycle_index): cycle_of(row)
            for row in session.execute(select(TicketClock)).scalars()
        }
        summaries: Summaries = {
            ticket_id: (policy_id, sla_state, next_due_at)
            for ticket_id, policy_id, sla_state, next_due_at in session.execute(
                select(
                    Ticket.id, PolicyVersion.policy_id, Ticket.sla_state, Ticket.next_due_at
                ).outerjoin(PolicyVersion, PolicyVersion.id == Ticket.policy_version_id)
            )
        }
    return clocks, summaries


def _draft(current: Sequence[Policy], summaries: Summaries) -> Policy:
    """The policy that judges the most tickets, with every target halved and ``open`` a
    pause status too."""
    judged = Counter(policy_id for policy_id, _, _ in summaries.values())
    policies = {policy.id: policy for policy in current}.values()  # not customer variants
    edited = max(policies, key=lambda policy: judged[policy.id])
    return dataclasses.replace(
        edited,
        targets={
            priority: {metric: seconds // 2 for metric, seconds in per.items()}
            for priority, per in edited.targets.items()
        },
        pause_statuses=edited.pause_statuses | {Status.OPEN},
    )


def test_the_whatif_gives_what_the_recompute_stores(tmp_path: Path) -> None:
    workspace = open_workspace(str(tmp_path / "demo.sqlite3"))
    generate_demo(workspace, tickets=400, seed=5, now=NOW)
    recompute(workspace, only_open=False, now=NOW)
    with workspace.session() as session:
        current = current_policies(session)
        histories = [h for chunk in ticket_histories(session, 0, NOW + 1) for h in chunk]
    stored = _stored(workspace)
    draft = _draft(current, stored[1])
    compared = compare_chunk(histories, current, policies_with_draft(current, draft), draft.id, NOW)
    before = _replayed(histories, [old for old, _ in compared])
    after = _replayed(histories, [new for _, new in compared])
    assert len(histories) == 400
    assert before == stored
    assert len(before[0]) > 1000  # every metric of most tickets is in the comparison

    with workspace.session(write=True) as session:
        save_policy_version(
            session, draft.id, draft, calendar_name=draft.calendar.name, author="test"
        )
    recompute(workspace, only_open=False, now=NOW)
    assert after == _stored(workspace)
    changed = [key for key, values in after[0].items() if before[0].get(key) != values]
    assert len(changed) > 1000  # the draft changed many clocks, and the replay saw it
    workspace.close()
