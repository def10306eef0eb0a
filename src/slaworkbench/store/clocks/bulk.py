"""The recompute's write side: a chunk's evaluated clocks out, as the difference.

``write_chunk`` writes what the column engine computed (``domain.clock_columns``) for a
chunk ``store.clocks_read.read_chunk`` read. A ticket whose fresh evaluation has the
fingerprint stored with its timeline keeps its rows and summary untouched; for the
others the stored rows are read, the stored stopped cycles merged in as they were judged
(``domain.clock.verdicts``; a re-baseline skips this), only the cycles whose values
changed are updated (by primary key, with the new ``evaluated_at``), new cycles
inserted and vanished ones deleted. Only the tickets whose summary changed are updated
(the ``next_due_at`` indexes are touched only when it changed). A clock row's
``evaluated_at`` is when its values were last computed:
a row a later evaluation found unchanged keeps it, which is right because its values
are what that evaluation gave (a running cycle's reading aside: docs/SLA_SEMANTICS.md,
"Stored clocks and their readings"). All of it runs inside the caller's transaction, so
a ticket always has either its old or its new clocks. How the rows travel (few driver
calls, so the GUI thread keeps the GIL it needs) is ``store.clocks_transfer``; the SQL
is portable (SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Connection, Table

from slaworkbench.domain.clock.events import PRIORITIES
from slaworkbench.domain.clock.readings import business_positions
from slaworkbench.domain.clock.results import (
    METRIC_STATES,
    METRICS,
    NONE,
    SLA_STATES,
    STATES,
    ClockColumns,
)
from slaworkbench.domain.clock.verdicts import StoredCycles, keep_stopped, no_stored_cycles
from slaworkbench.domain.model import ClockState, Metric
from slaworkbench.store.analytics.rollup import StoppedRows, count_rewritten
from slaworkbench.store.clocks.elsewhere import record_judged_elsewhere
from slaworkbench.store.clocks.read import TicketChunk, engine_code_sql, missing_sql
from slaworkbench.store.clocks.timelines import TABLE as TIMELINES
from slaworkbench.store.clocks.timelines import clock_hashes, write_timelines
from slaworkbench.store.clocks.transfer import (
    INT64_MIN_SQL,
    delete_ids,
    read_ints,
    set_by_ids,
    update_rows,
    write_columns,
)
from slaworkbench.store.dialect import bulk_traits, local_ids
from slaworkbench.store.schema import CLOCK_STATES as STORED_STATES
from slaworkbench.store.schema import METRICS as ROLLUP_METRICS
from slaworkbench.store.schema import PRIORITIES as ROLLUP_PRIORITIES
from slaworkbench.store.schema import TicketClock

Int64Array = NDArray[np.int64]
_CLOCKS_TABLE: Table = TicketClock.__table__  # type: ignore[assignment]


def _stored_codes(stored: Sequence[str], engine: Sequence[str]) -> Int64Array:
    """Engine code -> stored code (the last entry, for engine code -1, is -1)."""
    return np.array([stored.index(name) for name in engine] + [-1], dtype=np.int64)


_OLD_CLOCK_COLUMNS = (
    "id",
    "CAST(ticket_id AS BIGINT) * 16777216"  # ticket_id is a 32-bit integer on PostgreSQL
    f" + ({engine_code_sql('metric', ROLLUP_METRICS, [m.value for m in METRICS])}) * 1048576"
    " + cycle_index",
    "started_at", missing_sql("stopped_at"),
    f"({engine_code_sql('state', STORED_STATES, [s.value for s in STATES])}) * 2"
    " + CASE WHEN at_risk THEN 1 ELSE 0 END",
    "target", "elapsed", "remaining", missing_sql("due_at"), missing_sql("breached_at"),
    missing_sql("risk_at"),
    engine_code_sql("priority", ROLLUP_PRIORITIES, [p.value for p in PRIORITIES]),
    "COALESCE(policy_version_id, -1)",
)  # fmt: skip
"""Per stored cycle: its id, its key (ticket, metric, index in one number), then its
values laid out as ``new_values`` in ``_write_clocks``."""
_CLOCK_SOURCE = "ticket_clocks WHERE {where}"
_NEW_CLOCK_COLUMNS = ("ticket_id", "metric_code", "cycle_index")
_VALUE_COLUMNS = (
    "started_at", "stopped_at", "state_code", "target", "elapsed", "remaining", "due_at",
    "breached_at", "at_risk", "risk_at", "priority_code", "policy_version_id",
)  # fmt: skip
"""The columns of a cycle's values, in ``_clock_values`` order."""
_STATE_FIELD = _VALUE_COLUMNS.index("state_code")
_AT_RISK_FIELD = _VALUE_COLUMNS.index("at_risk")
_VALUE_POSITIONS = (0, 1, 2, 3, 4, 5, 6, 7, 2, 8, 9, 10)
"""Value column -> its position in a new cycle's values (``old`` holds them from 2 on);
the state and ``at_risk`` share one (state * 2 + at risk)."""
_METRIC_CODES = _stored_codes(ROLLUP_METRICS, [metric.value for metric in METRICS])
_STATE_CODES = _stored_codes(STORED_STATES, [state.value for state in STATES])
_ROLLUP_METRIC = np.array([ROLLUP_METRICS.index(metric.value) for metric in METRICS])
_ROLLUP_PRIORITY = np.array(
    [ROLLUP_PRIORITIES.index(priority.value) for priority in PRIORITIES] + [-1]
)
"""Priority code -> the rollup's code; -1 (none) -> -1."""
_ROLLUP_STATE = np.array(
    [
        (ClockState.ACHIEVED, ClockState.BREACHED).index(state)
        if state in (ClockState.ACHIEVED, ClockState.BREACHED)
        else 2
        for state in STATES
    ]
)
"""Cycle state code -> the rollup's count (achieved, breached, other)."""
_PRIORITY_CODES = _stored_codes(ROLLUP_PRIORITIES, [priority.value for priority in PRIORITIES])
"""Priority code -> stored code; code -1 (not known) -> -1, written as NULL."""


