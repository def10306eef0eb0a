"""The ticket workbench window: views, search, the live ticket list and the detail pane.

Reads go through the task runner's general pool, actions through its single writer;
only the list's one-page fetch runs on the GUI thread (an indexed page is fast).

The window is put together from mixins, each in its own module: the toolbar
(``window_toolbar``), what the list shows (``window_ticket_list``) and the work on one
ticket (``window_ticket_detail``); the table view itself is built by ``ticket_table_view``.
This module assembles them and keeps the window's state and reference data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QWidget

from slaworkbench.app.tickets.workbench import (
    PickerOptions,
    load_calendars,
    load_options,
    load_page,
)
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.query import TicketQuery
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.tasks import TaskContext, TaskRunner
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.countdown_ticker import CountdownTicker
from slaworkbench.ui.tickets.detail_controller import TicketDetailWork
from slaworkbench.ui.tickets.detail_pane import DetailPane
from slaworkbench.ui.tickets.list_controller import TicketListNavigation
from slaworkbench.ui.tickets.saved_filters import SavedFilterStore
from slaworkbench.ui.tickets.sidebar import ViewSidebar
from slaworkbench.ui.tickets.table_model import TicketTableModel, system_clock
from slaworkbench.ui.tickets.table_view import build_ticket_table
from slaworkbench.ui.tickets.toolbar import WindowToolbar
from slaworkbench.ui.window.task_progress import TaskProgressWidget
from slaworkbench.ui.window.workspace_watcher import WorkspaceWatcher


class MainWindow(WindowToolbar, TicketListNavigation, TicketDetailWork, QMainWindow):
    ticket_changed = Signal(int)
    """A ticket was changed from this window (reply, status, new ticket, ...)."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        *,
        clock: Callable[[], int] = system_clock,
        theme: Theme | None = None,
        settings: QSettings | None = None,
        watch_interval_ms: int = 2000,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.clock = clock
        self.theme = theme or Theme()
        self.settings = settings or QSettings()
        self.filters = SavedFilterStore(self.settings)
        self.options = PickerOptions()
        self._calendars: dict[int, Any] = {}
        self._detail_request = 0
        self.setWindowTitle(tr("SLA Workbench"))

        self.model = TicketTableModel(
            lambda q, offset, limit: load_page(workspace, q, offset, limit, now=self.clock()),
            clock=self.clock,
            calendar_for=lambda cid: self._calendars.get(cid) if cid is not None else None,
            theme=self.theme,
            parent=self,
        )
        self._build_table()
        self.sidebar = ViewSidebar(self)
        self.detail = DetailPane(self.theme, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([170, 760, 520])
        self.splitter.setCollapsible(1, False)
        self.setCentralWidget(self.splitter)
        self._build_toolbar()
        self._build_status_bar()

        self.sidebar.view_chosen.connect(self.show_view)
        self.sidebar.filter_chosen.connect(self.apply_saved_filter)
        self.sidebar.filter_delete_requested.connect(self.delete_saved_filter)
        self.sidebar.set_saved_filters(self.filters.load())
        self.detail.action_requested.connect(self.run_action)
        self.theme.changed.connect(self._theme_changed)

        self.ticker = CountdownTicker(self.table, self.model, self)
        self.watcher = WorkspaceWatcher(
            runner, workspace.data_version, interval_ms=watch_interval_ms, parent=self
        )
        self.watcher.changed.connect(self.refresh_keep_selection)
        self.model.modelReset.connect(self._update_count_label)
        self.model.rowsInserted.connect(self._update_count_label)
        self._restore_state()
        self.model.set_query(TicketQuery())
        self.load_reference_data()
        self._update_counts()
        self._update_count_label()

    # -- construction ----------------------------------------------------------------

    def _build_table(self) -> None:
        self.table = build_ticket_table(self, self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.count_label = QLabel(self)
        self.progress = TaskProgressWidget(self)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.count_label)

    # -- state -----------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self._first_launch_layout()
        state = self.settings.value("main_window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("main_window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = self.settings.value("ticket_table/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)

    def _first_launch_layout(self) -> None:
        """Most of the screen, the list widest, the detail pane about a third."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(1760, int(screen.width() * 0.94)) if screen else 1440
        height = min(1000, int(screen.height() * 0.9)) if screen else 860
        self.resize(width, height)
        sidebar = 150
        detail = max(360, int(width * 0.26))
        self.splitter.setSizes([sidebar, width - sidebar - detail, detail])

    def save_state(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/state", self.saveState())
        self.settings.setValue("main_window/splitter", self.splitter.saveState())
        self.settings.setValue("ticket_table/header", self.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        self.watcher.set_active(False)
        super().closeEvent(event)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.watcher.set_active(True)

    def hideEvent(self, event: Any) -> None:
        super().hideEvent(event)
        self.watcher.set_active(False)

    # -- reference data ----------------------------------------------------------------

    def load_reference_data(self) -> None:
        ws = self.workspace

        def work(_context: TaskContext) -> tuple[PickerOptions, dict[int, Any]]:
            return load_options(ws), load_calendars(ws)

        self.runner.submit(
            tr("Load workspace"),
            work,
            on_success=self._reference_loaded,
            on_failure=self.show_error,
        )

    def _reference_loaded(self, loaded: tuple[PickerOptions, dict[int, Any]]) -> None:
        self.options, self._calendars = loaded
        self.detail.set_options(self.options)
        self._show_teams_and_agents()
        self.table.viewport().update()

    # -- misc ------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)
        QMessageBox.warning(self, tr("SLA Workbench"), message)

    def _theme_changed(self) -> None:
        self.table.viewport().update()
        row = self.selected_row()
        if row is not None:
            self.load_detail(row)

    def calendar(self, calendar_id: int | None) -> Any:
        """A business calendar of the workspace by id (None when unknown or not loaded)."""
        return self._calendars.get(calendar_id) if calendar_id is not None else None

    def calendars(self) -> list[tuple[int, Any]]:
        return list(self._calendars.items())
