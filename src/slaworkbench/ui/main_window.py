"""The ticket workbench window: views, search, the live ticket list and the detail pane.

Reads go through the task runner's general pool, actions through its single writer;
only the list's one-page fetch runs on the GUI thread (an indexed page is fast).
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QDateTime,
    QItemSelection,
    QLocale,
    QModelIndex,
    QSettings,
    Qt,
    QTime,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QWidget,
)

from slaworkbench.app.tasks import TaskContext, TaskRunner, UserFacingError
from slaworkbench.app.ticket_list import (
    ActionKind,
    PickerOptions,
    TicketAction,
    TicketView,
    describe_action,
    describe_ticket_filter,
    load_calendars,
    load_options,
    load_page,
    load_ticket_view,
    perform_action,
)
from slaworkbench.domain.labels import priority_label
from slaworkbench.domain.model import Priority
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError
from slaworkbench.store.ticket_queries import TicketQuery, TicketRow, View, count_tickets
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.countdown_ticker import CountdownTicker
from slaworkbench.ui.detail_pane import DetailPane
from slaworkbench.ui.new_ticket_dialog import NewTicketDialog
from slaworkbench.ui.saved_filters import SavedFilter, SavedFilterStore
from slaworkbench.ui.sidebar import SIDEBAR_VIEWS, ViewSidebar, view_label
from slaworkbench.ui.task_progress import TaskProgressWidget
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.ticket_table_model import TicketTableModel, system_clock
from slaworkbench.ui.workspace_watcher import WorkspaceWatcher

ME_KEY = "workbench/me"


def _user_facing(fn: Callable[[], Any]) -> Any:
    """Store refusals are already sentences: pass them to the user as they are."""
    try:
        return fn()
    except StoreError as error:
        raise UserFacingError(str(error)) from error


class MainWindow(QMainWindow):
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
        self.table = QTableView(self)
        self.table.setObjectName("ticket_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setObjectName("ticket_header")
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        metrics = self.fontMetrics()
        digit = metrics.horizontalAdvance("0")
        icon_and_padding = metrics.height() + 18

        def fits(sample: str) -> int:
            return metrics.horizontalAdvance(sample) + icon_and_padding

        sample_due = self.locale().toString(
            QDateTime(QDate(2026, 12, 30), QTime(23, 59)), QLocale.FormatType.ShortFormat
        )
        # Sized from what the cells show, so the countdowns are never cut; the subject
        # takes what is left.
        widths = {
            TicketTableModel.COL_ID: metrics.horizontalAdvance("DEMO-1-0000000") + 16,
            TicketTableModel.COL_SUBJECT: 24 * digit,
            TicketTableModel.COL_CUSTOMER: 12 * digit,
            TicketTableModel.COL_PRIORITY: metrics.horizontalAdvance(tr("Normal")) + 16,
            TicketTableModel.COL_STATUS: metrics.horizontalAdvance(tr("On hold")) + 16,
            TicketTableModel.COL_ASSIGNEE: 11 * digit,
            TicketTableModel.COL_FIRST_RESPONSE: fits(tr("✗ late 23h 59m")),
            TicketTableModel.COL_RESOLUTION: fits(tr("overdue 23h 59m")),
            TicketTableModel.COL_NEXT_DUE: fits("✗ " + sample_due),
        }
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
        # The subject takes what the other columns leave, so the countdowns always show.
        header.setSectionResizeMode(TicketTableModel.COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        header.setSortIndicator(TicketTableModel.COL_NEXT_DUE, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.setAccessibleName(tr("Tickets"))

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Main"), self)
        bar.setObjectName("main_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.new_action = self._action(
            tr("New ticket"), QKeySequence.StandardKey.New, self.new_ticket
        )
        self.refresh_action = self._action(tr("Refresh"), QKeySequence("F5"), self.refresh)
        self.reply_action = self._action(tr("Reply"), QKeySequence("Ctrl+R"), self.focus_reply)
        self.save_filter_action = self._action(
            tr("Save filter…"), QKeySequence("Ctrl+Shift+S"), self.save_current_filter
        )
        for action in (self.new_action, self.refresh_action, self.reply_action):
            bar.addAction(action)
        bar.addSeparator()
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr("Search subject, requester or ticket id (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search.setAccessibleName(tr("Search tickets"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_search)
        bar.addWidget(self.search)
        self.find_action = self._action(
            tr("Find"), QKeySequence.StandardKey.Find, self.focus_search
        )
        self.priority_filter = QComboBox(self)
        self.priority_filter.setAccessibleName(tr("Priority filter"))
        self.priority_filter.addItem(tr("Any priority"), "")
        self.priority_filter.addItem(tr("Urgent and high"), "urgent,high")
        for priority in Priority:
            self.priority_filter.addItem(priority_label(priority), priority.value)
        self.priority_filter.activated.connect(self._narrowing_changed)
        self.team_filter = QComboBox(self)
        self.team_filter.setAccessibleName(tr("Team filter"))
        self.team_filter.addItem(tr("Every team"), None)
        self.team_filter.activated.connect(self._narrowing_changed)
        bar.addWidget(self.priority_filter)
        bar.addWidget(self.team_filter)
        bar.addAction(self.save_filter_action)
        bar.addSeparator()
        bar.addWidget(QLabel(tr("Working as") + " ", self))
        self.me_combo = QComboBox(self)
        self.me_combo.setAccessibleName(tr("Working as"))
        self.me_combo.setMinimumWidth(140)
        self.me_combo.activated.connect(self._me_changed)
        bar.addWidget(self.me_combo)

    def _action(self, text: str, shortcut: Any, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({keys})")
        action.triggered.connect(slot)
        self.addAction(action)
        return action

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
        current_team = self.team_filter.currentData()
        self.team_filter.clear()
        self.team_filter.addItem(tr("Every team"), None)
        for team in self.options.teams:
            self.team_filter.addItem(team.name, team.id)
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(current_team)))
        self.me_combo.clear()
        for agent in self.options.agents:
            self.me_combo.addItem(agent.name, agent.id)
        saved = self.settings.value(ME_KEY)
        index = self.me_combo.findText(str(saved)) if saved else -1
        self.me_combo.setCurrentIndex(index if index >= 0 else 0)
        self._me_changed()
        self.table.viewport().update()

    @property
    def me(self) -> str:
        """Who the actions are recorded as: the chosen agent, else the OS user."""
        return self.me_combo.currentText() or getpass.getuser()

    def _me_changed(self, _index: int = 0) -> None:
        if self.me_combo.currentText():
            self.settings.setValue(ME_KEY, self.me_combo.currentText())
        agent_id = self.me_combo.currentData()
        if agent_id != self.model.query.me_agent_id:
            self.model.set_query(replace(self.model.query, me_agent_id=agent_id))
            self._update_counts()

    # -- list ------------------------------------------------------------------------

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

    def _show_narrowing(self, query: TicketQuery) -> None:
        """The toolbar's priority and team boxes say what ``query`` narrows to."""
        self.priority_filter.setCurrentIndex(
            max(0, self.priority_filter.findData(",".join(p.value for p in query.priorities)))
        )
        self.team_filter.setCurrentIndex(max(0, self.team_filter.findData(query.team_id)))

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

    def _apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text != self.model.query.search:
            self.model.set_query(replace(self.model.query, search=text))
            self._after_query_change()

    def _narrowing_changed(self, _index: int = 0) -> None:
        query = replace(
            self.model.query,
            priorities=tuple(
                Priority(p) for p in str(self.priority_filter.currentData() or "").split(",") if p
            ),
            team_id=self.team_filter.currentData(),
        )
        if query != self.model.query:
            self.model.set_query(query)
            self._after_query_change()

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

    # -- detail ----------------------------------------------------------------------

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_row()
        if row is None:
            self.detail.clear()
            return
        self.load_detail(row)

    def load_detail(self, row: TicketRow) -> None:
        if self.detail.ticket_id != row.id:
            self.detail.show_loading(row)
        self._detail_request += 1
        request, ws, now = self._detail_request, self.workspace, self.clock()

        def work(_context: TaskContext) -> TicketView:
            return _user_facing(lambda: load_ticket_view(ws, row.id, now=now))

        def done(view: TicketView) -> None:
            if request == self._detail_request:
                self.detail.set_ticket(view, now, self._calendars.get(view.detail.row.calendar_id))

        self.runner.submit(tr("Open ticket"), work, on_success=done, on_failure=self.show_error)

    def focus_reply(self) -> None:
        if self.selected_row() is None:
            self.statusBar().showMessage(tr("Select a ticket to reply to."), 4000)
            return
        self.detail.actions.focus_reply()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- actions ---------------------------------------------------------------------

    def run_action(self, action: TicketAction) -> None:
        ws, author, now = self.workspace, self.me, self.clock()
        self.detail.actions.set_busy(True)

        def work(_context: TaskContext) -> TicketRow:
            return _user_facing(lambda: perform_action(ws, action, author=author, now=now))

        def done(row: TicketRow) -> None:
            self.detail.actions.set_busy(False)
            if action.kind in (
                ActionKind.AGENT_REPLY,
                ActionKind.CUSTOMER_REPLY,
                ActionKind.INTERNAL_NOTE,
            ):
                self.detail.actions.clear_compose()
            self.model.update_row(row)
            self.watcher.acknowledge()
            self.ticket_changed.emit(row.id)
            self.statusBar().showMessage(
                tr("{action}: {ticket} updated").format(
                    action=describe_action(action), ticket=row.reference
                ),
                5000,
            )
            if self.detail.ticket_id == row.id:
                self.load_detail(row)

        def failed(message: str) -> None:
            self.detail.actions.set_busy(False)
            self.detail.actions.show_message(message)
            row = self.selected_row()
            if row is not None and row.id == action.ticket_id:
                self._reload_one(row.id)

        self.runner.submit(
            describe_action(action), work, writer=True, on_success=done, on_failure=failed
        )

    def _reload_one(self, ticket_id: int) -> None:
        from slaworkbench.app.ticket_list import reload_row

        ws = self.workspace

        def done(row: TicketRow) -> None:
            self.model.update_row(row)
            if self.detail.ticket_id == row.id:
                self.load_detail(row)

        self.runner.submit(
            tr("Reload ticket"), lambda _c: reload_row(ws, ticket_id), on_success=done
        )

    def new_ticket(self) -> None:
        dialog = NewTicketDialog(self.options, me=self.me_combo.currentText() or None, parent=self)
        if dialog.exec() != NewTicketDialog.DialogCode.Accepted:
            return
        self.create_ticket(dialog.new_ticket())

    def create_ticket(self, ticket: Any) -> None:
        from slaworkbench.app.tickets import create_ticket

        ws, author, now = self.workspace, self.me, self.clock()

        def work(_context: TaskContext) -> int:
            return int(_user_facing(lambda: create_ticket(ws, ticket, author=author, now=now)))

        def done(ticket_id: int) -> None:
            self.model.refresh()
            self.watcher.acknowledge()
            self.ticket_changed.emit(ticket_id)
            self._update_counts()
            self._update_count_label()
            if not self.select_ticket(ticket_id):
                self.statusBar().showMessage(
                    tr("Ticket #{id} created; it is not in this view.").format(id=ticket_id), 6000
                )
            else:
                self.statusBar().showMessage(tr("Ticket #{id} created").format(id=ticket_id), 5000)

        self.runner.submit(
            tr("Create ticket"), work, writer=True, on_success=done, on_failure=self.show_error
        )

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
