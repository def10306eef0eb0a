"""The first tickets of an import, exactly as they will be stored (a dry run's preview)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import TicketRecord
from slaworkbench.ui.explanation_view import local_text

Index = QModelIndex | QPersistentModelIndex


class ImportPreviewModel(QAbstractTableModel):
    """Read-only rows of ``TicketRecord``; file text is shown as plain text, never markup."""

    (
        COL_ID,
        COL_SUBJECT,
        COL_STATUS,
        COL_PRIORITY,
        COL_CREATED,
        COL_EVENTS,
        COL_TEAM,
        COL_ASSIGNEE,
    ) = range(8)
    SortRole = Qt.ItemDataRole.UserRole + 1
    TicketRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None, *, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TicketRecord] = []
        self._locale = locale or QLocale()
        self._headers = [
            tr("Ticket id"),
            tr("Subject"),
            tr("Status"),
            tr("Priority"),
            tr("Created"),
            tr("Events"),
            tr("Team"),
            tr("Assignee"),
        ]

    def set_rows(self, rows: Sequence[TicketRecord]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def ticket(self, row: int) -> TicketRecord:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ticket, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(ticket, column)
        if role == self.SortRole:
            return self._sort_key(ticket, column)
        if role == self.TicketRole:
            return ticket
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_EVENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, ticket: TicketRecord, column: int) -> str:
        if column == self.COL_ID:
            return ticket.external_id
        if column == self.COL_SUBJECT:
            return ticket.subject
        if column == self.COL_STATUS:
            return status_label(ticket.status)
        if column == self.COL_PRIORITY:
            return priority_label(ticket.priority)
        if column == self.COL_CREATED:
            return local_text(ticket.created_at)
        if column == self.COL_EVENTS:
            return self._locale.toString(len(ticket.event_rows))
        if column == self.COL_TEAM:
            return ticket.team or "—"
        return ticket.assignee or "—"

    def _sort_key(self, ticket: TicketRecord, column: int) -> Any:
        if column == self.COL_CREATED:
            return ticket.created_at
        if column == self.COL_EVENTS:
            return len(ticket.event_rows)
        return self._text(ticket, column).casefold()
