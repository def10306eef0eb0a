"""The main window: the tabs, the menus, the status bar, the recompute and the alerts.

- Tabs: Tickets (``TicketsPage``: the views, the list and the detail pane), Dashboard,
  Policies and calendars; the last two are built the moment they are first shown.
- A menu bar: File (new ticket, import, compliance report, quit), View (tabs, alerts,
  refresh), Tools (recompute, re-baseline, alert settings).
- The status bar: messages, the progress of background tasks (with Cancel), the count
  of listed tickets.
- The window creates the one ``ChangeNotice`` and gives it to every screen: each write
  announces what it changed there, and each screen decides what to reload. The
  background recompute (``RecomputeController``) runs when policies or calendars change
  (and at start-up when policy versions changed since the last recompute); the
  workspace watcher announces what other windows or processes wrote.
- The SLA alerts (``SlaAlerts``): the Alerts dock and desktop notifications.
- Team mode: the title and the status bar name the open workspace (its file, or the
  server and database); File › Connect to team server… and File › Use local workspace
  open another workspace and emit ``switch_requested`` with it (``WindowHost`` then
  replaces this window). On a server, the change listener hears other desktops' commits
  at once, and a banner says when the server cannot be reached.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QTimeZone, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QHideEvent, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.changes import Changes
from slaworkbench.app.permissions import Role, may
from slaworkbench.app.recompute.run import RecomputeResult, needs_recompute
from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.errors import StoreError, server_unreachable_sentence
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.agreements.review_notice import announce_overdue_reviews
from slaworkbench.ui.alerts.center import SlaAlerts
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner, UserFacingError
from slaworkbench.ui.theme import RESOURCES, Theme
from slaworkbench.ui.tickets.list.countdown_ticker import CountdownTicker
from slaworkbench.ui.tickets.list.table_model import system_clock
from slaworkbench.ui.tickets.page import TicketsPage
from slaworkbench.ui.window.backups import WindowBackups
from slaworkbench.ui.window.change_listener import ChangeListener
from slaworkbench.ui.window.check_action import WorkspaceCheck
from slaworkbench.ui.window.help_menu import add_help_menu
from slaworkbench.ui.window.language_dialog import language_action
from slaworkbench.ui.window.recompute_controller import RecomputeController
from slaworkbench.ui.window.server_banner import ServerBanner
from slaworkbench.ui.window.task_progress import TaskProgressWidget
from slaworkbench.ui.window.ticket_export import TicketExport
from slaworkbench.ui.window.workspace_watcher import WorkspaceWatcher

APP_ICON = RESOURCES / "icons" / "slaworkbench.svg"

IMPORTED = Changes(tickets=True, clocks=True)
"""What an import changes (new tickets with their clocks)."""


def app_icon() -> QIcon:
    return QIcon(str(APP_ICON)) if Path(APP_ICON).exists() else QIcon()


def system_zone_name() -> str:
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"
    return name if "/" in name or name == "UTC" else "UTC"


class MainWindow(QMainWindow):
    switch_requested = Signal(object, str)
    """Another workspace was opened (File › Connect…, File › Use local workspace): the
    ``Workspace`` and the server URL to remember ("" for a local file)."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        clock: Callable[[], int] = system_clock,
        theme: Theme | None = None,
        settings: QSettings | None = None,
        watch_interval_ms: int = 1000,
        listen_for_changes: bool = True,
        tray: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.clock = clock
        self.theme = theme or Theme()
        self.settings = settings or QSettings()
        self.zone = system_zone_name()
        self.notice = ChangeNotice(self)
        self.where = dialect.workspace_label(workspace.url)
        """The open workspace for people: its file, or ``server:port/database``."""
        self.on_server = not dialect.is_sqlite_url(workspace.url)
        self.setWindowTitle(tr("SLA Workbench — {where}").format(where=self.where))
        self.setWindowIcon(app_icon())

        self.tickets = TicketsPage(
            workspace,
            runner,
            self.notice,
            clock=clock,
            theme=self.theme,
            settings=self.settings,
            zone=self.zone,
            parent=self,
        )
        self.ticker = CountdownTicker(self.tickets.table, self.tickets.model, self)
        self.addToolBar(self.tickets.toolbar.bar)
        self.addActions(self.tickets.toolbar.shortcut_actions)
        self.progress = TaskProgressWidget(self)
        self.workspace_label = QLabel(self._workspace_text(), self)
        self.workspace_label.setObjectName("workspace_label")
        self.statusBar().addPermanentWidget(self.workspace_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.tickets.sla_label)
        self.statusBar().addPermanentWidget(self.tickets.count_label)
        self._build_tabs()

        self.recompute = RecomputeController(
            runner,
            workspace,
            self.notice,
            progress_widget=self.progress,
            clock=clock,
            author=lambda: self.tickets.toolbar.me,
            parent=self,
        )
        self.watcher = WorkspaceWatcher(
            runner, workspace.data_version, self.notice, interval_ms=watch_interval_ms, parent=self
        )
        self.banner = ServerBanner(self)
        self._central.insertWidget(0, self.banner)
        self.watcher.reachable.connect(self._server_reachable)
        self.listener = ChangeListener(workspace, listen=listen_for_changes, parent=self)
        self.listener.told.connect(self.watcher.poll)
        self.alerts = SlaAlerts(
            workspace,
            runner,
            self.notice,
            clock=clock,
            settings=self.settings,
            calendars=self.tickets.reference.calendars,
            me=lambda: self.tickets.toolbar.me,
            zone=self.zone,
            icon=self.windowIcon(),
            tray=tray,
            dock_parent=self,
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.alerts.dock)
        self._build_menus()

        self.tickets.status_message.connect(self.statusBar().showMessage)
        self.tickets.failed.connect(self.show_error)
        self.tickets.reference.loaded.connect(self.alerts.apply_settings)
        self.alerts.open_ticket_requested.connect(self.open_ticket)
        self.alerts.notification_clicked.connect(self._notification_clicked)
        # Alerts come in bursts (every ticket that breached while the window slept): one
        # reload of the list for a burst, not one per alert.
        self._alerts_refresh = QTimer(self)
        self._alerts_refresh.setSingleShot(True)
        self._alerts_refresh.setInterval(250)
        self._alerts_refresh.timeout.connect(self.tickets.list.refresh_keep_selection)
        self.alerts.alert_raised.connect(lambda _alert: self._alerts_refresh.start())
        self.alerts.status_message.connect(self.statusBar().showMessage)
        self.recompute.finished.connect(self._recompute_finished)
        self.recompute.failed.connect(self.show_error)
        self.recompute.cancelled.connect(
            lambda: self.statusBar().showMessage(
                tr("Recompute cancelled; tickets not reached keep their previous clocks."), 8000
            )
        )
        self._lay_out_panes = False
        """No saved layout: lay the panes out for the width of the first show."""
        self._restore_state()
        self.alerts.start()
        announce_overdue_reviews(runner, workspace, clock, self.statusBar())

    # -- tabs --------------------------------------------------------------------------

    def _build_tabs(self) -> None:
        """Tickets now; Dashboard and Policies built the moment they are first shown.

        Building them (nine pyqtgraph plots, the policy editors) before the first paint
        would delay the ticket list; a tab is built inside the tab change, before it is
        painted, so nobody ever sees it empty.
        """
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.tickets, tr("Tickets"))
        self._dashboard: Any = None
        self._policies: Any = None
        self._agreements: Any = None
        for title in (tr("Dashboard"), tr("Policies and calendars"), tr("Agreements")):
            host = QWidget(self.tabs)
            QVBoxLayout(host).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(host, title)
        self.tabs.currentChanged.connect(self._tab_shown)
        central = QWidget(self)
        self._central = QVBoxLayout(central)
        self._central.setContentsMargins(0, 0, 0, 0)
        self._central.setSpacing(0)
        self._central.addWidget(self.tabs)
        self.setCentralWidget(central)

    def _tab_shown(self, index: int) -> None:
        if index == 1:
            _ = self.dashboard
        elif index == 2:
            _ = self.policies
        elif index == 3:
            _ = self.agreements

    def _host(self, index: int) -> QVBoxLayout:
        host = self.tabs.widget(index)
        layout = host.layout() if host is not None else None
        assert isinstance(layout, QVBoxLayout)
        return layout

    @property
    def dashboard(self) -> Any:
        if self._dashboard is None:
            from slaworkbench.ui.dashboard.dashboard_widget import DashboardWidget

            self._dashboard = DashboardWidget(
                self.runner,
                self.workspace.session,
                self.tabs.widget(1),
                clock=self.clock,
                notice=self.notice,
            )
            self._dashboard.open_tickets_requested.connect(self.open_dashboard_selection)
            self._host(1).addWidget(self._dashboard)
        return self._dashboard

    @property
    def policies(self) -> Any:
        if self._policies is None:
            from slaworkbench.ui.policy.workspace_widget import PolicyWorkspaceWidget

            self._policies = PolicyWorkspaceWidget(
                self.workspace,
                self.runner,
                author=lambda: self.tickets.toolbar.me,  # "Working as", when saved
                notice=self.notice,
                parent=self.tabs.widget(2),
            )
            self._host(2).addWidget(self._policies)
        return self._policies

    @property
    def agreements(self) -> Any:
        if self._agreements is None:
            from slaworkbench.ui.agreements.page import AgreementsPage

            self._agreements = AgreementsPage(
                self.workspace, self.runner, self.notice, author=lambda: self.tickets.toolbar.me,
                clock=self.clock, parent=self.tabs.widget(3),
            )  # fmt: skip
            self._agreements.goals.copy_requested.connect(self.copy_goal_into_draft)
            self._host(3).addWidget(self._agreements)
        return self._agreements

    @Slot(str, str, str, int)
    def copy_goal_into_draft(self, policy: str, priority: str, metric: str, seconds: int) -> None:
        """A suggested goal into the Policies tab's draft of ``policy`` (not saved)."""
        self.show_tab(2)
        self.policies.open_draft(policy, priority, metric, seconds)

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    @Slot(dict)
    def open_dashboard_selection(self, selection: dict[str, Any]) -> None:
        """A click on a dashboard bar: the ticket list, filtered to that bar."""
        self.show_tab(0)
        self.tickets.list.apply_dashboard_filter(selection)

    @Slot(int)
    def open_ticket(self, ticket_id: int) -> None:
        """Show the ticket in the list (switching to "All" with its id when it is elsewhere)."""
        self.show_tab(0)
        self.tickets.list.open_ticket(ticket_id)

    @Slot(int)
    def _notification_clicked(self, ticket_id: int) -> None:
        self.showNormal()
        self.activateWindow()
        self.open_ticket(ticket_id)

    # -- menus -------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(self.tickets.toolbar.new_action)
        self.import_action = self._menu_action(
            file_menu, tr("Import…"), self.open_import, QKeySequence("Ctrl+I")
        )
        self.report_action = self._menu_action(
            file_menu, tr("Compliance report…"), self.open_report, QKeySequence.StandardKey.Print
        )
        self.ticket_export = TicketExport(
            self,
            self.workspace,
            self.runner,
            self.settings,
            view=lambda: self.tickets.model.query,
            clock=self.clock,
        )
        file_menu.addAction(self.ticket_export.action)
        self.tickets.rows_menu.export_requested.connect(self.ticket_export.choose_file)
        self.backups = WindowBackups(self, self.workspace, self.runner, self.notice)
        file_menu.addAction(self.backups.restore_action)
        file_menu.addSeparator()
        self.connect_action = self._menu_action(
            file_menu, tr("Connect to team server…"), self.open_connect
        )
        self.connect_action.setObjectName("file_connect_server")
        self.local_action = self._menu_action(
            file_menu, tr("Use local workspace"), self.use_local_workspace
        )
        self.local_action.setObjectName("file_use_local")
        self.local_action.setEnabled(self.on_server)
        file_menu.addSeparator()
        self._menu_action(file_menu, tr("Quit"), self.close, QKeySequence.StandardKey.Quit)

        view_menu = bar.addMenu(tr("&View"))
        for index, (label, key) in enumerate(
            (
                (tr("Tickets"), "Ctrl+1"),
                (tr("Dashboard"), "Ctrl+2"),
                (tr("Policies and calendars"), "Ctrl+3"),
                (tr("Agreements"), "Ctrl+4"),
            )
        ):
            self._menu_action(view_menu, label, partial(self.show_tab, index), QKeySequence(key))
        view_menu.addSeparator()
        alerts = self.alerts.dock.toggleViewAction()
        alerts.setText(tr("SLA alerts"))
        alerts.setShortcut(QKeySequence("Ctrl+Shift+A"))
        view_menu.addAction(alerts)
        view_menu.addAction(self.tickets.toolbar.refresh_action)

        tools = bar.addMenu(tr("&Tools"))
        self._menu_action(tools, tr("Recompute SLA clocks"), lambda: self.recompute.request())
        self.rebaseline_action = self._menu_action(
            tools, tr("Re-baseline every ticket…"), self.rebaseline
        )
        self.workspace_check = WorkspaceCheck(self, self.workspace, self.runner, self.notice)
        tools.addAction(self.workspace_check.action)
        tools.addSeparator()
        self._menu_action(tools, tr("Alert settings…"), lambda: self.alerts.edit_settings(self))
        tools.addAction(language_action(self, self.settings))

        add_help_menu(self, self.workspace)
        manager = may(self.workspace, Role.MANAGER)  # the services refuse it too
        for action in (self.import_action, self.rebaseline_action):
            action.setEnabled(manager)

    def _menu_action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # -- team mode -------------------------------------------------------------------

    def _workspace_text(self) -> str:
        if self.on_server:
            return tr("Team server: {where}").format(where=self.where)
        return tr("Workspace: {where}").format(where=self.where)

    def open_connect(self) -> Any:
        """File › Connect to team server…: the dialog; a connection switches workspaces."""
        from slaworkbench.ui.window.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.connected.connect(self.switch_requested.emit)
        dialog.open()
        return dialog

    def use_local_workspace(self) -> None:
        """File › Use local workspace: the local file this desktop used last."""
        from slaworkbench.store.workspace import open_workspace
        from slaworkbench.ui.window.team_settings import local_workspace_url

        url = local_workspace_url(self.settings)

        def open_it(_context: TaskContext) -> Workspace:
            try:
                return open_workspace(url)
            except StoreError as error:
                raise UserFacingError(str(error)) from error

        self.runner.submit(
            tr("Open the local workspace"),
            open_it,
            on_success=lambda workspace: self.switch_requested.emit(workspace, ""),
            on_failure=self.show_error,
        )

    @Slot(bool)
    def _server_reachable(self, reachable: bool) -> None:
        self.banner.setVisible(not reachable)
        if reachable:
            self.statusBar().showMessage(tr("The team server is back."), 8000)

    def open_report(self) -> None:
        from slaworkbench.ui.report_dialog import ReportDialog

        options = self.tickets.reference.options
        dialog = ReportDialog(
            self.workspace,
            self.runner,
            teams=[team.name for team in options.teams],
            customers=[customer.name for customer in options.customers],
            tz=self.zone,
            parent=self,
        )
        dialog.exec()

    def open_import(self) -> Any:
        """File › Import…: the window-modal Import dialog; an import is announced."""
        from slaworkbench.ui.importing.dialog import ImportDialog

        dialog = ImportDialog(self.workspace, self.runner, settings=self.settings, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.workspace_changed.connect(lambda: self.notice.announce(IMPORTED))
        dialog.open()
        return dialog

    # -- recompute ---------------------------------------------------------------------

    def check_recompute_at_start(self) -> None:
        """Queue a recompute when policy versions changed since the last one."""
        workspace = self.workspace

        def check(_context: TaskContext) -> bool:
            return needs_recompute(workspace)

        def decided(needed: object) -> None:
            if needed:
                self.recompute.request()

        self.runner.submit(tr("Check SLA policies"), check, on_success=decided)

    def rebaseline(self) -> None:
        reason, ok = QInputDialog.getText(
            self,
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
        """Say how many tickets were recomputed; the breached and at-risk counts are the
        status bar's and the sidebar's (one count of the views, refreshed by the change
        notice the recompute announces), never a second figure of their own."""
        if isinstance(result, RecomputeResult):
            self.statusBar().showMessage(
                tr("SLA clocks recomputed for {tickets} tickets.").format(
                    tickets=self.locale().toString(result.tickets)
                ),
                8000,
            )

    # -- state -------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self._first_launch_layout()
        state = self.settings.value("main_window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.tickets.restore_state()

    def _first_launch_layout(self) -> None:
        """Most of the screen; the panes are laid out when the window is first shown."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(1760, int(screen.width() * 0.94)) if screen else 1440
        height = min(1000, int(screen.height() * 0.9)) if screen else 860
        self.resize(width, height)
        self._lay_out_panes = True

    def _lay_out_panes_for_width(self) -> None:
        """The list widest, the detail pane about a quarter (at least 300 px), for the
        width the window has when first shown (at 1024 the list keeps ~600 px); from
        1400 px, 30 %, so that the clocks' states show in words beside their names."""
        width = self.width()
        sidebar = 150 if width >= 1200 else 130
        share = 0.30 if width >= 1400 else 0.26
        detail = max(300 if width < 1200 else 360, int(width * share))
        self.tickets.splitter.setSizes([sidebar, width - sidebar - detail, detail])

    def save_state(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        self.tickets.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.watcher.set_active(False)
        self.listener.stop()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._lay_out_panes:
            self._lay_out_panes = False
            self._lay_out_panes_for_width()
        self.watcher.set_active(True)
        self.listener.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.watcher.set_active(False)

    def show_error(self, message: str) -> None:
        if message == server_unreachable_sentence():
            # Not a dialog to dismiss while the server is away: the banner, until the
            # watcher reaches the server again.
            self.banner.show()
            self.watcher.suspect_unreachable()
            return
        self.statusBar().showMessage(message, 10_000)
        QMessageBox.warning(self, tr("SLA Workbench"), message)

    def shutdown(self) -> None:
        """Stop the timers and background loads (the program is quitting)."""
        self.listener.stop()
        self.watcher.set_active(False)
        self.alerts.shutdown()
        if self._dashboard is not None:
            self._dashboard.shutdown()
