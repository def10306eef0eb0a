"""Every countdown column sorts the list in SQL, clicked like a person: next response and
periodic update (the latest cycle of each) as well as first response and resolution."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu
from sqlalchemy import select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.tickets.actions import customer_reply
from slaworkbench.domain.model import ClockState, Metric
from slaworkbench.store.schema import Ticket
from slaworkbench.store.tickets.query import SortKey
from slaworkbench.store.tickets.rows import ClockSnapshot
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.window.main_window import MainWindow

NOW = 1_790_000_000
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)


@pytest.fixture
def window(qtbot, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    ws: Workspace = open_workspace(f"sqlite:///{tmp_path / 'sorting.sqlite3'}")
    generate_demo(ws, tickets=300, seed=11, now=NOW)
    _customers_write_back(ws)
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


def _customers_write_back(ws: Workspace) -> None:
    """Customers write back on five answered open tickets: their next response clocks
    run (the demo's have all been answered)."""
    with ws.session() as session:
        answered = session.scalars(
            select(Ticket.id)
            .where(Ticket.status == "open", Ticket.first_response_state == "achieved")
            .order_by(Ticket.id)
            .limit(5)
        ).all()
    assert len(answered) == 5
    for ticket_id in answered:
        with ws.session() as session:
            version = session.get(Ticket, ticket_id).version  # type: ignore[union-attr]
        customer_reply(
            ws, ticket_id, "any news?", author="customer", expected_version=version, now=NOW
        )


def _click_header(qtbot, win: MainWindow, column: int, button=Qt.MouseButton.LeftButton) -> None:  # type: ignore[no-untyped-def]
    table = win.tickets.table
    header = table.horizontalHeader()
    table.scrollTo(win.tickets.model.index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    assert 0 <= x < header.viewport().width(), "the column is on screen"
    qtbot.mouseClick(header.viewport(), button, pos=QPoint(x, header.height() // 2))


def _show_column(qtbot, win: MainWindow, column: int) -> None:  # type: ignore[no-untyped-def]
    """Right-click the header and pick "Show <column>"."""
    title = win.tickets.model.column_title(column)
    _click_header(qtbot, win, TicketTableModel.COL_SUBJECT, Qt.MouseButton.RightButton)
    menu: QMenu | None = win.tickets.columns.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    action = next(a for a in menu.actions() if a.text() == f"Show {title}")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    assert not win.tickets.table.isColumnHidden(column)


def _rank(clock: ClockSnapshot) -> tuple[int, int]:
    """Running by due instant, paused by time left, then stopped, then not measured."""
    if clock.state is None:
        return (3, 0)
    if clock.state in (ClockState.RUNNING, ClockState.BREACHED) and not clock.stopped:
        assert clock.due_at is not None
        return (0, clock.due_at)
    if clock.state is ClockState.PAUSED:
        return (1, clock.remaining or 0)
    return (2, 0)


@pytest.mark.parametrize(
    ("metric", "column", "key"),
    [
        (Metric.NEXT_RESPONSE, TicketTableModel.COL_NEXT_RESPONSE, SortKey.NEXT_RESPONSE),
        (Metric.PERIODIC_UPDATE, TicketTableModel.COL_PERIODIC_UPDATE, SortKey.PERIODIC_UPDATE),
    ],
)
def test_clicking_a_cycle_metric_s_header_orders_the_list_by_its_countdown(
    qtbot, window, metric, column, key
) -> None:  # type: ignore[no-untyped-def]
    model = window.tickets.model
    _show_column(qtbot, window, column)
    _click_header(qtbot, window, column)
    qtbot.waitUntil(lambda: model.query.sort is key, timeout=3000)
    rows = [model.row_at(i) for i in range(model.rowCount())]
    ranks = [_rank(r.clock(metric)) for r in rows]
    assert ranks == sorted(ranks)
    assert {group for group, _ in ranks} >= {0, 3}, "running and unmeasured clocks"
    ascending = [r.id for r in rows]

    _click_header(qtbot, window, column)  # again: the other way round
    qtbot.waitUntil(lambda: model.query.descending, timeout=3000)
    rows = [model.row_at(i) for i in range(model.rowCount())]
    ranks = [_rank(r.clock(metric)) for r in rows]
    assert ranks == sorted(ranks, reverse=True)
    assert [r.id for r in rows][: len(ascending)] != ascending
