"""Moving the recompute's rows between SQL and Python in few driver calls.

Why it matters: the recompute runs on a worker thread while the GUI thread must keep
ticking. Python's sqlite3 releases the GIL inside every ``sqlite3_step`` and takes it
back for every row; a worker that does that hundreds of thousands of times a second
keeps winning the GIL back before the GUI thread wakes up (the "convoy effect"), so the
GUI stalls for as long as such a loop lasts. On SQLite, therefore:

- integer columns are read as one ``group_concat`` text per column and piece of
  tickets (one step, the GIL released for all of SQLite's work) and parsed by
  ``np.fromstring`` in C. One text per column, not the columns joined by ``||`` into
  one: SQLite copies a row's growing text once per column it joins, which made a read of
  thirteen columns 2.2-2.9x slower (issue 16: the open-ticket recompute's stored rows);
- an integer head per row plus a comma-separated text (ticket timelines) as the head's
  ``group_concat`` texts and the body's, of one statement per piece;
- rows are written a few hundred at a time by multi-row statements, ``INSERT ...
  VALUES (...), (...)`` and ``UPDATE ... FROM (VALUES (...), (...))`` (SQLite 3.33+):
  one step per group, and SQLite opens its cursors once per group (about 40 % faster
  than ``json_each``, whose ``json_extract`` parses each row's text once per column);
  deletes are one ``DELETE ... IN (SELECT ... FROM json_each)`` per piece.

Pieces and groups are small enough that no single parse, ``json.dumps`` or binding
holds the GIL for more than a few milliseconds. On PostgreSQL, new rows go by ``COPY``,
updates by ``UPDATE ... FROM (VALUES ...)`` (the first row cast to the columns' types)
and deletes by ``= ANY`` of an array (``store.dialect``: ``copy_values``,
``update_from_values_sql``, ``one_parameter_ids``). Other databases (and an older
SQLite) take the plain DBAPI path: row tuples and ``executemany``. Which path a database
takes is ``store.dialect.bulk_traits``. Callers never rely on the order rows come back
in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection

from slaworkbench.store.dialect import (
    bound_parameter_limit,
    bulk_traits,
    copies_values,
    copy_staged,
    copy_values,
    driver_sql,
    one_parameter_ids,
    stages,
    update_from_values_sql,
    with_index,
)
from slaworkbench.store.staging import STAGED_TABLE, Stager, Target, can_stage, staged_columns

log = logging.getLogger(__name__)

Int64Array = NDArray[np.int64]
IN_BATCH = 500
"""Ids per ``IN (...)`` list: far below every backend's parameter limit."""
WRITE_PIECE = 2000
"""Rows per JSON statement."""
INT64_MIN_SQL = "(-9223372036854775807 - 1)"
"""The smallest int64 as an integer SQL expression (the literal would be a REAL)."""
GROUP_ROWS = 500
"""Rows per multi-row ``INSERT ... VALUES`` / ``UPDATE ... FROM (VALUES ...)``."""


def _execute(connection: Connection, text: str, params: Sequence[Any] = ()) -> list[Any]:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(driver_sql(connection, text), tuple(params))
        return list(cursor.fetchall()) if cursor.description else []
    finally:
        cursor.close()


def _pieces(ids: Int64Array, column: str, piece: int) -> Iterator[tuple[str, list[int]]]:
    """``(condition, params)`` covering ``ids``: ranges when they are contiguous, else
    ``IN`` lists."""
    if ids.size == 0:
        return
    first, last = int(ids[0]), int(ids[-1])
    if last - first + 1 == ids.size:
        for low in range(first, last + 1, piece):
            yield f"{column} BETWEEN {low} AND {min(low + piece - 1, last)}", []
        return
    values = ids.tolist()
    for start in range(0, len(values), IN_BATCH):
        batch = values[start : start + IN_BATCH]
        yield f"{column} IN ({', '.join(['?'] * len(batch))})", batch


def _concatenated(columns: Sequence[str]) -> str:
    """One ``group_concat`` per column: the aggregates of one statement see its rows in
    the same order, so the texts' values line up row by row (no column may be NULL:
    ``group_concat`` leaves NULLs out)."""
    return ", ".join(f"group_concat({column}, ',')" for column in columns)


