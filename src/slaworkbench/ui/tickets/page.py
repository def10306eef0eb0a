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
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from slaworkbench.app.tickets.workbench import load_page
from slaworkbench.store.errors import ServerUnreachableError
from slaworkbench.store.tickets.query import TicketQuery, View
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskRunner
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.detail.controller import TicketDetailController
from slaworkbench.ui.tickets.detail.pane import DetailPane
from slaworkbench.ui.tickets.list.column_menu import ColumnMenu
from slaworkbench.ui.tickets.list.controller import TicketListController
from slaworkbench.ui.tickets.list.filter_chips import FilterChipBar
from slaworkbench.ui.tickets.list.row_menu import TicketRowMenu
from slaworkbench.ui.tickets.list.saved_filters import SavedFilterStore
from slaworkbench.ui.tickets.list.sidebar import ViewSidebar
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.tickets.list.table_view import build_ticket_table
from slaworkbench.ui.tickets.reference import ReferenceData
from slaworkbench.ui.tickets.toolbar import TicketToolbar

SPLITTER_KEY = "main_window/splitter"
HEADER_KEY = "ticket_table/columns"
"""The header's state since the list has a column per metric (the 9-column state saved
under ``ticket_table/header`` does not fit it and is left alone)."""
LAST_VIEW_KEY = "ticket_list/last_view"


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
            lambda q, after, limit: self._load_page(workspace, q, after, limit, clock()),
            clock=clock,
            calendar_for=self.reference.calendar,
            theme=theme,
            parent=self,
        )
        self.table = build_ticket_table(self, self.model)
        self.columns = ColumnMenu(self.table, self.model)
        self.chips = FilterChipBar(self)
        list_area = QWidget(self)
        list_layout = QVBoxLayout(list_area)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.setSpacing(0)
        list_layout.addWidget(self.chips)
        list_layout.addWidget(self.table, 1)
        self.sidebar = ViewSidebar(self)
        self.detail = DetailPane(theme, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(list_area)
        self.splitter.addWidget(self.detail)
        # A wider window widens the list; the sidebar and the detail pane keep their size.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        # At 1024 px the list keeps ID, subject, time to breach and priority in view.
        self.splitter.setSizes([150, 900, 520])
        self.splitter.setCollapsible(1, False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.count_label = QLabel(self)
        self.sla_label = QLabel(self)
        self.sla_label.setObjectName("sla_counts")

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
            chips=self.chips,
            columns=self.columns,
            count_label=self.count_label,
            sla_label=self.sla_label,
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

        self.rows_menu = TicketRowMenu(
            self.table,
            self.model,
            self.toolbar.agent_name,
            lambda: [team.name for team in self.reference.options.teams],
            lambda: [agent.name for agent in self.reference.options.agents],
        )
        self.rows_menu.action_requested.connect(self.details.run_action)
        self.rows_menu.bulk_requested.connect(self.details.run_bulk_edit)
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

    def _load_page(
        self,
        workspace: Workspace,
        query: TicketQuery,
        after: TicketRow | None,
        limit: int,
        now: int,
    ) -> list[TicketRow]:
        """A page of the list; while the team server is gone the list keeps what it shows
        and the window is told (its banner), instead of an error in the event loop."""
        try:
            return list(load_page(workspace, query, after, limit, now=now))
        except ServerUnreachableError as error:
            self.failed.emit(str(error))
            if after is not None:
                return []
            shown = (self.model.row_at(i) for i in range(self.model.rowCount()))
            return [row for row in shown if row is not None]

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
        """The splitter, the columns (order, sizes, hidden ones) and the last view."""
        splitter = self._settings.value(SPLITTER_KEY)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = self._settings.value(HEADER_KEY)
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
        view = self._settings.value(LAST_VIEW_KEY)
        if isinstance(view, str) and view in set(View):
            self.list.show_view(View(view))

    def save_state(self) -> None:
        self._settings.setValue(SPLITTER_KEY, self.splitter.saveState())
        self._settings.setValue(HEADER_KEY, self.table.horizontalHeader().saveState())
        self._settings.setValue(LAST_VIEW_KEY, self.model.query.view.value)
