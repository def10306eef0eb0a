"""The shared 1 Hz timer: countdown columns of visible rows only, and only while shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QTableView

from slaworkbench.store.ticket_queries import TicketQuery, View, list_tickets
from slaworkbench.ui.countdown_ticker import CountdownTicker, contiguous_runs
from slaworkbench.ui.ticket_table_model import TicketTableModel

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_contiguous_runs():
    assert contiguous_runs([8, 6, 7, 10]) == [(6, 8), (10, 10)]
    assert contiguous_runs([]) == []


@pytest.fixture
def shown(qtbot, session_factory, clock):
    def fetch(query, after, limit):
        with session_factory() as session:
            return list_tickets(session, query, now=clock(), after=after, limit=limit)

    model = TicketTableModel(fetch, clock=clock)
    model.set_query(TicketQuery(view=View.ALL))
    window = QMainWindow()
    view = QTableView(window)
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(900, 140)  # room for only a few of the six rows
    qtbot.addWidget(window)
    ticker = CountdownTicker(view, model, window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: ticker.active)
    return window, view, model, ticker


def test_tick_signals_countdown_columns_of_visible_rows_only(shown):
    _window, _view, model, ticker = shown
    top, bottom = ticker.visible_rows()
    assert top == 0 and bottom < model.rowCount() - 1  # not every row
    signals = []
    model.dataChanged.connect(lambda a, b, roles: signals.append((a, b)))
    ticker.tick()
    assert len(signals) == 1  # the countdown columns are one contiguous run
    first, last = signals[0]
    assert (first.column(), last.column()) == (
        TicketTableModel.COL_FIRST_RESPONSE,
        TicketTableModel.COL_NEXT_DUE,
    )
    assert (first.row(), last.row()) == (top, bottom)


def test_ticking_shows_the_new_time(shown, clock):
    _window, _view, model, ticker = shown
    index = model.index(model.position_of(1), TicketTableModel.COL_FIRST_RESPONSE)
    assert index.data() == "⚠ 1m 30s"
    clock.advance(120)
    ticker.tick()
    assert index.data() == "overdue 30s"


def test_stops_while_hidden_or_minimised(shown, qtbot):
    window, _view, _model, ticker = shown
    window.hide()
    qtbot.waitUntil(lambda: not ticker.active)
    window.show()
    qtbot.waitUntil(lambda: ticker.active)
    window.showMinimized()
    qtbot.waitUntil(lambda: not ticker.active)
    window.showNormal()
    qtbot.waitUntil(lambda: ticker.active)
