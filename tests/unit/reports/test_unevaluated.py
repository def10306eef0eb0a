"""A report on a workspace with tickets never evaluated says so (issue 14, item 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QLocale

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.reports.csv_out import render_csv
from slaworkbench.reports.document import build_document
from slaworkbench.reports.html import render_html
from slaworkbench.store.workspace import open_workspace

NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
FILTERS = Filters(dt.date(2025, 7, 1), dt.date(2025, 12, 31))


def test_tickets_without_clocks_are_named_in_every_rendering(qapp: object, tmp_path: Path) -> None:
    with open_workspace(str(tmp_path / "w.sqlite3")) as workspace:
        generate_demo(workspace, tickets=300, seed=1, now=NOW)
        whole = build_report(workspace, ReportOptions(FILTERS), workspace="W", now=NOW)
        assert whole.methods.unevaluated_tickets == 0
        html = render_html(build_document(whole, QLocale(QLocale.Language.English)))
        assert "never been evaluated" not in html

        # As a killed import left a workspace before the fix: tickets, no clocks.
        generate_demo(workspace, tickets=120, seed=2, now=NOW, compute_clocks=False)
        cut = build_report(workspace, ReportOptions(FILTERS), workspace="W", now=NOW)
    assert cut.methods.unevaluated_tickets == 120
    html = render_html(build_document(cut, QLocale(QLocale.Language.English)))
    assert "120 tickets of this workspace have never been evaluated" in html
    assert "unevaluated_tickets,120" in render_csv(cut)
