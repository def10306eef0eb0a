"""Business calendars: when the clock of an SLA runs (docs/SLA_SEMANTICS.md, "Business calendars").

A ``BusinessCalendar`` is an IANA time zone, a weekly schedule of ``[start, end)`` local
intervals and holidays (whole local dates). It answers two questions in whole seconds
between UTC instants: how much business time lies in ``[a, b)``, and the earliest instant
at which ``d`` business seconds have passed since a start. Each comes as a ``datetime``
edge version, an epoch-seconds scalar and a numpy array twin.

Local wall times become instants the way ``zoneinfo`` does with ``fold=0``; the work is
done by ``calendar_segments.Timeline`` (UTC segments with prefix sums, built lazily) and
the input checks by ``calendar_spec``.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import ArrayLike, NDArray

from slaworkbench.domain.calendar.segments import Timeline
from slaworkbench.domain.calendar.spec import (
    WEEKDAYS,
    CalendarError,
    Holiday,
    MinuteInterval,
    NoWorkingTimeError,
    check_holiday,
    check_hours,
    load_zone,
    read_holidays,
)
from slaworkbench.i18n import tr

__all__ = [
    "WEEKDAYS",
    "BusinessCalendar",
    "CalendarError",
    "Holiday",
    "NoWorkingTimeError",
]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_SECOND = dt.timedelta(seconds=1)


def _instant(value: dt.datetime) -> int:
    """Whole epoch seconds of an aware datetime (sub-second parts are dropped)."""
    if not isinstance(value, dt.datetime):
        raise TypeError(tr("Expected a date and time, got {value!r}.").format(value=value))
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            tr(
                "The date and time {value} has no time zone, so it is not a definite instant; "
                "pass an aware datetime, for example with tzinfo=datetime.UTC."
            ).format(value=value.isoformat(sep=" "))
        )
    return (value - _EPOCH) // _SECOND


def _utc(t: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(seconds=t)


def _duration(seconds: int) -> int:
    d = operator.index(seconds)
    if d < 0:
        raise ValueError(
            tr(
                "A business duration cannot be negative (got {seconds} seconds); use 0 or more."
            ).format(seconds=d)
        )
    return d


def _int_array(values: ArrayLike, what: str) -> NDArray[np.int64]:
    array = np.asarray(values)
    if array.dtype.kind not in "iu":
        raise TypeError(
            tr("The {what} must be whole seconds (an integer array), not {dtype}.").format(
                what=what, dtype=array.dtype
            )
        )
    return array.astype(np.int64, copy=False)


@functools.lru_cache(maxsize=256)
def _shared_timeline(
    name: str,
    zone: ZoneInfo,
    minutes: tuple[tuple[MinuteInterval, ...], ...],
    holidays: frozenset[dt.date],
) -> Timeline:
    """One ``Timeline`` for every equal calendar: its working segments are built once
    per process, not once per calendar object (the recompute loads the calendars again
    for each chunk; each built the same years' segments again, issue 16). A calendar
    is immutable and a ``Timeline`` safe to share between threads."""
    return Timeline(name, zone, minutes, holidays)


@dataclass(frozen=True, eq=False)
class BusinessCalendar:
    """An immutable business calendar; see the module docstring. Hashable by identity.

    ``hours`` holds all seven keys ``"mon"`` … ``"sun"`` with the ``"HH:MM"`` strings as
    given. The constructor checks everything and raises ``CalendarError`` naming the day
    and interval (or holiday) that is wrong.
    """

    name: str
    timezone: str
    hours: Mapping[str, tuple[tuple[str, str], ...]]
    holidays: tuple[Holiday, ...] = ()
    _zone: ZoneInfo = field(init=False, repr=False)
    _holiday_names: Mapping[dt.date, str] = field(init=False, repr=False)
    _timeline: Timeline = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise CalendarError(tr("The calendar's name must be text."))
        zone = load_zone(self.timezone)
        hours, minutes = check_hours(self.name, self.hours)
        if isinstance(self.holidays, str | bytes | Mapping):
            raise CalendarError(tr("The holidays must be a list of dates with names."))
        holidays = tuple(
            check_holiday(number, holiday) for number, holiday in enumerate(self.holidays, 1)
        )
        names: dict[dt.date, str] = {}
        for holiday in holidays:
            names.setdefault(holiday.date, holiday.name)
        object.__setattr__(self, "hours", MappingProxyType(hours))
        object.__setattr__(self, "holidays", holidays)
        object.__setattr__(self, "_zone", zone)
        object.__setattr__(self, "_holiday_names", MappingProxyType(names))
        object.__setattr__(
            self, "_timeline", _shared_timeline(self.name, zone, minutes, frozenset(names))
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.timezone, dict(self.hours), self.holidays))

    # -- construction and the JSON shape ----------------------------------------------

    @classmethod
    def from_dict(cls, spec: Mapping[str, Any]) -> BusinessCalendar:
        """A calendar from the JSON shape of docs/SLA_SEMANTICS.md."""
        if not isinstance(spec, Mapping):
            raise CalendarError(
                tr('A calendar must be an object with "name", "timezone", "hours" and "holidays".')
            )
        return cls(
            name=spec.get("name", ""),
            timezone=spec.get("timezone", ""),
            hours=spec.get("hours", {}),
            holidays=read_holidays(spec.get("holidays", [])),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape ``from_dict`` reads; ``from_dict(c.to_dict())`` equals ``c``."""
        return {
            "name": self.name,
            "timezone": self.timezone,
            "hours": {day: [[start, end] for start, end in self.hours[day]] for day in WEEKDAYS},
            "holidays": [
                {"date": holiday.date.isoformat(), "name": holiday.name}
                for holiday in self.holidays
            ],
        }

    @classmethod
    def always_open(cls) -> BusinessCalendar:
        """The built-in "24/7" calendar: UTC, every day 00:00–24:00, no holidays."""
        return _ALWAYS_OPEN

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday on local date ``day``, or ``None`` for a normal day."""
        return self._holiday_names.get(day)

    # -- datetime edge ----------------------------------------------------------------

    def add_business_seconds(self, start: dt.datetime, seconds: int) -> dt.datetime:
        """The earliest instant ``t >= start`` with ``seconds`` business seconds in
        ``[start, t)``, in UTC. ``start`` must be aware; its sub-second part is dropped."""
        return _utc(self.add_business_seconds_epoch(_instant(start), seconds))

    def business_seconds_between(self, a: dt.datetime, b: dt.datetime) -> int:
        """Business seconds in ``[a, b)``; 0 when ``b <= a``. Both must be aware."""
        return self.business_seconds_between_epoch(_instant(a), _instant(b))

    # -- epoch seconds ----------------------------------------------------------------

    def add_business_seconds_epoch(self, start: int, seconds: int) -> int:
        """``add_business_seconds`` on epoch seconds (UTC) in and out.

        Raises ``NoWorkingTimeError`` when there is no working time within five years of
        where the search needs it, and ``ValueError`` for a negative duration.
        """
        return self._timeline.add(operator.index(start), _duration(seconds))

    def business_seconds_between_epoch(self, a: int, b: int) -> int:
        return self._timeline.between(operator.index(a), operator.index(b))

    # -- arrays -----------------------------------------------------------------------

    def add_business_seconds_array(
        self, starts: NDArray[np.int64], seconds: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """Element-wise ``add_business_seconds_epoch``; the two arrays broadcast."""
        s, d = np.broadcast_arrays(
            _int_array(starts, tr("starts")), _int_array(seconds, tr("durations"))
        )
        if d.size and int(d.min()) < 0:
            raise ValueError(
                tr("A business duration cannot be negative; every duration must be 0 or more.")
            )
        flat = self._timeline.add_array(s.ravel(), d.ravel())
        return flat.reshape(s.shape)

    def business_seconds_between_array(
        self, a: NDArray[np.int64], b: NDArray[np.int64]
    ) -> NDArray[np.int64]:
        """Element-wise ``business_seconds_between_epoch``; the two arrays broadcast."""
        x, y = np.broadcast_arrays(_int_array(a, tr("starts")), _int_array(b, tr("ends")))
        return self._timeline.between_array(x.ravel(), y.ravel()).reshape(x.shape)

    # -- inspection -------------------------------------------------------------------

    def working_segments(self, a: int, b: int) -> list[tuple[int, int]]:
        """The UTC working segments that intersect ``[a, b)``, clipped to it, in order.

        Touching or overlapping working time is one segment."""
        return self._timeline.segments(operator.index(a), operator.index(b))

    def is_working(self, t: int) -> bool:
        """Whether the instant ``t`` (epoch seconds) lies in working time."""
        return self._timeline.is_working(operator.index(t))


_ALWAYS_OPEN = BusinessCalendar(
    name="24/7",
    timezone="UTC",
    hours={day: (("00:00", "24:00"),) for day in WEEKDAYS},
)
