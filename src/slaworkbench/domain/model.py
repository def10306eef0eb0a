"""The vocabulary every layer shares: priorities, statuses, events, metrics, clock results.

Instants inside the engine are whole seconds since the Unix epoch, UTC (``Instant``).
Durations of business time are whole seconds too. Local time exists only in calendars
and on screen (see docs/SLA_SEMANTICS.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Instant = int
"""Whole seconds since 1970-01-01T00:00:00Z."""

Seconds = int
"""A whole number of (business) seconds."""


class Priority(StrEnum):
    URGENT = "urgent"
    HIGH = "high"
    NORMAL = "normal"
    LOW = "low"


class Status(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    ON_HOLD = "on_hold"
    SOLVED = "solved"
    CLOSED = "closed"


DONE_STATUSES: frozenset[Status] = frozenset({Status.SOLVED, Status.CLOSED})
DEFAULT_PAUSE_STATUSES: frozenset[Status] = frozenset({Status.PENDING, Status.ON_HOLD})


class EventType(StrEnum):
    CREATED = "created"
    STATUS_CHANGED = "status_changed"
    PRIORITY_CHANGED = "priority_changed"
    AGENT_REPLY = "agent_reply"
    CUSTOMER_REPLY = "customer_reply"
    INTERNAL_NOTE = "internal_note"
    ASSIGNED = "assigned"
    FIELD_CHANGED = "field_changed"


TEAM_FIELD = "team"
"""``field_changed`` events with this ``field`` move a ticket to the team in ``value``."""


class Metric(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    PERIODIC_UPDATE = "periodic_update"
    RESOLUTION = "resolution"


PAUSABLE_METRICS: frozenset[Metric] = frozenset({Metric.PERIODIC_UPDATE, Metric.RESOLUTION})
"""The metrics a pause status stops (docs/SLA_SEMANTICS.md, "Metrics and their clocks")."""


@dataclass(frozen=True, slots=True)
class Event:
    """One append-only entry of a ticket's log.

    - ``created``: ``status`` is the initial status (default ``new``) and ``priority``
      the initial priority.
    - ``status_changed``: ``status`` is the new status.
    - ``priority_changed``: ``priority`` is the new priority.
    - ``assigned``: ``value`` is the assignee (``None`` = unassigned).
    - ``field_changed``: ``field`` names the field, ``value`` its new value.
    - replies and notes carry their text in ``value`` (optional for the engine).
    """

    at: Instant
    type: EventType
    author: str | None = None
    status: Status | None = None
    priority: Priority | None = None
    field: str | None = None
    value: str | None = None


@dataclass(frozen=True, slots=True)
class TicketFacts:
    """A ticket's current attributes, as policy conditions see them."""

    priority: Priority
    status: Status = Status.NEW
    customer: str | None = None
    customer_tier: str | None = None
    team: str | None = None
    category: str | None = None
    channel: str | None = None
    tags: frozenset[str] = frozenset()


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    ACHIEVED = "achieved"
    BREACHED = "breached"


@dataclass(frozen=True, slots=True)
class Cycle:
    """One run of a metric's clock (first_response and resolution have one cycle).

    ``state`` is BREACHED as soon as elapsed exceeds the target, whether or not the
    clock has stopped; ``stopped_at`` tells the two apart. ``remaining`` is
    ``target - elapsed`` and is negative once late. ``due_at`` is ``None`` while paused
    (the remainder is frozen); ``breached_at`` is the due instant that was passed.
    ``at_risk`` is judged at evaluation time; ``risk_at`` lets views and the breach
    monitor tell later moments without re-evaluating.
    """

    metric: Metric
    index: int
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
    """While running and not yet at risk: the instant it will become at risk."""
    priority: Priority | None = None
    """The priority whose target judged it: the one in force when it stopped, the
    ticket's current one while it runs or is paused (``None``: not known)."""

    @property
    def is_running(self) -> bool:
        return self.stopped_at is None


@dataclass(frozen=True, slots=True)
class MetricResult:
    """All cycles of one metric; ``worst`` is the ticket's result for that metric."""

    metric: Metric
    cycles: tuple[Cycle, ...]

    @property
    def current(self) -> Cycle | None:
        """The cycle still open (running or paused), if any."""
        for cycle in reversed(self.cycles):
            if cycle.stopped_at is None:
                return cycle
        return None

    @property
    def worst(self) -> Cycle | None:
        """Breached beats everything; among equals, the least remaining time."""
        if not self.cycles:
            return None
        return min(
            self.cycles,
            key=lambda c: (c.state is not ClockState.BREACHED, c.remaining),
        )


@dataclass(frozen=True, slots=True)
class TicketEvaluation:
    """Every clock of one ticket at one moment, under one policy version."""

    evaluated_at: Instant
    policy_id: int | None
    policy_version: int | None
    calendar_name: str | None
    results: Mapping[Metric, MetricResult] = field(default_factory=dict)

    @property
    def has_policy(self) -> bool:
        return self.policy_id is not None

    @property
    def next_due_at(self) -> Instant | None:
        """The earliest due instant among running cycles (breached ones included)."""
        dues = [
            cycle.due_at
            for result in self.results.values()
            for cycle in result.cycles
            if cycle.stopped_at is None and cycle.due_at is not None
        ]
        return min(dues) if dues else None