def _nullable(values: Int64Array, *, none: int = NONE) -> list[Any]:
    missing = values == none
    if not missing.any():
        return list(values.tolist())
    boxed = values.astype(object)
    boxed[missing] = None
    return list(boxed.tolist())


@dataclass(frozen=True, slots=True)
class Retimed:
    """Tickets of a chunk whose stored rows a re-baseline can change only in some
    metrics: closed tickets evaluated only because a policy save changed the target of
    a (priority, metric) one of their stopped cycles was judged under, nothing else that
    judges a cycle (``app.recompute.affected``). Their rows of other metrics start, stop
    and are judged as before, so they are neither read nor compared."""

    tickets: NDArray[np.bool_]
    """Per ticket of the chunk."""
    metrics: Int64Array
    """The metrics (positions in ``domain.clock.results.METRICS``) whose rows can change."""


@dataclass(frozen=True, slots=True)
class ChunkWrite:
    """What ``write_chunk`` did (for tests and the benchmark)."""

    clocks_inserted: int
    clocks_updated: int
    clocks_deleted: int
    tickets_updated: int
    columns: ClockColumns
    """The cycles as stored: the fresh ones merged with the kept stopped ones."""
    rewritten: NDArray[np.bool_]
    """Per ticket of the chunk, whether any of its clock rows was inserted, updated or
    deleted."""
    inserted_ids: Int64Array | None = None
    """For ``new_tickets`` where rows take ids chosen before their ``INSERT``
    (``bulk_traits(...).local_ids``): per row of ``columns``, its id."""


