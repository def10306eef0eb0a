"""The ticket list's countdown cells, computed at paint time and once per second.

Owned by :class:`~slaworkbench.ui.tickets.list.table_model.TicketTableModel` (its
``countdowns``): the countdown columns are computed from the stored due instant and the
injected ``clock``, each cell's roles built once per second however many the view asks
for, and ``changed`` tells the ticker which visible cells now read differently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt, QTime, QTimeZone

from slaworkbench import formatting
from slaworkbench.domain.clock.readings import BusinessTime
from slaworkbench.domain.model import ClockState, Metric, Status
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.countdown import ClockDisplay, Severity, describe_clock
from slaworkbench.ui.tickets.list.time_to_breach import (
    all_clocks_tooltip,
    most_urgent,
    time_to_breach,
    urgent_metric_name,
)

CalendarLookup = Callable[[int | None], BusinessTime | None]
"""The business calendar of a calendar id (``None``: count wall time)."""

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True, slots=True)
class CountdownColumns:
    """Where the model keeps its countdowns: the clock columns and the roles it answers."""

    time_to_breach: int
    metrics: Mapping[int, Metric]
    """The column of each metric's own countdown."""
    columns: tuple[int, ...]
    sort_role: int
    severity_role: int
    metric_role: int
    """The time-to-breach cell's secondary text: the name of the clock it counts."""
    ola: int = -1
    """The column of the current team's OLA countdown (-1: none)."""


_LOUD = frozenset({Severity.AT_RISK, Severity.OVERDUE})
"""Coloured cells: clocks at risk or breached *now* (a past breach is only muted text)."""
_QUIET = frozenset({Severity.PAUSED, Severity.ACHIEVED, Severity.BREACHED, Severity.NONE})
"""Muted text: nothing to do now."""


