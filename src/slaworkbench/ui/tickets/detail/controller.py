"""The work on one ticket: showing the selected one in the detail pane, changing or
creating one.

Reads go through the task runner's general pool, changes through its single writer; a
store's refusal reaches the user as the sentence it already is. A change that was
written is announced on the change notice (tickets and clocks changed); the shown
ticket is read again after every change the notice announces that touches tickets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from slaworkbench import formatting
from slaworkbench.app.changes import Changes
from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.app.tickets.edits import (
    UNDO_SECONDS,
    AppliedEdit,
    BulkEdit,
    apply_bulk_edit,
    undo_bulk_edit,
)
from slaworkbench.app.tickets.workbench import (
    ActionKind,
    BulkAction,
    TicketAction,
    TicketView,
    describe_action,
    load_contacts,
    load_ticket_view,
    perform_action,
    read_clocks_live,
    reload_row,
    submit_edit,
    undo_last_edit,
)
from slaworkbench.i18n import tr, trn
from slaworkbench.store.errors import StaleTicketError, StoreError
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.store.workspace import Workspace
from slaworkbench.ui.agreements.satisfaction_section import SatisfactionSection
from slaworkbench.ui.changes import ChangeNotice
from slaworkbench.ui.stale_save import StaleSave
from slaworkbench.ui.tasks import TaskContext, TaskRunner, UserFacingError
from slaworkbench.ui.tickets.detail.new_ticket_dialog import NewTicketDialog
from slaworkbench.ui.tickets.detail.pane import DetailPane
from slaworkbench.ui.tickets.detail.sla_timeline_model import (
    SlaTimeline,
    build_sla_timeline,
    pause_statuses_of,
)
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from slaworkbench.ui.tickets.reference import ReferenceData
from slaworkbench.ui.tickets.toolbar import TicketToolbar

TICKET_WRITTEN = Changes(tickets=True, clocks=True)
"""What a ticket action or a new ticket changes."""


T = TypeVar("T")


def _user_facing(fn: Callable[[], T]) -> T:
    """Store refusals are already sentences: pass them to the user as they are."""
    try:
        return fn()
    except StoreError as error:
        raise UserFacingError(str(error)) from error


class TicketDetailController(QObject):
    """Loads the selected ticket into the detail pane and runs the changes made there."""

    created = Signal(int)
    """A ticket was created (its id), after the notice announced it."""
    status_message = Signal(str, int)
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        notice: ChangeNotice,
        *,
        clock: Callable[[], int],
        detail: DetailPane,
        model: TicketTableModel,
        reference: ReferenceData,
        toolbar: TicketToolbar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._runner = runner
        self._notice = notice
        self._clock = clock
        self.detail = detail
        self._model = model
        self._reference = reference
        self._toolbar = toolbar
        self._request = 0
        self._last: AppliedEdit | BulkEdit | TicketAction | None = None
        """The last action applied here: an edit Undo may take back (of one ticket or of
        several), or a reply."""
        detail.action_requested.connect(self.run_action)
        detail.ticket_actions.undo_requested.connect(self.undo)
        detail.ticket_actions.reload_requested.connect(self._reload_after_stale)
        toolbar.reply_action.triggered.connect(self.focus_reply)
        toolbar.new_action.triggered.connect(self.new_ticket)
        notice.changed.connect(self._changes_announced)
        self.satisfaction = SatisfactionSection(workspace, runner, notice, detail)
        detail.sections.addWidget(self.satisfaction)
        detail.ticket_shown.connect(self.satisfaction.show_ticket)

    # -- showing -----------------------------------------------------------------------

    def show_row(self, row: TicketRow | None) -> None:
        """The list's selection: load that ticket (already shown: the notice reloads it)."""
        if row is None:
            self.detail.clear()
        elif row.id != self.detail.ticket_id:
            self.load_detail(row.id, loading=row)

    def clear(self) -> None:
        self.detail.clear()

    def reload_shown(self) -> None:
        ticket_id = self.detail.ticket_id
        if ticket_id is not None:
            self.load_detail(ticket_id)

    @Slot(object)
    def _changes_announced(self, changes: Changes) -> None:
        if changes.touches_tickets() or changes.calendars:
            self.reload_shown()

    def load_detail(self, ticket_id: int, *, loading: TicketRow | None = None) -> None:
        if loading is not None:
            self.detail.show_loading(loading)
        self._request += 1
        request, ws, now = self._request, self._workspace, self._clock()
        calendars = dict(self._reference.calendars())

        def work(_context: TaskContext) -> tuple[TicketView, SlaTimeline]:
            view = _user_facing(
                lambda: load_ticket_view(ws, ticket_id, now=now, calendars=calendars)
            )
            calendar = calendars.get(view.detail.row.calendar_id or -1)
            read_clocks_live(view, calendar, now)
            detail = view.detail
            timeline = build_sla_timeline(
                detail.events,
                detail.clocks,
                calendar,
                now,
                calendar_name=detail.calendar_name or "",
                pause_statuses=pause_statuses_of(ws, detail.policy_version_id),
            )
            return view, timeline

        def done(loaded: tuple[TicketView, SlaTimeline]) -> None:
            view, timeline = loaded
            # A result for a ticket no longer selected (or superseded) is dropped.
            if request == self._request and view.detail.row.id == self.detail.ticket_id:
                calendar = calendars.get(view.detail.row.calendar_id or -1)
                self.detail.set_ticket(view, now, calendar)
                zone = calendar.zone if calendar is not None else None
                self.detail.sla_timeline.set_timeline(timeline, zone)

        self._runner.submit(tr("Open ticket"), work, on_success=done, on_failure=self.failed.emit)

    def focus_reply(self) -> None:
        if self.detail.ticket_id is None:
            self.status_message.emit(tr("Select a ticket to reply to."), 4000)
            return
        self.detail.ticket_actions.focus_reply()

    # -- changing ----------------------------------------------------------------------

    def run_action(self, action: TicketAction) -> None:
        if action.kind is ActionKind.EDIT:
            self.submit_edit(action)
            return
        ws, author, now = self._workspace, self._toolbar.me, self._clock()
        self.detail.ticket_actions.set_busy(True)

        def work(_context: TaskContext) -> TicketRow:
            return _user_facing(lambda: perform_action(ws, action, author=author, now=now))

        def done(row: TicketRow) -> None:
            self._last = action
            self.detail.ticket_actions.set_undo_available(False)
            self.detail.ticket_actions.set_busy(False)
            if action.kind in (
                ActionKind.AGENT_REPLY,
                ActionKind.CUSTOMER_REPLY,
                ActionKind.INTERNAL_NOTE,
            ):
                self.detail.ticket_actions.clear_compose()
            self._notice.announce(TICKET_WRITTEN)
            self.status_message.emit(
                tr("{action}: {ticket} updated").format(
                    action=describe_action(action), ticket=row.reference
                ),
                5000,
            )

        def failed(message: str) -> None:
            self.detail.ticket_actions.set_busy(False)
            self.detail.ticket_actions.show_message(message)
            if self.detail.ticket_id == action.ticket_id:
                self._reload_one(action.ticket_id)

        self._runner.submit(
            describe_action(action), work, writer=True, on_success=done, on_failure=failed
        )

    def submit_edit(self, action: TicketAction) -> None:
        """The staged fields as one write, one announcement; Undo may take it back."""
        ws, author, now = self._workspace, self._toolbar.me, self._clock()
        actions = self.detail.ticket_actions
        actions.set_busy(True)

        def work(_context: TaskContext) -> tuple[AppliedEdit, TicketRow] | StaleSave:
            try:
                return submit_edit(ws, action, author=author, now=now)
            except StaleTicketError as error:
                return StaleSave(str(error))
            except StoreError as error:
                raise UserFacingError(str(error)) from error

        def done(result: tuple[AppliedEdit, TicketRow] | StaleSave) -> None:
            if isinstance(result, StaleSave):
                actions.set_busy(False)
                actions.show_stale(result.message)
                self.status_message.emit(result.message, 8000)
                return
            edit, row = result
            self._last = edit
            actions.set_busy(False)
            actions.discard_staged()
            actions.set_undo_available(True)
            actions.show_message(
                tr("{ticket} updated. Undo (Ctrl+Z) within {seconds} seconds.").format(
                    ticket=row.reference, seconds=UNDO_SECONDS
                )
            )
            self._notice.announce(TICKET_WRITTEN)
            self.status_message.emit(
                tr("Changes applied to {ticket}").format(ticket=row.reference), 5000
            )

        self._runner.submit(
            describe_action(action),
            work,
            writer=True,
            on_success=done,
            on_failure=partial(self._refused, action.ticket_id),
        )

    def run_bulk_edit(self, action: BulkAction) -> None:
        """One edit of several tickets (the row menu on a selection), as one write: all
        of them or, refused, none; Undo takes it back as one."""
        ws, author, now = self._workspace, self._toolbar.me, self._clock()
        actions = self.detail.ticket_actions
        actions.set_busy(True)

        def work(_context: TaskContext) -> BulkEdit:
            return _user_facing(
                lambda: apply_bulk_edit(ws, action.targets, action.fields, author=author, now=now)
            )

        def done(bulk: BulkEdit) -> None:
            self._last = bulk
            actions.set_busy(False)
            actions.set_undo_available(True)
            changed = len(bulk.edits)
            text = trn("{n} ticket updated", "{n} tickets updated", changed).format(
                n=formatting.count(changed)
            )
            if bulk.unchanged:
                text = tr("{updated} ({kept} had it already)").format(
                    updated=text, kept=formatting.count(len(bulk.unchanged))
                )
            actions.show_message(
                tr("{done}. Undo (Ctrl+Z) within {seconds} seconds.").format(
                    done=text, seconds=UNDO_SECONDS
                )
            )
            self._notice.announce(TICKET_WRITTEN)
            self.status_message.emit(text, 5000)

        def refused(message: str) -> None:
            self._say_refused(message)
            self._notice.announce(TICKET_WRITTEN)  # the list shows what is stored now

        self._runner.submit(
            tr("Change several tickets"), work, writer=True, on_success=done, on_failure=refused
        )

    def undo(self) -> None:
        """Take the last applied edit back, where the log and the time allow."""
        actions = self.detail.ticket_actions
        last = self._last
        if last is None:
            actions.show_message(tr("Nothing to undo."))
            return
        if isinstance(last, BulkEdit):
            self._undo_bulk(last)
            return
        if isinstance(last, TicketAction):
            actions.show_message(
                tr("A reply cannot be undone: it was sent to the requester.")
                if last.kind is ActionKind.AGENT_REPLY
                else tr("A message already added to the ticket's history cannot be undone.")
            )
            return
        ws, author, now = self._workspace, self._toolbar.me, self._clock()
        actions.set_busy(True)

        def work(_context: TaskContext) -> tuple[AppliedEdit, TicketRow]:
            return _user_facing(lambda: undo_last_edit(ws, last, author=author, now=now))

        def done(result: tuple[AppliedEdit, TicketRow]) -> None:
            _undone, row = result
            self._last = None
            actions.set_busy(False)
            actions.set_undo_available(False)
            actions.show_message(
                tr("Undone: {ticket} is back as it was.").format(ticket=row.reference)
            )
            self._notice.announce(TICKET_WRITTEN)
            self.status_message.emit(tr("Undone on {ticket}").format(ticket=row.reference), 5000)

        def refused(message: str) -> None:
            self._last = None
            actions.set_undo_available(False)
            self._refused(last.ticket_id, message)

        self._runner.submit(tr("Undo"), work, writer=True, on_success=done, on_failure=refused)

    def _undo_bulk(self, bulk: BulkEdit) -> None:
        ws, author, now = self._workspace, self._toolbar.me, self._clock()
        actions = self.detail.ticket_actions
        actions.set_busy(True)

        def work(_context: TaskContext) -> BulkEdit:
            return _user_facing(lambda: undo_bulk_edit(ws, bulk, author=author, now=now))

        def done(undone: BulkEdit) -> None:
            self._last = None
            actions.set_busy(False)
            actions.set_undo_available(False)
            count = len(undone.edits)
            text = trn(
                "Undone: {n} ticket is back as it was.",
                "Undone: {n} tickets are back as they were.",
                count,
            ).format(n=formatting.count(count))
            actions.show_message(text)
            self._notice.announce(TICKET_WRITTEN)
            self.status_message.emit(text, 5000)

        def refused(message: str) -> None:
            self._last = None
            actions.set_undo_available(False)
            self._say_refused(message)

        self._runner.submit(tr("Undo"), work, writer=True, on_success=done, on_failure=refused)

    def _refused(self, ticket_id: int, message: str) -> None:
        self._say_refused(message)
        if self.detail.ticket_id == ticket_id:
            self._reload_one(ticket_id)

    def _say_refused(self, message: str) -> None:
        """A change was refused: the pane is free again and says why, as does the bar."""
        self.detail.ticket_actions.set_busy(False)
        self.detail.ticket_actions.show_message(message)
        self.status_message.emit(message, 8000)

    def _reload_after_stale(self) -> None:
        """Reload or "Reload and re-apply" after a stale edit: the pane keeps (or has
        dropped) what is staged; the fresh row restages it on the ticket as it is now."""
        ticket_id = self.detail.ticket_id
        if ticket_id is not None:
            self._reload_one(ticket_id)

    def _reload_one(self, ticket_id: int) -> None:
        """After a refused change: the list's row and the pane show what is stored now."""
        ws = self._workspace

        def done(row: TicketRow) -> None:
            self._model.update_row(row)
            if self.detail.ticket_id == row.id:
                self.load_detail(row.id)

        self._runner.submit(
            tr("Reload ticket"), lambda _c: reload_row(ws, ticket_id), on_success=done
        )

    def new_ticket(self) -> None:
        """Read the known contacts in the background, then ask for the new ticket."""
        ws = self._workspace
        self._runner.submit(
            tr("Read contacts"),
            lambda _c: load_contacts(ws),
            on_success=self._ask_new_ticket,
            on_failure=self.failed.emit,
        )

    def _ask_new_ticket(self, contacts: list[str]) -> None:
        dialog = NewTicketDialog(
            self._reference.options,
            me=self._toolbar.agent_name(),
            contacts=contacts,
            parent=self.detail.window(),
        )
        if dialog.exec() != NewTicketDialog.DialogCode.Accepted:
            return
        self.create_ticket(dialog.new_ticket())

    def create_ticket(self, ticket: NewTicket) -> None:
        ws, author, now = self._workspace, self._toolbar.me, self._clock()

        def work(_context: TaskContext) -> int:
            return _user_facing(lambda: create_ticket(ws, ticket, author=author, now=now))

        def done(ticket_id: int) -> None:
            self._notice.announce(TICKET_WRITTEN)
            self.created.emit(ticket_id)

        self._runner.submit(
            tr("Create ticket"), work, writer=True, on_success=done, on_failure=self.failed.emit
        )
