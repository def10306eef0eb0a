"""The Tickets tab: the views sidebar, the live ticket list and the detail pane.

The page owns its parts and wires them with signals: the toolbar (``TicketToolbar``)
says what the user picked, the list controller (``TicketListController``) turns that
into the list's query and keeps the selection and counts, the detail controller
(``TicketDetailController``) shows the selected ticket and runs the changes made to it.
Names and calendars come from ``ReferenceData``. The page does not know the window: it
reports ``status_message`` and ``failed``, and the window places ``toolbar.bar`` and
``count_label`` where they belong and runs the countdown ticker while it is shown.

Only the list's one-page fetch runs on the GUI thread (an indexed page is fast).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QWidget

from slaworkbench.app.tickets.workbench import load_page
from slaworkbench.store.tickets.query import TicketQuery
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.detail_controller import TicketDetailController
from slaworkbench.ui.tickets.detail_pane import DetailPane
from slaworkbench.ui.tickets.list_controller import TicketListController
from slaworkbench.ui.tickets.reference import ReferenceData
from slaworkbench.ui.tickets.saved_filters import SavedFilterStore
from slaworkbench.ui.tickets.sidebar import ViewSidebar
from slaworkbench.ui.tickets.table_model import TicketTableModel
from slaworkbench.ui.tickets.table_view import build_ticket_table
from slaworkbench.ui.tickets.toolbar import TicketToolbar


class TicketsPage(QWidget):
    status_message = Signal(str, int)
    """A passing message for the window's status bar: (text, milliseconds)."""
    failed = Signal(str)
    """A sentence about something that went wrong, for a message box."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        clock: Callable[[], int],
        theme: Theme,
        settings: QSettings,
        zone: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.reference = ReferenceData(workspace, runner, notice, self)
        self.model = TicketTableModel(
            lambda q, after, limit: load_page(workspace, q, after, limit, now=clock()),
            clock=clock,
            calendar_for=self.reference.calendar,
            theme=theme,
            parent=self,
        )
        self.table = build_ticket_table(self, self.model)
        self.sidebar = ViewSidebar(self)
        self.detail = DetailPane(theme, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([170, 760, 520])
        self.splitter.setCollapsible(1, False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.count_label = QLabel(self)

        self.toolbar = TicketToolbar(settings, self)
        self.list = TicketListController(
            workspace,
            runner,
            notice,
            clock=clock,
            model=self.model,
            table=self.table,
            sidebar=self.sidebar,
            toolbar=self.toolbar,
            filters=SavedFilterStore(settings),
            count_label=self.count_label,
            zone=zone,
            parent=self,
        )
        self.details = TicketDetailController(
            workspace,
            runner,
            notice,
            clock=clock,
            detail=self.detail,
            model=self.model,
            reference=self.reference,
            toolbar=self.toolbar,
            parent=self,
        )

        self.list.row_selected.connect(self.details.show_row)
        self.list.query_changed.connect(self.details.clear)
        self.details.created.connect(self.list.show_created)
        self.toolbar.refresh_action.triggered.connect(self.refresh)
        self.reference.loaded.connect(self._reference_loaded)
        theme.changed.connect(lambda: self.table.viewport().update())
        theme.changed.connect(self.details.reload_shown)
        for source in (self.list, self.details):
            source.status_message.connect(self.status_message)
            source.failed.connect(self.failed)
        self.reference.failed.connect(self.failed)

        self.model.set_query(TicketQuery())
        self.reference.load()
        self.list.update_counts()
        self.list.update_count_label()

    def refresh(self) -> None:
        """F5: reload the list (keeping the selected ticket), the counts and the names."""
        self.reference.load()
        self.list.refresh_keep_selection()
        self.list.update_counts()

    def _reference_loaded(self) -> None:
        self.detail.set_options(self.reference.options)
        self.toolbar.show_teams_and_agents(self.reference.options)
        self.model.repaint_countdowns()

    # -- state -------------------------------------------------------------------------

    def restore_state(self) -> None:
        splitter = self._settings.value("main_window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = self._settings.value("ticket_table/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)

    def save_state(self) -> None:
        self._settings.setValue("main_window/splitter", self.splitter.saveState())
        self._settings.setValue("ticket_table/header", self.table.horizontalHeader().saveState())
