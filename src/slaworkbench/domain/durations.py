"""Business durations as people write them: ``30m``, ``4h``, ``1d 2h``, ``1h30m``, ``90s``.

A ``d`` is **24 hours of business time** (86,400 business seconds), not a calendar day:
``1d`` against an office calendar open 8 hours a day lasts three working days. Policies
store whole seconds; this module only turns them into text and back.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from slaworkbench import formatting
from slaworkbench.domain.shown import shown
from slaworkbench.i18n import tr, trn

LONGEST_TARGET = 366 * 86_400
"""The longest target a policy or an OLA takes: ``366d`` of business time. Every due
instant must fall within the dates a calendar counts in (to the year 2499), which a
target of centuries would not on a calendar open a few hours a week."""
LONGEST_TARGET_TEXT = f"{LONGEST_TARGET // 86_400}d"

_UNIT_SECONDS = {"d": 86_400, "h": 3_600, "m": 60, "min": 60, "s": 1}
_PART = re.compile(r"(\d+)\s*(min|[dhms])", re.IGNORECASE)
_WHOLE = re.compile(r"\s*(?:\d+\s*(?:min|[dhms])\s*)+", re.IGNORECASE)


def _refuse(text: str) -> ValueError:
    return ValueError(
        tr("'{text}' is not a duration: write it like 30m, 4h or 1d 2h.").format(text=shown(text))
    )


def parse_duration(text: str) -> int:
    """Whole seconds in ``text``: numbers each followed by ``d``, ``h``, ``m`` or ``s``.

    Parts may repeat and may be separated by spaces (``"1d 2h"``, ``"1h30m"``). ``d`` is
    24 hours of business time. Anything else (empty text, signs, unknown units, a bare
    number) raises a ``ValueError`` whose message tells how to write a duration.
    """
    if not isinstance(text, str) or _WHOLE.fullmatch(text) is None:
        raise _refuse(str(text))
    return sum(int(n) * _UNIT_SECONDS[unit.lower()] for n, unit in _PART.findall(text))


def format_duration(seconds: int) -> str:
    """Compact text for a business duration, in business hours, rounded down to minutes.

    ``"136h 12m"``, ``"2h 14m"``, ``"45m"`` (``"2 h 14 min"`` in Portuguese); zero is
    ``"0m"`` and anything under a minute ``"<1m"``. Negative durations (time overdue) get a
    leading minus sign. Days are never shown: ``5d 16h`` of business time on an 8-hour
    calendar reads as five calendar days but lasts seventeen working days, so business
    time is told in hours (the tooltip of a display may add the working days of its
    calendar, ``working_days_text``). The text is ``slaworkbench.formatting.duration`` in
    the active locale.
    """
    return formatting.duration(seconds)


def working_day_seconds(hours: Mapping[str, Sequence[tuple[str, str]]]) -> int:
    """The length of a calendar's usual working day: the working seconds of its most
    frequent non-empty weekday (the longest among equally frequent ones); 0 if none."""
    lengths: Counter[int] = Counter()
    for intervals in hours.values():
        total = sum(_clock_seconds(end) - _clock_seconds(start) for start, end in intervals)
        if total > 0:
            lengths[total] += 1
    if not lengths:
        return 0
    return max(lengths, key=lambda length: (lengths[length], length))


def _clock_seconds(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 3_600 + int(minutes) * 60


def working_days_text(seconds: int, day_seconds: int) -> str:
    """``"17 working days of 8h"``: how long a business duration lasts on a calendar whose
    usual working day is ``day_seconds`` long (rounded to a tenth of a day); empty when
    the day length is unknown."""
    if day_seconds <= 0:
        return ""
    tenths = round(abs(seconds) * 10 / day_seconds)
    whole, tenth = divmod(tenths, 10)
    day = format_duration(day_seconds)
    if tenth == 0:
        return trn("{n} working day of {day}", "{n} working days of {day}", whole).format(day=day)
    return tr("{days} working days of {day}").format(
        days=formatting.number(whole + tenth / 10, 1), day=day
    )
