"""Two desks edit the same policy and calendar, on each engine: the second Save is refused
with who and when, nothing of the first is lost, and Reload shows what was saved."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.seed import BUSINESS_HOURS
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.policy.editing import click, type_into

URGENT_FIRST = (Priority.URGENT, Metric.FIRST_RESPONSE)


@pytest.fixture
def desks(
    qtbot: QtBot, workspace_url: str
) -> Iterator[tuple[PolicyWorkspaceWidget, PolicyWorkspaceWidget, Workspace]]:
    opened = [open_workspace(workspace_url), open_workspace(workspace_url)]
    widgets = []
    for workspace, author in zip(opened, ("Ana", "Bo"), strict=True):
        widget = PolicyWorkspaceWidget(
            workspace, TaskRunner(synchronous=True), notice=ChangeNotice(), author=author
        )
        widget.editor.ask_reason = lambda _name: "targets"
        qtbot.addWidget(widget)
        widgets.append(widget)
    yield widgets[0], widgets[1], opened[0]
    for workspace in opened:
        workspace.close()


def test_the_second_policy_save_is_refused_and_reload_shows_the_first(
    qtbot: QtBot, desks: tuple[PolicyWorkspaceWidget, PolicyWorkspaceWidget, Workspace]
) -> None:
    ana, bo, workspace = desks
    assert ana.editor.policy_id() == bo.editor.policy_id() is not None
    type_into(qtbot, ana.editor.target_edits[URGENT_FIRST], "20m")
    click(qtbot, ana.editor.save_button)
    type_into(qtbot, bo.editor.target_edits[URGENT_FIRST], "3h")
    click(qtbot, bo.editor.save_button)

    assert "was changed by Ana at" in bo.editor.error.text()
    assert "reload?" in bo.editor.error.text()
    assert bo.editor.reload_button.isVisibleTo(bo)
    with workspace.session() as session:
        info = next(i for i in list_policies(session) if i.id == ana.editor.policy_id())
        authors = [v.author for v in list_policy_versions(session, info.id)]
    assert authors[0] == "Ana" and "Bo" not in authors

    click(qtbot, bo.editor.reload_button)
    assert (
        bo.editor.target_edits[URGENT_FIRST].text() == ana.editor.target_edits[URGENT_FIRST].text()
    )
    assert not bo.editor.reload_button.isVisibleTo(bo)
    assert bo.editor.error.text() == ""


def test_the_second_calendar_save_is_refused_and_reload_shows_the_first(
    qtbot: QtBot, desks: tuple[PolicyWorkspaceWidget, PolicyWorkspaceWidget, Workspace]
) -> None:
    ana, bo, _workspace = desks
    for desk in (ana, bo):
        desk.calendars.list.setCurrentRow(desk.calendars.calendar_names().index(BUSINESS_HOURS))
    ana.calendars.zone.set_zone("Europe/Lisbon")
    click(qtbot, ana.calendars.save_button)
    bo.calendars.zone.set_zone("Asia/Tokyo")
    click(qtbot, bo.calendars.save_button)

    assert f"Calendar “{BUSINESS_HOURS}” was changed by Ana at" in bo.calendars.error.text()
    click(qtbot, bo.calendars.reload_button)
    assert bo.calendars.zone.zone() == "Europe/Lisbon"
