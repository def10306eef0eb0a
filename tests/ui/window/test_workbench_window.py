"""The whole workbench window: policy save → background recompute → rows update; alerts."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from sqlalchemy import select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind
from slaworkbench.domain.model import ClockState, Metric, Priority
from slaworkbench.store.schema import PolicyVersion, Ticket
from slaworkbench.store.tickets.query import View
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.tickets.table_model import TicketTableModel
from slaworkbench.ui.window.features import WindowFeatures
from slaworkbench.ui.window.main_window import MainWindow

NOW = 1_790_000_000


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    generate_demo(ws, tickets=600, seed=11, now=NOW)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(
        workspace, runner, clock=lambda: NOW, settings=settings, watch_interval_ms=60_000
    )
    features = WindowFeatures(win, tray=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.me_combo.count() > 0, timeout=10_000)
    yield win, features
    features.shutdown()
    runner.shutdown(10_000)


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
    win, features = window
    ticket_id, policy_id, priority = _running_first_response(workspace)
    win.show_ticket_anywhere(ticket_id)
    position = win.model.position_of(ticket_id)
    assert position is not None
    before = win.model.row_at(position)

    # Open the ticket's policy in the Policies tab and tighten its first-response target.
    features.show_tab(2)
    policies = features.policies
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
    with qtbot.waitSignal(features.recompute.finished, timeout=60_000):
        editor.save()
    gui_timer.stop()
    assert gui_turned.is_set()

    qtbot.waitUntil(lambda: win.model.position_of(ticket_id) is not None, timeout=10_000)
    after = win.model.row_at(win.model.position_of(ticket_id))
    assert after.id == before.id
    assert before.first_response.state is ClockState.RUNNING
    assert after.first_response.state is ClockState.BREACHED
    text = win.model.index(
        win.model.position_of(ticket_id), TicketTableModel.COL_FIRST_RESPONSE
    ).data()
    assert "overdue" in text


def test_an_alert_opens_its_ticket_from_the_alerts_list(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    win, features = window
    with workspace.session() as session:
        closed_id = (
            session.execute(select(Ticket.id).where(Ticket.status == "closed").order_by(Ticket.id))
            .scalars()
            .first()
        )
    # A closed ticket is not in the "All open" view the window starts with.
    assert closed_id is not None and win.model.position_of(closed_id) is None
    alert = Alert(closed_id, AlertKind.BREACHED, NOW, "a subject")
    features._alert_raised(alert)
    assert features.panel.model.rowCount() == 1
    features.show_tab(1)
    features.panel.view.activated.emit(features.panel.model.index(0))
    assert features.tabs.currentIndex() == 0
    selected = win.selected_row()
    assert selected is not None and selected.id == closed_id


def test_tabs_and_menus_are_there(window) -> None:  # type: ignore[no-untyped-def]
    win, features = window
    assert [features.tabs.tabText(i) for i in range(features.tabs.count())] == [
        "Tickets",
        "Dashboard",
        "Policies and calendars",
    ]
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["&File", "&View", "&Tools", "&Help"]


def test_a_dashboard_click_shows_its_tickets_in_the_list(window, workspace) -> None:  # type: ignore[no-untyped-def]
    win, features = window
    features.show_tab(1)
    features.dashboard.open_tickets_requested.emit({"open": True, "priority": "urgent"})
    assert features.tabs.currentIndex() == 0
    shown = [win.model.row_at(i) for i in range(win.model.rowCount())]
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
    assert len(shown) == min(len(expected), win.model.rowCount())
    assert win.priority_filter.currentData() == "urgent"

    # Choosing a view in the sidebar leaves the dashboard's filter behind.
    features.dashboard.open_tickets_requested.emit(
        {"sla_state": "breached", "metric": "resolution"}
    )
    assert win.model.query.has_dashboard_filter
    win.show_view(View.ALL_OPEN)
    assert not win.model.query.has_dashboard_filter
