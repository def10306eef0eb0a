"""SLA clocks of one ticket: a pure function of (events, policy version, calendar, now).

This implements docs/SLA_SEMANTICS.md, "Metrics and their clocks". The work is split in
two steps that :mod:`slaworkbench.domain.clock_batch` shares:

1. :func:`trace_cycles` walks the event log once and yields, per metric, the cycles with
   their running spans (UTC instants only, no calendar involved);
2. judging a cycle turns span lengths in business seconds into elapsed, due, breach and
   risk instants (:func:`judge_cycle`), asking the calendar only what it must.

Decisions where the contract is silent (documented in SLA_SEMANTICS.md):

- Only events at or before ``now`` count; events before the first ``created`` event are
  ignored, and a log without one (yet) has no clocks. ``created`` without a priority
  means ``normal``; without a status, ``new``.
- Entering solved/closed (from any other status) stops a running first_response or
  next_response cycle at that instant; a reopen never restarts first_response.
- next_response starts at a customer reply after the first agent reply, when none is
  running and the ticket is not solved/closed; further customer replies join it.
- periodic_update: each agent reply while not solved/closed stops the running cycle and
  starts a new one; entering solved/closed stops it; pause statuses pause it.
- resolution runs while the status is neither a pause status nor solved/closed and stops
  at the last entry into solved/closed if the ticket is solved/closed at ``now``.
- A cycle's target is that of the priority in force: the current one for unfinished
  cycles, the one in force when it stopped for stopped cycles. A cycle whose priority
  has no target for its metric is not measured and left out.
- Due of a clock that is not breached = ``add_business_seconds(start of its last running
  span, target - elapsed before that span)`` (for stopped cycles: the instant it would
  have been due had it kept running). A breached clock's due and breach instant is the
  instant its elapsed time reached the target. Paused clocks have no due instant.
- At risk when running, not breached and ``remaining <= floor(warning_fraction *
  target)``; ``risk_at`` is when a running clock that is not yet at risk will be.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slaworkbench.domain.model import (
    DONE_STATUSES,
    ClockState,
    Cycle,
    Event,
    EventType,
    Instant,
    Metric,
    MetricResult,
    Priority,
    Status,
    TicketEvaluation,
)
from slaworkbench.domain.policy import CalendarLike, Policy

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


def risk_threshold(target: int, warning_fraction: float) -> int:
    """Elapsed business seconds from which a clock is at risk."""
    return target - math.floor(warning_fraction * target)


@dataclass(frozen=True, slots=True)
class Verdict:
    """What judging needs from the calendar: (span index, business seconds) to add."""

    elapsed: int
    breach: tuple[int, int] | None
    due: tuple[int, int] | None
    risk: tuple[int, int] | None


def plan_cycle(
    lengths: Sequence[int], target: int, open_: bool, running: bool, threshold: int
) -> Verdict:
    """Which ``add_business_seconds`` calls judging a cycle takes, as (span, seconds).

    ``lengths`` are the business seconds of the cycle's spans. A breach is found over the
    spans; otherwise the due (and, for a running clock not yet at risk, the risk instant)
    is counted from the start of the last span with what remained before it.
    """
    elapsed = 0
    for length in lengths:
        elapsed += length
    if elapsed > target:
        before = 0
        for k, length in enumerate(lengths):
            if before + length >= target:
                return Verdict(elapsed, (k, target - before), None, None)
            before += length
        raise AssertionError("elapsed exceeds the target but no span reaches it")
    if not lengths or (open_ and not running):
        return Verdict(elapsed, None, None, None)
    last = len(lengths) - 1
    before = elapsed - lengths[last]
    due = (last, target - before)
    risk = (last, threshold - before) if running and elapsed < threshold else None
    return Verdict(elapsed, None, due, risk)


def make_cycle(
    metric: Metric,
    index: int,
    started_at: int,
    stopped_at: int | None,
    running: bool,
    target: int,
    elapsed: int,
    threshold: int,
    breach_at: int | None,
    due_at: int | None,
    risk_at: int | None,
) -> Cycle:
    """Assemble a :class:`Cycle` from a judged plan and the instants the calendar gave."""
    remaining = target - elapsed
    if breach_at is not None:
        return Cycle(
            metric,
            index,
            started_at,
            stopped_at,
            ClockState.BREACHED,
            target,
            elapsed,
            remaining,
            None if stopped_at is None and not running else breach_at,
            breach_at,
        )
    if stopped_at is not None:
        state = ClockState.ACHIEVED
    elif running:
        state = ClockState.RUNNING
    else:
        state = ClockState.PAUSED
    at_risk = running and elapsed >= threshold
    return Cycle(
        metric,
        index,
        started_at,
        stopped_at,
        state,
        target,
        elapsed,
        remaining,
        due_at,
        None,
        at_risk,
        risk_at,
    )


def _judge(
    calendar: CalendarLike, cycle: list[Any], index: int, target: int, fraction: float
) -> Cycle:
    spans = cycle[_SPANS]
    assert isinstance(spans, list)
    between = calendar.business_seconds_between_epoch
    add = calendar.add_business_seconds_epoch
    lengths = [between(a, b) for a, b in spans]
    stopped_at = cycle[_STOP]
    running = bool(cycle[_RUN])
    threshold = risk_threshold(target, fraction)
    plan = plan_cycle(lengths, target, stopped_at is None, running, threshold)
    breach_at = add(spans[plan.breach[0]][0], plan.breach[1]) if plan.breach else None
    due_at = add(spans[plan.due[0]][0], plan.due[1]) if plan.due else None
    risk_at = add(spans[plan.risk[0]][0], plan.risk[1]) if plan.risk else None
    metric = cycle[_M]
    started_at = cycle[_START]
    assert isinstance(metric, Metric) and isinstance(started_at, int)
    assert stopped_at is None or isinstance(stopped_at, int)
    return make_cycle(
        metric,
        index,
        started_at,
        stopped_at,
        running,
        target,
        plan.elapsed,
        threshold,
        breach_at,
        due_at,
        risk_at,
    )


def no_sla(now: Instant) -> TicketEvaluation:
    """The evaluation of a ticket no policy applies to."""
    return TicketEvaluation(now, None, None, None, {})


def evaluate_ticket(
    events: Sequence[Event], policy: Policy | None, now: Instant
) -> TicketEvaluation:
    """Every clock of one ticket at ``now``; ``events`` in log order (sorted by instant).

    ``results`` holds the metrics that have at least one measured cycle.
    """
    if policy is None:
        return no_sla(now)
    calendar = policy.calendar
    fraction = policy.warning_fraction
    results: dict[Metric, MetricResult] = {}
    for metric, cycles in measured_cycles(events, policy, now).items():
        judged = tuple(
            _judge(calendar, cycle, index, target, fraction)
            for index, (cycle, target) in enumerate(cycles)
        )
        results[metric] = MetricResult(metric, judged)
    return TicketEvaluation(now, policy.id, policy.version, calendar.name, results)


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
