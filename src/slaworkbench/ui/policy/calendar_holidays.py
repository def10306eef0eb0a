"""The calendar editor's holidays: the table, its buttons and the imports that fill it.

A box the calendar editor places in its form. It knows nothing of its host: it says
``changed`` whenever the holidays change and ``check()`` says whether two share a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.policies.calendar_import import merge_holidays
from slaworkbench.domain.calendar.spec import Holiday
from slaworkbench.ui.policy.common import ErrorLabel, fit_date_column, from_qdate, to_qdate
from slaworkbench.ui.policy.holiday_import import HolidayImportDialog, ask_ics_holidays


class CalendarHolidays(QGroupBox):
    """The holiday rows of the calendar being edited, and the ways to add them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Holidays (no working time all day)"))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Name")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fit_date_column(self.table, editable=True)  # never a clipped "28/12/20…"
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(140)
        self.table.setAccessibleName(self.tr("Holidays"))
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.error = ErrorLabel()
        self.add_button = QPushButton(self.tr("&Add"))
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.import_public_button = QPushButton(self.tr("Import &public holidays…"))
        self.import_ics_button = QPushButton(self.tr("Import from .&ics…"))
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_public_button.clicked.connect(self.import_public_holidays)
        self.import_ics_button.clicked.connect(self.import_ics)
        buttons = QHBoxLayout()
        for button in self._buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.add_button,
            self.remove_button,
            self.import_public_button,
            self.import_ics_button,
        )

    def set_editable(self, editable: bool) -> None:
        for widget in (self.table, *self._buttons()):
            widget.setEnabled(editable)

    def set_holidays(self, holidays: Sequence[Holiday]) -> None:
        """Show these holidays (quietly: loading is not a change)."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for holiday in holidays:
            self._append(holiday.date, holiday.name)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)

    def _append(self, day: dt.date, name: str) -> QTableWidgetItem:
        row = self.table.rowCount()
        self.table.insertRow(row)
        date_item = QTableWidgetItem()
        date_item.setData(Qt.ItemDataRole.EditRole, to_qdate(day))
        self.table.setItem(row, 0, date_item)
        self.table.setItem(row, 1, QTableWidgetItem(name))
        return date_item

    def add(self, day: dt.date | None = None, name: str = "") -> int:
        """Add a holiday row (today, being edited, when no date is given); returns its row."""
        self.table.blockSignals(True)
        date_item = self._append(day or dt.date.today(), name)
        self.table.blockSignals(False)
        self.table.resizeColumnToContents(0)
        if day is None:
            self.table.setCurrentCell(date_item.row(), 0)
            self.table.editItem(date_item)
        self.changed.emit()
        return date_item.row()

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.changed.emit()

    def holidays(self) -> list[Holiday]:
        found = []
        for row in range(self.table.rowCount()):
            date_item = self.table.item(row, 0)
            name_item = self.table.item(row, 1)
            value = date_item.data(Qt.ItemDataRole.EditRole) if date_item else None
            if isinstance(value, QDate) and value.isValid():
                found.append(
                    Holiday(from_qdate(value), name_item.text().strip() if name_item else "")
                )
        return found

    def check(self) -> bool:
        """Whether no two holidays share a date (says which do, under the table)."""
        seen: dict[dt.date, int] = {}
        problem = None
        for number, holiday in enumerate(self.holidays(), start=1):
            if holiday.date in seen:
                problem = self.tr(
                    "Holidays {first} and {second} are on the same date; remove one."
                ).format(first=seen[holiday.date], second=number)
                break
            seen[holiday.date] = number
        self.error.show_error(problem)
        return problem is None

    def merge(self, incoming: Sequence[Holiday]) -> int:
        """Add the incoming holidays on dates not taken yet; returns how many were added."""
        existing = self.holidays()
        merged = merge_holidays(existing, list(incoming))
        self.set_holidays(merged)
        self.changed.emit()
        return len(merged) - len(existing)

    def import_public_holidays(self) -> None:
        dialog = HolidayImportDialog(self, default_country=self._guess_country())
        if dialog.exec() == HolidayImportDialog.DialogCode.Accepted:
            self.merge(dialog.holidays())

    def _guess_country(self) -> str:
        code = QLocale().name().partition("_")[2]
        return code or "PT"

    def import_ics(self) -> None:
        found = ask_ics_holidays(self)
        if found:
            self.merge(found)
