"""Regenerate docs/screenshots/escalation-rules-editor.png (the escalation rules table
of a policy in the policy editor), sla-timeline-reopened.png (the detail pane of a
ticket that lived three weeks, was reopened and escalated, with its SLA timeline) and
sla-timeline-zoomed.png (that timeline zoomed in with the mouse wheel around the
escalation: a day and a half, the axis in hours).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots.make_escalation_screenshots``
(not collected by pytest).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from slaworkbench.store.tickets.query import View
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.reopened_escalation import NOW, reopened_ticket
from tests.support.screenshot_session import OUT, screenshot_session


def _settle(app: QApplication) -> None:
    for _ in range(30):
        app.processEvents()


def main() -> int:
    with screenshot_session() as (app, _unused, folder):
        ws, ticket_id, fired_at = reopened_ticket(folder)
        try:
            policies = PolicyWorkspaceWidget(
                ws, TaskRunner(synchronous=True), notice=ChangeNotice(), author="ana"
            )
            policies.resize(1400, 900)
            policies.show()
            _settle(app)
            names = [
                policies.policy_list.list.item(i).text()
                for i in range(policies.policy_list.list.count())
            ]
            row = next(i for i, name in enumerate(names) if "Office escalations" in name)
            policies.policy_list.list.setCurrentRow(row)
            _settle(app)
            editor = policies.editor
            scroll = editor.findChild(QScrollArea)
            scroll.ensureWidgetVisible(editor.escalations, 0, 300)
            _settle(app)
            policies.grab().save(str(OUT / "escalation-rules-editor.png"))

            settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(
                ws, TaskRunner(synchronous=True), clock=lambda: NOW, settings=settings,
                watch_interval_ms=3_600_000, tray=False,
            )  # fmt: skip
            window.resize(1600, 1000)
            window.show()
            _settle(app)
            tree = window.tickets.sidebar.tree
            window.tickets.sidebar.select_view(View.ALL)
            item_rect = tree.visualItemRect(tree.currentItem())
            QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=item_rect.center())
            _settle(app)
            window.tickets.splitter.setSizes([180, 560, 860])
            while not window.tickets.list.select_ticket(ticket_id):
                _settle(app)
            _settle(app)
            pane = window.tickets.detail
            pane.findChild(QScrollArea).ensureWidgetVisible(pane.sla_timeline, 0, 0)
            _settle(app)
            pane.grab().save(str(OUT / "sla-timeline-reopened.png"))
            timeline = pane.sla_timeline
            at = QPointF(timeline.x_of(fired_at), timeline.row_top(1))
            for _ in range(12):  # twelve notches of the wheel, at the escalation
                QApplication.sendEvent(
                    timeline,
                    QWheelEvent(
                        at, timeline.mapToGlobal(at), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False,
                    ),
                )  # fmt: skip
            _settle(app)
            timeline.grab().save(str(OUT / "sla-timeline-zoomed.png"))
            window.shutdown()
        finally:
            ws.close()
    print(
        OUT / "escalation-rules-editor.png",
        OUT / "sla-timeline-reopened.png",
        OUT / "sla-timeline-zoomed.png",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
