"""OLA cycles of one ticket: the time a ticket spends with each team, judged against that
team's own targets in that team's own calendar (docs/SLA_SEMANTICS.md, "Team agreements
(OLAs)").

A pure function of (events, team OLAs, pause statuses, now), like the SLA clocks. The
team a ticket is with comes from ``field_changed`` events whose ``field`` is ``team``
(``value`` = the team's name; empty or ``None`` = no team); the holder (assignee) from
``assigned`` events. Many tickets at once take
:mod:`slaworkbench.domain.clock.ola_columns`, which gives the same cycles (the property
tests hold the two equal, and both equal to a minute-by-minute reference).

- A cycle of team T starts when the ticket comes to be *with T and not done*: created
  with T, moved to T while not solved/closed, or reopened (leaving solved/closed) while
  with T. It stops when the ticket leaves T (a move to another team or to none) or
  enters solved/closed. A ticket that returns to T gets a new cycle.
- Pause statuses pause it (the pause statuses of the ticket's SLA policy). A move while
  paused stops the old team's cycle at the move and starts the new team's cycle paused.
- Its target is the team's target for the priority in force (the current one while
  unfinished, the one in force when it stopped otherwise); without one the cycle is not
  measured. Cycles are numbered 0, 1, 2… per ticket across teams, measured ones only.
- Judging (elapsed, due, breach, risk) is that of the SLA clocks
  (:func:`~slaworkbench.domain.clock.cycles.plan_cycle`), in the team's calendar.
- Who held it: the business time of the cycle's running spans is split at assignment
  events and attributed to the assignee of each piece (``held``); ``holder_at_stop`` is
  the assignee after the events up to and including the one that stopped it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from slaworkbench.domain.clock.cycles import plan_cycle, risk_threshold
from slaworkbench.domain.model import (
    DEFAULT_PAUSE_STATUSES,
    DONE_STATUSES,
    TEAM_FIELD,
    ClockState,
    Event,
    EventType,
    Instant,
    Priority,
    Seconds,
    Status,
)
from slaworkbench.domain.policy import DEFAULT_WARNING_FRACTION, CalendarLike


@dataclass(frozen=True)
class TeamOla:
    """One team's operational level agreement: a target per priority (business seconds,
    absent = not measured) counted in the team's calendar."""

    team: str
    targets: Mapping[Priority, int]
    calendar: CalendarLike
    warning_fraction: float = DEFAULT_WARNING_FRACTION
    version_id: int | None = None

    def target(self, priority: Priority) -> int | None:
        return self.targets.get(priority)


@dataclass(frozen=True, slots=True)
class OlaCycle:
    """One stay of a ticket with one team, judged like an SLA cycle (see ``Cycle``)."""

    index: int
    team: str
    started_at: Instant
    stopped_at: Instant | None
    state: ClockState
    target: Seconds
    elapsed: Seconds
    remaining: Seconds
    due_at: Instant | None
    breached_at: Instant | None
    at_risk: bool = False
    risk_at: Instant | None = None
    holder_at_stop: str | None = None
    held: tuple[tuple[str | None, Seconds], ...] = field(default=())
    """(assignee, business seconds) while the cycle ran, by assignee name (``None``
    = unassigned first); pieces without business time are left out."""


def is_team_event(event: Event) -> bool:
    return event.type is EventType.FIELD_CHANGED and event.field == TEAM_FIELD


def counted_events(events: Sequence[Event], now: Instant) -> list[Event]:
    """The events the clocks count: from the first ``created`` on, up to ``now``; a later
    ``created`` is ignored."""
    log: list[Event] = []
    for event in events:
        if event.at > now:
            break
        if event.type is EventType.CREATED:
            if not log:
                log.append(event)
            continue
        if log:
            log.append(event)
    return log


def held_order(holder: str | None) -> tuple[int, str]:
    return (0, "") if holder is None else (1, holder)


