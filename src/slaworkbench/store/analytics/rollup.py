"""The daily rollup of stopped clocks (``clock_rollup``): built, kept and checked.

A rollup row counts the clocks that stopped on one UTC day, per metric, their ticket's
priority, team, customer and agent, and the policy version that judged them (achieved,
breached, other). It is derived data, so it changes exactly when what it derives from
changes, in the same transaction:

- the clock rows: ``store/clocks`` writes them in ``write_chunk`` (the recompute, the
  import, the demo) and ``write_evaluations`` (ticket actions); each wraps its write in
  ``rollup_kept``;
- the ticket's priority, team, customer and agent: a ticket action wraps its ticket update and
  the evaluation that follows in one ``rollup_kept`` (the inner ones then do nothing).

``rollup_kept(connection, ticket_ids)`` reads what those tickets contribute before the
write and after it (one grouped query each, by ticket id) and adds the difference, so a
write that does not move a stopped cycle (the usual recompute of running clocks) costs
two small reads and no rollup write. For new tickets (``new_tickets``: the demo, the
import) there is no before, and the after is grouped and added in SQL, ``INSERT ...
SELECT ... ON CONFLICT DO UPDATE``, without passing through Python. ``rebuild_rollup``
recomputes the whole table (the migration does the same in SQL of its own);
``rollup_differences`` compares the table with the clock rows (the tests check it
after every kind of write; ``slaworkbench check`` does not yet).

The SQL is portable (SQLite and PostgreSQL: ``INSERT ... ON CONFLICT DO UPDATE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, text

from slaworkbench.store.schema import METRICS, PRIORITIES

DAY = 86400
TABLE = "clock_rollup"
KEY = ("day", "metric", "priority", "team_id", "customer_id", "policy_version_id", "agent_id")
COUNTS = ("achieved", "breached", "other")
_WIDTH = len(KEY)

PRIORITY_SOURCE = "COALESCE(c.priority, t.priority)"
"""The priority a stopped cycle is counted under: the one it was judged under
(``ticket_clocks.priority``, migration 0006), as the direct computation from clock rows
does (``store/analytics/facts.py``); the ticket's own only for a row without one."""

_ID_BATCH = 500
_COVERED = "slaworkbench_rollup_covered"

Key = tuple[int, ...]
Counts = tuple[int, int, int]


