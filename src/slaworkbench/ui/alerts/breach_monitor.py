"""Raises "at risk" and "breached" alerts at the right second, with one timer.

The monitor keeps a ``BreachSchedule`` of the open tickets whose instants fall in the
next ``horizon`` seconds (loaded off the GUI thread through the task runner), arms one
single-shot timer for the earliest instant, and on time-out pops what is due. When the change
notice announces new clocks (a reply, a pause, a recompute, an import, another process)
the window is read again, which re-arms the timer. Time comes from an injectable clock
so tests can steer it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from slaworkbench.app.changes import Changes
from slaworkbench.app.tickets.breach_schedule import Alert, BreachSchedule, QuietHours
from slaworkbench.domain.model import Instant
from slaworkbench.store.tickets.alerts import WatchedTicket
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner

Clock = Callable[[], Instant]
LoadWindow = Callable[[Instant, Instant], list[WatchedTicket]]

DEFAULT_HORIZON = 6 * 3600
MAX_TIMER_SECONDS = 3600  # re-check at least hourly (clock changes, sleep, horizon end)


def system_clock() -> Instant:
    return int(time.time())


class BreachMonitor(QObject):
    """Announces threshold crossings of watched tickets; one timer, no row scans."""

    alert_raised = Signal(object)
    """An ``Alert``; connect the notifier and the alert list to it."""

    def __init__(
        self,
        runner: TaskRunner,
        load_window: LoadWindow,
        notice: ChangeNotice,
        *,
        clock: Clock = system_clock,
        horizon: int = DEFAULT_HORIZON,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._load_window = load_window
        self._clock = clock
        self._horizon = horizon
        self._schedule = BreachSchedule()
        self._window_end: Instant = 0
        self._armed_for: Instant | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)
        notice.changed.connect(self._changes_announced)

    # -- loading -----------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the whole window (start-up, after new clocks were announced)."""
        now = self._clock()
        until = now + self._horizon

        def load(context: TaskContext) -> tuple[Instant, Instant, list[WatchedTicket]]:
            return now, until, self._load_window(now, until)

        self._runner.submit("Load upcoming SLA deadlines", load, on_success=self._on_loaded)

    @Slot(object)
    def _on_loaded(self, loaded: tuple[Instant, Instant, list[WatchedTicket]]) -> None:
        now, until, tickets = loaded
        self._schedule.replace_all(tickets, now)
        self._window_end = until
        self._arm()

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        if changes.clocks or changes.external:
            self.reload()

    # -- timing ------------------------------------------------------------------
    def armed_for(self) -> Instant | None:
        """The instant the timer is armed for (the next alert), if any."""
        return self._armed_for

    def stop(self) -> None:
        self._timer.stop()
        self._armed_for = None

    def _arm(self) -> None:
        now = self._clock()
        next_at = self._schedule.next_instant()
        target = next_at if next_at is not None else self._window_end
        self._armed_for = next_at
        wait = max(0, min(target - now, MAX_TIMER_SECONDS))
        self._timer.start(wait * 1000)

    @Slot()
    def _on_timeout(self) -> None:
        now = self._clock()
        for alert in self._schedule.pop_due(now):
            self.alert_raised.emit(alert)
        if now >= self._window_end:
            self.reload()
        else:
            self._arm()


class AlertNotifier(QObject):
    """Shows alerts as desktop notifications, except when muted.

    Muted: in the user's quiet hours, outside the team calendar's working time
    (``is_working``, e.g. ``BusinessCalendar.is_working``), or for tickets outside the
    user's views (``wanted``). Muted alerts still reach the in-app alert list.
    """

    def __init__(
        self,
        show: Callable[[Alert], None],
        *,
        quiet_hours: QuietHours | None = None,
        is_working: Callable[[Instant], bool] | None = None,
        wanted: Callable[[Alert], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._show = show
        self.quiet_hours = quiet_hours
        self.is_working = is_working
        self._wanted = wanted

    @Slot(object)
    def notify(self, alert: Alert) -> bool:
        """Show ``alert`` unless muted; returns whether it was shown."""
        if self.quiet_hours is not None and self.quiet_hours.is_quiet(alert.at):
            return False
        if self.is_working is not None and not self.is_working(alert.at):
            return False
        if self._wanted is not None and not self._wanted(alert):
            return False
        self._show(alert)
        return True
