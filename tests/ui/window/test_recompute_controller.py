"""The background recompute: rows update, cancel keeps tickets consistent, errors read well."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select, text, update

from slaworkbench.app.changes import Changes
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.schema import Ticket
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.window.recompute_controller import RecomputeController
from slaworkbench.ui.window.task_progress import TaskProgressWidget
from tests.support.policy.changes import scale_targets
from tests.support.twin_demos import demo_copy

NOW = 1_790_000_000


@pytest.fixture
def workspace(tmp_path):  # type: ignore[no-untyped-def]
    ws = demo_copy(tmp_path / "w.sqlite3", tickets=400, seed=5, now=NOW)
    yield ws
    ws.close()


def _wipe(ws) -> None:  # type: ignore[no-untyped-def]
    with ws.session(write=True) as session:
        session.execute(update(Ticket).values(evaluated_at=None, sla_state="none"))


def test_recompute_runs_in_the_background_and_shows_progress(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    _wipe(workspace)
    runner = TaskRunner()
    widget = TaskProgressWidget()
    qtbot.addWidget(widget)
    controller = RecomputeController(
        runner,
        workspace,
        ChangeNotice(),
        progress_widget=widget,
        clock=lambda: NOW + 60,
        chunk_size=50,
    )
    with qtbot.waitSignal(controller.finished, timeout=30000) as blocker:
        controller.request()
        assert controller.is_running() and not widget.isHidden()
    result = blocker.args[0]
    assert result.tickets == result.total > 0 and not result.cancelled
    qtbot.waitUntil(lambda: widget.isHidden() and not controller.is_running(), timeout=5000)
    with workspace.session() as session:
        stamps = (
            session.execute(
                select(Ticket.evaluated_at).where(Ticket.status.not_in(["solved", "closed"]))
            )
            .scalars()
            .all()
        )
    assert stamps and set(stamps) == {NOW + 60}
    assert runner.shutdown(5000)


_VALUES = text(
    "SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target, elapsed,"
    " remaining, due_at, breached_at, at_risk, risk_at, policy_version_id"
    " FROM ticket_clocks ORDER BY 1, 2, 3"
)


def _clock_rows(ws) -> dict[int, list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    rows: dict[int, list[tuple[object, ...]]] = defaultdict(list)
    with ws.session() as session:
        for row in session.execute(_VALUES):
            rows[row[0]].append(tuple(row[1:]))
    return rows


def test_cancel_midway_leaves_every_ticket_consistent(qtbot, workspace, tmp_path) -> None:  # type: ignore[no-untyped-def]
    old = _clock_rows(workspace)  # as the demo evaluated them at NOW
    scale_targets(workspace, 0.5, now=NOW)
    runner = TaskRunner()
    owner = QWidget()  # as in the window: the controller is owned by a widget
    qtbot.addWidget(owner)
    controller = RecomputeController(
        runner, workspace, ChangeNotice(), clock=lambda: NOW + 7200, chunk_size=10, parent=owner
    )
    progress: list[int] = []

    def on_progress(done: int, total: int, _text: str) -> None:
        progress.append(done)
        if len(progress) == 2:
            controller.cancel()

    with qtbot.waitSignal(controller.cancelled, timeout=30000):
        controller.request(only_open=False)
        handle = runner.active()[0]
        handle.progressed.connect(on_progress)

    # The same demo, evaluated completely at the new instant: what "new clocks" means.
    reference = demo_copy(tmp_path / "reference.sqlite3", tickets=400, seed=5, now=NOW)
    scale_targets(reference, 0.5, now=NOW)
    recompute(reference, only_open=False, now=NOW + 7200)
    new = _clock_rows(reference)
    reference.close()
    assert new != old  # the two runs differ, so a mix would show

    after = _clock_rows(workspace)
    with workspace.session() as session:
        tickets = {
            r.id: r.evaluated_at for r in session.execute(select(Ticket.id, Ticket.evaluated_at))
        }
    done = [t for t, at in tickets.items() if at == NOW + 7200]
    assert 0 < len(done) < len(tickets)  # really stopped midway
    changed = {True: 0, False: 0}
    for ticket_id, evaluated_at in tickets.items():
        # Every ticket has exactly the clocks of one run: the one its summary says.
        finished = evaluated_at == NOW + 7200
        expected = new if finished else old
        assert after.get(ticket_id, []) == expected.get(ticket_id, []), ticket_id
        changed[finished] += old.get(ticket_id, []) != new.get(ticket_id, [])
    assert changed[True] > 0 and changed[False] > 0  # a mix would show on both sides
    assert runner.shutdown(5000)


def test_a_failing_recompute_becomes_a_sentence(qtbot, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import slaworkbench.ui.window.recompute_controller as module

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(module, "recompute", broken)
    runner = TaskRunner()
    controller = RecomputeController(runner, workspace, ChangeNotice())
    with qtbot.waitSignal(controller.failed, timeout=10000) as blocker:
        controller.request()
    assert "disk full" in blocker.args[0] and "Traceback" not in blocker.args[0]
    qtbot.waitUntil(lambda: not controller.is_running(), timeout=5000)
    assert runner.shutdown(5000)


def test_a_calendar_or_policy_change_recomputes_and_its_end_is_announced(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    notice = ChangeNotice()
    announced: list[Changes] = []
    notice.changed.connect(announced.append)
    controller = RecomputeController(runner, workspace, notice, clock=lambda: NOW + 60)

    notice.announce(Changes(tickets=True, clocks=True))  # a reply: nothing to recompute
    assert not controller.is_running()

    for saved in (Changes(calendars=True), Changes(policies=True)):
        announced.clear()
        with qtbot.waitSignal(controller.finished, timeout=30000):
            notice.announce(saved)
            assert controller.is_running()
        assert announced == [saved, Changes(clocks=True)]
        qtbot.waitUntil(lambda: not controller.is_running(), timeout=5000)
    assert runner.shutdown(5000)
