"""Staged edits refused because another desk changed the ticket since, on each engine:
the sentence says who, nothing is written, Reload shows the ticket as it is and drops
the staged changes, and "Reload and re-apply my changes" stages them again on it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from slaworkbench.app.tickets.actions import NewTicket, change_status, create_ticket
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.schema import Agent, Ticket
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.combo_picking import pick
from tests.support.fake_clock import FakeClock

T0 = 1_790_000_000
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "grabbing the keyboard"
)


@pytest.fixture
def desks(workspace_url: str) -> Iterator[tuple[Workspace, Workspace, int]]:
    """Bo's workspace (the window's), Ana's (another desk) and an open ticket."""
    bo, ana = open_workspace(workspace_url), open_workspace(workspace_url)
    with ana.session(write=True) as session:
        session.add_all([Agent(name="Ana Silva"), Agent(name="Bruno Costa")])
    ticket_id = create_ticket(
        ana, NewTicket("Printer on fire", priority=Priority.NORMAL), author="Ana", now=T0 - 600
    )
    change_status(ana, ticket_id, Status.OPEN, author="Ana", expected_version=1, now=T0 - 500)
    yield bo, ana, ticket_id
    for workspace in (bo, ana):
        workspace.close()


@pytest.fixture
def window(
    qtbot: QtBot, desks: tuple[Workspace, Workspace, int], tmp_path: Path
) -> Iterator[MainWindow]:
    bo, _ana, ticket_id = desks
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        bo,
        TaskRunner(synchronous=True),
        clock=FakeClock(T0),
        settings=settings,
        watch_interval_ms=3_600_000,
        listen_for_changes=False,
    )
    qtbot.addWidget(w)
    w.show()
    model = w.tickets.model
    qtbot.waitUntil(lambda: model.position_of(ticket_id) is not None)
    rect = w.tickets.table.visualRect(model.index(model.position_of(ticket_id) or 0, 1))
    qtbot.mouseClick(w.tickets.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: w.tickets.detail.is_complete())
    yield w
    w.shutdown()


def stored(workspace: Workspace, ticket_id: int) -> tuple[str, str, str | None, int]:
    with workspace.session() as session:
        row = session.get(Ticket, ticket_id)
        assert row is not None
        agent = session.get(Agent, row.assignee_id) if row.assignee_id else None
        return row.status, row.priority, agent.name if agent else None, row.version


def _stage_and_submit_after_ana(
    qtbot: QtBot, window: MainWindow, desks: tuple[Workspace, Workspace, int]
) -> tuple[str, str, str | None, int]:
    """Bo stages priority and assignee; Ana puts the ticket on pending meanwhile; Bo
    submits. Returns what is stored after the refusal."""
    _bo, ana, ticket_id = desks
    actions = window.tickets.detail.ticket_actions
    pick(qtbot, actions.priority_combo, Priority.HIGH.value)
    pick(qtbot, actions.assignee_combo, "Bruno Costa")
    version = stored(ana, ticket_id)[3]
    change_status(ana, ticket_id, Status.PENDING, author="Ana", expected_version=version, now=T0)
    after_ana = stored(ana, ticket_id)
    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)
    assert "was changed by Ana at" in actions.message.text()
    assert stored(ana, ticket_id) == after_ana  # refused: nothing written
    assert actions.reload_button.isVisibleTo(window)
    assert actions.reapply_button.isVisibleTo(window)
    assert "Bruno Costa" in actions.pending.text()  # still staged
    return after_ana


def test_reload_and_reapply_stages_the_edits_again_on_the_fresh_ticket(
    qtbot: QtBot, window: MainWindow, desks: tuple[Workspace, Workspace, int]
) -> None:
    _bo, ana, ticket_id = desks
    actions = window.tickets.detail.ticket_actions
    after_ana = _stage_and_submit_after_ana(qtbot, window, desks)

    qtbot.mouseClick(actions.reapply_button, Qt.MouseButton.LeftButton)
    assert not actions.reapply_button.isVisibleTo(window)
    assert actions.status_combo.currentData() == Status.PENDING.value  # Ana's, shown
    assert actions.priority_combo.currentData() == Priority.HIGH.value  # Bo's, staged
    assert "Bruno Costa" in actions.pending.text()
    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)
    assert stored(ana, ticket_id) == ("pending", "high", "Bruno Costa", after_ana[3] + 1)
    assert actions.pending.text() == ""


def test_reload_shows_the_ticket_as_it_is_and_drops_the_staged_edits(
    qtbot: QtBot, window: MainWindow, desks: tuple[Workspace, Workspace, int]
) -> None:
    _bo, ana, ticket_id = desks
    actions = window.tickets.detail.ticket_actions
    after_ana = _stage_and_submit_after_ana(qtbot, window, desks)

    qtbot.mouseClick(actions.reload_button, Qt.MouseButton.LeftButton)
    assert not actions.reload_button.isVisibleTo(window)
    assert actions.pending.text() == ""
    assert actions.status_combo.currentData() == Status.PENDING.value
    assert actions.priority_combo.currentData() == Priority.NORMAL.value
    qtbot.mouseClick(actions.submit_button, Qt.MouseButton.LeftButton)  # nothing staged
    assert stored(ana, ticket_id) == after_ana
