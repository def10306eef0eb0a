"""Adding holidays from outside: public holidays of a country and region, or an .ics file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.app.policies.calendar_import import (
    HolidayImportError,
    holidays_from_ics,
    public_holidays,
    supported_countries,
)
from slaworkbench.domain.calendar.spec import Holiday
from slaworkbench.i18n import tr, trn
from slaworkbench.ui.policy.common import ErrorLabel, fit_date_column, format_date


class HolidayImportDialog(QDialog):
    """Pick a country, a region (optional) and years; the list shows what will be added."""

    def __init__(self, parent: QWidget | None = None, *, default_country: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import public holidays"))
        self._countries = supported_countries()
        self._holidays: list[Holiday] = []

        self.country = QComboBox()
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        model = QStandardItemModel(self)
        for country in self._countries:
            item = QStandardItem(f"{country.name} ({country.code})")
            item.setData(country.code, Qt.ItemDataRole.UserRole)
            model.appendRow(item)
        self.country.setModel(model)
        completer = QCompleter(model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.country.setCompleter(completer)
        self.region = QComboBox()
        self.first_year = QSpinBox()
        self.last_year = QSpinBox()
        this_year = dt.date.today().year
        for spin in (self.first_year, self.last_year):
            spin.setRange(1950, 2100)
            spin.setValue(this_year)
            spin.setGroupSeparatorShown(False)
        years = QHBoxLayout()
        years.setContentsMargins(0, 0, 0, 0)
        years.addWidget(self.first_year)
        years.addWidget(QLabel(self.tr("to")))
        years.addWidget(self.last_year)
        years.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("&Country:"), self.country)
        form.addRow(self.tr("&Region:"), self.region)
        # A label with a mnemonic needs a buddy: the first year's box (a row of a layout
        # has none, and "&Years:" would show its ampersand).
        years_label = QLabel(self.tr("&Years:"))
        years_label.setBuddy(self.first_year)
        form.addRow(years_label, years)

        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Holiday")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 480)

        self.country.currentIndexChanged.connect(self._country_changed)
        self.region.currentIndexChanged.connect(self._refresh)
        self.first_year.valueChanged.connect(self._refresh)
        self.last_year.valueChanged.connect(self._refresh)
        start = next((i for i, c in enumerate(self._countries) if c.code == default_country), 0)
        self.country.setCurrentIndex(start)
        self._country_changed()

    def country_code(self) -> str:
        return str(self.country.currentData(Qt.ItemDataRole.UserRole) or "")

    def _country_changed(self) -> None:
        code = self.country_code()
        country = next((c for c in self._countries if c.code == code), None)
        self.region.blockSignals(True)
        self.region.clear()
        self.region.addItem(self.tr("Whole country"), None)
        for sub_code, name in country.subdivisions if country else ():
            label = name if name == sub_code else f"{name} ({sub_code})"
            self.region.addItem(label, sub_code)
        self.region.setEnabled(self.region.count() > 1)
        self.region.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        try:
            found = public_holidays(
                self.country_code(),
                self.region.currentData(),
                self.first_year.value(),
                self.last_year.value(),
            )
        except HolidayImportError as error:
            found = []
            self.error.show_error(str(error))
        else:
            self.error.show_error(None)
        self._holidays = found
        self.table.setRowCount(len(found))
        for row, holiday in enumerate(found):
            date_item = QTableWidgetItem(format_date(holiday.date))
            date_item.setData(Qt.ItemDataRole.UserRole, holiday.date.isoformat())
            self.table.setItem(row, 0, date_item)
            self.table.setItem(row, 1, QTableWidgetItem(holiday.name))
        fit_date_column(self.table)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(found))
        ok.setText(trn("Add {n} holiday", "Add {n} holidays", len(found)))

    def holidays(self) -> list[Holiday]:
        return list(self._holidays)


def ask_ics_holidays(parent: QWidget | None) -> list[Holiday] | None:
    """Ask for an .ics file and read its all-day events; ``None`` when cancelled."""
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        tr("Import holidays from an iCalendar file") if parent else "",
        "",
        tr("iCalendar files (*.ics);;All files (*)") if parent else "",
    )
    if not path:
        return None
    try:
        return holidays_from_ics(Path(path))
    except HolidayImportError as error:
        QMessageBox.warning(parent, tr("Import holidays") if parent else "", str(error))
        return None
