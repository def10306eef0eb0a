"""The breach monitor fires escalation rules: at the instant (with an injected clock),
once, writing the event, raising the priority and re-targeting the clocks; a rule due
while the program was closed fires once at the next start, marked late."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind
from slaworkbench.store.schema import Escalation, TicketEvent
from slaworkbench.store.tickets.alerts import watched_tickets
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.alerts.breach_monitor import BreachMonitor, workspace_escalations
from slaworkbench.ui.alerts.settings import AlertScope, AlertSettings
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from tests.support.escalation_workspace import HOUR, escalating_workspace, resolution_clock
from tests.support.fake_clock import FakeClock
from tests.support.ticket_seeding import NOW


def _monitor(ws: Workspace, clock: FakeClock, notice: ChangeNotice) -> BreachMonitor:
    def load_window(after: int, until: int):  # type: ignore[no-untyped-def]
        with ws.session() as session:
            return watched_tickets(session, after, until)

    return BreachMonitor(
        TaskRunner(synchronous=True),
        load_window,
        notice,
        clock=clock,
        escalations=workspace_escalations(ws),
    )


def _escalated(alert: Alert) -> bool:
    return alert.kind is AlertKind.ESCALATED


def _firings(ws: Workspace) -> list[tuple[int, bool]]:
    with ws.session() as session:
        return [
            (row.level, row.late)
            for row in session.execute(select(Escalation.level, Escalation.late))
        ]


def test_a_75_percent_rule_fires_at_its_instant_once_and_re_targets(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws, ticket_id = escalating_workspace(tmp_path, NOW)
    clock = FakeClock(NOW + 6 * HOUR - 1)  # one second before 75 % of the 8 h target
    notice = ChangeNotice()
    monitor = _monitor(ws, clock, notice)
    escalations: list[Alert] = []
    monitor.alert_raised.connect(lambda a: escalations.append(a) if _escalated(a) else None)
    try:
        monitor.reload()
        assert monitor.escalation_at() == NOW + 6 * HOUR
        assert monitor.armed_for() == NOW + 6 * HOUR
        assert _firings(ws) == []

        clock.now = NOW + 6 * HOUR  # the one-second timer fires; the clock reads the instant
        qtbot.waitUntil(lambda: len(escalations) == 1, timeout=3000)
        (alert,) = escalations
        assert (alert.ticket_id, alert.at) == (ticket_id, NOW + 6 * HOUR)
        assert "level 1" in alert.subject and "Lena Lead" in alert.subject
        # The team lead it notifies gets it with "my tickets" only, like the assignee.
        mine = AlertSettings(scope=AlertScope.MINE)
        assert alert.recipients == ("Lena Lead",) and alert.assignee == "Ada Agent"
        assert mine.wants(alert, "Lena Lead") and mine.wants(alert, "Ada Agent")
        assert not mine.wants(alert, "Someone Else")
        assert _firings(ws) == [(1, False)]
        # The priority went up one step; the clocks re-targeted to high's 7 h.
        assert resolution_clock(ws, ticket_id) == ("high", 7 * HOUR, NOW + 7 * HOUR, "running")
        with ws.session() as session:
            authors = session.execute(
                select(TicketEvent.type).where(TicketEvent.author == "escalation")
            ).scalars()
            assert sorted(authors) == ["field_changed", "priority_changed"]
        # The monitor re-armed for level 2 (at the new due instant), not level 1 again.
        assert monitor.escalation_at() == NOW + 7 * HOUR
        qtbot.wait(1300)
        assert len(escalations) == 1 and _firings(ws) == [(1, False)]
    finally:
        monitor.stop()
        ws.close()


def test_a_rule_due_while_closed_fires_once_at_the_next_start_marked_late(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    ws, ticket_id = escalating_workspace(tmp_path, NOW)
    clock = FakeClock(NOW + 6 * HOUR + 1800)  # the program opens half an hour after it
    first = _monitor(ws, clock, ChangeNotice())
    escalations: list[Alert] = []
    first.alert_raised.connect(lambda a: escalations.append(a) if _escalated(a) else None)
    try:
        first.reload()
        qtbot.waitUntil(lambda: len(escalations) == 1, timeout=3000)
        assert "late" in escalations[0].subject
        assert _firings(ws) == [(1, True)]
        assert resolution_clock(ws, ticket_id)[0] == "high"
    finally:
        first.stop()
    # The next start finds the rule fired for this cycle: nothing fires again.
    second = _monitor(ws, clock, ChangeNotice())
    again: list[Alert] = []
    second.alert_raised.connect(lambda a: again.append(a) if _escalated(a) else None)
    try:
        second.reload()
        qtbot.wait(200)
        assert again == [] and _firings(ws) == [(1, True)]
        assert second.escalation_at() == NOW + 7 * HOUR
    finally:
        second.stop()
        ws.close()
