"""The compliance report filtered to a customer with an agreement judges its figures
against the agreement's goals (compliance per metric and priority, CSAT, NPS, the
availability of the services it commits to); without the filter, the workspace's."""

from __future__ import annotations

import datetime as dt
import html as html_text
import re
from pathlib import Path

from PySide6.QtCore import QLocale

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.reports.builder import ReportOptions, build_report
from slaworkbench.reports.document import build_document
from slaworkbench.reports.html import render_html
from slaworkbench.reports.output import ensure_qt_application
from tests.support.agreements.goals_workspace import goals_workspace
from tests.support.agreements.workspace import JAN_2026

NOW = JAN_2026 + 40 * 86_400
JANUARY = Filters(dt.date(2026, 1, 1), dt.date(2026, 1, 31))


def test_the_agreements_goals_replace_the_workspaces(tmp_path: Path) -> None:
    ensure_qt_application()
    ws = goals_workspace(tmp_path)
    try:
        acme = build_report(
            ws, ReportOptions(Filters(JANUARY.date_from, JANUARY.date_to, customer="Acme")),
            workspace="W", now=NOW,
        )  # fmt: skip
        everyone = build_report(ws, ReportOptions(JANUARY), workspace="W", now=NOW)
        globex = build_report(
            ws, ReportOptions(Filters(JANUARY.date_from, JANUARY.date_to, customer="Globex")),
            workspace="W", now=NOW,
        )  # fmt: skip
    finally:
        ws.close()
    assert everyone.agreement_goals is None and globex.agreement_goals is None
    assert acme.agreement_goals is not None
    assert acme.goal == everyone.goal == 0.95
    assert acme.goal_for("resolution") == acme.goal_for("resolution", "urgent") == 0.9
    assert acme.goal_for("first_response", "high") == 0.75
    assert acme.goal_for("first_response") == acme.goal_for("first_response", "low") == 0.95
    assert everyone.goal_for("resolution") == 0.95
    assert {m.target for m in acme.availability if m.service == "Portal"} == {0.995}
    assert {m.target for m in everyone.availability if m.service == "Portal"} == {0.999}

    html = render_html(build_document(acme, QLocale("en_US")))
    text = html_text.unescape(re.sub(r"<[^>]+>", " ", html))
    assert "Compliance against the goals of “Acme support 2026”" in text
    # Resolution: 2 of 5 achieved → 40 %, against the agreement's 90 %.
    assert re.search(r"90%:\s+missed", text)
    assert "CSAT goal 80% satisfied: 66.7%, missed" in text  # 2 of 3 answers 4–5
    assert "NPS goal +10: 0, missed" in text  # 1 promoter, 1 detractor
    assert "Portal (target 99.50%)" in text
    assert (
        "Goals of Acme's agreement “Acme support 2026”: First response (High) 75 %; "
        "Resolution 90 %; CSAT 80 % satisfied; NPS +10; Portal 99.5 % available."
    ) in text
    plain = re.sub(r"<[^>]+>", " ", render_html(build_document(everyone, QLocale("en_US"))))
    assert "Compliance against the goal of 95%" in plain and "CSAT goal" not in plain
