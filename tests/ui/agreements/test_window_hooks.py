"""The agreements parts inside the main window: the CSAT/NPS section follows the ticket
shown in the detail pane, the Agreements tab, and the overdue reviews at start-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from slaworkbench.app.agreements.editing import save_agreement
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.agreements.workspace import (
    HOUR,
    JAN_2026,
    acme_terms,
    agreement_workspace,
)

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "grabbing the keyboard"
)
NOW = JAN_2026 + 40 * 86_400


def test_satisfaction_section_follows_the_shown_ticket(qtbot: QtBot, tmp_path: Path) -> None:
    ws = agreement_workspace(tmp_path)
    save_agreement(ws, None, acme_terms(), author="a", review_date=dt.date(2026, 2, 1))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ws, TaskRunner(synchronous=True), clock=lambda: NOW, settings=settings,
                        watch_interval_ms=3_600_000, tray=False)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert "Review overdue: “Acme support 2026”." in window.statusBar().currentMessage()
        assert window.tickets.list.select_ticket(2)
        section = window.tickets.details.satisfaction
        assert section.isEnabled() and section.answers.text() == "No survey answer yet."
        qtbot.keyClicks(section.score, "5")
        qtbot.mouseClick(section.record_button, Qt.MouseButton.LeftButton)
        assert "CSAT 5" in section.answers.text()
        assert window.tickets.list.select_ticket(1)
        assert section.answers.text() == "No survey answer yet."
        window.show_tab(3)
        assert window.agreements.agreement_list.count() == 1
    finally:
        window.shutdown()
        ws.close()


def test_why_is_it_due_then_names_the_customer_calendar(qtbot: QtBot, tmp_path: Path) -> None:
    """Acme's ticket opened Thursday 1 January 12:00 UTC (21:00 in Tokyo) is due in Acme's
    own calendar (Friday is Acme's holiday): Monday 5 January 13:00 in Tokyo, 04:00 UTC."""
    from slaworkbench.app.tickets.actions import NewTicket, create_ticket_with_clocks

    ws = agreement_workspace(tmp_path)
    save_agreement(ws, None, acme_terms(), author="ana")
    opened = JAN_2026 + 12 * HOUR
    ticket_id = create_ticket_with_clocks(
        ws, NewTicket(subject="Help", customer="Acme"), author="t", now=opened
    ).ticket_id
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ws, TaskRunner(synchronous=True), clock=lambda: opened + HOUR,
                        settings=settings, watch_interval_ms=3_600_000, tray=False)  # fmt: skip
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        assert window.tickets.list.select_ticket(ticket_id)
        pane = window.tickets.detail
        table = pane.clock_table
        rows = range(table.rowCount())
        row = next(r for r in rows if "First response" in table.item(r, 0).text())
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualItemRect(table.item(row, 0)).center())  # fmt: skip
        text = pane.explanation.body.toPlainText()
        assert "business time in “Acme Tokyo” (Asia/Tokyo)" in text
        explanation = pane.explanation.explanation
        assert explanation is not None
        assert explanation.due_at == JAN_2026 + 4 * 86_400 + 4 * HOUR
        assert "04:00" in text.split("\n")[0]  # shown in the window's zone (UTC here)
    finally:
        window.shutdown()
        ws.close()
