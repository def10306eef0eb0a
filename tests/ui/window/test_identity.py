"""One identity: what the user saves and re-baselines is recorded as the "Working as"
agent of the tickets toolbar, whenever it was chosen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog
from sqlalchemy import select

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.recompute.run import META_LAST_REBASELINE
from slaworkbench.domain.model import Metric, Priority
from slaworkbench.store.schema import PolicyVersion, WorkspaceMeta
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.live_window import close_window, open_window

NOW = 1_790_000_000


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    generate_demo(ws, tickets=200, seed=5, now=NOW)
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, workspace, tmp_path):  # type: ignore[no-untyped-def]
    win = open_window(
        qtbot,
        workspace,
        tmp_path,
        now=NOW,
        ready=lambda w: w.tickets.toolbar.me_combo.count() > 1,
        watch_interval_ms=60_000,
    )
    yield win
    close_window(win)


def _work_as_another_agent(qtbot, win) -> str:  # type: ignore[no-untyped-def]
    """Pick the last agent in "Working as" with the keyboard, as a person does."""
    combo = win.tickets.toolbar.me_combo
    name = combo.itemText(combo.count() - 1)
    assert name != combo.currentText()
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_End)
    assert combo.currentText() == name
    return name


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_policy_save_and_a_re_baseline_are_recorded_as_the_agent_working(  # type: ignore[no-untyped-def]
    qtbot, window, workspace, monkeypatch
) -> None:
    win = window
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    policies = win.policies  # built before "Working as" changes: the author must follow it
    name = _work_as_another_agent(qtbot, win)
    QTest.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)

    listed = policies.policy_list.list
    qtbot.waitUntil(lambda: listed.count() > 0, timeout=10_000)
    item = listed.item(0)
    qtbot.mouseClick(
        listed.viewport(), Qt.MouseButton.LeftButton, pos=listed.visualItemRect(item).center()
    )
    editor = policies.editor
    qtbot.waitUntil(lambda: editor.policy_id() is not None, timeout=10_000)
    field = editor.target_edits[(Priority.URGENT, Metric.FIRST_RESPONSE)]
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "7m")
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=5_000)
    editor.ask_reason = lambda _name: "Urgent answers within seven minutes"  # the dialog
    with qtbot.waitSignal(win.recompute.finished, timeout=60_000):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with workspace.session() as session:
        newest = session.execute(
            select(PolicyVersion.author, PolicyVersion.reason).order_by(PolicyVersion.id.desc())
        ).first()
    assert newest is not None
    assert tuple(newest) == (name, "Urgent answers within seven minutes")

    # Tools › Re-baseline records the same identity.
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("new targets", True))
    (action,) = [a for a in win.findChildren(QAction) if a.text().startswith("Re-baseline")]
    with qtbot.waitSignal(win.recompute.finished, timeout=60_000):
        action.trigger()
    with workspace.session() as session:
        record = session.get(WorkspaceMeta, META_LAST_REBASELINE)
        assert record is not None
        assert json.loads(record.value)["author"] == name


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_a_review_is_offered_as_the_agent_working_now(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The review log read "Working as" once, when the Agreements tab was first built:
    opened before the user picked their name, it offered the login for every review."""
    win = window
    QTest.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    page = win.agreements
    listed = page.agreement_list
    qtbot.waitUntil(lambda: listed.count() > 0, timeout=10_000)

    def open_first() -> None:
        rect = listed.visualItemRect(listed.item(0))
        qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    open_first()
    qtbot.waitUntil(lambda: page.reviews.isEnabled(), timeout=10_000)
    assert page.reviews.reviewer.text() == win.tickets.toolbar.me
    QTest.keyClick(win, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    name = _work_as_another_agent(qtbot, win)
    QTest.keyClick(win, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    open_first()
    qtbot.waitUntil(lambda: page.reviews.reviewer.text() == name, timeout=10_000)
    # A name typed over the suggestion is the user's: kept.
    page.reviews.reviewer.setFocus()
    page.reviews.reviewer.selectAll()
    qtbot.keyClicks(page.reviews.reviewer, "Ana (lead)")
    open_first()
    qtbot.wait(200)
    assert page.reviews.reviewer.text() == "Ana (lead)"
