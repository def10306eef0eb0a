"""The ticket list's row menu, driven like a person: a right-click on a row selects it and
opens the menu; its items assign the ticket to the agent the window works as, set its
priority or status (the detail pane's one undoable edit), and copy its reference."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from slaworkbench.app.tickets.actions import NewTicket, change_status, create_ticket
from slaworkbench.domain.model import Priority, Status
from slaworkbench.store.schema import Agent, Team, Ticket
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.main_window import MainWindow
from tests.support.combo_picking import pick
from tests.support.fake_clock import FakeClock
from tests.support.ticket_window import click_sidebar_item

T0 = 1_790_000_000
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "grabbing the keyboard"
)


@pytest.fixture
def workspace(tmp_path):  # type: ignore[no-untyped-def]
    ws = open_workspace(str(tmp_path / "menu.sqlite3"))
    with ws.session(write=True) as session:
        session.add_all([Agent(name="Ana Silva"), Agent(name="Bruno Costa")])
        session.add_all([Team(name="Billing"), Team(name="Network")])
    for subject, assignee in (("Printer on fire", "Ana Silva"), ("VPN drops", "Bruno Costa")):
        created = create_ticket(
            ws,
            NewTicket(subject, priority=Priority.NORMAL, assignee=assignee),
            author="test",
            now=T0 - 600,
        )
        change_status(ws, created, Status.OPEN, author="test", expected_version=1, now=T0 - 500)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(
        workspace,
        TaskRunner(synchronous=True),
        clock=FakeClock(T0),
        settings=settings,
        watch_interval_ms=3_600_000,
        tray=False,
    )
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.tickets.model.rowCount() == 2)
    qtbot.waitUntil(lambda: w.tickets.toolbar.me_combo.count() > 0)
    yield w
    w.shutdown()


def _right_click(qtbot, window, subject: str) -> QMenu:  # type: ignore[no-untyped-def]
    model, table = window.tickets.model, window.tickets.table
    position = next(r for r in range(model.rowCount()) if model.row_at(r).subject == subject)
    rect = table.visualRect(model.index(position, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.RightButton, pos=rect.center())
    menu = window.tickets.rows_menu.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    return menu


def _item(menu: QMenu, name: str) -> Any:
    return next(a for a in menu.actions() if a.objectName() == name)


def _stored(workspace, subject: str) -> tuple[str, str, str | None]:  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        ticket = session.query(Ticket).filter_by(subject=subject).one()
        agent = session.get(Agent, ticket.assignee_id) if ticket.assignee_id else None
        return ticket.priority, ticket.status, agent.name if agent else None


def test_a_right_click_selects_the_row_and_sets_its_priority(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    menu = _right_click(qtbot, window, "VPN drops")
    pane = window.tickets.detail
    qtbot.waitUntil(lambda: pane.is_complete() and pane._view.detail.row.subject == "VPN drops")
    priorities = _item(menu, "priority_menu").menu()
    by_text = {a.text(): a for a in priorities.actions()}
    assert by_text["Normal"].isChecked() and not by_text["Normal"].isEnabled()
    by_text["Urgent"].trigger()  # the menu item a person clicks
    menu.close()
    qtbot.waitUntil(lambda: _stored(workspace, "VPN drops")[0] == Priority.URGENT.value)
    assert _stored(workspace, "Printer on fire")[0] == Priority.NORMAL.value
    model = window.tickets.model
    qtbot.waitUntil(
        lambda: model.row_at(model.position_of(pane.ticket_id)).priority is Priority.URGENT
    )  # the list shows it
    # one edit, undoable from the pane as any other
    qtbot.waitUntil(lambda: pane.ticket_actions.undo_button.isEnabled())


def test_assign_to_me_takes_the_agent_the_window_works_as(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    pick(qtbot, window.tickets.toolbar.me_combo, window.tickets.toolbar.me_combo.itemData(
        window.tickets.toolbar.me_combo.findText("Bruno Costa")))  # fmt: skip
    mine = _right_click(qtbot, window, "VPN drops")  # already Bruno's
    assert not _item(mine, "assign_to_me").isEnabled()
    mine.close()
    menu = _right_click(qtbot, window, "Printer on fire")
    assign = _item(menu, "assign_to_me")
    assert assign.isEnabled() and "Bruno Costa" in assign.text()
    assign.trigger()
    menu.close()
    qtbot.waitUntil(lambda: _stored(workspace, "Printer on fire")[2] == "Bruno Costa")


def test_the_status_menu_and_copying_the_reference(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    menu = _right_click(qtbot, window, "Printer on fire")
    statuses = {a.text(): a for a in _item(menu, "status_menu").menu().actions()}
    assert statuses["Open"].isChecked()
    statuses["Pending"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: _stored(workspace, "Printer on fire")[1] == Status.PENDING.value)
    menu = _right_click(qtbot, window, "Printer on fire")
    copy = _item(menu, "copy_reference")
    copy.trigger()
    reference = window.tickets.detail._view.detail.row.reference
    assert QGuiApplication.clipboard().text() == reference
    assert reference in copy.text()
    menu.close()


def test_the_menu_key_opens_the_menu_of_the_current_row(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    model, table = window.tickets.model, window.tickets.table
    position = next(r for r in range(model.rowCount()) if model.row_at(r).subject == "VPN drops")
    rect = table.visualRect(model.index(position, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # What the platform sends for the Menu key or Shift+F10 on the focused list (QTest's
    # key events go straight to the widget, past the window system that makes this one).
    table.setFocus()
    at = table.viewport().mapTo(table, rect.center())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, table.mapToGlobal(at))
    QApplication.sendEvent(table, event)
    menu = window.tickets.rows_menu.menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    reference = model.row_at(position).reference
    assert any(reference in action.text() for action in menu.actions())
    menu.close()


def _row_rect(window, subject: str):  # type: ignore[no-untyped-def]
    model, table = window.tickets.model, window.tickets.table
    position = next(r for r in range(model.rowCount()) if model.row_at(r).subject == subject)
    return table.visualRect(model.index(position, 1))


def _select_both(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A click on one ticket and a Ctrl+click on the other, as a person selects two."""
    viewport = window.tickets.table.viewport()
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, pos=_row_rect(window, "VPN drops").center()
    )
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     pos=_row_rect(window, "Printer on fire").center())  # fmt: skip
    qtbot.waitUntil(lambda: len(window.tickets.list.selected_rows()) == 2)
    assert window.tickets.count_label.text() == "2 tickets · 2 selected"


