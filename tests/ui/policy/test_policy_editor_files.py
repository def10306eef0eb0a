"""Policy files from the editor (Export…, Import file…) and condition completions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from slaworkbench.app.changes import Changes
from slaworkbench.app.policies.files import policy_to_json, read_policy_file
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.policies.calendars import load_calendar
from slaworkbench.store.policies.versions import list_policies, list_policy_versions
from slaworkbench.store.schema import Customer, Team, Ticket
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.policy_editor import PolicyEditor
from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget
from slaworkbench.ui.tasks import TaskRunner
from tests.support.policy.editing import Announced, counts
from tests.support.policy.lisbon_office import LISBON, lisbon_policy
from tests.support.wheel import turn_wheel


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
    qtbot.addWidget(widget)
    return widget


def make_editor(qtbot: QtBot, workspace: Workspace) -> PolicyEditor:
    editor = PolicyEditor(
        workspace, TaskRunner(synchronous=True), notice=ChangeNotice(), author="ana"
    )
    qtbot.addWidget(editor)
    return editor


class Reasons:
    def __init__(self, answer: str | None = "accept") -> None:
        self.asked: list[tuple[str, str]] = []
        self.answer = answer

    def __call__(self, name: str, suggestion: str) -> str | None:
        self.asked.append((name, suggestion))
        return suggestion if self.answer == "accept" else self.answer


def test_export_writes_the_policy_as_shown_and_reads_back(
    window: PolicyWorkspaceWidget, tmp_path: Path
) -> None:
    editor = window.editor
    assert editor.policy_id() is not None  # the standard policy is shown
    editor.target_edits[(Priority.URGENT, Metric.FIRST_RESPONSE)].setText("45m 30s")
    editor.owner.setText("Ana")
    path = tmp_path / "standard.json"
    assert editor.export_file(str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "slaworkbench-policy"
    assert document["policy"]["targets"]["urgent"]["first_response"] == "45m 30s"
    assert document["policy"]["owner"] == "Ana"
    loaded = read_policy_file(path)
    draft = editor.draft()
    assert draft is not None
    assert loaded.policy.targets == draft.targets
    assert loaded.calendar.to_dict() == draft.calendar.to_dict()  # type: ignore[attr-defined]
    # An invalid form exports nothing.
    editor.target_edits[(Priority.URGENT, Metric.FIRST_RESPONSE)].setText("soon")
    assert not editor.export_button.isEnabled()
    assert not editor.export_file(str(tmp_path / "bad.json"))
    assert not (tmp_path / "bad.json").exists()


def test_import_saves_a_new_policy_with_its_calendar(
    window: PolicyWorkspaceWidget, workspace: Workspace, tmp_path: Path, announced: Announced
) -> None:
    editor = window.editor
    reasons = Reasons()
    editor.ask_import_reason = reasons
    path = tmp_path / "gold.json"
    path.write_text(policy_to_json(lisbon_policy(), owner="Ana"), encoding="utf-8")
    before = counts(workspace)
    editor.import_file(str(path))
    assert reasons.asked == [("Gold customers", "Imported from gold.json")]
    assert editor.error.text() == ""
    after = counts(workspace)
    assert after == (before[0] + 1, before[1] + 1, before[2] + 1, before[3] + 1)
    with workspace.session() as session:
        assert load_calendar(session, "Lisbon office").to_dict() == LISBON
        info = next(i for i in list_policies(session) if i.name == "Gold customers")
        versions = list_policy_versions(session, info.id)
    assert [(v.version, v.reason, v.author, v.owner) for v in versions] == [
        (1, "Imported from gold.json", "ana", "Ana")
    ]
    assert editor.policy_id() == info.id and "version 1" in editor.title.text()
    assert editor.target_edits[(Priority.URGENT, Metric.RESOLUTION)].text() == "26h"
    assert window.policy_list.ids()[0] == info.id  # before the catch-all "Standard SLA"
    assert announced == [Changes(policies=True, calendars=True)]
    # The same file again: a new version of the same policy, calendar untouched.
    editor.import_file(str(path))
    with workspace.session() as session:
        assert [v.version for v in list_policy_versions(session, info.id)] == [2, 1]
    assert counts(workspace)[:3] == after[:3]
    assert announced[1:] == [Changes(policies=True)]


def test_refused_imports_write_nothing_and_say_why(
    window: PolicyWorkspaceWidget, workspace: Workspace, tmp_path: Path
) -> None:
    editor = window.editor
    reasons = Reasons()
    editor.ask_import_reason = reasons
    path = tmp_path / "gold.json"
    path.write_text(policy_to_json(lisbon_policy()), encoding="utf-8")
    editor.import_file(str(path))
    start = counts(workspace)
    asked = len(reasons.asked)

    # A calendar of the same name with other hours: refused, not overwritten.
    other = json.loads(path.read_text())
    other["calendar"]["hours"]["sat"] = [["10:00", "12:00"]]
    path.write_text(json.dumps(other))
    editor.import_file(str(path))
    assert "already has a calendar named “Lisbon office”" in editor.error.text()
    assert counts(workspace) == start

    # Broken files are refused before any question is asked.
    document = json.loads(policy_to_json(lisbon_policy()))
    document["policy"]["targets"]["urgent"]["resolution"] = "abc"
    for text, sentence in (
        (json.dumps(document), "bad.json: Policy 'Gold customers' cannot be used"),
        ("{not json", "bad.json is not valid JSON (line 1"),
        ("[1, 2]", "bad.json does not hold a policy"),
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(text)
        editor.import_file(str(bad))
        assert sentence in editor.error.text()
        assert counts(workspace) == start
    assert len(reasons.asked) == asked + 1  # only the clashing calendar got that far

    # Cancelling the reason writes nothing.
    reasons.answer = None
    path.write_text(policy_to_json(lisbon_policy()), encoding="utf-8")
    editor.import_file(str(path))
    assert counts(workspace) == start


def test_import_over_unsaved_changes_asks_first(
    window: PolicyWorkspaceWidget, workspace: Workspace, tmp_path: Path
) -> None:
    editor = window.editor
    editor.ask_import_reason = Reasons()
    editor.name.setText("Renamed, not saved")
    path = tmp_path / "gold.json"
    path.write_text(policy_to_json(lisbon_policy()), encoding="utf-8")
    start = counts(workspace)
    editor.confirm_discard = lambda: False
    editor.import_file(str(path))
    assert counts(workspace) == start and editor.name.text() == "Renamed, not saved"
    editor.confirm_discard = lambda: True
    editor.import_file(str(path))
    assert counts(workspace)[2] == start[2] + 1
    assert editor.name.text() == "Gold customers"


def add_tickets(workspace: Workspace) -> None:
    with workspace.session(write=True) as session:
        acme = Customer(name="Acme, Inc.", tier="gold")
        globex = Customer(name="Globex", tier="silver")
        desk = Team(name="Service Desk")
        session.add_all([acme, globex, desk])
        session.flush()
        for number, (customer, tags) in enumerate(((acme, "vip billing"), (globex, "vpn"))):
            session.add(
                Ticket(
                    subject=f"ticket {number}",
                    priority="normal",
                    status="open",
                    created_at=1_700_000_000 + number,
                    updated_at=1_700_000_000 + number,
                    customer_id=customer.id,
                    team_id=desk.id,
                    category="Access",
                    channel="email",
                    tags=tags,
                )
            )


def completions(editor: PolicyEditor, field: str, typed: str) -> list[str]:
    completer = editor.completers[field]
    edit = editor.condition_edits[field]
    edit.setText(typed)
    completer.setCompletionPrefix(completer.splitPath(typed)[0])
    model = completer.completionModel()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


@pytest.mark.qt_log_ignore("propagateSizeHints", "raise", "grabbing the keyboard")  # offscreen
def test_condition_fields_suggest_the_values_in_use(qtbot: QtBot, workspace: Workspace) -> None:
    add_tickets(workspace)
    editor = make_editor(qtbot, workspace)
    with workspace.session() as session:
        editor.load(list_policies(session)[0].id)
    assert completions(editor, "customers", "ac") == ["Acme, Inc."]
    assert completions(editor, "customer_tiers", "") == ["gold", "silver"]
    assert completions(editor, "teams", "desk") == ["Service Desk"]
    assert completions(editor, "categories", "a") == ["Access"]
    assert completions(editor, "channels", "E") == ["email"]
    assert completions(editor, "tags", "v") == ["vip", "vpn"]
    # In a list, only the last item is completed and the others are kept.
    assert completions(editor, "tags", "billing, vp") == ["vpn"]
    editor.resize(600, 700)
    editor.show()
    edit = editor.condition_edits["tags"]
    edit.clear()
    edit.setFocus()  # offscreen windows never become active, so say it the line edit's way
    QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.OtherFocusReason))
    qtbot.keyClicks(edit, "billing, vp")
    popup = editor.completers["tags"].popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert edit.text() == "billing, vpn"
    draft = editor.draft()
    assert draft is not None and draft.conditions.tags == frozenset({"billing", "vpn"})


def test_the_wheel_scrolls_the_form_instead_of_changing_unfocused_fields(
    qtbot: QtBot, workspace: Workspace
) -> None:
    editor = make_editor(qtbot, workspace)
    editor.resize(700, 400)
    editor.show()
    calendar, warning = editor.calendar.currentText(), editor.warning.value()
    for widget in (editor.calendar, editor.warning):
        turn_wheel(widget, QPoint(5, 5))
    assert (editor.calendar.currentText(), editor.warning.value()) == (calendar, warning)
    assert not editor.is_dirty()
