"""What the ticket list shows: views, saved filters, searches, refreshes and counts.

Every query the list is switched to (a sidebar view, a saved filter, the toolbar's
search and narrowing, a dashboard bar, a ticket opened from an alert) goes through
here, as do the selection and the ticket counts (the sidebar's per view, the status
bar's label). After a change the notice announces that touches tickets, the list
reloads its first page once, keeping the selected ticket, and the views are recounted.

What is listed is always said: the sidebar highlights the list's source (the view, or
the saved filter applied), and whatever narrows it (a dashboard click, the search, the
toolbar's narrowing) shows as a chip above the list whose × drops it again.

One source for the counts: the sidebar's per-view counts and the status bar's
"breached, at risk" come from the one ``count_views`` result of the same instant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QInputDialog, QLabel, QTableView

from slaworkbench import formatting
from slaworkbench.app.changes import Changes
from slaworkbench.app.tickets.workbench import ViewCounts, count_views
from slaworkbench.domain.model import Priority
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.query import TicketQuery, View
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.tasks import TaskContext, TaskRunner
from slaworkbench.ui.tickets.list.column_menu import ColumnMenu
from slaworkbench.ui.tickets.list.filter_chips import (
    DASHBOARD,
    NARROWING,
    SAVED,
    SEARCH,
    Chip,
    FilterChipBar,
)
from slaworkbench.ui.tickets.list.filter_words import describe_ticket_filter
from slaworkbench.ui.tickets.list.saved_filters import SavedFilter, SavedFilterStore
from slaworkbench.ui.tickets.list.sidebar import SIDEBAR_VIEWS, ViewSidebar
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.tickets.toolbar import TicketToolbar


class TicketListController(QObject):
    """Switches, refreshes and counts the ticket list, and keeps its selection."""

    row_selected = Signal(object)
    """The selected ``TicketRow``, or None when nothing is selected."""
    query_changed = Signal()
    """The list shows another query (the detail pane empties)."""
    status_message = Signal(str, int)
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        clock: Callable[[], int],
        model: TicketTableModel,
        table: QTableView,
        sidebar: ViewSidebar,
        toolbar: TicketToolbar,
        filters: SavedFilterStore,
        chips: FilterChipBar,
        columns: ColumnMenu,
        count_label: QLabel,
        sla_label: QLabel,
        zone: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._clock = clock
        self.model = model
        self.table = table
        self.sidebar = sidebar
        self.toolbar = toolbar
        self.filters = filters
        self.chips = chips
        self.columns = columns
        self.count_label = count_label
        self.sla_label = sla_label
        self._zone = zone
        self._saved: SavedFilter | None = None
        """The saved filter applied, while the list shows exactly that filter."""
        self.counts = ViewCounts({}, 0)
        """The last counts shown (sidebar and status bar alike)."""
        self._counted_for: int | None = None
        """The "Working as" agent ``counts`` counted "Mine" for."""

        self._restoring = False
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        # of several selected, the one clicked last (or right-clicked) is the one shown
        table.selectionModel().currentRowChanged.connect(self._selection_changed)
        sidebar.view_chosen.connect(self.show_view)
        sidebar.filter_chosen.connect(self.apply_saved_filter)
        sidebar.filter_delete_requested.connect(self.delete_saved_filter)
        sidebar.set_saved_filters(filters.load())
        toolbar.search_entered.connect(self._search_entered)
        toolbar.narrowing_chosen.connect(self._narrowing_chosen)
        toolbar.agent_chosen.connect(self._agent_chosen)
        toolbar.save_filter_action.triggered.connect(self.save_current_filter)
        chips.removed.connect(self.remove_filter)
        model.modelReset.connect(self.update_count_label)
        model.rowsInserted.connect(self.update_count_label)
        notice.changed.connect(self._changes_announced)

    # -- queries -----------------------------------------------------------------------

    def _show(self, query: TicketQuery) -> None:
        self.model.set_query(query)
        self.query_changed.emit()
        self.update_count_label()
        self._say_what_is_listed()

    def _say_what_is_listed(self) -> None:
        """The sidebar highlights the list's source, the chips what narrows it."""
        query = self.model.query
        if self._saved is not None and self._saved.apply_to(query) != query:
            self._saved = None  # the list moved away from the saved filter
        if self._saved is not None:
            self.sidebar.select_filter(self._saved.name)
        else:
            self.sidebar.select_view(query.view)
        self.chips.show_chips(self._chips(query))

    def _chips(self, query: TicketQuery) -> list[Chip]:
        if self._saved is not None:
            return [Chip(SAVED, tr("Saved filter “{name}”").format(name=self._saved.name))]
        chips: list[Chip] = []
        if query.has_dashboard_filter:
            described = describe_ticket_filter(query, tz=self._zone)
            chips.append(Chip(DASHBOARD, tr("Dashboard: {filter}").format(filter=described)))
        if query.search:
            chips.append(Chip(SEARCH, tr("Search “{text}”").format(text=query.search)))
        narrowing: list[str] = []
        if query.priorities and not query.has_dashboard_filter:
            priority = self.toolbar.priority_filter.currentText()
            narrowing.append(tr("Priority: {priority}").format(priority=priority))
        if query.team_id is not None:
            team = self.toolbar.team_filter.currentText()
            narrowing.append(tr("Team: {team}").format(team=team))
        if narrowing:
            chips.append(Chip(NARROWING, ", ".join(narrowing)))
        return chips

    def remove_filter(self, kind: str) -> None:
        """A chip's ×: drop that filter (a saved filter: all of it), keep the view."""
        query = self.model.query
        if kind in (SAVED, DASHBOARD):
            query = replace(query.without_dashboard_filter(), priorities=())
            if kind == SAVED:
                query = replace(query, search="", team_id=None)
            self._saved = None
        elif kind == SEARCH:
            query = replace(query, search="")
        elif kind == NARROWING:
            query = replace(query, priorities=(), team_id=None)
        self.toolbar.show_query(query)
        self._show(query)

    def show_view(self, view: View) -> None:
        """A sidebar view; a filter that came from a dashboard click ends here."""
        self._saved = None
        self._show(replace(self.model.query.without_dashboard_filter(), view=view))

    def apply_saved_filter(self, saved: SavedFilter) -> None:
        query = saved.apply_to(self.model.query)
        self._saved = saved
        self.toolbar.show_query(query)
        self._show(query)

    def save_current_filter(self) -> None:
        name, ok = QInputDialog.getText(
            self.table.window(),
            tr("Save filter"),
            tr("Name of this filter (view, search and narrowing):"),
        )
        name = name.strip()
        if ok and name:
            self.sidebar.set_saved_filters(
                self.filters.add(SavedFilter.from_query(name, self.model.query))
            )
            self.status_message.emit(tr("Filter “{name}” saved").format(name=name), 4000)

    def delete_saved_filter(self, name: str) -> None:
        self.sidebar.set_saved_filters(self.filters.remove(name))

    def _search_entered(self, text: str) -> None:
        if text != self.model.query.search:
            self._show(replace(self.model.query, search=text))

    def _narrowing_chosen(self, priorities: tuple[Priority, ...], team_id: int | None) -> None:
        query = replace(self.model.query, priorities=priorities, team_id=team_id)
        if query != self.model.query:
            self._show(query)

    def _agent_chosen(self, agent_id: int | None) -> None:
        if agent_id != self.model.query.me_agent_id:
            self.model.set_query(replace(self.model.query, me_agent_id=agent_id))
            self.update_counts()

    def show_ticket_anywhere(self, ticket_id: int) -> bool:
        """Switch to every ticket, searched by id, and select it (from an alert, say)."""
        query = replace(self.model.query, view=View.ALL, search=f"#{ticket_id}")
        self.toolbar.show_query(query)
        self._show(query)
        return self.select_ticket(ticket_id)

    def open_ticket(self, ticket_id: int) -> None:
        """Select the ticket in the list, switching to "All" with its id when it is elsewhere."""
        if not self.select_ticket(ticket_id):
            self.show_ticket_anywhere(ticket_id)

    def apply_dashboard_filter(self, selection: dict[str, Any]) -> None:
        """Show the tickets behind a dashboard bar, with the filter named in the status bar."""
        try:
            query = TicketQuery.from_dashboard_filter(selection)
        except ValueError as error:
            self.failed.emit(str(error))
            return
        query = replace(query, me_agent_id=self.model.query.me_agent_id)
        self._saved = None
        self.toolbar.show_query(query)
        self._show(query)
        if query.clock is not None and query.clock.metric is not None:
            # "Breached next response": that clock's own column shows beside the list's.
            self.columns.show_beside_time_to_breach(
                TicketTableModel.METRIC_COLUMNS[query.clock.metric]
            )
        described = describe_ticket_filter(query, tz=self._zone)
        if described:
            self.status_message.emit(tr("Showing: {filter}").format(filter=described), 15_000)

    # -- refreshing --------------------------------------------------------------------

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        if changes.touches_tickets():
            self.refresh_keep_selection()
            self.update_counts()

    def refresh_keep_selection(self) -> None:
        """Read the first page again; the selected tickets stay selected where they are
        (the one shown stays current; if it is gone, the detail pane keeps showing it)."""
        shown = self.selected_row()
        others = [row.id for row in self.selected_rows() if shown is None or row.id != shown.id]
        # the pane hears the outcome once, not each step (it would load another ticket)
        self._restoring = True
        try:
            self.model.refresh()
            self.update_count_label()
            if shown is not None and self.model.position_of(shown.id) is not None:
                self.select_ticket(shown.id)
            self._select_also(others)
        finally:
            self._restoring = False
        if shown is not None and self.model.position_of(shown.id) is not None:
            self.row_selected.emit(self.selected_row())

    def _select_also(self, ticket_ids: list[int]) -> None:
        """Add these tickets' rows to the selection, where the list holds them."""
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for ticket_id in ticket_ids:
            position = self.model.position_of(ticket_id)
            if position is not None:
                selection.select(self.model.index(position, 0), self.model.index(position, last))
        if not selection.isEmpty():
            self.table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.Select)

    def show_created(self, ticket_id: int) -> None:
        """Select a ticket just created (the list has reloaded), or say it is elsewhere."""
        if self.select_ticket(ticket_id):
            self.status_message.emit(tr("Ticket #{id} created").format(id=ticket_id), 5000)
        else:
            self.status_message.emit(
                tr("Ticket #{id} created; it is not in this view.").format(id=ticket_id), 6000
            )

    # -- selection ---------------------------------------------------------------------

    def select_ticket(self, ticket_id: int) -> bool:
        position = self.model.position_of(ticket_id)
        if position is None:
            self.row_selected.emit(None)
            return False
        self.table.selectRow(position)
        self.table.scrollTo(self.model.index(position, 0))
        return True

    def selected_row(self) -> TicketRow | None:
        """The ticket the detail pane shows: the current row when it is selected (the
        last one clicked of several), else the first selected."""
        selection = self.table.selectionModel()
        current = selection.currentIndex()
        if current.isValid() and selection.isRowSelected(current.row(), QModelIndex()):
            return self.model.row_at(current.row())
        rows = selection.selectedRows()
        return self.model.row_at(min(index.row() for index in rows)) if rows else None

    def selected_rows(self) -> list[TicketRow]:
        """Every selected ticket, in the list's order."""
        positions = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [row for position in positions if (row := self.model.row_at(position)) is not None]

    def _selection_changed(self, _now: object, _before: object) -> None:
        if self._restoring:
            return
        self.update_count_label()
        self.row_selected.emit(self.selected_row())

    def index_of(self, ticket_id: int, column: int = 0) -> QModelIndex:
        position = self.model.position_of(ticket_id)
        return QModelIndex() if position is None else self.model.index(position, column)

    # -- counts ------------------------------------------------------------------------

    def update_count_label(self) -> None:
        """How many tickets the list holds: all of them once loaded; while more are to
        come, the rows loaded so far of the view's count (the sidebar's: "200 of 24,247
        tickets") when nothing narrows the view, else "200+ tickets" (a narrowed list is
        not counted ahead)."""
        loaded = self.model.loaded_count()
        if not self.model.has_more():
            text = tr("{n} tickets").format(n=formatting.count(loaded))
        elif (total := self._view_total()) is not None and total > loaded:
            text = tr("{loaded} of {total} tickets").format(
                loaded=formatting.count(loaded), total=formatting.count(total)
            )
        else:
            text = tr("{n}+ tickets").format(n=formatting.count(loaded))
        if self.model.query.view is View.MINE and self.model.query.me_agent_id is None:
            text = tr("{tickets} · choose your name in “Working as” to see yours").format(
                tickets=text
            )
        selected = len(self.table.selectionModel().selectedRows())
        if selected > 1:  # what the row menu would change
            text = tr("{tickets} · {n} selected").format(tickets=text, n=formatting.count(selected))
        self.count_label.setText(text)

    def _view_total(self) -> int | None:
        """The sidebar's count of the listed view, when the list is that view alone (no
        saved filter, search, narrowing or dashboard filter: no chip) and the count was
        taken for the same agent ("Mine")."""
        query = self.model.query
        if self._saved is not None or self._chips(query) or self._counted_for != query.me_agent_id:
            return None
        return self.counts.by_view.get(query.view)

    def update_counts(self) -> None:
        """Recount the views in the background; the sidebar and the status bar show the
        one result (never two queries at two instants)."""
        ws, me, now = self._workspace, self.model.query.me_agent_id, self._clock()

        def work(_context: TaskContext) -> ViewCounts:
            return count_views(ws, SIDEBAR_VIEWS, me_agent_id=me, now=now)

        def ready(counts: object) -> None:
            self._counts_ready(counts, me)

        self._runner.submit(tr("Count tickets"), work, on_success=ready)

    def _counts_ready(self, counts: object, me: int | None) -> None:
        if not isinstance(counts, ViewCounts):
            return
        self.counts = counts
        self._counted_for = me
        self.sidebar.set_counts(dict(counts.by_view))
        self.update_count_label()
        breached = counts.by_view.get(View.BREACHED, 0)
        at_risk = counts.by_view.get(View.AT_RISK, 0)
        self.sla_label.setText(
            tr("{breached} breached, {at_risk} at risk").format(
                breached=formatting.count(breached), at_risk=formatting.count(at_risk)
            )
        )
        self.sla_label.setToolTip(
            tr("Open tickets breached and at risk now (the sidebar's Breached and At risk)")
        )