def test_two_selected_tickets_change_as_one_and_undo_as_one(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    _select_both(qtbot, window)
    menu = _right_click(qtbot, window, "VPN drops")  # one of the two: both stay selected
    assert len(window.tickets.list.selected_rows()) == 2
    pane = window.tickets.detail
    qtbot.waitUntil(lambda: pane.is_complete() and pane._view.detail.row.subject == "VPN drops")
    assert _item(menu, "assign_to_me").text().startswith("Assign 2 tickets to me")
    priorities = {a.text(): a for a in _item(menu, "priority_menu").menu().actions()}
    assert priorities["Normal"].isChecked()  # both are normal
    priorities["Urgent"].trigger()
    menu.close()
    for subject in ("VPN drops", "Printer on fire"):
        qtbot.waitUntil(lambda s=subject: _stored(workspace, s)[0] == Priority.URGENT.value)
    model = window.tickets.model
    qtbot.waitUntil(
        lambda: all(model.row_at(r).priority is Priority.URGENT for r in range(model.rowCount()))
    )  # the list shows both, and they are still selected
    assert len(window.tickets.list.selected_rows()) == 2
    assert "2 tickets updated" in pane.ticket_actions.message.text()
    undo = pane.ticket_actions.undo_button
    qtbot.waitUntil(undo.isEnabled)
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    for subject in ("VPN drops", "Printer on fire"):
        qtbot.waitUntil(lambda s=subject: _stored(workspace, s)[0] == Priority.NORMAL.value)
    assert "2 tickets are back" in pane.ticket_actions.message.text()


def test_with_mixed_values_nothing_is_ticked_and_assign_takes_both(
    qtbot, window, workspace
) -> None:  # type: ignore[no-untyped-def]
    pick(qtbot, window.tickets.toolbar.me_combo, window.tickets.toolbar.me_combo.itemData(
        window.tickets.toolbar.me_combo.findText("Bruno Costa")))  # fmt: skip
    _select_both(qtbot, window)
    menu = _right_click(qtbot, window, "Printer on fire")
    assign = _item(menu, "assign_to_me")
    assert assign.isEnabled()  # one of the two is Ana's
    statuses = _item(menu, "status_menu").menu().actions()
    assert any(a.isChecked() for a in statuses)  # both open
    assign.trigger()
    menu.close()
    qtbot.waitUntil(lambda: _stored(workspace, "Printer on fire")[2] == "Bruno Costa")
    assert _stored(workspace, "VPN drops")[2] == "Bruno Costa"  # had it already: unchanged
    pane = window.tickets.detail
    qtbot.waitUntil(lambda: "1 had it already" in pane.ticket_actions.message.text())


def test_a_closed_ticket_in_the_selection_is_left_out(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        closed = session.query(Ticket).filter_by(subject="Printer on fire").one()
        closed_id, version = closed.id, closed.version
    change_status(workspace, closed_id, Status.CLOSED, author="test", expected_version=version,
                  now=T0 - 100)  # fmt: skip
    click_sidebar_item(qtbot, window, "All tickets")  # the closed ones too
    qtbot.waitUntil(lambda: window.tickets.model.rowCount() == 2)
    _select_both(qtbot, window)
    menu = _right_click(qtbot, window, "VPN drops")
    note = _item(menu, "closed_left_out")
    assert note.text() == "1 closed ticket is left out" and not note.isEnabled()
    statuses = {a.text(): a for a in _item(menu, "status_menu").menu().actions()}
    statuses["Pending"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: _stored(workspace, "VPN drops")[1] == Status.PENDING.value)
    assert _stored(workspace, "Printer on fire")[1] == Status.CLOSED.value
    copy = next(a for a in _right_click(qtbot, window, "VPN drops").actions()
                if a.objectName() == "copy_reference")  # fmt: skip
    copy.trigger()
    assert len(QGuiApplication.clipboard().text().splitlines()) == 2


def test_a_right_click_outside_the_selection_selects_that_ticket_alone(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    viewport = window.tickets.table.viewport()
    qtbot.mouseClick(
        viewport, Qt.MouseButton.LeftButton, pos=_row_rect(window, "VPN drops").center()
    )
    qtbot.waitUntil(lambda: len(window.tickets.list.selected_rows()) == 1)
    menu = _right_click(qtbot, window, "Printer on fire")
    assert [r.subject for r in window.tickets.list.selected_rows()] == ["Printer on fire"]
    assert _item(menu, "assign_to_me").text().startswith("Assign to me")
    menu.close()


def _team(workspace, subject: str) -> str | None:  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        ticket = session.query(Ticket).filter_by(subject=subject).one()
        team = session.get(Team, ticket.team_id) if ticket.team_id else None
        return team.name if team else None


def test_the_team_menu_moves_one_ticket_or_several(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(window.tickets.reference.options.teams) == 2)
    menu = _right_click(qtbot, window, "VPN drops")
    teams = {a.text(): a for a in _item(menu, "team_menu").menu().actions()}
    assert set(teams) == {"Billing", "Network"} and not any(a.isChecked() for a in teams.values())
    teams["Network"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: _team(workspace, "VPN drops") == "Network")
    assert _team(workspace, "Printer on fire") is None
    _select_both(qtbot, window)
    menu = _right_click(qtbot, window, "Printer on fire")
    teams = {a.text(): a for a in _item(menu, "team_menu").menu().actions()}
    assert not any(a.isChecked() for a in teams.values())  # one has a team, one none
    teams["Billing"].trigger()
    menu.close()
    for subject in ("VPN drops", "Printer on fire"):
        qtbot.waitUntil(lambda s=subject: _team(workspace, s) == "Billing")


def test_assign_to_hands_one_ticket_or_several_to_any_agent(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: len(window.tickets.reference.options.agents) == 2)
    menu = _right_click(qtbot, window, "VPN drops")
    agents = {a.text(): a for a in _item(menu, "assign_menu").menu().actions()}
    assert list(agents) == ["Unassigned", "Ana Silva", "Bruno Costa"]
    assert agents["Bruno Costa"].isChecked() and not agents["Bruno Costa"].isEnabled()
    agents["Ana Silva"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: _stored(workspace, "VPN drops")[2] == "Ana Silva")
    _select_both(qtbot, window)
    menu = _right_click(qtbot, window, "Printer on fire")
    agents = {a.text(): a for a in _item(menu, "assign_menu").menu().actions()}
    assert agents["Ana Silva"].isChecked()  # both are Ana's now
    agents["Unassigned"].trigger()
    menu.close()
    for subject in ("VPN drops", "Printer on fire"):
        qtbot.waitUntil(lambda s=subject: _stored(workspace, s)[2] is None)


def test_with_many_agents_the_others_are_picked_from_a_list(
    qtbot,
    window,
    workspace,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    """An imported log names thousands of people (BPI 2013: 3,163): the Assign to menu
    listed them all, taller than any screen. Past 25 it keeps "Unassigned" and the
    ticket's own agent, and "Other agent…" offers the rest in a list."""
    from PySide6.QtWidgets import QInputDialog

    from slaworkbench.ui.tickets.list.row_menu import LONG_MENU

    with workspace.session(write=True) as session:
        session.add_all([Agent(name=f"Agent {n:02d}") for n in range(LONG_MENU)])
    window.tickets.reference.load()
    qtbot.waitUntil(lambda: len(window.tickets.reference.options.agents) == LONG_MENU + 2)
    menu = _right_click(qtbot, window, "VPN drops")
    assign = _item(menu, "assign_menu").menu()
    assert [a.text() for a in assign.actions()] == ["Unassigned", "Bruno Costa", "Other agent…"]
    offered: list[list[str]] = []

    def get_item(_parent, _title, _label, names, *_args):  # type: ignore[no-untyped-def]
        offered.append(list(names))
        return "Agent 07", True

    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    other = next(a for a in assign.actions() if a.objectName() == "assign_other")
    rect = assign.actionGeometry(other)
    assign.popup(menu.pos())
    qtbot.waitUntil(assign.isVisible)
    qtbot.mouseClick(assign, Qt.MouseButton.LeftButton, pos=assign.actionGeometry(other).center())
    menu.close()
    assert rect.isValid() and len(offered) == 1
    assert "Bruno Costa" not in offered[0] and "Ana Silva" in offered[0]
    assert len(offered[0]) == LONG_MENU + 1
    qtbot.waitUntil(lambda: _stored(workspace, "VPN drops")[2] == "Agent 07")
