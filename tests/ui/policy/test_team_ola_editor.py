"""The Team OLAs tab: pick a team, type targets, pick its calendar, save a version."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from slaworkbench.app.changes import Changes
from slaworkbench.domain.model import Priority
from slaworkbench.store.ola.versions import list_team_olas
from slaworkbench.store.schema import Team
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.office_workspace import new_workspace
from tests.support.policy.editing import Announced, click, type_into


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = new_workspace(tmp_path)
    with ws.session(write=True) as session:
        session.add_all([Team(name="Desk"), Team(name="Apps")])
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> Iterator[tuple[PolicyWorkspaceWidget, Announced]]:
    announced = Announced(ChangeNotice())
    widget = PolicyWorkspaceWidget(
        workspace, TaskRunner(synchronous=True), notice=announced.notice, author="lead"
    )
    qtbot.addWidget(widget)
    widget.show()
    yield widget, announced


def _pick_team(qtbot: QtBot, widget: PolicyWorkspaceWidget, name: str) -> None:
    teams = widget.team_olas.teams
    item = next(
        teams.item(r) for r in range(teams.count()) if teams.item(r).text().startswith(name)
    )
    rect = teams.visualItemRect(item)
    qtbot.mouseClick(teams.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_a_team_gets_an_ola_version_with_its_calendar(
    qtbot: QtBot, window: tuple[PolicyWorkspaceWidget, Announced], workspace: Workspace
) -> None:
    widget, announced = window
    bar = widget.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert widget.tabs.currentWidget() is widget.team_olas
    editor = widget.team_olas
    _pick_team(qtbot, widget, "Desk")
    assert "Desk has no OLA yet" in editor.version_label.text()
    type_into(qtbot, editor.targets[Priority.URGENT], "1h")
    type_into(qtbot, editor.targets[Priority.NORMAL], "1d 2h")
    qtbot.keyClicks(editor.calendar, "Office")
    assert editor.calendar.currentText() == "Office"
    type_into(qtbot, editor.reason, "first OLA")
    click(qtbot, editor.save_button)

    with workspace.session() as session:
        desk = next(info for info in list_team_olas(session) if info.team == "Desk")
    assert desk.version == 1 and desk.calendar == "Office" and desk.author == "lead"
    assert desk.targets == {Priority.URGENT: 3600, Priority.NORMAL: 26 * 3600}
    assert desk.reason == "first OLA"
    assert Changes(policies=True) in announced
    assert "version 1 by lead" in editor.version_label.text()

    # a wrong target is refused with a sentence, nothing is written
    type_into(qtbot, editor.targets[Priority.HIGH], "soon")
    click(qtbot, editor.save_button)
    assert "high" in editor.error.text().lower() and editor.error.isVisible()
    with workspace.session() as session:
        desk = next(info for info in list_team_olas(session) if info.team == "Desk")
    assert desk.version == 1


def test_the_team_list_is_as_wide_as_the_calendar_list_and_its_divider_moves(
    qtbot: QtBot, window: tuple[PolicyWorkspaceWidget, Announced]
) -> None:
    widget, _ = window
    widget.resize(1300, 700)
    bar = widget.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    calendars = widget.calendars.list.width()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    teams = widget.team_olas.teams
    qtbot.waitUntil(lambda: teams.isVisible())
    # It took a fixed quarter of the tab (325 px here) beside a form of five short fields.
    assert abs(teams.width() - calendars) <= 8, (teams.width(), calendars)
    splitter = teams.parentWidget()
    handle = splitter.handle(1)
    start = handle.rect().center()
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(120, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(120, 0))
    assert teams.width() > calendars + 60