def write_chunk(
    connection: Connection,
    chunk: TicketChunk,
    fresh: ClockColumns,
    version_ids: Sequence[int | None],
    now: int,
    *,
    verify: bool = False,
    rebaseline: bool = False,
    new_tickets: bool = False,
    stops: tuple[Int64Array, Int64Array, Int64Array, Int64Array] | None = None,
    retimed: Retimed | None = None,
) -> ChunkWrite:
    """Store the evaluation ``fresh`` of ``chunk`` (see the module docstring).

    ``version_ids[i]`` is the ``policy_versions.id`` of policy ``i`` of the chunk's
    ``policy_index``. Tickets whose fresh clocks have the fingerprint stored with their
    timeline keep their clock rows and summary untouched; ``verify`` compares every
    ticket's stored rows instead (a repair). Stored stopped cycles keep their verdict
    (``domain.clock.verdicts``) unless ``rebaseline`` re-judges them.
    ``new_tickets`` says that no ticket of the chunk has stored clock rows yet (written in
    this transaction), so none are read to compare; ``stops`` then gives, per row of
    ``fresh``, the record of its holds its ``INSERT`` takes (``holds_at``,
    ``stop_agent_id``, ``stop_team_id``, ``unassigned_seconds``:
    ``store.clocks.holds.NewHolds``), so no ``UPDATE`` follows (issue 16: a row that
    grows after its insert moves within the file's pages, and the update cost about 4 %
    of a demo).
    ``retimed`` (a re-baseline's) names the tickets of the chunk whose rows can change
    only in some metrics (``Retimed``): their other rows are neither read nor compared.
    """
    if stops is not None and not new_tickets:
        raise ValueError("only the rows of new tickets are written with their stops")
    version_of_policy = np.array(
        [-1 if v is None else v for v in version_ids] or [-1], dtype=np.int64
    )
    ticket_version = np.where(
        chunk.policy_index >= 0, version_of_policy[np.maximum(chunk.policy_index, 0)], -1
    )
    fresh_key, fresh_values = _new_rows(chunk.ids, fresh, ticket_version[fresh.ticket])
    hashes = clock_hashes(
        fresh.ticket,
        np.column_stack((fresh_key, _without_readings(fresh_values, _live(fresh))[:, :_VERSION])),
        int(chunk.ids.size),
    )
    # The stored fingerprint is that of the fresh evaluation the rows were merged from,
    # marked (``_diverged``) when kept stopped verdicts make the rows differ from it. An
    # unchanged fresh evaluation means unchanged rows and summary; a re-baseline trusts
    # only an unmarked one, since it re-judges the kept verdicts.
    marked = _diverged(hashes)
    exact = hashes == chunk.stored_hash
    trusted = exact if rebaseline else exact | (marked == chunk.stored_hash)
    # A stored summary that differs from the fresh one (of a ticket whose rows are the
    # fresh ones) was edited by hand: read that ticket too. One that differs only in the
    # judging version (a policy saved anew) takes the fresh summary without a read of
    # its rows: they are the fresh ones (issue 16: that read was 40 % of a re-baseline).
    summary_moved, version_moved, fresh_summary = _summary_moved(
        chunk, fresh, ticket_version, _live(fresh)
    )
    # The due instant's place on its calendar's axis moves with a calendar edit that
    # leaves every clock as it was: such a ticket is rewritten too.
    position_moved = fresh_summary[:, _POSITION] != chunk.old_summary[:, _POSITION]
    needed = (
        ~trusted
        | ~chunk.has_timeline
        | (summary_moved & (marked != chunk.stored_hash))
        | position_moved
    )
    if verify:
        needed[:] = True
    summarised = needed | (exact & chunk.has_timeline & version_moved)
    # A re-baseline keeps no stored verdict, so it compares the stored rows with the new
    # ones by fingerprint and reads in full only the rows it rewrites (``_fingerprint_diff``).
    by_fingerprint = rebaseline and not verify and not new_tickets and bool(needed.any())
    old = (
        read_ints(
            connection, _OLD_CLOCK_COLUMNS, _CLOCK_SOURCE, chunk.ids[needed], "ticket_id", piece=500
        )
        if needed.any() and not new_tickets and not by_fingerprint
        else np.zeros((0, len(_OLD_CLOCK_COLUMNS)), dtype=np.int64)
    )
    stored = no_stored_cycles() if rebaseline else _stopped_cycles(chunk.ids, old)
    merged = keep_stopped(int(chunk.ids.size), fresh, ticket_version[fresh.ticket], stored)
    columns = merged.columns
    if stops is not None and columns is not fresh:
        raise ValueError("the stops were given for rows of new tickets, which kept nothing")
    new_key, new_values = _new_rows(chunk.ids, columns, merged.version)
    live = _live(columns)
    # A verifying run compares readings too: it rewrites what was edited by hand.
    compared = np.zeros_like(live) if verify else live
    if by_fingerprint:
        diff = _fingerprint_diff(
            connection, chunk.ids, needed, columns, new_key, new_values, live, retimed
        )
    else:
        diff = _clock_diff(needed, columns, new_key, new_values, compared, old)
    clocks = _write_clocks(connection, chunk.ids, columns, new_values, now, diff, stops)
    if not new_tickets:  # the tickets whose every stored stopped row was read, or re-judged
        record_judged_elsewhere(
            connection,
            chunk.ids,
            needed | rebaseline,
            ticket_version,
            columns.ticket,
            merged.version,
            merged.kept,
        )
    count_rewritten(connection, *_stopped_rewritten(chunk.ids, columns, new_values, diff))
    as_stored = clock_hashes(
        columns.ticket,
        np.column_stack((new_key, _without_readings(new_values, live)[:, :_VERSION])),
        int(chunk.ids.size),
    )
    fingerprint = np.where(needed, np.where(as_stored == hashes, hashes, marked), chunk.stored_hash)
    # A fingerprint is kept only for an evaluation that saw every event: a ticket with an
    # event after ``now`` (appended by a ticket action since this run took its instant)
    # keeps no fingerprint, so the next run evaluates it again
    # (``app.recompute.open_selection`` takes a fingerprint for "nothing but the time
    # moved since").
    later = np.unique(chunk.events.ticket[chunk.events.at > now])
    fingerprint[later] = NONE
    fresh_timeline = ~chunk.has_timeline
    write_timelines(
        connection, chunk.ids[fresh_timeline], chunk.fresh_rows, fingerprint[fresh_timeline]
    )
    rehashed = np.flatnonzero(chunk.has_timeline & (fingerprint != chunk.stored_hash))
    update_rows(
        connection,
        TIMELINES,
        ("clocks_hash",),
        list(zip(fingerprint[rehashed].tolist(), chunk.ids[rehashed].tolist(), strict=True)),
        key="ticket_id",
    )
    tickets = _write_summaries(
        connection, chunk, columns, ticket_version, compared, now, summarised
    )
    # A ticket trusted by its marked fingerprint (kept stopped verdicts) keeps its rows
    # and summary, which this chunk did not merge; a policy saved anew still judges it
    # now: only the version on the ticket moves (its readings stay as of its stamp).
    relabelled = chunk.has_timeline & ~summarised & version_moved
    for version in np.unique(ticket_version[relabelled]).tolist():
        set_by_ids(
            connection,
            "tickets",
            ("policy_version_id",),
            (None if version < 0 else version,),
            chunk.ids[relabelled & (ticket_version == version)].tolist(),
        )
    tickets += int(relabelled.sum())
    inserted, clock_ids = clocks[3:]
    return ChunkWrite(
        *clocks[:3],
        tickets,
        columns,
        _rewritten(chunk.ids, columns, diff),
        _ids_per_row(columns, diff.picked[diff.added], clock_ids) if inserted else None,
    )


