"""The rows an import leaves out: line (the header is line 1), column and reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from slaworkbench.i18n import tr
from slaworkbench.store.importing.records import Rejection
from slaworkbench.ui.record_table_model import RecordTableModel


class RejectionTableModel(RecordTableModel[Rejection]):
    """Read-only rows of ``Rejection``; the reason quotes file text, shown as plain text."""

    COL_LINE, COL_COLUMN, COL_REASON = range(3)
    NUMERIC_COLUMNS = frozenset({COL_LINE})

    def __init__(self, parent: QWidget | None = None, *, locale: QLocale | None = None) -> None:
        super().__init__([tr("Line"), tr("Column"), tr("Reason")], parent, locale=locale)

    def rejection(self, row: int) -> Rejection:
        return self.record(row)

    def text(self, record: Rejection, column: int) -> str:
        if column == self.COL_LINE:
            return self._locale.toString(record.line)
        if column == self.COL_COLUMN:
            return record.column or tr("(whole row)")
        return record.reason

    def sort_key(self, record: Rejection, column: int) -> Any:
        if column == self.COL_LINE:
            return record.line
        if column == self.COL_COLUMN:
            return (record.column or "").casefold()
        return record.reason.casefold()
