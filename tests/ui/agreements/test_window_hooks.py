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
from tests.support.agreements.workspace import JAN_2026, acme_terms, agreement_workspace

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
