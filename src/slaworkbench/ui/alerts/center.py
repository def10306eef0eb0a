"""The window's SLA alerts: the breach monitor, the Alerts dock and desktop notifications.

The monitor (one timer for the next "at risk"/"breached" instant, reloaded when the
change notice announces new clocks) raises alerts; each goes to the Alerts dock, which
lists this session's alerts (activate one to open its ticket), and to a desktop
notification through the system tray, muted by the user's alert settings (quiet hours,
a calendar's working time, whose tickets). ``open_ticket_requested`` asks the window to
show a ticket (an activated alert, or a clicked notification).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDockWidget, QSystemTrayIcon, QWidget

from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind
from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.alerts import WatchedTicket, watched_tickets
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.alerts.breach_monitor import (
    AlertNotifier,
    BreachMonitor,
    workspace_escalations,
)
from slaworkbench.ui.alerts.panel import AlertsPanel
from slaworkbench.ui.alerts.settings import AlertSettings, AlertSettingsDialog
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner

CalendarList = Callable[[], list[tuple[int, BusinessCalendar]]]


class SlaAlerts(QObject):
    open_ticket_requested = Signal(int)
    """Show this ticket (an alert in the dock was activated)."""
    notification_clicked = Signal(int)
    """The user clicked the desktop notification about this ticket."""
    alert_raised = Signal(object)
    """An ``Alert`` the monitor raised (after the dock listed it)."""
    status_message = Signal(str, int)
    """A notification shown in the status bar where there is no system tray."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        clock: Callable[[], int],
        settings: QSettings,
        calendars: CalendarList,
        me: Callable[[], str],
        zone: str,
        icon: QIcon,
        tray: bool,
        dock_parent: QWidget,
    ) -> None:
        super().__init__(dock_parent)
        self._settings = settings
        self._calendars = calendars
        self._me = me
        self._zone = zone
        self.alert_settings = AlertSettings.load(settings)

        def load_window(after: int, until: int) -> list[WatchedTicket]:
            with workspace.session() as session:
                return watched_tickets(session, after, until)

        self.monitor = BreachMonitor(
            runner,
            load_window,
            notice,
            clock=clock,
            escalations=workspace_escalations(workspace),
            parent=self,
        )
        self.panel = AlertsPanel(dock_parent)
        self.panel.open_ticket_requested.connect(self.open_ticket_requested)
        self.dock = QDockWidget(tr("SLA alerts"), dock_parent)
        self.dock.setObjectName("alerts_dock")
        self.dock.setWidget(self.panel)
        self.dock.hide()
        self.tray: QSystemTrayIcon | None = None
        if tray and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, dock_parent)
            self.tray.setToolTip(tr("SLA Workbench"))
            self.tray.messageClicked.connect(self._tray_message_clicked)
            self.tray.show()
        self._last_notified: int | None = None
        self.notifier = AlertNotifier(self._show_notification, parent=self)
        self.monitor.alert_raised.connect(self._alert_raised)

    def start(self) -> None:
        """Mute as the settings say (the calendars are loaded) and watch the deadlines."""
        self.apply_settings()
        self.monitor.reload()

    def apply_settings(self) -> None:
        """Mute as the alert settings say (again when the calendars were reloaded)."""
        settings = self.alert_settings
        self.notifier.quiet_hours = settings.quiet_hours(self._zone)
        calendar = None
        if settings.calendar_id is not None:
            calendar = dict(self._calendars()).get(settings.calendar_id)
        self.notifier.is_working = calendar.is_working if calendar is not None else None

    @Slot(object)
    def _alert_raised(self, alert: Alert) -> None:
        self.panel.add_alert(alert)
        settings = self.alert_settings
        if settings.enabled and settings.wants(alert, self._me()):
            self.notifier.notify(alert)
        self.alert_raised.emit(alert)

    def _show_notification(self, alert: Alert) -> None:
        self._last_notified = alert.ticket_id
        if alert.kind is AlertKind.BREACHED:
            title = tr("Ticket {ticket} breached its SLA").format(ticket=alert.name)
            icon = QSystemTrayIcon.MessageIcon.Critical
        elif alert.kind is AlertKind.ESCALATED:
            title = tr("Ticket {ticket} escalated").format(ticket=alert.name)
            icon = QSystemTrayIcon.MessageIcon.Warning
        else:
            title = tr("Ticket {ticket} is at risk").format(ticket=alert.name)
            icon = QSystemTrayIcon.MessageIcon.Warning
        if self.tray is not None:
            self.tray.showMessage(title, alert.subject, icon, 10_000)
        else:
            self.status_message.emit(f"{title}: {alert.subject}", 10_000)

    @Slot()
    def _tray_message_clicked(self) -> None:
        if self._last_notified is not None:
            self.notification_clicked.emit(self._last_notified)

    def edit_settings(self, parent: QWidget) -> None:
        names = {calendar_id: calendar.name for calendar_id, calendar in self._calendars()}
        dialog = AlertSettingsDialog(self.alert_settings, names, parent)
        if dialog.exec() == AlertSettingsDialog.DialogCode.Accepted:
            self.alert_settings = dialog.settings()
            self.alert_settings.save(self._settings)
            self.apply_settings()

    def shutdown(self) -> None:
        self.monitor.stop()
        if self.tray is not None:
            self.tray.hide()
