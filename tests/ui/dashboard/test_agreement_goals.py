"""The dashboard filtered to a customer with an agreement draws the agreement's goals
(compliance per metric, CSAT, NPS, the availability targets it commits to) and follows
a new version of the agreement when ``Changes.agreements`` is announced."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from slaworkbench.app.agreements.editing import save_agreement
from slaworkbench.app.analytics.filters import Filters
from slaworkbench.app.changes import Changes
from slaworkbench.store.agreements.versions import list_agreements
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.dashboard.dashboard_widget import DashboardWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.agreements.goals_workspace import GOALS, goals_workspace
from tests.support.agreements.workspace import JAN_2026, acme_terms

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
NOW = JAN_2026 + 40 * 86_400


def test_goals_follow_the_customer_filter_and_the_agreement(qtbot: QtBot, tmp_path: Path) -> None:
    ws = goals_workspace(tmp_path)
    notice = ChangeNotice()
    widget = DashboardWidget(TaskRunner(synchronous=True), ws.session, tz="UTC",
                             clock=lambda: NOW, notice=notice)  # fmt: skip
    widget.resize(1300, 900)
    widget.set_filters(Filters(dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    widget.show()
    try:
        qtbot.waitUntil(lambda: widget.filter_bar.customer.count() > 1)
        assert not widget.goals_note.isVisible()
        assert widget.trend.metric_goals == {} and widget.trend.target_box.isEnabled()

        widget.filter_bar.customer.setFocus()
        qtbot.keyClicks(widget.filter_bar.customer, "Acme")
        qtbot.waitUntil(widget.goals_note.isVisible)
        assert "“Acme support 2026”" in widget.goals_note.text()
        assert widget.trend.metric_goals == {"resolution": 0.9}
        assert not widget.trend.target_box.isEnabled()
        assert widget.nps.goal == 10 and widget.satisfaction.csat_goal == 0.8
        qtbot.waitUntil(
            lambda: (
                "Portal (target 99.50%)"
                in [item.text for _sample, item in widget.availability.legend.items]
            )
        )

        with ws.session() as session:
            [info] = list_agreements(session)
        terms = acme_terms(**GOALS)
        terms["goals"] = [{"metric": "resolution", "priority": None, "goal": 80}]
        _id, changes = save_agreement(ws, info.id, terms, author="t", reason="lower goal",
                                      expected_version=info.lock_version)  # fmt: skip
        assert changes == Changes(agreements=True) or changes.agreements
        notice.announce(changes)
        qtbot.waitUntil(lambda: widget.trend.metric_goals == {"resolution": 0.8})

        widget.filter_bar.customer.setFocus()
        qtbot.keyClicks(widget.filter_bar.customer, "All")
        qtbot.waitUntil(lambda: not widget.goals_note.isVisible())
        assert widget.trend.metric_goals == {} and widget.nps.goal is None
    finally:
        widget.shutdown()
        widget.close()
        widget.deleteLater()
        qtbot.wait(1)
        gc.collect()
        ws.close()
