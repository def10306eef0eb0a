"""The "why is it due then?" explanation, on a Lisbon office calendar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from slaworkbench.domain.calendar.business import BusinessCalendar
from slaworkbench.domain.clock.cycles import evaluate_ticket
from slaworkbench.domain.clock.explain import SegmentKind, explain_cycle
from slaworkbench.domain.model import Event, EventType, Metric, Priority, Status
from slaworkbench.domain.policy import Conditions, Policy

LISBON = ZoneInfo("Europe/Lisbon")
H = 3600
WEEKDAY = [["09:00", "18:00"]]
CALENDAR = BusinessCalendar.from_dict(
    {
        "name": "Lisbon office",
        "timezone": "Europe/Lisbon",
        "hours": {d: WEEKDAY for d in ("mon", "tue", "wed", "thu", "fri")} | {"sat": [], "sun": []},
        "holidays": [{"date": "2026-11-30", "name": "Company Day"}],
    }
)
POLICY = Policy(
    1,
    "Standard",
    1,
    True,
    Conditions(),
    {Priority.NORMAL: {Metric.FIRST_RESPONSE: 4 * H, Metric.RESOLUTION: 8 * H}},
    CALENDAR,
)


def local(month: int, day: int, hour: int, minute: int = 0) -> int:
    return int(datetime(2026, month, day, hour, minute, tzinfo=LISBON).timestamp())


def explain(events: list[Event], now: int, metric: Metric = Metric.FIRST_RESPONSE):  # type: ignore[no-untyped-def]
    cycle = evaluate_ticket(events, POLICY, now).results[metric].cycles[0]
    return cycle, explain_cycle(cycle, events, POLICY, now)


def test_friday_afternoon_ticket_across_a_weekend_and_a_holiday() -> None:
    events = [Event(local(11, 27, 16), EventType.CREATED, priority=Priority.NORMAL)]
    cycle, why = explain(events, local(11, 27, 17))
    assert cycle.due_at == local(12, 1, 11)
    assert [(s.kind, s.start, s.end) for s in why.segments] == [
        (SegmentKind.COUNTED, local(11, 27, 16), local(11, 27, 18)),
        (SegmentKind.WEEKEND, local(11, 27, 18), local(11, 30, 0)),
        (SegmentKind.HOLIDAY, local(11, 30, 0), local(12, 1, 9)),
        (SegmentKind.COUNTED, local(12, 1, 9), local(12, 1, 11)),
    ]
    assert why.segments[2].holiday == "Company Day"
    assert [s.business_seconds for s in why.segments] == [2 * H, 0, 0, 2 * H]
    assert (why.target, why.elapsed, why.remaining, why.due_at) == (4 * H, H, 3 * H, cycle.due_at)
    assert (
        why.segments[0].text
        == "Fri 27/11/2026 16:00 – Fri 27/11/2026 18:00: 2h of working time counted."
    )
    assert "Company Day" in why.segments[2].text


def test_a_dst_change_is_listed_where_it_happens() -> None:
    # Lisbon springs forward on Sunday 2026-03-29 at 01:00 UTC (01:00 -> 02:00 local).
    events = [Event(local(3, 27, 16), EventType.CREATED, priority=Priority.NORMAL)]
    cycle, why = explain(events, local(3, 27, 16, 30))
    change = int(datetime(2026, 3, 29, 2, 0, tzinfo=LISBON).timestamp())
    kinds = [s.kind for s in why.segments]
    assert kinds == [
        SegmentKind.COUNTED,
        SegmentKind.WEEKEND,
        SegmentKind.DST_CHANGE,
        SegmentKind.WEEKEND,
        SegmentKind.COUNTED,
    ]
    marker = why.segments[2]
    assert (marker.start, marker.end) == (change, change)
    assert (marker.offset_before, marker.offset_after) == (0, 3600)
    assert why.segments[1].end == change == why.segments[3].start
    assert why.segments[-1].end == cycle.due_at == local(3, 30, 11)
    assert "UTC+00:00 to UTC+01:00" in marker.text


def test_paused_and_stopped_segments() -> None:
    events = [
        Event(local(6, 1, 9), EventType.CREATED, status=Status.OPEN),
        Event(local(6, 1, 10), EventType.STATUS_CHANGED, status=Status.PENDING),
        Event(local(6, 1, 11), EventType.STATUS_CHANGED, status=Status.OPEN),
        Event(local(6, 1, 12), EventType.STATUS_CHANGED, status=Status.SOLVED),
    ]
    cycle, why = explain(events, local(6, 1, 13), Metric.RESOLUTION)
    assert [(s.kind, s.start, s.end, s.status) for s in why.segments] == [
        (SegmentKind.COUNTED, local(6, 1, 9), local(6, 1, 10), None),
        (SegmentKind.PAUSED, local(6, 1, 10), local(6, 1, 11), Status.PENDING),
        (SegmentKind.COUNTED, local(6, 1, 11), local(6, 1, 12), None),
        (SegmentKind.STOPPED, local(6, 1, 12), local(6, 1, 12), None),
    ]
    assert sum(s.business_seconds for s in why.segments) == cycle.elapsed == 2 * H
    assert "pending" in why.segments[1].text


def test_counted_time_up_to_due_equals_the_target_for_a_running_clock() -> None:
    events = [
        Event(local(6, 5, 17), EventType.CREATED, status=Status.OPEN),
        Event(local(6, 5, 17, 30), EventType.STATUS_CHANGED, status=Status.ON_HOLD),
        Event(local(6, 8, 10), EventType.STATUS_CHANGED, status=Status.OPEN),
    ]
    cycle, why = explain(events, local(6, 8, 10, 15), Metric.RESOLUTION)
    assert sum(s.business_seconds for s in why.segments) == cycle.target
    assert why.segments[-1].end == cycle.due_at
    assert SegmentKind.PAUSED in {s.kind for s in why.segments}


def test_a_clock_late_for_years_is_told_in_a_bounded_story() -> None:
    """Three years of working days: the first and last segments in full, the rest as
    one summary line, and the live figures at ``now`` add up."""
    events = [Event(local(1, 5, 9), EventType.CREATED, priority=Priority.NORMAL)]
    now = int(datetime(2029, 1, 10, 12, tzinfo=LISBON).timestamp())
    cycle = evaluate_ticket(events, POLICY, now).results[Metric.RESOLUTION].cycles[0]
    full = explain_cycle(cycle, events, POLICY, now)
    short = explain_cycle(cycle, events, POLICY, now, keep=4)
    assert len(full.segments) > 1000
    assert len(short.segments) == 9
    assert short.segments[:4] == full.segments[:4]
    assert short.segments[-4:] == full.segments[-4:]
    summary = short.segments[4]
    assert summary.kind is SegmentKind.SUMMARY
    assert summary.summarised > 700
    assert sum(s.business_seconds for s in short.segments) == sum(
        s.business_seconds for s in full.segments
    )
    counted_days = {
        datetime.fromtimestamp(s.start, LISBON).date()
        for s in full.segments[4:-4]
        if s.kind is SegmentKind.COUNTED
    }
    assert summary.working_days == len(counted_days) > 700
    hours = summary.business_seconds // H
    assert f"… {len(counted_days):,} working days, {hours:,} business hours …" in summary.text
    assert short.elapsed == full.elapsed == sum(s.business_seconds for s in full.segments)
    assert short.remaining == short.target - short.elapsed < 0


def test_a_short_story_is_not_summarised() -> None:
    events = [Event(local(11, 27, 16), EventType.CREATED, priority=Priority.NORMAL)]
    cycle, why = explain(events, local(11, 27, 17))
    assert explain_cycle(cycle, events, POLICY, local(11, 27, 17), keep=2).segments == (
        why.segments
    )
