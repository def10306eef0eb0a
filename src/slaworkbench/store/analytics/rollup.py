"""The daily rollup of stopped clocks (``clock_rollup``): built, kept and checked.

A rollup row counts the clocks that stopped on one UTC day, per metric, their ticket's
priority, team, customer and agent, and the policy version that judged them (achieved,
breached, other). It is derived data, so it changes exactly when what it derives from
changes, in the same transaction:

- the clock rows: ``store/clocks`` writes them in ``write_chunk`` (the recompute, the
  import, the demo), which adds what the rows it overwrote, deleted and inserted change
  (``count_rewritten``, from its in-memory diff), and ``write_evaluations`` (ticket
  actions), which wraps its write in ``rollup_kept``;
- the ticket's priority, team, customer and agent: a ticket action wraps its ticket update and
  the evaluation that follows in one ``rollup_kept`` (the inner ones then do nothing).

``clock_rollup_by_team`` is the same sums over customer, policy version and agent (the
dashboard's default load reads it: a few dozen rows a day), and ``clock_rollup_by_span``
the same sums over spans of ``SPAN_DAYS`` days (what a period's figures summed over its
days read for its whole spans). Both are changed by ``_add`` from the same deltas, so
whatever keeps ``clock_rollup`` keeps them too, and rebuilt and compared with it.

``rollup_kept(connection, ticket_ids)`` reads what those tickets contribute before the
write and after it (one grouped query each, by ticket id) and adds the difference, so a
write that does not move a stopped cycle (the usual recompute of running clocks) costs
two small reads and no rollup write. For new tickets (``new_tickets``: the demo, the
import) there is no before, and the after is grouped and added in SQL, ``INSERT ...
SELECT ... ON CONFLICT DO UPDATE``, without passing through Python. ``rebuild_rollup``
recomputes both tables (the migrations do the same in SQL of their own);
``rollup_check.rollup_differences`` compares them with the clock rows (the tests check it
after every kind of write; ``slaworkbench check`` rebuilds them when they differ).

The SQL is portable (SQLite and PostgreSQL: ``INSERT ... ON CONFLICT DO UPDATE``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection

from slaworkbench.domain.sorting import packed_rows
from slaworkbench.store.analytics.answer_rollup import refresh_answers
from slaworkbench.store.clocks.transfer import insert_rows, read_ints
from slaworkbench.store.dialect import ROLLUP_LOCK, driver_sql, lock_for_writers, with_index
from slaworkbench.store.ola.held_samples import forget_spans, forget_tickets, stopped_spans
from slaworkbench.store.schema import (
    CLOCK_KEY_INDEX,
    CLOCK_STATES,
    DURATION_CLOCKS,
    DURATION_EDGES,
    DURATION_METRICS,
    METRICS,
    PRIORITIES,
    SPAN_DAYS,
    duration_bin_sql,
)

DAY = 86400
TABLE = "clock_rollup"
KEY = ("day", "metric", "priority", "team_id", "customer_id", "policy_version_id", "agent_id")
TEAM_TABLE = "clock_rollup_by_team"
TEAM_KEY = KEY[:4]
"""``clock_rollup_by_team``'s key: ``clock_rollup``'s first four columns."""
SPAN_TABLE = "clock_rollup_by_span"
SPAN_KEY = ("span", *KEY[1:])
"""``clock_rollup_by_span``'s key: ``clock_rollup``'s, its day made a span (``SPAN_DAYS``)."""
COUNTS = ("achieved", "breached", "other")
_WIDTH = len(KEY)
DURATION_TABLE = "duration_rollup"
DURATION_KEY = ("day", "metric", "priority", "bin")
DURATION_SUMS = ("clocks", "total")


def _code(column: str, values: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {i}" for i, value in enumerate(values))
    return f"CASE {column} {whens} ELSE -1 END"


PRIORITY_CODE = f"COALESCE(c.priority_code, {_code('t.priority', PRIORITIES)})"
"""The code of the priority a stopped cycle is counted under: the one it was judged under
(``ticket_clocks.priority``, migration 0006; stored as its position in ``PRIORITIES``,
migration 0020), as the direct computation from clock rows does
(``store/analytics/facts.py``); the ticket's own only for a row without one."""
ACHIEVED_SQL = f"c.state_code = {CLOCK_STATES.index('achieved')}"
BREACHED_SQL = f"c.state_code = {CLOCK_STATES.index('breached')}"

