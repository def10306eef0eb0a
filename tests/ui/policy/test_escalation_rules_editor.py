"""The escalation rules table in the policy editor: add a rule, bad input refused inline
with a sentence, saved as a new policy version, rules that never fire told."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.version_history import VersionHistoryDialog
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.policy.editing import click, counts, new_policy, type_into


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> PolicyWorkspaceWidget:
    widget = PolicyWorkspaceWidget(
        workspace, TaskRunner(synchronous=True), notice=ChangeNotice(), author="ana"
    )
    qtbot.addWidget(widget)
    return widget


def _versions(workspace: Workspace, name: str):  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        info = next(i for i in list_policies(session) if i.name == name)
        return list_policy_versions(session, info.id)


def _choose(qtbot: QtBot, combo, text: str) -> None:  # type: ignore[no-untyped-def]
    """Pick an entry the way the keyboard does: focus the combo and type its start."""
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on dialog.show()
def test_a_rule_is_refused_inline_then_saved_as_a_new_version(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace
) -> None:
    editor = window.editor
    box = editor.escalations
    new_policy(qtbot, window, "Escalating")
    type_into(qtbot, editor.target_edits[(Priority.NORMAL, Metric.RESOLUTION)], "8h")
    editor.calendar.setCurrentText("24/7")
    assert editor.save_button.isEnabled()

    click(qtbot, box.add_button)
    assert box.table.rowCount() == 1
    row = box.rows[0]
    # A rule that does nothing is refused, with a sentence under the table.
    assert not editor.save_button.isEnabled()
    assert "Rule 1: An escalation rule does at least one thing" in box.error.text()
    click(qtbot, row.raise_priority)
    _choose(qtbot, row.notify, "the team lead")
    assert editor.save_button.isEnabled() and box.error.isHidden()
    # A threshold that is no percentage is refused on its field.
    type_into(qtbot, row.value, "lots")
    assert not editor.save_button.isEnabled()
    assert "whole percentage such as 75" in box.error.text()
    assert row.value.property("invalid") is True
    before = counts(workspace)
    editor.ask_reason = lambda _name: "should not be asked"
    click(qtbot, editor.save_button)
    assert counts(workspace) == before
    type_into(qtbot, row.value, "75")
    assert editor.save_button.isEnabled() and row.value.property("invalid") is False

    editor.ask_reason = lambda _name: "Escalate at 75 %"
    click(qtbot, editor.save_button)
    (v1,) = _versions(workspace, "Escalating")
    assert v1.spec["escalations"] == [
        {
            "metric": "resolution",
            "level": 1,
            "threshold": "share",
            "value": 75,
            "actions": [{"do": "notify", "to": "team_lead"}, {"do": "raise_priority"}],
        }
    ]

    # A second rule an hour after due, reassigning to a team: version 2.
    click(qtbot, box.add_button)
    second = box.rows[1]
    assert second.level.value() == 2
    _choose(qtbot, second.threshold, "after due")
    type_into(qtbot, second.value, "1h")
    qtbot.keyClicks(second.reassign, "team: Tier 2")
    editor.ask_reason = lambda _name: "Tier 2 takes over after due"
    click(qtbot, editor.save_button)
    v2, _v1 = _versions(workspace, "Escalating")
    assert v2.version == 2
    assert v2.spec["escalations"][1] == {
        "metric": "resolution",
        "level": 2,
        "threshold": "after_due",
        "value": 3600,
        "actions": [{"do": "reassign", "team": "Tier 2"}],
    }
    # The history tells what changed between the two versions.
    with qtbot.waitSignal(editor.history_requested):
        click(qtbot, editor.history_button)
    dialog = next(d for d in window.findChildren(VersionHistoryDialog) if d.isVisible())
    (change,) = dialog.view.change_texts()
    assert change.startswith("Escalation rules: Resolution level 1 at 75 % of the target")
    assert "Resolution level 2 at 1h after due: reassign to team Tier 2" in change
    dialog.close()


def test_rules_that_can_never_fire_or_duplicate_are_told(
    qtbot: QtBot, window: PolicyWorkspaceWidget
) -> None:
    editor = window.editor
    box = editor.escalations
    new_policy(qtbot, window, "Odd rules")
    type_into(qtbot, editor.target_edits[(Priority.NORMAL, Metric.RESOLUTION)], "8h")
    click(qtbot, box.add_button)
    _choose(qtbot, box.rows[0].metric, "First response")
    click(qtbot, box.rows[0].raise_priority)
    assert "never fires: no priority measures First response" in box.warnings.text()
    click(qtbot, box.add_button)
    second = box.rows[1]
    _choose(qtbot, second.threshold, "after due")
    type_into(qtbot, second.value, "0m")
    click(qtbot, second.raise_priority)
    click(qtbot, box.add_button)
    third = box.rows[2]
    type_into(qtbot, third.value, "100")
    click(qtbot, third.raise_priority)
    assert "duplicates level" in box.warnings.text()
    # Warnings do not block the save; the same level twice does.
    assert editor.save_button.isEnabled()
    third.level.setFocus()
    while third.level.value() != second.level.value():
        qtbot.keyClick(third.level, Qt.Key.Key_Down)
    assert not editor.save_button.isEnabled()
    assert "is already level" in box.error.text()
