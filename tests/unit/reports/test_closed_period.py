"""A report for a closed period keeps its figures when open tickets and policies change
later (docs/SLA_SEMANTICS.md, "Policy changes and history")."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.policies.saving import save_policy
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import (
    NewTicket,
    agent_reply,
    change_priority,
    change_status,
    create_ticket_with_clocks,
    customer_reply,
)
from slaworkbench.domain.model import Priority, Status
from slaworkbench.reports.builder import ReportData, ReportOptions, build_report
from slaworkbench.store.seed import STANDARD_POLICY
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.two_desks import build_two_desks, scaled_edit, ticket_version

JAN = int(dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC).timestamp())
TODAY = int(dt.datetime(2024, 2, 20, 10, tzinfo=dt.UTC).timestamp())
JANUARY = Filters(dt.date(2024, 1, 1), dt.date(2024, 1, 31))
HOUR = 3600


def _january(ws: Workspace) -> list[int]:
    """Six high-priority tickets worked in January; the even ones stay open."""
    ids = []
    for n in range(6):
        at = JAN + n * 26 * HOUR
        ticket = NewTicket(f"Printer {n}", Priority.HIGH, requester="a@example.com")
        ticket_id = create_ticket_with_clocks(ws, ticket, author="Ana", now=at).ticket_id
        replies = [(agent_reply, "on it", (n + 1) * HOUR), (customer_reply, "still broken", 0)]
        replies.append((agent_reply, "try this", n * 2 * HOUR + 1800))
        for action, text, after in replies:
            at += after + 600
            version = ticket_version(ws, ticket_id)
            action(ws, ticket_id, text, author="Ana", expected_version=version, now=at)
        if n % 2:
            version = ticket_version(ws, ticket_id)
            change_status(
                ws, ticket_id, Status.SOLVED, author="Ana", expected_version=version, now=at + HOUR
            )
        ids.append(ticket_id)
    return ids


def _figures(data: ReportData) -> dict[str, Any]:
    """Every figure of the period; the running list's live readings and the versions'
    "current" marks describe today, not the period, and are left out, and so are the
    figures per priority (``test_the_figures_per_priority_keep_the_priority_judged``)."""
    methods = data.methods
    return {
        "headline": data.headline,
        "dimensions": [t for t in data.dimensions if t.dimension != "priority"],
        "trends": data.trends,
        "breaches": data.breaches,
        "running": (data.running.metrics, data.running.total),
        "availability": data.availability,
        "methods": dataclasses.replace(
            methods,
            policy_versions=tuple(
                dataclasses.replace(v, is_current=False) for v in methods.policy_versions
            ),
        ),
    }


def _before_and_after(path: Path) -> tuple[Workspace, ReportData, ReportData]:
    """January's report before and after today's priority change and policy save."""
    build_two_desks(path)
    ws = open_workspace(str(path))
    ids = _january(ws)
    recompute(ws, now=TODAY)
    before = build_report(ws, ReportOptions(JANUARY), workspace="w", now=TODAY)
    change_priority(ws, ids[0], Priority.URGENT, author="Ana",
                    expected_version=ticket_version(ws, ids[0]), now=TODAY)  # fmt: skip
    save_policy(ws, scaled_edit(ws, STANDARD_POLICY, 0.25), author="Ana", reason="tighter")
    recompute(ws, now=TODAY + 60)
    after = build_report(ws, ReportOptions(JANUARY), workspace="w", now=TODAY + 60)
    return ws, before, after


def test_a_closed_period_keeps_its_figures(tmp_path: Path) -> None:
    ws, before, after = _before_and_after(tmp_path / "w.sqlite3")
    with ws:
        assert sum(m.stopped for m in before.headline) > 10  # the month has verdicts
        assert sum(m.breached for m in before.headline) > 0

        assert _figures(after) == _figures(before)
        judged = {(v.policy, v.version) for v in after.methods.policy_versions}
        assert judged == {(v.policy, v.version) for v in before.methods.policy_versions}

        # A re-baseline is what re-judges the month under today's versions.
        recompute(ws, only_open=False, now=TODAY + 120, author="Ana", reason="tighter targets")
        rejudged = build_report(ws, ReportOptions(JANUARY), workspace="w", now=TODAY + 120)
        assert _figures(rejudged)["headline"] != _figures(before)["headline"]


def test_the_figures_per_priority_keep_the_priority_judged(tmp_path: Path) -> None:
    ws, before, after = _before_and_after(tmp_path / "w.sqlite3")
    with ws:
        (was,) = [t for t in before.dimensions if t.dimension == "priority"]
        (now,) = [t for t in after.dimensions if t.dimension == "priority"]
        assert (now, after.distributions) == (was, before.distributions)
        # The filter by priority too: the month's verdicts were all judged as high.
        # (Clocks still running at the period's end are the ticket's today, and move.)
        high = dataclasses.replace(JANUARY, priority="high")
        urgent = dataclasses.replace(JANUARY, priority="urgent")
        filtered = build_report(ws, ReportOptions(high), workspace="w", now=TODAY + 60)
        verdicts = [(m.metric, m.achieved, m.breached) for m in before.headline]
        assert [(m.metric, m.achieved, m.breached) for m in filtered.headline] == verdicts
        none = build_report(ws, ReportOptions(urgent), workspace="w", now=TODAY + 60)
        assert sum(m.stopped for m in none.headline) == 0
