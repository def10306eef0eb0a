"""Who gets desktop notifications, and when: quiet hours, which tickets, working time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from PySide6.QtCore import QSettings, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QWidget,
)

from slaworkbench.app.tickets.breach_schedule import Alert, QuietHours
from slaworkbench.i18n import tr


class AlertScope(StrEnum):
    ALL = "all"
    MINE_AND_UNASSIGNED = "mine_and_unassigned"
    MINE = "mine"


@dataclass(frozen=True, slots=True)
class AlertSettings:
    enabled: bool = True
    scope: AlertScope = AlertScope.ALL
    quiet_enabled: bool = False
    quiet_start: time = time(20, 0)
    quiet_end: time = time(8, 0)
    calendar_id: int | None = None
    """Notify only during this calendar's working time (None: any time)."""

    def quiet_hours(self, timezone: str) -> QuietHours | None:
        if not self.quiet_enabled:
            return None
        return QuietHours(self.quiet_start, self.quiet_end, timezone)

    def wants(self, alert: Alert, me: str | None) -> bool:
        if self.scope is AlertScope.ALL:
            return True
        if self.scope is AlertScope.MINE_AND_UNASSIGNED and alert.assignee is None:
            return True
        return me is not None and (alert.assignee == me or me in alert.recipients)

    # -- persistence -------------------------------------------------------------------
    @classmethod
    def load(cls, settings: QSettings) -> AlertSettings:
        defaults = cls()

        def read_time(key: str, default: time) -> time:
            text = str(settings.value(key, default.strftime("%H:%M")))
            try:
                hours, minutes = (int(part) for part in text.split(":"))
                return time(hours, minutes)
            except ValueError:
                return default

        try:
            scope = AlertScope(str(settings.value("alerts/scope", AlertScope.ALL.value)))
        except ValueError:
            scope = AlertScope.ALL
        calendar = settings.value("alerts/calendar_id")
        return cls(
            enabled=_as_bool(settings.value("alerts/enabled", True)),
            scope=scope,
            quiet_enabled=_as_bool(settings.value("alerts/quiet_enabled", False)),
            quiet_start=read_time("alerts/quiet_start", defaults.quiet_start),
            quiet_end=read_time("alerts/quiet_end", defaults.quiet_end),
            calendar_id=int(calendar) if calendar not in (None, "", "None") else None,
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue("alerts/enabled", self.enabled)
        settings.setValue("alerts/scope", self.scope.value)
        settings.setValue("alerts/quiet_enabled", self.quiet_enabled)
        settings.setValue("alerts/quiet_start", self.quiet_start.strftime("%H:%M"))
        settings.setValue("alerts/quiet_end", self.quiet_end.strftime("%H:%M"))
        settings.setValue(
            "alerts/calendar_id", "" if self.calendar_id is None else self.calendar_id
        )


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)


class AlertSettingsDialog(QDialog):
    """Edits ``AlertSettings``; calendars are offered by name."""

    def __init__(
        self,
        current: AlertSettings,
        calendars: dict[int, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("SLA alert settings"))
        self.enabled = QCheckBox(tr("Show desktop notifications for SLA alerts"), self)
        self.enabled.setChecked(current.enabled)
        self.scope = QComboBox(self)
        for scope, label in (
            (AlertScope.ALL, tr("Every ticket")),
            (AlertScope.MINE_AND_UNASSIGNED, tr("My tickets and unassigned ones")),
            (AlertScope.MINE, tr("Only my tickets")),
        ):
            self.scope.addItem(label, scope.value)
        self.scope.setCurrentIndex(max(0, self.scope.findData(current.scope.value)))
        self.quiet = QCheckBox(tr("Quiet hours from"), self)
        self.quiet.setChecked(current.quiet_enabled)
        self.quiet_start = QTimeEdit(QTime(current.quiet_start.hour, current.quiet_start.minute))
        self.quiet_end = QTimeEdit(QTime(current.quiet_end.hour, current.quiet_end.minute))
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel(tr("to"), self))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        self.calendar = QComboBox(self)
        self.calendar.addItem(tr("At any time"), None)
        for calendar_id, name in sorted(calendars.items(), key=lambda item: item[1].lower()):
            self.calendar.addItem(
                tr("During working time of “{name}”").format(name=name), calendar_id
            )
        self.calendar.setCurrentIndex(max(0, self.calendar.findData(current.calendar_id)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(tr("Notify for"), self.scope)
        form.addRow(quiet_row)
        form.addRow(tr("Notify"), self.calendar)
        form.addRow(QLabel(tr("Muted alerts still appear in the Alerts list of the window."), self))
        form.addRow(buttons)

    def settings(self) -> AlertSettings:
        start, end = self.quiet_start.time(), self.quiet_end.time()
        return AlertSettings(
            enabled=self.enabled.isChecked(),
            scope=AlertScope(self.scope.currentData()),
            quiet_enabled=self.quiet.isChecked(),
            quiet_start=time(start.hour(), start.minute()),
            quiet_end=time(end.hour(), end.minute()),
            calendar_id=self.calendar.currentData(),
        )
