"""The one filter bar every dashboard chart follows: period, team, customer, priority."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.domain.labels import priority_label
from slaworkbench.i18n import marked, tr
from slaworkbench.ui.dashboard.chart_theme import PRIORITIES
from slaworkbench.ui.date_edit import date_edit_format

PRESETS = (
    ("30d", marked("Last 30 days")),
    ("90d", marked("Last 90 days")),
    ("12m", marked("Last 12 months")),
    ("ytd", marked("This year")),
    ("custom", marked("Custom period")),
)


def preset_period(key: str, today: dt.date) -> tuple[dt.date, dt.date]:
    if key == "30d":
        return today - dt.timedelta(days=29), today
    if key == "90d":
        return today - dt.timedelta(days=89), today
    if key == "ytd":
        return today.replace(month=1, day=1), today
    first = (today.replace(day=1) - dt.timedelta(days=334)).replace(day=1)
    return first, today


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FilterBar(QWidget):
    """Emits ``filters_changed(Filters)`` once per change (edits are debounced a little)."""

    filters_changed = Signal(object)
    refresh_requested = Signal()

    def __init__(self, tz: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tz = tz
        self._today = today
        self.preset = QComboBox()
        for key, text in PRESETS:
            self.preset.addItem(tr(text), key)
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_edit_format())
        self.team = QComboBox()
        self.customer = QComboBox()
        self.priority = QComboBox()
        self.priority.addItem(tr("All priorities"), None)
        for p in PRIORITIES:
            self.priority.addItem(priority_label(p), p)
        self.set_options([], [])
        self.refresh = QPushButton(tr("Refresh"))
        self.refresh.setToolTip(tr("Load the charts again from the workspace"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        period_label = QLabel(tr("Period"))
        period_label.setBuddy(self.preset)
        layout.addWidget(period_label)
        layout.addWidget(self.preset)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.date_to)
        layout.addSpacing(12)
        for text, combo in (
            (tr("Team"), self.team),
            (tr("Customer"), self.customer),
            (tr("Priority"), self.priority),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
        layout.addStretch(1)
        layout.addWidget(self.refresh)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(lambda: self.filters_changed.emit(self.filters()))
        self._applying = False
        self.preset.setCurrentIndex(self.preset.findData("12m"))
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._apply_preset)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._dates_edited)
        for combo in (self.team, self.customer, self.priority):
            combo.currentIndexChanged.connect(self._changed)
        self.refresh.clicked.connect(self.refresh_requested)

    def set_options(self, teams: list[str], customers: list[str]) -> None:
        """Fill the team and customer pickers, keeping the current choices when possible."""
        for combo, names, everyone in (
            (self.team, teams, tr("All teams")),
            (self.customer, customers, tr("All customers")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for name in names:
                combo.addItem(name, name)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def filters(self) -> Filters:
        return Filters(
            date_from=_to_date(self.date_from.date()),
            date_to=_to_date(self.date_to.date()),
            team=self.team.currentData(),
            customer=self.customer.currentData(),
            priority=self.priority.currentData(),
            tz=self.tz,
        )

    def set_filters(self, filters: Filters) -> None:
        """Show ``filters`` (a custom period) and emit them once."""
        self._applying = True
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.date_from.setDate(_qdate(filters.date_from))
        self.date_to.setDate(_qdate(filters.date_to))
        for combo, value in (
            (self.team, filters.team),
            (self.customer, filters.customer),
            (self.priority, filters.priority),
        ):
            combo.setCurrentIndex(max(0, combo.findData(value)) if value else 0)
        self._applying = False
        self._debounce.stop()
        self.filters_changed.emit(self.filters())

    def _apply_preset(self) -> None:
        key = self.preset.currentData()
        if key == "custom":
            return
        start, end = preset_period(key, self._today)
        self._applying = True
        self.date_from.setDate(_qdate(start))
        self.date_to.setDate(_qdate(end))
        self._applying = False
        self._changed()

    def _dates_edited(self) -> None:
        if self._applying:
            return
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData("custom"))
        self.preset.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        if not self._applying:
            self._debounce.start()


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