def _stacked(texts: Sequence[str | None], width: int) -> Int64Array | None:
    """The ``(n, width)`` rows of per-column ``group_concat`` texts (``None``: no row)."""
    if not texts or texts[0] is None:
        return None
    return np.column_stack([_ints(text or "") for text in texts[:width]])


def _ints(text: str) -> Int64Array:
    """The integers of a comma-separated text (parsed in C)."""
    return np.fromstring(text, dtype=np.int64, sep=",")


def read_ints(
    connection: Connection,
    columns: Sequence[str],
    source: str,
    ids: Int64Array,
    id_column: str,
    *,
    piece: int = 1000,
) -> Int64Array:
    """``SELECT columns FROM source`` (``source`` holds ``{where}``) for the given ids, as
    an ``(n, len(columns))`` array. Every column must be a non-null integer."""
    width = len(columns)
    parts: list[Int64Array] = []
    packs_text = bulk_traits(connection).packs_text
    for where, params in _pieces(ids, id_column, piece):
        body = source.format(where=where)
        if packs_text:
            rows = _execute(connection, f"SELECT {_concatenated(columns)} FROM {body}", params)
            stacked = _stacked(rows[0] if rows else (), width)
            if stacked is not None:
                parts.append(stacked.ravel())
            continue
        cursor: Any = connection.connection.cursor()
        try:
            cursor.execute(
                driver_sql(connection, f"SELECT {', '.join(columns)} FROM {body}"), params
            )
            parts.append(np.fromiter(chain.from_iterable(cursor), dtype=np.int64))
        finally:
            cursor.close()
    if not parts:
        return np.zeros((0, width), dtype=np.int64)
    return np.concatenate(parts).reshape(-1, width)


def read_rows(
    connection: Connection,
    columns: Sequence[str],
    source: str,
    ids: Int64Array,
    id_column: str,
    *,
    piece: int = 1000,
) -> list[Any]:
    """``SELECT columns FROM source`` (``source`` holds ``{where}``) for the given ids, as
    the driver's rows (any column types)."""
    rows: list[Any] = []
    for where, params in _pieces(ids, id_column, piece):
        rows += _execute(
            connection, f"SELECT {', '.join(columns)} FROM {source.format(where=where)}", params
        )
    return rows


def read_int_lists(
    connection: Connection,
    head: Sequence[str],
    body: str,
    source: str,
    ids: Int64Array,
    id_column: str,
    *,
    piece: int = 1000,
) -> tuple[Int64Array, Int64Array]:
    """For each row of ``source`` with one of the given ids: its integer ``head`` columns
    (an ``(n, len(head))`` array) and the integers of its ``body`` text (comma-separated
    integers, possibly empty), all bodies concatenated in the same row order.

    Packed as text, both come from one statement per piece, so their ``group_concat``s
    see the rows in the same order."""
    width = len(head)
    heads: list[Int64Array] = []
    bodies: list[Int64Array] = []
    packs_text = bulk_traits(connection).packs_text
    for where, params in _pieces(ids, id_column, piece):
        source_sql = source.format(where=where)
        if packs_text:
            found = _execute(
                connection,
                f"SELECT {_concatenated(head)}, group_concat(NULLIF({body}, ''), ',')"
                f" FROM {source_sql}",
                params,
            )
            row = found[0] if found else (None,) * (width + 1)
            body_text = row[width]
            texts = [body_text] if body_text else []
            stacked = _stacked(row, width)
            if stacked is not None:
                heads.append(stacked.ravel())
        else:
            rows = _execute(
                connection, f"SELECT {', '.join(head)}, {body} FROM {source_sql}", params
            )
            heads.append(
                np.fromiter(chain.from_iterable(row[:width] for row in rows), dtype=np.int64)
            )
            texts = [row[width] for row in rows if row[width]]
        if texts:
            bodies.append(_ints(",".join(texts)))
    head_array = (
        np.concatenate(heads).reshape(-1, width) if heads else np.zeros((0, width), np.int64)
    )
    body_array = np.concatenate(bodies) if bodies else np.zeros(0, dtype=np.int64)
    return head_array, body_array


