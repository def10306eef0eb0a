"""The whole workbench window: policy save → background recompute → rows update; alerts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from sqlalchemy import select

from slaworkbench.app.demo.catalogue import OFFICE_CALENDAR
from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind
from slaworkbench.app.tickets.workbench import load_calendars
from slaworkbench.domain.model import ClockState, Metric, Priority
from slaworkbench.store.schema import Calendar, PolicyVersion, Ticket
from slaworkbench.store.tickets.query import View
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.tickets import page as page_module
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.tickets.list.time_to_breach import most_urgent, time_to_breach
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.fake_clock import FakeClock
from tests.support.live_window import FirstPageCounter, close_window, open_window
from tests.support.twin_demos import demo_copy

NOW = 1_790_000_000


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = demo_copy(tmp_path / "w.sqlite3", tickets=600, seed=11, now=NOW)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    win = open_window(
        qtbot,
        workspace,
        tmp_path,
        now=NOW,
        ready=lambda w: w.tickets.toolbar.me_combo.count() > 0,
        watch_interval_ms=60_000,
    )
    yield win
    close_window(win)


def _running_first_response(workspace: Workspace) -> tuple[int, int, str]:
    """An open ticket whose first response runs, its policy id and the priority."""
    with workspace.session() as session:
        row = session.execute(
            select(Ticket.id, PolicyVersion.policy_id, Ticket.priority)
            .join(PolicyVersion, PolicyVersion.id == Ticket.policy_version_id)
            .where(Ticket.first_response_state == "running")
            .order_by(Ticket.id)
        ).first()
    assert row is not None, "the demo has open tickets awaiting a first reply"
    return row[0], row[1], row[2]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_saving_a_policy_recomputes_in_the_background_and_rows_update(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, monkeypatch
) -> None:
    win = window
    ticket_id, policy_id, priority = _running_first_response(workspace)
    win.tickets.list.show_ticket_anywhere(ticket_id)
    position = win.tickets.model.position_of(ticket_id)
    assert position is not None
    before = win.tickets.model.row_at(position)

    # Open the ticket's policy in the Policies tab and tighten its first-response target.
    win.show_tab(2)
    policies = win.policies
    qtbot.waitUntil(lambda: policy_id in policies.policy_list.ids(), timeout=10_000)
    policies.reload(select=policy_id)
    qtbot.waitUntil(lambda: policies.editor.policy_id() == policy_id, timeout=10_000)
    editor = policies.editor
    editor.target_edits[(Priority(priority), Metric.FIRST_RESPONSE)].setText("1m")
    editor.ask_reason = lambda _name: "Test: answer within a minute"

    # Proof that the window stays responsive: the recompute, on its worker thread, waits
    # for a timer that only a free GUI thread can fire; a blocked GUI would time out.
    import slaworkbench.ui.window.recompute_controller as controller_module

    worker_waiting, gui_turned = threading.Event(), threading.Event()
    real_recompute = controller_module.recompute

    def recompute_after_gui_turned(*args, **kwargs):  # type: ignore[no-untyped-def]
        worker_waiting.set()
        if not gui_turned.wait(30):
            raise RuntimeError("the GUI thread did not turn while the recompute ran")
        return real_recompute(*args, **kwargs)

    gui_timer = QTimer()
    gui_timer.setInterval(1)
    gui_timer.timeout.connect(lambda: worker_waiting.is_set() and gui_turned.set())
    gui_timer.start()
    monkeypatch.setattr(controller_module, "recompute", recompute_after_gui_turned)
    with qtbot.waitSignal(win.recompute.finished, timeout=60_000):
        editor.save()
    gui_timer.stop()
    assert gui_turned.is_set()

    qtbot.waitUntil(lambda: win.tickets.model.position_of(ticket_id) is not None, timeout=10_000)
    after = win.tickets.model.row_at(win.tickets.model.position_of(ticket_id))
    assert after.id == before.id
    assert before.first_response.state is ClockState.RUNNING
    assert after.first_response.state is ClockState.BREACHED
    text = win.tickets.model.index(
        win.tickets.model.position_of(ticket_id), TicketTableModel.COL_FIRST_RESPONSE
    ).data()
    assert "overdue" in text


def test_an_alert_opens_its_ticket_from_the_alerts_list(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    win = window
    with workspace.session() as session:
        closed_id = (
            session.execute(select(Ticket.id).where(Ticket.status == "closed").order_by(Ticket.id))
            .scalars()
            .first()
        )
    # A closed ticket is not in the "All open" view the window starts with.
    assert closed_id is not None and win.tickets.model.position_of(closed_id) is None
    alert = Alert(closed_id, AlertKind.BREACHED, NOW, "a subject")
    win.alerts.monitor.alert_raised.emit(alert)
    assert win.alerts.panel.model.rowCount() == 1
    win.show_tab(1)
    win.alerts.panel.view.activated.emit(win.alerts.panel.model.index(0))
    assert win.tabs.currentIndex() == 0
    selected = win.tickets.list.selected_row()
    assert selected is not None and selected.id == closed_id


def test_tabs_and_menus_are_there(window) -> None:  # type: ignore[no-untyped-def]
    win = window
    assert [win.tabs.tabText(i) for i in range(win.tabs.count())] == [
        "Tickets",
        "Dashboard",
        "Policies and calendars",
        "Agreements",
    ]
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["&File", "&View", "&Tools", "&Help"]


def test_a_dashboard_click_shows_its_tickets_in_the_list(window, workspace) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.show_tab(1)
    win.dashboard.open_tickets_requested.emit({"open": True, "priority": "urgent"})
    assert win.tabs.currentIndex() == 0
    shown = [win.tickets.model.row_at(i) for i in range(win.tickets.model.rowCount())]
    with workspace.session() as session:
        expected = set(
            session.execute(
                select(Ticket.id).where(
                    Ticket.priority == "urgent",
                    Ticket.status.in_(["new", "open", "pending", "on_hold"]),
                )
            ).scalars()
        )
    assert shown and {row.id for row in shown} <= expected
    assert len(shown) == min(len(expected), win.tickets.model.rowCount())
    assert win.tickets.toolbar.priority_filter.currentData() == "urgent"

    # Choosing a view in the sidebar leaves the dashboard's filter behind.
    win.dashboard.open_tickets_requested.emit({"sla_state": "breached", "metric": "resolution"})
    assert win.tickets.model.query.has_dashboard_filter
    win.tickets.list.show_view(View.ALL_OPEN)
    assert not win.tickets.model.query.has_dashboard_filter


def _open_window(qtbot, workspace: Workspace, tmp_path: Path, **options) -> MainWindow:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings-own.ini"), QSettings.Format.IniFormat)
    options.setdefault("clock", lambda: NOW)
    win = MainWindow(workspace, TaskRunner(), settings=settings, **options)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.tickets.toolbar.me_combo.count() > 0, timeout=10_000)
    return win


def _close(win: MainWindow) -> None:
    win.shutdown()
    win.close()
    assert win.runner.shutdown(10_000)


def _office_calendar_id(workspace: Workspace) -> int:
    with workspace.session() as session:
        calendar_id = session.execute(
            select(Calendar.id).where(Calendar.name == OFFICE_CALENDAR)
        ).scalar_one()
    return int(calendar_id)


def _visible_countdowns(win: MainWindow) -> list[tuple[int, int]]:
    """The (row, column) of the countdown cells the list shows on screen now."""
    visible = win.ticker.visible_rows()
    assert visible is not None
    columns = [
        c
        for c in win.ticker.visible_countdown_columns()
        if c == TicketTableModel.COL_TIME_TO_BREACH
    ]
    assert columns, "the list shows the time-to-breach column"
    return [(r, c) for r in range(visible[0], visible[1] + 1) for c in columns]


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_new_calendar_hours_count_down_in_the_list_without_f5(  # type: ignore[no-untyped-def]
    qtbot, workspace, tmp_path
) -> None:
    win = _open_window(qtbot, workspace, tmp_path, watch_interval_ms=60_000, tray=False)
    win.resize(1600, 900)
    win.tickets.splitter.setSizes([150, 1150, 300])  # the clock columns in view
    office_id = _office_calendar_id(workspace)
    old_calendar = load_calendars(workspace)[office_id]

    # Policies and calendars › Calendars › the office calendar, as a person gets there.
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    policies = win.policies
    bar = policies.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    editor = policies.calendars
    qtbot.waitUntil(lambda: OFFICE_CALENDAR in editor.calendar_names(), timeout=10_000)
    item = editor.list.findItems(OFFICE_CALENDAR, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(
        editor.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.list.visualItemRect(item).center(),
    )
    qtbot.waitUntil(lambda: editor.name.text() == OFFICE_CALENDAR, timeout=10_000)

    # The office now closes at 20:00 instead of 18:00 on every weekday.
    for day in ("mon", "tue", "wed", "thu", "fri"):
        end = editor.grid.day(day).intervals[-1].end
        end.setFocus()
        qtbot.keyClick(end, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(end, "20:00")
        qtbot.keyClick(end, Qt.Key.Key_Tab)
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5_000)
    with qtbot.waitSignal(win.recompute.finished, timeout=60_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    new_calendar = load_calendars(workspace)[office_id]

    # Back on the ticket list (no F5): the office's running clocks count by the new hours.
    QTest.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.ticker.visible_rows() is not None, timeout=5_000)
    model = win.tickets.model
    expected: dict[tuple[int, int], str] = {}
    for position, column in _visible_countdowns(win):
        row = model.row_at(position)
        assert row is not None
        metric = most_urgent(row)
        clock = row.clock(metric) if metric is not None else None
        if row.calendar_id != office_id or clock is None or clock.due_at is None:
            continue
        new_text = time_to_breach(row, NOW, new_calendar).text
        if new_text != time_to_breach(row, NOW, old_calendar).text:
            expected[(position, column)] = new_text
    assert expected, "a visible running clock of the office reads differently by the new hours"

    def shown() -> dict[tuple[int, int], str]:
        return {cell: model.index(*cell).data() for cell in expected}

    qtbot.waitUntil(lambda: shown() == expected, timeout=10_000)
    _close(win)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_one_recompute_reloads_the_list_once(  # type: ignore[no-untyped-def]
    qtbot, workspace, tmp_path, monkeypatch
) -> None:
    counter = FirstPageCounter(page_module)
    monkeypatch.setattr(page_module, "load_page", counter)
    first_pages = counter.calls
    polls: list[int] = []
    real_version = workspace.data_version

    def counting_version() -> int:
        polls.append(1)
        return real_version()

    # The watcher polls often: a reload it would add after the recompute shows up here.
    monkeypatch.setattr(workspace, "data_version", counting_version)
    clock = FakeClock(NOW)
    win = _open_window(qtbot, workspace, tmp_path, clock=clock, watch_interval_ms=50, tray=False)
    qtbot.waitUntil(lambda: len(polls) >= 2, timeout=10_000)
    # Start-up is over once the names are in ("Working as" has them; nobody is chosen
    # for a login no agent is named as, so nothing reloads for it).
    qtbot.waitUntil(lambda: win.tickets.toolbar.me_combo.count() > 0, timeout=10_000)
    # Tickets that breach in that hour raise alerts, which reload the list too (once a
    # burst); they are not what this test counts.
    win.alerts.blockSignals(True)
    clock.advance(3600)  # an hour later: the recompute writes new clocks

    tools = win.menuBar().actions()[2].menu()
    recompute = next(a for a in tools.actions() if a.text() == "Recompute SLA clocks")
    before = len(first_pages)
    with qtbot.waitSignal(win.recompute.finished, timeout=60_000):
        recompute.trigger()
    polled = len(polls)
    qtbot.waitUntil(lambda: len(polls) >= polled + 3, timeout=10_000)
    assert len(first_pages) - before == 1
    _close(win)


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_burst_of_alerts_reloads_the_list_once(  # type: ignore[no-untyped-def]
    qtbot, workspace, tmp_path, monkeypatch
) -> None:
    counter = FirstPageCounter(page_module)
    monkeypatch.setattr(page_module, "load_page", counter)
    first_pages = counter.calls
    win = _open_window(qtbot, workspace, tmp_path, watch_interval_ms=3_600_000, tray=False)
    qtbot.waitUntil(lambda: win.tickets.toolbar.me_combo.count() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: win.tickets.model.rowCount() > 0, timeout=10_000)
    before = len(first_pages)
    for ticket_id in range(1, 8):  # seven tickets breached while the window slept
        win.alerts.alert_raised.emit(Alert(ticket_id, AlertKind.BREACHED, NOW, f"T{ticket_id}"))
    qtbot.waitUntil(lambda: len(first_pages) > before, timeout=5_000)
    qtbot.wait(600)
    assert len(first_pages) - before == 1
    _close(win)
