"""The background recompute: rows update, cancel keeps tickets consistent, errors read well."""

from __future__ import annotations

from collections import defaultdict

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select, update

from slaworkbench.app.demo import generate_demo
from slaworkbench.app.tasks import TaskRunner
from slaworkbench.store.schema import Ticket, TicketClock
from slaworkbench.store.workspace import open_workspace
from slaworkbench.ui.recompute_controller import RecomputeController
from slaworkbench.ui.task_progress import TaskProgressWidget

NOW = 1_790_000_000


@pytest.fixture
def workspace(tmp_path):  # type: ignore[no-untyped-def]
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    generate_demo(ws, tickets=400, seed=5, now=NOW)
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
        runner, workspace, progress_widget=widget, clock=lambda: NOW + 60, chunk_size=50
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


def test_cancel_midway_leaves_every_ticket_consistent(qtbot, workspace) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    owner = QWidget()  # as in the window: the controller is owned by a widget
    qtbot.addWidget(owner)
    controller = RecomputeController(
        runner, workspace, clock=lambda: NOW + 120, chunk_size=10, parent=owner
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

    with workspace.session() as session:
        tickets = {
            r.id: r.evaluated_at for r in session.execute(select(Ticket.id, Ticket.evaluated_at))
        }
        clocks = defaultdict(set)
        for ticket_id, evaluated_at in session.execute(
            select(TicketClock.ticket_id, TicketClock.evaluated_at)
        ):
            clocks[ticket_id].add(evaluated_at)
    new = [t for t, at in tickets.items() if at == NOW + 120]
    assert 0 < len(new) < len(tickets)  # really stopped midway
    for ticket_id, stamps in clocks.items():
        # Every cycle row of a ticket comes from one run, the same as its summary.
        assert stamps == {tickets[ticket_id]}
    assert runner.shutdown(5000)


def test_a_failing_recompute_becomes_a_sentence(qtbot, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import slaworkbench.ui.recompute_controller as module

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(module, "recompute", broken)
    runner = TaskRunner()
    controller = RecomputeController(runner, workspace)
    with qtbot.waitSignal(controller.failed, timeout=10000) as blocker:
        controller.request()
    assert "disk full" in blocker.args[0] and "Traceback" not in blocker.args[0]
    qtbot.waitUntil(lambda: not controller.is_running(), timeout=5000)
    assert runner.shutdown(5000)
