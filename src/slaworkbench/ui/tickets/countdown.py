"""What a clock cell says at one moment: ``2h 14m``, ``overdue 35m``, ``paused 1h 5m``.

Computed at paint time from the stored due instant and the current instant; nothing
ticks per row. Business time left needs the ticket's calendar, so callers pass a
``BusinessTime`` (the domain ``BusinessCalendar`` fits); without one, wall time is used.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from PySide6.QtCore import QDateTime, QLocale, QTimeZone

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.readings import BusinessTime, remaining_at
from slaworkbench.domain.durations import format_duration as business_format
from slaworkbench.domain.durations import working_day_seconds, working_days_text
from slaworkbench.domain.model import ClockState
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import ClockSnapshot


class Severity(Enum):
    NONE = "none"
    OK = "ok"
    AT_RISK = "at_risk"
    OVERDUE = "overdue"
    PAUSED = "paused"
    ACHIEVED = "achieved"
    BREACHED = "breached"


@dataclass(frozen=True, slots=True)
class ClockDisplay:
    text: str
    severity: Severity
    sort_value: int
    """Seconds left (negative when late); stopped and unmeasured clocks sort last."""
    tooltip: str = ""
    stable_until: int | None = None
    """The display cannot change before this instant (``None``: not while the row is
    unchanged), so a tick need not repaint the cell until then."""
    standstill: str = ""
    """Why a running clock stands still now (``"paused — outside working hours, resumes
    Mon 09:00"``), empty while it counts; already part of ``text`` and ``tooltip``."""
    brief: str = ""
    """``text`` without the standstill reason, when there is one (see ``cell_text``)."""

    @property
    def cell_text(self) -> str:
        """What a narrow list cell shows: the figure without why it stands still (the
        tooltip and the detail pane say why)."""
        return self.brief or self.text


_LAST = 1 << 60


def format_duration(seconds: int, locale: QLocale | None = None) -> str:
    """A short business duration in business hours: ``45s``, ``4m 10s``, ``35m``,
    ``2h 14m``, ``136h 12m`` — never days, which an 8-hour calendar would make misread
    (``working_days_tooltip`` says how many working days that is). From ten minutes up
    this is the domain's ``format_duration``, so the table, the explanation and the list
    say the same figures; below, the last minutes tick in seconds."""
    seconds = abs(int(seconds))
    if seconds >= 3_600 and seconds % 3_600 < 60:
        # A countdown keeps its shape as it ticks: ``7h 1m``, ``7h 0m``, ``6h 59m``.
        return tr("{t} 0m").format(t=business_format(seconds))
    if seconds >= 600:
        return business_format(seconds)
    loc = locale or QLocale()
    minutes, secs = divmod(seconds, 60)
    n = loc.toString
    if minutes:  # the last minutes tick visibly
        return tr("{m}m {s}s").format(m=n(minutes), s=n(secs))
    return tr("{s}s").format(s=n(secs))


def working_days_tooltip(seconds: int, calendar: BusinessTime | None) -> str:
    """``"17 working days of 8h"`` for a business duration on ``calendar`` (a
    ``BusinessCalendar``); empty for wall time or a calendar without working days."""
    if not isinstance(calendar, BusinessCalendar) or seconds == 0:
        return ""
    day = working_day_seconds(calendar.hours)
    if day >= 86_400:
        return ""
    return working_days_text(seconds, day)


def resumes_at(calendar: BusinessTime | None, now: int) -> int | None:
    """When a running clock that stands still outside working hours moves again: the
    start of ``calendar``'s next working period, or ``None`` while it is working time
    (or the calendar is wall time, or has no working time in the next year)."""
    if not isinstance(calendar, BusinessCalendar) or calendar.is_working(now):
        return None
    # The next week first: a year's segments (~250 of them) for the first one cost the
    # list most of a repaint of its countdown cells (docs/perf/window.md).
    for horizon in _RESUME_HORIZONS:
        segments = calendar.working_segments(now, now + horizon)
        if segments:
            return segments[0][0]
    return None


_RESUME_HORIZONS = (8 * 86_400, 366 * 86_400)


def resume_text(calendar: BusinessCalendar, at: int, now: int) -> str:
    """``Mon 09:00`` (within the week) or ``Mon 2 Jan 09:00``, in the calendar's zone."""
    local = QDateTime.fromSecsSinceEpoch(at, QTimeZone(calendar.timezone.encode()))
    pattern = "ddd HH:mm" if at - now < 6 * 86_400 else "ddd d MMM HH:mm"
    return QLocale().toString(local, pattern)


def standstill_text(calendar: BusinessTime | None, now: int) -> str:
    """``"paused — outside working hours, resumes Mon 09:00"`` when a running clock
    stands still now because ``calendar`` is closed; empty otherwise."""
    at = resumes_at(calendar, now)
    if at is None or not isinstance(calendar, BusinessCalendar):
        return ""
    return tr("paused — outside working hours, resumes {when}").format(
        when=resume_text(calendar, at, now)
    )


def seconds_left(
    clock: ClockSnapshot, now: int, calendar: BusinessTime | None = None
) -> int | None:
    """Business seconds to the due instant (negative once late), or the frozen remainder."""
    if clock.state is None:
        return None
    if clock.stopped or clock.state is ClockState.PAUSED or clock.due_at is None:
        return clock.remaining
    return remaining_at(calendar, clock.due_at, now)


def _granule(seconds: int) -> int:
    """The step of ``format_duration``'s text for this many seconds: the text shows
    minutes from ten minutes up, seconds below."""
    seconds = abs(seconds)
    if seconds >= 600:
        return 60
    return 1


def _stable_until(now: int, left: int, *bounds: int | None) -> int:
    """When a countdown showing ``left`` business seconds may show something else.

    Business time passes no faster than wall time, so the text keeps until at least as
    many wall seconds have passed as it takes ``left`` to cross the next step of the
    text; the state also changes at the risk and due instants in ``bounds``.
    """
    step = _granule(left)
    wait = left % step + 1 if left > 0 else step - (-left) % step
    soonest = now + max(1, wait)
    for bound in bounds:
        if bound is not None and now < bound < soonest:
            soonest = bound
    return soonest


def describe_clock(
    clock: ClockSnapshot,
    now: int,
    calendar: BusinessTime | None = None,
    *,
    locale: QLocale | None = None,
) -> ClockDisplay:
    """The cell text, its severity (for colour and icon) and a sort key."""
    state = clock.state
    if state is None:
        return ClockDisplay("—", Severity.NONE, _LAST + 2, tr("Not measured by this policy"))
    if clock.stopped:
        if state is ClockState.BREACHED:
            late = -(clock.remaining or 0)
            text = (
                tr("✗ late {t}").format(t=format_duration(late, locale))
                if late > 0
                else (tr("✗ breached"))
            )
            return ClockDisplay(text, Severity.BREACHED, _LAST, tr("Stopped after its due time"))
        return ClockDisplay(tr("✓ achieved"), Severity.ACHIEVED, _LAST, tr("Stopped in time"))
    if state is ClockState.PAUSED or clock.due_at is None:
        frozen = clock.remaining or 0
        if frozen < 0:
            text = tr("paused, overdue {t}").format(t=format_duration(frozen, locale))
            return ClockDisplay(text, Severity.BREACHED, _LAST - 1, tr("Paused after its due time"))
        text = tr("paused {t}").format(t=format_duration(frozen, locale))
        tip = tr("Paused: {t} of business time left, frozen while the ticket waits").format(
            t=format_duration(frozen, locale)
        )
        return ClockDisplay(text, Severity.PAUSED, _LAST - 1, tip)
    left = seconds_left(clock, now, calendar) or 0
    resume = resumes_at(calendar, now)
    still = standstill_text(calendar, now) if resume is not None else ""
    if now >= clock.due_at:
        # Outside business hours a late clock may not have lost business time yet.
        text = tr("overdue {t}").format(t=format_duration(-left, locale)) if left else tr("overdue")
        tip = tr("Past its due time by {t} of business time").format(
            t=format_duration(-left, locale)
        )
        return _standing(
            ClockDisplay(text, Severity.OVERDUE, left, tip, _stable_until(now, left)),
            -left,
            calendar,
            still,
            resume,
        )
    duration = format_duration(left, locale)
    stable = _stable_until(now, left, clock.due_at, clock.risk_at)
    if clock.risk_at is not None and now >= clock.risk_at:
        tip = tr("At risk: {t} of business time left").format(t=duration)
        text = tr("⚠ {t}").format(t=duration)
        shown = ClockDisplay(text, Severity.AT_RISK, left, tip, stable)
    else:
        tip = tr("{t} of business time left").format(t=duration)
        shown = ClockDisplay(duration, Severity.OK, left, tip, stable)
    return _standing(shown, left, calendar, still, resume)


def _standing(
    shown: ClockDisplay,
    seconds: int,
    calendar: BusinessTime | None,
    still: str,
    resume: int | None,
) -> ClockDisplay:
    """Add the working days of ``seconds`` to the tooltip and, outside working hours,
    why the countdown stands still (its text keeps until the calendar opens again)."""
    tip = shown.tooltip
    days = working_days_tooltip(seconds, calendar)
    if days:
        tip = tr("{tip} ({days})").format(tip=tip, days=days)
    if not still or resume is None:
        return replace(shown, tooltip=tip)
    stable = resume if shown.stable_until is None else max(shown.stable_until, resume)
    return replace(
        shown,
        text=tr("{t} · {why}").format(t=shown.text, why=still),
        brief=shown.text,
        tooltip=tr("{tip}; {why}").format(tip=tip, why=still),
        stable_until=stable,
        standstill=still,
    )
