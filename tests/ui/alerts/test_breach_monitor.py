"""The breach monitor fires at the due second of the right ticket and re-arms."""

from __future__ import annotations

from datetime import time

import pytest

from slaworkbench.app.changes import Changes
from slaworkbench.app.tickets.breach_schedule import AlertKind, QuietHours
from slaworkbench.store.tickets.alerts import WatchedTicket
from slaworkbench.ui.alerts.breach_monitor import AlertNotifier, BreachMonitor
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner


class FakeClock:
    def __init__(self, now: int) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now


@pytest.fixture
def world(qapp):  # type: ignore[no-untyped-def]
    clock = FakeClock(1_800_000_000)
    tickets = {
        1: WatchedTicket(1, "printer on fire", risk_at=None, due_at=clock.now + 1),
        2: WatchedTicket(2, "vpn slow", risk_at=clock.now + 30, due_at=clock.now + 120),
    }
    notice = ChangeNotice()
    monitor = BreachMonitor(
        TaskRunner(synchronous=True),
        lambda a, b: [t for t in tickets.values()],
        notice,
        clock=clock,
    )
    yield clock, tickets, monitor, notice
    monitor.stop()


def test_fires_at_the_due_second_of_the_right_ticket(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    clock, tickets, monitor, _notice = world
    monitor.reload()
    assert monitor.armed_for() == clock.now + 1
    due = clock.now + 1
    clock.now = due  # the real one-second timer fires; by then the clock reads the due second
    with qtbot.waitSignal(monitor.alert_raised, timeout=3000) as blocker:
        pass
    alert = blocker.args[0]
    assert (alert.ticket_id, alert.kind, alert.at) == (1, AlertKind.BREACHED, due)
    assert monitor.armed_for() == tickets[2].risk_at


def test_an_early_timeout_announces_nothing_and_rearms(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    clock, _tickets, monitor, _notice = world
    monitor.reload()
    raised = []
    monitor.alert_raised.connect(raised.append)
    qtbot.wait(1300)  # the timer fires, but the injected clock has not moved
    assert raised == []
    assert monitor.armed_for() == clock.now + 1


def test_a_reply_rearms_for_the_ticket_new_deadline(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    clock, tickets, monitor, notice = world
    monitor.reload()
    # A reply stops first response; the ticket's next due is now an hour away.
    tickets[1] = WatchedTicket(1, "printer on fire", risk_at=None, due_at=clock.now + 3600)
    notice.announce(Changes(tickets=True, clocks=True))
    assert monitor.armed_for() == tickets[2].risk_at


def test_a_paused_ticket_is_no_longer_watched(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    _clock, tickets, monitor, notice = world
    monitor.reload()
    tickets[1] = WatchedTicket(1, "printer on fire", risk_at=None, due_at=None)
    tickets[2] = WatchedTicket(2, "vpn slow", risk_at=None, due_at=None)
    notice.announce(Changes(tickets=True, clocks=True))
    assert monitor.armed_for() is None


def test_notifier_respects_quiet_hours_working_time_and_views(qapp) -> None:  # type: ignore[no-untyped-def]
    from slaworkbench.app.tickets.breach_schedule import Alert

    shown: list[Alert] = []
    notifier = AlertNotifier(shown.append)
    noon = 1782907200  # 2026-07-01 12:00 UTC
    alert = Alert(5, AlertKind.AT_RISK, noon, "mail down", assignee="ana", team="L1")
    assert notifier.notify(alert)
    notifier.quiet_hours = QuietHours(time(11), time(13))
    assert not notifier.notify(alert)
    notifier.quiet_hours = None
    notifier.is_working = lambda instant: False
    assert not notifier.notify(alert)
    notifier.is_working = None
    mine_only = AlertNotifier(shown.append, wanted=lambda a: a.assignee == "rui")
    assert not mine_only.notify(alert)
    assert shown == [alert]
