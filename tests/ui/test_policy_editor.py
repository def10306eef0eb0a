"""Policy editing end to end: calendar → policy v1 → v2 with a reason → history; bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.schema import Calendar, CalendarHoliday, Policy, PolicyVersion
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.version_history import VersionHistoryView
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.ui.test_calendar_editor import NOW, fill_lisbon


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    yield ws
    ws.close()


class Recorder(ChangeNotice):
    """The window's change notice, counting the saves announced (each asks for a recompute)."""

    def __init__(self) -> None:
        super().__init__()
        self.requests = 0
        self.changed.connect(self._count)

    def _count(self, _changes: object) -> None:
        self.requests += 1


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace) -> PolicyWorkspaceWidget:
    widget = PolicyWorkspaceWidget(
        workspace,
        TaskRunner(synchronous=True),
        author="ana",
        notice=Recorder(),
    )
    widget.calendars._clock = lambda: NOW
    qtbot.addWidget(widget)
    return widget


def counts(workspace: Workspace) -> tuple[int, ...]:
    with workspace.session() as session:
        return tuple(
            session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (Calendar, CalendarHoliday, Policy, PolicyVersion)
        )


def versions_of(workspace: Workspace, name: str):
    with workspace.session() as session:
        info = next(i for i in list_policies(session) if i.name == name)
        return info, list_policy_versions(session, info.id)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, on dialog.show()
def test_calendar_then_policy_v1_then_v2_with_history(
    window: PolicyWorkspaceWidget, workspace: Workspace
) -> None:
    start = counts(workspace)
    # 1. A calendar with a split day and a holiday.
    fill_lisbon(window.calendars)
    window.calendars.save()
    assert counts(workspace)[:2] == (start[0] + 1, start[1] + 1)
    assert window.notice.requests == 1  # type: ignore[attr-defined]

    # 2. A policy that uses it: version 1.
    editor = window.editor
    window.policy_list.new_requested.emit()
    assert editor.policy_id() is None
    assert "Lisbon office" in [editor.calendar.itemText(i) for i in range(editor.calendar.count())]
    editor.name.setText("Gold customers")
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
    editor.save()
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
    assert window.policy_list.ids()[-1] == info.id
    assert window.notice.requests == 2  # type: ignore[attr-defined]

    # 3. Change a target and save with a reason: version 2.
    editor.target_edits[(Priority.URGENT, Metric.FIRST_RESPONSE)].setText("1h")
    editor.save()
    _info, versions = versions_of(workspace, "Gold customers")
    assert [v.version for v in versions] == [2, 1]
    assert versions[0].reason == "Urgent first response to 1h"
    assert versions[0].spec["targets"]["urgent"]["first_response"] == 3600
    assert versions[1].spec["targets"]["urgent"]["first_response"] == 1800  # immutable
    assert window.notice.requests == 3  # type: ignore[attr-defined]

    # 4. The history shows both versions side by side and what changed.
    dialog = window.show_history(info.id)
    view: VersionHistoryView = dialog.view
    assert view.table.columnCount() == 2
    assert view.changed_cells() == [("Urgent · First response", 2)]
    assert view.change_texts() == ["Urgent · First response: 30m → 1h"]
    dialog.close()


@pytest.mark.parametrize("bad", ["abc", "4", "-1h", "0m"])
def test_invalid_target_is_refused_inline_and_nothing_is_written(
    window: PolicyWorkspaceWidget, workspace: Workspace, bad: str
) -> None:
    editor = window.editor
    window.policy_list.new_requested.emit()
    editor.name.setText("Broken")
    editor.target_edits[(Priority.NORMAL, Metric.RESOLUTION)].setText("1d")
    assert editor.save_button.isEnabled()
    before = counts(workspace)
    field = editor.target_edits[(Priority.HIGH, Metric.FIRST_RESPONSE)]
    field.setText(bad)
    assert not editor.save_button.isEnabled()
    assert not editor.targets_error.isHidden()
    assert "High · First response" in editor.targets_error.text()
    assert field.property("invalid") is True
    assert editor.draft() is None
    editor.ask_reason = lambda _name: "should not be asked"
    editor.save()
    assert counts(workspace) == before


def test_empty_name_and_no_targets_are_refused(window: PolicyWorkspaceWidget) -> None:
    editor = window.editor
    window.policy_list.new_requested.emit()
    editor.name.setText("x")
    editor.name.setText("")
    assert "Give the policy a name" in editor.name_error.text()
    editor.name.setText("Named")
    assert "at least one priority a target" in editor.targets_error.text()
    assert not editor.save_button.isEnabled()


def test_cancelling_the_reason_saves_nothing(
    window: PolicyWorkspaceWidget, workspace: Workspace
) -> None:
    editor = window.editor
    window.policy_list.new_requested.emit()
    editor.name.setText("Maybe")
    editor.target_edits[(Priority.LOW, Metric.RESOLUTION)].setText("5d")
    before = counts(workspace)
    editor.ask_reason = lambda _name: None
    editor.save()
    assert counts(workspace) == before


def test_reorder_and_switch_off_from_the_list(
    window: PolicyWorkspaceWidget, workspace: Workspace
) -> None:
    editor = window.editor
    window.policy_list.new_requested.emit()
    editor.name.setText("Second")
    editor.target_edits[(Priority.LOW, Metric.RESOLUTION)].setText("5d")
    editor.ask_reason = lambda _name: "new"
    editor.save()
    ids = window.policy_list.ids()
    assert len(ids) == 2
    window.policy_list.move(ids[1], 0)
    with workspace.session() as session:
        assert [i.id for i in list_policies(session)] == [ids[1], ids[0]]
    item = window.policy_list.list.item(0)
    from PySide6.QtCore import Qt

    item.setCheckState(Qt.CheckState.Unchecked)
    with workspace.session() as session:
        second = next(i for i in list_policies(session) if i.id == ids[1])
    assert not second.active
    assert window.notice.requests >= 3  # type: ignore[attr-defined]


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
