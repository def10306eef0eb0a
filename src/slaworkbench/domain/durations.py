"""Business durations as people write them: ``30m``, ``4h``, ``1d 2h``, ``1h30m``, ``90s``.

A ``d`` is **24 hours of business time** (86,400 business seconds), not a calendar day:
``1d`` against an office calendar open 8 hours a day lasts three working days. Policies
store whole seconds; this module only turns them into text and back.
"""

from __future__ import annotations

import re

from slaworkbench.i18n import tr

_UNIT_SECONDS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1}
_PART = re.compile(r"(\d+)\s*([dhms])", re.IGNORECASE)
_WHOLE = re.compile(r"\s*(?:\d+\s*[dhms]\s*)+", re.IGNORECASE)


def _refuse(text: str) -> ValueError:
    return ValueError(
        tr("'{text}' is not a duration: write it like 30m, 4h or 1d 2h.").format(text=text)
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
    """Compact text for a non-negative duration, rounded down to whole minutes.

    ``"1d 3h"``, ``"2h 14m"``, ``"45m"``; zero is ``"0m"`` and anything under a minute
    ``"<1m"``. Negative durations (time overdue) get a leading minus sign.
    """
    if seconds < 0:
        return "-" + format_duration(-seconds)
    if seconds == 0:
        return "0m"
    if seconds < 60:
        return "<1m"
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days}d")
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    return " ".join(parts)
