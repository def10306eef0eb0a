"""The ticket list's table view: one selected row, movable columns sized from their cells.

The subject stretches over what the other columns leave; the others are sized from
what their cells show, so at 1024×700 the time to breach (right after the subject) is
on screen. The countdown of each metric and the next due instant are columns people
show from the header's menu (``ColumnMenu``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from slaworkbench import formatting
from slaworkbench.i18n import tr
from slaworkbench.ui.tickets.list.column_menu import DEFAULT_HIDDEN
from slaworkbench.ui.tickets.list.delegate import TicketListDelegate
from slaworkbench.ui.tickets.list.table_model import TicketTableModel


class SubjectFill(QObject):
    """The subject column takes the width the other shown columns leave, but never less
    than ``minimum`` (then the list scrolls sideways instead of squeezing the subject
    to nothing): a stretch section with a floor.

    One other column may give way (``give_way``: column and floor): while the subject
    would be narrower than ``comfortable``, that column is narrowed towards its floor
    first (the time to breach drops its clock's small name, which the delegate elides
    and its tooltip still gives). It goes back to its width — the one it was given, or
    the last one the user dragged it to in this session — when there is room again."""

    def __init__(
        self,
        table: QTableView,
        column: int,
        minimum: int,
        *,
        comfortable: int | None = None,
        give_way: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._column = column
        self._minimum = minimum
        self._comfortable = max(minimum, comfortable or minimum)
        self._give_way = give_way
        header = table.horizontalHeader()
        self._wanted = header.sectionSize(give_way[0]) if give_way else 0
        """The give-way column's width when there is room."""
        self._filling = False
        header.sectionResized.connect(self._section_resized)
        header.sectionCountChanged.connect(lambda _old, _new: self.fill())
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fill()
        return False

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if self._filling or column == self._column:
            return
        dragged = bool(QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton)
        if self._give_way and column == self._give_way[0] and dragged:
            # the user's width (a restored header's is not: it may be a squeezed one)
            self._wanted = new
        self.fill()

    def fill(self) -> None:
        table, header = self._table, self._table.horizontalHeader()
        giving = self._give_way[0] if self._give_way else -1
        if giving >= 0 and header.isSectionHidden(giving):
            giving = -1
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c not in (self._column, giving) and not header.isSectionHidden(c)
        )
        available = table.viewport().width() - others
        given = 0
        if giving >= 0 and self._give_way is not None:
            floor = min(self._give_way[1], self._wanted)
            given = max(floor, min(self._wanted, available - self._comfortable))
        width = max(self._minimum, available - given)
        self._filling = True
        try:
            if giving >= 0 and header.sectionSize(giving) != given:
                header.resizeSection(giving, given)
            if header.sectionSize(self._column) != width:
                header.resizeSection(self._column, width)
        finally:
            self._filling = False


def build_ticket_table(parent: QWidget, model: TicketTableModel) -> QTableView:
    """The table over ``model``, measured with ``parent``'s font and locale."""
    table = QTableView(parent)
    table.setObjectName("ticket_table")
    table.setModel(model)
    table.setItemDelegate(
        TicketListDelegate(
            table,
            metric_column=TicketTableModel.COL_TIME_TO_BREACH,
            metric_role=int(TicketTableModel.MetricRole),
        )
    )
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    # Several at once (Ctrl+click, Shift+click): the row menu changes them as one.
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setObjectName("ticket_header")
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    metrics = parent.fontMetrics()
    digit = metrics.horizontalAdvance("0")
    icon_and_padding = metrics.height() + 18
    header.setMinimumSectionSize(4 * digit)

    def fits(sample: str) -> int:
        return metrics.horizontalAdvance(sample) + icon_and_padding

    sample_due = formatting.date_time(dt.datetime(2026, 12, 30, 23, 59))
    small = metrics.horizontalAdvance(tr("Periodic update")) * 82 // 100  # the longest name
    widths = {
        TicketTableModel.COL_ID: metrics.horizontalAdvance("DEMO-1-0000000") + 16,
        TicketTableModel.COL_SUBJECT: 24 * digit,
        TicketTableModel.COL_TIME_TO_BREACH: fits(tr("overdue 23h 59m")) + small,
        TicketTableModel.COL_CUSTOMER: 12 * digit,
        TicketTableModel.COL_PRIORITY: metrics.horizontalAdvance(tr("Normal")) + 16,
        TicketTableModel.COL_STATUS: metrics.horizontalAdvance(tr("On hold")) + 16,
        TicketTableModel.COL_ASSIGNEE: 11 * digit,
        TicketTableModel.COL_FIRST_RESPONSE: fits(tr("overdue 23h 59m")),
        TicketTableModel.COL_NEXT_RESPONSE: fits(tr("overdue 23h 59m")),
        TicketTableModel.COL_PERIODIC_UPDATE: fits(tr("overdue 23h 59m")),
        TicketTableModel.COL_RESOLUTION: fits(tr("overdue 23h 59m")),
        TicketTableModel.COL_NEXT_DUE: fits("✗ " + sample_due),
    }
    for column, width in widths.items():
        # Never narrower than its title (Portuguese "Prioridade" is wider than "Normal"):
        # a header section clips its text rather than elide it.
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        table.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 2 * digit))
    for column in DEFAULT_HIDDEN:
        table.setColumnHidden(column, True)
    # The subject takes what the other columns leave (hiding a column gives it room).
    SubjectFill(
        table,
        TicketTableModel.COL_SUBJECT,
        16 * digit,
        comfortable=30 * digit,
        give_way=(TicketTableModel.COL_TIME_TO_BREACH, fits(tr("overdue 23h 59m"))),
    )
    table.setSortingEnabled(True)
    header.setSortIndicator(TicketTableModel.COL_TIME_TO_BREACH, Qt.SortOrder.AscendingOrder)

    def keep_indicator_on_the_order(column: int, _order: Qt.SortOrder) -> None:
        # A column the store cannot order by leaves the list (and the arrow) as it was.
        if not model.sortable(column):
            header.blockSignals(True)
            order = (
                Qt.SortOrder.DescendingOrder
                if model.query.descending
                else (Qt.SortOrder.AscendingOrder)
            )
            header.setSortIndicator(model.sort_column(), order)
            header.blockSignals(False)

    header.sortIndicatorChanged.connect(keep_indicator_on_the_order)
    table.setAccessibleName(tr("Tickets"))
    return table
