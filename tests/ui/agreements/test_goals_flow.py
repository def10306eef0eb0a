"""Goals from current performance, driven like a person: open the Agreements tab's goals,
pick a customer and a period, click a suggested target, copy it into a draft policy, and
find it in the policy editor's draft (unsaved, what-if ready)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.schema import Customer, PolicyVersion, Ticket, TicketClock
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.agreements.workspace import JAN_2026, acme_january, agreement_workspace

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)
NOW = JAN_2026 + 40 * 86_400
"""2026-02-10: "Last 3 months" is November 2025 to January 2026."""


def _direct_percentile(values: list[int], percent: int) -> int:
    """The smallest observed value with at least ``percent`` % of the values at or under it."""
    return min(v for v in values if 100 * sum(e <= v for e in values) >= percent * len(values))


def test_copy_a_suggested_goal_into_a_draft_policy(qtbot: QtBot, tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    acme_january(ws)
    with ws.session() as session:
        elapsed = list(session.execute(
            select(TicketClock.elapsed)
            .join(Ticket, Ticket.id == TicketClock.ticket_id)
            .join(Customer, Customer.id == Ticket.customer_id)
            .where(Customer.name == "Acme", Ticket.priority == "urgent",
                   TicketClock.metric == "resolution", TicketClock.stopped_at.is_not(None))
        ).scalars())  # fmt: skip
        versions = session.execute(select(func.count()).select_from(PolicyVersion)).scalar_one()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ws, TaskRunner(synchronous=True), clock=lambda: NOW, settings=settings,
                        watch_interval_ms=3_600_000, tray=False)  # fmt: skip
    qtbot.addWidget(window)
    window.resize(1500, 950)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.show_tab(3)
        page = window.agreements
        qtbot.waitUntil(page.isVisible)
        assert page.sections.currentIndex() == 0
        bar = page.sections.tabBar()
        goals_tab = page.sections.indexOf(page.goals)
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(goals_tab).center())
        goals = page.goals
        assert goals.isVisible()

        goals.customer.setFocus()
        qtbot.keyClicks(goals.customer, "Acme")
        assert goals.customer.currentText() == "Acme (agreement)"
        assert goals.policy.currentText() == "Office support"  # the agreement's policy
        goals.period.setFocus()
        qtbot.keyClicks(goals.period, "Last 3")
        assert goals.period.currentText() == "Last 3 months"
        assert goals.date_from.date().toString("yyyy-MM-dd") == "2025-11-01"
        assert goals.date_to.date().toString("yyyy-MM-dd") == "2026-01-31"
        qtbot.mouseClick(goals.show_button, Qt.MouseButton.LeftButton)
        assert not goals.copy_button.isEnabled()

        table = goals.table
        rows = {
            (table.item(r, 0).text(), table.item(r, 1).text()): r for r in range(table.rowCount())
        }
        row = rows[("Resolution", "Urgent")]
        assert table.item(row, 2).text() == str(len(elapsed)) == "4"
        ninety = table.item(row, 6)
        seconds = _direct_percentile(elapsed, 90)
        assert ninety.data(Qt.ItemDataRole.UserRole) == seconds
        for column, percent in ((5, 80), (7, 95)):
            assert table.item(row, column).data(Qt.ItemDataRole.UserRole) == _direct_percentile(
                elapsed, percent
            )
        assert table.item(row, 3).text() == "16h"  # the target they were judged against
        assert table.item(row, 4).text() == "25.0%"  # 1 of 4 within it (formatting.percent)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        aligned = [Qt.AlignmentFlag(table.item(row, c).textAlignment()) for c in range(8)]
        assert [a == right for a in aligned] == [False] * 2 + [True] * 6  # numbers right
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualItemRect(ninety).center())  # fmt: skip
        assert goals.copy_button.isEnabled()
        assert ninety.text() in goals.chosen.text()
        qtbot.mouseClick(goals.copy_button, Qt.MouseButton.LeftButton)

        assert window.tabs.currentIndex() == 2
        editor = window.policies.editor
        assert editor.title.text().startswith("Office support")
        edit = editor.target_edits[(Priority.URGENT, Metric.RESOLUTION)]
        assert edit.text() == ninety.text()
        assert editor.is_dirty() and editor.save_button.isEnabled()
        draft = editor.draft()
        assert draft is not None and draft.targets[Priority.URGENT][Metric.RESOLUTION] == seconds
        assert draft.targets[Priority.NORMAL][Metric.RESOLUTION] == 16 * 3600  # untouched
        assert editor.whatif_button.isEnabled()
        with ws.session() as session:  # a draft: nothing saved
            assert session.execute(
                select(func.count()).select_from(PolicyVersion)
            ).scalar_one() == versions  # fmt: skip
    finally:
        window.shutdown()
        ws.close()
