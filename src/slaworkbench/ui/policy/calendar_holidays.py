"""The calendar editor's holidays: the table, its buttons and the imports that fill it.

A mixin of :class:`~slaworkbench.ui.policy.calendar_editor.CalendarEditor`, which builds
the box where its form wants it and owns the change tracking (``_changed``, ``_loading``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from slaworkbench.app.policies.calendar_import import merge_holidays
from slaworkbench.domain.calendar.spec import Holiday
from slaworkbench.ui.policy.common import ErrorLabel, from_qdate, to_qdate
from slaworkbench.ui.policy.holiday_import import HolidayImportDialog, ask_ics_holidays


class CalendarHolidays:
    """The holiday rows of the calendar being edited, and the ways to add them."""

    holidays: QTableWidget
    holiday_error: ErrorLabel
    add_holiday_button: QPushButton
    remove_holiday_button: QPushButton
    import_public_button: QPushButton
    import_ics_button: QPushButton
    _loading: bool
    _changed: Callable[[], None]
    tr: Callable[[str], str]

    def _build_holidays_box(self) -> QGroupBox:
        self.holidays = QTableWidget(0, 2)
        self.holidays.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Name")])
        self.holidays.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.holidays.verticalHeader().setVisible(False)
        self.holidays.setMinimumHeight(140)
        self.holidays.setAccessibleName(self.tr("Holidays"))
        self.holidays.itemChanged.connect(lambda _item: self._changed())
        self.holiday_error = ErrorLabel()
        self.add_holiday_button = QPushButton(self.tr("&Add"))
        self.remove_holiday_button = QPushButton(self.tr("&Remove"))
        self.import_public_button = QPushButton(self.tr("Import &public holidays…"))
        self.import_ics_button = QPushButton(self.tr("Import from .&ics…"))
        self.add_holiday_button.clicked.connect(lambda: self.add_holiday())
        self.remove_holiday_button.clicked.connect(self.remove_selected_holidays)
        self.import_public_button.clicked.connect(self.import_public_holidays)
        self.import_ics_button.clicked.connect(self.import_ics)
        holiday_buttons = QHBoxLayout()
        for button in (
            self.add_holiday_button,
            self.remove_holiday_button,
            self.import_public_button,
            self.import_ics_button,
        ):
            holiday_buttons.addWidget(button)
        holiday_buttons.addStretch(1)
        holidays_box = QGroupBox(self.tr("Holidays (no working time all day)"))
        holidays_layout = QVBoxLayout(holidays_box)
        holidays_layout.addWidget(self.holidays)
        holidays_layout.addLayout(holiday_buttons)
        holidays_layout.addWidget(self.holiday_error)
        return holidays_box

    def add_holiday(self, day: dt.date | None = None, name: str = "") -> int:
        """Add a holiday row (today when no date is given); returns its row."""
        self.holidays.blockSignals(True)
        row = self.holidays.rowCount()
        self.holidays.insertRow(row)
        date_item = QTableWidgetItem()
        date_item.setData(Qt.ItemDataRole.EditRole, to_qdate(day or dt.date.today()))
        self.holidays.setItem(row, 0, date_item)
        self.holidays.setItem(row, 1, QTableWidgetItem(name))
        self.holidays.blockSignals(False)
        self.holidays.resizeColumnToContents(0)
        if day is None:
            self.holidays.setCurrentCell(row, 0)
            self.holidays.editItem(date_item)
        self._changed()
        return row

    def remove_selected_holidays(self) -> None:
        rows = sorted({index.row() for index in self.holidays.selectedIndexes()}, reverse=True)
        for row in rows:
            self.holidays.removeRow(row)
        if rows:
            self._changed()

    def holiday_list(self) -> list[Holiday]:
        found = []
        for row in range(self.holidays.rowCount()):
            date_item = self.holidays.item(row, 0)
            name_item = self.holidays.item(row, 1)
            value = date_item.data(Qt.ItemDataRole.EditRole) if date_item else None
            if isinstance(value, QDate) and value.isValid():
                found.append(
                    Holiday(from_qdate(value), name_item.text().strip() if name_item else "")
                )
        return found

    def merge_holidays(self, incoming: list[Holiday]) -> int:
        """Add the incoming holidays on dates not taken yet; returns how many were added."""
        existing = self.holiday_list()
        merged = merge_holidays(existing, incoming)
        self._loading = True
        self.holidays.setRowCount(0)
        for holiday in merged:
            self.add_holiday(holiday.date, holiday.name)
        self._loading = False
        self._changed()
        return len(merged) - len(existing)

    def import_public_holidays(self) -> None:
        dialog = HolidayImportDialog(self, default_country=self._guess_country())
        if dialog.exec() == HolidayImportDialog.DialogCode.Accepted:
            self.merge_holidays(dialog.holidays())

    def _guess_country(self) -> str:
        code = QLocale().name().partition("_")[2]
        return code or "PT"

    def import_ics(self) -> None:
        found = ask_ics_holidays(self)
        if found:
            self.merge_holidays(found)
