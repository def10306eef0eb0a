"""The recompute's lean store path: a chunk of tickets in and its clocks out, as columns.

``read_chunk`` reads the facts of the next tickets (and their current summary) and every
event the engine needs as integers (type, status and priority are turned into codes by
SQL ``CASE``) straight into numpy arrays: no ``Event`` objects, no ORM rows.

``write_chunk`` writes what the column engine computed (``domain.clock_columns``) as the
difference to what is stored: every clock row and ticket of the chunk gets the new
``evaluated_at`` with a few set-based ``UPDATE ... WHERE ticket_id IN (...)`` statements;
only the cycles whose values changed are updated (by primary key), new cycles inserted
and vanished ones deleted, and only the tickets whose summary changed are updated (the
``next_due_at`` indexes are touched only when it changed). All of it runs inside the
caller's transaction, so a ticket always has either its old or its new clocks. Plain
How the rows travel (few driver calls, so the GUI thread keeps the GIL it needs) is
``store.clocks_transfer``; the SQL is portable (SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection

from slaworkbench.domain.clock_columns import (
    METRIC_STATES,
    METRICS,
    NONE,
    PRIORITIES,
    SLA_STATES,
    STATES,
    STATUSES,
    ClockColumns,
    EventColumns,
)
from slaworkbench.domain.model import EventType
from slaworkbench.domain.policy import Policy
from slaworkbench.store.clocks_selection import policy_choice_sql
from slaworkbench.store.clocks_transfer import (
    INT64_MIN_SQL,
    delete_ids,
    insert_rows,
    next_ids,
    read_ints,
    stamp,
    update_rows,
)
from slaworkbench.store.schema import OPEN_STATUSES

Int64Array = NDArray[np.int64]


def _case(column: str, values: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {code}" for code, value in enumerate(values))
    return f"CASE {column} {whens} ELSE -1 END"


_KIND_SQL = (
    "CASE type WHEN 'created' THEN 1 WHEN 'status_changed' THEN 2 "
    "WHEN 'priority_changed' THEN 3 WHEN 'agent_reply' THEN 4 "
    "WHEN 'customer_reply' THEN 5 ELSE 0 END"
)
_ENGINE_TYPES = ", ".join(
    f"'{kind.value}'"
    for kind in (
        EventType.CREATED,
        EventType.STATUS_CHANGED,
        EventType.PRIORITY_CHANGED,
        EventType.AGENT_REPLY,
        EventType.CUSTOMER_REPLY,
    )
)
_EVENT_COLUMNS = (
    "ticket_id",
    "at",
    "seq",
    f"({_KIND_SQL}) * 64 + ({_case('status', [s.value for s in STATUSES])} + 1) * 8"
    f" + {_case('priority', [p.value for p in PRIORITIES])} + 1",
)
"""Per event: ticket, instant, seq and one code, kind << 6 | (status + 1) << 3 |
(priority + 1): fewer numbers to format and parse."""
_EVENT_SOURCE = f"ticket_events WHERE type IN ({_ENGINE_TYPES}) AND {{where}}"


def _state_code(column: str, states: Sequence[str]) -> str:
    return _case(column, states)  # NULL (no clock) is -1 like an unknown value


def _summary_columns() -> tuple[str, ...]:
    missing = _missing_sql
    return (
        "t.id",
        "COALESCE(t.policy_version_id, -1)",
        missing("t.next_due_at"),
        missing("t.next_risk_at"),
        _case("t.sla_state", SLA_STATES),
        _state_code("t.first_response_state", METRIC_STATES),
        missing("t.first_response_due_at"),
        missing("t.first_response_remaining"),
        missing("t.first_response_target"),
        _state_code("t.resolution_state", METRIC_STATES),
        missing("t.resolution_due_at"),
        missing("t.resolution_remaining"),
        missing("t.resolution_target"),
    )


def _missing_sql(column: str) -> str:
    return f"COALESCE({column}, {INT64_MIN_SQL})"


_FACT_SOURCE = (
    "tickets t LEFT OUTER JOIN customers c ON c.id = t.customer_id "
    "LEFT OUTER JOIN teams tm ON tm.id = t.team_id WHERE {where}"
)
_OPEN_SQL = "AND t.status IN (" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"


def _missing(column: str) -> str:
    return f"COALESCE({column}, {INT64_MIN_SQL})"


_OLD_CLOCK_COLUMNS = (
    "id",
    f"(ticket_id * 16777216) + ({_case('metric', [m.value for m in METRICS])}) * 1048576"
    " + cycle_index",
    "started_at", _missing("stopped_at"),
    f"({_case('state', [s.value for s in STATES])}) * 2 + CASE WHEN at_risk THEN 1 ELSE 0 END",
    "target", "elapsed", "remaining", _missing("due_at"), _missing("breached_at"),
    _missing("risk_at"), "COALESCE(policy_version_id, -1)",
)  # fmt: skip
"""Per stored cycle: its id, its key (ticket, metric, index in one number), then its
values laid out as ``new_values`` in ``_write_clocks``."""
_CLOCK_SOURCE = "ticket_clocks WHERE {where}"
_NEW_CLOCK_COLUMNS = ("ticket_id", "metric", "cycle_index")
_VALUE_COLUMNS = (
    "started_at", "stopped_at", "state", "target", "elapsed", "remaining", "due_at",
    "breached_at", "at_risk", "risk_at", "policy_version_id",
)  # fmt: skip
"""The columns of a cycle's values, in ``_clock_values`` order."""
_INDEXED = {1: 2, 6: 1}
"""Value column -> the bit that says it changed (stopped_at and due_at are indexed)."""
_SUMMARY_COLUMNS = (
    "policy_version_id", "next_risk_at", "sla_state", "first_response_state",
    "first_response_due_at", "first_response_remaining", "first_response_target",
    "resolution_state", "resolution_due_at", "resolution_remaining", "resolution_target",
)  # fmt: skip

