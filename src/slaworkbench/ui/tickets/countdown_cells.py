"""The ticket list's countdown cells, computed at paint time and once per second.

A mixin of :class:`~slaworkbench.ui.tickets.table_model.TicketTableModel`: the countdown
columns are computed in ``data()`` from the stored due instant and the model's injected
``clock``, each cell's roles built once per second however many the view asks for, and
``countdowns_changed`` tells the ticker which visible cells now read differently. The
model owns the caches these methods fill (``_displays``, ``_cells``, ``_painted``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTime, QTimeZone

from slaworkbench.domain.model import Status
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.countdown import ClockDisplay, Severity, describe_clock

if TYPE_CHECKING:
    from slaworkbench.ui.tickets.table_model import CalendarLookup

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class TicketCountdownCells:
    """Countdown text, colours and icon of the ticket list's clock columns."""

    COL_FIRST_RESPONSE: int
    COL_RESOLUTION: int
    COUNTDOWN_COLUMNS: tuple[int, ...]
    SortRole: int
    SeverityRole: int
    clock: Callable[[], int]
    theme: Theme
    _calendar_for: CalendarLookup
    _count: int
    _row: Callable[[int], TicketRow | None]
    _displays: dict[tuple[int, int], ClockDisplay]
    _displays_at: int | None
    _cells: dict[tuple[int, int], dict[int, Any]]
    _cells_at: int | None
    _painted: dict[tuple[int, int], tuple[int | None, str, Severity]]
    _midnight: int
    _midnight_for: int | None

    def display_for(self, row: TicketRow, column: int) -> ClockDisplay:
        """The countdown cell of ``row`` in ``column``, at the model clock's instant.

        Computed once per cell and second: the view asks for text, colours, icon and
        tooltip one role at a time, and each would otherwise redo the business time.
        """
        now = self.clock()
        if now != self._displays_at or len(self._displays) > 4096:
            self._displays.clear()
            self._displays_at = now
        key = (row.id, column)
        shown = self._displays.get(key)
        if shown is None:
            shown = self._displays[key] = self._compute_display(row, column, now)
        return shown

    def _compute_display(self, row: TicketRow, column: int, now: int) -> ClockDisplay:
        if column == self.COL_FIRST_RESPONSE:
            return describe_clock(row.first_response, now, self._calendar_for(row.calendar_id))
        if column == self.COL_RESOLUTION:
            return describe_clock(row.resolution, now, self._calendar_for(row.calendar_id))
        return self._next_due_display(row, now)

    def _next_due_display(self, row: TicketRow, now: int) -> ClockDisplay:
        due = row.next_due_at
        if due is None or row.status in (Status.SOLVED, Status.CLOSED):
            paused = any(
                c.measured and not c.stopped and c.due_at is None
                for c in (row.first_response, row.resolution)
            )
            if paused and row.status not in (Status.SOLVED, Status.CLOSED):
                return ClockDisplay(tr("paused"), Severity.PAUSED, 1 << 60, tr("Clocks paused"))
            return ClockDisplay("—", Severity.NONE, 1 << 61, tr("No running clock"))
        text = self._local_time_text(due, now)
        # The text names the day relative to today: it may change at midnight.
        stable = min(b for b in (due, row.next_risk_at, self._next_midnight(now)) if b and b > now)
        if now >= due:
            return ClockDisplay(
                tr("✗ {t}").format(t=text),
                Severity.OVERDUE,
                due,
                tr("Was due at {t}").format(t=text),
                stable,
            )
        risk = row.next_risk_at
        at_risk = row.sla_state == "at_risk" or (risk is not None and now >= risk)
        if at_risk:
            tip = tr("Due at {t}; at risk").format(t=text)
            text = tr("⚠ {t}").format(t=text)
            return ClockDisplay(text, Severity.AT_RISK, due, tip, stable)
        return ClockDisplay(text, Severity.OK, due, tr("Due at {t}").format(t=text), stable)

    def _next_midnight(self, now: int) -> int:
        if self._midnight_for != now:
            zone = QTimeZone.systemTimeZone()
            today = QDateTime.fromSecsSinceEpoch(now, zone).date()
            self._midnight = QDateTime(today.addDays(1), QTime(0, 0), zone).toSecsSinceEpoch()
            self._midnight_for = now
        return self._midnight

    @staticmethod
    def _local_time_text(instant: int, now: int) -> str:
        """``14:35`` today, ``Tue 09:00`` in the coming week, else the short date and time."""
        locale = QLocale()
        zone = QTimeZone.systemTimeZone()
        when = QDateTime.fromSecsSinceEpoch(instant, zone)
        today = QDateTime.fromSecsSinceEpoch(now, zone).date()
        time_text = locale.toString(when.time(), QLocale.FormatType.ShortFormat)
        days = today.daysTo(when.date())
        if days == 0:
            return time_text
        if 0 < days <= 6:  # a past weekday would be ambiguous
            day = locale.dayName(when.date().dayOfWeek(), QLocale.FormatType.ShortFormat)
            return f"{day} {time_text}"
        return locale.toString(when, QLocale.FormatType.ShortFormat)

    def _countdown_cell(self, position: int, column: int) -> dict[int, Any]:
        """Every role of one countdown cell, built once per second: a repaint asks for
        six roles of each cell, and a tick repaints every visible countdown cell."""
        now = self.clock()
        if now != self._cells_at or len(self._cells) > 4096:
            self._cells.clear()
            self._cells_at = now
        key = (position, column)
        cell = self._cells.get(key)
        if cell is not None:
            return cell
        row = self._row(position)
        if row is None:
            return {}
        shown = self.display_for(row, column)
        if len(self._painted) > 8192:
            self._painted.clear()
        self._painted[key] = (shown.stable_until, shown.text, shown.severity)
        cell = self._cells[key] = {
            _DISPLAY: shown.text,
            _TOOLTIP: shown.tooltip,
            _ALIGNMENT: _LEFT,
            self.SortRole: shown.sort_value,
            self.SeverityRole: shown.severity,
            _FOREGROUND: self.theme.foreground(shown.severity),
            _BACKGROUND: self.theme.background(shown.severity),
            _DECORATION: self.theme.icon(shown.severity),
        }
        return cell

    def countdowns_changed(
        self, top: int, bottom: int, columns: Sequence[int] | None = None
    ) -> list[tuple[int, int]]:
        """The countdown cells (row, column) of rows ``top``..``bottom`` (and of
        ``columns``, default every countdown column) that would not show what they
        showed when last painted: what a tick repaints.

        A cell is looked at again only once the instant its text could change has come
        (``ClockDisplay.stable_until``), so most cells cost one dictionary lookup.
        """
        now = self.clock()
        painted = self._painted
        out: list[tuple[int, int]] = []
        wanted = self.COUNTDOWN_COLUMNS if columns is None else columns
        for position in range(max(0, top), min(bottom, self._count - 1) + 1):
            for column in wanted:
                key = (position, column)
                last = painted.get(key)
                if last is not None and (last[0] is None or last[0] > now):
                    continue
                row = self._row(position)
                if row is None:
                    continue
                shown = self.display_for(row, column)
                if last is not None and shown.text == last[1] and shown.severity is last[2]:
                    painted[key] = (shown.stable_until, shown.text, shown.severity)
                    continue
                out.append(key)
        return out

    def invalidate_countdowns(self) -> None:
        """Forget the countdown cells computed so far (the theme or calendars changed)."""
        self._cells.clear()
        self._displays.clear()
        self._painted.clear()
