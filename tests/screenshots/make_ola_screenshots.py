"""Regenerate docs/screenshots/dashboard-teams-ola.png: the dashboard's per-team view (OLA
compliance per team, and who held the clock per agent both ways) over a demo workspace
whose five teams were given OLAs in the Team OLAs tab's use case; and
docs/screenshots/dashboard-sla-holders.png: who held the SLA clocks (resolution) per
agent and per team, at stop and while running, over the same workspace.

Run: ``make screenshots`` (all of them), or this one alone with
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.make_ola_screenshots``
(not collected by pytest: no ``test_`` names here).
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from slaworkbench.app.demo.catalogue import OFFICE_CALENDAR
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.ola.terms import TeamOlaEdit, load_team_olas_screen, save_team_terms
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.model import Priority
from slaworkbench.ui.dashboard.dashboard_widget import DashboardWidget
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import apply_scheme
from tests.support.screenshot_session import OUT, screenshot_session

HOUR = 3600
OLA_HOURS = {
    "Service Desk": (2, 4, 9, 16),
    "Network": (4, 8, 16, 24),
    "Applications": (8, 16, 24, 40),
    "Billing": (4, 9, 16, 24),
    "Hardware": (8, 16, 32, 48),
}


def main() -> int:
    with screenshot_session() as (app, ws, _folder):
        now = int(time.time())
        generate_demo(ws, tickets=4000, seed=1, now=now)
        for info in load_team_olas_screen(ws).teams:
            hours = OLA_HOURS.get(info.team)
            if hours is None:
                continue
            targets = {p: h * HOUR for p, h in zip(Priority, hours, strict=True)}
            edit = TeamOlaEdit(info.team_id, targets, 0.25, OFFICE_CALENDAR, info.version)
            save_team_terms(ws, edit, author="lead", reason="first team OLAs", now=now)
        recompute(ws, only_open=False, now=now, author="lead", reason="team OLAs")
        apply_scheme(app, False)
        dashboard = DashboardWidget(
            TaskRunner(synchronous=True), ws.session, clock=lambda: now, tz="Europe/Lisbon"
        )
        dashboard.resize(1400, 900)
        dashboard.show()
        for _ in range(20):
            app.processEvents()
        view = dashboard.ola
        view.resize(1100, view.sizeHint().height())
        for _ in range(10):
            app.processEvents()
        path = OUT / "dashboard-teams-ola.png"
        view.grab().save(str(path))
        print(path)
        holders = dashboard.holders
        holders.resize(1300, holders.sizeHint().height())
        for _ in range(10):
            app.processEvents()
        path = OUT / "dashboard-sla-holders.png"
        holders.grab().save(str(path))
        print(path)
        dashboard.shutdown()
        dashboard.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