def _code(column: str, values: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {i}" for i, value in enumerate(values))
    return f"CASE {column} {whens} ELSE -1 END"


def contributions_sql(where: str) -> str:
    """The rollup rows of the stopped clocks whose ticket (alias ``t``) and clock (alias
    ``c``) satisfy ``where``: the key columns then the counts, grouped."""
    return (
        f"SELECT c.stopped_at / {DAY}, {_code('c.metric', METRICS)},"
        f" {_code(PRIORITY_SOURCE, PRIORITIES)}, COALESCE(t.team_id, 0),"
        " COALESCE(t.customer_id, 0), COALESCE(c.policy_version_id, 0),"
        " COALESCE(t.assignee_id, 0), SUM(CASE WHEN c.state = 'achieved' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN c.state = 'breached' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN c.state IN ('achieved', 'breached') THEN 0 ELSE 1 END)"
        " FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id"
        f" WHERE c.stopped_at IS NOT NULL AND ({where})"
        " GROUP BY 1, 2, 3, 4, 5, 6, 7"
    )


def _contributions(connection: Connection, ticket_ids: Sequence[int]) -> dict[Key, Counts]:
    found: dict[Key, Counts] = {}
    for start in range(0, len(ticket_ids), _ID_BATCH):
        listed = ", ".join(str(int(i)) for i in ticket_ids[start : start + _ID_BATCH])
        for row in connection.exec_driver_sql(contributions_sql(f"c.ticket_id IN ({listed})")):
            key, (a, b, o) = _split(row)
            was = found.get(key, (0, 0, 0))
            found[key] = (was[0] + a, was[1] + b, was[2] + o)
    return found


_ADD_CONFLICT = f" ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET " + ", ".join(
    f"{c} = {TABLE}.{c} + excluded.{c}" for c in COUNTS
)
_UPSERT = text(
    f"INSERT INTO {TABLE} ({', '.join((*KEY, *COUNTS))})"
    f" VALUES ({', '.join(':' + c for c in (*KEY, *COUNTS))})" + _ADD_CONFLICT
)
_DROP_EMPTY = text(
    f"DELETE FROM {TABLE} WHERE "
    + " AND ".join(f"{c} = :{c}" for c in KEY)
    + " AND "
    + " AND ".join(f"{c} = 0" for c in COUNTS)
)


def _add_new(connection: Connection, ticket_ids: Sequence[int]) -> None:
    """Add what these tickets' clock rows contribute, grouped and added in SQL: for
    tickets that had no clock rows before, the whole contribution is the difference (a
    bulk load of new tickets adds a row per stopped cycle, too many to pass through
    Python)."""
    columns = ", ".join((*KEY, *COUNTS))
    for start in range(0, len(ticket_ids), _ID_BATCH):
        listed = ", ".join(str(int(i)) for i in ticket_ids[start : start + _ID_BATCH])
        where = f"c.ticket_id IN ({listed})"
        connection.exec_driver_sql(
            f"INSERT INTO {TABLE} ({columns}) {contributions_sql(where)}{_ADD_CONFLICT}"
        )


def _add(connection: Connection, before: dict[Key, Counts], after: dict[Key, Counts]) -> None:
    changes: list[dict[str, int]] = []
    shrunk: list[dict[str, int]] = []
    for key in before.keys() | after.keys():
        old = before.get(key, (0, 0, 0))
        new = after.get(key, (0, 0, 0))
        delta = tuple(n - o for n, o in zip(new, old, strict=True))
        if not any(delta):
            continue
        named = dict(zip(KEY, key, strict=True))
        changes.append({**named, **dict(zip(COUNTS, delta, strict=True))})
        if any(d < 0 for d in delta):
            shrunk.append(named)
    if changes:
        connection.execute(_UPSERT, changes)
    if shrunk:
        connection.execute(_DROP_EMPTY, shrunk)


@contextmanager
def rollup_kept(
    connection: Connection, ticket_ids: Iterable[int], *, new_tickets: bool = False
) -> Iterator[None]:
    """Keep ``clock_rollup`` right across a write, inside the block, of these tickets'
    clock rows or attributes (see the module docstring). ``new_tickets``: none of them
    has clock rows before the block. Nested inside another ``rollup_kept`` that covers
    the same tickets, it does nothing (the outer one sees the whole change)."""
    ids = sorted({int(i) for i in ticket_ids})
    covered: frozenset[int] = connection.info.get(_COVERED, frozenset())
    if not ids or covered.issuperset(ids):
        yield
        return
    before = {} if new_tickets else _contributions(connection, ids)
    connection.info[_COVERED] = covered | frozenset(ids)
    try:
        yield
    finally:
        connection.info[_COVERED] = covered
    if new_tickets:
        _add_new(connection, ids)
    else:
        _add(connection, before, _contributions(connection, ids))


def rebuild_rollup(connection: Connection) -> None:
    """Recompute the whole table from the clock rows, in the caller's transaction."""
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    connection.exec_driver_sql(
        f"INSERT INTO {TABLE} ({', '.join((*KEY, *COUNTS))}) {contributions_sql('1 = 1')}"
    )


def _split(row: Sequence[Any]) -> tuple[Key, Counts]:
    a, b, o = (int(v) for v in row[_WIDTH:])
    return tuple(int(v) for v in row[:_WIDTH]), (a, b, o)


def rollup_rows(connection: Connection) -> dict[Key, Counts]:
    """Every row of the table (for checks; small next to the clock rows)."""
    query = f"SELECT {', '.join((*KEY, *COUNTS))} FROM {TABLE}"
    return {
        tuple(int(v) for v in row[:_WIDTH]): (
            int(row[_WIDTH]),
            int(row[_WIDTH + 1]),
            int(row[_WIDTH + 2]),
        )
        for row in connection.exec_driver_sql(query)
    }


def rollup_differences(connection: Connection) -> list[tuple[Key, Counts, Counts]]:
    """``(key, stored, from the clock rows)`` of every rollup row that differs from what
    the clock rows give (empty when the table is right), in key order."""
    stored = rollup_rows(connection)
    derived: dict[Key, Counts] = {}
    for row in connection.exec_driver_sql(contributions_sql("1 = 1")):
        derived[tuple(int(v) for v in row[:_WIDTH])] = (
            int(row[_WIDTH]),
            int(row[_WIDTH + 1]),
            int(row[_WIDTH + 2]),
        )
    none: Counts = (0, 0, 0)
    return [
        (key, stored.get(key, none), derived.get(key, none))
        for key in sorted(stored.keys() | derived.keys())
        if stored.get(key, none) != derived.get(key, none)
    ]
