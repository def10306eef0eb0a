"""The recompute's lean store path: a chunk of tickets in and its clocks out, as columns.

``read_chunk`` reads the facts of the next tickets (and their current summary) with one
query and every event the engine needs with one query per id range, fetched as plain
integer tuples (type, status and priority are turned into codes by SQL ``CASE``) straight
into numpy arrays: no ``Event`` objects, no ORM rows.

``write_chunk`` writes what the column engine computed (``domain.clock_columns``) as the
difference to what is stored: every clock row and ticket of the chunk gets the new
``evaluated_at`` with a few set-based ``UPDATE ... WHERE ticket_id IN (...)`` statements;
only the cycles whose values changed are updated (by primary key), new cycles inserted
and vanished ones deleted, and only the tickets whose summary changed are updated (the
``next_due_at`` indexes are touched only when it changed). All of it runs inside the
caller's transaction, so a ticket always has either its old or its new clocks. Plain
DBAPI ``executemany`` of tuples; the SQL is portable (SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
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
from slaworkbench.domain.model import EventType, Priority, Status, TicketFacts
from slaworkbench.domain.policy import Policy, select_policy
from slaworkbench.store.schema import OPEN_STATUSES, split_tags

Int64Array = NDArray[np.int64]
_IN_BATCH = 500
"""Ids per ``IN (...)`` list: far below every backend's parameter limit."""


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
_EVENTS_SQL = (
    f"SELECT ticket_id, at, {_KIND_SQL}, {_case('status', [s.value for s in STATUSES])}, "
    f"{_case('priority', [p.value for p in PRIORITIES])} FROM ticket_events "
    f"WHERE type IN ({_ENGINE_TYPES}) AND {{where}} ORDER BY ticket_id, seq"
)
_FACTS_SQL = (
    "SELECT t.id, t.priority, t.status, c.name, c.tier, tm.name, t.category, t.channel, "
    "t.tags, t.policy_version_id, t.next_due_at, t.next_risk_at, t.sla_state, "
    "t.first_response_state, t.first_response_due_at, t.first_response_remaining, "
    "t.first_response_target, t.resolution_state, t.resolution_due_at, "
    "t.resolution_remaining, t.resolution_target "
    "FROM tickets t LEFT OUTER JOIN customers c ON c.id = t.customer_id "
    "LEFT OUTER JOIN teams tm ON tm.id = t.team_id WHERE t.id > ? {open} "
    "ORDER BY t.id LIMIT ?"
)
_OPEN_SQL = "AND t.status IN (" + ", ".join(f"'{s}'" for s in OPEN_STATUSES) + ")"
_CLOCKS_SQL = (
    f"SELECT id, ticket_id, {_case('metric', [m.value for m in METRICS])}, cycle_index, "
    "started_at, COALESCE(stopped_at, ?), "
    f"{_case('state', [s.value for s in STATES])}, target, elapsed, remaining, "
    "COALESCE(due_at, ?), COALESCE(breached_at, ?), CASE WHEN at_risk THEN 1 ELSE 0 END, "
    "COALESCE(risk_at, ?), COALESCE(policy_version_id, -1) FROM ticket_clocks "
    "WHERE {where} ORDER BY ticket_id, metric, cycle_index"
)
_CLOCK_COLUMNS = (
    "ticket_id, metric, cycle_index, started_at, stopped_at, state, target, elapsed, "
    "remaining, due_at, breached_at, at_risk, risk_at, policy_version_id, evaluated_at"
)
_INSERT_CLOCK = f"INSERT INTO ticket_clocks ({_CLOCK_COLUMNS}) VALUES ({', '.join(['?'] * 15)})"
_VALUE_COLUMNS = (
    "started_at", "stopped_at", "state", "target", "elapsed", "remaining", "due_at",
    "breached_at", "at_risk", "risk_at", "policy_version_id",
)  # fmt: skip
"""The columns of a cycle's values, in ``_clock_values`` order."""
_INDEXED = {1: 2, 6: 1}
"""Value column -> the bit that says it changed (stopped_at and due_at are indexed)."""


def _update_clock(fields: Sequence[int]) -> str:
    sets = ", ".join(f"{_VALUE_COLUMNS[f]} = ?" for f in fields)
    return f"UPDATE ticket_clocks SET {sets} WHERE id = ?"


