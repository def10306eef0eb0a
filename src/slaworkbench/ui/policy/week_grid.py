"""The weekly schedule of a calendar: per day, working intervals typed as ``HH:MM``.

``WeekGrid`` edits the schedule (add, edit, remove intervals; a day may hold several, a
split day; an overnight shift is one interval ending ``24:00`` and one starting
``00:00`` the next day). Each day checks itself as you type and shows what is wrong in
words under the day. ``WeekStrip`` draws a week of real working time (holidays and DST
included) as bars.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from slaworkbench.domain.calendar.spec import WEEKDAYS, CalendarError, check_hours, day_label
from slaworkbench.ui.policy.common import ErrorLabel, mark_invalid, to_qdate

_TIME_WIDTH = 64


def _time_ok(text: str, *, is_end: bool) -> bool:
    if len(text) != 5 or text[2] != ":" or not (text[:2] + text[3:]).isdigit():
        return False
    hours, minutes = int(text[:2]), int(text[3:])
    if is_end and hours == 24 and minutes == 0:
        return True
    return hours < 24 and minutes < 60


def _normalise(text: str) -> str:
    """``9:00`` → ``09:00``, ``900`` → ``09:00``, ``17`` → ``17:00``; others as typed."""
    text = text.strip().replace(".", ":").replace("h", ":")
    if text.isdigit() and len(text) <= 2:
        text += ":00"
    elif text.isdigit() and len(text) in (3, 4):
        text = text[:-2] + ":" + text[-2:]
    if ":" in text:
        hours, _, minutes = text.partition(":")
        if hours.isdigit() and len(hours) == 1:
            text = "0" + hours + ":" + (minutes or "00")
        elif hours.isdigit() and minutes == "":
            text = hours + ":00"
    return text


class IntervalEditor(QWidget):
    """One ``[start, end)`` interval: two times and a remove button."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, start: str = "", end: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.start = QLineEdit(start)
        self.end = QLineEdit(end)
        for edit, placeholder, name in (
            (self.start, "09:00", self.tr("Start")),
            (self.end, "17:00", self.tr("End")),
        ):
            edit.setPlaceholderText(placeholder)
            edit.setMaxLength(5)
            edit.setFixedWidth(_TIME_WIDTH)
            edit.setAlignment(Qt.AlignmentFlag.AlignCenter)
            edit.setAccessibleName(name)
            edit.textChanged.connect(lambda _t: self.changed.emit())
            edit.editingFinished.connect(self._tidy)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setAutoRaise(True)
        self.remove.setToolTip(self.tr("Remove this interval"))
        self.remove.setAccessibleName(self.tr("Remove interval"))
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        layout.addWidget(self.start)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.end)
        layout.addWidget(self.remove)

    def _tidy(self) -> None:
        for edit in (self.start, self.end):
            tidy = _normalise(edit.text())
            if tidy != edit.text():
                edit.setText(tidy)
                self.changed.emit()

    def interval(self) -> tuple[str, str]:
        return (self.start.text().strip(), self.end.text().strip())

    def mark(self) -> None:
        start, end = self.interval()
        mark_invalid(self.start, not _time_ok(start, is_end=False))
        mark_invalid(self.end, not _time_ok(end, is_end=True))


class DayRow(QWidget):
    """The intervals of one weekday, an "add" button and the day's error sentence."""

    changed = Signal()

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.intervals: list[IntervalEditor] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        self._line = QHBoxLayout()
        self._line.setSpacing(10)
        self.closed_label = QLabel(self.tr("Closed"))
        self.closed_label.setEnabled(False)
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("+ Interval"))
        self.add_button.setToolTip(self.tr("Add working hours to {day}").format(day=day_label(key)))
        self.add_button.clicked.connect(lambda: self.add_interval())
        self._line.addWidget(self.closed_label)
        self._line.addWidget(self.add_button)
        self._line.addStretch(1)
        outer.addLayout(self._line)
        self.error = ErrorLabel()
        outer.addWidget(self.error)

    def add_interval(self, start: str = "", end: str = "") -> IntervalEditor:
        editor = IntervalEditor(start, end)
        editor.changed.connect(self.changed)
        editor.remove_requested.connect(self._remove)
        self._line.insertWidget(len(self.intervals), editor)
        self.intervals.append(editor)
        self.closed_label.setVisible(False)
        if not start:
            editor.start.setFocus()
        self.changed.emit()
        return editor

    def _remove(self, editor: IntervalEditor) -> None:
        self.intervals.remove(editor)
        self._line.removeWidget(editor)
        editor.deleteLater()
        self.closed_label.setVisible(not self.intervals)
        self.changed.emit()

    def clear(self) -> None:
        for editor in list(self.intervals):
            self._line.removeWidget(editor)
            editor.deleteLater()
        self.intervals.clear()
        self.closed_label.setVisible(True)

    def hours(self) -> tuple[tuple[str, str], ...]:
        """The intervals from earliest to latest, whatever order they were typed in."""
        return tuple(sorted((editor.interval() for editor in self.intervals), key=lambda i: i[0]))

    def check(self) -> str | None:
        """The day's problem in words, or ``None`` (an empty day is fine on its own)."""
        for editor in self.intervals:
            editor.mark()
        if not self.intervals:
            return None
        try:
            check_hours("", {self.key: self.hours()})
        except CalendarError as error:
            return str(error)
        return None


