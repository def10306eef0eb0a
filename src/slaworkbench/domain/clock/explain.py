""" "Why is it due then?": the story of one clock cycle as data the UI can render.

An :class:`Explanation` lists, in order, the segments from the cycle's start to its due
instant (running clocks, the part after ``now`` being the projection), its stop (stopped
clocks) or ``now`` (paused clocks): working time counted, time outside working hours, a
weekend (a local day with no working hours), a holiday with its name, time paused with
the status, the stop, and any DST change in between. Each segment carries one sentence
(via ``tr``) with times in the calendar's zone; the UI may re-render from the data.

Gaps between two working periods are told as one story: evening hours before a weekend
or holiday and morning hours after it belong to that weekend or holiday.

A clock that has run for years has thousands of segments; ``explain_cycle(...,
keep=n)`` tells the first and last ``n`` in full and the ones between as one
``summary`` segment ("… 1,204 working days, 9,632 business hours …"), so what the
window shows stays small whatever the age of the ticket. Running clocks are told with
their live reading at ``now`` (``readings.remaining_at``), the figures the clock table
shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from itertools import pairwise

from slaworkbench import formatting
from slaworkbench.domain.clock.readings import is_running_reading, remaining_at
from slaworkbench.domain.clock.trace import TracedCycle, status_timeline, traced_cycles
from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.labels import metric_label
from slaworkbench.domain.model import Cycle, Event, Instant, Metric, Seconds, Status
from slaworkbench.domain.policy import CalendarLike, Policy
from slaworkbench.i18n import tr, trn


class SegmentKind(StrEnum):
    COUNTED = "counted"
    CLOSED_HOURS = "closed_hours"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    PAUSED = "paused"
    STOPPED = "stopped"
    DST_CHANGE = "dst_change"
    SUMMARY = "summary"


@dataclass(frozen=True, slots=True)
class Segment:
    """``[start, end)`` in UTC; ``stopped`` and ``dst_change`` are instants (start == end)."""

    kind: SegmentKind
    start: Instant
    end: Instant
    business_seconds: Seconds = 0
    holiday: str | None = None
    status: Status | None = None
    offset_before: int | None = None
    """UTC offset in seconds before a DST change."""
    offset_after: int | None = None
    text: str = ""
    working_days: int = 0
    """For a ``summary``: the local days with counted working time it stands for."""
    summarised: int = 0
    """For a ``summary``: how many segments it stands for."""


@dataclass(frozen=True, slots=True)
class Explanation:
    metric: Metric
    index: int
    calendar_name: str
    timezone: str
    started_at: Instant
    stopped_at: Instant | None
    now: Instant
    target: Seconds
    elapsed: Seconds
    remaining: Seconds
    due_at: Instant | None
    segments: tuple[Segment, ...]
    policy_name: str = ""
    policy_version: int = 0
    """The policy version that judged the cycle (whose calendar counts it)."""


def _offset(zone: tzinfo, t: int) -> int:
    delta = datetime.fromtimestamp(t, zone).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


def _dst_changes(zone: tzinfo, a: int, b: int) -> list[tuple[int, int, int]]:
    """(instant, offset before, offset after) of each UTC offset change in ``(a, b)``.

    Offsets are sampled a week apart (no zone changes its offset twice within a week)
    and each change is then found to the second."""
    changes = []
    step = 7 * 86_400
    t = a
    before = _offset(zone, a)
    while t < b:
        nxt = min(t + step, b)
        after = _offset(zone, nxt)
        if after != before:
            low, high = t, nxt  # offset(low) == before, offset(high) != before
            while high - low > 1:
                mid = (low + high) // 2
                if _offset(zone, mid) == before:
                    low = mid
                else:
                    high = mid
            if a < high < b:
                changes.append((high, before, after))
            before = after
        t = nxt
    return changes


def _local_day_starts(zone: tzinfo, a: int, b: int) -> list[int]:
    """Instants of the local midnights strictly inside ``(a, b)``."""
    day = datetime.fromtimestamp(a, zone).date()
    starts: list[int] = []
    while True:
        day += timedelta(days=1)
        midnight = int(datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())
        if midnight >= b:
            return starts
        if midnight > a:
            starts.append(midnight)


def _closed_pieces(calendar: CalendarLike, a: int, b: int) -> list[Segment]:
    """Non-working ``[a, b)`` told as closed hours, weekend days and holidays."""
    zone = calendar.zone
    cuts = [a, *_local_day_starts(zone, a, b), b]
    pieces: list[Segment] = []
    for start, end in pairwise(cuts):
        local = datetime.fromtimestamp(start, zone)
        name = calendar.holiday_name(local.date())
        if name is not None:
            piece = Segment(SegmentKind.HOLIDAY, start, end, holiday=name)
        else:
            day = local.date()
            day_start = int(datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())
            nxt = day + timedelta(days=1)
            day_end = int(datetime(nxt.year, nxt.month, nxt.day, tzinfo=zone).timestamp())
            closed_all_day = not calendar.working_segments(day_start, day_end)
            kind = SegmentKind.WEEKEND if closed_all_day else SegmentKind.CLOSED_HOURS
            piece = Segment(kind, start, end)
        if pieces and pieces[-1].kind is piece.kind and pieces[-1].holiday == piece.holiday:
            pieces[-1] = replace(pieces[-1], end=end)
        else:
            pieces.append(piece)
    closed = SegmentKind.CLOSED_HOURS
    if len(pieces) > 1 and pieces[0].kind is closed:
        pieces[1] = replace(pieces[1], start=pieces[0].start)
        pieces.pop(0)
    if len(pieces) > 1 and pieces[-1].kind is closed:
        pieces[-2] = replace(pieces[-2], end=pieces[-1].end)
        pieces.pop()
    return pieces


def _running(calendar: CalendarLike, a: int, b: int) -> list[Segment]:
    segments: list[Segment] = []
    t = a
    for start, end in calendar.working_segments(a, b):
        if start > t:
            segments.extend(_closed_pieces(calendar, t, start))
        segments.append(Segment(SegmentKind.COUNTED, start, end, business_seconds=end - start))
        t = end
    if b > t:
        segments.extend(_closed_pieces(calendar, t, b))
    return segments


def _local_midnight(zone: tzinfo, t: int, *, after: bool) -> int:
    """The local midnight at or before ``t`` (or the first one after it)."""
    day = datetime.fromtimestamp(t, zone).date() + timedelta(days=1 if after else 0)
    return int(datetime(day.year, day.month, day.day, tzinfo=zone).timestamp())


def _running_bounded(calendar: CalendarLike, a: int, b: int, keep: int | None) -> list[Segment]:
    """``_running`` for ``[a, b)``; with ``keep``, a long span is told in full only near
    its ends (windows of whole local days that hold more than ``keep`` working periods
    even around holidays) and as one ``summary`` segment between, without building
    the thousands of segments of the years in between."""
    window = (2 * (keep or 0) + 14) * 86_400
    if keep is None or b - a <= 2 * window + 2 * 86_400:
        return _running(calendar, a, b)
    zone = calendar.zone
    cut_a = _local_midnight(zone, a + window, after=True)
    cut_b = _local_midnight(zone, b - window, after=False)
    if cut_b <= cut_a:
        return _running(calendar, a, b)
    periods = calendar.working_segments(cut_a, cut_b)
    summary = Segment(
        SegmentKind.SUMMARY,
        cut_a,
        cut_b,
        business_seconds=sum(end - start for start, end in periods),
        working_days=_local_days(zone, [start for start, _ in periods], cut_a, cut_b),
        summarised=len(periods),
    )
    return [*_running(calendar, a, cut_a), summary, *_running(calendar, cut_b, b)]


def _local_days(zone: tzinfo, instants: Sequence[int], a: int, b: int) -> int:
    """How many distinct local dates the ordered ``instants`` in ``[a, b)`` fall on
    (by UTC offset between the zone's changes, not one date conversion each)."""
    changes = _dst_changes(zone, a, b)
    bounds = [instant for instant, _, _ in changes]
    offsets = [_offset(zone, a), *(after for _, _, after in changes)]
    days = set()
    part = 0
    for t in instants:
        while part < len(bounds) and t >= bounds[part]:
            part += 1
        days.add((t + offsets[part]) // 86_400)
    return len(days)


def _outside_summaries(segments: Sequence[Segment], a: int, b: int) -> list[tuple[int, int]]:
    """The parts of ``[a, b)`` that no ``summary`` segment covers."""
    parts = []
    t = a
    for segment in segments:
        if segment.kind is SegmentKind.SUMMARY:
            if segment.start > t:
                parts.append((t, segment.start))
            t = max(t, segment.end)
    if b > t:
        parts.append((t, b))
    return parts


def _paused(timeline: Sequence[tuple[int, int, Status]], a: int, b: int) -> list[Segment]:
    segments = []
    for start, end, status in timeline:
        lo, hi = max(start, a), min(end, b)
        if lo < hi:
            segments.append(Segment(SegmentKind.PAUSED, lo, hi, status=status))
    return segments


def _split_at(calendar: CalendarLike, segments: list[Segment], t: int) -> list[Segment]:
    out: list[Segment] = []
    for segment in segments:
        if segment.start < t < segment.end:
            first, second = replace(segment, end=t), replace(segment, start=t)
            if segment.kind is SegmentKind.COUNTED:
                first = replace(first, business_seconds=t - segment.start)
                second = replace(second, business_seconds=segment.end - t)
            out.extend((first, second))
        else:
            out.append(segment)
    return out


def _local(zone: tzinfo, t: int) -> str:
    return formatting.weekday_date_time(datetime.fromtimestamp(t, zone))


def _utc_offset(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def describe(segment: Segment, zone: tzinfo) -> str:
    """The sentence for one segment, times in ``zone``."""
    start, end = _local(zone, segment.start), _local(zone, segment.end)
    kind = segment.kind
    if kind is SegmentKind.COUNTED:
        return tr("{start} – {end}: {duration} of working time counted.").format(
            start=start, end=end, duration=format_duration(segment.business_seconds)
        )
    if kind is SegmentKind.CLOSED_HOURS:
        return tr("{start} – {end}: outside working hours, not counted.").format(
            start=start, end=end
        )
    if kind is SegmentKind.WEEKEND:
        return tr("{start} – {end}: days without working hours, not counted.").format(
            start=start, end=end
        )
    if kind is SegmentKind.HOLIDAY:
        return tr("{start} – {end}: holiday ({name}), not counted.").format(
            start=start, end=end, name=segment.holiday
        )
    if kind is SegmentKind.PAUSED:
        return tr("{start} – {end}: paused while the ticket was {status}.").format(
            start=start, end=end, status=segment.status
        )
    if kind is SegmentKind.STOPPED:
        return tr("{start}: the clock stopped.").format(start=start)
    if kind is SegmentKind.SUMMARY:
        return tr("{start} – {end}: … {days}, {hours} …").format(
            start=start,
            end=end,
            days=trn("{n} working day", "{n} working days", segment.working_days),
            hours=trn("{n} business hour", "{n} business hours", segment.business_seconds // 3600),
        )
    return tr("{start}: clocks changed from UTC{old} to UTC{new}.").format(
        start=start,
        old=_utc_offset(segment.offset_before or 0),
        new=_utc_offset(segment.offset_after or 0),
    )


def _find(events: Sequence[Event], policy: Policy, now: int, cycle: Cycle) -> TracedCycle:
    """The traced cycle ``cycle`` is: the one of its number, or (a kept stopped verdict
    renumbered after a later cycle took its number) the first that starts when it does."""
    cycles = traced_cycles(events, policy, now).get(cycle.metric, [])
    if 0 <= cycle.index < len(cycles) and cycles[cycle.index].started_at == cycle.started_at:
        return cycles[cycle.index]
    same_start = [c for c in cycles if c.started_at == cycle.started_at]
    if same_start:
        return same_start[0]
    raise ValueError(
        tr("This {metric} clock is not in the ticket's history; refresh and try again.").format(
            metric=metric_label(cycle.metric)
        )
    )


def _summarised(zone: tzinfo, segments: list[Segment], keep: int) -> list[Segment]:
    """The first and last ``keep`` segments, the ones between as one ``summary``."""
    if len(segments) <= 2 * keep + 1:
        return segments
    middle = segments[keep : len(segments) - keep]
    days = {
        datetime.fromtimestamp(s.start, zone).date()
        for s in middle
        if s.kind is SegmentKind.COUNTED
    }
    summaries = [s for s in middle if s.kind is SegmentKind.SUMMARY]
    summary = Segment(
        SegmentKind.SUMMARY,
        middle[0].start,
        middle[-1].end,
        business_seconds=sum(s.business_seconds for s in middle),
        working_days=len(days) + sum(s.working_days for s in summaries),
        summarised=len(middle) - len(summaries) + sum(s.summarised for s in summaries),
    )
    return [*segments[:keep], summary, *segments[len(segments) - keep :]]


def explain_cycle(
    cycle: Cycle,
    events: Sequence[Event],
    policy: Policy,
    now: Instant,
    *,
    keep: int | None = None,
) -> Explanation:
    """Why ``cycle`` (from ``evaluate_ticket(events, policy, now)``) is due when it is.

    With ``keep``, at most ``2 * keep + 1`` segments: the first and last ``keep`` and a
    summary of the rest."""
    traced = _find(events, policy, now, cycle)
    calendar = policy.calendar
    zone = calendar.zone
    spans = list(traced.spans)
    if cycle.stopped_at is not None:
        end = cycle.stopped_at
    elif traced.running:
        end = max(now, cycle.due_at if cycle.due_at is not None else now)
        spans[-1] = (spans[-1][0], end)
    else:
        end = now
    timeline = status_timeline(events, now)
    segments: list[Segment] = []
    t = traced.started_at
    for a, b in spans:
        segments.extend(_paused(timeline, t, a))
        segments.extend(_running_bounded(calendar, a, b, keep))
        t = b
    segments.extend(_paused(timeline, t, end))
    first = segments[0].start if segments else traced.started_at
    changes = [
        change
        for lo, hi in _outside_summaries(segments, first, max(end, first + 1))
        for change in _dst_changes(zone, lo, hi)
    ]
    for instant, before, after in changes:
        segments = _split_at(calendar, segments, instant)
        at = next((i for i, s in enumerate(segments) if s.start >= instant), len(segments))
        marker = Segment(
            SegmentKind.DST_CHANGE, instant, instant, offset_before=before, offset_after=after
        )
        segments.insert(at, marker)
    if cycle.stopped_at is not None:
        segments.append(Segment(SegmentKind.STOPPED, cycle.stopped_at, cycle.stopped_at))
    if keep is not None:
        segments = _summarised(zone, segments, keep)
    elapsed, remaining = cycle.elapsed, cycle.remaining
    if is_running_reading(cycle.state, cycle.stopped_at, cycle.due_at):
        assert cycle.due_at is not None
        remaining = remaining_at(calendar, cycle.due_at, now)
        elapsed = cycle.target - remaining
    return Explanation(
        metric=cycle.metric,
        index=cycle.index,
        calendar_name=calendar.name,
        timezone=str(getattr(calendar, "timezone", zone)),
        started_at=cycle.started_at,
        stopped_at=cycle.stopped_at,
        now=now,
        target=cycle.target,
        elapsed=elapsed,
        remaining=remaining,
        due_at=cycle.due_at,
        segments=tuple(replace(s, text=describe(s, zone)) for s in segments),
        policy_name=policy.name,
        policy_version=policy.version,
    )


__all__ = ["Explanation", "Segment", "SegmentKind", "describe", "explain_cycle"]
