"""Reading and checking the parts of a business calendar: weekly hours, holidays, time zone.

Every failure is a ``CalendarError`` whose message names the day and the interval (or the
holiday) that is wrong and says how to write it instead (see docs/SLA_SEMANTICS.md).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slaworkbench.domain.shown import shown
from slaworkbench.i18n import tr

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Schedule keys in ``datetime.date.weekday()`` order."""

MINUTES_PER_DAY = 24 * 60

_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class CalendarError(ValueError):
    """A calendar that cannot be used; the message says what is wrong and where."""


class NoWorkingTimeError(CalendarError):
    """A due date would be "never": the calendar has no working time within five years."""


@dataclass(frozen=True)
class Holiday:
    """A whole local date without working time."""

    date: dt.date
    name: str


Interval = tuple[str, str]
MinuteInterval = tuple[int, int]


def day_label(key: str) -> str:
    labels = {
        "mon": tr("Monday"),
        "tue": tr("Tuesday"),
        "wed": tr("Wednesday"),
        "thu": tr("Thursday"),
        "fri": tr("Friday"),
        "sat": tr("Saturday"),
        "sun": tr("Sunday"),
    }
    return labels[key]


def load_zone(name: object) -> ZoneInfo:
    """The ``ZoneInfo`` of an IANA name, or a ``CalendarError`` naming what was given."""
    if not isinstance(name, str) or not name.strip():
        raise CalendarError(
            tr("The calendar has no time zone; give an IANA name such as Europe/Lisbon.")
        )
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise CalendarError(
            tr('Unknown time zone "{name}": use an IANA name such as Europe/Lisbon or UTC.').format(
                name=shown(name)
            )
        ) from None


def _where(day: str, number: int, interval: Interval) -> str:
    return tr("{day}, interval {number} ({start}–{end})").format(
        day=day_label(day), number=number, start=shown(interval[0]), end=shown(interval[1])
    )


def _parse_time(text: str, *, is_end: bool) -> int | None:
    """Minutes after local midnight, or ``None`` when ``text`` is not a valid time."""
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59:
        return None
    if hours == 24 and minutes == 0 and is_end:
        return MINUTES_PER_DAY
    if hours > 23:
        return None
    return hours * 60 + minutes


def _read_interval(day: str, number: int, raw: object) -> Interval:
    if (
        isinstance(raw, str)
        or not isinstance(raw, Sequence)
        or len(raw) != 2
        or not all(isinstance(part, str) for part in raw)
    ):
        raise CalendarError(
            tr(
                "{day}, interval {number} ({raw!r}): write an interval as a pair of times, "
                'for example ["09:00", "17:00"].'
            ).format(day=day_label(day), number=number, raw=raw)
        )
    return (str(raw[0]), str(raw[1]))


def _check_day(
    day: str, raw_intervals: object
) -> tuple[tuple[Interval, ...], tuple[MinuteInterval, ...]]:
    if isinstance(raw_intervals, str) or not isinstance(raw_intervals, Sequence):
        raise CalendarError(
            tr(
                '{day}: the hours must be a list of intervals such as [["09:00", "17:00"]], '
                "not {raw!r}."
            ).format(day=day_label(day), raw=raw_intervals)
        )
    intervals: list[Interval] = []
    minutes: list[MinuteInterval] = []
    for number, raw in enumerate(raw_intervals, start=1):
        interval = _read_interval(day, number, raw)
        for text, is_end in ((interval[0], False), (interval[1], True)):
            if _parse_time(text, is_end=is_end) is not None:
                continue
            if text == "24:00":
                problem = tr('"24:00" can only end an interval; start the day at "00:00".')
            else:
                problem = tr('"{text}" is not a valid time; write times as HH:MM, 00:00 to 24:00.')
            raise CalendarError(
                tr("{where}: {problem}").format(
                    where=_where(day, number, interval), problem=problem.format(text=shown(text))
                )
            )
        start = _parse_time(interval[0], is_end=False)
        end = _parse_time(interval[1], is_end=True)
        assert start is not None and end is not None
        if end <= start:
            raise CalendarError(
                tr(
                    "{where}: the end must be after the start. "
                    "An overnight shift is two intervals on two days."
                ).format(where=_where(day, number, interval))
            )
        if minutes:
            previous_start, previous_end = minutes[-1]
            previous = _where(day, number - 1, intervals[-1])
            if start < previous_start:
                raise CalendarError(
                    tr(
                        "{where}: starts before {previous}; list a day's intervals from "
                        "earliest to latest."
                    ).format(where=_where(day, number, interval), previous=previous)
                )
            if start < previous_end:
                raise CalendarError(
                    tr(
                        "{where}: overlaps {previous}; the intervals of one day must not overlap."
                    ).format(where=_where(day, number, interval), previous=previous)
                )
        intervals.append(interval)
        minutes.append((start, end))
    return tuple(intervals), tuple(minutes)


