"""The recompute's read side: a chunk of tickets in, as columns.

``read_chunk`` reads the facts of the next tickets (their policy, their current summary)
and the events the engine needs, as integers (type, status and priority are the stored
codes, migration 0026, packed into one number) straight into numpy arrays: no ``Event``
objects, no ORM rows. Events come from each ticket's cached timeline
(``store.timelines``) when it has one, else from ``ticket_events``
(``store.clocks_bulk.write_chunk`` then writes the timeline). How the rows travel is
``store.clocks.transfer``; the SQL is portable (SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection

from slaworkbench.domain.clock.events import PRIORITIES, STATUSES, EventColumns
from slaworkbench.domain.clock.readings import BusinessAxis
from slaworkbench.domain.clock.results import METRIC_STATES, NONE, SLA_STATES
from slaworkbench.domain.model import EventType
from slaworkbench.domain.policy import Policy
from slaworkbench.domain.sorting import lexsort_order
from slaworkbench.store.clocks.inputs import FACTS_FROM_SQL
from slaworkbench.store.clocks.selection import policy_choice_sql
from slaworkbench.store.clocks.timelines import DamagedTimeline, forget_timelines, read_timelines
from slaworkbench.store.clocks.transfer import INT64_MIN_SQL, next_ids, read_ints
from slaworkbench.store.schema import EVENT_TYPES, OPEN_ID_INDEX, OPEN_STATUSES, codes_sql
from slaworkbench.store.schema import PRIORITIES as SCHEMA_PRIORITIES
from slaworkbench.store.schema import STATUSES as SCHEMA_STATUSES

Int64Array = NDArray[np.int64]


def case_sql(column: str, values: Sequence[str]) -> str:
    """SQL giving each value's position in ``values`` (-1 for anything else)."""
    whens = " ".join(f"WHEN '{value}' THEN {code}" for code, value in enumerate(values))
    return f"CASE {column} {whens} ELSE -1 END"


def engine_code_sql(column: str, stored: Sequence[str], engine: Sequence[str]) -> str:
    """SQL giving the engine's code (position in ``engine``, -1 for NULL) of a column
    stored as its position in ``stored`` (``store.schema.Coded``, migration 0020): the
    stored code itself when the two orders agree, as they do today."""
    if list(stored) == list(engine):
        return f"COALESCE({column}_code, -1)"
    whens = " ".join(f"WHEN {stored.index(name)} THEN {code}" for code, name in enumerate(engine))
    return f"CASE {column}_code {whens} ELSE -1 END"


_ENGINE_KINDS = (
    EventType.CREATED,
    EventType.STATUS_CHANGED,
    EventType.PRIORITY_CHANGED,
    EventType.AGENT_REPLY,
    EventType.CUSTOMER_REPLY,
)
"""The event types the clock engine reads, in the order of its kinds 1, 2, 3… (0: any
other type)."""


def _kind_sql() -> str:
    """The engine's kind of an event of ``_ENGINE_TYPES`` from its stored type code
    (migration 0026): the code plus one while the schema lists those types first and in
    the engine's order, as it does today."""
    codes = [EVENT_TYPES.index(kind.value) for kind in _ENGINE_KINDS]
    if codes == list(range(len(codes))):
        return "type_code + 1"
    whens = " ".join(f"WHEN {code} THEN {kind}" for kind, code in enumerate(codes, 1))
    return f"CASE type_code {whens} ELSE 0 END"


_ENGINE_TYPES = codes_sql("type", EVENT_TYPES, [kind.value for kind in _ENGINE_KINDS])
"""``type_code IN (...)`` of the engine's types."""
_EVENT_COLUMNS = (
    "ticket_id",
    "at",
    "seq",
    f"({_kind_sql()}) * 64"
    f" + ({engine_code_sql('status', SCHEMA_STATUSES, [s.value for s in STATUSES])} + 1) * 8"
    f" + {engine_code_sql('priority', SCHEMA_PRIORITIES, [p.value for p in PRIORITIES])} + 1",
)
"""Per event: ticket, instant, seq and one code, kind << 6 | (status + 1) << 3 |
(priority + 1): fewer numbers to format and parse (from the stored codes, no ``CASE``
over names)."""
_EVENT_SOURCE = f"ticket_events WHERE {_ENGINE_TYPES} AND {{where}}"


def _state_code(column: str, states: Sequence[str]) -> str:
    return case_sql(column, states)  # NULL (no clock) is -1 like an unknown value


def _summary_columns() -> tuple[str, ...]:
    missing = missing_sql
    return (
        "t.id",
        "COALESCE(t.policy_version_id, -1)",
        missing("t.next_due_at"),
        missing("t.next_risk_at"),
        case_sql("t.sla_state", SLA_STATES),
        _state_code("t.first_response_state", METRIC_STATES),
        missing("t.first_response_due_at"),
        missing("t.first_response_remaining"),
        missing("t.first_response_target"),
        _state_code("t.resolution_state", METRIC_STATES),
        missing("t.resolution_due_at"),
        missing("t.resolution_remaining"),
        missing("t.resolution_target"),
        missing("t.next_due_position"),
    )


def missing_sql(column: str) -> str:
    """The column, with the smallest int64 standing for NULL (``NONE`` once parsed)."""
    return f"COALESCE({column}, {INT64_MIN_SQL})"


