"""Who held the SLA clocks, in the report: compliance per agent and per team, in both
readings, equal an independent SQL computation over the stored tables (written here,
not shared with the code under test) — on SQLite, and on PostgreSQL when
``SLAWORKBENCH_TEST_POSTGRES`` names a server (``workspace_url`` runs both)."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale
from sqlalchemy import text

from slaworkbench.app.analytics.filters import Filters, period_bounds
from slaworkbench.app.ola.accountability import HolderFigures
from slaworkbench.domain.model import Metric
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.reports.csv_out import render_csv
from slaworkbench.reports.document import build_document
from slaworkbench.reports.html import render_html
from slaworkbench.reports.sections.ola import busiest
from slaworkbench.store.workspace import Workspace
from tests.support.derived_rows import HELD_PIECES
from tests.support.ola_workspace import NOW, ola_workspace

PERIOD = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))

STOPPED = """
FROM ticket_clocks c
WHERE c.metric = :metric AND c.stopped_at >= :start AND c.stopped_at < :end
"""
AT_STOP = """
SELECT {who}.name AS holder, c.state, c.elapsed
FROM ticket_clocks c
LEFT JOIN {table} {who} ON {who}.id = c.stop_{column}
WHERE c.metric = :metric AND c.stopped_at >= :start AND c.stopped_at < :end
"""
WHILE_RUNNING = f"""
SELECT {{who}}.name AS holder, c.state, SUM(h.seconds)
FROM ticket_clocks c
JOIN {HELD_PIECES} h ON h.clock_id = c.id
LEFT JOIN {{table}} {{who}} ON {{who}}.id = h.{{column}}
WHERE c.metric = :metric AND c.stopped_at >= :start AND c.stopped_at < :end
GROUP BY c.id, {{who}}.name, c.state
HAVING SUM(h.seconds) > 0
"""
KINDS = {"agent": ("agents", "agent_id"), "team": ("teams", "team_id")}


def _expected(workspace: Workspace, statement: str, kind: str, metric: Metric) -> dict[Any, Any]:
    """Per holder: (cycles, achieved, breached, compliance, median) from plain SQL rows."""
    table, column = KINDS[kind]
    start, end = period_bounds(PERIOD)
    with workspace.session() as session:
        rows = session.execute(
            text(statement.format(who="w", table=table, column=column)),
            {"metric": metric.value, "start": start, "end": end},
        ).all()
    grouped: dict[str | None, list[tuple[str, int]]] = {}
    for holder, state, seconds in rows:
        grouped.setdefault(holder, []).append((state, int(seconds)))
    result = {}
    for holder, items in grouped.items():
        achieved = sum(1 for state, _ in items if state == "achieved")
        breached = sum(1 for state, _ in items if state == "breached")
        median = round(statistics.median(seconds for _, seconds in items))
        result[holder] = (len(items), achieved, breached, achieved / len(items), median)
    return result


def _shown(figures: tuple[HolderFigures, ...]) -> dict[Any, Any]:
    return {f.name: (f.cycles, f.achieved, f.breached, f.compliance, f.median) for f in figures}


def test_sla_compliance_per_holder_equals_sql(
    qapp: object, tmp_path: Path, workspace_url: str
) -> None:
    seeded = ola_workspace(tmp_path, tickets=120, url=workspace_url, sla=True)
    workspace = seeded.workspace
    try:
        data = build_report(workspace, ReportOptions(PERIOD), workspace="W", now=NOW)
        assert [h.metric for h in data.sla_holders] == [Metric.FIRST_RESPONSE, Metric.RESOLUTION]
        for holders in data.sla_holders:
            checks = (
                (holders.agents_at_stop, AT_STOP, "agent"),
                (holders.teams_at_stop, AT_STOP, "team"),
                (holders.agents_while_running, WHILE_RUNNING, "agent"),
                (holders.teams_while_running, WHILE_RUNNING, "team"),
            )
            for figures, statement, kind in checks:
                assert _shown(figures) == _expected(workspace, statement, kind, holders.metric)
        holders = data.sla_holders[1]
        with workspace.session() as session:
            start, end = period_bounds(PERIOD)
            stopped, breached = session.execute(
                text("SELECT COUNT(*), SUM(CASE WHEN c.state = 'breached' THEN 1 ELSE 0 END) "
                     + STOPPED),
                {"metric": "resolution", "start": start, "end": end},
            ).one()  # fmt: skip
        assert sum(f.cycles for f in holders.agents_at_stop) == stopped > 20
        assert sum(f.cycles for f in holders.teams_at_stop) == stopped
        assert 0 < breached < stopped
        assert len(holders.agents_while_running) >= 4 and len(holders.teams_while_running) >= 3
        page = render_html(build_document(data, QLocale(QLocale.Language.English)))
        assert "Who held the SLA clocks" in page
        assert "Resolution: per team, by the teams while the clock ran" in page
    finally:
        workspace.close()


def test_the_printed_report_shows_the_busiest_holders_and_the_csv_every_one(
    qapp: object, tmp_path: Path
) -> None:
    """A real helpdesk's log (BPI 2013: 1,400 agents, 650 teams) printed 58 pages of
    holder tables; the printed report now shows the busiest ``dimension_limit`` of each
    table and one row for the others, the CSV every holder (it had none of these)."""
    seeded = ola_workspace(tmp_path, tickets=120, sla=True)
    workspace = seeded.workspace
    try:
        options = ReportOptions(PERIOD, dimension_limit=2)
        data = build_report(workspace, options, workspace="W", now=NOW)
        document = build_document(data, QLocale(QLocale.Language.English))
        page = render_html(document)
        csv_text = render_csv(data)
        first, resolution = data.sla_holders
        tables = [
            ("sla_holders_resolution_by_agent_while_running", resolution.agents_while_running),
            ("sla_holders_first_response_by_team_at_stop", first.teams_at_stop),
            ("ola_by_agent_at_stop", data.ola.agents_at_stop if data.ola else ()),
        ]
        for title, figures in tables:
            named = [f for f in figures if f.name is not None]
            assert len(named) > 2, title
            section = csv_text.split(f"\r\n{title}\r\n", 1)[1].split("\r\n\r\n", 1)[0]
            listed = [line.split(",")[0] for line in section.split("\r\n")[1:]]
            assert sorted(listed) == sorted(f.name or "" for f in figures), title
            # Printed: the two with the most cycles, the unassigned, and the others summed.
            shown, others, count = busiest(figures, 2)
            top = sorted(named, key=lambda f: -f.cycles)[:2]
            assert {f.name for f in shown if f.name} == {f.name for f in top}
            assert others is not None and count == len(named) - 2
            assert others.cycles + sum(f.cycles for f in shown) == sum(f.cycles for f in figures)
            assert f"{count} others" in page
        assert "The 2 busiest are shown; the CSV export lists every one." in page
    finally:
        workspace.close()