_METRIC_NAMES = np.array([metric.value for metric in METRICS], dtype=object)
_STATE_NAMES = np.array([state.value for state in STATES], dtype=object)


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


def read_chunk(
    connection: Connection,
    policies: Sequence[Policy],
    *,
    after_id: int,
    limit: int,
    only_open: bool,
) -> TicketChunk | None:
    """The next ``limit`` tickets with an id above ``after_id``; ``None`` when none left."""
    ids = next_ids(connection, _OPEN_SQL if only_open else "", after_id, limit)
    if ids.size == 0:
        return None
    choice = policy_choice_sql(policies, connection.dialect.name)
    facts = read_ints(connection, (*_summary_columns(), choice), _FACT_SOURCE, ids, "t.id")
    facts = facts[np.argsort(facts[:, 0], kind="stable")]
    if not np.array_equal(facts[:, 0], ids):
        raise RuntimeError("the tickets changed while they were read")  # one transaction
    policy_index = facts[:, -1].copy()
    old_summary = facts[:, 1:-1].copy()
    rows = read_ints(connection, _EVENT_COLUMNS, _EVENT_SOURCE, ids, "ticket_id")
    ticket = np.searchsorted(ids, rows[:, 0])
    order = np.lexsort((rows[:, 2], rows[:, 1], ticket))  # log order: instant, then seq
    code = rows[order, 3]
    events = EventColumns(
        ticket[order].astype(np.int64),
        np.ascontiguousarray(rows[order, 1]),
        (code >> 6).astype(np.int8),
        (((code >> 3) & 7) - 1).astype(np.int8),
        ((code & 7) - 1).astype(np.int8),
    )
    return TicketChunk(ids, policy_index, events, old_summary)


def _nullable(values: Int64Array) -> list[Any]:
    missing = values == NONE
    if not missing.any():
        return list(values.tolist())
    boxed = values.astype(object)
    boxed[missing] = None
    return list(boxed.tolist())


@dataclass(frozen=True, slots=True)
class ChunkWrite:
    """What ``write_chunk`` did (for tests and the benchmark)."""

    clocks_inserted: int
    clocks_updated: int
    clocks_deleted: int
    tickets_updated: int


def write_chunk(
    connection: Connection,
    chunk: TicketChunk,
    columns: ClockColumns,
    version_ids: Sequence[int | None],
    now: int,
) -> ChunkWrite:
    """Store the evaluation of ``chunk`` (see the module docstring).

    ``version_ids[i]`` is the ``policy_versions.id`` of policy ``i`` of the chunk's
    ``policy_index``.
    """
    stamp(connection, "ticket_clocks", "ticket_id", chunk.ids, now)
    stamp(connection, "tickets", "id", chunk.ids, now)
    version_of_policy = np.array(
        [-1 if v is None else v for v in version_ids] or [-1], dtype=np.int64
    )
    ticket_version = np.where(
        chunk.policy_index >= 0, version_of_policy[np.maximum(chunk.policy_index, 0)], -1
    )
    clocks = _write_clocks(connection, chunk.ids, columns, ticket_version, now)
    tickets = _write_summaries(connection, chunk, columns, ticket_version)
    return ChunkWrite(*clocks, tickets)


