"""A new policy goes where the user puts it: before the catch-all unless told otherwise,
and the editor, the checks and the what-if say so when it could never apply."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from slaworkbench.app.changes import Changes
from slaworkbench.app.policies.saving import PolicyEdit, save_policy
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.policies.versions import list_policies
from slaworkbench.store.seed import STANDARD_POLICY
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.whatif_view import WhatIfDialog
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.policy.editing import Announced, click, new_policy, type_into


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """Two policies: "VIP" (customer Acme), then the catch-all "Standard SLA"."""
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    vip = {
        "name": "VIP",
        "conditions": {"customers": ["Acme"]},
        "targets": {"high": {"resolution": 3600}},
    }
    save_policy(ws, PolicyEdit(None, vip, "24/7"), author="setup", reason="setup")
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
    qtbot.addWidget(widget)
    return widget


def names(workspace: Workspace) -> list[str]:
    with workspace.session() as session:
        return [info.name for info in list_policies(session)]


def policy_id(workspace: Workspace, name: str) -> int:
    with workspace.session() as session:
        return next(info.id for info in list_policies(session) if info.name == name)


def fill_gold(qtbot: QtBot, window: PolicyWorkspaceWidget) -> None:
    editor = window.editor
    new_policy(qtbot, window, "Gold")
    type_into(qtbot, editor.condition_edits["customer_tiers"], "gold")
    type_into(qtbot, editor.target_edits[(Priority.URGENT, Metric.RESOLUTION)], "4h")
    editor.ask_reason = lambda _name: "Gold customers get their own targets"


def test_a_new_policy_is_placed_before_the_catch_all(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace
) -> None:
    assert names(workspace) == ["VIP", STANDARD_POLICY]
    editor = window.editor
    fill_gold(qtbot, window)
    position = editor.place.combo
    assert not editor.place.isHidden()
    assert [position.itemText(i) for i in range(position.count())] == [
        "First, before “VIP”",
        "After “VIP”",
        f"After “{STANDARD_POLICY}”",
    ]
    assert position.currentText() == "After “VIP”"  # before the catch-all
    assert editor.place.warning.isHidden()
    click(qtbot, editor.save_button)
    assert names(workspace) == ["VIP", "Gold", STANDARD_POLICY]
    gold = policy_id(workspace, "Gold")
    assert window.policy_list.ids()[1] == gold
    assert window.policy_list.current_id() == gold
    assert editor.place.isHidden()  # a saved policy keeps its place; drag it to move it


def test_the_user_picks_the_place_and_is_warned_after_the_catch_all(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace
) -> None:
    editor = window.editor
    fill_gold(qtbot, window)
    # First place: before everything.
    editor.place.combo.setFocus()
    qtbot.keyClick(editor.place.combo, Qt.Key.Key_Home)
    assert editor.place.warning.isHidden()
    # Last place: after the catch-all, which takes every ticket.
    qtbot.keyClick(editor.place.combo, Qt.Key.Key_End)
    assert not editor.place.warning.isHidden()
    assert f"“{STANDARD_POLICY}” above it takes every ticket" in editor.place.warning.text()

    # The what-if replays the draft where it would stand, and says it can never apply.
    click(qtbot, editor.whatif_button)
    dialog = next(d for d in window.findChildren(WhatIfDialog) if d.isVisible())
    click(qtbot, dialog.view.run_button)
    result = dialog.view.result()
    assert result is not None and result.warnings
    assert not dialog.view.warning.isHidden()
    assert "can never apply" in dialog.view.warning.text()
    dialog.reject()

    # Saved there anyway (on purpose): the policy checks say why it never applies.
    click(qtbot, editor.save_button)
    assert names(workspace) == ["VIP", STANDARD_POLICY, "Gold"]
    click(qtbot, window.lint.button)
    assert (
        f"“Gold” can never apply: the catch-all “{STANDARD_POLICY}” above it"
        in window.lint.text.text()
    )

    # Moved above the catch-all from the keyboard, it can apply again.
    listing = window.policy_list.list
    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(workspace) == ["VIP", "Gold", STANDARD_POLICY]
    click(qtbot, window.lint.button)
    assert "never apply" not in window.lint.text.text()


def test_changes_made_elsewhere_reload_the_list_and_the_editor(
    qtbot: QtBot, window: PolicyWorkspaceWidget, workspace: Workspace, announced: Announced
) -> None:
    """Another window saves a policy: the notice says so, and the tab shows it."""
    editor = window.editor
    standard = window.policy_list.ids()[1]
    window.policy_list.list.setCurrentRow(1)
    assert editor.policy_id() == standard
    with workspace.session() as session:
        info = next(i for i in list_policies(session) if i.id == standard)
    changed = {
        "name": STANDARD_POLICY,
        "conditions": {},
        "targets": {"low": {"resolution": 7200}},
    }
    save_policy(
        workspace,
        PolicyEdit(standard, changed, "24/7", lock_version=info.lock_version),
        author="someone else",
        reason="elsewhere",
    )
    save_policy(
        workspace,
        PolicyEdit(None, changed | {"name": "Ops", "conditions": {"teams": ["Ops"]}}, "24/7"),
        author="someone else",
        reason="elsewhere",
    )
    announced.notice.announce(Changes(external=True))  # what the workspace watcher does
    assert len(window.policy_list.ids()) == 3
    assert "version 2" in editor.title.text()
    assert editor.target_edits[(Priority.LOW, Metric.RESOLUTION)].text() == "2h"
    # The editor holds the new lock: saving from it is not refused as stale.
    type_into(qtbot, editor.target_edits[(Priority.LOW, Metric.RESOLUTION)], "3h")
    editor.ask_reason = lambda _name: "mine"
    click(qtbot, editor.save_button)
    assert editor.error.isHidden()
    assert "version 3" in editor.title.text()
