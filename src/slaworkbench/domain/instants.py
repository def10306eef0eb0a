"""The range of instants the engine counts in, without the calendar engine (or numpy):
what a file reader needs to refuse a date outside it (an import's reading process starts
with no more than it needs)."""

from __future__ import annotations

import datetime as dt

DAY = 86_400

MIN_YEAR = 1800
MAX_YEAR = 2499
"""The calendar years the engine counts in (instants from 1800 to 2499, UTC)."""

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()

MIN_INSTANT = (dt.date(MIN_YEAR, 1, 1).toordinal() - _EPOCH_ORDINAL) * DAY + 3 * DAY
MAX_INSTANT = (dt.date(MAX_YEAR + 1, 1, 1).toordinal() - _EPOCH_ORDINAL) * DAY - 3 * DAY
