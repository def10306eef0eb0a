"""The ticket list's row menu: a right-click on a ticket selects it (the detail pane shows
it, and says how each change went) and offers the changes a lead makes from a queue
without opening the fields: assign it to the agent the window works as, set its priority
or status, copy its reference. Each change is the detail pane's own edit (one write,
undoable, refused when another desk changed the ticket first)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication
from PySide6.QtWidgets import QMenu, QTableView

from slaworkbench.app.tickets.edits import FieldValues
from slaworkbench.app.tickets.workbench import ActionKind, TicketAction
from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.domain.model import Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.tickets.list.right_press import RightPress
from slaworkbench.ui.tickets.list.table_model import TicketTableModel


class TicketRowMenu(QObject):
    """Owns the rows' context menu; ``menu`` is the one open (for tests and a11y)."""

    action_requested = Signal(object)
    """A ``TicketAction`` (an edit of the ticket right-clicked)."""

    def __init__(
        self, table: QTableView, model: TicketTableModel, me: Callable[[], str | None]
    ) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._me = me
        self.menu: QMenu | None = None
        self._viewport = table.viewport()
        # A right-click selects the row under it and opens the menu at once (the Menu
        # key goes through ``customContextMenuRequested``, on the current row).
        self._right_press = RightPress(table, self._viewport, self._pressed, self._requested)

    def _pressed(self, position: QPoint) -> None:
        index = self._table.indexAt(position)
        if index.isValid():
            self._table.selectRow(index.row())
            self._open(index.row(), position)

    def _requested(self, position: QPoint) -> None:
        if self.menu is not None and self.menu.isVisible():
            return
        index = self._table.indexAt(position)
        if not index.isValid():
            index = self._table.currentIndex()
            position = self._table.visualRect(index).center()
        if index.isValid():
            self._open(index.row(), position)

    def build_menu(self, row: TicketRow) -> QMenu:
        menu = QMenu(self._table)
        menu.setObjectName("ticket_row_menu")
        me = self._me()
        assign = menu.addAction(
            tr("Assign to me ({name})").format(name=me) if me else tr("Assign to me")
        )
        assign.setObjectName("assign_to_me")
        assign.setEnabled(bool(me) and row.assignee != me)
        if not me:
            assign.setToolTip(tr("Choose who you are working as in the toolbar first"))
        assign.triggered.connect(lambda: self._edit(row, FieldValues(assignee=me or "")))

        # One of each: the value the ticket has is ticked and shut (nothing to change).
        submenus = (
            (
                tr("Priority"),
                "priority_menu",
                [(priority_label(p), p is row.priority, FieldValues(priority=p)) for p in Priority],
            ),
            (
                tr("Status"),
                "status_menu",
                [(status_label(s), s is row.status, FieldValues(status=s)) for s in Status],
            ),
        )
        for title, name, choices in submenus:
            submenu = menu.addMenu(title)
            submenu.menuAction().setObjectName(name)
            for text, current, fields in choices:
                self._choice(
                    submenu, text, current, lambda _checked=False, f=fields: self._edit(row, f)
                )
        menu.addSeparator()
        copy = menu.addAction(tr("Copy {reference}").format(reference=row.reference))
        copy.setObjectName("copy_reference")
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(row.reference))
        return menu

    @staticmethod
    def _choice(menu: QMenu, text: str, current: bool, chosen: Callable[..., None]) -> None:
        group = menu.findChild(QActionGroup) or QActionGroup(menu)  # one of: radio marks
        action = QAction(text, menu)
        action.setCheckable(True)
        group.addAction(action)
        action.setChecked(current)
        action.setEnabled(not current)
        action.triggered.connect(chosen)
        menu.addAction(action)

    def _edit(self, row: TicketRow, fields: FieldValues) -> None:
        self.action_requested.emit(
            TicketAction(ActionKind.EDIT, row.id, row.version, fields=fields)
        )

    def _open(self, position_row: int, position: QPoint) -> None:
        row = self._model.row_at(position_row)
        if row is None:  # a row not loaded yet
            return
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        self.menu = self.build_menu(row)
        self.menu.popup(self._viewport.mapToGlobal(position))
