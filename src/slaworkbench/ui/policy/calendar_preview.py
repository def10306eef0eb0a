"""The calendar editor's live preview: when a 4 h target started now would be due, and
this week's working time drawn as a strip."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.calendar.spec import CalendarError
from slaworkbench.domain.durations import format_duration
from slaworkbench.ui.policy.common import HintLabel, format_hours, format_instant
from slaworkbench.ui.policy.week_grid import WeekStrip, strip_days

PREVIEW_TARGET = 4 * 3600


class CalendarPreview(QGroupBox):
    """Shows what a calendar means, as of ``clock()`` (epoch seconds)."""

    def __init__(
        self, clock: Callable[[], int] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Preview"))
        self.clock = clock or (lambda: int(time.time()))
        self.text = HintLabel()
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.strip = WeekStrip()
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.strip)

    def show_calendar(self, calendar: BusinessCalendar | None) -> None:
        """Preview ``calendar``; ``None`` while the form is not a valid calendar."""
        if calendar is None:
            self.text.setText(self.tr("The preview appears once the calendar is valid."))
            self.strip.set_days([])
            return
        now = self.clock()
        try:
            due = calendar.add_business_seconds_epoch(now, PREVIEW_TARGET)
        except CalendarError as error:
            self.text.setText(str(error))
            return
        local = dt.datetime.fromtimestamp(now, calendar.zone).date()
        monday = local - dt.timedelta(days=local.weekday())
        days = strip_days(calendar, monday)
        weekly = sum(last - first for day in days for first, last in day.segments) * 60
        self.text.setText(
            self.tr(
                "A {target} target started now would be due {due} ({zone}). "
                "This week has {weekly} of working time."
            ).format(
                target=format_duration(PREVIEW_TARGET),
                due=format_instant(due, calendar.timezone),
                zone=calendar.timezone,
                weekly=format_hours(weekly),
            )
        )
        self.strip.set_days(days)
