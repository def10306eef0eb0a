"""The ticket list's table view: one selected row, movable columns sized from their cells."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from slaworkbench.i18n import tr
from slaworkbench.ui.tickets.table_model import TicketTableModel


def build_ticket_table(parent: QWidget, model: TicketTableModel) -> QTableView:
    """The table over ``model``, measured with ``parent``'s font and locale."""
    table = QTableView(parent)
    table.setObjectName("ticket_table")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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

    def fits(sample: str) -> int:
        return metrics.horizontalAdvance(sample) + icon_and_padding

    sample_due = parent.locale().toString(
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
        table.setColumnWidth(column, width)
    # The subject takes what the other columns leave, so the countdowns always show.
    header.setSectionResizeMode(TicketTableModel.COL_SUBJECT, QHeaderView.ResizeMode.Stretch)
    table.setSortingEnabled(True)
    header.setSortIndicator(TicketTableModel.COL_NEXT_DUE, Qt.SortOrder.AscendingOrder)
    table.setAccessibleName(tr("Tickets"))
    return table
