"""Policy editing end to end: calendar → policy v1 → v2 with a reason → history; bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from slaworkbench.app.changes import Changes
from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.version_history import VersionHistoryDialog, VersionHistoryView
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.policy.calendar_editing import NOW, fill_lisbon
from tests.support.policy.editing import Announced, click, counts, new_policy, type_into


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    yield ws
    ws.close()


@pytest.fixture
def announced() -> Announced:
    return Announced(ChangeNotice())


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, announced: Announced) -> PolicyWorkspaceWidget:
    widget = PolicyWorkspaceWidget(
        workspace, TaskRunner(synchronous=True), notice=announced.notice, author="ana"
    )
    widget.calendars.preview.clock = lambda: NOW
    qtbot.addWidget(widget)
    return widget


def versions_of(workspace: Workspace, name: str):
    with workspace.session() as session:
        info = next(i for i in list_policies(session) if i.name == name)
        return info, list_policy_versions(session, info.id)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on dialog.show()
def test_calendar_then_policy_v1_then_v2_with_history(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace, announced: Announced
) -> None:
    start = counts(workspace)
    # 1. A calendar with a split day and a holiday.
    fill_lisbon(window.calendars)
    click(qtbot, window.calendars.save_button)
    assert counts(workspace)[:2] == (start[0] + 1, start[1] + 1)
    assert announced == [Changes(calendars=True)]

    # 2. A policy that uses it: version 1.
    editor = window.editor
    new_policy(qtbot, window, "Gold customers")
    assert editor.policy_id() is None
    assert "Lisbon office" in [editor.calendar.itemText(i) for i in range(editor.calendar.count())]
    editor.priority_checks[Priority.URGENT].setChecked(True)
    editor.priority_checks[Priority.HIGH].setChecked(True)
    editor.condition_edits["customer_tiers"].setText("gold, platinum")
    editor.condition_edits["tags"].setText("vip")
    editor.target_edits[(Priority.URGENT, Metric.FIRST_RESPONSE)].setText("30m")
    editor.target_edits[(Priority.URGENT, Metric.RESOLUTION)].setText("1d 2h")
    editor.target_edits[(Priority.HIGH, Metric.FIRST_RESPONSE)].setText("4h")
    editor.calendar.setCurrentText("Lisbon office")
    editor.pause_checks[Status.ON_HOLD].setChecked(False)
    editor.warning.setValue(20)
    editor.owner.setText("Ana")
    editor.has_review.setChecked(True)
    editor.review_date.setDate(dt.date(2027, 6, 30))
    assert editor.save_button.isEnabled()
    reasons = iter(["New policy for gold customers", "Urgent first response to 1h"])
    editor.ask_reason = lambda _name: next(reasons)
    click(qtbot, editor.save_button)
    info, versions = versions_of(workspace, "Gold customers")
    assert [v.version for v in versions] == [1]
    v1 = versions[0]
    assert v1.calendar_name == "Lisbon office"
    assert v1.author == "ana" and v1.reason == "New policy for gold customers"
    assert v1.spec["targets"]["urgent"] == {"first_response": 1800, "resolution": 93600}
    assert v1.spec["conditions"]["customer_tiers"] == ["gold", "platinum"]
    assert v1.spec["pause_statuses"] == ["pending"]
    assert v1.spec["warning_fraction"] == 0.2
    assert (v1.owner, v1.review_date) == ("Ana", dt.date(2027, 6, 30))
    assert editor.policy_id() == info.id
    assert "version 1" in editor.title.text()
    assert window.policy_list.ids()[0] == info.id  # before the catch-all "Standard SLA"
    assert window.policy_list.current_id() == info.id
    assert announced[1:] == [Changes(policies=True)]

    # 3. Change a target and save with a reason: version 2.
    field = editor.target_edits[(Priority.URGENT, Metric.FIRST_RESPONSE)]
    field.clear()
    qtbot.keyClicks(field, "1h")
    click(qtbot, editor.save_button)
    _info, versions = versions_of(workspace, "Gold customers")
    assert [v.version for v in versions] == [2, 1]
    assert versions[0].reason == "Urgent first response to 1h"
    assert versions[0].spec["targets"]["urgent"]["first_response"] == 3600
    assert versions[1].spec["targets"]["urgent"]["first_response"] == 1800  # immutable
    assert announced[2:] == [Changes(policies=True)]

    # 4. The history shows both versions side by side and what changed.
    with qtbot.waitSignal(editor.history_requested):
        click(qtbot, editor.history_button)
    dialog = next(d for d in window.findChildren(VersionHistoryDialog) if d.isVisible())
    view: VersionHistoryView = dialog.view
    assert view.table.columnCount() == 2
    assert view.changed_cells() == [("Urgent · First response", 2)]
    assert view.change_texts() == ["Urgent · First response: 30m → 1h"]
    dialog.close()


@pytest.mark.parametrize("bad", ["abc", "4", "-1h", "0m", "367d"])
def test_invalid_target_is_refused_inline_and_nothing_is_written(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace, bad: str
) -> None:
    editor = window.editor
    new_policy(qtbot, window, "Broken")
    type_into(qtbot, editor.target_edits[(Priority.NORMAL, Metric.RESOLUTION)], "1d")
    assert editor.save_button.isEnabled()
    before = counts(workspace)
    field = editor.target_edits[(Priority.HIGH, Metric.FIRST_RESPONSE)]
    type_into(qtbot, field, bad)
    assert not editor.save_button.isEnabled()
    assert not editor.targets_error.isHidden()
    assert "High · First response" in editor.targets_error.text()
    assert field.property("invalid") is True
    assert editor.draft() is None
    editor.ask_reason = lambda _name: "should not be asked"
    click(qtbot, editor.save_button)
    assert counts(workspace) == before


def test_empty_name_and_no_targets_are_refused(qtbot: QtBot, window: PolicyWorkspaceWidget) -> None:
    editor = window.editor
    new_policy(qtbot, window, "x")
    qtbot.keyClick(editor.name, Qt.Key.Key_Backspace)
    assert "Give the policy a name" in editor.name_error.text()
    qtbot.keyClicks(editor.name, "Named")
    assert "at least one priority a target" in editor.targets_error.text()
    assert not editor.save_button.isEnabled()


def test_cancelling_the_reason_saves_nothing(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace, announced: Announced
) -> None:
    editor = window.editor
    new_policy(qtbot, window, "Maybe")
    type_into(qtbot, editor.target_edits[(Priority.LOW, Metric.RESOLUTION)], "5d")
    before = counts(workspace)
    editor.ask_reason = lambda _name: None
    click(qtbot, editor.save_button)
    assert counts(workspace) == before
    assert announced == []


def test_reorder_and_switch_off_from_the_list(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace, announced: Announced
) -> None:
    editor = window.editor
    new_policy(qtbot, window, "Second")
    type_into(qtbot, editor.target_edits[(Priority.LOW, Metric.RESOLUTION)], "5d")
    editor.ask_reason = lambda _name: "new"
    click(qtbot, editor.save_button)
    ids = window.policy_list.ids()
    assert len(ids) == 2
    second = ids[0]  # placed before the catch-all "Standard SLA"
    assert window.policy_list.current_id() == second
    # Ctrl+Down moves the selected policy one place down (after the catch-all).
    listing = window.policy_list.list
    qtbot.keyClick(listing, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    with workspace.session() as session:
        assert [i.id for i in list_policies(session)] == [ids[1], second]
    assert window.policy_list.ids() == [ids[1], second]
    assert listing.currentRow() == 1
    # Space on the selected policy switches it off.
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    with workspace.session() as session:
        info = next(i for i in list_policies(session) if i.id == second)
    assert not info.active
    assert "off" in listing.item(1).text()
    assert announced == [Changes(policies=True)] * 3
    # The editor shows the policy as stored now, so a save is not refused as stale.
    assert editor.policy_id() == second and not editor.active.isChecked()
    type_into(qtbot, editor.target_edits[(Priority.LOW, Metric.RESOLUTION)], "4d")
    click(qtbot, editor.save_button)
    assert editor.error.isHidden()
    assert versions_of(workspace, "Second")[1][0].version == 2


def test_whatif_models_pass_the_model_tester(qtmodeltester) -> None:
    from slaworkbench.app.policies.whatif import ComplianceRow, Flip, Tally
    from slaworkbench.ui.policy.whatif_view import ComplianceTableModel, FlipTableModel

    compliance = ComplianceTableModel()
    compliance.set_rows(
        [ComplianceRow(Metric.RESOLUTION, Priority.HIGH, Tally(3, 1, 2), Tally(4, 0, 2))]
    )
    assert compliance.data(compliance.index(0, ComplianceTableModel.COL_CHANGE)) == "+25.0 pp"
    qtmodeltester.check(compliance)
    flips = FlipTableModel()
    flips.set_rows(
        [Flip(7, "INC-7", "Printer", Priority.HIGH, Metric.RESOLUTION, "breached", "achieved")]
    )
    assert flips.data(flips.index(0, FlipTableModel.COL_AFTER)) == "achieved"
    qtmodeltester.check(flips)
