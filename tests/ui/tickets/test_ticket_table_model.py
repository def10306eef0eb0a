"""The ticket table model: pages, countdowns from an injected clock, sort in SQL."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from slaworkbench.store.tickets.paging import list_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.ui.tickets.countdown import Severity
from slaworkbench.ui.tickets.list.table_model import TicketTableModel


@pytest.fixture
def fetch(session_factory, clock):
    calls: list[tuple[int | None, int]] = []

    def fetch_page(query: TicketQuery, after, limit: int):
        calls.append((after.id if after is not None else None, limit))
        with session_factory() as session:
            return list_tickets(session, query, now=clock(), after=after, limit=limit)

    fetch_page.calls = calls  # type: ignore[attr-defined]
    return fetch_page


@pytest.fixture
def model(fetch, clock, qapp):
    m = TicketTableModel(fetch, clock=clock)
    m.set_query(TicketQuery(view=View.ALL))
    return m


def cell(model: TicketTableModel, ticket_id: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    position = model.position_of(ticket_id)
    assert position is not None
    return model.data(model.index(position, column), role)


def test_model_passes_the_model_tester(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)


def test_model_passes_the_model_tester_while_paging(qtmodeltester, fetch, clock):
    model = TicketTableModel(fetch, clock=clock, page_size=2)
    model.set_query(TicketQuery(view=View.ALL, sort=SortKey.ID))
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)  # fetches the remaining pages
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert [model.row_at(i).id for i in range(model.rowCount())] == [1, 2, 3, 4, 5, 6]
    assert fetch.calls[:3] == [(None, 2), (2, 2), (4, 2)]  # each page after the last row
    assert not model.canFetchMore(QModelIndex())


def test_due_in_90_seconds_counts_down_then_turns_overdue(model, clock):
    col = TicketTableModel.COL_FIRST_RESPONSE
    assert cell(model, 1, col) == "⚠ 1m 30s"
    assert cell(model, 1, col, TicketTableModel.SeverityRole) == Severity.AT_RISK.value
    assert cell(model, 1, col, Qt.ItemDataRole.DecorationRole) is None  # the text's ⚠ only
    clock.advance(30)
    assert cell(model, 1, col) == "⚠ 1m 0s"
    clock.advance(60)
    assert cell(model, 1, col) == "overdue"
    clock.advance(35 * 60)
    assert cell(model, 1, col) == "overdue 35m"
    assert cell(model, 1, col, TicketTableModel.SeverityRole) == Severity.OVERDUE.value
    assert cell(model, 1, col, Qt.ItemDataRole.DecorationRole) is not None


def test_running_clock_turns_at_risk_at_its_risk_instant(model, clock):
    col = TicketTableModel.COL_RESOLUTION
    assert cell(model, 1, col) == "7h 0m"
    assert cell(model, 1, col, TicketTableModel.SeverityRole) == Severity.OK.value
    clock.advance(5 * 3600)
    assert cell(model, 1, col) == "⚠ 2h 0m"


def test_pending_ticket_clock_stays_frozen(model, clock):
    col = TicketTableModel.COL_RESOLUTION
    before = cell(model, 2, col)
    clock.advance(6 * 3600)
    assert cell(model, 2, col) == before == "paused 40m"
    assert cell(model, 2, col, TicketTableModel.SeverityRole) == Severity.PAUSED.value


def test_stopped_clocks_show_their_result(model):
    assert cell(model, 4, TicketTableModel.COL_FIRST_RESPONSE) == "✓ achieved"
    assert cell(model, 4, TicketTableModel.COL_NEXT_DUE) == "—"
    assert cell(model, 6, TicketTableModel.COL_RESOLUTION) == "—"


def test_breached_clock_is_marked_by_text_and_colour(model):
    col = TicketTableModel.COL_FIRST_RESPONSE
    assert cell(model, 3, col) == "overdue 35m"
    assert cell(model, 3, col, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(model, 3, TicketTableModel.COL_NEXT_DUE).startswith("✗ ")


def test_plain_columns_and_row_lookup(model):
    assert cell(model, 3, TicketTableModel.COL_ID) == "T-3"
    assert cell(model, 3, TicketTableModel.COL_ASSIGNEE) == "Unassigned"
    assert cell(model, 2, TicketTableModel.COL_STATUS) == "Pending"
    assert cell(model, 1, TicketTableModel.COL_PRIORITY) == "Urgent"
    row = model.row_at(model.position_of(5))
    assert row.id == 5 and row.customer == "Globex"


def test_sort_requeries_and_next_due_puts_most_urgent_first(model, fetch):
    model.sort(TicketTableModel.COL_ID, Qt.SortOrder.DescendingOrder)
    assert model.row_at(0).id == 6
    fetch.calls.clear()
    model.sort(TicketTableModel.COL_NEXT_DUE, Qt.SortOrder.AscendingOrder)
    assert fetch.calls == [(None, model.page_size)]  # one page from SQL, not every row
    assert [model.row_at(i).id for i in range(3)] == [3, 1, 5]


def test_update_row_changes_one_row_only(model, qtbot, session_factory, clock):
    from slaworkbench.store.tickets.rows import fetch_ticket_row

    with session_factory() as session:
        fresh = fetch_ticket_row(session, 5)
    position = model.position_of(5)
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_row(fresh)
    top, bottom = blocker.args[0], blocker.args[1]
    assert top.row() == bottom.row() == position


def test_pages_dropped_from_memory_come_back_when_scrolled_to(qtmodeltester, fetch, clock):
    model = TicketTableModel(fetch, clock=clock, page_size=2, max_cached_pages=2)
    model.set_query(TicketQuery(view=View.ALL, sort=SortKey.ID))
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 6 and model.cached_count() <= 4  # only the last pages
    assert model.position_of(1) is None  # not in memory
    fetched = model.pages_fetched
    assert [model.row_at(i).id for i in range(6)] == [1, 2, 3, 4, 5, 6]
    assert model.pages_fetched > fetched  # the first pages were fetched again
    assert model.cached_count() <= 4
    assert model.row_at(0).id == 1 and model.position_of(1) == 0
    assert cell(model, 1, TicketTableModel.COL_FIRST_RESPONSE) == "⚠ 1m 30s"
    qtmodeltester.check(model, force_py=True)


def test_countdown_is_computed_once_per_cell_and_second(model, clock, monkeypatch):
    calls = []
    real = model.countdowns._compute_display
    monkeypatch.setattr(
        model.countdowns,
        "_compute_display",
        lambda row, column, now: calls.append(now) or real(row, column, now),
    )
    col = TicketTableModel.COL_FIRST_RESPONSE
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        TicketTableModel.SeverityRole,
    ):
        cell(model, 1, col, role)
    assert len(calls) == 1
    clock.advance(1)
    assert cell(model, 1, col) == "⚠ 1m 29s" and len(calls) == 2


def test_time_to_breach_counts_the_most_urgent_clock(model, clock):
    col = TicketTableModel.COL_TIME_TO_BREACH
    # Ticket 3: first response overdue beats a resolution due in 3 h.
    assert cell(model, 3, col) == "overdue 35m"
    assert cell(model, 3, col, TicketTableModel.MetricRole) == "First response"
    # Ticket 1: first response due in 90 s (at risk) before the resolution in 7 h.
    assert cell(model, 1, col) == "⚠ 1m 30s"
    tooltip = cell(model, 1, col, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines() == ["First response: ⚠ 1m 30s", "Resolution: 7h 0m"]
    # Ticket 2: every clock waits, so the paused one; ticket 4: nothing left to count.
    assert cell(model, 2, col) == "paused 40m"
    assert cell(model, 2, col, TicketTableModel.MetricRole) == "Resolution"
    assert cell(model, 4, col) == "—" and cell(model, 4, col, TicketTableModel.MetricRole) == ""
    clock.advance(2 * 3600)  # the first response long overdue, the resolution at risk
    assert cell(model, 1, col).startswith("overdue")


def test_only_clocks_at_risk_or_late_now_are_coloured(model):
    background, decoration = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.DecorationRole
    col = TicketTableModel.COL_FIRST_RESPONSE
    assert cell(model, 3, col, background) is not None  # overdue now
    assert cell(model, 5, col, background) is not None  # at risk now
    for ticket, column in ((1, TicketTableModel.COL_RESOLUTION), (4, col), (2, col)):
        # on time, achieved: plain or muted text, no background, no icon
        assert cell(model, ticket, column, background) is None
        assert cell(model, ticket, column, decoration) is None
    assert cell(model, 4, col, Qt.ItemDataRole.ForegroundRole) is not None  # muted
    assert cell(model, 1, TicketTableModel.COL_RESOLUTION, Qt.ItemDataRole.ForegroundRole) is None


def test_every_countdown_column_is_sortable(model):
    assert all(model.sortable(column) for column in TicketTableModel.COUNTDOWN_COLUMNS)


def test_the_time_to_breach_tooltip_is_built_when_asked_not_at_each_repaint(
    model, clock, monkeypatch
):
    """It describes every clock of the ticket: most of a repaint of the list's countdown
    cells when it was built with the cell (docs/perf/window.md)."""
    from slaworkbench.ui.tickets.list import countdown_cells

    built: list[int] = []
    real = countdown_cells.all_clocks_tooltip
    monkeypatch.setattr(
        countdown_cells,
        "all_clocks_tooltip",
        lambda row, now, calendar: built.append(row.id) or real(row, now, calendar),
    )
    col = TicketTableModel.COL_TIME_TO_BREACH
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        TicketTableModel.SeverityRole,
        TicketTableModel.MetricRole,
    ):
        cell(model, 1, col, role)
    assert built == []
    tooltip = cell(model, 1, col, Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines() == ["First response: ⚠ 1m 30s", "Resolution: 7h 0m"]
    assert cell(model, 1, col, Qt.ItemDataRole.ToolTipRole) == tooltip
    assert built == [1]  # once per cell and second
    clock.advance(1)
    assert cell(model, 1, col, Qt.ItemDataRole.ToolTipRole).splitlines()[0] == (
        "First response: ⚠ 1m 29s"
    )


def test_a_due_instant_of_another_year_shows_the_full_year(model, clock):
    """Past the week, the next-due cell wrote Qt's short date (``30/12/26 23:59``); it
    now writes what every screen writes, with the full year when not this year's."""
    import datetime as dt

    due = model.row_at(model.position_of(3)).next_due_at
    clock.advance(400 * 86400)
    shown = cell(model, 3, TicketTableModel.COL_NEXT_DUE)
    year = dt.datetime.fromtimestamp(due).year
    assert shown.startswith("✗ ") and f"/{year} " in shown, shown