class WeekGrid(QWidget):
    """Seven ``DayRow``s; ``changed`` on every edit; ``errors()`` per day."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.days: dict[str, DayRow] = {}
        for row, key in enumerate(WEEKDAYS):
            label = QLabel(day_label(key))
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setContentsMargins(0, 4, 0, 0)
            day = DayRow(key)
            day.changed.connect(self._day_changed)
            label.setBuddy(day.add_button)
            grid.addWidget(label, row, 0)
            grid.addWidget(day, row, 1)
            self.days[key] = day
        grid.setColumnStretch(1, 1)

    def _day_changed(self) -> None:
        self.changed.emit()

    def day(self, key: str) -> DayRow:
        return self.days[key]

    def set_hours(self, hours: Mapping[str, Sequence[Sequence[str]]]) -> None:
        self.blockSignals(True)
        for key, day in self.days.items():
            day.blockSignals(True)
            day.clear()
            for start, end in hours.get(key, ()):
                day.add_interval(start, end)
            day.blockSignals(False)
        self.blockSignals(False)
        self.changed.emit()

    def hours(self) -> dict[str, tuple[tuple[str, str], ...]]:
        return {key: day.hours() for key, day in self.days.items()}

    def errors(self) -> dict[str, str]:
        """Each day's problem; also shown under that day."""
        found = {}
        for key, day in self.days.items():
            message = day.check()
            day.error.show_error(message)
            if message:
                found[key] = message
        return found


@dataclass(frozen=True)
class StripDay:
    """One day of the strip: its label, working minutes after local midnight, a holiday."""

    label: str
    segments: tuple[tuple[int, int], ...]
    holiday: str | None = None


def strip_days(calendar: object, monday: dt.date) -> list[StripDay]:
    """The week starting ``monday`` (local to the calendar) as ``StripDay``s."""
    from slaworkbench.domain.calendar.business import BusinessCalendar

    assert isinstance(calendar, BusinessCalendar)
    zone = calendar.zone
    days: list[StripDay] = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        start = dt.datetime.combine(day, dt.time(), zone)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)
        segments = []
        for a, b in calendar.working_segments(int(start.timestamp()), int(end.timestamp())):
            local_a = dt.datetime.fromtimestamp(a, zone)
            local_b = dt.datetime.fromtimestamp(b, zone)
            first = local_a.hour * 60 + local_a.minute
            last = 24 * 60 if local_b.date() > day else local_b.hour * 60 + local_b.minute
            if last > first:
                segments.append((first, last))
        locale = QLocale()
        label = "{} {}".format(
            locale.dayName(day.isoweekday(), QLocale.FormatType.ShortFormat),
            locale.toString(to_qdate(day), "d MMM"),
        )
        days.append(StripDay(label, tuple(segments), calendar.holiday_name(day)))
    return days


class WeekStrip(QWidget):
    """A week of working time as horizontal bars, one row per day, 00:00 to 24:00."""

    ROW = 18
    LABEL = 110

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: list[StripDay] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Working time this week"))

    def set_days(self, days: Sequence[StripDay]) -> None:
        self._days = list(days)
        self.setMinimumHeight(self.sizeHint().height())
        self.update()

    def days(self) -> list[StripDay]:
        return list(self._days)

    def sizeHint(self) -> QSize:
        return QSize(520, 16 + self.ROW * 7 + 6)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        grid = palette.color(QPalette.ColorRole.Mid)
        work = palette.color(QPalette.ColorRole.Highlight)
        holiday = QColor(grid)
        holiday.setAlpha(90)
        left, top = self.LABEL, 16
        width = max(10, self.width() - left - 8)
        painter.setPen(text)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        for hour in range(0, 25, 6):
            x = left + width * hour / 24
            painter.setPen(grid)
            painter.drawLine(int(x), top - 2, int(x), top + self.ROW * 7)
            painter.setPen(text)
            painter.drawText(QRectF(x - 20, 0, 40, 14), Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")
        for row, day in enumerate(self._days):
            y = top + row * self.ROW
            painter.setPen(text)
            label = day.label if not day.holiday else f"{day.label} ★"
            painter.drawText(
                QRectF(0, y, left - 6, self.ROW),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            if day.holiday:
                painter.fillRect(QRectF(left, y + 3, width, self.ROW - 6), holiday)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(work)
            for first, last in day.segments:
                painter.drawRoundedRect(
                    QRectF(
                        left + width * first / 1440,
                        y + 3,
                        max(2.0, width * (last - first) / 1440),
                        self.ROW - 6,
                    ),
                    3,
                    3,
                )
        painter.end()