def _write_clocks(
    connection: Connection,
    ids: Int64Array,
    columns: ClockColumns,
    ticket_version: Int64Array,
    now: int,
) -> tuple[int, int, int]:
    old = read_ints(connection, _OLD_CLOCK_COLUMNS, _CLOCK_SOURCE, ids, "ticket_id", piece=500)
    ticket_id = ids[columns.ticket]
    version = ticket_version[columns.ticket]
    new_values = np.stack(
        (
            columns.started_at,
            columns.stopped_at,
            columns.state * 2 + columns.at_risk,
            columns.target,
            columns.elapsed,
            columns.remaining,
            columns.due_at,
            columns.breached_at,
            columns.risk_at,
            version,
        ),
        axis=1,
    )
    new_key = ticket_id * 16777216 + columns.metric * 1048576 + columns.index
    old = old[np.argsort(old[:, 1], kind="stable")]
    old_key = old[:, 1]
    where = np.searchsorted(old_key, new_key)
    found = np.minimum(where, max(old_key.size - 1, 0))
    matched = (
        (where < old_key.size) & (old_key[found] == new_key)
        if old_key.size
        else (np.zeros(new_key.size, dtype=bool))
    )
    same = np.zeros(new_key.size, dtype=bool)
    if matched.any():
        same[matched] = (old[found[matched], 2:] == new_values[matched]).all(axis=1)
    kept = np.zeros(old_key.size, dtype=bool)
    kept[found[matched]] = True

    changed = np.flatnonzero(matched & ~same)
    added = np.flatnonzero(~matched)
    gone = old[~kept, 0]
    delete_ids(connection, "ticket_clocks", gone.tolist())
    if changed.size:
        # Set an indexed column (stopped_at, due_at) only where it changed: SQLite
        # rewrites the index entries of every indexed column a statement sets.
        before, after = old[found[changed]], new_values[changed]
        moved = (before[:, 3] != after[:, 1]).astype(np.int64) * 2 + (before[:, 8] != after[:, 6])
        for variant in range(4):
            rows = changed[moved == variant]
            if rows.size == 0:
                continue
            fields = [f for f in range(11) if f not in _INDEXED or _INDEXED[f] & variant]
            values = _clock_values(columns, version, rows)
            update_rows(
                connection,
                "ticket_clocks",
                [_VALUE_COLUMNS[f] for f in fields],
                list(zip(*[values[f] for f in fields], old[found[rows], 0].tolist(), strict=True)),
            )
    if added.size:
        insert_rows(
            connection,
            "ticket_clocks",
            (*_NEW_CLOCK_COLUMNS, *_VALUE_COLUMNS, "evaluated_at"),
            list(
                zip(
                    ticket_id[added].tolist(),
                    _METRIC_NAMES[columns.metric[added]].tolist(),
                    columns.index[added].tolist(),
                    *_clock_values(columns, version, added),
                    [now] * added.size,
                    strict=True,
                )
            ),
        )
    return int(added.size), int(changed.size), int(gone.size)


def _clock_values(columns: ClockColumns, version: Int64Array, rows: Int64Array) -> list[list[Any]]:
    """The values of the given cycles, one list per column of ``_VALUE_COLUMNS``."""
    return [
        columns.started_at[rows].tolist(),
        _nullable(columns.stopped_at[rows]),
        _STATE_NAMES[columns.state[rows]].tolist(),
        columns.target[rows].tolist(),
        columns.elapsed[rows].tolist(),
        columns.remaining[rows].tolist(),
        _nullable(columns.due_at[rows]),
        _nullable(columns.breached_at[rows]),
        columns.at_risk[rows].tolist(),
        _nullable(columns.risk_at[rows]),
        _nullable(np.where(version[rows] < 0, NONE, version[rows])),
    ]


def _write_summaries(
    connection: Connection,
    chunk: TicketChunk,
    columns: ClockColumns,
    ticket_version: Int64Array,
) -> int:
    new = np.column_stack(
        (
            ticket_version,
            columns.next_due_at,
            columns.next_risk_at,
            columns.sla_state,
            columns.summary_state[:, 0],
            columns.summary_due_at[:, 0],
            columns.summary_remaining[:, 0],
            columns.summary_target[:, 0],
            columns.summary_state[:, 1],
            columns.summary_due_at[:, 1],
            columns.summary_remaining[:, 1],
            columns.summary_target[:, 1],
        )
    )
    changed = (new != chunk.old_summary).any(axis=1)
    due_moved = new[:, 1] != chunk.old_summary[:, 1]
    # Only tickets whose next_due_at changed set it (five indexes hold it).
    for rows, sets_due in (
        (np.flatnonzero(changed & ~due_moved), False),
        (np.flatnonzero(due_moved), True),
    ):
        if rows.size == 0:
            continue
        picked = new[rows]
        version = _nullable(np.where(picked[:, 0] < 0, NONE, picked[:, 0]))
        rest = [
            _nullable(picked[:, 2]),
            [SLA_STATES[code] for code in picked[:, 3].tolist()],
            _state_names(picked[:, 4]),
            _nullable(picked[:, 5]),
            _nullable(picked[:, 6]),
            _nullable(picked[:, 7]),
            _state_names(picked[:, 8]),
            _nullable(picked[:, 9]),
            _nullable(picked[:, 10]),
            _nullable(picked[:, 11]),
        ]
        names = ("next_due_at", *_SUMMARY_COLUMNS) if sets_due else _SUMMARY_COLUMNS
        values = [_nullable(picked[:, 1]), version, *rest] if sets_due else [version, *rest]
        update_rows(
            connection, "tickets", names, list(zip(*values, chunk.ids[rows].tolist(), strict=True))
        )
    return int(changed.sum())


def _state_names(codes: Int64Array) -> list[str | None]:
    return [None if code < 0 else METRIC_STATES[code] for code in codes.tolist()]
