"""What the main window's ticket list shows: views, saved filters, refreshes and counts.

A mixin of :class:`~slaworkbench.ui.window.main_window.MainWindow`: every query the list is
switched to (a sidebar view, a saved filter, a dashboard bar, a ticket opened from an
alert) goes through here, as do the selection and the ticket counts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QInputDialog

from slaworkbench.app.tickets.workbench import describe_ticket_filter
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.filters import count_tickets
from slaworkbench.store.tickets.query import TicketQuery, View
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.tasks import TaskContext
from slaworkbench.ui.tickets.saved_filters import SavedFilter
from slaworkbench.ui.tickets.sidebar import SIDEBAR_VIEWS, view_label

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QLabel, QLineEdit, QTableView

    from slaworkbench.store.workspace import Workspace
    from slaworkbench.ui.tasks import TaskRunner
    from slaworkbench.ui.tickets.detail_pane import DetailPane
    from slaworkbench.ui.tickets.saved_filters import SavedFilterStore
    from slaworkbench.ui.tickets.sidebar import ViewSidebar
    from slaworkbench.ui.tickets.table_model import TicketTableModel


class TicketListNavigation:
    """Switches, refreshes and counts the ticket list, and keeps its selection."""

    workspace: Workspace
    runner: TaskRunner
    clock: Callable[[], int]
    filters: SavedFilterStore
    model: TicketTableModel
    table: QTableView
    sidebar: ViewSidebar
    detail: DetailPane
    search: QLineEdit
    count_label: QLabel

    def show_view(self, view: View) -> None:
        """A sidebar view; a filter that came from a dashboard click ends here."""
        self.sidebar.select_view(view)
        self.model.set_query(replace(self.model.query.without_dashboard_filter(), view=view))
        self._after_query_change()

    def apply_saved_filter(self, saved: SavedFilter) -> None:
        query = saved.apply_to(self.model.query)
        self.search.blockSignals(True)
        self.search.setText(query.search)
        self.search.blockSignals(False)
        self._show_narrowing(query)
        self.model.set_query(query)
        self._after_query_change()

    def save_current_filter(self) -> None:
        name, ok = QInputDialog.getText(
            self, tr("Save filter"), tr("Name of this filter (view, search and narrowing):")
        )
        name = name.strip()
        if ok and name:
            self.sidebar.set_saved_filters(
                self.filters.add(SavedFilter.from_query(name, self.model.query))
            )
            self.statusBar().showMessage(tr("Filter “{name}” saved").format(name=name), 4000)

    def delete_saved_filter(self, name: str) -> None:
        self.sidebar.set_saved_filters(self.filters.remove(name))

    def _after_query_change(self) -> None:
        self.detail.clear()
        self._update_count_label()

    def refresh(self) -> None:
        """F5: reload the list (keeping the selected ticket) and the reference data."""
        self.load_reference_data()
        self.refresh_keep_selection()
        self._update_counts()

    def refresh_keep_selection(self) -> None:
        selected = self.selected_row()
        self.model.refresh()
        self._update_count_label()
        if selected is not None:
            self.select_ticket(selected.id)

    def select_ticket(self, ticket_id: int) -> bool:
        position = self.model.position_of(ticket_id)
        if position is None:
            self.detail.clear()
            return False
        self.table.selectRow(position)
        self.table.scrollTo(self.model.index(position, 0))
        return True

    def selected_row(self) -> TicketRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_count_label(self) -> None:
        loaded = self.model.loaded_count()
        more = self.model.has_more()
        text = (tr("{n}+ tickets") if more else tr("{n} tickets")).format(
            n=self.locale().toString(loaded)
        )
        self.count_label.setText(text)

    def _update_counts(self) -> None:
        ws, base, now = self.workspace, self.model.query, self.clock()

        def work(_context: TaskContext) -> dict[View, int]:
            with ws.session() as session:
                return {
                    view: count_tickets(
                        session, TicketQuery(view=view, me_agent_id=base.me_agent_id), now=now
                    )
                    for view in SIDEBAR_VIEWS
                }

        self.runner.submit(tr("Count tickets"), work, on_success=self.sidebar.set_counts)

    def refresh_counts(self) -> None:
        """Recount the sidebar's views in the background."""
        self._update_counts()

    def show_ticket_anywhere(self, ticket_id: int) -> bool:
        """Switch to every ticket, searched by id, and select it (from an alert, say)."""
        self.search.blockSignals(True)
        self.search.setText(f"#{ticket_id}")
        self.search.blockSignals(False)
        self.sidebar.select_view(View.ALL)
        self.model.set_query(replace(self.model.query, view=View.ALL, search=f"#{ticket_id}"))
        self._after_query_change()
        return self.select_ticket(ticket_id)

    def apply_dashboard_filter(self, selection: dict[str, Any]) -> None:
        """Show the tickets behind a dashboard bar, with the filter named in the status bar."""
        try:
            query = TicketQuery.from_dashboard_filter(selection)
        except ValueError as error:
            self.show_error(str(error))
            return
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._show_narrowing(query)
        self.sidebar.select_view(query.view)
        self.model.set_query(query)
        self._after_query_change()
        described = describe_ticket_filter(query)
        if described:
            self.statusBar().showMessage(tr("Showing: {filter}").format(filter=described), 15_000)

    def current_view_title(self) -> str:
        return view_label(self.model.query.view)

    def index_of(self, ticket_id: int, column: int = 0) -> QModelIndex:
        position = self.model.position_of(ticket_id)
        return QModelIndex() if position is None else self.model.index(position, column)
