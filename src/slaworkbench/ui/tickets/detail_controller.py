"""The main window's work on one ticket: showing the selected one, changing or creating one.

A mixin of :class:`~slaworkbench.ui.window.main_window.MainWindow`. Reads go through the task
runner's general pool, changes through its single writer; a store's refusal reaches the
user as the sentence it already is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection

from slaworkbench.app.tickets.workbench import (
    ActionKind,
    TicketAction,
    TicketView,
    describe_action,
    load_ticket_view,
    perform_action,
)
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.tasks import TaskContext, UserFacingError
from slaworkbench.ui.tickets.new_ticket_dialog import NewTicketDialog

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from slaworkbench.app.tickets.workbench import PickerOptions
    from slaworkbench.store.workspace import Workspace
    from slaworkbench.ui.tasks import TaskRunner
    from slaworkbench.ui.tickets.detail_pane import DetailPane
    from slaworkbench.ui.tickets.table_model import TicketTableModel
    from slaworkbench.ui.window.workspace_watcher import WorkspaceWatcher


def _user_facing(fn: Callable[[], Any]) -> Any:
    """Store refusals are already sentences: pass them to the user as they are."""
    try:
        return fn()
    except StoreError as error:
        raise UserFacingError(str(error)) from error


class TicketDetailWork:
    """Loads the selected ticket into the detail pane and runs the changes made there."""

    workspace: Workspace
    runner: TaskRunner
    clock: Callable[[], int]
    options: PickerOptions
    model: TicketTableModel
    detail: DetailPane
    watcher: WorkspaceWatcher
    me_combo: QComboBox
    _calendars: dict[int, Any]
    _detail_request: int

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
        from slaworkbench.app.tickets.workbench import reload_row

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
        from slaworkbench.app.tickets.actions import create_ticket

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
