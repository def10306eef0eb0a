"""Writing the OLA cycles of a batch of tickets, keeping the verdict of a stopped cycle.

A stored stopped cycle is a recorded verdict (docs/SLA_SEMANTICS.md, "Stopped
verdicts"): outside a re-baseline it stays as it is, and a cycle the engine computes
with the same team and start takes its place in the result. Every other stored row of
the batch (running and paused cycles) becomes the engine's; a new cycle whose number a
kept cycle has is numbered after the highest kept number.

Outside a re-baseline only what differs is written: the stored unfinished cycles and
their holds are read and compared, in memory, with the engine's (by ticket and cycle
number); a cycle whose values and holds are equal is left as it is, and so is its
``evaluated_at``. A cycle running towards its due instant (not stopped, not paused) is
compared without its reading — elapsed, remaining and the seconds of its holds move
with the time alone — as the SLA clocks are (docs/SLA_SEMANTICS.md, "Stored clocks and
their readings"): its stored reading is that of its ``evaluated_at``, and every reader
takes the live one from its due instant and calendar. One that differs is updated in
place with its holds replaced, one the engine no longer computes is deleted and a new
one inserted. All of it as integer columns: the stored
cycles and holds read as one text each where the database allows
(``store.clocks.transfer.read_ints``), matched by key and compared with numpy, written
as plain tuples (issue 16: a row object and a dict per cycle were most of a 1M
open-ticket recompute). What is stored is what replacing them all stores, running
readings aside (``tests/unit/app/recompute/test_derived_rows.py``). A re-baseline re-judges the
stopped cycles too and replaces every row of the batch: it deletes them and writes the
engine's as ``write_new_ola_cycles`` does.

``write_new_ola_cycles`` is the write for tickets a bulk load (an import, a demo) has
just written, with no OLA row stored: nothing to read, keep or delete, so the rows go in
as columns, plain tuples in few driver calls (``store.clocks.transfer``), and the new
cycles' ids are read back by their key for their holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, Table, delete

from slaworkbench.domain.clock.ola_columns import OlaColumns
from slaworkbench.domain.clock.results import NONE, STATES
from slaworkbench.domain.model import ClockState
from slaworkbench.domain.sorting import lexsort_order
from slaworkbench.store.clocks.holds import told_unassigned
from slaworkbench.store.clocks.read import missing_sql
from slaworkbench.store.clocks.transfer import (
    insert_rows,
    places_in_runs,
    read_ints,
    update_rows,
    write_columns,
)
from slaworkbench.store.dialect import bulk_traits, local_ids
from slaworkbench.store.ola.held_samples import any_kept, forget_ola_spans, forget_ola_tickets
from slaworkbench.store.ola.read import OlaBatch
from slaworkbench.store.schema import TicketOlaCycle, TicketOlaHold

_CYCLE_KEYS = ("id", "CAST(ticket_id AS BIGINT) * 1048576 + cycle_index")
"""Per OLA cycle row: its id and its key (ticket, cycle index in one number)."""
_STATE_NAMES = np.array([state.value for state in STATES], dtype=object)

VALUES = (
    "team_id", "started_at", "stopped_at", "state", "target", "elapsed", "remaining",
    "due_at", "breached_at", "at_risk", "risk_at", "holder_at_stop_id", "ola_version_id",
    "unassigned_seconds",
)  # fmt: skip
"""The compared columns of a cycle besides its ticket and number (``unassigned_seconds``:
see ``_unassigned``)."""
_CYCLE_COLUMNS = ("ticket_id", "cycle_index", *VALUES, "evaluated_at")
_CYCLES_TABLE: Table = TicketOlaCycle.__table__  # type: ignore[assignment]


def write_ola_cycles(
    connection: Connection,
    batch: OlaBatch,
    columns: OlaColumns,
    version_ids: Sequence[int | None],
    now: int,
    *,
    rebaseline: bool,
) -> int:
    """Store ``columns`` as the batch's OLA rows (team code -> OLA version id in
    ``version_ids``); returns how many cycles were written (inserted or updated)."""
    ids = batch.ids
    if rebaseline:
        # Every row of the batch is replaced: once they are deleted, the batch is as a
        # bulk load's new tickets, written as columns.
        forget_ola_tickets(connection, ids)  # the spans of the stopped cycles replaced
        connection.execute(delete(TicketOlaCycle).where(TicketOlaCycle.ticket_id.in_(ids)))
        return write_new_ola_cycles(connection, batch, columns, version_ids, now)
    return _write_changed(connection, batch, columns, version_ids, now)


_STORED_COLUMNS = (
    "id", "CAST(ticket_id AS BIGINT) * 1048576 + cycle_index", "COALESCE(team_id, -1)",
    "started_at", missing_sql("stopped_at"),
    "CASE state " + " ".join(f"WHEN '{state.value}' THEN {i}" for i, state in enumerate(STATES))
    + " ELSE -1 END",
    "target", "elapsed", "remaining", missing_sql("due_at"), missing_sql("breached_at"),
    "CASE WHEN at_risk THEN 1 ELSE 0 END", missing_sql("risk_at"),
    "COALESCE(holder_at_stop_id, -1)", "COALESCE(ola_version_id, -1)",
    missing_sql("unassigned_seconds"),
)  # fmt: skip
"""Per stored OLA cycle: id, key, then ``VALUES`` as integers (-1: no id; ``NONE``: no
instant or no unassigned seconds; the state's position in ``STATES``; ``at_risk`` 0 or
1)."""
_STORED_HOLDS = (
    "ticket_ola_holds h JOIN ticket_ola_cycles c ON c.id = h.cycle_id"
    " WHERE {where} AND c.stopped_at IS NULL"
)
_KEY_SHIFT = 1048576


_READING_FROM, _READING_TO = VALUES.index("elapsed"), VALUES.index("remaining") + 1
_STOPPED, _STATE, _DUE = VALUES.index("stopped_at"), VALUES.index("state"), VALUES.index("due_at")
_PAUSED = STATES.index(ClockState.PAUSED)


def _running_reading(values: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Per row of ``VALUES`` columns: not stopped, not paused and due at some instant
    (``domain.clock.readings.is_running_reading``)."""
    running: npt.NDArray[np.bool_] = (
        (values[:, _STOPPED] == NONE) & (values[:, _STATE] != _PAUSED) & (values[:, _DUE] != NONE)
    )
    return running


