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
from sqlalchemy.orm import Session

from slaworkbench.store.analytics.dashboard import BacklogCount, DueCount, TicketScope
from slaworkbench.store.dialect import with_index
from slaworkbench.store.schema import (
    CLOCK_STATES,
    METRICS,
    OPEN_ID_INDEX,
    OPEN_STATUSES,
    PRIORITIES,
    RUNNING_CLOCKS_INDEX,
    codes_sql,
)

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


_OPEN = ", ".join(f"'{status}'" for status in OPEN_STATUSES)


def _code_sql(column: str, names: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{name}' THEN {i}" for i, name in enumerate(names))
    return f"CASE {column} {whens} ELSE -1 END"


def _met(codes: IntArray, names: Sequence[str]) -> tuple[tuple[str, ...], IntArray]:
    """The names met among ``codes`` (indexes into the sorted ``names``, -1 for none) and
    the codes as indexes into those."""
    met = np.unique(codes[codes >= 0])
    return tuple(names[int(i)] for i in met), np.where(codes >= 0, np.searchsorted(met, codes), -1)


def _ints(session: Session, query: str, width: int) -> IntArray:
    """The rows of ``query`` (integers) as one array, fetched as the driver's tuples:
    numpy reading SQLAlchemy's rows probes each for attributes it lacks."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(query)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return np.array(rows, dtype=np.int64).reshape(-1, width)


def open_work(session: Session) -> OpenWork:
    """Read the open tickets and the running clocks with a due instant (two queries of
    integers, each walking a partial index: the open tickets' ids and the running
    clocks' due instants, the latter covering; migration 0019), joined with numpy."""
    bind = session.get_bind()
    priorities, metrics = sorted(PRIORITIES), sorted(METRICS)
    assert tuple(metrics) == METRICS, "the metrics' codes are their sorted order"
    tickets = _ints(
        session,
        f"SELECT id, {_code_sql('priority', priorities)}, COALESCE(team_id, {_NULL}),"
        f" COALESCE(customer_id, {_NULL}), COALESCE(next_due_at, {_NULL}),"
        " CASE WHEN sla_state = 'paused' THEN 1 ELSE 0 END"
        f" FROM {with_index(bind, 'tickets', OPEN_ID_INDEX)} WHERE status IN ({_OPEN})"
        " ORDER BY id",
        6,
    )
    clocks = _ints(
        session,
        # The stored codes (migration 0020), which the index holds: the metrics' codes
        # index ``METRICS``, in the sorted order ``metrics`` is.
        f"SELECT ticket_id, metric_code, due_at,"
        f" CASE WHEN {codes_sql('state', CLOCK_STATES, ('running',))} THEN 1 ELSE 0 END"
        f" FROM {with_index(bind, 'ticket_clocks', RUNNING_CLOCKS_INDEX)}"
        " WHERE stopped_at IS NULL AND due_at IS NOT NULL",
        4,
    )
    # The clocks of open tickets only, with their ticket's attributes.
    at = np.minimum(np.searchsorted(tickets[:, 0], clocks[:, 0]), max(len(tickets) - 1, 0))
    if len(tickets):
        clocks, at = clocks[tickets[at, 0] == clocks[:, 0]], at[tickets[at, 0] == clocks[:, 0]]
    else:
        clocks, at = clocks[:0], at[:0]
    met_priorities, priority = _met(np.concatenate((tickets[:, 1], tickets[at, 1])), priorities)
    met_metrics, metric = _met(clocks[:, 1], metrics)
    return OpenWork(
        priorities=met_priorities,
        metrics=met_metrics,
        tickets=_Ids(tickets[:, 2], tickets[:, 3], priority[: len(tickets)]),
        next_due_at=tickets[:, 4],
        paused=tickets[:, 5] == 1,
        clocks=_Ids(tickets[at, 2], tickets[at, 3], priority[len(tickets) :]),
        clock_ticket_id=clocks[:, 0],
        clock_metric=metric,
        clock_due_at=clocks[:, 2],
        clock_running=clocks[:, 3] == 1,
    )
