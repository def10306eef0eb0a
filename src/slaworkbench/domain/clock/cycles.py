"""SLA clocks of one ticket: a pure function of (events, policy version, calendar, now).

This implements docs/SLA_SEMANTICS.md, "Metrics and their clocks". Many tickets at once
(the recompute, the what-if) take :mod:`slaworkbench.domain.clock.columns`, which gives the
same results (the property tests hold the two equal). The work is split in two steps:

1. :func:`~slaworkbench.domain.clock.trace.trace_cycles` walks the event log once and
   yields, per metric, the cycles with their running spans (UTC instants only, no
   calendar involved);
2. judging a cycle turns span lengths in business seconds into elapsed, due, breach and
   risk instants (:func:`plan_cycle`, :func:`make_cycle`), asking the calendar only what it must.

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

from slaworkbench.domain.clock.trace import (
    _M,
    _PRIO,
    _RUN,
    _SPANS,
    _START,
    _STOP,
    measured_cycles,
)
from slaworkbench.domain.model import (
    ClockState,
    Cycle,
    Event,
    Instant,
    Metric,
    MetricResult,
    Priority,
    TicketEvaluation,
)
from slaworkbench.domain.policy import CalendarLike, Policy


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
    priority: Priority | None = None,
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
            priority=priority,
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
        priority,
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
        cycle[_PRIO],
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
