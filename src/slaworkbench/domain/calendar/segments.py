"""The working time of a calendar as sorted UTC segments with prefix sums, built lazily.

A ``Timeline`` converts the local schedule of whole calendar years into UTC ``[start, end)``
segments (zoneinfo, ``fold=0``), merges overlapping and touching ones (so overlaps count
once), and keeps the running total of business seconds. Queries are a bisect (scalars)
or ``np.searchsorted`` (arrays); nothing walks days or minutes at query time. When an
instant outside the built years is asked for, the years around it are added (in both
directions) and a new immutable ``Segments`` snapshot replaces the old one, so readers on
other threads always see a consistent state.
"""

from __future__ import annotations

import datetime as dt
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Set
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
from numpy.typing import NDArray

from slaworkbench import formatting
from slaworkbench.domain.calendar.spec import MinuteInterval, NoWorkingTimeError
from slaworkbench.domain.instants import DAY, MAX_INSTANT, MAX_YEAR, MIN_INSTANT, MIN_YEAR
from slaworkbench.i18n import tr

Int64Array = NDArray[np.int64]

FIVE_YEARS = 1_826 * DAY
"""How far the search for working time looks before it calls a due date "never"."""

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_MARGIN = 2 * DAY
"""Local dates convert to UTC at most ~26 h away, so two days of margin keep every
segment inside ``[valid_lo, valid_hi]`` complete."""
_MAX_GROWTH_YEARS = 16


def check_instant(t: int) -> None:
    if not MIN_INSTANT <= t <= MAX_INSTANT:
        low = dt.datetime.fromtimestamp(MIN_INSTANT, dt.UTC).date()
        high = dt.datetime.fromtimestamp(MAX_INSTANT, dt.UTC).date()
        raise ValueError(
            tr(
                "The instant {t} is outside the dates a calendar can count in "
                "({low} to {high}); check the date."
            ).format(t=t, low=low, high=high)
        )


def _year_start(year: int) -> int:
    """Day number (days since 1970-01-01) of 1 January of ``year``."""
    return dt.date(year, 1, 1).toordinal() - _EPOCH_ORDINAL


