"""Regenerate docs/screenshots/dashboard-{light,dark}.png from a demo workspace, and
dashboard-period-hint.png: a period in which no clock stopped.

Run: ``make screenshots`` (all of them), or this one alone with
``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.make_dashboard_screenshots``
(not collected by pytest: no ``test_`` names here). The whole scrollable dashboard is
captured, every chart with its legend.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QScrollArea

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.ui.dashboard.dashboard_widget import DashboardWidget
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import apply_scheme
from tests.support.screenshot_session import OUT, screenshot_session


def _drawn(app: QApplication, dashboard: DashboardWidget) -> None:
    """Let the window draw every chart (one a turn, ``ChartPanel.set_data``)."""
    for _ in range(20):
        app.processEvents()
    deadline = time.monotonic() + 30
    while dashboard.is_drawing() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(10):
        app.processEvents()


def shoot(app: QApplication, ws, now: int, dark: bool) -> Path:  # type: ignore[no-untyped-def]
    apply_scheme(app, dark)
    runner = TaskRunner(synchronous=True)
    dashboard = DashboardWidget(runner, ws.session, clock=lambda: now, tz="Europe/Lisbon")
    dashboard.resize(1400, 900)
    dashboard.show()
    _drawn(app, dashboard)
    content = dashboard.findChild(QScrollArea).widget()
    content.resize(1400, content.sizeHint().height())
    _drawn(app, dashboard)
    path = OUT / f"dashboard-{'dark' if dark else 'light'}.png"
    content.grab().save(str(path))
    dashboard.shutdown()
    dashboard.close()
    return path


def shoot_period_hint(app: QApplication, ws, now: int) -> Path:  # type: ignore[no-untyped-def]
    """The period two years back, before any demo ticket: the hint and its button."""
    apply_scheme(app, False)
    dashboard = DashboardWidget(
        TaskRunner(synchronous=True), ws.session, clock=lambda: now, tz="Europe/Lisbon"
    )
    dashboard.resize(1400, 420)
    dashboard.show()
    today = dt.datetime.fromtimestamp(now, dt.UTC).date()
    back = today.replace(year=today.year - 2)
    dashboard.set_filters(Filters(back, back + dt.timedelta(days=90), tz="Europe/Lisbon"))
    _drawn(app, dashboard)
    path = OUT / "dashboard-period-hint.png"
    dashboard.grab().save(str(path))
    dashboard.shutdown()
    dashboard.close()
    return path


def main() -> int:
    with screenshot_session() as (app, ws, _folder):
        now = int(time.time())
        generate_demo(ws, tickets=5000, seed=1, now=now)
        for dark in (False, True):
            print(shoot(app, ws, now, dark))
        print(shoot_period_hint(app, ws, now))
    return 0


if __name__ == "__main__":
    sys.exit(main())
