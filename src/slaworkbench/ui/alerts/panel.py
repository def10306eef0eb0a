"""The in-app list of SLA alerts; activating one opens its ticket."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from slaworkbench import formatting
from slaworkbench.app.tickets.breach_schedule import Alert, AlertKind
from slaworkbench.i18n import tr

ModelIndex = QModelIndex | QPersistentModelIndex


class AlertListModel(QAbstractListModel):
    """Alerts, newest first, capped so a long session cannot grow without bound."""

    TicketIdRole = Qt.ItemDataRole.UserRole + 1
    """The alert's ticket id, a plain ``int`` (Qt roles hold plain values, not objects)."""
    MAX_ALERTS = 500

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._alerts: list[Alert] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._alerts)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._alerts):
            return None
        alert = self._alerts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe_alert(alert)
        if role == Qt.ItemDataRole.ToolTipRole:
            return html.escape(describe_alert(alert))
        if role == Qt.ItemDataRole.ForegroundRole and alert.kind is AlertKind.BREACHED:
            return QColor("#c0392b") if _is_light() else QColor("#ff7b72")
        if role == self.TicketIdRole:
            return alert.ticket_id
        return None

    def add(self, alert: Alert) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._alerts.insert(0, alert)
        self.endInsertRows()
        if len(self._alerts) > self.MAX_ALERTS:
            last = len(self._alerts) - 1
            self.beginRemoveRows(QModelIndex(), self.MAX_ALERTS, last)
            del self._alerts[self.MAX_ALERTS :]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._alerts.clear()
        self.endResetModel()

    def alerts(self) -> list[Alert]:
        return list(self._alerts)


def _is_light() -> bool:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return True
    window = app.palette().color(QPalette.ColorRole.Window)
    return bool(window.lightness() >= 128)


def describe_alert(alert: Alert) -> str:
    """One line, in the user's locale and local time; the subject stays plain text."""
    stamp = formatting.date_time(dt.datetime.fromtimestamp(alert.at, dt.UTC).astimezone())
    if alert.kind is AlertKind.BREACHED:
        text = tr("{time} — ⛔ {ticket} breached its SLA: {subject}")
    elif alert.kind is AlertKind.ESCALATED:
        text = tr("{time} — ⏫ {ticket} escalated: {subject}")
    else:
        text = tr("{time} — ⚠ {ticket} is at risk: {subject}")
    return text.format(time=stamp, ticket=alert.name, subject=alert.subject)


class AlertsPanel(QWidget):
    """A list of the alerts of this session; double-click or Enter opens the ticket."""

    open_ticket_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AlertListModel(self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.activated.connect(self._activated)
        self.empty_label = QLabel(self.tr("No SLA alerts in this session."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        clear = QPushButton(self.tr("Clear"), self)
        clear.clicked.connect(self.model.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view)
        layout.addWidget(clear, 0, Qt.AlignmentFlag.AlignRight)
        self.model.rowsInserted.connect(self._update_empty)
        self.model.modelReset.connect(self._update_empty)
        self._update_empty()

    def add_alert(self, alert: Alert) -> None:
        self.model.add(alert)

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        self.empty_label.setVisible(empty)
        self.view.setVisible(not empty)

    def _activated(self, index: QModelIndex) -> None:
        ticket_id = index.data(AlertListModel.TicketIdRole)
        if isinstance(ticket_id, int):
            self.open_ticket_requested.emit(ticket_id)


__all__ = ["AlertListModel", "AlertsPanel", "describe_alert"]