def _ids_per_row(columns: ClockColumns, rows: Int64Array, ids: Int64Array) -> Int64Array:
    """Per row of ``columns``, its id where ``rows`` took ``ids`` (``NONE`` elsewhere)."""
    per_row = np.full(columns.ticket.size, NONE, dtype=np.int64)
    per_row[rows] = ids
    return per_row


_DIVERGED = np.int64(0x2545F4914F6CDD1D)


def _diverged(hashes: Int64Array) -> Int64Array:
    """The fingerprint stored for rows that kept stopped verdicts the fresh evaluation
    ``hashes`` judges otherwise (never ``NONE``, never equal to ``hashes``)."""
    marked = hashes ^ _DIVERGED
    marked[marked == NONE] = NONE + 2
    return marked


def _stopped_cycles(ids: Int64Array, old: Int64Array) -> StoredCycles:
    """The stopped cycles among stored rows read with ``_OLD_CLOCK_COLUMNS``."""
    rows = old[old[:, 3] != NONE]
    key = rows[:, 1]
    return StoredCycles(
        ticket=np.searchsorted(ids, key >> 24),
        metric=(key >> 20) & 15,
        index=key & 1048575,
        started_at=rows[:, 2],
        stopped_at=rows[:, 3],
        state=rows[:, 4] >> 1,
        target=rows[:, 5],
        elapsed=rows[:, 6],
        due_at=rows[:, 8],
        breached_at=rows[:, 9],
        at_risk=(rows[:, 4] & 1).astype(bool),
        risk_at=rows[:, 10],
        version=rows[:, 12],
        priority=rows[:, 11],
    )


_VERSION = 10
"""Where a cycle's policy version sits in ``_new_rows``' values: left out of every
comparison. It names the version that judged the row's values; a new version that gives
the same values judges nothing new, so the row keeps it (the version that judges a
ticket now is ``tickets.policy_version_id``). Issue 16: a policy save rewrote 93.5 % of
the clock rows of a re-baseline for this column alone."""
_READING = [4, 5]
"""Where a cycle's reading (elapsed, remaining) sits in ``_new_rows``' values."""
_PAUSED = STATES.index(ClockState.PAUSED)
_POSITION = 12
"""Where ``next_due_position`` sits in the summary (``_summary_moved``)."""
_SUMMARY_METRICS = (
    (METRICS.index(Metric.FIRST_RESPONSE), 6),
    (METRICS.index(Metric.RESOLUTION), 10),
)
"""Metric code -> where its ``*_remaining`` sits in the summary (``_write_summaries``)."""


def _live(columns: ClockColumns) -> NDArray[np.bool_]:
    """Per cycle, whether it runs towards a due instant: its elapsed and remaining are
    then a reading that moves with the clock while nothing else about it changes (the
    program shows the live value from ``due_at`` and the calendar)."""
    live: NDArray[np.bool_] = (
        (columns.stopped_at == NONE) & (columns.state != _PAUSED) & (columns.due_at != NONE)
    )
    return live


def _without_readings(values: Int64Array, live: NDArray[np.bool_]) -> Int64Array:
    """The values with the reading of every live cycle blanked: what must be stored anew
    when it changes. A live cycle whose other values are unchanged keeps its stored row
    and that row's ``evaluated_at``, which its stored reading is as of."""
    masked = values.copy()
    rows = np.flatnonzero(live)
    for column in _READING:
        masked[rows, column] = 0
    return masked


def _new_rows(
    ids: Int64Array, columns: ClockColumns, version: Int64Array
) -> tuple[Int64Array, Int64Array]:
    """Each new cycle's key (ticket, metric, index in one number) and its values laid out
    as ``_OLD_CLOCK_COLUMNS`` reads them (after the id and the key)."""
    values = np.stack(
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
            columns.priority,
            version,
        ),
        axis=1,
    )
    key = ids[columns.ticket] * 16777216 + columns.metric * 1048576 + columns.index
    return key, values


@dataclass(frozen=True, slots=True)
class _ClockDiff:
    """How the stored clock rows of the tickets a chunk write needs differ from their
    new ones (positions into the chunk's new cycles and into the stored rows ``old``,
    sorted by key)."""

    old: Int64Array
    """The stored rows, sorted by key."""
    picked: Int64Array
    """The new cycles of the needed tickets."""
    found: Int64Array
    """Per picked cycle, the stored row with its key (where ``matched``)."""
    changed: Int64Array
    """Picked cycles whose stored row differs."""
    added: Int64Array
    """Picked cycles with no stored row."""
    gone: Int64Array
    """Stored rows no new cycle keeps."""


def _matched(stored_key: Int64Array, new_key: Int64Array) -> tuple[Int64Array, NDArray[np.bool_]]:
    """Per new key, the position of the stored row with that key in ``stored_key``
    (sorted, unique) and whether there is one."""
    where = np.searchsorted(stored_key, new_key)
    found = np.minimum(where, max(stored_key.size - 1, 0))
    if not stored_key.size:
        return found, np.zeros(new_key.size, dtype=bool)
    matched: NDArray[np.bool_] = (where < stored_key.size) & (stored_key[found] == new_key)
    return found, matched


