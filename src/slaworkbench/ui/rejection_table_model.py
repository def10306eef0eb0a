"""The rows an import leaves out: line (the header is line 1), column and reason."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import Rejection

Index = QModelIndex | QPersistentModelIndex


class RejectionTableModel(QAbstractTableModel):
    """Read-only rows of ``Rejection``; the reason quotes file text, shown as plain text."""

    COL_LINE, COL_COLUMN, COL_REASON = range(3)
    SortRole = Qt.ItemDataRole.UserRole + 1
    RejectionRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QWidget | None = None, *, locale: QLocale | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Rejection] = []
        self._locale = locale or QLocale()
        self._headers = [tr("Line"), tr("Column"), tr("Reason")]

    def set_rows(self, rows: Sequence[Rejection]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rejection(self, row: int) -> Rejection:
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
        rejection, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == self.COL_LINE:
                return self._locale.toString(rejection.line)
            if column == self.COL_COLUMN:
                return rejection.column or tr("(whole row)")
            return rejection.reason
        if role == self.SortRole:
            if column == self.COL_LINE:
                return rejection.line
            if column == self.COL_COLUMN:
                return (rejection.column or "").casefold()
            return rejection.reason.casefold()
        if role == self.RejectionRole:
            return rejection
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