_ID_BATCH = 500
_COVERED = "slaworkbench_rollup_covered"

Key = tuple[int, ...]
Counts = tuple[int, int, int]


KEY_SQL = (
    f"c.stopped_at / {DAY}",
    "c.metric_code",  # the rollup's metric code is the stored one: a position in METRICS
    PRIORITY_CODE,
    "COALESCE(t.team_id, 0)",
    "COALESCE(t.customer_id, 0)",
    "COALESCE(c.policy_version_id, 0)",
    "COALESCE(t.assignee_id, 0)",
)


def contributions_sql(where: str, *, width: int = _WIDTH, days: int = 1) -> str:
    """The rollup rows of the stopped clocks whose ticket (alias ``t``) and clock (alias
    ``c``) satisfy ``where``: the first ``width`` key columns (all: ``clock_rollup``;
    four: ``clock_rollup_by_team``) then the counts, grouped; ``days`` per first column
    (``SPAN_DAYS``: ``clock_rollup_by_span``)."""
    key = (f"c.stopped_at / {DAY * days}", *KEY_SQL[1:width])
    return (
        f"SELECT {', '.join(key)},"
        f" SUM(CASE WHEN {ACHIEVED_SQL} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {BREACHED_SQL} THEN 1 ELSE 0 END),"
        f" SUM(CASE WHEN {ACHIEVED_SQL} OR {BREACHED_SQL} THEN 0 ELSE 1 END)"
        " FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id"
        f" WHERE c.stopped_at IS NOT NULL AND ({where})"
        f" GROUP BY {', '.join(str(i + 1) for i in range(width))}"
    )


DURATIONS_COUNTED = f"{DURATION_CLOCKS} AND priority_code IS NOT NULL"
"""The clock rows ``duration_rollup`` counts: what the distributions' index walks read
(``store/analytics/durations.py``: a stored judging priority; ``elapsed`` is never
NULL)."""


def durations_sql(where: str, source: str = "ticket_clocks") -> str:
    """The ``duration_rollup`` rows of the clock rows (alias-free ``ticket_clocks``, read
    from ``source``: the table, or the table told which index to walk) that satisfy
    ``where``, grouped: key columns, then count and business seconds summed."""
    return (
        f"SELECT stopped_at / {DAY}, metric_code, priority_code, {duration_bin_sql('elapsed')},"
        f" COUNT(*), SUM(elapsed) FROM {source}"
        f" WHERE {DURATIONS_COUNTED} AND ({where}) GROUP BY 1, 2, 3, 4"
    )


def _duration_contributions(
    connection: Connection, ticket_ids: Sequence[int]
) -> dict[Key, tuple[int, int]]:
    found: dict[Key, tuple[int, int]] = {}
    # By the clocks' key: SQLite's planner, without statistics, would rather walk the
    # whole partial index of the stopped first responses and resolutions (the condition
    # it is made for) and keep these tickets' rows: 0.15-0.3 s at 1M tickets, twice in
    # every ticket action, against 0.2 ms.
    source = with_index(connection, "ticket_clocks", CLOCK_KEY_INDEX)
    for where in _ticket_conditions(ticket_ids, column="ticket_id"):
        for row in connection.exec_driver_sql(durations_sql(where, source)):
            key = (int(row[0]), int(row[1]), int(row[2]), int(row[3]))
            was = found.get(key, (0, 0))
            found[key] = (was[0] + int(row[4]), was[1] + int(row[5]))
    return found


def _contributions(connection: Connection, ticket_ids: Sequence[int]) -> dict[Key, Counts]:
    found: dict[Key, Counts] = {}
    for start in range(0, len(ticket_ids), _ID_BATCH):
        listed = ", ".join(str(int(i)) for i in ticket_ids[start : start + _ID_BATCH])
        for row in connection.exec_driver_sql(contributions_sql(f"c.ticket_id IN ({listed})")):
            key, (a, b, o) = _split(row)
            was = found.get(key, (0, 0, 0))
            found[key] = (was[0] + a, was[1] + b, was[2] + o)
    return found


def _add_conflict(table: str, key: Sequence[str], sums: Sequence[str] = COUNTS) -> str:
    return f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET " + ", ".join(
        f"{c} = {table}.{c} + excluded.{c}" for c in sums
    )