def _year_of(t: int) -> int:
    return dt.date.fromordinal(_EPOCH_ORDINAL + t // DAY).year


def _seconds(offset: dt.timedelta | None) -> int:
    """A zone's UTC offset in whole seconds (``None``: none, 0)."""
    return 0 if offset is None else offset.days * DAY + offset.seconds


def merge(starts: Int64Array, ends: Int64Array) -> tuple[Int64Array, Int64Array]:
    """The union of non-empty ``[start, end)`` intervals as sorted, disjoint segments."""
    if starts.size == 0:
        return starts, ends
    order = np.argsort(starts, kind="stable")
    s = starts[order]
    running_end = np.maximum.accumulate(ends[order])
    opens = np.empty(s.size, dtype=bool)
    opens[0] = True
    opens[1:] = s[1:] > running_end[:-1]
    first = np.flatnonzero(opens)
    last = np.append(first[1:] - 1, s.size - 1)
    return s[first], running_end[last]


@dataclass(frozen=True, eq=False)
class Segments:
    """An immutable snapshot: merged UTC segments of the years ``[first_year, end_year)``.

    Answers are exact for instants in ``[valid_lo, valid_hi]``. ``cum[i]`` is the business
    time of the segments before ``i``; the ``*_list`` twins make scalar bisects cheap.
    """

    first_year: int
    end_year: int
    valid_lo: int
    valid_hi: int
    starts: Int64Array
    ends: Int64Array
    cum: Int64Array
    starts_list: list[int]
    ends_list: list[int]
    cum_list: list[int]
    long_gaps: list[int]
    """Indices ``k`` whose segment starts five years or more after segment ``k - 1`` ends."""

    @classmethod
    def of(cls, first_year: int, end_year: int, starts: Int64Array, ends: Int64Array) -> Segments:
        cum = np.zeros(starts.size + 1, dtype=np.int64)
        np.cumsum(ends - starts, out=cum[1:])
        long_gaps = np.flatnonzero(starts[1:] - ends[:-1] >= FIVE_YEARS) + 1
        return cls(
            first_year=first_year,
            end_year=end_year,
            valid_lo=_year_start(first_year) * DAY + _MARGIN,
            valid_hi=_year_start(end_year) * DAY - _MARGIN,
            starts=starts,
            ends=ends,
            cum=cum,
            starts_list=starts.tolist(),
            ends_list=ends.tolist(),
            cum_list=cum.tolist(),
            long_gaps=long_gaps.tolist(),
        )

    def covers(self, lo: int, hi: int) -> bool:
        return self.valid_lo <= lo and hi <= self.valid_hi

    def before(self, t: int) -> int:
        """Business seconds of the built segments before ``t``."""
        i = bisect_right(self.starts_list, t) - 1
        if i < 0:
            return 0
        end = self.ends_list[i]
        return self.cum_list[i] + (end if end < t else t) - self.starts_list[i]

    def before_array(self, t: Int64Array) -> Int64Array:
        if self.starts.size == 0:
            return np.zeros(t.shape, dtype=np.int64)
        i = np.searchsorted(self.starts, t, side="right") - 1
        safe = np.maximum(i, 0)
        inside = self.cum[safe] + np.minimum(t, self.ends[safe]) - self.starts[safe]
        return np.where(i >= 0, inside, 0).astype(np.int64, copy=False)

    def instant_at(self, total: int) -> int:
        """The earliest instant before which lie ``total`` (> 0) business seconds."""
        j = bisect_left(self.cum_list, total, 1) - 1
        return self.starts_list[j] + total - self.cum_list[j]

    def instant_at_array(self, total: Int64Array) -> Int64Array:
        j = np.searchsorted(self.cum, total, side="left") - 1
        j = np.clip(j, 0, max(self.starts.size - 1, 0))
        return (self.starts[j] + total - self.cum[j]).astype(np.int64, copy=False)

    def never_from(self, start: int, due: int) -> int | None:
        """Where a stretch of five years without working time begins on the way from
        ``start`` to ``due`` (inside the valid range), or ``None`` when there is none."""
        if due - start < FIVE_YEARS:
            return None
        first = bisect_right(self.ends_list, start)
        if self.starts_list[first] - start >= FIVE_YEARS:
            return start
        k = bisect_right(self.long_gaps, first)
        if k < len(self.long_gaps) and self.starts_list[self.long_gaps[k]] < due:
            return self.ends_list[self.long_gaps[k] - 1]
        return None

    def last_work_before_end(self) -> int | None:
        """Where the last working time inside the valid range ends, if there is any."""
        k = bisect_left(self.starts_list, self.valid_hi) - 1
        if k < 0:
            return None
        return min(self.ends_list[k], self.valid_hi)


class Timeline:
    """The lazily extended segments of one calendar; safe to share between threads."""

    def __init__(
        self,
        calendar_name: str,
        zone: ZoneInfo,
        minutes_by_weekday: tuple[tuple[MinuteInterval, ...], ...],
        holidays: Set[dt.date],
    ) -> None:
        self._name = calendar_name
        self._zone = zone
        self._minutes = minutes_by_weekday
        self._holidays = holidays
        self._lock = threading.Lock()
        self._state: Segments | None = None

    # -- building ---------------------------------------------------------------------

    def _offset_at(self, ordinal: int, minute: int) -> int:
        """The zone's offset in seconds at that local wall time (``fold=0``: in a gap the
        offset before it, in a repeated hour the first)."""
        naive = dt.datetime.fromordinal(ordinal) + dt.timedelta(minutes=minute)
        offset = self._zone.utcoffset(naive)
        return _seconds(offset)

    def _offsets_at_midnight(self, ordinals: Int64Array) -> Int64Array:
        """``_offset_at(ordinal, 0)`` of each of ``ordinals``, the dates made in bulk."""
        days = (ordinals - _EPOCH_ORDINAL).astype("datetime64[D]").astype("datetime64[us]")
        seconds: dict[dt.timedelta | None, int] = {}
        found = []
        utcoffset = self._zone.utcoffset
        for naive in days.astype(object).tolist():
            offset = utcoffset(naive)
            if offset not in seconds:
                seconds[offset] = _seconds(offset)
            found.append(seconds[offset])
        return np.array(found, dtype=np.int64)

    def _local_to_utc(self, ordinal: int, minute: int) -> int:
        wall = (ordinal - _EPOCH_ORDINAL) * DAY + minute * 60
        return wall - self._offset_at(ordinal, minute)  # fold=0: gap -> after it

    def _convert_years(self, first_year: int, end_year: int) -> tuple[Int64Array, Int64Array]:
        """The working intervals of the local days of ``[first_year, end_year)`` in UTC.

        Each interval bound is the wall time less the zone's offset there (``fold=0``:
        ``_local_to_utc``). The offset is asked of the zone once per local midnight: a
        day whose midnight and next midnight have the same offset has no transition in
        it (tz rules never change the offset twice in a day and back), so every bound
        of it takes that offset, in numpy; the few days around a transition are converted
        bound by bound."""
        first = dt.date(first_year, 1, 1).toordinal()
        last = dt.date(end_year, 1, 1).toordinal()
        ordinals = np.arange(first, last, dtype=np.int64)
        counts = np.array([len(self._minutes[(o - 1) % 7]) for o in range(first, first + 7)])
        working = counts[(ordinals - first) % 7] > 0
        if self._holidays:
            off = np.array([d.toordinal() for d in self._holidays], dtype=np.int64)
            working &= ~np.isin(ordinals, off)
        days = ordinals[working]
        if days.size == 0:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        # The zone's offset at each needed local midnight (a working day's and the next).
        midnights = np.union1d(days, days + 1)
        offsets = self._offsets_at_midnight(midnights)
        at = np.searchsorted(midnights, days)
        offset, next_offset = offsets[at], offsets[np.searchsorted(midnights, days + 1)]
        starts: list[Int64Array] = []
        ends: list[Int64Array] = []
        weekday = (days - 1) % 7
        for day_of_week in range(7):
            for start_minute, end_minute in self._minutes[day_of_week]:
                chosen = weekday == day_of_week
                wall = (days[chosen] - _EPOCH_ORDINAL) * DAY
                starts.append(wall + start_minute * 60 - offset[chosen])
                ends.append(wall + end_minute * 60 - offset[chosen])
                changed = np.flatnonzero(offset[chosen] != next_offset[chosen])
                for row in changed.tolist():  # a transition that day: bound by bound
                    ordinal = int(days[chosen][row])
                    starts[-1][row] = self._local_to_utc(ordinal, start_minute)
                    ends[-1][row] = self._local_to_utc(ordinal, end_minute)
        start, end = np.concatenate(starts), np.concatenate(ends)
        kept = end > start
        return start[kept], end[kept]

    def _build(self, old: Segments | None, first_year: int, end_year: int) -> Segments:
        if old is None:
            starts, ends = self._convert_years(first_year, end_year)
            return Segments.of(first_year, end_year, *merge(starts, ends))
        first_year = min(first_year, old.first_year)
        end_year = max(end_year, old.end_year)
        pieces_s = [old.starts]
        pieces_e = [old.ends]
        if first_year < old.first_year:
            s, e = self._convert_years(first_year, old.first_year)
            pieces_s.append(s)
            pieces_e.append(e)
        if end_year > old.end_year:
            s, e = self._convert_years(old.end_year, end_year)
            pieces_s.append(s)
            pieces_e.append(e)
        merged = merge(np.concatenate(pieces_s), np.concatenate(pieces_e))
        return Segments.of(first_year, end_year, *merged)

    def covering(self, lo: int, hi: int) -> Segments:
        """A snapshot whose valid range holds ``[lo, hi]`` (``lo <= hi``)."""
        state = self._state
        if state is not None and state.valid_lo <= lo and hi <= state.valid_hi:
            return state
        check_instant(lo)
        check_instant(hi)
        with self._lock:
            state = self._state
            if state is not None and state.covers(lo, hi):
                return state
            first_year = _year_of(lo - _MARGIN - DAY)
            end_year = _year_of(hi + _MARGIN + DAY) + 1
            if state is not None:
                # Grow in bigger steps the further queries wander, so extension stays rare.
                span = min(max(state.end_year - state.first_year, 1), _MAX_GROWTH_YEARS)
                if first_year < state.first_year:
                    first_year = max(min(first_year, state.first_year - span), MIN_YEAR)
                if end_year > state.end_year:
                    end_year = min(max(end_year, state.end_year + span), MAX_YEAR + 1)
            state = self._build(state, first_year, end_year)
            self._state = state
            return state

    def _never(self, since: int) -> NoWorkingTimeError:
        when = dt.datetime.fromtimestamp(since, dt.UTC).astimezone(self._zone)
        return NoWorkingTimeError(
            tr(
                'Calendar "{name}" has no working time in the five years after {when}, '
                "so this due date would be never. Check the calendar's holidays and hours."
            ).format(name=self._name, when=formatting.date_time(when))
        )

    def _grow_forward(self, state: Segments, since: int) -> Segments:
        if state.valid_hi - since >= FIVE_YEARS:
            raise self._never(since)
        if state.end_year > MAX_YEAR:
            raise ValueError(
                tr(
                    "This deadline falls after the year {year}, the last a calendar can count "
                    "in; check the target."
                ).format(year=MAX_YEAR)
            )
        return self.covering(state.valid_lo, state.valid_hi + DAY)

    # -- queries ----------------------------------------------------------------------

    def add(self, start: int, seconds: int) -> int:
        state = self.covering(start, start)
        if seconds == 0:
            return start
        while True:
            target = state.before(start) + seconds
            if state.before(state.valid_hi) >= target:
                due = state.instant_at(target)
                never = state.never_from(start, due)
                if never is not None:
                    raise self._never(never)
                return due
            last = state.last_work_before_end()
            state = self._grow_forward(state, start if last is None else max(start, last))

    def add_array(self, starts: Int64Array, seconds: Int64Array) -> Int64Array:
        if starts.size == 0:
            return starts.copy()
        state = self.covering(int(starts.min()), int(starts.max()))
        while True:
            targets = state.before_array(starts) + seconds
            short = targets > state.before(state.valid_hi)
            if not short.any():
                break
            last = state.last_work_before_end()
            earliest = int(starts[short].min())
            state = self._grow_forward(state, earliest if last is None else max(earliest, last))
        if state.starts.size == 0:  # no working time anywhere, so every duration is 0
            return starts.copy()
        due = np.where(seconds == 0, starts, state.instant_at_array(targets))
        for i in np.flatnonzero(due - starts >= FIVE_YEARS).tolist():
            never = state.never_from(int(starts[i]), int(due[i]))
            if never is not None:
                raise self._never(never)
        return due

    def between(self, a: int, b: int) -> int:
        if b <= a:
            return 0
        state = self.covering(a, b)
        return state.before(b) - state.before(a)

    def between_array(self, a: Int64Array, b: Int64Array) -> Int64Array:
        if a.size == 0:
            return np.zeros(a.shape, dtype=np.int64)
        state = self.covering(int(min(a.min(), b.min())), int(max(a.max(), b.max())))
        spans: Int64Array = np.maximum(state.before_array(b) - state.before_array(a), 0)
        return spans

    def segments(self, a: int, b: int) -> list[tuple[int, int]]:
        if b <= a:
            return []
        state = self.covering(a, b)
        first = bisect_right(state.ends_list, a)
        stop = bisect_left(state.starts_list, b)
        return [
            (max(s, a), min(e, b))
            for s, e in zip(state.starts_list[first:stop], state.ends_list[first:stop], strict=True)
        ]

    def is_working(self, t: int) -> bool:
        state = self.covering(t, t)
        i = bisect_right(state.starts_list, t) - 1
        return i >= 0 and t < state.ends_list[i]