_SUMMARY_SET = (
    "policy_version_id = ?, next_risk_at = ?, sla_state = ?, first_response_state = ?, "
    "first_response_due_at = ?, first_response_remaining = ?, first_response_target = ?, "
    "resolution_state = ?, resolution_due_at = ?, resolution_remaining = ?, "
    "resolution_target = ?"
)
_UPDATE_SUMMARY = f"UPDATE tickets SET {_SUMMARY_SET} WHERE id = ?"
_UPDATE_SUMMARY_DUE = f"UPDATE tickets SET next_due_at = ?, {_SUMMARY_SET} WHERE id = ?"

_METRIC_NAMES = np.array([metric.value for metric in METRICS], dtype=object)
_STATE_NAMES = np.array([state.value for state in STATES], dtype=object)
_SLA_CODES = {name: code for code, name in enumerate(SLA_STATES)}
_METRIC_STATE_CODES = {name: code for code, name in enumerate(METRIC_STATES)}
_STATUS_OF = {status.value: status for status in Status}
_PRIORITY_OF = {priority.value: priority for priority in Priority}


def _sql(connection: Connection, text: str) -> str:
    """``text`` with ``?`` placeholders in the driver's paramstyle."""
    style = connection.dialect.paramstyle
    if style in ("format", "pyformat"):
        return text.replace("?", "%s")
    return text


def _cursor(connection: Connection) -> Any:
    return connection.connection.cursor()


def _id_lists(ids: Int64Array) -> Iterable[list[int]]:
    values = ids.tolist()
    for start in range(0, len(values), _IN_BATCH):
        yield values[start : start + _IN_BATCH]


def _in(column: str, count: int) -> str:
    return f"{column} IN ({', '.join(['?'] * count)})"


def _fetch_int64(
    connection: Connection, text: str, params: Sequence[Any], width: int
) -> Int64Array:
    """The rows of an all-integer query as an ``(n, width)`` array (no list of tuples)."""
    cursor = _cursor(connection)
    try:
        cursor.execute(_sql(connection, text), tuple(params))
        flat = np.fromiter(chain.from_iterable(cursor), dtype=np.int64)
    finally:
        cursor.close()
    return flat.reshape(-1, width)


def _by_ids(
    connection: Connection,
    text: str,
    ids: Int64Array,
    column: str,
    width: int,
    extra: tuple[Any, ...] = (),
) -> Int64Array:
    """Rows of ``text`` for the given ids: one ``BETWEEN`` when they are contiguous,
    else ``IN`` lists (keeping the ``ORDER BY`` of each)."""
    if ids.size == 0:
        return np.zeros((0, width), dtype=np.int64)
    first, last = int(ids[0]), int(ids[-1])
    if last - first + 1 == ids.size:
        where = f"{column} BETWEEN {first} AND {last}"
        return _fetch_int64(connection, text.format(where=where), extra, width)
    parts = [
        _fetch_int64(
            connection, text.format(where=_in(column, len(batch))), extra + tuple(batch), width
        )
        for batch in _id_lists(ids)
    ]
    return np.concatenate(parts)


@dataclass(frozen=True, slots=True)
class TicketChunk:
    """The next tickets to evaluate: ids, the policy each follows, events, old summary."""

    ids: Int64Array
    policy_index: Int64Array
    """Position in the ``policies`` given to ``read_chunk``; -1 = no policy applies."""
    events: EventColumns
    old_summary: list[tuple[Any, ...]]
    """Per ticket, the stored summary in the order of ``_summary_rows`` (ids excluded)."""


