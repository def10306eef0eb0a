"""Two desks edit the same policy and calendar, on each engine: the second Save is refused
with who and when, nothing of the first is lost, Reload shows what was saved, and "Reload
and re-apply my changes" puts the second desk's edits back on top of it, naming a field
both desks changed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from slaworkbench.domain.labels import metric_label, priority_label
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.policies.calendars import load_calendar
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.seed import BUSINESS_HOURS
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.policy.editing import click, type_into

URGENT_FIRST = (Priority.URGENT, Metric.FIRST_RESPONSE)
URGENT_RESOLUTION = (Priority.URGENT, Metric.RESOLUTION)


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


def _latest(workspace: Workspace, policy_id: int) -> tuple[str, str | None]:
    with workspace.session() as session:
        latest = list_policy_versions(session, policy_id)[0]
    return latest.author, latest.owner


def test_reapply_puts_the_second_desks_fields_on_the_saved_policy(
    qtbot: QtBot, desks: tuple[PolicyWorkspaceWidget, PolicyWorkspaceWidget, Workspace]
) -> None:
    ana, bo, workspace = desks
    type_into(qtbot, ana.editor.target_edits[URGENT_FIRST], "20m")
    click(qtbot, ana.editor.save_button)
    type_into(qtbot, bo.editor.owner, "Bo Lindqvist")
    click(qtbot, bo.editor.save_button)
    assert bo.editor.reapply_button.isVisibleTo(bo)

    click(qtbot, bo.editor.reapply_button)
    assert bo.editor.target_edits[URGENT_FIRST].text() == "20m"  # Ana's, kept
    assert bo.editor.owner.text() == "Bo Lindqvist"  # Bo's, put back
    assert bo.editor.error.text() == ""
    assert not bo.editor.reapply_button.isVisibleTo(bo)
    assert bo.editor.save_button.isEnabled()
    click(qtbot, bo.editor.save_button)  # now from the version Ana saved: accepted
    policy_id = bo.editor.policy_id()
    assert policy_id is not None
    assert _latest(workspace, policy_id) == ("Bo", "Bo Lindqvist")
    assert bo.editor.target_edits[URGENT_FIRST].text() == "20m"


def test_reapply_names_a_field_both_desks_changed_and_keeps_the_saved_value(
    qtbot: QtBot, desks: tuple[PolicyWorkspaceWidget, PolicyWorkspaceWidget, Workspace]
) -> None:
    ana, bo, _workspace = desks
    type_into(qtbot, ana.editor.target_edits[URGENT_FIRST], "20m")
    click(qtbot, ana.editor.save_button)
    type_into(qtbot, bo.editor.target_edits[URGENT_FIRST], "3h")
    type_into(qtbot, bo.editor.target_edits[URGENT_RESOLUTION], "7h")
    click(qtbot, bo.editor.save_button)

    click(qtbot, bo.editor.reapply_button)
    assert bo.editor.target_edits[URGENT_FIRST].text() == "20m"
    assert bo.editor.target_edits[URGENT_RESOLUTION].text() == "7h"
    message = bo.editor.error.text()
    assert "except" in message
    assert priority_label(Priority.URGENT) in message
    assert metric_label(Metric.FIRST_RESPONSE) in message
    assert metric_label(Metric.RESOLUTION) not in message


def test_reapply_on_a_calendar_keeps_both_desks_days_and_names_a_shared_one(
    qtbot: QtBot, desks: tuple[PolicyWorkspaceWidget, PolicyWorkspaceWidget, Workspace]
) -> None:
    ana, bo, workspace = desks
    for desk in (ana, bo):
        desk.calendars.list.setCurrentRow(desk.calendars.calendar_names().index(BUSINESS_HOURS))
    ana.calendars.zone.set_zone("Europe/Lisbon")
    click(qtbot, ana.calendars.save_button)
    bo.calendars.zone.set_zone("Asia/Tokyo")
    bo.calendars.name.setText(f"{BUSINESS_HOURS} (Bo)")
    click(qtbot, bo.calendars.save_button)
    assert bo.calendars.reapply_button.isVisibleTo(bo.calendars)

    click(qtbot, bo.calendars.reapply_button)
    assert bo.calendars.zone.zone() == "Europe/Lisbon"  # both changed it: Ana's kept
    assert bo.calendars.name.text() == f"{BUSINESS_HOURS} (Bo)"  # Bo's, put back
    assert "the time zone" in bo.calendars.error.text()
    click(qtbot, bo.calendars.save_button)
    with workspace.session() as session:
        saved = load_calendar(session, f"{BUSINESS_HOURS} (Bo)")
    assert saved.timezone == "Europe/Lisbon"
