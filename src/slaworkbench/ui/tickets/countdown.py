"""What a clock cell says at one moment: ``2h 14m``, ``overdue 35m``, ``paused 1h 5m``.

Computed at paint time from the stored due instant and the current instant; nothing
ticks per row. Business time left needs the ticket's calendar, so callers pass a
``BusinessTime`` (the domain ``BusinessCalendar`` fits); without one, wall time is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QLocale

from slaworkbench.domain.clock.readings import BusinessTime, remaining_at
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


_LAST = 1 << 60


def format_duration(seconds: int, locale: QLocale | None = None) -> str:
    """A short business duration: ``45s``, ``4m 10s``, ``35m``, ``2h 14m``, ``3d 4h``."""
    loc = locale or QLocale()
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    n = loc.toString
    if days:
        if hours:
            return tr("{d}d {h}h").format(d=n(days), h=n(hours))
        return tr("{d}d").format(d=n(days))
    if hours:
        return tr("{h}h {m}m").format(h=n(hours), m=n(minutes))
    if minutes >= 10:
        return tr("{m}m").format(m=n(minutes))
    if minutes:  # the last minutes tick visibly
        return tr("{m}m {s}s").format(m=n(minutes), s=n(secs))
    return tr("{s}s").format(s=n(secs))


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
    hours from a day up, minutes from ten minutes up, seconds below."""
    seconds = abs(seconds)
    if seconds >= 86_400:
        return 3_600
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
    if now >= clock.due_at:
        # Outside business hours a late clock may not have lost business time yet.
        text = tr("overdue {t}").format(t=format_duration(-left, locale)) if left else tr("overdue")
        tip = tr("Past its due time by {t} of business time").format(
            t=format_duration(-left, locale)
        )
        return ClockDisplay(text, Severity.OVERDUE, left, tip, _stable_until(now, left))
    duration = format_duration(left, locale)
    stable = _stable_until(now, left, clock.due_at, clock.risk_at)
    if clock.risk_at is not None and now >= clock.risk_at:
        tip = tr("At risk: {t} of business time left").format(t=duration)
        text = tr("⚠ {t}").format(t=duration)
        return ClockDisplay(text, Severity.AT_RISK, left, tip, stable)
    tip = tr("{t} of business time left").format(t=duration)
    return ClockDisplay(duration, Severity.OK, left, tip, stable)