def _clock_diff(
    needed: NDArray[np.bool_],
    columns: ClockColumns,
    all_keys: Int64Array,
    all_values: Int64Array,
    all_live: NDArray[np.bool_],
    old: Int64Array,
) -> _ClockDiff:
    """Compare the stored rows ``old`` of the ``needed`` tickets with their new cycles,
    in memory."""
    old = old[np.argsort(old[:, 1], kind="stable")]
    picked = np.flatnonzero(needed[columns.ticket])
    new_key, new_values = all_keys[picked], all_values[picked]
    live = all_live[picked]
    old_key = old[:, 1]
    found, matched = _matched(old_key, new_key)
    same = np.zeros(new_key.size, dtype=bool)
    if matched.any():
        stored = _without_readings(old[found[matched], 2:], live[matched])
        fresh = _without_readings(new_values[matched], live[matched])
        same[matched] = (stored[:, :_VERSION] == fresh[:, :_VERSION]).all(axis=1)
    kept = np.zeros(old_key.size, dtype=bool)
    kept[found[matched]] = True
    changed = np.flatnonzero(matched & ~same)
    added = np.flatnonzero(~matched)
    return _ClockDiff(old, picked, found, changed, added, np.flatnonzero(~kept))


_FINGERPRINT_HASHES = ((2_147_483_647, 1_000_003), (2_147_483_629, 999_983))
"""Two polynomial hashes (prime modulus, multiplier) of a row's values, whose remainders
make its fingerprint (``_FINGERPRINT_SQL``, ``_fingerprints``): every intermediate stays
far inside a signed 64-bit integer on both engines (|h * m| < 2^51), and SQL's ``%``
keeps the dividend's sign as ``numpy.fmod`` does."""


def _fingerprint_sql() -> str:
    """A stored row's fingerprint in SQL: both hashes of its values as
    ``_OLD_CLOCK_COLUMNS`` reads them (its reading blanked where it is live, as
    ``_without_readings`` does; the judging version left out)."""
    values = list(_OLD_CLOCK_COLUMNS[2 : 2 + _VERSION])
    stopped, state, due = values[1], values[2], values[6]
    live = (
        f"(({stopped}) = {INT64_MIN_SQL} AND ({state}) / 2 <> {_PAUSED}"
        f" AND ({due}) <> {INT64_MIN_SQL})"
    )
    for position in _READING:
        values[position] = f"CASE WHEN {live} THEN 0 ELSE ({values[position]}) END"
    hashes = []
    for modulus, multiplier in _FINGERPRINT_HASHES:
        total = "0"
        for value in values:
            total = f"(({total}) * {multiplier} + ({value}) % {modulus}) % {modulus}"
        hashes.append(total)
    return f"({hashes[0]}) * 2147483648 + ({hashes[1]})"


_FINGERPRINT_SQL = _fingerprint_sql()


