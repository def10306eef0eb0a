"""Staged edits in the detail pane: combos stage, Submit writes once, Ctrl+Z undoes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import func, select

from slaworkbench.app.changes import Changes
from slaworkbench.app.tickets.actions import NewTicket, change_status, create_ticket
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.schema import Agent, Ticket, TicketEvent
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.combo_picking import pick
from tests.support.fake_clock import FakeClock

T0 = 1_790_000_000
# The offscreen platform says these when a window or a combo's popup shows.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "grabbing the keyboard"
)


@pytest.fixture
def workspace(tmp_path):  # type: ignore[no-untyped-def]
    ws = open_workspace(str(tmp_path / "edits.sqlite3"))
    with ws.session(write=True) as session:
        session.add_all([Agent(name="Ana Silva"), Agent(name="Bruno Costa")])
    yield ws
    ws.close()


@pytest.fixture
def ticket_id(workspace):  # type: ignore[no-untyped-def]
    """An open ticket (a ticket never goes back to new, so undo could not restore that)."""
    created = create_ticket(
        workspace,
        NewTicket("Printer on fire", priority=Priority.NORMAL, assignee="Ana Silva"),
        author="test",
        now=T0 - 600,
    )
    change_status(workspace, created, Status.OPEN, author="test", expected_version=1, now=T0 - 500)
    return created


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def window(qtbot, workspace, ticket_id, clock, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        workspace,
        TaskRunner(synchronous=True),
        clock=clock,
        settings=settings,
        watch_interval_ms=3_600_000,
    )
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tickets.model.position_of(ticket_id) is not None)
    table = w.tickets.table
    rect = table.visualRect(w.tickets.model.index(w.tickets.model.position_of(ticket_id), 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.tickets.detail.is_complete())
    yield w
    w.shutdown()


def stored(workspace, ticket_id):  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        row = session.get(Ticket, ticket_id)
        events = session.execute(
            select(func.count()).where(TicketEvent.ticket_id == ticket_id)
        ).scalar_one()
        agent = session.get(Agent, row.assignee_id) if row.assignee_id else None
        return row.status, row.priority, agent.name if agent else None, row.version, events


def stage_three(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    actions = window.tickets.detail.ticket_actions
    pick(qtbot, actions.status_combo, Status.PENDING.value)
    pick(qtbot, actions.priority_combo, Priority.HIGH.value)
    pick(qtbot, actions.assignee_combo, "Bruno Costa")


def test_combos_stage_and_submit_writes_once(qtbot, window, workspace, ticket_id) -> None:  # type: ignore[no-untyped-def]
    actions = window.tickets.detail.ticket_actions
    before = stored(workspace, ticket_id)
    announced: list[Changes] = []
    window.notice.changed.connect(announced.append)
    stage_three(qtbot, window)
    assert stored(workspace, ticket_id) == before  # nothing written yet
    assert "Pending changes" in actions.pending.text()
    assert "Pending" in actions.pending.text() and "Bruno Costa" in actions.pending.text()

    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)
    status, priority, assignee, version, events = stored(workspace, ticket_id)
    assert (status, priority, assignee) == ("pending", "high", "Bruno Costa")
    assert version == before[3] + 1  # one write
    assert events == before[4] + 3  # one event per field
    assert len(announced) == 1  # one announcement
    assert actions.pending.text() == ""


def test_ctrl_return_submits_and_ctrl_z_undoes_with_compensating_events(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, ticket_id, clock
) -> None:
    actions = window.tickets.detail.ticket_actions
    before = stored(workspace, ticket_id)
    stage_three(qtbot, window)
    qtbot.keyClick(actions.status_combo, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # A shortcut "animates" the button's click: it lands a moment later.
    qtbot.waitUntil(lambda: stored(workspace, ticket_id)[:3] == ("pending", "high", "Bruno Costa"))

    clock.advance(9)
    qtbot.keyClick(window.tickets.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    status, priority, assignee, version, events = stored(workspace, ticket_id)
    assert (status, priority, assignee) == before[:3]  # the ticket is back
    assert version == before[3] + 2
    assert events == before[4] + 6  # three applied, three compensating: history kept
    with workspace.session() as session:
        last = session.execute(
            select(TicketEvent.type, TicketEvent.status, TicketEvent.priority, TicketEvent.value)
            .where(TicketEvent.ticket_id == ticket_id)
            .order_by(TicketEvent.seq.desc())
            .limit(3)
        ).all()
    assert [tuple(r) for r in reversed(last)] == [
        ("status_changed", before[0], None, None),
        ("priority_changed", None, "normal", None),
        ("assigned", None, None, "Ana Silva"),
    ]
    qtbot.waitUntil(lambda: actions.status_combo.currentData() == before[0])
    assert "Undone" in actions.message.text()


def test_undo_after_ten_seconds_is_refused_with_a_sentence(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, ticket_id, clock
) -> None:
    actions = window.tickets.detail.ticket_actions
    pick(qtbot, actions.priority_combo, Priority.URGENT.value)
    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)
    written = stored(workspace, ticket_id)
    clock.advance(11)
    qtbot.mouseClick(actions.undo_button, Qt.MouseButton.LeftButton)
    assert stored(workspace, ticket_id) == written
    assert "only possible for 10 seconds" in actions.message.text()


def test_a_reply_cannot_be_undone(qtbot, window, workspace, ticket_id) -> None:  # type: ignore[no-untyped-def]
    actions = window.tickets.detail.ticket_actions
    qtbot.keyClicks(actions.compose, "We are on it")
    qtbot.mouseClick(actions.reply_button, Qt.MouseButton.LeftButton)
    written = stored(workspace, ticket_id)
    qtbot.keyClick(window.tickets.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(workspace, ticket_id) == written
    assert actions.message.text() == "A reply cannot be undone: it was sent to the requester."