def next_ids(
    connection: Connection,
    table_filter: str,
    after_id: int,
    limit: int,
    index: str | None = None,
) -> Int64Array:
    """The next ``limit`` ids of ``tickets t`` above ``after_id`` matching ``table_filter``.

    ``index`` names an index on ``id`` whose condition is ``table_filter`` (a partial
    index): the planner is told to walk it where it takes hints, since without statistics
    it would rather search an index on the filter's column and sort everything it found
    by id again for every chunk."""
    source = "tickets t" if index is None else with_index(connection, "tickets t", index)
    inner = f"SELECT t.id FROM {source} WHERE t.id > ? {table_filter} ORDER BY t.id LIMIT ?"
    if bulk_traits(connection).packs_text:
        rows = _execute(
            connection, f"SELECT group_concat(id, ',') FROM ({inner})", (after_id, limit)
        )
        text = rows[0][0] if rows else None
        if not text:
            return np.zeros(0, dtype=np.int64)
        return _ints(text)
    found = _execute(connection, inner, (after_id, limit))
    return np.array([row[0] for row in found], dtype=np.int64)


def _group_size(connection: Connection, width: int) -> int:
    """Rows per multi-row statement: as many as the driver's bound-parameter limit
    allows, up to ``GROUP_ROWS``."""
    return max(1, min(GROUP_ROWS, bound_parameter_limit(connection) // width))


def _grouped(
    connection: Connection,
    rows: Sequence[Sequence[Any]],
    width: int,
    statement: Callable[[int], str],
) -> None:
    """Run ``statement(k)`` (a statement with ``k`` rows of ``width`` placeholders) over
    every row: full groups in one ``executemany``, the rest as one smaller statement."""
    group = _group_size(connection, width)
    whole = len(rows) - len(rows) % group
    if whole:
        flat = chain.from_iterable
        _executemany(
            connection,
            statement(group),
            [tuple(flat(rows[start : start + group])) for start in range(0, whole, group)],
        )
    if whole < len(rows):
        _execute(connection, statement(len(rows) - whole), tuple(chain.from_iterable(rows[whole:])))


def _values(count: int, width: int) -> str:
    one = f"({', '.join(['?'] * width)})"
    return ", ".join([one] * count)


def insert_rows(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    on_conflict: str = "",
    integers: bool = False,
) -> None:
    """``INSERT INTO table (columns)`` every row, followed by ``on_conflict`` (an
    ``ON CONFLICT ...`` clause, each row's own). ``integers``: every value is a non-NULL
    integer, so many rows a statement on any database (on a server, one statement a row
    is a round trip; a server types a ``VALUES`` list from its values, and a column of
    NULLs would be text)."""
    if not rows:
        return
    names = ", ".join(columns)
    width = len(columns)
    if integers or bulk_traits(connection).grouped_values:
        _grouped(
            connection,
            rows,
            width,
            lambda count: (
                f"INSERT INTO {table} ({names}) VALUES {_values(count, width)}{on_conflict}"
            ),
        )
        return
    if not on_conflict and copies_values(connection):
        copy_values(connection, table, columns, rows)
        return
    marks = ", ".join(["?"] * len(columns))
    _executemany(connection, f"INSERT INTO {table} ({names}) VALUES ({marks}){on_conflict}", rows)


_STAGER_KEY = "slaworkbench.stager"
STAGE_FROM = 50_000
"""The fewest new tickets whose inserts ``staged_inserts`` hands to a helper process:
starting one costs more than it saves below that."""


@contextmanager
def staged_inserts(connection: Connection, tickets: int) -> Iterator[None]:
    """Within the block, ``write_columns`` hands its rows to a
    helper process that binds them on the other core (``store.staging``), where
    ``connection`` takes staged rows (``dialect.staging``, SQLite) and ``tickets`` are
    many; ``flush_staged`` (and leaving the block) writes them. Elsewhere they write at
    once, as without it."""
    stager = None
    if tickets >= STAGE_FROM and stages(connection) and can_stage():

        def copy(data: bytes, target: Target) -> None:
            copy_staged_target(connection, data, target)

        def write(target: Target, rows: list[tuple[Any, ...]]) -> None:
            if target.key is None:
                insert_rows(connection, target.table, target.names, rows)
            else:
                update_rows(connection, target.table, target.names, rows, target.key)

        try:
            stager = Stager(copy, write)
        except OSError:
            stager = None
    if stager is None:
        yield
        return
    connection.info[_STAGER_KEY] = stager
    try:
        yield
        stager.flush()
        log.info("Rows staged by a helper: %d groups", stager.staged)
    finally:
        connection.info.pop(_STAGER_KEY, None)
        stager.close()


def copy_staged_target(connection: Connection, data: bytes, target: Target) -> None:
    """Write a group the helper staged (``data``, the bytes of ``staging.staged_rows``) to
    its ``target`` in the caller's transaction (``dialect.copy_staged``)."""
    width = len(target.names) + (target.key is not None)
    copy_staged(
        connection,
        data,
        target.table,
        target.names,
        STAGED_TABLE,
        staged_columns(width),
        key=target.key,
    )


def flush_staged(connection: Connection) -> None:
    """Write what ``write_columns`` handed to the helper so far
    (nothing to do outside ``staged_inserts``): before anything reads what they write
    or takes the next ids of their tables."""
    stager: Stager | None = connection.info.get(_STAGER_KEY)
    if stager is not None:
        stager.flush()


def write_columns(
    connection: Connection,
    table: str,
    names: Sequence[str],
    columns: list[list[Any]],
    key: str | None = None,
) -> None:
    """``insert_rows`` of the rows of ``columns`` (one list per name), or with a ``key``
    ``update_rows`` of them (the keys' list last); inside ``staged_inserts``, those rows
    handed to its helper instead, written at the next ``flush_staged``."""
    stager: Stager | None = connection.info.get(_STAGER_KEY)
    if stager is not None:
        stager.submit(Target(table, tuple(names), key), columns)
    elif key is None:
        insert_rows(connection, table, names, list(zip(*columns, strict=True)))
    else:
        update_rows(connection, table, names, list(zip(*columns, strict=True)), key)


def update_rows(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    key: str = "id",
) -> None:
    """``UPDATE table SET columns WHERE key = ?``: each row is the values, then the key;
    many rows a statement where the database takes ``UPDATE ... FROM (VALUES ...)``."""
    if not rows:
        return
    statement = update_from_values_sql(connection, table, columns, key)
    if statement is not None:
        _grouped(connection, rows, len(columns) + 1, statement)
        return
    sets = ", ".join(f"{name} = ?" for name in columns)
    _executemany(connection, f"UPDATE {table} SET {sets} WHERE {key} = ?", rows)


def delete_ids(connection: Connection, table: str, ids: Sequence[int]) -> None:
    if not ids:
        return
    listed = one_parameter_ids(connection, "id")
    if listed is not None:
        condition, parameter = listed
        for start in range(0, len(ids), WRITE_PIECE):
            piece = parameter([int(i) for i in ids[start : start + WRITE_PIECE]])
            _execute(connection, f"DELETE FROM {table} WHERE {condition}", (piece,))
        return
    _executemany(connection, f"DELETE FROM {table} WHERE id = ?", [(i,) for i in ids])


def set_by_ids(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    values: Sequence[Any],
    ids: Sequence[int],
) -> None:
    """Set ``columns`` to the same ``values`` on the rows ``ids``: one short statement
    per piece of ids rather than one row of values per id."""
    if not ids:
        return
    sets = ", ".join(f"{column} = ?" for column in columns)
    listed = one_parameter_ids(connection, "id")
    if listed is not None:
        condition, parameter = listed
        text = f"UPDATE {table} SET {sets} WHERE {condition}"
        for start in range(0, len(ids), WRITE_PIECE):
            piece = parameter([int(i) for i in ids[start : start + WRITE_PIECE]])
            _execute(connection, text, (*values, piece))
        return
    _executemany(connection, f"UPDATE {table} SET {sets} WHERE id = ?", [(*values, i) for i in ids])


def _executemany(connection: Connection, text: str, rows: Sequence[Sequence[Any]]) -> None:
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(driver_sql(connection, text), list(rows))
    finally:
        cursor.close()


def places_in_runs(cycle: Int64Array) -> Int64Array:
    """Each piece's place among the pieces of its cycle, in the order given (0, 1, 2…):
    the ``piece`` of ``ticket_clock_holds`` and ``ticket_ola_holds`` (migrations 0025,
    0029)."""
    order = np.argsort(cycle, kind="stable")
    grouped = cycle[order]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if cycle.size else order
    first = np.repeat(starts, np.diff(np.r_[starts, cycle.size]))
    place = np.empty_like(order)
    place[order] = np.arange(cycle.size) - first
    return place
