"""What the per-ticket SLA timeline draws, built off the GUI thread (Qt-free).

From the data the detail pane already loads (the ticket's events and clock cycles) and
its calendar: the span of the ticket's life, the working time of the calendar, the
status periods (pauses marked), one row per metric with each cycle's bar, target and
due instant, and markers for escalations fired and assignments.

Rows are generic (``CycleRow``): a team's operational-level (OLA) cycles are one more
row of bars, with the same fields, when they exist.

Bounded for a ticket that lived years: working time is drawn only while it has at most
``MAX_WORKING_SEGMENTS`` segments (beyond that, at that zoom, it would be a grey blur;
the view says so), and at most ``MAX_MARKERS`` of each kind of marker are kept (the
newest).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.labels import metric_label, status_label
from slaworkbench.domain.model import (
    DEFAULT_PAUSE_STATUSES,
    ClockState,
    Cycle,
    EventType,
    Instant,
    Status,
)
from slaworkbench.i18n import tr
from slaworkbench.store.policies.versions import load_policy_version
from slaworkbench.store.tickets.detail import EventRow
from slaworkbench.store.workspace import Workspace

MAX_WORKING_SEGMENTS = 1500
MAX_MARKERS = 300


class WorkingTime(Protocol):
    def working_segments(self, a: int, b: int) -> list[tuple[int, int]]: ...


@dataclass(frozen=True, slots=True)
class Period:
    start: Instant
    end: Instant
    status: Status
    paused: bool


@dataclass(frozen=True, slots=True)
class CycleBar:
    start: Instant
    end: Instant
    """The stop, or *now* while the cycle runs."""
    state: str
    running: bool
    due_at: Instant | None
    target: int
    tip: str


@dataclass(frozen=True, slots=True)
class CycleRow:
    label: str
    bars: tuple[CycleBar, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    at: Instant
    kind: str
    """``escalation``, ``assignment`` or ``reopen``."""
    label: str
    tip: str


@dataclass(frozen=True, slots=True)
class SlaTimeline:
    start: Instant
    end: Instant
    now: Instant
    working: tuple[tuple[Instant, Instant], ...] | None
    """Working segments of the calendar; ``None`` when there are too many to draw."""
    periods: tuple[Period, ...]
    rows: tuple[CycleRow, ...]
    markers: tuple[Marker, ...]
    calendar_name: str


def _periods(events: Sequence[EventRow], end: Instant, pauses: frozenset[Status]) -> list[Period]:
    periods: list[Period] = []
    current: Status | None = None
    since = 0
    for event in events:
        new_status = (
            event.status
            if event.type
            in (
                EventType.CREATED,
                EventType.STATUS_CHANGED,
            )
            else None
        )
        if new_status is None or new_status == current:
            continue
        if current is not None and event.at > since:
            periods.append(Period(since, event.at, current, current in pauses))
        current, since = new_status, event.at
    if current is not None and end > since:
        periods.append(Period(since, end, current, current in pauses))
    return periods


def _state_word(state: ClockState) -> str:
    """A cycle's state in a sentence, in the user's language (it was the program's
    identifier, ``breached``, in every language)."""
    return {
        ClockState.RUNNING: tr("running"),
        ClockState.PAUSED: tr("paused"),
        ClockState.ACHIEVED: tr("achieved"),
        ClockState.BREACHED: tr("breached"),
    }.get(state, str(state))


def _cycle_tip(cycle: Cycle, label: str) -> str:
    lines = [
        tr("{metric}, cycle {n}: {state}").format(
            metric=label, n=cycle.index + 1, state=_state_word(cycle.state)
        ),
        tr("target {target}, elapsed {elapsed}").format(
            target=format_duration(cycle.target), elapsed=format_duration(max(0, cycle.elapsed))
        ),
    ]
    return "\n".join(lines)


def _rows(clocks: Sequence[Cycle], now: Instant) -> list[CycleRow]:
    by_metric: dict[str, list[CycleBar]] = {}
    for cycle in clocks:
        label = metric_label(cycle.metric)
        end = cycle.stopped_at if cycle.stopped_at is not None else now
        by_metric.setdefault(label, []).append(
            CycleBar(
                cycle.started_at,
                max(end, cycle.started_at),
                cycle.state.value,
                cycle.stopped_at is None,
                cycle.due_at,
                cycle.target,
                _cycle_tip(cycle, label),
            )
        )
    return [CycleRow(label, tuple(bars)) for label, bars in by_metric.items()]


def _markers(events: Sequence[EventRow]) -> list[Marker]:
    escalations: list[Marker] = []
    assignments: list[Marker] = []
    reopens: list[Marker] = []
    was_done = False
    for event in events:
        if event.type is EventType.FIELD_CHANGED and event.field == "escalation":
            escalations.append(Marker(event.at, "escalation", tr("escalation"), event.value or ""))
        elif event.type is EventType.ASSIGNED:
            name = event.value or tr("unassigned")
            by = event.author or ""
            assignments.append(
                Marker(
                    event.at,
                    "assignment",
                    name,
                    tr("Assigned to {name} (by {by})").format(name=name, by=by),
                )
            )
        elif event.type is EventType.FIELD_CHANGED and event.field == "team":
            assignments.append(
                Marker(
                    event.at,
                    "assignment",
                    event.value or "",
                    tr("Moved to team {team}").format(team=event.value or ""),
                )
            )
        if event.status is not None and event.type in (
            EventType.STATUS_CHANGED,
            EventType.CUSTOMER_REPLY,
        ):
            done = event.status in (Status.SOLVED, Status.CLOSED)
            if was_done and not done:
                reopens.append(
                    Marker(
                        event.at,
                        "reopen",
                        tr("reopened"),
                        tr("Reopened: {status}").format(status=status_label(event.status)),
                    )
                )
            was_done = done
    return [*escalations[-MAX_MARKERS:], *assignments[-MAX_MARKERS:], *reopens[-MAX_MARKERS:]]


def build_sla_timeline(
    events: Sequence[EventRow],
    clocks: Sequence[Cycle],
    calendar: WorkingTime | None,
    now: Instant,
    *,
    calendar_name: str = "",
    pause_statuses: frozenset[Status] = DEFAULT_PAUSE_STATUSES,
    extra_rows: Sequence[CycleRow] = (),
) -> SlaTimeline:
    """The timeline of one ticket's life up to ``now`` (or its last event when later)."""
    if not events:
        return SlaTimeline(now, now + 1, now, (), (), (), (), calendar_name)
    start = events[0].at
    last = max(event.at for event in events)
    ends = [c.stopped_at for c in clocks if c.stopped_at is not None]
    dues = [c.due_at for c in clocks if c.due_at is not None]
    open_ticket = any(c.stopped_at is None for c in clocks) or _is_open(events)
    end = max([last, *ends, *(dues if open_ticket else []), now if open_ticket else last])
    end = max(end, start + 3600)
    working: tuple[tuple[Instant, Instant], ...] | None = ()
    if calendar is not None:
        segments = _bounded_segments(calendar, start, end)
        working = tuple(segments) if segments is not None else None
    status_end = now if open_ticket else last
    return SlaTimeline(
        start,
        end,
        now,
        working,
        tuple(_periods(events, max(status_end, start), pause_statuses)),
        tuple([*_rows(clocks, now), *extra_rows]),
        tuple(_markers(events)),
        calendar_name,
    )


