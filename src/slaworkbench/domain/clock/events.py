"""The event logs of a batch of tickets as columns, the input of the column engine.

Also the per-ticket operations over such columns (rows sorted by ticket): where each
ticket's rows begin and end, running counts within a ticket, and the next marked row of
the same ticket.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from slaworkbench.domain.model import Event, EventType, Priority, Status

Int64Array = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

KIND_OTHER, KIND_CREATED, KIND_STATUS, KIND_PRIORITY, KIND_AGENT, KIND_CUSTOMER = range(6)
EVENT_KINDS: dict[EventType, int] = {
    EventType.CREATED: KIND_CREATED,
    EventType.STATUS_CHANGED: KIND_STATUS,
    EventType.PRIORITY_CHANGED: KIND_PRIORITY,
    EventType.AGENT_REPLY: KIND_AGENT,
    EventType.CUSTOMER_REPLY: KIND_CUSTOMER,
}
"""Event type -> kind code; every other type is ``KIND_OTHER`` (the engine ignores it)."""
STATUSES: tuple[Status, ...] = tuple(Status)
"""Status code -> status (``-1`` = none)."""
PRIORITIES: tuple[Priority, ...] = tuple(Priority)
"""Priority code -> priority (``-1`` = none)."""


@dataclass(frozen=True, slots=True)
class EventColumns:
    """The event logs of a batch of tickets as parallel arrays.

    ``ticket`` is the ticket's position in the batch (nondecreasing); within a ticket the
    rows are in log order (sorted by instant). ``kind`` uses the ``KIND_*`` codes,
    ``status`` and ``priority`` the positions in ``STATUSES`` / ``PRIORITIES`` or -1.
    """

    ticket: Int64Array
    at: Int64Array
    kind: NDArray[np.int8]
    status: NDArray[np.int8]
    priority: NDArray[np.int8]


def columns_of(logs: Sequence[Sequence[Event]]) -> EventColumns:
    """The columns of the given logs (ticket ``i`` is ``logs[i]``)."""
    ticket: list[int] = []
    at: list[int] = []
    kind: list[int] = []
    status: list[int] = []
    priority: list[int] = []
    kinds, statuses, priorities = EVENT_KINDS, STATUSES, PRIORITIES
    for position, events in enumerate(logs):
        for event in events:
            ticket.append(position)
            at.append(event.at)
            kind.append(kinds.get(event.type, KIND_OTHER))
            status.append(-1 if event.status is None else statuses.index(event.status))
            priority.append(-1 if event.priority is None else priorities.index(event.priority))
    return EventColumns(
        np.array(ticket, dtype=np.int64),
        np.array(at, dtype=np.int64),
        np.array(kind, dtype=np.int8),
        np.array(status, dtype=np.int8),
        np.array(priority, dtype=np.int8),
    )


def ticket_bounds(ticket: Int64Array, count: int) -> tuple[Int64Array, Int64Array]:
    """For each of ``count`` tickets: its first row and the row past its last one."""
    positions = np.arange(count)
    return (
        np.searchsorted(ticket, positions, side="left"),
        np.searchsorted(ticket, positions, side="right"),
    )


def segment_cumsum(flags: BoolArray, ticket: Int64Array, first: Int64Array) -> Int64Array:
    """Inclusive running count of ``flags`` within each ticket."""
    total = np.cumsum(flags, dtype=np.int64)
    before = np.concatenate(([0], total))[first]
    result: Int64Array = total - before[ticket]
    return result


def next_of(
    marks: Int64Array, after: Int64Array, ticket: Int64Array, *, inclusive: bool = False
) -> Int64Array:
    """For each index in ``after``: the first index in ``marks`` past it (or at it, when
    ``inclusive``) within the same ticket, or -1."""
    if marks.size == 0 or after.size == 0:
        return np.full(after.shape, -1, dtype=np.int64)
    where = np.searchsorted(marks, after, side="left" if inclusive else "right")
    found = np.minimum(where, marks.size - 1)
    candidate = marks[found]
    ok = (where < marks.size) & (ticket[candidate] == ticket[after])
    result: Int64Array = np.where(ok, candidate, -1)
    return result


def fill_forward(set_: BoolArray, value: Int64Array, positions: Int64Array) -> Int64Array:
    """``value`` at the last row at or before each row where ``set_`` holds (row 0 when
    none does; callers set each ticket's first row)."""
    filled: Int64Array = value[np.maximum.accumulate(np.where(set_, positions, 0))]
    return filled
