"""Many tickets at once: the path the background recompute takes.

Gives exactly what :func:`slaworkbench.domain.clock.cycles.evaluate_ticket` gives for each
ticket, in three passes instead of one calendar call per span:

1. a pure-Python pass per ticket traces its cycles and running spans (no calendar);
2. per calendar, one ``business_seconds_between_array`` call measures every span, then
   one ``add_business_seconds_array`` call finds every due, breach and risk instant;
3. the cycles are assembled from those numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from slaworkbench.domain.clock.cycles import no_sla, risk_threshold
from slaworkbench.domain.clock.trace import (
    _M,
    _PRIO,
    _RUN,
    _SPANS,
    _START,
    _STOP,
    METRIC_ORDER,
    trace_cycles,
)
from slaworkbench.domain.model import (
    ClockState,
    Cycle,
    Event,
    Instant,
    Metric,
    MetricResult,
    TicketEvaluation,
)
from slaworkbench.domain.policy import CalendarLike, Policy

_BREACHED = ClockState.BREACHED
_ACHIEVED = ClockState.ACHIEVED
_RUNNING = ClockState.RUNNING
_PAUSED = ClockState.PAUSED


class _Group:
    """Everything one calendar has to answer."""

    __slots__ = ("add_seconds", "add_starts", "added", "calendar", "lengths", "span_a", "span_b")

    def __init__(self, calendar: CalendarLike) -> None:
        self.calendar = calendar
        self.span_a: list[int] = []
        self.span_b: list[int] = []
        self.add_starts: list[int] = []
        self.add_seconds: list[int] = []
        self.lengths: list[int] = []
        self.added: list[int] = []

    def measure(self) -> None:
        if self.span_a:
            self.lengths = self.calendar.business_seconds_between_array(
                np.array(self.span_a, dtype=np.int64), np.array(self.span_b, dtype=np.int64)
            ).tolist()

    def add(self) -> None:
        if self.add_starts:
            self.added = self.calendar.add_business_seconds_array(
                np.array(self.add_starts, dtype=np.int64),
                np.array(self.add_seconds, dtype=np.int64),
            ).tolist()


def evaluate_tickets(
    items: Sequence[tuple[Sequence[Event], Policy | None]], now: Instant
) -> list[TicketEvaluation]:
    """``[evaluate_ticket(events, policy, now) for events, policy in items]``, faster."""
    groups: dict[int, _Group] = {}
    # Per ticket with a policy: (position, policy, group, [(cycle, target, first span)]).
    tickets: list[tuple[int, Policy, _Group, list[tuple[list[Any], int, int]]]] = []
    results: list[TicketEvaluation | None] = [None] * len(items)
    for position, (events, policy) in enumerate(items):
        if policy is None:
            results[position] = no_sla(now)
            continue
        calendar = policy.calendar
        group = groups.get(id(calendar))
        if group is None:
            group = groups[id(calendar)] = _Group(calendar)
        span_a, span_b = group.span_a, group.span_b
        target_of = policy.target
        measured: list[tuple[list[Any], int, int]] = []
        for cycle in trace_cycles(events, now, policy.pause_statuses)[1]:
            target = target_of(cycle[_PRIO], cycle[_M])
            if target is None:
                continue
            measured.append((cycle, target, len(span_a)))
            for a, b in cycle[_SPANS]:
                span_a.append(a)
                span_b.append(b)
        tickets.append((position, policy, group, measured))

    for group in groups.values():
        group.measure()

    # Plan: elapsed per cycle and the add_business_seconds requests it needs. This is
    # plan_cycle() inlined (the hot loop); the property tests hold both to the reference.
    planned = []
    for position, policy, group, measured in tickets:
        lengths = group.lengths
        span_a = group.span_a
        add_starts, add_seconds = group.add_starts, group.add_seconds
        fraction = policy.warning_fraction
        judged = []
        for cycle, target, first in measured:
            count = len(cycle[_SPANS])
            threshold = risk_threshold(target, fraction)
            breach = due = risk = -1
            if count == 0:
                elapsed = 0
            else:
                last = first + count - 1
                elapsed = lengths[first] if count == 1 else sum(lengths[first : last + 1])
                if elapsed > target:
                    reached = 0
                    for k in range(first, last + 1):
                        if reached + lengths[k] >= target:
                            breach = len(add_starts)
                            add_starts.append(span_a[k])
                            add_seconds.append(target - reached)
                            break
                        reached += lengths[k]
                elif cycle[_STOP] is not None or cycle[_RUN]:
                    before = elapsed - lengths[last]
                    due = len(add_starts)
                    add_starts.append(span_a[last])
                    add_seconds.append(target - before)
                    if cycle[_RUN] and elapsed < threshold:
                        risk = due + 1
                        add_starts.append(span_a[last])
                        add_seconds.append(threshold - before)
            judged.append((cycle, target, threshold, elapsed, breach, due, risk))
        planned.append((position, policy, group, judged))

    for group in groups.values():
        group.add()

    for position, policy, group, judged in planned:
        added = group.added
        by_metric: dict[Metric, list[Cycle]] = {}
        for cycle, target, threshold, elapsed, breach, due, risk in judged:
            metric = cycle[_M]
            bucket = by_metric.get(metric)
            if bucket is None:
                bucket = by_metric[metric] = []
            stopped_at = cycle[_STOP]
            running = cycle[_RUN]
            if breach >= 0:
                breach_at = added[breach]
                made = Cycle(
                    metric,
                    len(bucket),
                    cycle[_START],
                    stopped_at,
                    _BREACHED,
                    target,
                    elapsed,
                    target - elapsed,
                    None if stopped_at is None and not running else breach_at,
                    breach_at,
                )
            else:
                made = Cycle(
                    metric,
                    len(bucket),
                    cycle[_START],
                    stopped_at,
                    _ACHIEVED if stopped_at is not None else _RUNNING if running else _PAUSED,
                    target,
                    elapsed,
                    target - elapsed,
                    added[due] if due >= 0 else None,
                    None,
                    running and elapsed >= threshold,
                    added[risk] if risk >= 0 else None,
                )
            bucket.append(made)
        results[position] = TicketEvaluation(
            now,
            policy.id,
            policy.version,
            policy.calendar.name,
            {
                metric: MetricResult(metric, tuple(by_metric[metric]))
                for metric in METRIC_ORDER
                if metric in by_metric
            },
        )
    return [result if result is not None else no_sla(now) for result in results]
