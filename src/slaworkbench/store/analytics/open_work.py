"""The open tickets' due instants as numpy columns, so the dashboard's "about now" charts
(the backlog by time left, the breaches to come) are counted for any instant without a
query.

``backlog_by_remaining``, ``due_soon`` and ``tickets_breaching``
(``store/analytics/dashboard.py``) group in SQL relative to ``now``, which moves with
every reload; here the rows they count are read once (the open tickets, and the running
clocks with a due instant of open tickets: a few per cent of the tickets) and the same
counts are taken with numpy, equal to those queries' for every ``now`` and scope. The
caller keeps an ``OpenWork`` for as long as the data does not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from slaworkbench.store.analytics.dashboard import BacklogCount, DueCount, TicketScope
from slaworkbench.store.schema import OPEN_STATUSES, Ticket, TicketClock

IntArray = np.ndarray[Any, np.dtype[np.int64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
_NULL = -1
"""A missing team, customer or due instant in the integer columns."""


@dataclass(frozen=True, slots=True)
class _Ids:
    """Team, customer and priority (index into ``priorities``) of each row's ticket."""

    team_id: IntArray
    customer_id: IntArray
    priority: IntArray

    def matching(self, scope: TicketScope, priorities: Sequence[str]) -> BoolArray:
        keep = np.ones(self.priority.size, dtype=np.bool_)
        if scope.team_id is not None:
            keep &= self.team_id == scope.team_id
        if scope.customer_id is not None:
            keep &= self.customer_id == scope.customer_id
        if scope.priority is not None:
            code = priorities.index(scope.priority) if scope.priority in priorities else -2
            keep &= self.priority == code
        return keep


@dataclass(frozen=True, slots=True)
class OpenWork:
    priorities: tuple[str, ...]
    """The priorities met, in the order the ``priority`` codes index."""
    metrics: tuple[str, ...]
    """The metrics met, in the order the clocks' ``metric`` codes index."""
    tickets: _Ids
    next_due_at: IntArray
    """Per open ticket; ``_NULL`` when it has none."""
    paused: BoolArray
    """Per open ticket: its SLA state is "paused"."""
    clocks: _Ids
    clock_ticket_id: IntArray
    clock_metric: IntArray
    clock_due_at: IntArray
    clock_running: BoolArray
    """Per clock (not stopped, with a due instant, of an open ticket): state "running"."""

    def backlog(self, scope: TicketScope, *, now: int, edges: Sequence[int]) -> list[BacklogCount]:
        """As ``backlog_by_remaining``: open tickets per priority and bucket of time left
        (bucket 0 overdue, ``-1`` without a due instant, paused or not)."""
        keep = self.tickets.matching(scope, self.priorities)
        due = keep & (self.next_due_at != _NULL)
        remaining = self.next_due_at[due] - now
        bucket = np.where(
            remaining < 0, 0, np.searchsorted(np.asarray(edges), remaining, side="right") + 1
        )
        out = _counted(self.tickets.priority[due], bucket, self.priorities)
        idle = keep & (self.next_due_at == _NULL)
        paused = self.paused[idle].astype(np.int64)
        for (code, flag), n in _pairs(self.tickets.priority[idle], paused).items():
            if code >= 0:
                out.append(BacklogCount(self.priorities[code], -1, n, bool(flag)))
        return out

    def due_soon(
        self, scope: TicketScope, *, now: int, horizon: int, slot_seconds: int
    ) -> list[DueCount]:
        """As ``due_soon``: clocks due in ``(now, now + horizon]`` per metric and slot."""
        keep = self.clocks.matching(scope, self.priorities)
        keep &= (self.clock_due_at > now) & (self.clock_due_at <= now + horizon)
        slots = (self.clock_due_at[keep] - now - 1) // slot_seconds
        counted = _pairs(self.clock_metric[keep], slots)
        return [DueCount(self.metrics[m], s, n) for (m, s), n in counted.items()]

    def tickets_breaching(
        self, scope: TicketScope, *, now: int, horizons: Sequence[int]
    ) -> list[int]:
        """As ``tickets_breaching``: per horizon, the open tickets with a running clock
        due in ``(now, now + horizon]``, each counted once."""
        keep = self.clocks.matching(scope, self.priorities) & self.clock_running
        keep &= self.clock_due_at > now
        return [
            int(np.unique(self.clock_ticket_id[keep & (self.clock_due_at <= now + h)]).size)
            for h in horizons
        ]


def _codes(values: Sequence[str]) -> tuple[tuple[str, ...], IntArray]:
    """Each value's index into the sorted distinct values."""
    names = tuple(sorted(set(values)))
    index = {name: i for i, name in enumerate(names)}
    return names, np.fromiter((index.get(v, -1) for v in values), np.int64, len(values))


def _column(values: Sequence[int | None]) -> IntArray:
    return np.fromiter((_NULL if v is None else v for v in values), np.int64, len(values))


def _counted(priority: IntArray, bucket: IntArray, names: Sequence[str]) -> list[BacklogCount]:
    return [
        BacklogCount(names[p], b, n) for (p, b), n in _pairs(priority, bucket).items() if p >= 0
    ]


def _pairs(first: IntArray, second: IntArray) -> dict[tuple[int, int], int]:
    if not first.size:
        return {}
    stacked, counts = np.unique(np.stack([first, second], axis=1), axis=0, return_counts=True)
    return {
        (int(a), int(b)): int(n)
        for (a, b), n in zip(stacked.tolist(), counts.tolist(), strict=True)
    }


def open_work(session: Session) -> OpenWork:
    """Read the open tickets and their running clocks with a due instant (two queries)."""
    is_open = Ticket.status.in_(OPEN_STATUSES)
    connection = session.connection()  # Core rows: the ORM's loading costs more here
    tickets = connection.execute(
        select(
            Ticket.priority,
            Ticket.team_id,
            Ticket.customer_id,
            Ticket.next_due_at,
            Ticket.sla_state == "paused",
        ).where(is_open)
    ).all()
    clocks = connection.execute(
        select(
            Ticket.priority,
            Ticket.team_id,
            Ticket.customer_id,
            TicketClock.ticket_id,
            TicketClock.metric,
            TicketClock.due_at,
            TicketClock.state == "running",
        )
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(TicketClock.stopped_at.is_(None), TicketClock.due_at.is_not(None), is_open)
    ).all()
    priorities = tuple(sorted({str(r[0]) for r in (*tickets, *clocks) if r[0] is not None}))
    index = {name: i for i, name in enumerate(priorities)}

    def ids(rows: Sequence[Any]) -> _Ids:
        return _Ids(
            team_id=_column([r[1] for r in rows]),
            customer_id=_column([r[2] for r in rows]),
            priority=np.fromiter((index.get(r[0], -1) for r in rows), np.int64, len(rows)),
        )

    metrics, metric_codes = _codes([str(r[4]) for r in clocks])
    return OpenWork(
        priorities=priorities,
        metrics=metrics,
        tickets=ids(tickets),
        next_due_at=_column([r[3] for r in tickets]),
        paused=np.fromiter((bool(r[4]) for r in tickets), np.bool_, len(tickets)),
        clocks=ids(clocks),
        clock_ticket_id=_column([r[3] for r in clocks]),
        clock_metric=metric_codes,
        clock_due_at=_column([r[5] for r in clocks]),
        clock_running=np.fromiter((bool(r[6]) for r in clocks), np.bool_, len(clocks)),
    )