def check_hours(
    name: str, raw_hours: object
) -> tuple[dict[str, tuple[Interval, ...]], tuple[tuple[MinuteInterval, ...], ...]]:
    """The schedule with all seven days (strings as given) and its minutes per weekday."""
    if not isinstance(raw_hours, Mapping):
        raise CalendarError(
            tr(
                "The hours must map each day (mon, tue, wed, thu, fri, sat, sun) to a list of "
                "intervals."
            )
        )
    for key in raw_hours:
        if key not in WEEKDAYS:
            raise CalendarError(
                tr(
                    'Unknown day "{key}" in the hours: use mon, tue, wed, thu, fri, sat, sun.'
                ).format(key=shown(key))
            )
    hours: dict[str, tuple[Interval, ...]] = {}
    minutes: list[tuple[MinuteInterval, ...]] = []
    for day in WEEKDAYS:
        hours[day], day_minutes = _check_day(day, raw_hours.get(day, ()))
        minutes.append(day_minutes)
    if not any(minutes):
        raise CalendarError(
            tr(
                'Calendar "{name}" has no working time: every day of the week is empty. '
                "Add at least one interval, for example Monday 09:00–17:00."
            ).format(name=shown(name))
        )
    return hours, tuple(minutes)


def _holiday_error(number: int, raw: object, problem: str) -> CalendarError:
    return CalendarError(
        tr("Holiday {number} ({raw!r}): {problem}").format(number=number, raw=raw, problem=problem)
    )


def read_holiday(number: int, raw: object) -> Holiday:
    """A holiday from its JSON shape ``{"date": "YYYY-MM-DD", "name": "..."}``."""
    if isinstance(raw, Holiday):
        return check_holiday(number, raw)
    if not isinstance(raw, Mapping) or "date" not in raw:
        raise _holiday_error(
            number, raw, tr('write a holiday as {"date": "YYYY-MM-DD", "name": "..."}.')
        )
    name: Any = raw.get("name", "")
    if not isinstance(name, str):
        raise _holiday_error(number, raw, tr("the name must be text."))
    return check_holiday(number, Holiday(date=parse_date(number, raw["date"]), name=name))


def check_holiday(number: int, holiday: object) -> Holiday:
    if (
        not isinstance(holiday, Holiday)
        or isinstance(holiday.date, dt.datetime)
        or not isinstance(holiday.date, dt.date)
        or not isinstance(holiday.name, str)
    ):
        raise _holiday_error(number, holiday, tr("a holiday needs a date (YYYY-MM-DD) and a name."))
    return holiday


def parse_date(number: int, raw: object) -> dt.date:
    if isinstance(raw, dt.date) and not isinstance(raw, dt.datetime):
        return raw
    if isinstance(raw, str) and _DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    raise _holiday_error(
        number, raw, tr("not a valid date; write dates as YYYY-MM-DD, e.g. 2026-12-25.")
    )


def read_holidays(raw: object) -> tuple[Holiday, ...]:
    if isinstance(raw, str | bytes | Mapping) or not isinstance(raw, Sequence):
        raise CalendarError(
            tr('The holidays must be a list like [{"date": "2026-12-25", "name": "Christmas"}].')
        )
    return tuple(read_holiday(number, item) for number, item in enumerate(raw, start=1))
