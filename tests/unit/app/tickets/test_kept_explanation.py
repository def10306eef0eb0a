"""The "why is it due then?" text explains a kept stopped verdict with the version that judged it
(its calendar and target), not the version that judges the ticket today
(docs/SLA_SEMANTICS.md, "Stopped verdicts")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slaworkbench.app.policies.saving import save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import (
    NewTicket,
    agent_reply,
    change_priority,
    create_ticket_with_clocks,
)
from slaworkbench.app.tickets.workbench import load_ticket_view
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.seed import STANDARD_POLICY
from slaworkbench.store.workspace import open_workspace
from tests.support.two_desks import URGENT_DESK, build_two_desks, scaled_edit, ticket_version

START = int(dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC).timestamp())
HOUR = 3600


def test_a_kept_verdict_is_explained_by_the_version_that_judged_it(tmp_path: Path) -> None:
    build_two_desks(tmp_path / "w.sqlite3")
    ws = open_workspace(str(tmp_path / "w.sqlite3"))
    with ws:
        ticket = NewTicket("Printer", Priority.HIGH, requester="a@example.com")
        ticket_id = create_ticket_with_clocks(ws, ticket, author="Ana", now=START).ticket_id
        version = ticket_version(ws, ticket_id)
        agent_reply(
            ws, ticket_id, "on it", author="Ana", expected_version=version, now=START + 5 * HOUR
        )
        before = load_ticket_view(ws, ticket_id, now=START + 6 * HOUR)
        (stopped,) = [c for c in before.detail.clocks if c.metric is Metric.FIRST_RESPONSE]
        was = before.explanations[(stopped.metric, stopped.index)]
        assert stopped.stopped_at is not None and was.policy_name == STANDARD_POLICY

        # Today: the ticket moves to the urgent desk, and the standard policy is tightened.
        version = ticket_version(ws, ticket_id)
        change_priority(
            ws,
            ticket_id,
            Priority.URGENT,
            author="Ana",
            expected_version=version,
            now=START + 7 * HOUR,
        )
        save_policy(ws, scaled_edit(ws, STANDARD_POLICY, 0.25), author="Ana", reason="tighter")
        recompute(ws, now=START + 8 * HOUR)

        after = load_ticket_view(ws, ticket_id, now=START + 8 * HOUR)
        assert after.detail.policy_name == URGENT_DESK  # what judges the ticket now
        (kept,) = [c for c in after.detail.clocks if c.metric is Metric.FIRST_RESPONSE]
        assert kept == stopped  # the verdict kept, priority and all
        assert kept.priority is Priority.HIGH
        now = after.explanations[(kept.metric, kept.index)]
        # The old version, target and calendar, and the table's figures.
        assert (now.policy_name, now.policy_version) == (was.policy_name, was.policy_version)
        assert (now.target, now.elapsed, now.remaining, now.due_at) == (
            kept.target, kept.elapsed, kept.remaining, kept.due_at
        )  # fmt: skip
        assert now.calendar_name == was.calendar_name
        assert now.segments == was.segments
        # The running resolution clock is explained by today's version.
        (running,) = [c for c in after.detail.clocks if c.metric is Metric.RESOLUTION]
        assert after.explanations[(running.metric, running.index)].policy_name == URGENT_DESK
