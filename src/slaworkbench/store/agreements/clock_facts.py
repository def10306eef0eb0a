"""The stopped clocks of a customer's tickets (or every ticket) in a period: what the
statement's compliance and credits and the goal suggestions count.

Read as columns of integers (codes, not texts; no object per cycle): the largest
customer of the 1M demo has 1.4 million stopped cycles in a year, and an object and four
texts for each were half of its statement's time (docs/perf/agreements.md)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Integer, select, type_coerce
from sqlalchemy.orm import Session

from slaworkbench.domain.sorting import lexsort_order
from slaworkbench.store.analytics.fetch import code_of, concatenated_columns, integer_columns
from slaworkbench.store.dialect import index_hint
from slaworkbench.store.schema import (
    CLOCK_KEY_INDEX,
    CLOCK_STATES,
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


def _stopped(
    columns: Sequence[Any],
    start: int,
    end: int,
    customer: str | None,
    metrics: Collection[str] | None = None,
) -> Any:
    """``columns`` of every cycle that stopped in ``[start, end)`` judged achieved or
    breached (of ``metrics``, of ``customer``'s tickets, when given), in no order."""
    query = (
        select(*columns)
        .join(Ticket, Ticket.id == _CLOCKS.ticket_id)
        .where(
            _CLOCKS.stopped_at >= start,
            _CLOCKS.stopped_at < end,
            _STATE.in_((_ACHIEVED, _BREACHED)),
        )
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
    return query


_PRIORITY = code_of(Ticket.priority, PRIORITIES)
_PRIORITY_OR_LAST = code_of(Ticket.priority, PRIORITIES, len(PRIORITIES))
_IN_STOP_ORDER = (_CLOCKS.stopped_at, _CLOCKS.ticket_id, _CLOCKS.id)
_CODES = {"metric": np.int8, "priority": np.int8, "state": np.int8}


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
    found = _stopped_as_text(session, start, end, customer, metrics)
    if found is None:
        columns = (
            _CLOCKS.ticket_id,
            _METRIC,
            _PRIORITY,
            _STATE,
            _CLOCKS.stopped_at,
            _CLOCKS.elapsed,
            _CLOCKS.target,
        )
        query = _stopped(columns, start, end, customer, metrics).order_by(*_IN_STOP_ORDER)
        # Read in pieces (the whole workspace's year is 8.6 million cycles at a million
        # tickets) and kept as compact columns, codes as 8-bit integers: 27 bytes a cycle.
        found = integer_columns(session, query, _NAMES, narrow=_CODES)
    return StoppedClocks(
        ticket_id=found["ticket_id"],
        metric=found["metric"].astype(np.int8, copy=False),
        priority=found["priority"].astype(np.int8, copy=False),
        breached=found["state"] == _BREACHED,
        stopped_at=found["stopped_at"],
        elapsed=found["elapsed"],
        target=found["target"],
    )


_NAMES = ("ticket_id", "metric", "priority", "state", "stopped_at", "elapsed", "target")


def _stopped_as_text(
    session: Session,
    start: int,
    end: int,
    customer: str | None,
    metrics: Collection[str] | None,
) -> dict[str, NDArray[np.int64]] | None:
    """``stopped_clocks``' columns read as text where that is faster (SQLite:
    ``fetch.concatenated_columns``), put in stop order by numpy (SQLite's aggregates
    keep no order; ``_IN_STOP_ORDER``'s columns, last first, are the keys of a
    ``lexsort_order``): the largest customer's two agreed metrics of a year at 1M, 319,236
    cycles, 0.96 s against 1.38 s through ordered rows. ``None``: read the rows."""
    found = _codes_and_integers(
        session,
        lambda select_list: _stopped(select_list, start, end, customer, metrics),
        ("elapsed", "target", *(column.name for column in _IN_STOP_ORDER)),
        state=True,
    )
    if found is None:
        return None
    order = lexsort_order([found[column.name] for column in reversed(_IN_STOP_ORDER)])
    del found[_CLOCKS.id.name]
    return {name: values[order] for name, values in found.items()}


def _codes_and_integers(
    session: Session, build: Any, integers: Sequence[str], *, state: bool = False
) -> dict[str, NDArray[np.int64]] | None:
    """The cycles' ``metric`` and ticket's ``priority`` codes (with ``state`` when asked)
    and their clock rows' ``integers`` columns, read as text
    (``fetch.concatenated_columns``), in no order; ``None``: read the rows."""
    codes = [("metric", _METRIC, 0), ("priority", _PRIORITY_OR_LAST, len(PRIORITIES) + 1)]
    if state:
        codes.append(("state", _STATE, len(CLOCK_STATES)))
    found = concatenated_columns(session, build, codes, [(n, _CLOCKS[n]) for n in integers])
    if found is not None:  # an unknown priority, coded last to be packed, is -1
        found["priority"] = np.where(found["priority"] == len(PRIORITIES), -1, found["priority"])
    return found


@dataclass(frozen=True, slots=True)
class StoppedDurations:
    """One entry per cycle judged achieved or breached, in no particular order."""

    metric: NDArray[np.int8]
    """The index of the cycle's metric in ``schema.METRICS``."""
    priority: NDArray[np.int8]
    """The index of the ticket's current priority in ``schema.PRIORITIES``."""
    elapsed: NDArray[np.int64]
    target: NDArray[np.int64]


def durations_query(start: int, end: int, customer: str | None = None) -> Any:
    """The rows ``stopped_durations`` reads (metric and priority codes, business time,
    target) as one query, in no order: what a benchmark's peer reads too."""
    return _stopped((_METRIC, _PRIORITY, _CLOCKS.elapsed, _CLOCKS.target), start, end, customer)


def stopped_durations(
    session: Session, start: int, end: int, *, customer: str | None = None
) -> StoppedDurations:
    """What ``stopped_clocks`` reads, of what the goal suggestions count (each cycle's
    metric, its ticket's priority, its business time and target), in no order: the
    whole workspace's year is 8.6 million cycles at a million tickets, which SQLite
    would otherwise sort (5 s) only for the ties ``first_stopped_target`` breaks."""
    found = _codes_and_integers(
        session,
        lambda select_list: _stopped(select_list, start, end, customer),
        ("elapsed", "target"),
    )
    if found is None:
        names = ("metric", "priority", "elapsed", "target")
        query = durations_query(start, end, customer)
        found = integer_columns(session, query, names, narrow=_CODES)
    return StoppedDurations(
        metric=found["metric"].astype(np.int8, copy=False),
        priority=found["priority"].astype(np.int8, copy=False),
        elapsed=found["elapsed"],
        target=found["target"],
    )


def first_stopped_target(
    session: Session,
    start: int,
    end: int,
    *,
    metric: int,
    priority: int,
    targets: Collection[int],
    customer: str | None = None,
) -> int | None:
    """Of ``targets``, the one of the first cycle in stop order (as ``stopped_clocks``
    orders them) of ``metric`` and ``priority`` (codes) judged against one of them."""
    query = (
        _stopped((_CLOCKS.target,), start, end, customer, [METRICS[metric]])
        .where(Ticket.priority == PRIORITIES[priority], _CLOCKS.target.in_(sorted(targets)))
        .order_by(*_IN_STOP_ORDER)
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()