def _stored_live(values: Int64Array) -> NDArray[np.bool_]:
    """Per stored row's values (``_OLD_CLOCK_COLUMNS`` after the id and the key, as
    ``_fingerprints`` takes them), the liveness ``_fingerprint_sql`` computes for it
    (its state term divided as SQL divides, towards zero)."""
    stopped, state, due = values[:, 1], values[:, 2], values[:, 6]
    judged = np.where(state >= 0, state // 2, -(-state // 2))
    live: NDArray[np.bool_] = (stopped == NONE) & (judged != _PAUSED) & (due != NONE)
    return live


def _fingerprints(values: Int64Array, live: NDArray[np.bool_]) -> Int64Array:
    """Per row of ``values`` (laid out as ``_new_rows`` gives them), the fingerprint
    ``_fingerprint_sql`` computes for a stored row with these values."""
    blanked = _without_readings(values, live)[:, :_VERSION]
    hashes = []
    for modulus, multiplier in _FINGERPRINT_HASHES:
        total = np.zeros(len(blanked), dtype=np.int64)
        for column in range(blanked.shape[1]):
            total = np.fmod(total * multiplier + np.fmod(blanked[:, column], modulus), modulus)
        hashes.append(total)
    fingerprint: Int64Array = hashes[0] * 2147483648 + hashes[1]
    return fingerprint


def _fingerprint_diff(
    connection: Connection,
    ids: Int64Array,
    needed: NDArray[np.bool_],
    columns: ClockColumns,
    all_keys: Int64Array,
    all_values: Int64Array,
    all_live: NDArray[np.bool_],
    retimed: Retimed | None = None,
) -> _ClockDiff:
    """``_clock_diff`` of a re-baseline without reading every stored row in full: each
    stored row of the ``needed`` tickets of ``ids`` is read as its id, key and
    fingerprint (a few integers computed in SQL instead of thirteen turned into text:
    issue 16, that read was a quarter of a re-baseline), compared with the new rows'
    fingerprints, and only the rows that differ or are gone are read in full. A stored
    row and a new one whose liveness differs differ in a value both fingerprints hold.
    Of the ``retimed`` tickets, only the rows of its metrics are read and compared."""
    fingerprinted = (_OLD_CLOCK_COLUMNS[0], _OLD_CLOCK_COLUMNS[1], _FINGERPRINT_SQL)
    narrowed = np.zeros(ids.size, dtype=bool) if retimed is None else retimed.tickets & needed
    parts = [
        read_ints(
            connection,
            fingerprinted,
            _CLOCK_SOURCE,
            ids[needed & ~narrowed],
            "ticket_id",
            piece=500,
        )
    ]
    compared = needed[columns.ticket]
    full = np.zeros((0, len(_OLD_CLOCK_COLUMNS)), dtype=np.int64)
    if retimed is not None and narrowed.any():
        # The metric term as ``+metric_code``: SQLite then seeks each ticket's rows of
        # the metric in the key's index rather than walking a metric's index. Read in
        # full at once: a retimed ticket's rows of a changed target nearly all differ,
        # so reading their fingerprints first and then the rows by id read them twice.
        codes = ", ".join(str(int(code)) for code in _METRIC_CODES[retimed.metrics])
        source = f"ticket_clocks WHERE +metric_code IN ({codes}) AND {{where}}"
        full = read_ints(
            connection, _OLD_CLOCK_COLUMNS, source, ids[narrowed], "ticket_id", piece=500
        )
        full = full[np.argsort(full[:, 0])]  # by id
        parts.append(
            np.column_stack(
                (full[:, 0], full[:, 1], _fingerprints(full[:, 2:], _stored_live(full[:, 2:])))
            )
        )
        compared &= ~narrowed[columns.ticket] | np.isin(columns.metric, retimed.metrics)
    narrow = np.concatenate(parts)
    narrow = narrow[np.argsort(narrow[:, 1])]  # by key (unique)
    picked = np.flatnonzero(compared)
    new_key = all_keys[picked]
    stored_key = narrow[:, 1]
    at, matched = _matched(stored_key, new_key)
    same = np.zeros(new_key.size, dtype=bool)
    if matched.any():
        fresh = _fingerprints(all_values[picked[matched]], all_live[picked[matched]])
        same[matched] = narrow[at[matched], 2] == fresh
    kept = np.zeros(stored_key.size, dtype=bool)
    kept[at[matched]] = True
    changed = np.flatnonzero(matched & ~same)
    added = np.flatnonzero(~matched)
    gone_rows = np.flatnonzero(~kept)
    wanted = np.sort(np.concatenate((narrow[at[changed], 0], narrow[gone_rows, 0])))
    had = np.isin(wanted, full[:, 0])
    old = np.concatenate(
        (
            full[np.searchsorted(full[:, 0], wanted[had])],
            read_ints(connection, _OLD_CLOCK_COLUMNS, _CLOCK_SOURCE, wanted[~had], "id", piece=500),
        )
    )
    old = old[np.argsort(old[:, 1])]
    if old.shape[0] != wanted.size:
        raise RuntimeError("clock rows changed while a re-baseline compared them")
    found = np.zeros(new_key.size, dtype=np.int64)
    found[changed] = np.searchsorted(old[:, 1], new_key[changed])
    gone = np.searchsorted(old[:, 1], stored_key[gone_rows])
    return _ClockDiff(old, picked, found, changed, added, gone)


def _rewritten(ids: Int64Array, columns: ClockColumns, diff: _ClockDiff) -> NDArray[np.bool_]:
    """Per ticket, whether ``diff`` writes or deletes any of its rows."""
    touched = np.zeros(ids.size, dtype=bool)
    touched[columns.ticket[diff.picked[np.concatenate((diff.changed, diff.added))]]] = True
    touched[np.searchsorted(ids, diff.old[diff.gone, 1] >> 24)] = True
    return touched


def _stopped_rewritten(
    ids: Int64Array, columns: ClockColumns, all_values: Int64Array, diff: _ClockDiff
) -> tuple[StoppedRows, StoppedRows]:
    """The stopped rows ``diff`` overwrites or deletes, and the stopped rows it writes
    or inserts: what the rollup counts differently after the write."""
    old = diff.old[np.concatenate((diff.found[diff.changed], diff.gone))]
    old = old[old[:, 3] != NONE]
    removed = StoppedRows(
        ticket_id=old[:, 1] >> 24,
        stopped_at=old[:, 3],
        metric=_ROLLUP_METRIC[(old[:, 1] >> 20) & 15],
        priority=_ROLLUP_PRIORITY[old[:, 11]],
        version=old[:, 12],
        state=_ROLLUP_STATE[old[:, 4] >> 1],
        elapsed=old[:, 6],
    )
    rows = diff.picked[np.concatenate((diff.changed, diff.added))]
    rows = rows[columns.stopped_at[rows] != NONE]
    added = StoppedRows(
        ticket_id=ids[columns.ticket[rows]],
        stopped_at=columns.stopped_at[rows],
        metric=_ROLLUP_METRIC[columns.metric[rows]],
        priority=_ROLLUP_PRIORITY[columns.priority[rows]],
        version=all_values[rows, _VERSION],
        state=_ROLLUP_STATE[columns.state[rows]],
        elapsed=columns.elapsed[rows],
    )
    return removed, added


def _write_clocks(
    connection: Connection,
    ids: Int64Array,
    columns: ClockColumns,
    all_values: Int64Array,
    now: int,
    diff: _ClockDiff,
    stops: tuple[Int64Array, Int64Array, Int64Array, Int64Array] | None = None,
) -> tuple[int, int, int, bool, Int64Array]:
    """Write ``diff``: delete, update and insert clock rows; the other tickets' rows are
    left alone. Also returns whether the inserted rows took ids chosen here, and those
    ids (in the order of ``diff.picked[diff.added]``); ``stops``: see ``write_chunk``."""
    old, picked, found, changed, added = diff.old, diff.picked, diff.found, diff.changed, diff.added
    no_ids = np.zeros(0, dtype=np.int64)
    if picked.size == 0 and diff.gone.size == 0:
        return 0, 0, 0, False, no_ids
    new_values = all_values[picked]
    version = all_values[:, _VERSION]
    delete_ids(connection, "ticket_clocks", old[diff.gone, 0].tolist())
    if changed.size:
        # Set a column only where it changed: SQLite rewrites the index entries of every
        # indexed column a statement sets, and each column set costs about as much as
        # it holds rows (issue 16: a targets-only save moves a few columns of a row).
        # Each row ends up as if every column were set.
        before, after = old[found[changed], 2:], new_values[changed]
        moved = np.zeros(changed.size, dtype=np.int64)
        for field in range(len(_VALUE_COLUMNS)):
            at = _VALUE_POSITIONS[field]
            differs = before[:, at] != after[:, at]
            if field == _STATE_FIELD:  # the state, without at_risk
                differs = (before[:, at] >> 1) != (after[:, at] >> 1)
            elif field == _AT_RISK_FIELD:  # at_risk, without the state
                differs = (before[:, at] & 1) != (after[:, at] & 1)
            moved |= differs.astype(np.int64) << field
        for variant in np.unique(moved).tolist():
            rows = changed[moved == variant]
            fields = [f for f in range(len(_VALUE_COLUMNS)) if variant >> f & 1]
            values = _clock_values(columns, version, picked[rows])
            update_rows(
                connection,
                "ticket_clocks",
                [*(_VALUE_COLUMNS[f] for f in fields), "evaluated_at"],
                list(
                    zip(
                        *[values[f] for f in fields],
                        [now] * rows.size,
                        old[found[rows], 0].tolist(),
                        strict=True,
                    )
                ),
            )
    chosen = False
    clock_ids = no_ids
    if added.size:
        rows = picked[added]
        names = [*_NEW_CLOCK_COLUMNS, *_VALUE_COLUMNS, "evaluated_at"]
        values = [
            ids[columns.ticket[rows]].tolist(),
            _METRIC_CODES[columns.metric[rows]].tolist(),
            columns.index[rows].tolist(),
            *_clock_values(columns, version, rows),
            [now] * rows.size,
        ]
        if stops is not None:
            names += ["holds_at", "stop_agent_id", "stop_team_id", "unassigned_seconds"]
            values += [_nullable(column[rows]) for column in stops]
            # The rows' holds are written next and need their ids: chosen here where
            # the engine allows it rather than read back by key.
            chosen = bulk_traits(connection).local_ids
            if chosen:
                clock_ids = np.asarray(
                    local_ids(connection, _CLOCKS_TABLE, int(rows.size)), dtype=np.int64
                )
                names.insert(0, "id")
                values.insert(0, clock_ids.tolist())
        write_columns(connection, "ticket_clocks", names, values)
    return int(added.size), int(changed.size), int(diff.gone.size), chosen, clock_ids


def _clock_values(columns: ClockColumns, version: Int64Array, rows: Int64Array) -> list[list[Any]]:
    """The values of the given cycles, one list per column of ``_VALUE_COLUMNS``."""
    return [
        columns.started_at[rows].tolist(),
        _nullable(columns.stopped_at[rows]),
        _STATE_CODES[columns.state[rows]].tolist(),
        columns.target[rows].tolist(),
        columns.elapsed[rows].tolist(),
        columns.remaining[rows].tolist(),
        _nullable(columns.due_at[rows]),
        _nullable(columns.breached_at[rows]),
        columns.at_risk[rows].tolist(),
        _nullable(columns.risk_at[rows]),
        _nullable(_PRIORITY_CODES[columns.priority[rows]], none=-1),
        _nullable(np.where(version[rows] < 0, NONE, version[rows])),
    ]


def _summary_moved(
    chunk: TicketChunk,
    columns: ClockColumns,
    ticket_version: Int64Array,
    live: NDArray[np.bool_],
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], Int64Array]:
    """Per ticket, whether the summary of ``columns`` differs from the stored one beyond
    the judging version (a running metric's reading aside), whether the judging version
    differs, and that summary laid out as ``old_summary``."""
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
            _due_positions(chunk, columns.next_due_at),
        )
    )
    # A running metric's remaining is a reading: compare without it (see ``_live``).
    fresh, stored = new.copy(), chunk.old_summary.copy()
    for metric, position in _SUMMARY_METRICS:
        running = np.zeros(len(new), dtype=bool)
        running[columns.ticket[live & (columns.metric == metric)]] = True
        fresh[running, position] = stored[running, position] = 0
    changed: NDArray[np.bool_] = (fresh[:, 1:] != stored[:, 1:]).any(axis=1)
    version_moved: NDArray[np.bool_] = fresh[:, 0] != stored[:, 0]
    return changed, version_moved, new


