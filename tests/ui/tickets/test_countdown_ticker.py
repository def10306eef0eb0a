"""The shared 1 Hz timer: countdown columns of visible rows only, and only while shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMainWindow, QTableView

from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import TicketQuery, View
from slaworkbench.ui.tickets.list.countdown_ticker import (
    CountdownTicker,
    changed_blocks,
    contiguous_runs,
)
from slaworkbench.ui.tickets.list.table_model import TicketTableModel

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


def test_tick_repaints_only_visible_countdown_cells_that_changed(shown, clock):
    _window, view, model, ticker = shown
    top, bottom = ticker.visible_rows()
    assert top == 0 and bottom < model.rowCount() - 1  # not every row
    view.viewport().repaint()  # every visible cell painted now
    signals = []
    model.dataChanged.connect(lambda a, b, roles: signals.append((a, b)))
    ticker.tick()
    assert signals == []  # the same second: nothing to repaint
    clock.advance(1)
    ticker.tick()
    assert signals
    cells = {
        (r, c)
        for a, b in signals
        for r in range(a.row(), b.row() + 1)
        for c in range(a.column(), b.column() + 1)
    }
    assert all(top <= r <= bottom and c in model.COUNTDOWN_COLUMNS for r, c in cells)
    assert (model.position_of(1), TicketTableModel.COL_FIRST_RESPONSE) in cells  # seconds
    assert (model.position_of(3), TicketTableModel.COL_NEXT_DUE) not in cells  # a due time


def test_changed_blocks():
    assert changed_blocks([(3, 6), (3, 8), (4, 6), (4, 8), (9, 7)]) == [
        (3, 4, 6, 8),
        (9, 9, 7, 7),
    ]
    assert changed_blocks([]) == []


@pytest.mark.parametrize("step", [1, 29, 60, 61, 600, 3599, 3600, 5 * 3600 + 7, 86_400])
def test_changed_cells_are_exactly_those_that_read_differently(session_factory, clock, step):
    def fetch(query, after, limit):
        with session_factory() as session:
            return list_tickets(session, query, now=clock(), after=after, limit=limit)

    model = TicketTableModel(fetch, clock=clock)
    model.set_query(TicketQuery(view=View.ALL))
    cells = [(r, c) for r in range(model.rowCount()) for c in model.COUNTDOWN_COLUMNS]
    for _ in range(3):  # paint, move on, repaint what changed, ...
        before = {cell: model.index(*cell).data() for cell in cells}
        clock.advance(step)
        changed = set(model.countdowns.changed(0, model.rowCount() - 1))
        after = {
            cell: model.countdowns.display_for(model.row_at(cell[0]), cell[1]).text
            for cell in cells
        }
        assert changed == {cell for cell in cells if before[cell] != after[cell]}
        for cell in cells:
            model.index(*cell).data()


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