@dataclass(frozen=True, slots=True)
class _Target:
    """A rollup table deltas are added to: its key columns, the columns summed, and
    those that are all zero when a row is empty (it is then dropped)."""

    table: str
    key: tuple[str, ...]
    sums: tuple[str, ...] = COUNTS
    empty_when: tuple[str, ...] = COUNTS

    @property
    def drop_empty(self) -> str:
        return (
            f"DELETE FROM {self.table} WHERE "
            + " AND ".join(f"{c} = ?" for c in self.key)
            + " AND "
            + " AND ".join(f"{c} = 0" for c in self.empty_when)
        )


_ROLLUP = _Target(TABLE, KEY)
_TEAM_ROLLUP = _Target(TEAM_TABLE, TEAM_KEY)
_TEAM_WIDTH = len(TEAM_KEY)
_SPAN_ROLLUP = _Target(SPAN_TABLE, SPAN_KEY)
_DURATIONS = _Target(DURATION_TABLE, DURATION_KEY, DURATION_SUMS, ("clocks",))


def _add_durations(
    connection: Connection,
    before: dict[Key, tuple[int, int]],
    after: dict[Key, tuple[int, int]],
) -> None:
    deltas: dict[Key, tuple[int, ...]] = {}
    for key in before.keys() | after.keys():
        old, new = before.get(key, (0, 0)), after.get(key, (0, 0))
        if new != old:
            deltas[key] = (new[0] - old[0], new[1] - old[1])
    _write_deltas(connection, deltas, _DURATIONS)


def _writing(connection: Connection) -> None:
    """Before any rollup row is written: on a server, the rollups' rows are written by
    one transaction at a time (``ROLLUP_LOCK`` until it ends). Every desk adds to the
    same few rows (``duration_rollup`` and ``answer_rollup`` have no team), and two
    transactions adding to them in different orders would deadlock."""
    lock_for_writers(connection, ROLLUP_LOCK)


def _write_deltas(
    connection: Connection,
    deltas: Mapping[Key, tuple[int, ...]],
    target: _Target,
) -> None:
    """Add ``deltas`` (see ``_write_rows``) in the order of their keys."""
    changes: list[tuple[int, ...]] = []
    shrunk: list[tuple[int, ...]] = []
    for key, delta in sorted(deltas.items()):
        if not any(delta):
            continue
        changes.append((*key, *delta))
        if any(d < 0 for d in delta):
            shrunk.append(tuple(key))
    _write_rows(connection, changes, shrunk, target)


def _write_rows(
    connection: Connection,
    changes: Sequence[Sequence[int]],
    shrunk: Sequence[Sequence[int]],
    target: _Target,
) -> None:
    """Add each row of ``changes`` (a key, then its signed sums) to ``target`` — many
    rows a statement where the database allows (``store.clocks.transfer.insert_rows``;
    issue 16: a re-baseline that moves many verdicts adds two deltas per row it
    rewrites, to each rollup) — then drop the rows of ``shrunk`` left empty with one
    driver ``executemany``."""
    insert_rows(
        connection,
        target.table,
        (*target.key, *target.sums),
        changes,
        on_conflict=_add_conflict(target.table, target.key, target.sums),
        integers=True,  # keys and sums, each key once: PostgreSQL refuses a key twice
    )
    if shrunk:
        cursor = connection.connection.cursor()
        try:
            cursor.executemany(driver_sql(connection, target.drop_empty), shrunk)
        finally:
            cursor.close()


def _write_sums(
    connection: Connection,
    keys: NDArray[np.int64],
    sums: NDArray[np.int64],
    target: _Target,
) -> None:
    """``_write_rows`` of the ``sums`` per row of ``keys`` (``grouped_sums``)."""
    shrunk = keys[(sums < 0).any(axis=1)].tolist()
    _write_rows(connection, np.column_stack((keys, sums)).tolist(), shrunk, target)


