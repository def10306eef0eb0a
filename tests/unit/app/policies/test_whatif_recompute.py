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
from slaworkbench.app.policies.whatif import (
    ComparedChunk,
    compared_chunks,
    current_policies,
    policies_with_draft,
)
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.clock.results import NONE, SLA_STATES, cycles_of
from slaworkbench.domain.model import Cycle, Status
from slaworkbench.domain.policy import Policy
from slaworkbench.store.policies.editing import created_ids
from slaworkbench.store.policies.versions import save_policy_version
from slaworkbench.store.schema import PolicyVersion, Ticket, TicketClock
from slaworkbench.store.tickets.detail import cycle_of
from slaworkbench.store.workspace import Workspace, open_workspace

NOW = 1_779_890_400
"""Wednesday 27 May 2026, 14:00 UTC: office hours, so running clocks are ticking."""
Clocks = dict[tuple[int, str, int], Cycle]
Summaries = dict[int, tuple[Any, ...]]


def _replayed(
    chunks: Sequence[ComparedChunk],
    current: Sequence[Policy],
    proposed: Sequence[Policy],
    *,
    after: bool,
) -> tuple[Clocks, Summaries]:
    """The clocks and summaries the replay computed, under the current policies or
    with the draft (the tickets it did not change keep their current ones)."""  # fmt: skip
    clocks: Clocks = {}
    summaries: Summaries = {}
    for chunk in chunks:
        count = chunk.ids.size
        cycles = {False: cycles_of(chunk.before, count), True: cycles_of(chunk.after, count)}
        for i, ticket_id in enumerate(chunk.ids.tolist()):
            drafted = after and bool(chunk.changed[i])
            columns = chunk.after if drafted else chunk.before
            index = int((chunk.after_policy if drafted else chunk.before_policy)[i])
            policy = (proposed if drafted else current)[index] if index >= 0 else None
            due = int(columns.next_due_at[i])
            summaries[ticket_id] = (
                None if policy is None else policy.id,
                SLA_STATES[int(columns.sla_state[i])],
                None if due == NONE else due,
            )
            for cycle in cycles[drafted][i]:
                clocks[(ticket_id, cycle.metric.value, cycle.index)] = cycle
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
    stored = _stored(workspace)
    draft = _draft(current, stored[1])
    proposed = policies_with_draft(current, draft)
    with workspace.session() as session:
        ids = created_ids(session, 0, NOW + 1)
        chunks = list(compared_chunks(session, current, proposed, draft.id, ids, NOW, size=150))
    before = _replayed(chunks, current, proposed, after=False)
    after = _replayed(chunks, current, proposed, after=True)
    assert len(ids) == 400 and len(chunks) == 3
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
