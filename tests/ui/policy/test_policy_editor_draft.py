"""The draft the policy editor builds is the saved version plus what was typed, exactly.

Regression: a what-if that only loosened resolution targets reported results getting
worse, because the editor re-built every field from its widgets: a target of whole
seconds was shown rounded down to minutes (so the "unchanged" draft was tighter), a
warning threshold was rounded to whole percent, and a condition value containing a
comma came back as two values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from slaworkbench.app.importing.run import import_event_log
from slaworkbench.app.policies.whatif import Outcome, run_whatif
from slaworkbench.domain.durations import parse_duration
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.domain.policy import Policy, policy_to_dict
from slaworkbench.store.policies.editing import created_range, load_policies_in_order
from slaworkbench.store.policies.versions import list_policies, save_policy_version
from slaworkbench.store.seed import BUSINESS_HOURS, STANDARD_POLICY, standard_policy_spec
from slaworkbench.store.workspace import Workspace, open_workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.policy.policy_editor import PolicyEditor
from slaworkbench.ui.tasks import TaskRunner

RANK = {Outcome.NOT_MEASURED: 0, Outcome.ACHIEVED: 0, Outcome.IN_PROGRESS: 1, Outcome.BREACHED: 2}
"""How bad an outcome is; a looser target may only move a ticket down this scale."""


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(str(tmp_path / "ws.sqlite3"))
    yield ws
    ws.close()


def make_editor(qtbot: QtBot, workspace: Workspace) -> PolicyEditor:
    editor = PolicyEditor(
        workspace, TaskRunner(synchronous=True), notice=ChangeNotice(), author="ana"
    )
    qtbot.addWidget(editor)
    return editor


def comparable(policy: Policy) -> dict[str, object]:
    data = policy_to_dict(policy)
    for key in ("version", "version_id"):
        data.pop(key)
    return data


def save_exact_version(workspace: Workspace, extra_seconds: int = 30) -> int:
    """A new version of the standard policy whose targets are not whole minutes (a file
    import or the command line can write such targets), with a fractional warning
    threshold and a customer whose name holds a comma."""
    spec = standard_policy_spec()
    spec["targets"] = {
        priority: {metric: seconds + extra_seconds for metric, seconds in per.items()}
        for priority, per in spec["targets"].items()
    }
    spec["warning_fraction"] = 0.125
    with workspace.session(write=True) as session:
        policy_id = next(i.id for i in list_policies(session) if i.name == STANDARD_POLICY)
        save_policy_version(
            session,
            policy_id,
            spec,
            calendar_name=BUSINESS_HOURS,
            author="import",
            reason="targets to the second",
        )
    return policy_id


def saved(workspace: Workspace, policy_id: int) -> Policy:
    with workspace.session() as session:
        return next(p for p in load_policies_in_order(session) if p.id == policy_id)


def test_unchanged_draft_is_the_saved_version(qtbot: QtBot, workspace: Workspace) -> None:
    policy_id = save_exact_version(workspace)
    with workspace.session(write=True) as session:
        save_policy_version(
            session,
            policy_id,
            standard_policy_spec()
            | {
                "targets": {"normal": {"first_response": 14_430, "resolution": 100_000}},
                "conditions": {"customers": ["Acme, Inc.", "Globex"], "tags": ["a,b"]},
                "warning_fraction": 0.125,
            },
            calendar_name=BUSINESS_HOURS,
            author="import",
        )
    editor = make_editor(qtbot, workspace)
    editor.load(policy_id)
    draft = editor.draft()
    assert draft is not None and not editor.is_dirty()
    assert comparable(draft) == comparable(saved(workspace, policy_id))
    # Seconds are shown, not rounded away, and read back exactly.
    cell = editor.target_edits[(Priority.NORMAL, Metric.RESOLUTION)]
    assert cell.text() == "27h 46m 40s"
    assert parse_duration(cell.text()) == 100_000
    # Typing a value and typing the shown one back gives the saved version again.
    cell.setText("2d")
    cell.setText("1d 3h 46m 40s")
    customers = editor.condition_edits["customers"]
    customers.setText(customers.text())
    draft = editor.draft()
    assert draft is not None
    assert comparable(draft) == comparable(saved(workspace, policy_id))
    # An edited field takes exactly what was typed; the others stay as saved.
    editor.target_edits[(Priority.NORMAL, Metric.FIRST_RESPONSE)].setText("5h")
    draft = editor.draft()
    assert draft is not None
    assert draft.target(Priority.NORMAL, Metric.FIRST_RESPONSE) == 5 * 3600
    assert draft.target(Priority.NORMAL, Metric.RESOLUTION) == 100_000
    assert draft.warning_fraction == 0.125
    assert draft.conditions.customers == frozenset({"Acme, Inc.", "Globex"})


def loosen_resolution(editor: PolicyEditor, factor: int) -> None:
    for priority in Priority:
        cell = editor.target_edits[(priority, Metric.RESOLUTION)]
        if cell.text():
            cell.setText(f"{parse_duration(cell.text()) * factor}s")


@pytest.mark.slow
def test_bpic2013_editor_drafts_never_make_tickets_worse(
    qtbot: QtBot, workspace: Workspace, bpic2013_path: Path
) -> None:
    import_event_log(workspace, bpic2013_path, "bpic2013")
    with workspace.session() as session:
        found = created_range(session)
    assert found is not None
    start, end = found[0], found[1] + 1
    now = int(dt.datetime(2013, 1, 1, tzinfo=dt.UTC).timestamp())
    editor = make_editor(qtbot, workspace)
    seeded = next(p for p in saved_all(workspace) if p.name == STANDARD_POLICY)
    for exact in (False, True):
        policy_id = save_exact_version(workspace) if exact else seeded.id
        editor.load(policy_id)
        draft = editor.draft()
        assert draft is not None
        assert comparable(draft) == comparable(saved(workspace, policy_id))
        unchanged = run_whatif(workspace, draft, start, end, now=now)
        assert unchanged.tickets > 7_000
        assert unchanged.flips == ()
        assert all(row.before == row.after for row in unchanged.rows)

        loosen_resolution(editor, 3)
        draft = editor.draft()
        assert draft is not None
        loosened = run_whatif(workspace, draft, start, end, now=now)
        assert loosened.flips
        assert {flip.metric for flip in loosened.flips} == {Metric.RESOLUTION}
        worse = [flip for flip in loosened.flips if RANK[flip.after] > RANK[flip.before]]
        assert worse == []


def saved_all(workspace: Workspace) -> list[Policy]:
    with workspace.session() as session:
        return load_policies_in_order(session)
