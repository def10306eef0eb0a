"""One availability figure: the dashboard, the compliance report and the customer
statement give the same availability for a customer's service and month, the
agreement's formula (a partial outage at its weight, overlapping outages once, planned
maintenance left out as Acme's agreement says), which is Acme's hand-computed January."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.app.analytics import dashboard as dd
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.reports.builder import ReportOptions, build_report
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace

NOW = JAN_2026 + 40 * 86_400
JANUARY = dt.date(2026, 1, 1)


def test_dashboard_report_and_statement_give_one_availability(tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    try:
        acme_january(ws)
        statement = build_statement(ws, "Acme", JANUARY, dt.date(2026, 1, 31), now=NOW)
        # The statement's months are those of Acme's calendar (Asia/Tokyo).
        filters = Filters(JANUARY, dt.date(2026, 1, 31), customer="Acme", tz="Asia/Tokyo")
        with ws.session() as session:
            shown = dd.loader("availability", filters, now=NOW)(session)
            report = build_report(session, ReportOptions(filters), workspace="w", now=NOW)
    finally:
        ws.close()
    (stated,) = [line for line in statement.services if line.service == "Portal"]
    (on_dashboard,) = [m for m in shown.months if m.service == "Portal"]
    (in_report,) = [m for m in report.availability if m.service == "Portal"]
    hand = 1 - 75 / 44_640  # 75 weighted minutes down of January's 44,640
    assert stated.availability.fraction == pytest.approx(hand)
    assert on_dashboard.month == in_report.month == stated.month == JANUARY
    assert on_dashboard.uptime == in_report.uptime == stated.availability.fraction
    assert on_dashboard.down_seconds == in_report.down_seconds == 75 * 60
