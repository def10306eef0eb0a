"""Live readings of running clocks: a cycle's remaining business time at any instant.

A stored cycle that runs towards its due instant keeps the elapsed and remaining time
of the evaluation that last changed it (docs/SLA_SEMANTICS.md, "Stored clocks and their
readings"); everything that shows or reports such a cycle reads it live from ``due_at``
and the calendar with these functions, so the window, the report and the export agree.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from slaworkbench.domain.model import ClockState, Instant, Seconds


class BusinessTime(Protocol):
    def business_seconds_between_epoch(self, a: int, b: int) -> int: ...


class WallTime:
    """Every second counts (the 24/7 calendar, or when the calendar is unknown)."""

    def business_seconds_between_epoch(self, a: int, b: int) -> int:
        return max(0, b - a)


WALL_TIME = WallTime()


def is_running_reading(
    state: ClockState | str | None, stopped_at: Instant | None, due_at: Instant | None
) -> bool:
    """Whether a stored cycle's elapsed and remaining are a reading that moves with time:
    not stopped, not paused, and due at some instant."""
    return (
        state is not None
        and stopped_at is None
        and due_at is not None
        and ClockState(state) is not ClockState.PAUSED
    )


def remaining_at(calendar: BusinessTime | None, due_at: Instant, now: Instant) -> Seconds:
    """Business seconds from ``now`` to ``due_at``; negative (how late) once past it."""
    cal = calendar or WALL_TIME
    if now < due_at:
        return cal.business_seconds_between_epoch(now, due_at)
    return -cal.business_seconds_between_epoch(due_at, now)


POSITION_ORIGIN: Instant = 946_684_800
"""2000-01-01 00:00 UTC: where every calendar's working-time axis starts (see below)."""


class BusinessAxis(Protocol):
    def business_seconds_between_array(
        self, a: NDArray[np.int64], b: NDArray[np.int64]
    ) -> NDArray[np.int64]: ...


def business_positions(
    calendar: BusinessAxis | None, instants: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Each instant's place on the calendar's cumulative working-time axis: business
    seconds from ``POSITION_ORIGIN`` (negative before it). For one calendar, a running
    clock's business time left at ``now`` is ``position(due) - position(now)``, overdue
    as well, so the list orders clocks of several calendars by time left in SQL from a
    stored position and one ``position(now)`` per calendar (docs/SLA_SEMANTICS.md, "The
    ticket list's order"). Without a calendar every second counts."""
    t = np.asarray(instants, dtype=np.int64)
    if calendar is None:
        return t - POSITION_ORIGIN
    origin = np.full(t.shape, POSITION_ORIGIN, dtype=np.int64)
    after = calendar.business_seconds_between_array(origin, np.maximum(t, POSITION_ORIGIN))
    before = calendar.business_seconds_between_array(np.minimum(t, POSITION_ORIGIN), origin)
    return np.asarray(after - before, dtype=np.int64)