def _is_open(events: Sequence[EventRow]) -> bool:
    status = None
    for event in events:
        if event.status is not None and event.type in (
            EventType.CREATED,
            EventType.STATUS_CHANGED,
        ):
            status = event.status
    return status not in (Status.SOLVED, Status.CLOSED)


def _bounded_segments(
    calendar: WorkingTime, start: Instant, end: Instant
) -> list[tuple[Instant, Instant]] | None:
    """The working segments, or ``None`` past the bound (checked a month at a time, so a
    ticket open for years never builds them all)."""
    found: list[tuple[Instant, Instant]] = []
    step = 31 * 86400
    cursor = start
    while cursor < end:
        upto = min(end, cursor + step)
        found.extend(calendar.working_segments(cursor, upto))
        if len(found) > MAX_WORKING_SEGMENTS:
            return None
        cursor = upto
    merged: list[tuple[Instant, Instant]] = []
    for a, b in found:
        if merged and merged[-1][1] >= a:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def pause_statuses_of(workspace: Workspace, policy_version_id: int | None) -> frozenset[Status]:
    """The statuses that pause the clocks of the policy version judging the ticket."""
    if policy_version_id is None:
        return DEFAULT_PAUSE_STATUSES
    with workspace.session() as session:
        try:
            return load_policy_version(session, policy_version_id).pause_statuses
        except (LookupError, ValueError):
            return DEFAULT_PAUSE_STATUSES
