"""A ticket's time to breach: its most urgent clock, as the list's one countdown column.

The most urgent clock is the running one that breaches first (the earliest due
instant, so an overdue clock comes before any running one); when every clock waits,
the paused one with the least business time left; with neither, no clock. The cell
shows that clock's countdown (``2h 14m``, ``overdue 35m``, ``paused 3h``), the metric's
name as a secondary text, and every clock of the ticket in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from slaworkbench.domain.clock.readings import BusinessTime
from slaworkbench.domain.labels import metric_label
from slaworkbench.domain.model import ClockState, Metric
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import ClockSnapshot, TicketRow
from slaworkbench.ui.tickets.countdown import ClockDisplay, Severity, describe_clock

LISTED_METRICS = (
    Metric.FIRST_RESPONSE,
    Metric.NEXT_RESPONSE,
    Metric.PERIODIC_UPDATE,
    Metric.RESOLUTION,
)
_NO_CLOCK = 1 << 61
"""Sorts after every running, paused and stopped clock."""


def _waiting(clock: ClockSnapshot) -> bool:
    return clock.state is ClockState.PAUSED or clock.due_at is None


def most_urgent(row: TicketRow) -> Metric | None:
    """The metric of the ticket's most urgent unstopped clock (``None``: none left)."""
    running: list[tuple[int, Metric]] = []
    waiting: list[tuple[int, Metric]] = []
    for metric in LISTED_METRICS:
        clock = row.clock(metric)
        if not clock.measured or clock.stopped:
            continue
        if _waiting(clock):
            waiting.append((clock.remaining or 0, metric))
        else:
            running.append((clock.due_at or 0, metric))
    if running:
        return min(running, key=lambda pair: pair[0])[1]
    if waiting:
        return min(waiting, key=lambda pair: pair[0])[1]
    return None


def all_clocks_tooltip(
    row: TicketRow, now: int, calendar: BusinessTime | None, locale: QLocale | None = None
) -> str:
    """One line per measured clock: ``Resolution: 7h 0m``."""
    lines = [
        tr("{metric}: {text}").format(
            metric=metric_label(metric),
            text=describe_clock(row.clock(metric), now, calendar, locale=locale).text,
        )
        for metric in LISTED_METRICS
        if row.clock(metric).measured
    ]
    return "\n".join(lines) if lines else tr("No clock measures this ticket")


def time_to_breach(
    row: TicketRow,
    now: int,
    calendar: BusinessTime | None,
    locale: QLocale | None = None,
    *,
    with_tooltip: bool = True,
) -> ClockDisplay:
    """The time-to-breach cell: the most urgent clock's countdown, every clock as tooltip
    (``with_tooltip=False``: none, for a list that builds it only when it is shown — it
    describes every clock of the ticket, most of a repaint of the cell)."""
    tooltip = all_clocks_tooltip(row, now, calendar, locale) if with_tooltip else ""
    metric = most_urgent(row)
    if metric is None:
        return ClockDisplay("—", Severity.NONE, _NO_CLOCK, tooltip)
    shown = describe_clock(row.clock(metric), now, calendar, locale=locale)
    return ClockDisplay(
        shown.cell_text, shown.severity, shown.sort_value, tooltip, shown.stable_until
    )


def urgent_metric_name(row: TicketRow) -> str:
    """The secondary text of the time-to-breach cell: which clock it counts."""
    metric = most_urgent(row)
    return metric_label(metric) if metric is not None else ""
