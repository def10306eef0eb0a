"""Which ticket turns "at risk" or "breached" next, and when — without scanning rows.

The schedule keeps the upcoming instants of open tickets in a heap. Replacing a
ticket's instants (after a reply, a pause, a recompute) invalidates its older entries
lazily, so every update is O(log n). The Qt side arms one timer for ``next_instant()``
and calls ``pop_due(now)`` when it fires.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from slaworkbench.domain.model import Instant
from slaworkbench.store.tickets.alerts import WatchedTicket

__all__ = ["Alert", "AlertKind", "BreachSchedule", "QuietHours", "WatchedTicket"]


class AlertKind(StrEnum):
    AT_RISK = "at_risk"
    BREACHED = "breached"
    ESCALATED = "escalated"
    """An escalation rule fired (``app/escalations``); the subject says which and why."""


@dataclass(frozen=True, slots=True)
class Alert:
    ticket_id: int
    kind: AlertKind
    at: Instant
    subject: str
    assignee: str | None = None
    team: str | None = None
    reference: str = ""
    """How the ticket list names the ticket (its external id, else ``#id``)."""
    recipients: tuple[str, ...] = ()
    """Whom an escalation notifies besides the assignee (by name): "mine" includes them."""

    @property
    def name(self) -> str:
        """The ticket's name in every sentence about it: as the list shows it."""
        return self.reference or f"#{self.ticket_id}"


@dataclass(frozen=True, slots=True)
class QuietHours:
    """Local wall-clock hours in which no desktop notification is shown.

    ``start == end`` means never quiet; ``start > end`` wraps past midnight
    (22:00–07:00).
    """

    start: time
    end: time
    timezone: str = "UTC"

    def is_quiet(self, instant: Instant) -> bool:
        if self.start == self.end:
            return False
        local = datetime.fromtimestamp(instant, ZoneInfo(self.timezone)).time()
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


class BreachSchedule:
    """The ordered upcoming alert instants of the watched tickets."""

    def __init__(self) -> None:
        self._heap: list[tuple[Instant, int, int, AlertKind]] = []
        self._tickets: dict[int, tuple[int, WatchedTicket]] = {}
        self._generation = 0

    def __len__(self) -> int:
        return len(self._tickets)

    def replace(self, ticket: WatchedTicket, now: Instant) -> None:
        """Watch ``ticket`` with its current instants (earlier entries are dropped).

        An at-risk instant already passed is not scheduled (the ticket was at risk when
        it was loaded, which the views show); a due instant already passed is not
        either — the monitor announces crossings, it does not replay history.
        """
        self._generation += 1
        generation = self._generation
        self._tickets[ticket.ticket_id] = (generation, ticket)
        if ticket.due_at is not None and ticket.due_at > now:
            heapq.heappush(
                self._heap, (ticket.due_at, generation, ticket.ticket_id, AlertKind.BREACHED)
            )
            if ticket.risk_at is not None and now < ticket.risk_at < ticket.due_at:
                heapq.heappush(
                    self._heap, (ticket.risk_at, generation, ticket.ticket_id, AlertKind.AT_RISK)
                )

    def replace_all(self, tickets: list[WatchedTicket], now: Instant) -> None:
        self._heap.clear()
        self._tickets.clear()
        for ticket in tickets:
            self.replace(ticket, now)

    def remove(self, ticket_id: int) -> None:
        self._tickets.pop(ticket_id, None)

    def _is_live(self, generation: int, ticket_id: int) -> bool:
        entry = self._tickets.get(ticket_id)
        return entry is not None and entry[0] == generation

    def _drop_stale_head(self) -> None:
        while self._heap and not self._is_live(self._heap[0][1], self._heap[0][2]):
            heapq.heappop(self._heap)

    def next_instant(self) -> Instant | None:
        self._drop_stale_head()
        return self._heap[0][0] if self._heap else None

    def pop_due(self, now: Instant) -> list[Alert]:
        """Every alert whose instant is ``<= now``, in time order."""
        alerts: list[Alert] = []
        while True:
            self._drop_stale_head()
            if not self._heap or self._heap[0][0] > now:
                return alerts
            at, _generation, ticket_id, kind = heapq.heappop(self._heap)
            ticket = self._tickets[ticket_id][1]
            if kind is AlertKind.BREACHED:
                self._tickets.pop(ticket_id, None)
            alerts.append(
                Alert(
                    ticket_id,
                    kind,
                    at,
                    ticket.subject,
                    ticket.assignee,
                    ticket.team,
                    ticket.reference,
                )
            )
