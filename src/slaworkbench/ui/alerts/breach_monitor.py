"""Raises "at risk" and "breached" alerts and fires escalation rules at the right
second, with one timer.

The monitor keeps a ``BreachSchedule`` of the open tickets whose instants fall in the
next ``horizon`` seconds (loaded and built off the GUI thread through the task runner), arms one
single-shot timer for the earliest instant, and on time-out pops what is due. When the change
notice announces new clocks (a reply, a pause, a recompute, an import, another process)
the window is read again, which re-arms the timer. Time comes from an injectable clock
so tests can steer it.

With ``escalations`` (``workspace_escalations``), the same timer also serves the next
escalation instant: the writer thread refreshes the indexed plan of escalation instants
(``app/escalations/plan.py``) and returns its minimum; when it is due the writer thread
fires what is due (``app/escalations/firing.py``), each firing is raised as an
``ESCALATED`` alert, and the changes are announced (which plans and re-arms again). A rule
due before the monitor was created fired while no program ran: it is marked late.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from slaworkbench.app.changes import Changes
from slaworkbench.app.escalations.firing import Fired, FiringResult, fire_due
from slaworkbench.app.escalations.plan import plan_next
from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind, BreachSchedule, QuietHours
from slaworkbench.domain.model import Instant
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.alerts import WatchedTicket
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner

Clock = Callable[[], Instant]
LoadWindow = Callable[[Instant, Instant], list[WatchedTicket]]

DEFAULT_HORIZON = 6 * 3600
MAX_TIMER_SECONDS = 3600  # re-check at least hourly (clock changes, sleep, horizon end)


def system_clock() -> Instant:
    return int(time.time())


@dataclass(frozen=True, slots=True)
class Escalations:
    """The monitor's two writer-thread steps for escalation rules (Qt-free callables)."""

    plan: Callable[[bool], Instant | None]
    """Refresh the plan (``True``: rebuild it) and return the next escalation instant."""
    fire: Callable[[Instant, Instant], FiringResult]
    """Fire what is due at ``now``; a rule due before the second instant is late."""
    plan_is_silent: bool = False
    """Whether refreshing the plan leaves other desktops' change version alone (a server's
    change counter, which derived bookkeeping does not bump); on a file every commit moves
    SQLite's data version, so the watcher must treat the refresh as this window's write."""


def workspace_escalations(workspace: Workspace) -> Escalations:
    return Escalations(
        plan=lambda rebuild: plan_next(workspace, rebuild=rebuild),
        fire=lambda now, started: fire_due(workspace, now, late_before=started),
        plan_is_silent=workspace.derived_writes_are_silent(),
    )


def escalation_alert(fired: Fired) -> Alert:
    """An ``ESCALATED`` alert: the rule, what it did and whom it tells."""
    subject = fired.rule
    if fired.notify:
        subject = tr("{rule} — for {people}").format(rule=subject, people=", ".join(fired.notify))
    subject = tr("{subject} ({ticket_subject})").format(
        subject=subject, ticket_subject=fired.subject
    )
    return Alert(
        fired.ticket_id,
        AlertKind.ESCALATED,
        fired.fired_at,
        subject,
        fired.assignee,
        fired.team,
        fired.reference,
        fired.notify,
    )


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
        escalations: Escalations | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._load_window = load_window
        self._clock = clock
        self._horizon = horizon
        self._notice = notice
        self._escalations = escalations
        self._started = clock()
        self._escalation_at: Instant | None = None
        self._firing = False
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

        load_window = self._load_window

        def load(context: TaskContext) -> tuple[Instant, Instant, BreachSchedule]:
            # The heap is built here, off the GUI thread: the GUI thread only swaps it in
            # (tens of thousands of tickets in the window of a 1M workspace).
            schedule = BreachSchedule()
            schedule.replace_all(load_window(now, until), now)
            return now, until, schedule

        self._runner.submit("Load upcoming SLA deadlines", load, on_success=self._on_loaded)
        self.plan_escalations()

    def plan_escalations(self, *, rebuild: bool = False) -> None:
        """Refresh the escalation plan on the writer thread and arm for its next instant."""
        if self._escalations is None:
            return
        plan = self._escalations.plan

        def work(_context: TaskContext) -> Instant | None:
            return plan(rebuild)

        self._runner.submit(
            "Plan escalations",
            work,
            writer=True,
            announced=not self._escalations.plan_is_silent,
            on_success=self._on_escalation_planned,
        )

    @Slot(object)
    def _on_escalation_planned(self, next_at: Instant | None) -> None:
        self._escalation_at = next_at
        if next_at is not None and next_at <= self._clock():
            self._fire_escalations()
        else:
            self._arm()

    def _fire_escalations(self) -> None:
        if self._escalations is None or self._firing:
            return
        self._firing = True
        self._escalation_at = None  # the plan is read again once the firing is written
        now = self._clock()
        started = self._started
        fire = self._escalations.fire

        def work(_context: TaskContext) -> FiringResult:
            return fire(now, started)

        self._runner.submit(
            "Fire escalation rules",
            work,
            writer=True,
            on_success=self._on_fired,
            on_failure=self._on_firing_failed,
        )

    @Slot(object)
    def _on_fired(self, result: FiringResult) -> None:
        self._firing = False
        for fired in result.fired:
            self.alert_raised.emit(escalation_alert(fired))
        if result.fired:
            self._notice.announce(result.changes)  # re-plans and re-arms
        else:
            self.plan_escalations()

    @Slot(str)
    def _on_firing_failed(self, _message: str) -> None:
        self._firing = False
        self._escalation_at = None  # retried at the next change or the hourly re-check
        self._arm()

    @Slot(object)
    def _on_loaded(self, loaded: tuple[Instant, Instant, BreachSchedule]) -> None:
        _now, until, schedule = loaded
        self._schedule = schedule
        self._window_end = until
        self._arm()

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        if changes.policies or changes.calendars:
            self.plan_escalations(rebuild=True)
        if changes.clocks or changes.external:
            self.reload()

    # -- timing ------------------------------------------------------------------
    def armed_for(self) -> Instant | None:
        """The instant the timer is armed for (the next alert or escalation), if any."""
        return self._armed_for

    def escalation_at(self) -> Instant | None:
        """The next planned escalation instant, as last read."""
        return self._escalation_at

    def stop(self) -> None:
        self._timer.stop()
        self._armed_for = None

    def _arm(self) -> None:
        now = self._clock()
        candidates = [
            at for at in (self._schedule.next_instant(), self._escalation_at) if at is not None
        ]
        next_at = min(candidates) if candidates else None
        target = next_at if next_at is not None else self._window_end
        self._armed_for = next_at
        wait = max(0, min(target - now, MAX_TIMER_SECONDS))
        self._timer.start(wait * 1000)

    @Slot()
    def _on_timeout(self) -> None:
        now = self._clock()
        for alert in self._schedule.pop_due(now):
            self.alert_raised.emit(alert)
        if self._escalation_at is not None and self._escalation_at <= now:
            self._fire_escalations()
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