def _ids_of(ids: Sequence[int | None]) -> npt.NDArray[np.int64]:
    """Code -> id (-1 for ``None``), with a last entry -1 for code -1."""
    return np.array([-1 if i is None else i for i in ids] + [-1], dtype=np.int64)


def _numbered(
    ticket_id: npt.NDArray[np.int64],
    index: npt.NDArray[np.int64],
    kept: dict[int, set[int]],
) -> npt.NDArray[np.int64]:
    """The numbers the cycles take: the engine's, except that a cycle whose number a
    kept (stopped) cycle of its ticket has is numbered after the highest number taken
    so far, in the engine's order (only tickets with a kept cycle can move)."""
    index = index.copy()
    if not kept:
        return index
    for row in np.flatnonzero(np.isin(ticket_id, np.fromiter(kept, dtype=np.int64))).tolist():
        used = kept[int(ticket_id[row])]
        number = int(index[row])
        if number in used:
            number = max(used) + 1
            index[row] = number
        used.add(number)
    return index


def _holds_differ(new: npt.NDArray[np.int64], old: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """The cycle ids whose holds differ, from ``(cycle id, agent id, seconds)`` rows of
    both sides (as multisets): a cycle with more rows on one side, or whose rows, both
    sides sorted, differ somewhere."""
    new = new[lexsort_order(list(new.T[::-1]))]
    old = old[lexsort_order(list(old.T[::-1]))]
    cycles = np.union1d(new[:, 0], old[:, 0])
    counts_new = np.bincount(np.searchsorted(cycles, new[:, 0]), minlength=cycles.size)
    counts_old = np.bincount(np.searchsorted(cycles, old[:, 0]), minlength=cycles.size)
    equal = counts_new == counts_old
    # Among the cycles with as many rows on both sides, the sorted rows line up.
    new = new[equal[np.searchsorted(cycles, new[:, 0])]]
    old = old[equal[np.searchsorted(cycles, old[:, 0])]]
    unequal = (new != old).any(axis=1)
    return np.union1d(cycles[~equal], new[unequal, 0])


def _write_changed(
    connection: Connection,
    batch: OlaBatch,
    columns: OlaColumns,
    version_ids: Sequence[int | None],
    now: int,
) -> int:
    """Outside a re-baseline (see the module text), as columns: stopped cycles kept,
    unfinished ones compared by (ticket, number) and written where they differ."""
    ids = np.asarray(batch.ids, dtype=np.int64)
    team_of, version_of, agent_of = (
        _ids_of(batch.team_ids), _ids_of(version_ids), _ids_of(batch.agent_ids)
    )  # fmt: skip
    stored = read_ints(
        connection, _STORED_COLUMNS, "ticket_ola_cycles WHERE {where}", np.unique(ids),
        "ticket_id",
    )  # fmt: skip
    stopped = stored[:, 4] != NONE
    kept_rows = stored[stopped]
    kept_keys = set(
        zip(
            (kept_rows[:, 1] // _KEY_SHIFT).tolist(),
            kept_rows[:, 2].tolist(),
            kept_rows[:, 3].tolist(),
            strict=True,
        )
    )
    kept: dict[int, set[int]] = {}
    for key in kept_rows[:, 1].tolist():
        kept.setdefault(key // _KEY_SHIFT, set()).add(key % _KEY_SHIFT)

    # The engine's cycles to store: a known team, and not one a kept cycle stands for.
    ticket_id = ids[columns.ticket]
    team = team_of[columns.team]
    wanted = team >= 0
    if kept_keys:
        wanted &= np.fromiter(
            (
                key not in kept_keys
                for key in zip(
                    ticket_id.tolist(), team.tolist(), columns.started_at.tolist(), strict=True
                )
            ),
            dtype=bool,
            count=ticket_id.size,
        )
    rows = np.flatnonzero(wanted)
    number = _numbered(ticket_id[rows], columns.index[rows], kept)
    key = ticket_id[rows] * _KEY_SHIFT + number
    values = _engine_values(columns, rows, team_of, agent_of, version_of)

    # Matched with the stored unfinished cycles by key.
    unfinished = stored[~stopped]
    unfinished = unfinished[np.argsort(unfinished[:, 1], kind="stable")]
    matched = np.zeros(key.size, dtype=bool)
    cycle_id = np.full(key.size, -1, dtype=np.int64)
    differs = np.zeros(key.size, dtype=bool)
    if len(unfinished):
        at = np.searchsorted(unfinished[:, 1], key)
        found = np.minimum(at, len(unfinished) - 1)
        matched = (at < len(unfinished)) & (unfinished[found, 1] == key)
        cycle_id = np.where(matched, unfinished[found, 0], -1)
        stored_values = unfinished[found, 2:]
        # A cycle running towards its due instant on both sides: its elapsed and
        # remaining are a reading that moves with the time alone, not compared.
        reading = matched & _running_reading(values) & _running_reading(stored_values)
        unequal = values != stored_values
        unequal[reading, _READING_FROM:_READING_TO] = False
        differs = matched & unequal.any(axis=1)
    # The holds of those whose values are the same: the engine's (under the stored id)
    # against the stored; of a running reading only who held it (their seconds move).
    same = matched & ~differs
    engine_cycle = np.full(columns.ticket.size, -1, dtype=np.int64)
    engine_cycle[rows] = cycle_id
    held = engine_cycle[columns.held_cycle]
    mine = np.isin(held, cycle_id[same])
    new_holds = np.column_stack(
        (held[mine], agent_of[columns.held_holder[mine]], columns.held_seconds[mine])
    )
    if same.any():
        old_holds = read_ints(
            connection, ("h.cycle_id", "COALESCE(h.agent_id, -1)", "h.seconds"), _STORED_HOLDS,
            np.unique(ids), "c.ticket_id",
        )  # fmt: skip
        old_holds = old_holds[np.isin(old_holds[:, 0], cycle_id[same])]
        moving = cycle_id[same & reading]
        for holds in (new_holds, old_holds):
            holds[np.isin(holds[:, 0], moving), 2] = 0
        differs |= same & np.isin(cycle_id, _holds_differ(new_holds, old_holds))

    gone = unfinished[~np.isin(unfinished[:, 0], cycle_id[matched]), 0]
    c = TicketOlaCycle
    if gone.size:
        connection.execute(delete(c).where(c.id.in_(gone.tolist())))
    changed = np.flatnonzero(differs)
    if changed.size:
        # Plain tuples through the driver (issue 16: at 1M every running cycle's reading
        # moves, ~25,000 updates per open-ticket recompute).
        update_rows(
            connection,
            c.__tablename__,
            (*VALUES, "evaluated_at"),
            list(zip(*_as_stored(values[changed]), [now] * changed.size, cycle_id[changed].tolist(),
                     strict=True)),
        )  # fmt: skip
        _forget_stopped(connection, values[changed])
        replaced = cycle_id[changed]
        connection.execute(
            delete(TicketOlaHold).where(TicketOlaHold.cycle_id.in_(replaced.tolist()))
        )
        _insert_holds_of(connection, np.isin(held, replaced), held, columns, agent_of)
    added = np.flatnonzero(~matched)
    if added.size:
        _insert_cycles(connection, ticket_id[rows[added]], number[added], values[added],
                       rows[added], columns, agent_of, now)  # fmt: skip
    return int(changed.size + added.size)


def _engine_values(
    columns: OlaColumns,
    rows: npt.NDArray[np.int64],
    team_of: npt.NDArray[np.int64],
    agent_of: npt.NDArray[np.int64],
    version_of: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """The engine's cycles ``rows`` as ``VALUES`` integer columns (as ``_STORED_COLUMNS``
    reads them)."""
    target, elapsed = columns.target[rows], columns.elapsed[rows]
    return np.column_stack(
        (
            team_of[columns.team[rows]], columns.started_at[rows], columns.stopped_at[rows],
            columns.state[rows], target, elapsed, target - elapsed, columns.due_at[rows],
            columns.breached_at[rows], columns.at_risk[rows].astype(np.int64),
            columns.risk_at[rows], agent_of[columns.holder_at_stop[rows]],
            version_of[columns.team[rows]], _unassigned(columns, agent_of)[rows],
        )
    ).astype(np.int64)  # fmt: skip


def _unassigned(columns: OlaColumns, agent_of: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Per engine cycle: the seconds no agent held it, where it stopped and every held
    piece of it is held by its holder at stop or by no agent (an agent code without an
    id is no agent too, so at most one such piece), summing to its business time; else
    ``NONE`` (``TicketOlaCycle.unassigned_seconds``, migration 0032). Such a cycle's
    pieces are told by it, which every reader of who held it while it ran takes instead
    of reading them: they are not stored (migration 0036)."""
    cycle = columns.held_cycle
    agent = agent_of[columns.held_holder]
    nobody = agent < 0
    apart = ~nobody & (agent != agent_of[columns.holder_at_stop[cycle]])
    one_unheld = np.bincount(cycle[nobody], minlength=columns.elapsed.size) <= 1
    may = (columns.stopped_at != NONE) & one_unheld
    return told_unassigned(cycle, columns.held_seconds, nobody, apart, columns.elapsed, may)


def _as_stored(values: npt.NDArray[np.int64]) -> list[list[Any]]:
    """``VALUES`` columns of integer rows as the database stores them (``None`` for a
    missing id or instant, the state's name, ``at_risk`` a bool)."""
    (team, started, stopped, state, target, elapsed, remaining, due, breached, at_risk, risk,
     holder, version, unassigned) = values.T  # fmt: skip
    return [
        _or_none_ids(team), started.tolist(), _instants(stopped),
        _STATE_NAMES[state].tolist(), target.tolist(), elapsed.tolist(), remaining.tolist(),
        _instants(due), _instants(breached), at_risk.astype(bool).tolist(), _instants(risk),
        _or_none_ids(holder), _or_none_ids(version), _instants(unassigned),
    ]  # fmt: skip


def _or_none_ids(values: npt.NDArray[np.int64]) -> list[Any]:
    boxed = values.astype(object)
    boxed[values < 0] = None
    return list(boxed.tolist())


def _insert_holds_of(
    connection: Connection,
    chosen: npt.NDArray[np.bool_],
    cycle_of_hold: npt.NDArray[np.int64],
    columns: OlaColumns,
    agent_of: npt.NDArray[np.int64],
) -> None:
    """Insert the engine's holds ``chosen`` (per hold) under ``cycle_of_hold``'s ids, each
    cycle's numbered in the engine's order, in key order; not those of a cycle its row
    tells them of (``_unassigned``: not stored, migration 0036)."""
    told = _unassigned(columns, agent_of) != NONE
    chosen = chosen & ~told[columns.held_cycle]
    cycle = cycle_of_hold[chosen]
    place = places_in_runs(cycle)
    order = lexsort_order((place, cycle))
    write_columns(
        connection,
        TicketOlaHold.__tablename__,
        ("cycle_id", "piece", "agent_id", "seconds"),
        [
            cycle[order].tolist(),
            place[order].tolist(),
            _or_none_ids(agent_of[columns.held_holder[chosen]][order]),
            columns.held_seconds[chosen][order].tolist(),
        ],
    )


def _insert_cycles(
    connection: Connection,
    ticket_id: npt.NDArray[np.int64],
    number: npt.NDArray[np.int64],
    values: npt.NDArray[np.int64],
    rows: npt.NDArray[np.int64],
    columns: OlaColumns,
    agent_of: npt.NDArray[np.int64],
    now: int,
    *,
    choose_ids: bool = False,
) -> None:
    """Insert cycles (engine rows ``rows``, with these tickets, numbers and ``VALUES``)
    and their holds; the new ids are read back by key, or with ``choose_ids`` (new
    tickets in a bulk write, where ``bulk_traits(...).local_ids``) chosen here, so that
    the rows may go through ``write_columns`` (a staging helper) like the clock rows."""
    _forget_stopped(connection, values)
    cycle_values = [ticket_id.tolist(), number.tolist(), *_as_stored(values), [now] * rows.size]
    if choose_ids:
        chosen = np.asarray(local_ids(connection, _CYCLES_TABLE, int(rows.size)), np.int64)
        write_columns(connection, _CYCLES_TABLE.name, ("id", *_CYCLE_COLUMNS),
                      [chosen.tolist(), *cycle_values])  # fmt: skip
    else:
        insert_rows(connection, _CYCLES_TABLE.name, _CYCLE_COLUMNS,
                    list(zip(*cycle_values, strict=True)))  # fmt: skip
        chosen = _ids_by_key(connection, ticket_id, number)
    cycle_id = np.full(columns.ticket.size, -1, dtype=np.int64)
    cycle_id[rows] = chosen
    held = cycle_id[columns.held_cycle]
    _insert_holds_of(connection, held >= 0, held, columns, agent_of)


def _ids_by_key(
    connection: Connection, ticket_id: npt.NDArray[np.int64], number: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """The ids of the stored cycles (``ticket_id``, ``number``), in that order."""
    stored = read_ints(
        connection, _CYCLE_KEYS, "ticket_ola_cycles WHERE {where}", np.unique(ticket_id),
        "ticket_id",
    )  # fmt: skip
    stored = stored[np.argsort(stored[:, 1])]
    key = ticket_id * _KEY_SHIFT + number
    found = np.minimum(np.searchsorted(stored[:, 1], key), max(len(stored) - 1, 0))
    if not len(stored) or (stored[found, 1] != key).any():
        raise RuntimeError("an OLA cycle just written was not found by its key")
    ids: npt.NDArray[np.int64] = stored[found, 0]
    return ids


def _forget_stopped(connection: Connection, values: npt.NDArray[np.int64]) -> None:
    """Forget the kept spans (``store.ola.held_samples``) of the stopped cycles among
    these ``VALUES`` rows, about to be written."""
    stopped_at = values[:, _STOPPED]
    stopped_at = stopped_at[stopped_at != NONE]
    if stopped_at.size and any_kept(connection):
        forget_ola_spans(connection, stopped_at)


def _instants(values: npt.NDArray[np.int64]) -> list[int | None]:
    boxed = values.astype(object)
    boxed[values == NONE] = None
    return list(boxed.tolist())


def write_new_ola_cycles(
    connection: Connection,
    batch: OlaBatch,
    columns: OlaColumns,
    version_ids: Sequence[int | None],
    now: int,
) -> int:
    """Insert every cycle of ``columns`` whose team is known, and its holds, for tickets
    with no stored OLA row (see the module text); returns how many cycles."""
    team_of, agent_of = _ids_of(batch.team_ids), _ids_of(batch.agent_ids)
    rows = np.flatnonzero(team_of[columns.team] >= 0)
    if rows.size == 0:
        return 0
    ids = np.asarray(batch.ids, dtype=np.int64)
    values = _engine_values(columns, rows, team_of, agent_of, _ids_of(version_ids))
    choose = bulk_traits(connection).local_ids
    _insert_cycles(connection, ids[columns.ticket[rows]], columns.index[rows], values, rows,
                   columns, agent_of, now, choose_ids=choose)  # fmt: skip
    return int(rows.size)