def _add(
    connection: Connection,
    before: Mapping[Key, tuple[int, ...]],
    after: Mapping[Key, tuple[int, ...]],
) -> None:
    deltas: dict[Key, Counts] = {}
    per_team: dict[Key, Counts] = {}
    per_span: dict[Key, Counts] = {}
    for key in before.keys() | after.keys():
        old = before.get(key, (0, 0, 0))
        new = after.get(key, (0, 0, 0))
        delta = (new[0] - old[0], new[1] - old[1], new[2] - old[2])
        if not any(delta):
            continue
        deltas[key] = delta
        for summed, summed_key in (
            (per_team, key[:_TEAM_WIDTH]),
            (per_span, (key[0] // SPAN_DAYS, *key[1:])),
        ):
            was = summed.get(summed_key, (0, 0, 0))
            summed[summed_key] = (was[0] + delta[0], was[1] + delta[1], was[2] + delta[2])
    _write_deltas(connection, deltas, _ROLLUP)
    _write_deltas(connection, per_team, _TEAM_ROLLUP)
    _write_deltas(connection, per_span, _SPAN_ROLLUP)


def _ticket_conditions(ticket_ids: Sequence[int], *, column: str = "c.ticket_id") -> list[str]:
    """Conditions on ``column`` that cover these sorted ids: one range where they are
    contiguous (a bulk load's chunk), else lists of ``_ID_BATCH``."""
    if ticket_ids and ticket_ids[-1] - ticket_ids[0] + 1 == len(ticket_ids):
        return [f"{column} BETWEEN {int(ticket_ids[0])} AND {int(ticket_ids[-1])}"]
    return [
        "{} IN ({})".format(
            column, ", ".join(str(int(i)) for i in ticket_ids[start : start + _ID_BATCH])
        )
        for start in range(0, len(ticket_ids), _ID_BATCH)
    ]


_SUMMED_LATER = "slaworkbench_summed_later"
"""``connection.info`` key, set inside ``summed_after``: its ``_DailyLater``."""
_LATER_ROWS = 250_000
"""The most daily rows ``_DailyLater`` holds before it writes them all."""


class _DailyLater:
    """The daily rollup's deltas of a bulk write of new tickets (``summed_after``), summed
    per key as the chunks come and written once a key is most likely complete.

    A chunk's stopped cycles fall on a few days, and so do the next chunk's: written
    chunk by chunk, each key of ``clock_rollup`` took an upsert per chunk that added to
    it (5.4 M upserts for 2.2 M rows at 1M tickets). Held here, the keys of the days
    before the earliest stop of the latest chunk are written (the tickets of a bulk load
    come in the order they were opened, and a cycle stops after its ticket opens), the
    rest wait for the next chunk or the end of the block. Which keys wait only changes
    how often a key is written, never the sums: the writes add (``_write_sums``)."""

    def __init__(self) -> None:
        self.keys = np.zeros((0, _WIDTH), dtype=np.int64)
        self.sums = np.zeros((0, len(COUNTS)), dtype=np.int64)

    def add(self, connection: Connection, keys: NDArray[np.int64], sums: NDArray[np.int64]) -> None:
        if not keys.size:
            return
        horizon = int(keys[:, 0].min())
        held, total = grouped_sums(
            np.concatenate((self.keys, keys)), np.concatenate((self.sums, sums))
        )
        done = held[:, 0] < horizon
        if held.shape[0] - int(done.sum()) > _LATER_ROWS:
            done[:] = True
        _write_sums(connection, held[done], total[done], _ROLLUP)
        self.keys, self.sums = held[~done], total[~done]

    def write(self, connection: Connection) -> None:
        _write_sums(connection, self.keys, self.sums, _ROLLUP)
        self.keys, self.sums = self.keys[:0], self.sums[:0]


@contextmanager
def summed_after(connection: Connection, *, most_of_the_rows: bool) -> Iterator[None]:
    """Around a bulk write of new tickets (``write_chunk(..., new_tickets=True)`` per
    chunk) that adds ``most_of_the_rows`` of ``clock_rollup`` (a demo, a first import):
    its deltas are summed per key across chunks and written as the days are done
    (``_DailyLater``), and ``clock_rollup_by_team`` and ``clock_rollup_by_span`` are not
    added to chunk by chunk (nearly every chunk adds to nearly every one of their rows)
    but summed from ``clock_rollup`` once the block is done, in the same transaction
    (``clock_rollup_by_team``'s key is the start of ``clock_rollup``'s, so its sum reads
    it in order without sorting). Otherwise, or nested, the chunks add to the three as
    they go."""
    if not most_of_the_rows or _SUMMED_LATER in connection.info:
        yield
        return
    later = _DailyLater()
    connection.info[_SUMMED_LATER] = later
    try:
        yield
    finally:
        del connection.info[_SUMMED_LATER]
    _writing(connection)
    later.write(connection)
    _summed_from_daily(connection)


@contextmanager
def rollup_kept(connection: Connection, ticket_ids: Iterable[int]) -> Iterator[None]:
    """Keep ``clock_rollup`` right across a write, inside the block, of these tickets'
    clock rows or attributes (see the module docstring). Nested inside another
    ``rollup_kept`` that covers the same tickets, it does nothing (the outer one sees
    the whole change)."""
    ids = sorted({int(i) for i in ticket_ids})
    covered: frozenset[int] = connection.info.get(_COVERED, frozenset())
    if not ids or covered.issuperset(ids):
        yield
        return
    before = _contributions(connection, ids)
    durations_before = _duration_contributions(connection, ids)
    # the spans their stopped cycles may leave (forgotten after the write: see
    # ``stopped_spans`` for why not before)
    left = stopped_spans(connection, ids)
    connection.info[_COVERED] = covered | frozenset(ids)
    try:
        yield
    finally:
        connection.info[_COVERED] = covered
    forget_tickets(connection, ids, left)  # and those they may enter
    _writing(connection)
    _add(connection, before, _contributions(connection, ids))
    _add_durations(connection, durations_before, _duration_contributions(connection, ids))
    refresh_answers(connection, ids)


@dataclass(frozen=True, slots=True)
class StoppedRows:
    """Stopped clock rows, a column each, as the rollup counts them."""

    ticket_id: NDArray[np.int64]
    stopped_at: NDArray[np.int64]
    metric: NDArray[np.int64]
    """Code in ``store.schema.METRICS``."""
    priority: NDArray[np.int64]
    """Code in ``store.schema.PRIORITIES``; -1: none stored (the ticket's own counts)."""
    version: NDArray[np.int64]
    """``policy_version_id``; -1: none."""
    state: NDArray[np.int64]
    """0 achieved, 1 breached, 2 anything else (the order of ``COUNTS``)."""
    elapsed: NDArray[np.int64]
    """Business seconds (``duration_rollup``'s bins and sums)."""


def count_rewritten(connection: Connection, removed: StoppedRows, added: StoppedRows) -> None:
    """Add to the rollup, in the caller's transaction, what the caller's write of clock
    rows changed: the stopped rows ``removed`` (deleted, or overwritten) replaced by
    ``added`` (inserted, or written over others). The same sums as ``rollup_kept``
    without reading the tickets' other clock rows (issue 16: that read, twice per
    ticket, was most of a re-baseline), so the caller must name every stopped row its
    write touched. Rows of tickets an enclosing ``rollup_kept`` covers are left to it."""
    # the kept samples of every span these rows leave or enter (all of them: a ticket
    # an enclosing ``rollup_kept`` covers is forgotten by it too, at no harm)
    forget_spans(
        connection,
        np.concatenate((removed.metric, added.metric)),
        np.concatenate((removed.stopped_at, added.stopped_at)),
    )
    covered: frozenset[int] = connection.info.get(_COVERED, frozenset())
    parts = []
    for rows, sign in ((removed, -1), (added, 1)):
        keep = (
            ~np.isin(rows.ticket_id, np.fromiter(covered, dtype=np.int64))
            if covered
            else np.ones(rows.ticket_id.size, dtype=bool)
        )
        parts.append((rows, keep, sign))
    tickets = np.unique(np.concatenate([rows.ticket_id[keep] for rows, keep, _ in parts]))
    if tickets.size == 0:
        return
    _writing(connection)
    _count_durations(connection, parts)
    # The survey answers carry their ticket's first response (``answer_rollup``).
    first_response = METRICS.index("first_response")
    refresh_answers(
        connection,
        np.unique(
            np.concatenate(
                [rows.ticket_id[keep & (rows.metric == first_response)] for rows, keep, _ in parts]
            )
        ).tolist(),
    )
    attributes = _ticket_attributes(connection, tickets)
    keys: list[NDArray[np.int64]] = []
    counts: list[NDArray[np.int64]] = []
    for rows, keep, sign in parts:
        at = np.searchsorted(tickets, rows.ticket_id[keep])
        team, customer, agent, own_priority = attributes[at].T
        priority = rows.priority[keep]
        keys.append(
            np.column_stack(
                (
                    rows.stopped_at[keep] // DAY,
                    rows.metric[keep],
                    np.where(priority >= 0, priority, own_priority),
                    team,
                    customer,
                    np.maximum(rows.version[keep], 0),
                    agent,
                )
            )
        )
        one = np.zeros((at.size, len(COUNTS)), dtype=np.int64)
        one[np.arange(at.size), rows.state[keep]] = sign
        counts.append(one)
    unique, sums = grouped_sums(np.concatenate(keys), np.concatenate(counts))
    later: _DailyLater | None = connection.info.get(_SUMMED_LATER)
    if later is not None:  # the by-team and by-span sums are made from the daily ones
        later.add(connection, unique, sums)
        return
    _write_sums(connection, unique, sums, _ROLLUP)
    # ``clock_rollup_by_team`` and ``clock_rollup_by_span`` take the same deltas summed
    # over their keys (``_add``).
    _write_sums(connection, *grouped_sums(unique[:, :_TEAM_WIDTH], sums), _TEAM_ROLLUP)
    spans = unique.copy()
    spans[:, 0] //= SPAN_DAYS
    _write_sums(connection, *grouped_sums(spans, sums), _SPAN_ROLLUP)


_DURATION_CODES = np.array([METRICS.index(m) for m in DURATION_METRICS], dtype=np.int64)
_UPPER_EDGES = np.array(DURATION_EDGES[1:], dtype=np.int64)


def _count_durations(
    connection: Connection, parts: Sequence[tuple[StoppedRows, NDArray[np.bool_], int]]
) -> None:
    """``duration_rollup``'s share of ``count_rewritten``: the rows' day, metric,
    priority and bin, with one clock and its business seconds each, signed."""
    keys: list[NDArray[np.int64]] = []
    sums: list[NDArray[np.int64]] = []
    for rows, keep, sign in parts:
        counted = keep & np.isin(rows.metric, _DURATION_CODES) & (rows.priority >= 0)
        elapsed = rows.elapsed[counted]
        keys.append(
            np.column_stack(
                (
                    rows.stopped_at[counted] // DAY,
                    rows.metric[counted],
                    rows.priority[counted],
                    np.searchsorted(_UPPER_EDGES, elapsed, side="right"),
                )
            )
        )
        sums.append(np.column_stack((np.full(elapsed.size, sign), sign * elapsed)))
    _write_sums(connection, *grouped_sums(np.concatenate(keys), np.concatenate(sums)), _DURATIONS)


def grouped_sums(
    keys: NDArray[np.int64], values: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """``values`` (signed rows) summed per row of ``keys``: the distinct keys in order
    and their sums, leaving out the keys whose sums are all zero."""
    if not keys.size:
        return keys.reshape(0, keys.shape[1]), values.reshape(0, values.shape[1])
    packed = packed_keys(keys)
    if packed is None:
        order = np.lexsort(keys.T[::-1])
        ordered = keys[order]
        changes = (ordered[1:] != ordered[:-1]).any(axis=1)
    else:
        order = np.argsort(packed, kind="stable")
        ordered = keys[order]
        in_order = packed[order]
        changes = in_order[1:] != in_order[:-1]
    starts = np.flatnonzero(np.concatenate(([True], changes)))
    unique = ordered[starts]
    sums = np.add.reduceat(values[order], starts, axis=0)
    moved = sums.any(axis=1)
    return unique[moved], sums[moved]


def packed_keys(keys: NDArray[np.int64]) -> NDArray[np.int64] | None:
    """Each row of ``keys`` as one number that sorts as the row does, or ``None`` when
    the columns' spans multiplied do not fit in 63 bits (``domain.sorting.packed_rows``):
    one ``argsort`` of a column is several times cheaper than a ``lexsort`` of seven."""
    return packed_rows(list(keys.T)) if keys.shape[0] else None


def _ticket_attributes(connection: Connection, tickets: NDArray[np.int64]) -> NDArray[np.int64]:
    """Per ticket id (sorted, each an existing ticket's): team, customer, agent (0 for
    none) and priority code."""
    found = read_ints(
        connection,
        (
            "id",
            "COALESCE(team_id, 0)",
            "COALESCE(customer_id, 0)",
            "COALESCE(assignee_id, 0)",
            _code("priority", PRIORITIES),
        ),
        "tickets WHERE {where}",
        tickets,
        "id",
        piece=_ID_BATCH,
    )
    found = found[np.argsort(found[:, 0])]
    at = np.searchsorted(found[:, 0], tickets)
    if found.shape[0] != tickets.size or not np.array_equal(found[at, 0], tickets):
        raise LookupError("a clock row's ticket is missing")  # the foreign key forbids it
    return found[at, 1:]


_TEAM_SUMS = (
    f"SELECT {', '.join(TEAM_KEY)}, {', '.join(f'SUM({c})' for c in COUNTS)}"
    f" FROM {TABLE} GROUP BY {', '.join(TEAM_KEY)}"
)


def span_sums(where: str = "1 = 1") -> str:
    """``clock_rollup_by_span``'s rows from ``clock_rollup``'s rows that satisfy
    ``where``."""
    return (
        f"SELECT day / {SPAN_DAYS}, {', '.join(KEY[1:])},"
        f" {', '.join(f'SUM({c})' for c in COUNTS)} FROM {TABLE} WHERE {where}"
        f" GROUP BY day / {SPAN_DAYS}, {', '.join(KEY[1:])}"
    )


def _summed_from_daily(connection: Connection) -> None:
    """``clock_rollup_by_team`` and ``clock_rollup_by_span`` made again from
    ``clock_rollup``, in the caller's transaction."""
    for table, key, sums in (
        (TEAM_TABLE, TEAM_KEY, _TEAM_SUMS),
        (SPAN_TABLE, SPAN_KEY, span_sums()),
    ):
        connection.exec_driver_sql(f"DELETE FROM {table}")
        connection.exec_driver_sql(f"INSERT INTO {table} ({', '.join((*key, *COUNTS))}) {sums}")


def rebuild_rollup(connection: Connection) -> None:
    """Recompute the four tables from the clock rows, in the caller's transaction."""
    connection.exec_driver_sql(f"DELETE FROM {TABLE}")
    connection.exec_driver_sql(
        f"INSERT INTO {TABLE} ({', '.join((*KEY, *COUNTS))}) {contributions_sql('1 = 1')}"
    )
    _summed_from_daily(connection)
    connection.exec_driver_sql(f"DELETE FROM {DURATION_TABLE}")
    connection.exec_driver_sql(
        f"INSERT INTO {DURATION_TABLE} ({', '.join((*DURATION_KEY, *DURATION_SUMS))})"
        f" {durations_sql('1 = 1')}"
    )


def _split(row: Sequence[Any]) -> tuple[Key, Counts]:
    a, b, o = (int(v) for v in row[_WIDTH:])
    return tuple(int(v) for v in row[:_WIDTH]), (a, b, o)


def _keyed(rows: Iterable[Sequence[Any]], width: int) -> dict[Key, Counts]:
    return {
        tuple(int(v) for v in row[:width]): (
            int(row[width]),
            int(row[width + 1]),
            int(row[width + 2]),
        )
        for row in rows
    }


def rollup_rows(
    connection: Connection, *, by_team: bool = False, by_span: bool = False
) -> dict[Key, Counts]:
    """Every row of ``clock_rollup`` (or ``clock_rollup_by_team``, or
    ``clock_rollup_by_span``), for checks."""
    table, key = (
        (TEAM_TABLE, TEAM_KEY) if by_team else (SPAN_TABLE, SPAN_KEY) if by_span else (TABLE, KEY)
    )
    query = f"SELECT {', '.join((*key, *COUNTS))} FROM {table}"
    return _keyed(connection.exec_driver_sql(query), len(key))


def duration_rollup_rows(connection: Connection) -> dict[Key, tuple[int, int]]:
    """Every row of ``duration_rollup``: key -> (clocks, business seconds), for checks."""
    query = f"SELECT {', '.join((*DURATION_KEY, *DURATION_SUMS))} FROM {DURATION_TABLE}"
    return _keyed_sums(connection.exec_driver_sql(query))


def _keyed_sums(rows: Iterable[Sequence[Any]]) -> dict[Key, tuple[int, int]]:
    return {(int(r[0]), int(r[1]), int(r[2]), int(r[3])): (int(r[4]), int(r[5])) for r in rows}