def _write_summaries(
    connection: Connection,
    chunk: TicketChunk,
    columns: ClockColumns,
    ticket_version: Int64Array,
    live: NDArray[np.bool_],
    now: int,
    needed: NDArray[np.bool_],
) -> int:
    """Update the summary of every ``needed`` ticket whose summary changed."""
    moved, version_moved, new = _summary_moved(chunk, columns, ticket_version, live)
    changed = (moved | version_moved) & needed
    # A summary equal to the stored one but for the judging version (no running reading
    # either: most tickets a saved policy judges) needs only the version, one short
    # statement per version rather than a row of values per ticket. ``evaluated_at``
    # says when the summary was written: a closed ticket's stays (as when nothing
    # changed, and as ``app.recompute.affected`` moves closed tickets); an open ticket's
    # is stamped, since the escalation plan re-reads the open tickets stamped since its
    # last refresh (``app.escalations.plan``) and this one's rules are the new version's.
    version_only = changed & (new[:, 1:] == chunk.old_summary[:, 1:]).all(axis=1)
    for version in np.unique(new[version_only, 0]).tolist():
        value = None if version < 0 else version
        of_version = version_only & (new[:, 0] == version)
        set_by_ids(
            connection,
            "tickets",
            ("policy_version_id", "evaluated_at"),
            (value, now),
            chunk.ids[of_version & chunk.is_open].tolist(),
        )
        set_by_ids(
            connection,
            "tickets",
            ("policy_version_id",),
            (value,),
            chunk.ids[of_version & ~chunk.is_open].tolist(),
        )
    # A statement sets only the families of columns that changed on its rows (a column
    # set costs about as much as it holds rows, changed or not: issue 16, a targets-only
    # save changes one metric's columns), and next_due_at only where it changed (five
    # indexes hold it). Each row's stored summary ends up the same as if all were set.
    rows = np.flatnonzero(changed & ~version_only)
    differs = new[rows] != chunk.old_summary[rows]
    variant = np.zeros(rows.size, dtype=np.int64)
    for bit, family in enumerate(_SUMMARY_FAMILIES):
        variant |= differs[:, list(family)].any(axis=1).astype(np.int64) << bit
    for pattern in np.unique(variant).tolist():
        picked = new[rows[variant == pattern]]
        positions = sorted(
            position
            for bit, family in enumerate(_SUMMARY_FAMILIES)
            if pattern >> bit & 1
            for position in family
        )
        write_columns(
            connection,
            "tickets",
            [*(_SUMMARY_NAMES[position] for position in positions), "evaluated_at"],
            [
                *(_summary_values(picked[:, position], position) for position in positions),
                [now] * len(picked),
                chunk.ids[rows[variant == pattern]].tolist(),
            ],
            key="id",
        )
    return int(changed.sum())