def evaluate_olas(
    events: Sequence[Event],
    olas: Mapping[str, TeamOla],
    now: Instant,
    pause_statuses: frozenset[Status] = DEFAULT_PAUSE_STATUSES,
) -> tuple[OlaCycle, ...]:
    """Every measured OLA cycle of one ticket at ``now``, in start order."""
    log = counted_events(events, now)
    if not log:
        return ()
    created = log[0]
    status = created.status or Status.NEW
    priority = created.priority or Priority.NORMAL
    team: str | None = None
    holder: str | None = None
    # per event: the state after it; the interval it opens runs to the next event or now
    after: list[tuple[Status, Priority, str | None, str | None]] = []
    for event in log:
        if event is not created:
            if event.type is EventType.STATUS_CHANGED and event.status is not None:
                status = event.status
            elif event.type is EventType.PRIORITY_CHANGED and event.priority is not None:
                priority = event.priority
            elif event.type is EventType.ASSIGNED:
                holder = event.value or None
            elif is_team_event(event):
                team = event.value or None
        after.append((status, priority, team, holder))
    ends = [event.at for event in log[1:]] + [now]
    keys = [t if t is not None and s not in DONE_STATUSES else None for s, _, t, _ in after]
    cycles: list[OlaCycle] = []
    i = 0
    while i < len(log):
        key = keys[i]
        if key is None or (i > 0 and keys[i - 1] == key):
            i += 1
            continue
        j = i + 1
        while j < len(log) and keys[j] == key:
            j += 1
        stop = j if j < len(log) else None
        cycle = _judge(log, after, ends, i, stop, key, olas.get(key), pause_statuses, now)
        if cycle is not None:
            cycles.append(replace(cycle, index=len(cycles)))
        i = j
    return tuple(cycles)


def _judge(
    log: Sequence[Event],
    after: Sequence[tuple[Status, Priority, str | None, str | None]],
    ends: Sequence[int],
    start: int,
    stop: int | None,
    team: str,
    ola: TeamOla | None,
    pause: frozenset[Status],
    now: Instant,
) -> OlaCycle | None:
    if ola is None:
        return None
    last = (stop if stop is not None else len(log)) - 1
    priority = after[stop][1] if stop is not None else after[-1][1]
    target = ola.target(priority)
    if target is None:
        return None
    calendar = ola.calendar
    spans: list[list[int]] = []
    held: dict[str | None, int] = {}
    for k in range(start, last + 1):
        a, b = log[k].at, ends[k]
        if stop is not None and k == last:
            b = log[stop].at
        if b <= a or after[k][0] in pause:
            continue
        seconds = calendar.business_seconds_between_epoch(a, b)
        if seconds:
            held[after[k][3]] = held.get(after[k][3], 0) + seconds
        if spans and spans[-1][1] == a:
            spans[-1][1] = b
        else:
            spans.append([a, b])
    running = stop is None and after[-1][0] not in pause
    if running and (not spans or spans[-1][1] != now):
        spans.append([now, now])
    lengths = [calendar.business_seconds_between_epoch(a, b) for a, b in spans]
    threshold = risk_threshold(target, ola.warning_fraction)
    plan = plan_cycle(lengths, target, stop is None, running, threshold)
    add = calendar.add_business_seconds_epoch
    breach_at = add(spans[plan.breach[0]][0], plan.breach[1]) if plan.breach else None
    due_at = add(spans[plan.due[0]][0], plan.due[1]) if plan.due else None
    risk_at = add(spans[plan.risk[0]][0], plan.risk[1]) if plan.risk else None
    stopped_at = log[stop].at if stop is not None else None
    elapsed = plan.elapsed
    if breach_at is not None:
        state = ClockState.BREACHED
        due_at = None if stopped_at is None and not running else breach_at
    elif stopped_at is not None:
        state = ClockState.ACHIEVED
    elif running:
        state = ClockState.RUNNING
    else:
        state = ClockState.PAUSED
    return OlaCycle(
        index=0,
        team=team,
        started_at=log[start].at,
        stopped_at=stopped_at,
        state=state,
        target=target,
        elapsed=elapsed,
        remaining=target - elapsed,
        due_at=due_at,
        breached_at=breach_at,
        at_risk=breach_at is None and running and elapsed >= threshold,
        risk_at=risk_at,
        holder_at_stop=after[stop][3] if stop is not None else None,
        held=tuple(sorted(held.items(), key=lambda item: held_order(item[0]))),
    )
