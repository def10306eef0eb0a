"""The ticket list's header menu: show, hide and reorder columns.

Right-click a column's header: "Move “Customer” left/right" moves that column (the
header's sections can also be dragged), then one "Hide …" or "Show …" item per
column in the order shown (any metric's countdown can be shown as a column), and
"Reset columns". Subject cannot be hidden: it takes the space the others leave. The
header's state (order, sizes, hidden columns) is saved with the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from slaworkbench.i18n import tr
from slaworkbench.ui.tickets.list.right_press import RightPress
from slaworkbench.ui.tickets.list.table_model import TicketTableModel

DEFAULT_HIDDEN = (
    TicketTableModel.COL_FIRST_RESPONSE,
    TicketTableModel.COL_NEXT_RESPONSE,
    TicketTableModel.COL_PERIODIC_UPDATE,
    TicketTableModel.COL_RESOLUTION,
    TicketTableModel.COL_NEXT_DUE,
    TicketTableModel.COL_OLA,
)
"""Shown on demand: the time-to-breach column already counts the most urgent clock."""
ALWAYS_SHOWN = (TicketTableModel.COL_SUBJECT,)


class ColumnMenu(QObject):
    """Owns the header's context menu; ``menu`` is the one open (for tests and a11y)."""

    columns_changed = Signal()

    def __init__(self, table: QTableView, model: TicketTableModel) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self.menu: QMenu | None = None
        header = table.horizontalHeader()
        # A right-click opens the menu at once (the Menu key, or a platform that sends
        # only a context-menu event, goes through ``customContextMenuRequested``).
        self._right_press = RightPress(header, header.viewport(), self._open, self._requested)

    def _requested(self, position: QPoint) -> None:
        if self.menu is None or not self.menu.isVisible():
            self._open(position)

    @property
    def header(self) -> QHeaderView:
        return self._table.horizontalHeader()

    def visible_columns(self) -> list[int]:
        """The logical columns shown, in the order shown."""
        header = self.header
        return [
            header.logicalIndex(v)
            for v in range(header.count())
            if not header.isSectionHidden(header.logicalIndex(v))
        ]

    def build_menu(self, column: int) -> QMenu:
        """The menu for a right-click on ``column`` (-1: outside every section)."""
        menu = QMenu(self._table)
        menu.setObjectName("ticket_column_menu")
        if column >= 0:
            title = self._model.column_title(column)
            shown = self.visible_columns()
            left = menu.addAction(tr("Move “{column}” left").format(column=title))
            left.setEnabled(bool(shown) and shown[0] != column)
            left.triggered.connect(lambda: self.move(column, -1))
            right = menu.addAction(tr("Move “{column}” right").format(column=title))
            right.setEnabled(bool(shown) and shown[-1] != column)
            right.triggered.connect(lambda: self.move(column, 1))
            menu.addSeparator()
        header = self.header
        for visual in range(header.count()):
            logical = header.logicalIndex(visual)
            menu.addAction(self._toggle_action(menu, logical))
        menu.addSeparator()
        reset = menu.addAction(tr("Reset columns"))
        reset.triggered.connect(self.reset)
        return menu

    def _toggle_action(self, menu: QMenu, column: int) -> QAction:
        title = self._model.column_title(column)
        hidden = self._table.isColumnHidden(column)
        text = tr("Show {column}") if hidden else tr("Hide {column}")
        action = QAction(text.format(column=title), menu)
        action.setEnabled(column not in ALWAYS_SHOWN)
        action.triggered.connect(lambda: self.set_shown(column, hidden))
        return action

    def _open(self, position: QPoint) -> None:
        column = self.header.logicalIndexAt(position)
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        self.menu = self.build_menu(column)
        self.menu.popup(self.header.viewport().mapToGlobal(position))

    # -- changes -----------------------------------------------------------------------

    def set_shown(self, column: int, shown: bool) -> None:
        if column in ALWAYS_SHOWN and not shown:
            return
        self._table.setColumnHidden(column, not shown)
        if shown and self.header.sectionSize(column) < 40:
            self._table.resizeColumnToContents(column)
        self.columns_changed.emit()

    def show_beside_time_to_breach(self, column: int) -> None:
        """Show ``column`` right after the time-to-breach column (a dashboard click on a
        metric's clocks shows that clock), where it is on screen at any width."""
        header = self.header
        if not self._table.isColumnHidden(column):
            return
        self.set_shown(column, True)
        target = header.visualIndex(TicketTableModel.COL_TIME_TO_BREACH) + 1
        header.moveSection(header.visualIndex(column), min(target, header.count() - 1))

    def move(self, column: int, step: int) -> None:
        """Move ``column`` past its visible neighbour on the left (-1) or right (1)."""
        shown = self.visible_columns()
        if column not in shown:
            return
        place = shown.index(column) + step
        if not 0 <= place < len(shown):
            return
        header = self.header
        header.moveSection(header.visualIndex(column), header.visualIndex(shown[place]))
        self.columns_changed.emit()

    def reset(self) -> None:
        """Every column in the model's order, the countdowns per metric hidden."""
        header = self.header
        for column in range(header.count()):
            header.moveSection(header.visualIndex(column), column)
            self._table.setColumnHidden(column, column in DEFAULT_HIDDEN)
        self.columns_changed.emit()
