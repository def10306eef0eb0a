"""Small pieces the policy and calendar editors share: inline errors, locale formatting,
a wheel guard for fields in scrolling forms, and list completion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCompleter,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QTableView,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.ui.theme import system_prefers_dark

INVALID_PROPERTY = "invalid"


def error_color() -> str:
    return "#ff9a9a" if system_prefers_dark() else "#a3001b"


def mark_invalid(widget: QWidget, invalid: bool, message: str = "") -> None:
    """Give a field a red frame (and its message as tooltip) while its input is wrong."""
    if bool(widget.property(INVALID_PROPERTY)) == invalid and widget.toolTip() == message:
        return
    widget.setProperty(INVALID_PROPERTY, invalid)
    widget.setToolTip(message)
    widget.setStyleSheet(f"border: 1px solid {error_color()};" if invalid else "")


class ErrorLabel(QLabel):
    """A sentence under a field that says what is wrong; hidden while all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_color())
        self.setPalette(palette)
        self.setAccessibleName(self.tr("Error"))

    def show_error(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


class HintLabel(QLabel):
    """Secondary text (previews, explanations) in the palette's placeholder colour."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        palette = self.palette()
        palette.setColor(
            QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
        )
        self.setPalette(palette)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def format_date(day: dt.date, *, long: bool = False) -> str:
    return formatting.long_date(day) if long else formatting.date(day)


def fit_date_column(table: QTableView, column: int = 0, *, editable: bool = False) -> None:
    """Make ``column`` wide enough for any date in the locale's short format (the widest
    day and month of the year, with room for a date editor's arrows when ``editable``)."""
    metrics = table.fontMetrics()
    widest = max(
        metrics.horizontalAdvance(format_date(dt.date(2026, month, 28))) for month in range(1, 13)
    )
    header = table.horizontalHeader()
    label = header.fontMetrics().horizontalAdvance(
        str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")
    )
    arrows = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent) if editable else 0
    padding = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    header.resizeSection(column, max(widest + arrows, label) + padding)


def format_instant(instant: int, zone: str | None = None) -> str:
    """An instant as local date and time in the locale's format (in ``zone`` if given)."""
    moment = dt.datetime.fromtimestamp(instant, dt.UTC)
    local = moment.astimezone(ZoneInfo(zone)) if zone else moment.astimezone()
    return formatting.date_time(local)


def format_percent(value: float | None) -> str:
    return formatting.percent(value)


def format_hours(seconds: int) -> str:
    """Wall-clock working time in hours, e.g. ``40 h`` or ``37 h 30 min``."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes = rest // 60
    text = formatting.count(hours) + " h"
    return text + (f" {minutes} min" if minutes else "")


class _WheelGuard(QObject):
    """Wheel turns over an unfocused field scroll the form instead of changing the field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.Wheel
            or not isinstance(watched, QWidget)
            or watched.hasFocus()
        ):
            return False
        parent = watched.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            QCoreApplication.sendEvent(parent.verticalScrollBar(), event)
        return True


def guard_wheel(*widgets: QWidget) -> None:
    """Keep the mouse wheel from changing combo boxes, spin boxes and dates it passes over
    while the form scrolls (a change nobody sees is a change nobody meant)."""
    for widget in widgets:
        guard = _WheelGuard(widget)
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(guard)


class ListCompleter(QCompleter):
    """Completes the last item of a comma-separated list from ``values``."""

    def __init__(self, values: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(list(values), parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def set_values(self, values: Sequence[str]) -> None:
        model = self.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(list(values))

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        value = str(super().pathFromIndex(index))
        widget = self.widget()
        text = widget.text() if isinstance(widget, QLineEdit) else ""
        head = text.rsplit(",", 1)[0].strip() if "," in text else ""
        return f"{head}, {value}" if head else value
