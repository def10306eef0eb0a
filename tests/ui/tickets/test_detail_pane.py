"""The detail pane on an office calendar: the clocks table and "why is it due then?"
say the same figures, an achieved clock has nothing remaining, every clock shows without
scrolling, and a countdown that stands still outside working hours says why."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from slaworkbench.app.tickets.actions import NewTicket, agent_reply, create_ticket
from slaworkbench.domain.model import Priority
from slaworkbench.store.seed import local_zone_name
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.tickets.detail.pane import DetailPane
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.fake_clock import FakeClock

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")
ZONE = ZoneInfo(local_zone_name())  # the seeded "Business hours" calendar's zone


def local(day: int, hour: int, minute: int = 0) -> int:
    """An instant in the first week of March 2027 (Mon 1st … Sun 7th), calendar time."""
    return int(dt.datetime(2027, 3, day, hour, minute, tzinfo=ZONE).timestamp())


@pytest.fixture
def workspace(tmp_path):  # type: ignore[no-untyped-def]
    ws = open_workspace(str(tmp_path / "pane.sqlite3"))
    yield ws
    ws.close()


def open_window(qtbot, workspace, clock, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        workspace,
        TaskRunner(synchronous=True),
        clock=clock,
        settings=settings,
        watch_interval_ms=3_600_000,
    )
    qtbot.addWidget(window)
    window.show()
    return window


def select(qtbot, window, ticket_id: int) -> DetailPane:  # type: ignore[no-untyped-def]
    model, table = window.tickets.model, window.tickets.table
    qtbot.waitUntil(lambda: model.position_of(ticket_id) is not None)
    rect = table.visualRect(model.index(model.position_of(ticket_id), 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane: DetailPane = window.tickets.detail
    qtbot.waitUntil(pane.is_complete)
    return pane


def cells(pane: DetailPane, row: int) -> list[str]:
    table = pane.clock_table
    return [table.item(row, c).text() for c in range(table.columnCount())]


def click_clock(qtbot, pane: DetailPane, row: int) -> None:  # type: ignore[no-untyped-def]
    table = pane.clock_table
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_table_and_the_explanation_say_the_same_figures(  # type: ignore[no-untyped-def]
    qtbot, workspace, tmp_path
) -> None:
    ticket_id = create_ticket(
        workspace, NewTicket("Printer on fire", priority=Priority.HIGH), author="t", now=local(1, 9)
    )
    agent_reply(workspace, ticket_id, "On it", author="t", expected_version=1, now=local(1, 9, 20))
    clock = FakeClock(local(3, 11, 47))  # Wednesday, 11:47: some clocks late, one achieved
    window = open_window(qtbot, workspace, clock, tmp_path)
    pane = select(qtbot, window, ticket_id)
    table = pane.clock_table
    assert table.rowCount() >= 2
    seen_achieved = False
    for row in range(table.rowCount()):
        metric, target, elapsed, remaining, due, state = cells(pane, row)
        click_clock(qtbot, pane, row)
        text = pane.explanation.body.toPlainText()
        first, second = text.split("\n")[:2]
        assert f"Target {target} of business time" in second
        assert f"{elapsed} counted" in second, (metric, elapsed, second)
        if state.startswith("✓"):
            seen_achieved = True
            assert remaining == "—"  # an achieved clock has nothing remaining
            assert first.startswith("Achieved")
        elif remaining.startswith("−"):
            assert first.startswith(("Overdue by " + remaining[1:], "Breached"))
        else:
            assert first.startswith(f"{remaining} left"), (first, remaining)
        if due != "—":
            assert due in first, (due, first)  # the same instant, in the same zone
    assert seen_achieved


def test_every_clock_shows_without_scrolling_at_the_default_size(  # type: ignore[no-untyped-def]
    qtbot, workspace, tmp_path
) -> None:
    ticket_id = create_ticket(
        workspace, NewTicket("VPN drops", priority=Priority.URGENT), author="t", now=local(1, 9)
    )
    window = open_window(qtbot, workspace, FakeClock(local(1, 10)), tmp_path)
    pane = select(qtbot, window, ticket_id)
    table = pane.clock_table
    assert table.verticalScrollBar().maximum() == 0
    assert table.horizontalScrollBar().maximum() == 0
    scroll_viewport = pane.clock_table.parentWidget().parentWidget().parentWidget()
    bottom = table.mapTo(scroll_viewport, QPoint(0, table.height())).y()
    assert 0 < bottom <= scroll_viewport.height()


def test_outside_working_hours_a_countdown_says_why_it_stands_still(  # type: ignore[no-untyped-def]
    qtbot, workspace, tmp_path
) -> None:
    ticket_id = create_ticket(
        workspace, NewTicket("Invoice", priority=Priority.LOW), author="t", now=local(5, 16)
    )
    window = open_window(qtbot, workspace, FakeClock(local(6, 12)), tmp_path)  # Saturday
    pane = select(qtbot, window, ticket_id)
    states = [cells(pane, row)[-1] for row in range(pane.clock_table.rowCount())]
    assert states
    for state in states:
        assert state.endswith("· paused — outside working hours, resumes Mon 09:00"), state
    # The list's narrow cell shows the figure; its tooltip says why it stands still.
    model = window.tickets.model
    index = model.index(model.position_of(ticket_id), TicketTableModel.COL_TIME_TO_BREACH)
    assert index.data() and "outside working hours" not in index.data()
    assert "outside working hours, resumes Mon 09:00" in index.data(Qt.ItemDataRole.ToolTipRole)