_SUMMARY_NAMES = (
    "policy_version_id", "next_due_at", "next_risk_at", "sla_state",
    "first_response_state", "first_response_due_at", "first_response_remaining",
    "first_response_target", "resolution_state", "resolution_due_at",
    "resolution_remaining", "resolution_target", "next_due_position",
)  # fmt: skip
"""The ``tickets`` column of each position of a summary laid out as ``old_summary``."""
_SUMMARY_FAMILIES = ((0,), (1,), (2, 3, 12), (4, 5, 6, 7), (8, 9, 10, 11))
"""Summary positions set together (``_write_summaries``): the version, the next due
instant (indexed), the ticket's next risk, state and due position, each metric's four."""
_STATE_POSITIONS = (4, 8)


def _summary_values(values: Int64Array, position: int) -> list[Any]:
    """The stored values of one summary position (``_SUMMARY_NAMES``)."""
    if position == 0:
        return _nullable(np.where(values < 0, NONE, values))
    if position == 3:
        return [SLA_STATES[code] for code in values.tolist()]
    if position in _STATE_POSITIONS:
        return _state_names(values)
    return _nullable(values)


def _due_positions(chunk: TicketChunk, next_due_at: Int64Array) -> Int64Array:
    """Per ticket, its next due instant on the working-time axis of the calendar its
    policy counts in (``NONE`` without a due instant or a policy)."""
    positions = np.full(next_due_at.size, NONE, dtype=np.int64)
    due = next_due_at != NONE
    for code, calendar in enumerate(chunk.calendars):
        rows = np.flatnonzero(due & (chunk.policy_index == code))
        if rows.size:
            positions[rows] = business_positions(calendar, next_due_at[rows])
    return positions


def _state_names(codes: Int64Array) -> list[str | None]:
    return [None if code < 0 else METRIC_STATES[code] for code in codes.tolist()]
