"""The default layout at 1024×700: the list shows subject, time to breach and priority
without scrolling sideways, beside the detail pane, and the clocks table names every
clock (whole, or whole in the cell's tooltip where the pane is too narrow)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import TEXT_SIGNS
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.window.main_window import MainWindow

NOW = 1_790_000_000
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    ws = open_workspace(f"sqlite:///{tmp_path / 'layout.sqlite3'}")
    generate_demo(ws, tickets=200, seed=3, now=NOW)
    win = MainWindow(
        ws,
        TaskRunner(synchronous=True),
        clock=lambda: NOW,
        settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
        watch_interval_ms=3_600_000,
        tray=False,
    )
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.shutdown()
    ws.close()


def test_at_1024x700_the_list_s_main_columns_need_no_sideways_scroll(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    table = window.tickets.table
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().value() == 0
    for column in (
        TicketTableModel.COL_SUBJECT,
        TicketTableModel.COL_TIME_TO_BREACH,
        TicketTableModel.COL_PRIORITY,
    ):
        left = header.sectionViewportPosition(column)
        right = left + header.sectionSize(column)
        assert left >= 0 and right <= table.viewport().width(), (
            f"{window.tickets.model.column_title(column)}: {left}..{right} of "
            f"{table.viewport().width()} px"
        )
    # The detail pane beside it shows a ticket: click the first row like a person.
    rect = table.visualRect(window.tickets.model.index(0, TicketTableModel.COL_SUBJECT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.tickets.detail
    qtbot.waitUntil(pane.is_complete, timeout=5_000)
    assert pane.isVisible() and pane.width() >= 300
    clocks = pane.clock_table
    assert clocks.rowCount() > 0
    assert clocks.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    metrics = clocks.fontMetrics()
    for row in range(clocks.rowCount()):
        item = clocks.item(row, 0)
        whole = metrics.horizontalAdvance(item.text()) + 8 <= clocks.columnWidth(0)
        assert whole or item.toolTip().startswith(item.text()), item.text()
    header = clocks.horizontalHeader()
    shown = [c for c in range(clocks.columnCount()) if not header.isSectionHidden(c)]
    assert {0, 1, 3, 5} <= set(shown)  # name, target, time left and state, always

    # A stopped or at-risk clock's state, its sign and first word, whole ("✓ achieved",
    # "✗ late"): at 1024 px the state column was 24 px, an icon and "…". (A running
    # clock's figure, beside its icon, is the time left again, in its own column.)
    def signed_states() -> list[str]:
        states = [clocks.item(row, 5).text() for row in range(clocks.rowCount())]
        return [text for text in states if text.startswith(TEXT_SIGNS)]

    position = 0
    while not signed_states() and position < 20:  # a ticket with a stopped clock
        position += 1
        rect = table.visualRect(window.tickets.model.index(position, 1))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(pane.is_complete, timeout=5_000)
    signed = signed_states()
    assert signed
    for text in signed:
        first = " ".join(text.split()[:2])
        assert metrics.horizontalAdvance(first) + 8 <= clocks.columnWidth(5), first


def test_at_1024x700_the_detail_pane_needs_no_sideways_scroll(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    table = window.tickets.table
    rect = table.visualRect(window.tickets.model.index(0, TicketTableModel.COL_SUBJECT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane = window.tickets.detail
    qtbot.waitUntil(pane.is_complete, timeout=5_000)
    qtbot.wait(50)  # the pane's layout has settled around what arrived
    content, viewport = pane.scroll_area.widget(), pane.scroll_area.viewport()
    needed = content.minimumSizeHint().width()
    assert needed <= viewport.width(), f"{needed} px of content in {viewport.width()} px"
    # every section (the satisfaction one too) fits the width beside the list
    assert pane.scroll_area.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("size", [(1024, 700), (1504, 900)])
def test_the_requester_s_address_shows_whole(qtbot, window, size) -> None:  # type: ignore[no-untyped-def]
    # An e-mail address is one long word: beside another field it was clipped
    # ("user521@acme.exam") in the first-launch window.
    window.resize(*size)
    table, model = window.tickets.table, window.tickets.model
    pane = window.tickets.detail
    for row in range(min(model.rowCount(), 8)):
        rect = table.visualRect(model.index(row, TicketTableModel.COL_SUBJECT))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(pane.is_complete, timeout=5_000)
        qtbot.wait(20)
        label = pane._field_labels["requester"]
        text = label.text()
        assert "@" in text
        needed = label.fontMetrics().horizontalAdvance(text)
        assert needed <= label.contentsRect().width(), (
            f"{text!r} needs {needed} px, shown in {label.contentsRect().width()} px"
        )


def test_the_time_to_breach_gives_way_to_a_narrow_subject(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """At a middling width the subject was squeezed to a few words ("Refund for order
    9…") beside a time-to-breach column wide enough for "overdue 23h 59m" and the
    clock's small name. While the subject is narrower than 30 digits the time to breach
    now narrows first (its small name elided, whole in the tooltip) and takes its width
    back when the window widens; a width the user drags it to is the one it goes back
    to."""
    table = window.tickets.table
    header = table.horizontalHeader()
    subject, breach = TicketTableModel.COL_SUBJECT, TicketTableModel.COL_TIME_TO_BREACH
    digit = table.fontMetrics().horizontalAdvance("0")
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: header.sectionSize(subject) >= 30 * digit)
    wide = header.sectionSize(breach)
    window.resize(1300, 800)  # room for the subject's 30 digits if the other narrows
    qtbot.waitUntil(lambda: header.sectionSize(breach) < wide)
    assert header.sectionSize(subject) == 30 * digit
    window.resize(1240, 800)  # not even then: the other at its floor, the subject wider
    qtbot.waitUntil(lambda: header.sectionSize(subject) < 30 * digit)
    floor = header.sectionSize(breach)
    assert floor < wide and header.sectionSize(subject) > 30 * digit - (wide - floor)
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: header.sectionSize(breach) == wide)

    # The user drags the column's right edge 40 px wider: that is its width from now on.
    edge = header.sectionViewportPosition(breach) + header.sectionSize(breach) - 1
    y = header.height() // 2
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + 20, y))
    qtbot.mouseMove(header.viewport(), QPoint(edge + 40, y))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(edge + 40, y))
    dragged = header.sectionSize(breach)
    assert dragged >= wide + 30
    window.resize(1240, 800)
    qtbot.waitUntil(lambda: header.sectionSize(breach) == floor)
    window.resize(1900, 900)
    qtbot.waitUntil(lambda: header.sectionSize(breach) == dragged)