def read_chunk(
    connection: Connection,
    policies: Sequence[Policy],
    *,
    after_id: int,
    limit: int,
    only_open: bool,
) -> TicketChunk | None:
    """The next ``limit`` tickets with an id above ``after_id``; ``None`` when none left."""
    cursor = _cursor(connection)
    try:
        text = _FACTS_SQL.format(open=_OPEN_SQL if only_open else "")
        cursor.execute(_sql(connection, text), (after_id, limit))
        facts = cursor.fetchall()
    finally:
        cursor.close()
    if not facts:
        return None
    relevant = _relevant_fields(policies)
    chosen: dict[tuple[Any, ...], int] = {}
    policy_index: list[int] = []
    old_summary: list[tuple[Any, ...]] = []
    for row in facts:
        key = tuple([row[field] for field in relevant])
        code = chosen.get(key)
        if code is None:
            priority, status, customer, tier, team, category, channel, tags = row[1:9]
            facts_of = TicketFacts(
                priority=_PRIORITY_OF[priority],
                status=_STATUS_OF[status],
                customer=customer,
                customer_tier=tier,
                team=team,
                category=category,
                channel=channel,
                tags=split_tags(tags),
            )
            policy = select_policy(policies, facts_of)
            code = chosen[key] = -1 if policy is None else _position(policies, policy)
        policy_index.append(code)
        old_summary.append(row[9:])
    ids = np.array([row[0] for row in facts], dtype=np.int64)
    rows = _by_ids(connection, _EVENTS_SQL, ids, "ticket_id", 5)
    ticket = np.searchsorted(ids, rows[:, 0])
    at = np.ascontiguousarray(rows[:, 1])
    kind, status, priority = rows[:, 2], rows[:, 3], rows[:, 4]
    if at.size > 1:
        same = ticket[1:] == ticket[:-1]
        if bool((same & (at[1:] < at[:-1])).any()):  # log order is by instant, then seq
            order = np.lexsort((np.arange(at.size), at, ticket))
            ticket, at, kind, status, priority = (
                ticket[order], at[order], kind[order], status[order], priority[order]
            )  # fmt: skip
    events = EventColumns(
        ticket.astype(np.int64),
        at,
        kind.astype(np.int8),
        status.astype(np.int8),
        priority.astype(np.int8),
    )
    return TicketChunk(ids, np.array(policy_index, dtype=np.int64), events, old_summary)


_CONDITION_COLUMNS = {
    "priorities": 1,
    "customers": 3,
    "customer_tiers": 4,
    "teams": 5,
    "categories": 6,
    "channels": 7,
    "tags": 8,
}
"""Condition field -> its column in a ``_FACTS_SQL`` row."""


def _relevant_fields(policies: Sequence[Policy]) -> list[int]:
    """The fact columns some active policy's conditions look at: tickets that agree on
    them get the same policy, so the choice is made once per distinct combination."""
    return sorted(
        {
            column
            for policy in policies
            if policy.active
            for name, column in _CONDITION_COLUMNS.items()
            if getattr(policy.conditions, name)
        }
    )


def _position(policies: Sequence[Policy], policy: Policy) -> int:
    for position, candidate in enumerate(policies):
        if candidate is policy:
            return position
    raise ValueError("the selected policy is not among the given ones")


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
    ids = chunk.ids
    cursor = _cursor(connection)
    try:
        for batch in _id_lists(ids):
            cursor.execute(
                _sql(connection, "UPDATE ticket_clocks SET evaluated_at = ? WHERE "
                     + _in("ticket_id", len(batch))),
                (now, *batch),
            )  # fmt: skip
            cursor.execute(
                _sql(
                    connection, "UPDATE tickets SET evaluated_at = ? WHERE " + _in("id", len(batch))
                ),
                (now, *batch),
            )
        version_of_policy = np.array(
            [-1 if v is None else v for v in version_ids] or [-1], dtype=np.int64
        )
        ticket_version = np.where(
            chunk.policy_index >= 0, version_of_policy[np.maximum(chunk.policy_index, 0)], -1
        )
        clocks = _write_clocks(connection, cursor, ids, columns, ticket_version, now)
        tickets = _write_summaries(connection, cursor, chunk, columns, ticket_version)
    finally:
        cursor.close()
    return ChunkWrite(*clocks, tickets)


