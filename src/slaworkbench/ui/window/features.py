"""What the main window hosts beyond the ticket list.

- Tabs: Tickets (the list and detail pane), Dashboard, Policies and calendars.
- A menu bar: File (new ticket, import, compliance report, quit), View (tabs, alerts), Tools
  (recompute, re-baseline, alert settings).
- The background recompute (status-bar progress with Cancel), also queued at start-up
  when policy versions changed since the last recompute.
- The breach monitor: one timer for the next "at risk"/"breached" instant, an Alerts dock
  listing this session's alerts (activate one to open its ticket) and desktop
  notifications through the system tray, muted by the user's alert settings.
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimeZone, Slot
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QMenu,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.recompute.run import RecomputeResult, needs_recompute
from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.alerts import watched_ticket, watched_tickets
from slaworkbench.store.tickets.query import View
from slaworkbench.ui.alerts.breach_monitor import AlertNotifier, BreachMonitor
from slaworkbench.ui.alerts.panel import AlertsPanel
from slaworkbench.ui.alerts.settings import AlertSettings, AlertSettingsDialog
from slaworkbench.ui.tasks import TaskContext
from slaworkbench.ui.theme import RESOURCES
from slaworkbench.ui.window.help_menu import add_help_menu
from slaworkbench.ui.window.recompute_controller import RecomputeController

if TYPE_CHECKING:
    from slaworkbench.ui.window.main_window import MainWindow

APP_ICON = RESOURCES / "icons" / "slaworkbench.svg"


def app_icon() -> QIcon:
    return QIcon(str(APP_ICON)) if Path(APP_ICON).exists() else QIcon()


def system_zone_name() -> str:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
    return name if "/" in name or name == "UTC" else "UTC"


class WindowFeatures(QObject):
    """Builds and owns the tabs, menus, recompute and alerts of one main window."""

    def __init__(self, window: MainWindow, *, tray: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.alert_settings = AlertSettings.load(window.settings)
        window.setWindowIcon(app_icon())
        self.recompute = RecomputeController(
            window.runner,
            window.workspace,
            progress_widget=window.progress,
            clock=window.clock,
            parent=window,
        )
        self.recompute.finished.connect(self._recompute_finished)
        self.recompute.failed.connect(window.show_error)
        self.recompute.cancelled.connect(
            lambda: window.statusBar().showMessage(
                tr("Recompute cancelled; tickets not reached keep their previous clocks."), 8000
            )
        )
        self._build_tabs()
        self._build_alerts(tray)
        self._build_menus()
        window.watcher.changed.connect(self.monitor.reload)

    # -- tabs --------------------------------------------------------------------------
    def _build_tabs(self) -> None:
        """Tickets now; Dashboard and Policies built the moment they are first shown.

        Building them (nine pyqtgraph plots, the policy editors) before the first paint
        would delay the ticket list; a tab is built inside the tab change, before it is
        painted, so nobody ever sees it empty.
        """
        window = self.window
        tickets_page = window.takeCentralWidget()
        self.tabs = QTabWidget(window)
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(tickets_page, tr("Tickets"))
        self._dashboard: Any = None
        self._policies: Any = None
        for title in (tr("Dashboard"), tr("Policies and calendars")):
            host = QWidget(self.tabs)
            QVBoxLayout(host).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(host, title)
        self.tabs.currentChanged.connect(self._tab_shown)
        window.setCentralWidget(self.tabs)

    def _tab_shown(self, index: int) -> None:
        if index == 1:
            _ = self.dashboard
        elif index == 2:
            _ = self.policies

    def _host(self, index: int) -> QVBoxLayout:
        layout = self.tabs.widget(index).layout()
        assert isinstance(layout, QVBoxLayout)
        return layout

    @property
    def dashboard(self) -> Any:
        if self._dashboard is None:
            from slaworkbench.ui.dashboard.dashboard_widget import DashboardWidget

            window = self.window
            self._dashboard = DashboardWidget(
                window.runner, window.workspace.session, self.tabs.widget(1), clock=window.clock
            )
            self._dashboard.open_tickets_requested.connect(self.open_dashboard_selection)
            self._host(1).addWidget(self._dashboard)
        return self._dashboard

    @property
    def policies(self) -> Any:
        if self._policies is None:
            from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget

            window = self.window
            self._policies = PolicyWorkspaceWidget(
                window.workspace,
                window.runner,
                author=getpass.getuser(),
                recompute=self.recompute,
                parent=self.tabs.widget(2),
            )
            self._host(2).addWidget(self._policies)
        return self._policies

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    @Slot(dict)
    def open_dashboard_selection(self, selection: dict[str, Any]) -> None:
        """A click on a dashboard bar: the ticket list, filtered to that bar."""
        self.show_tab(0)
        self.window.apply_dashboard_filter(selection)

    # -- recompute ---------------------------------------------------------------------
    def check_recompute_at_start(self) -> None:
        """Queue a recompute when policy versions changed since the last one."""
        workspace = self.window.workspace

        def check(_context: TaskContext) -> bool:
            return needs_recompute(workspace)

        def decided(needed: object) -> None:
            if needed:
                self.recompute.request()

        self.window.runner.submit(tr("Check SLA policies"), check, on_success=decided)

    def rebaseline(self) -> None:
        reason, ok = QInputDialog.getText(
            self.window,
            tr("Re-baseline every ticket"),
            tr(
                "Re-judging history recomputes closed tickets under the current policies.\n"
                "Why? (recorded with your name)"
            ),
        )
        if ok and reason.strip():
            self.recompute.request(only_open=False, reason=reason.strip())

    @Slot(object)
    def _recompute_finished(self, result: object) -> None:
        window = self.window
        window.refresh_keep_selection()
        window.refresh_counts()
        self.monitor.reload()
        if isinstance(result, RecomputeResult):
            window.statusBar().showMessage(
                tr(
                    "SLA clocks recomputed for {tickets} tickets: {breached} breached, "
                    "{at_risk} at risk."
                ).format(
                    tickets=window.locale().toString(result.tickets),
                    breached=window.locale().toString(result.breached),
                    at_risk=window.locale().toString(result.at_risk),
                ),
                8000,
            )

    # -- alerts ------------------------------------------------------------------------
    def _build_alerts(self, tray: bool) -> None:
        window, workspace = self.window, self.window.workspace

        def load_window(after: int, until: int) -> list[Any]:
            with workspace.session() as session:
                return watched_tickets(session, after, until)

        def load_one(ticket_id: int) -> Any:
            with workspace.session() as session:
                return watched_ticket(session, ticket_id)

        self.monitor = BreachMonitor(
            window.runner, load_window, load_one, clock=window.clock, parent=self
        )
        self.panel = AlertsPanel(window)
        self.panel.open_ticket_requested.connect(self.open_ticket)
        self.dock = QDockWidget(tr("SLA alerts"), window)
        self.dock.setObjectName("alerts_dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.tray: QSystemTrayIcon | None = None
        if tray and QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon(), window)
            self.tray.setToolTip(tr("SLA Workbench"))
            self.tray.messageClicked.connect(self._tray_message_clicked)
            self.tray.show()
        self._last_notified: int | None = None
        self.notifier = AlertNotifier(self._show_notification, parent=self)
        self._apply_alert_settings()
        self.monitor.alert_raised.connect(self._alert_raised)
        window.ticket_changed.connect(self.monitor.ticket_changed)
        self.monitor.reload()

    def _apply_alert_settings(self) -> None:
        settings = self.alert_settings
        self.notifier.quiet_hours = settings.quiet_hours(system_zone_name())
        calendar = self.window.calendar(settings.calendar_id)
        self.notifier.is_working = calendar.is_working if calendar is not None else None

    def _wanted(self, alert: Alert) -> bool:
        settings = self.alert_settings
        return settings.enabled and settings.wants(alert, self.window.me)

    @Slot(object)
    def _alert_raised(self, alert: Alert) -> None:
        self.panel.add_alert(alert)
        self.window.refresh_keep_selection()
        if self._wanted(alert):
            self.notifier.notify(alert)

    def _show_notification(self, alert: Alert) -> None:
        self._last_notified = alert.ticket_id
        if alert.kind is AlertKind.BREACHED:
            title = tr("Ticket #{id} breached its SLA").format(id=alert.ticket_id)
            icon = QSystemTrayIcon.MessageIcon.Critical
        else:
            title = tr("Ticket #{id} is at risk").format(id=alert.ticket_id)
            icon = QSystemTrayIcon.MessageIcon.Warning
        if self.tray is not None:
            self.tray.showMessage(title, alert.subject, icon, 10_000)
        else:
            self.window.statusBar().showMessage(f"{title}: {alert.subject}", 10_000)

    @Slot()
    def _tray_message_clicked(self) -> None:
        if self._last_notified is not None:
            self.window.showNormal()
            self.window.activateWindow()
            self.open_ticket(self._last_notified)

    @Slot(int)
    def open_ticket(self, ticket_id: int) -> None:
        """Show the ticket in the list (switching to "All" with its id when it is elsewhere)."""
        self.show_tab(0)
        window = self.window
        if not window.select_ticket(ticket_id):
            window.show_ticket_anywhere(ticket_id)

    def edit_alert_settings(self) -> None:
        names = {calendar_id: calendar.name for calendar_id, calendar in self.window.calendars()}
        dialog = AlertSettingsDialog(self.alert_settings, names, self.window)
        if dialog.exec() == AlertSettingsDialog.DialogCode.Accepted:
            self.alert_settings = dialog.settings()
            self.alert_settings.save(self.window.settings)
            self._apply_alert_settings()

    # -- menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        window = self.window
        bar = window.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(window.new_action)
        self.import_action = self._action(
            file_menu, tr("Import…"), self.open_import, QKeySequence("Ctrl+I")
        )
        self.report_action = self._action(
            file_menu, tr("Compliance report…"), self.open_report, QKeySequence.StandardKey.Print
        )
        file_menu.addSeparator()
        self._action(file_menu, tr("Quit"), window.close, QKeySequence.StandardKey.Quit)

        view_menu = bar.addMenu(tr("&View"))
        for index, (label, key) in enumerate(
            (
                (tr("Tickets"), "Ctrl+1"),
                (tr("Dashboard"), "Ctrl+2"),
                (tr("Policies and calendars"), "Ctrl+3"),
            )
        ):
            self._action(view_menu, label, lambda i=index: self.show_tab(i), QKeySequence(key))
        view_menu.addSeparator()
        alerts = self.dock.toggleViewAction()
        alerts.setText(tr("SLA alerts"))
        alerts.setShortcut(QKeySequence("Ctrl+Shift+A"))
        view_menu.addAction(alerts)
        view_menu.addAction(window.refresh_action)

        tools = bar.addMenu(tr("&Tools"))
        self._action(tools, tr("Recompute SLA clocks"), lambda: self.recompute.request())
        self._action(tools, tr("Re-baseline every ticket…"), self.rebaseline)
        tools.addSeparator()
        self._action(tools, tr("Alert settings…"), self.edit_alert_settings)
        add_help_menu(window, window.workspace)

    def _action(self, menu: QMenu, text: str, slot: Any, shortcut: Any = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def open_report(self) -> None:
        from slaworkbench.ui.report_dialog import ReportDialog

        window = self.window
        dialog = ReportDialog(
            window.workspace,
            window.runner,
            teams=[team.name for team in window.options.teams],
            customers=[customer.name for customer in window.options.customers],
            tz=system_zone_name(),
            parent=window,
        )
        dialog.exec()

    def open_import(self) -> Any:
        """File › Import…: the window-modal Import dialog; views refresh after an import."""
        from slaworkbench.ui.importing.dialog import ImportDialog

        window = self.window
        dialog = ImportDialog(
            window.workspace, window.runner, settings=window.settings, parent=window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.workspace_changed.connect(self._imported)
        dialog.open()
        return dialog

    @Slot()
    def _imported(self) -> None:
        self.window.refresh()
        self.window.watcher.acknowledge()
        self.monitor.reload()

    def shutdown(self) -> None:
        self.monitor.stop()
        if self._dashboard is not None:
            self._dashboard.shutdown()
        if self.tray is not None:
            self.tray.hide()


__all__ = ["View", "WindowFeatures", "app_icon"]
