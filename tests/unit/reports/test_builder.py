"""The builder's figures against an independent SQL count written here."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import text

from slaworkbench.app.analytics.filters import METRICS, Filters
from slaworkbench.reports.builder import (
    REPORTS_COUNT_RULE,
    ReportData,
    ReportOptions,
    build_report,
    trend_bucket_for,
    workspace_name,
)
from tests.support.analytics_workspace import MiniWorkspace
from tests.support.report_data import FILTERS, NOW

INDEPENDENT_COUNT = """
SELECT metric,
       SUM(CASE WHEN state = 'achieved' THEN 1 ELSE 0 END),
       SUM(CASE WHEN state = 'breached' THEN 1 ELSE 0 END)
FROM ticket_clocks
WHERE stopped_at >= :start AND stopped_at < :end
GROUP BY metric
"""


def independent_counts(ws: MiniWorkspace, f: Filters) -> dict[str, tuple[int, int]]:
    zone = ZoneInfo(f.tz)
    start = int(dt.datetime.combine(f.date_from, dt.time(), zone).timestamp())
    end = int(dt.datetime.combine(f.date_to + dt.timedelta(days=1), dt.time(), zone).timestamp())
    with ws.engine.connect() as connection:
        rows = connection.execute(text(INDEPENDENT_COUNT), {"start": start, "end": end})
        return {metric: (int(a), int(b)) for metric, a, b in rows}


def test_headline_matches_an_independent_count(ws: MiniWorkspace, data: ReportData) -> None:
    expected = independent_counts(ws, FILTERS)
    assert expected
    for m in data.headline:
        assert (m.achieved, m.breached) == expected.get(m.metric, (0, 0))
    assert data.goal == 0.95
    assert data.generated_at == NOW
    assert data.trend_bucket == "week"
    assert {metric for metric, _ in data.trends} == set(expected)


def test_dimension_tables_keep_everything_for_the_csv(ws: MiniWorkspace) -> None:
    options = ReportOptions(FILTERS, dimension_limit=2)
    data = build_report(ws, options, workspace="W", now=NOW)
    agents = next(t for t in data.dimensions if t.dimension == "agent")
    every = next(t for t in data.every_group if t.dimension == "agent")
    shown = {g.key for g in agents.rows}
    assert len(shown) == 2
    assert agents.others_count == len({g.key for g in every.rows}) - 2
    for metric in METRICS:
        total = sum(g.stopped for g in every.rows if g.metric == metric)
        kept = sum(g.stopped for g in agents.rows if g.metric == metric)
        others = sum(g.stopped for g in agents.others if g.metric == metric)
        assert kept + others == total
    busiest = sorted(
        {g.key for g in every.rows},
        key=lambda k: -sum(g.stopped for g in every.rows if g.key == k),
    )[:2]
    assert shown == set(busiest)
    priorities = next(t for t in data.dimensions if t.dimension == "priority")
    assert not priorities.others


def test_goal_comes_from_the_workspace_or_the_options(ws: MiniWorkspace) -> None:
    with ws.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO workspace_meta (key, value) VALUES ('report_compliance_goal', '0.9')")
        )
    try:
        assert build_report(ws, ReportOptions(FILTERS), workspace="W", now=NOW).goal == 0.9
        options = ReportOptions(FILTERS, goal=0.8)
        assert build_report(ws, options, workspace="W", now=NOW).goal == 0.8
    finally:
        with ws.engine.begin() as connection:
            connection.execute(text("DELETE FROM workspace_meta"))


def test_running_clocks_are_all_counted(data: ReportData) -> None:
    assert data.running.total == sum(m.not_stopped for m in data.headline)
    assert len(data.running.rows) == min(40, data.running.total)


def test_rule_is_the_semantics_text() -> None:
    from tests.support.paths import REPO_ROOT

    semantics = (REPO_ROOT / "docs" / "SLA_SEMANTICS.md").read_text(encoding="utf-8")
    section = semantics.split("## Reports count", 1)[1]
    flat = " ".join(section.replace("*", "").replace("- ", "", 1).split())
    assert REPORTS_COUNT_RULE in flat


def test_trend_bucket_and_workspace_name() -> None:
    assert trend_bucket_for(Filters(dt.date(2026, 1, 1), dt.date(2026, 1, 31))) == "day"
    assert trend_bucket_for(Filters(dt.date(2026, 1, 1), dt.date(2026, 3, 31))) == "week"
    assert trend_bucket_for(Filters(dt.date(2025, 1, 1), dt.date(2025, 12, 31))) == "month"
    assert workspace_name("sqlite:////tmp/acme support.sqlite3") == "acme support"
    assert workspace_name("postgresql://u:secret@db.example/sla") == "sla @ db.example"