def _write_clocks(
    connection: Connection,
    cursor: Any,
    ids: Int64Array,
    columns: ClockColumns,
    ticket_version: Int64Array,
    now: int,
) -> tuple[int, int, int]:
    old = _by_ids(connection, _CLOCKS_SQL, ids, "ticket_id", 15, (NONE, NONE, NONE, NONE))
    ticket_id = ids[columns.ticket]
    version = ticket_version[columns.ticket]
    new_values = np.stack(
        (
            columns.started_at,
            columns.stopped_at,
            columns.state,
            columns.target,
            columns.elapsed,
            columns.remaining,
            columns.due_at,
            columns.breached_at,
            columns.at_risk.astype(np.int64),
            columns.risk_at,
            version,
        ),
        axis=1,
    )
    new_key = (ticket_id << 24) | (columns.metric << 20) | columns.index
    old_key = (old[:, 1] << 24) | (old[:, 2] << 20) | old[:, 3]
    order = np.argsort(old_key, kind="stable")
    old, old_key = old[order], old_key[order]
    where = np.searchsorted(old_key, new_key)
    found = np.minimum(where, max(old_key.size - 1, 0))
    matched = (
        (where < old_key.size) & (old_key[found] == new_key)
        if old_key.size
        else (np.zeros(new_key.size, dtype=bool))
    )
    same = np.zeros(new_key.size, dtype=bool)
    if matched.any():
        same[matched] = (old[found[matched], 4:] == new_values[matched]).all(axis=1)
    kept = np.zeros(old_key.size, dtype=bool)
    kept[found[matched]] = True

    changed = np.flatnonzero(matched & ~same)
    added = np.flatnonzero(~matched)
    gone = old[~kept, 0]
    if gone.size:
        cursor.executemany(
            _sql(connection, "DELETE FROM ticket_clocks WHERE id = ?"),
            [(i,) for i in gone.tolist()],
        )
    if changed.size:
        # Set an indexed column (stopped_at, due_at) only where it changed: SQLite
        # rewrites the index entries of every indexed column a statement sets.
        before, after = old[found[changed]], new_values[changed]
        moved = (before[:, 5] != after[:, 1]).astype(np.int64) * 2 + (before[:, 10] != after[:, 6])
        for variant in range(4):
            rows = changed[moved == variant]
            if rows.size == 0:
                continue
            fields = [f for f in range(11) if f not in _INDEXED or _INDEXED[f] & variant]
            values = _clock_values(columns, version, rows)
            cursor.executemany(
                _sql(connection, _update_clock(fields)),
                list(
                    zip(
                        *[values[f] for f in fields],
                        old[found[rows], 0].tolist(),
                        strict=True,
                    )
                ),
            )
    if added.size:
        values = _clock_values(columns, version, added)
        cursor.executemany(
            _sql(connection, _INSERT_CLOCK),
            list(
                zip(
                    ticket_id[added].tolist(),
                    _METRIC_NAMES[columns.metric[added]].tolist(),
                    columns.index[added].tolist(),
                    *values,
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
    cursor: Any,
    chunk: TicketChunk,
    columns: ClockColumns,
    ticket_version: Int64Array,
) -> int:
    def state_names(codes: Int64Array) -> list[str | None]:
        return [None if code < 0 else METRIC_STATES[code] for code in codes.tolist()]

    rows = zip(
        _nullable(np.where(ticket_version < 0, NONE, ticket_version)),
        _nullable(columns.next_due_at),
        _nullable(columns.next_risk_at),
        [SLA_STATES[code] for code in columns.sla_state.tolist()],
        state_names(columns.summary_state[:, 0]),
        _nullable(columns.summary_due_at[:, 0]),
        _nullable(columns.summary_remaining[:, 0]),
        _nullable(columns.summary_target[:, 0]),
        state_names(columns.summary_state[:, 1]),
        _nullable(columns.summary_due_at[:, 1]),
        _nullable(columns.summary_remaining[:, 1]),
        _nullable(columns.summary_target[:, 1]),
        chunk.ids.tolist(),
        chunk.old_summary,
        strict=True,
    )
    plain: list[tuple[Any, ...]] = []
    with_due: list[tuple[Any, ...]] = []
    for row in rows:
        new, old = row[:12], row[13]
        if new == old:
            continue
        values = (new[0], *new[2:], row[12])
        if new[1] == old[1]:
            plain.append(values)
        else:
            with_due.append((new[1], *values))
    if plain:
        cursor.executemany(_sql(connection, _UPDATE_SUMMARY), plain)
    if with_due:
        cursor.executemany(_sql(connection, _UPDATE_SUMMARY_DUE), with_due)
    return len(plain) + len(with_due)
