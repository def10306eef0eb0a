"""The report's OLA section: per team and per agent, both readings labelled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QLocale

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.reports.document import build_document
from slaworkbench.reports.html import render_html
from tests.support.office_workspace import new_workspace
from tests.support.ola_workspace import NOW, ola_workspace

FILTERS = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def test_the_report_has_ola_compliance_per_team_and_per_agent(qapp: object, tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path)
    data = build_report(seeded.workspace, ReportOptions(FILTERS), workspace="W", now=NOW)
    assert data.ola is not None and data.ola.measured
    html = render_html(build_document(data, QLocale(QLocale.Language.English)))
    assert "OLA compliance per team" in html
    assert "Per agent, by the assignee when the cycle stopped" in html
    assert "Per agent, by the assignees while the clock ran" in html
    desk = next(f for f in data.ola.teams if f.name == "Desk")
    assert desk.cycles > 0
    assert html.count("Desk") >= 1 and "Unassigned" in html


def test_a_workspace_without_olas_has_no_ola_section(qapp: object, tmp_path: Path) -> None:
    workspace = new_workspace(tmp_path)
    data = build_report(workspace, ReportOptions(FILTERS), workspace="W", now=NOW)
    html = render_html(build_document(data, QLocale(QLocale.Language.English)))
    assert "OLA compliance per team" not in html
