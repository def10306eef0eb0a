"""Tracing a ticket's SLA cycles: step 1 of :mod:`slaworkbench.domain.clock.cycles`.

One pass over the event log yields, per metric, the cycles with their running spans in
UTC instants only; no calendar is involved. :mod:`slaworkbench.domain.clock.cycles` judges these
cycles, reading the raw layout below. The
decisions this pass takes are listed in the docstring of :mod:`slaworkbench.domain.clock.cycles`
(docs/SLA_SEMANTICS.md, "Metrics and their clocks").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slaworkbench.domain.model import (
    DONE_STATUSES,
    Event,
    EventType,
    Instant,
    Metric,
    Priority,
    Status,
)
from slaworkbench.domain.policy import Policy

_CREATED = EventType.CREATED
_STATUS = EventType.STATUS_CHANGED
_PRIORITY = EventType.PRIORITY_CHANGED
_AGENT = EventType.AGENT_REPLY
_CUSTOMER = EventType.CUSTOMER_REPLY
_FR = Metric.FIRST_RESPONSE
_NR = Metric.NEXT_RESPONSE
_PU = Metric.PERIODIC_UPDATE
_RES = Metric.RESOLUTION
METRIC_ORDER: tuple[Metric, ...] = (_FR, _NR, _PU, _RES)

# A traced cycle, as a plain list for speed:
# [metric, started_at, stopped_at | None, priority | None, spans, running, open_start]
# ``spans`` holds maximal, non-empty [from, to) running spans; when ``running`` (still
# open and running at ``now``) the last span is the current one and ends at ``now``
# (it is empty only when it starts at ``now``). ``priority`` is filled in for stopped
# cycles (the priority in force when they stopped); open cycles take the current one.
_M, _START, _STOP, _PRIO, _SPANS, _RUN, _OPEN = range(7)


@dataclass(frozen=True, slots=True)
class TracedCycle:
    """One cycle before judging: when it ran, in UTC instants."""

    metric: Metric
    started_at: Instant
    stopped_at: Instant | None
    priority: Priority
    spans: tuple[tuple[Instant, Instant], ...]
    running: bool
    """Open and running at ``now``; the last span is then the current one."""


def _close(cycle: list[Any], t: int) -> None:
    start = cycle[_OPEN]
    assert isinstance(start, int)
    cycle[_OPEN] = None
    if t > start:
        spans = cycle[_SPANS]
        assert isinstance(spans, list)
        if spans and spans[-1][1] == start:
            spans[-1][1] = t
        else:
            spans.append([start, t])


def _stop(cycle: list[Any], t: int, priority: Priority) -> None:
    if cycle[_OPEN] is not None:
        _close(cycle, t)
    cycle[_STOP] = t
    cycle[_PRIO] = priority


def trace_cycles(
    events: Sequence[Event], now: Instant, pause_statuses: frozenset[Status]
) -> tuple[Priority | None, list[list[Any]]]:
    """One pass over the log: the current priority and every cycle as a raw list.

    Returns ``(None, [])`` when the ticket has no ``created`` event at or before ``now``.
    Raw cycles are in the layout described above (``_M`` .. ``_OPEN``); use
    :func:`traced_cycles` for typed values.
    """
    done = DONE_STATUSES
    status: Status | None = None
    priority = Priority.NORMAL
    cycles: list[list[Any]] = []
    fr: list[Any] | None = None
    nr: list[Any] | None = None
    pu: list[Any] | None = None
    res: list[Any] | None = None
    replied = False
    for event in events:
        t = event.at
        if t > now:
            break
        kind = event.type
        if status is None:
            if kind is not _CREATED:
                continue
            status = event.status or Status.NEW
            priority = event.priority or Priority.NORMAL
            fr = [_FR, t, None, None, [], False, t]
            res_runs = status not in pause_statuses and status not in done
            res = [_RES, t, None, None, [], False, t if res_runs else None]
            cycles.append(fr)
            cycles.append(res)
            if status in done:
                _stop(fr, t, priority)
                fr = None
                res[_STOP] = t
                res[_PRIO] = priority
            continue
        if kind is _STATUS:
            new = event.status
            if new is None or new is status:
                continue
            old = status
            status = new
            was_done = old in done
            now_done = new in done
            if now_done and not was_done:
                if fr is not None:
                    _stop(fr, t, priority)
                    fr = None
                if nr is not None:
                    _stop(nr, t, priority)
                    nr = None
                if pu is not None:
                    _stop(pu, t, priority)
                    pu = None
                assert res is not None
                if res[_OPEN] is not None:
                    _close(res, t)
                res[_STOP] = t
                res[_PRIO] = priority
                continue
            if now_done:
                continue
            runs = new not in pause_statuses
            assert res is not None
            if was_done:
                res[_STOP] = None
                res[_PRIO] = None
                if runs:
                    res[_OPEN] = t
                continue
            ran = old not in pause_statuses
            if ran and not runs:
                _close(res, t)
                if pu is not None:
                    _close(pu, t)
            elif runs and not ran:
                res[_OPEN] = t
                if pu is not None:
                    pu[_OPEN] = t
        elif kind is _AGENT:
            replied = True
            if fr is not None:
                _stop(fr, t, priority)
                fr = None
            if nr is not None:
                _stop(nr, t, priority)
                nr = None
            if status not in done:
                if pu is not None:
                    _stop(pu, t, priority)
                pu = [_PU, t, None, None, [], False, None if status in pause_statuses else t]
                cycles.append(pu)
        elif kind is _CUSTOMER:
            if replied and nr is None and status not in done:
                nr = [_NR, t, None, None, [], False, t]
                cycles.append(nr)
        elif kind is _PRIORITY and event.priority is not None:
            priority = event.priority
    if status is None:
        return None, []
    for cycle in cycles:
        if cycle[_STOP] is None:
            cycle[_PRIO] = priority
            start = cycle[_OPEN]
            if start is not None:
                assert isinstance(start, int)
                spans = cycle[_SPANS]
                assert isinstance(spans, list)
                if spans and spans[-1][1] == start:
                    spans[-1][1] = now
                else:
                    spans.append([start, now])
                cycle[_RUN] = True
    return priority, cycles


def measured_cycles(
    events: Sequence[Event], policy: Policy, now: Instant
) -> dict[Metric, list[tuple[list[Any], int]]]:
    """Traced cycles that have a target, with it, grouped by metric in evaluation order."""
    _, cycles = trace_cycles(events, now, policy.pause_statuses)
    grouped: dict[Metric, list[tuple[list[Any], int]]] = {}
    target = policy.target
    for cycle in sorted(cycles, key=_metric_rank):
        metric = cycle[_M]
        priority = cycle[_PRIO]
        assert isinstance(metric, Metric) and isinstance(priority, Priority)
        seconds = target(priority, metric)
        if seconds is not None:
            grouped.setdefault(metric, []).append((cycle, seconds))
    return grouped


def _metric_rank(cycle: list[Any]) -> int:
    return METRIC_ORDER.index(cycle[_M])


def traced_cycles(
    events: Sequence[Event], policy: Policy, now: Instant
) -> dict[Metric, list[TracedCycle]]:
    """The measured cycles of each metric, before judging, in evaluation order.

    ``traced_cycles(...)[metric][cycle.index]`` is the cycle an evaluation reported.
    """
    typed: dict[Metric, list[TracedCycle]] = {}
    for metric, cycles in measured_cycles(events, policy, now).items():
        for cycle, _ in cycles:
            started_at, stopped_at, priority, spans = (
                cycle[_START],
                cycle[_STOP],
                cycle[_PRIO],
                cycle[_SPANS],
            )
            assert isinstance(started_at, int) and isinstance(priority, Priority)
            assert stopped_at is None or isinstance(stopped_at, int)
            assert isinstance(spans, list)
            typed.setdefault(metric, []).append(
                TracedCycle(
                    metric,
                    started_at,
                    stopped_at,
                    priority,
                    tuple((a, b) for a, b in spans),
                    bool(cycle[_RUN]),
                )
            )
    return typed


def running_spans(
    events: Sequence[Event], policy: Policy, now: Instant, metric: Metric, index: int
) -> tuple[tuple[Instant, Instant], ...]:
    """The UTC ``[from, to)`` spans in which cycle ``index`` of ``metric`` ran."""
    cycles = traced_cycles(events, policy, now).get(metric, [])
    if not 0 <= index < len(cycles):
        raise IndexError(f"{metric.value} has no cycle {index}")
    return cycles[index].spans


def status_timeline(events: Sequence[Event], now: Instant) -> list[tuple[Instant, Instant, Status]]:
    """The ticket's status as ``(from, to, status)`` spans from creation up to ``now``.

    Consecutive equal statuses are merged and zero-length spans left out; the last span
    ends at ``now``. Empty when the ticket was not created by ``now``.
    """
    timeline: list[tuple[Instant, Instant, Status]] = []
    status: Status | None = None
    since = 0
    for event in events:
        if event.at > now:
            break
        if status is None:
            if event.type is _CREATED:
                status = event.status or Status.NEW
                since = event.at
            continue
        if event.type is _STATUS and event.status is not None and event.status is not status:
            if event.at > since:
                timeline.append((since, event.at, status))
            status = event.status
            since = event.at
    if status is None:
        return []
    if now > since:
        timeline.append((since, now, status))
    merged: list[tuple[Instant, Instant, Status]] = []
    for span in timeline:
        if merged and merged[-1][2] is span[2] and merged[-1][1] == span[0]:
            merged[-1] = (merged[-1][0], span[1], span[2])
        else:
            merged.append(span)
    return merged
