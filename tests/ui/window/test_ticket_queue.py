"""The queue an agent wants, driven like a person: the time-to-breach column and its
order, the header's column menu, the filter chips, one count everywhere, the window
remembering the view and the alerts panel, a visible keyboard focus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu
from sqlalchemy import select

from slaworkbench.app.tickets.workbench import load_calendars
from slaworkbench.domain.clock.readings import remaining_at
from slaworkbench.domain.model import Metric
from slaworkbench.store.schema import Ticket
from slaworkbench.store.tickets.filters import count_tickets
from slaworkbench.store.tickets.query import SortKey, TicketQuery, View
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import TEXT_SIGNS, dark_palette, light_palette
from slaworkbench.ui.tickets.countdown import Severity
from slaworkbench.ui.tickets.list.filter_chips import DASHBOARD, SEARCH
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.tickets.list.time_to_breach import most_urgent
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.twin_demos import demo_copy

NOW = 1_790_000_000
# The offscreen platform says these on every show and popup; they are not about our code.
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = demo_copy(tmp_path / "queue.sqlite3", tickets=300, seed=5, now=NOW)
    yield ws
    ws.close()


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _open(qtbot, workspace: Workspace, tmp_path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow(
        workspace,
        TaskRunner(synchronous=True),
        clock=lambda: NOW,
        settings=_settings(tmp_path),
        watch_interval_ms=3_600_000,
        tray=False,
    )
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    win = _open(qtbot, workspace, tmp_path)
    yield win
    win.shutdown()


def _rows(win: MainWindow) -> list:  # type: ignore[type-arg]
    model = win.tickets.model
    return [model.row_at(i) for i in range(model.rowCount())]


def _click_header(qtbot, win: MainWindow, column: int, button=Qt.MouseButton.LeftButton) -> None:  # type: ignore[no-untyped-def]
    table = win.tickets.table
    header = table.horizontalHeader()
    assert not header.isSectionHidden(column)
    table.scrollTo(win.tickets.model.index(0, column))
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    assert 0 <= x < header.viewport().width(), "the column is on screen"
    qtbot.mouseClick(header.viewport(), button, pos=QPoint(x, header.height() // 2))


def _header_menu(qtbot, win: MainWindow, column: int) -> QMenu:  # type: ignore[no-untyped-def]
    _click_header(qtbot, win, column, Qt.MouseButton.RightButton)
    menu = win.tickets.columns.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    return menu


def _pick(qtbot, menu: QMenu, text: str) -> None:  # type: ignore[no-untyped-def]
    action = next(a for a in menu.actions() if a.text() == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def _sidebar_click(qtbot, win: MainWindow, prefix: str) -> None:  # type: ignore[no-untyped-def]
    tree = win.tickets.sidebar.tree
    items = [
        tree.topLevelItem(r).child(c)
        for r in range(tree.topLevelItemCount())
        for c in range(tree.topLevelItem(r).childCount())
        if tree.topLevelItem(r).child(c).text(0).startswith(prefix)
    ]
    assert len(items) == 1, prefix
    rect = tree.visualItemRect(items[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_time_to_breach_shows_the_most_urgent_clock_and_its_name(window) -> None:  # type: ignore[no-untyped-def]
    model = window.tickets.model
    assert model.query.sort is SortKey.TIME_TO_BREACH  # the default order
    header = window.tickets.table.horizontalHeader()
    x = header.sectionViewportPosition(TicketTableModel.COL_TIME_TO_BREACH)
    assert 0 <= x < header.viewport().width(), "on screen at 1024×700"
    first = model.row_at(0)
    metric = most_urgent(first)
    assert metric is not None
    index = model.index(0, TicketTableModel.COL_TIME_TO_BREACH)
    own = model.index(0, TicketTableModel.METRIC_COLUMNS[metric])
    assert index.data() == own.data()  # the same countdown as that clock's own column
    assert index.data(TicketTableModel.MetricRole) == window.tickets.model.column_title(
        TicketTableModel.METRIC_COLUMNS[metric]
    )
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "Resolution:" in tooltip and "First response:" in tooltip


def test_only_clocks_at_risk_or_breached_now_are_coloured(window) -> None:  # type: ignore[no-untyped-def]
    model = window.tickets.model
    loud, quiet = 0, 0
    for position in range(model.rowCount()):
        for column in model.COUNTDOWN_COLUMNS:
            index = model.index(position, column)
            severity = Severity(index.data(TicketTableModel.SeverityRole))
            coloured = index.data(Qt.ItemDataRole.BackgroundRole) is not None
            if severity.value in ("at_risk", "overdue"):
                # One sign a cell: the icon, or the text's own (``⚠ 13 min``).
                signed = str(index.data()).startswith(TEXT_SIGNS)
                icon = index.data(Qt.ItemDataRole.DecorationRole)
                assert coloured and (icon is None) == signed, index.data()
                loud += 1
            elif severity.value in ("ok", "achieved", "none"):
                assert not coloured and index.data(Qt.ItemDataRole.DecorationRole) is None
                quiet += 1
    assert loud and quiet
    priority = model.index(0, TicketTableModel.COL_PRIORITY)
    assert priority.data(Qt.ItemDataRole.ForegroundRole) is None  # no red "Urgent" rows


def test_clicking_the_time_to_breach_header_sorts_by_it(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    model = window.tickets.model
    _click_header(qtbot, window, TicketTableModel.COL_ID)
    assert model.query.sort is SortKey.ID
    _click_header(qtbot, window, TicketTableModel.COL_TIME_TO_BREACH)
    assert model.query.sort is SortKey.TIME_TO_BREACH and not model.query.descending
    rows = _rows(window)
    # By business time left on the most urgent running clock, on each ticket's calendar
    # (the demo's calendars differ, so this is not the due instants' order).
    calendars = load_calendars(workspace)

    def left(row) -> int:  # type: ignore[no-untyped-def]
        return remaining_at(calendars.get(row.calendar_id), row.next_due_at, NOW)

    lefts = [left(r) for r in rows if r.next_due_at is not None]
    assert lefts and lefts == sorted(lefts)
    with workspace.session() as session:
        open_ids = set(
            session.scalars(
                select(Ticket.id)
                .where(Ticket.status.in_(["new", "open", "pending", "on_hold"]))
                .where(Ticket.next_due_at.is_not(None))
            )
        )
    assert len([r for r in rows if r.id in open_ids]) == len(open_ids)  # all on the page
    assert left(rows[0]) == min(lefts)  # the most urgent work is at the top
    _click_header(qtbot, window, TicketTableModel.COL_TIME_TO_BREACH)
    assert model.query.descending
    assert model.row_at(0).next_due_at is None  # nothing running: last, so first reversed


def test_header_menu_hides_shows_and_moves_columns(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    table = window.tickets.table
    header = table.horizontalHeader()
    assert not table.isColumnHidden(TicketTableModel.COL_CUSTOMER)
    menu = _header_menu(qtbot, window, TicketTableModel.COL_CUSTOMER)
    _pick(qtbot, menu, "Hide Customer")
    assert table.isColumnHidden(TicketTableModel.COL_CUSTOMER)

    assert table.isColumnHidden(TicketTableModel.COL_NEXT_RESPONSE)
    menu = _header_menu(qtbot, window, TicketTableModel.COL_SUBJECT)
    _pick(qtbot, menu, "Show Next response")
    assert not table.isColumnHidden(TicketTableModel.COL_NEXT_RESPONSE)
    assert header.sectionSize(TicketTableModel.COL_NEXT_RESPONSE) >= 40
    assert "Hide Subject" not in [a.text() for a in menu.actions() if a.isEnabled()]

    before = header.visualIndex(TicketTableModel.COL_PRIORITY)
    menu = _header_menu(qtbot, window, TicketTableModel.COL_PRIORITY)
    _pick(qtbot, menu, "Move “Priority” left")
    assert header.visualIndex(TicketTableModel.COL_PRIORITY) == before - 1
    menu = _header_menu(qtbot, window, TicketTableModel.COL_PRIORITY)
    _pick(qtbot, menu, "Move “Priority” right")
    assert header.visualIndex(TicketTableModel.COL_PRIORITY) == before


def test_columns_are_restored_with_the_window(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = _open(qtbot, workspace, tmp_path)
    _pick(qtbot, _header_menu(qtbot, win, TicketTableModel.COL_CUSTOMER), "Hide Customer")
    _pick(qtbot, _header_menu(qtbot, win, TicketTableModel.COL_SUBJECT), "Show Resolution")
    win.shutdown()
    win.close()
    again = _open(qtbot, workspace, tmp_path)
    assert again.tickets.table.isColumnHidden(TicketTableModel.COL_CUSTOMER)
    assert not again.tickets.table.isColumnHidden(TicketTableModel.COL_RESOLUTION)
    again.shutdown()


def test_search_shows_a_chip_whose_close_button_restores_the_view(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    plain = {r.id for r in _rows(window)}
    word = window.tickets.model.row_at(0).subject.split()[0]
    search = window.tickets.toolbar.search
    search.setFocus()
    qtbot.keyClicks(search, word)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    chips = window.tickets.chips
    chip = chips.chip(SEARCH)
    assert chips.isVisible() and chip is not None and word in chip.label.text()
    assert window.tickets.sidebar.current_key() == "view:all_open"  # the view, narrowed
    assert {r.id for r in _rows(window)} <= plain
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    assert not chips.isVisible() and not window.tickets.model.query.search
    assert search.text() == ""
    assert {r.id for r in _rows(window)} == plain


def test_a_dashboard_click_shows_a_chip_and_the_clock_column(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    table = window.tickets.table
    assert table.isColumnHidden(TicketTableModel.COL_NEXT_RESPONSE)
    window.show_tab(1)
    window.dashboard.open_tickets_requested.emit(
        {"sla_state": "breached", "metric": Metric.NEXT_RESPONSE.value, "open": True}
    )
    assert window.tabs.currentIndex() == 0
    # "Breached next response" shows the next-response clock beside the time to breach.
    assert not table.isColumnHidden(TicketTableModel.COL_NEXT_RESPONSE)
    header = table.horizontalHeader()
    assert header.visualIndex(TicketTableModel.COL_NEXT_RESPONSE) == (
        header.visualIndex(TicketTableModel.COL_TIME_TO_BREACH) + 1
    )
    chip = window.tickets.chips.chip(DASHBOARD)
    assert chip is not None and "next response" in chip.label.text()
    filtered = {r.id for r in _rows(window)}
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    query = window.tickets.model.query
    assert not query.has_dashboard_filter and query.view is View.ALL_OPEN
    assert window.tickets.chips.chip(DASHBOARD) is None
    with workspace.session() as session:
        open_count = count_tickets(session, TicketQuery(view=View.ALL_OPEN), now=NOW)
    assert len(_rows(window)) == min(open_count, window.tickets.model.page_size)
    assert filtered < {r.id for r in _rows(window)} or len(filtered) < len(_rows(window))


def test_a_saved_filter_is_highlighted_and_its_chip_returns_to_its_view(  # type: ignore[no-untyped-def]
    qtbot, window, monkeypatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    _sidebar_click(qtbot, window, "Unassigned")
    unassigned = {r.id for r in _rows(window)}
    window.tickets.toolbar.search.setText("a")
    qtbot.keyClick(window.tickets.toolbar.search, Qt.Key.Key_Return)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Mine to check", True))
    window.tickets.toolbar.save_filter_action.trigger()
    _sidebar_click(qtbot, window, "All open")
    assert window.tickets.chips.chip(SEARCH) is not None  # the search stays, said by a chip
    _sidebar_click(qtbot, window, "Mine to check")
    assert window.tickets.sidebar.current_key() == "filter:Mine to check"
    chip = window.tickets.chips.chip("saved")
    assert chip is not None and [c.kind for c in window.tickets.chips.chips] == ["saved"]
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    assert window.tickets.sidebar.current_key() == "view:unassigned"
    assert not window.tickets.chips.isVisible()
    assert {r.id for r in _rows(window)} == unassigned


def test_sidebar_and_status_bar_counts_agree_after_a_change(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    def shown() -> tuple[str, str, str]:
        sidebar = window.tickets.sidebar
        texts = [
            sidebar.tree.topLevelItem(0).child(i).text(0)
            for i in range(sidebar.tree.topLevelItem(0).childCount())
        ]
        breached = next(t for t in texts if t.startswith("Breached"))
        at_risk = next(t for t in texts if t.startswith("At risk"))
        return breached, at_risk, window.tickets.sla_label.text()

    def agree() -> bool:
        breached, at_risk, status = shown()
        b = breached.split("(")[1].rstrip(")")
        r = at_risk.split("(")[1].rstrip(")")
        return status == f"{b} breached, {r} at risk"

    assert agree(), shown()
    # A change: the urgent tickets of the list become low priority (the clocks move).
    with workspace.session() as session:
        before = count_tickets(session, TicketQuery(view=View.BREACHED), now=NOW)
    assert shown()[2].startswith(f"{before:,} breached".replace(",", ""))  # one source
    row = window.tickets.model.row_at(0)
    window.tickets.list.select_ticket(row.id)
    combo = window.tickets.detail.ticket_actions.status_combo
    combo.setCurrentIndex(combo.findData("solved"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(agree, timeout=5000)
    with workspace.session() as session:
        after = count_tickets(session, TicketQuery(view=View.BREACHED), now=NOW)
    assert shown()[2].startswith(f"{after} breached")


def test_last_view_and_alerts_panel_are_remembered(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = _open(qtbot, workspace, tmp_path)
    _sidebar_click(qtbot, win, "Unassigned")
    listed = {r.id for r in _rows(win)}
    dock = win.alerts.dock
    dock.toggleViewAction().trigger()  # View › SLA alerts
    assert dock.isVisible()
    win.resizeDocks([dock], [333], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: dock.width() == 333, timeout=3000)
    win.shutdown()
    win.close()
    again = _open(qtbot, workspace, tmp_path)
    assert again.tickets.model.query.view is View.UNASSIGNED
    assert again.tickets.sidebar.current_key() == "view:unassigned"
    assert {r.id for r in _rows(again)} == listed
    assert again.alerts.dock.isVisible()
    qtbot.waitUntil(lambda: again.alerts.dock.width() == 333, timeout=3000)
    # Hidden from the View menu, it stays hidden next time.
    toggle = again.alerts.dock.toggleViewAction()
    toggle.trigger()
    assert not again.alerts.dock.isVisible()
    again.shutdown()
    again.close()
    third = _open(qtbot, workspace, tmp_path)
    assert not third.alerts.dock.isVisible()
    third.shutdown()


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_keyboard_focus_on_the_list_is_visible(qtbot, window, palette) -> None:  # type: ignore[no-untyped-def]
    table = window.tickets.table
    table.setPalette(palette())  # the theme's colours, on the list only
    table.selectRow(0)
    rect = table.visualRect(window.tickets.model.index(0, TicketTableModel.COL_SUBJECT))
    point = rect.topLeft() + QPoint(rect.width() - 4, rect.height() // 2)

    def colour() -> str:
        return table.viewport().grab().toImage().pixelColor(point).name()

    window.tickets.toolbar.search.setFocus()
    qtbot.waitUntil(lambda: not table.hasFocus())
    unfocused = colour()
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)
    focused = colour()
    highlight = table.palette().color(table.palette().ColorRole.Highlight)
    assert focused == highlight.name()
    # Without focus the selection is a muted tint, far enough from the focused one to see.
    unfocused_colour = QColor(unfocused)
    distance = sum(
        abs(a - b)
        for a, b in zip(unfocused_colour.getRgb()[:3], highlight.getRgb()[:3], strict=True)
    )
    assert distance > 60, (unfocused, focused)


def test_the_arrow_keys_in_the_sidebar_show_the_view_they_highlight(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The highlight and the list used to part: ↓ highlighted "Mine" while the list still
    showed every open ticket, until Enter."""
    sidebar = window.tickets.sidebar
    picked: list[object] = []
    sidebar.view_chosen.connect(picked.append)
    _sidebar_click(qtbot, window, "Unassigned")
    assert len(picked) == 1, "a click picks once (its press moves the highlight too)"
    unassigned = {r.id for r in _rows(window)}
    _sidebar_click(qtbot, window, "All open")
    all_open = {r.id for r in _rows(window)}
    assert unassigned < all_open
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_Down)
    assert sidebar.current_key() == "view:mine"
    mine = {r.id for r in _rows(window)}
    assert mine != all_open
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_End)
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_Up)  # "(none yet)" cannot be highlighted
    key = sidebar.current_key()
    assert key.startswith("view:") and key != "view:mine"
    assert {r.id for r in _rows(window)} != mine
    _sidebar_click(qtbot, window, "Mine")
    assert {r.id for r in _rows(window)} == mine
    assert len(picked) == 3 + 2
