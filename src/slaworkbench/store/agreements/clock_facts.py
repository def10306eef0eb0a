"""The stopped clocks of a customer's tickets (or every ticket) in a period: what the
statement's compliance and credits and the goal suggestions count.

Read as columns of integers (codes, not texts; no object per cycle): the largest
customer of the 1M demo has 1.4 million stopped cycles in a year, and an object and four
texts for each were half of its statement's time (docs/perf/agreements.md)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Integer, select, type_coerce
from sqlalchemy.orm import Session

from slaworkbench.store.analytics.fetch import code_of, integer_columns
from slaworkbench.store.dialect import index_hint
from slaworkbench.store.schema import (
    CLOCK_KEY_INDEX,
    METRICS,
    PRIORITIES,
    Customer,
    Ticket,
    TicketClock,
)

_CLOCKS = TicketClock.__table__.c
_METRIC = type_coerce(_CLOCKS.metric, Integer)  # the stored code, not its name
_STATE = type_coerce(_CLOCKS.state, Integer)
_ACHIEVED, _BREACHED = 2, 3
"""``ticket_clocks.state_code`` of the stopped verdicts (``schema.CLOCK_STATES``)."""


@dataclass(frozen=True, slots=True)
class StoppedClocks:
    """One entry per cycle judged achieved or breached, in stop order."""

    ticket_id: NDArray[np.int64]
    metric: NDArray[np.int8]
    """The index of the cycle's metric in ``schema.METRICS``."""
    priority: NDArray[np.int8]
    """The index of the ticket's current priority in ``schema.PRIORITIES``."""
    breached: NDArray[np.bool_]
    stopped_at: NDArray[np.int64]
    elapsed: NDArray[np.int64]
    target: NDArray[np.int64]

    def __len__(self) -> int:
        return int(self.ticket_id.size)


def stopped_clocks(
    session: Session,
    start: int,
    end: int,
    *,
    customer: str | None = None,
    metrics: Collection[str] | None = None,
) -> StoppedClocks:
    """Every cycle that stopped in ``[start, end)`` judged achieved or breached, with its
    ticket's current priority, in stop order; only of ``metrics`` when given (a statement
    counts the two or three its agreement names: the periodic updates and next responses
    are three cycles in four)."""
    query = (
        select(
            _CLOCKS.ticket_id,
            _METRIC,
            code_of(Ticket.priority, PRIORITIES),
            _STATE,
            _CLOCKS.stopped_at,
            _CLOCKS.elapsed,
            _CLOCKS.target,
        )
        .join(Ticket, Ticket.id == _CLOCKS.ticket_id)
        .where(
            _CLOCKS.stopped_at >= start,
            _CLOCKS.stopped_at < end,
            _STATE.in_((_ACHIEVED, _BREACHED)),
        )
        .order_by(_CLOCKS.stopped_at, _CLOCKS.ticket_id, _CLOCKS.id)
    )
    if metrics is not None:
        query = query.where(_METRIC.in_(sorted(METRICS.index(name) for name in metrics)))
    if customer is not None:
        query = query.join(Customer, Customer.id == Ticket.customer_id).where(
            Customer.name == customer
        )
        # From the customer's tickets to their cycles by key: with a few metrics
        # SQLite's planner otherwise walks those metrics' stops of every customer.
        query = index_hint(query, TicketClock.__table__, CLOCK_KEY_INDEX)
    # Read in pieces (the whole workspace's year is 8.6 million cycles at a million
    # tickets) and kept as compact columns, codes as 8-bit integers: 36 bytes a cycle.
    found = integer_columns(session, query, _NAMES)
    return StoppedClocks(
        ticket_id=found["ticket_id"],
        metric=found["metric"].astype(np.int8),
        priority=found["priority"].astype(np.int8),
        breached=found["state"] == _BREACHED,
        stopped_at=found["stopped_at"],
        elapsed=found["elapsed"],
        target=found["target"],
    )


_NAMES = ("ticket_id", "metric", "priority", "state", "stopped_at", "elapsed", "target")