_FACT_SOURCE = f"{FACTS_FROM_SQL} WHERE {{where}}"
_OPEN_LIST = "(" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"
_OPEN_SQL = f"AND t.status IN {_OPEN_LIST}"
_IS_OPEN_SQL = f"CASE WHEN t.status IN {_OPEN_LIST} THEN 1 ELSE 0 END"


@dataclass(frozen=True, slots=True)
class TicketChunk:
    """The next tickets to evaluate: ids, the policy each follows, events, old summary."""

    ids: Int64Array
    policy_index: Int64Array
    """Position in the ``policies`` given to ``read_chunk``; -1 = no policy applies."""
    events: EventColumns
    old_summary: Int64Array
    """Per ticket, the stored summary as ``_summary_columns`` reads it (without the id):
    codes for states, ``NONE`` / -1 for what is missing."""
    has_timeline: NDArray[np.bool_]
    """Per ticket, whether its events came from its cached timeline."""
    stored_hash: Int64Array
    """Per ticket, the fingerprint of its stored clock rows (``NONE``: unknown)."""
    fresh_rows: Int64Array
    """``(ticket_id, at, seq, code)`` of the tickets read from ``ticket_events``
    (those without a timeline), sorted by ticket, instant and seq."""
    is_open: NDArray[np.bool_]
    """Per ticket, whether its status is an open one."""
    calendars: tuple[BusinessAxis, ...] = ()
    """The calendar of each policy of ``policy_index`` (where due instants are placed
    on its working-time axis, ``tickets.next_due_position``)."""


def read_chunk(
    connection: Connection,
    policies: Sequence[Policy],
    *,
    after_id: int,
    limit: int,
    only_open: bool,
    among: Int64Array | None = None,
) -> TicketChunk | None:
    """The next ``limit`` tickets with an id above ``after_id``; ``None`` when none left.

    ``among`` (ascending ids) limits the chunk to those tickets: the ones an import
    wrote in its transaction, beside which other desktops commit tickets of their own."""
    if among is not None:
        ids = among[among > after_id][:limit]
    elif only_open:
        ids = next_ids(connection, _OPEN_SQL, after_id, limit, index=OPEN_ID_INDEX)
    else:
        ids = next_ids(connection, "", after_id, limit)
    if ids.size == 0:
        return None
    choice = policy_choice_sql(policies, connection)
    facts = read_ints(
        connection, (*_summary_columns(), _IS_OPEN_SQL, choice), _FACT_SOURCE, ids, "t.id"
    )
    facts = facts[np.argsort(facts[:, 0], kind="stable")]
    if not np.array_equal(facts[:, 0], ids):
        raise RuntimeError("the tickets changed while they were read")  # one transaction
    policy_index = facts[:, -1].copy()
    old_summary = facts[:, 1:-2].copy()
    try:
        head, cached = read_timelines(connection, ids)
    except DamagedTimeline:  # a cache is never worth a failed recompute: rebuild it
        forget_timelines(connection, ids.tolist())
        head, cached = read_timelines(connection, ids)
    has_timeline = np.zeros(ids.size, dtype=bool)
    stored_hash = np.full(ids.size, NONE, dtype=np.int64)
    where = np.searchsorted(ids, head[:, 0])
    has_timeline[where] = True
    stored_hash[where] = head[:, 2]
    missing = ids[~has_timeline]
    fresh = (
        read_ints(connection, _EVENT_COLUMNS, _EVENT_SOURCE, missing, "ticket_id")
        if missing.size
        else np.zeros((0, 4), dtype=np.int64)
    )
    fresh = fresh[lexsort_order((fresh[:, 2], fresh[:, 1], fresh[:, 0]))]
    rows = np.concatenate((cached, fresh)) if cached.size else fresh
    ticket = np.searchsorted(ids, rows[:, 0])
    order = lexsort_order((rows[:, 2], rows[:, 1], ticket))  # log order: instant, then seq
    code = rows[order, 3]
    events = EventColumns(
        ticket[order].astype(np.int64),
        np.ascontiguousarray(rows[order, 1]),
        (code >> 6).astype(np.int8),
        (((code >> 3) & 7) - 1).astype(np.int8),
        ((code & 7) - 1).astype(np.int8),
    )
    return TicketChunk(
        ids,
        policy_index,
        events,
        old_summary,
        has_timeline,
        stored_hash,
        fresh,
        facts[:, -2] == 1,
        tuple(policy.calendar for policy in policies),
    )


def priorities_and_choices(
    connection: Connection, ids: Int64Array, policies: Sequence[Policy]
) -> tuple[Int64Array, Int64Array]:
    """Per ticket of ``ids`` (ascending): its current priority's code (in the engine's
    ``PRIORITIES``) and the position in ``policies`` of the policy it follows (-1)."""
    columns = (
        "t.id",
        case_sql("t.priority", [p.value for p in PRIORITIES]),
        policy_choice_sql(policies, connection),
    )
    found = read_ints(connection, columns, _FACT_SOURCE, ids, "t.id")
    found = found[np.argsort(found[:, 0], kind="stable")]
    if not np.array_equal(found[:, 0], ids):
        raise RuntimeError("the tickets changed while they were read")  # one transaction
    return np.ascontiguousarray(found[:, 1]), np.ascontiguousarray(found[:, 2])