class CountdownCells:
    """Countdown text, colours and icon of the ticket list's clock columns.

    Owned by the table model, which gives it how to read a row by position (``row``)
    and how many rows there are (``count``); it keeps the caches of this second's cells.
    """

    def __init__(
        self,
        layout: CountdownColumns,
        row: Callable[[int], TicketRow | None],
        count: Callable[[], int],
        *,
        clock: Callable[[], int],
        calendar_for: CalendarLookup,
        theme: Theme,
    ) -> None:
        self.layout = layout
        self._row = row
        self._count = count
        self.clock = clock
        self._calendar_for = calendar_for
        self.theme = theme
        self._displays: dict[tuple[int, int], ClockDisplay] = {}
        self._displays_at: int | None = None
        self._cells: dict[tuple[int, int], dict[int, Any]] = {}
        """Countdown cells of this second by (position, column)."""
        self._cells_at: int | None = None
        self._painted: dict[tuple[int, int], tuple[int | None, str, Severity]] = {}
        """What each countdown cell last showed: (stable until, text, severity)."""
        self._midnight = 0
        self._midnight_for: int | None = None

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
        if column == self.layout.time_to_breach:  # its tooltip when asked (``tooltip``)
            return time_to_breach(row, now, self._calendar_for(row.calendar_id), with_tooltip=False)
        metric = self.layout.metrics.get(column)
        if metric is not None:
            return describe_clock(row.clock(metric), now, self._calendar_for(row.calendar_id))
        if column == self.layout.ola:
            shown = describe_clock(row.ola, now, self._calendar_for(row.ola_calendar_id))
            if row.ola_team and row.ola.measured:
                tip = tr("OLA of {team}: {tooltip}").format(
                    team=row.ola_team, tooltip=shown.tooltip
                )
                return replace(shown, tooltip=tip)
            return shown
        return self._next_due_display(row, now)

    def _breached_now(self, row: TicketRow, column: int) -> bool:
        """A breached clock that has not stopped (paused after its due time)."""
        if column == self.layout.ola:
            return not row.ola.stopped and row.ola.state in (ClockState.BREACHED, ClockState.PAUSED)
        metric = self.layout.metrics.get(column)
        if column == self.layout.time_to_breach:
            metric = most_urgent(row)
        if metric is None:
            return False
        clock = row.clock(metric)
        return not clock.stopped and clock.state in (ClockState.BREACHED, ClockState.PAUSED)

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
        """``14:35`` today, ``Tue 09:00`` in the coming week, else ``03/12 14:10`` (with
        the year, ``03/12/2027 14:10``, in another year)."""
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
        # Beyond the week: the date (with its full year when not this year's), as every
        # screen writes it (``slaworkbench.formatting``; Qt's short format has ``yy``).
        return formatting.near_date_time(
            dt.datetime.fromtimestamp(instant), today=dt.datetime.fromtimestamp(now).date()
        )  # the system's zone, as above

    def cell(self, position: int, column: int) -> dict[int, Any]:
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
        self._painted[key] = (shown.stable_until, shown.cell_text, shown.severity)
        cell = self._cells[key] = {
            _DISPLAY: shown.cell_text,
            _TOOLTIP: shown.tooltip,
            _ALIGNMENT: _LEFT,
            self.layout.sort_role: shown.sort_value,
            self.layout.severity_role: shown.severity.value,
            **self._colours(row, column, shown.severity, shown.cell_text),
        }
        if column == self.layout.time_to_breach:
            cell[self.layout.metric_role] = urgent_metric_name(row)
            del cell[_TOOLTIP]  # built by ``tooltip`` when a person hovers the cell
        return cell

    def tooltip(self, position: int, column: int) -> str | None:
        """The cell's tooltip. The time-to-breach cell's describes every clock of the
        ticket: built only when it is shown, not at every repaint of the list."""
        cell = self.cell(position, column)
        if _TOOLTIP not in cell and column == self.layout.time_to_breach:
            row = self._row(position)
            if row is None:
                return None
            calendar = self._calendar_for(row.calendar_id)
            cell[_TOOLTIP] = all_clocks_tooltip(row, self.clock(), calendar)
        tip = cell.get(_TOOLTIP)
        return None if tip is None else str(tip)

    def _colours(
        self, row: TicketRow, column: int, severity: Severity, text: str
    ) -> dict[int, Any]:
        """When everything is red nothing is: colour, background and icon only for a
        clock at risk or breached now; a past breach, a pause, an achieved clock read
        in muted text (their words say what they are); a clock on time in plain text."""
        loud = severity in _LOUD or (
            severity is Severity.BREACHED and self._breached_now(row, column)
        )
        if loud:
            return {
                _FOREGROUND: self.theme.foreground(severity),
                _BACKGROUND: self.theme.background(severity),
                _DECORATION: self.theme.icon_beside(severity, text),
            }
        muted = self.theme.foreground(Severity.NONE) if severity in _QUIET else None
        return {_FOREGROUND: muted, _BACKGROUND: None, _DECORATION: None}

    def changed(
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
        wanted = self.layout.columns if columns is None else columns
        for position in range(max(0, top), min(bottom, self._count() - 1) + 1):
            for column in wanted:
                key = (position, column)
                last = painted.get(key)
                if last is not None and (last[0] is None or last[0] > now):
                    continue
                row = self._row(position)
                if row is None:
                    continue
                shown = self.display_for(row, column)
                if last is not None and shown.cell_text == last[1] and shown.severity is last[2]:
                    painted[key] = (shown.stable_until, shown.cell_text, shown.severity)
                    continue
                out.append(key)
        return out

    def forget_cells(self) -> None:
        """Forget the cells built by position (the rows at those positions changed)."""
        self._cells.clear()
        self._painted.clear()

    def invalidate(self) -> None:
        """Forget every countdown computed so far (rows, the theme or calendars changed)."""
        self._cells.clear()
        self._displays.clear()
        self._painted.clear()
