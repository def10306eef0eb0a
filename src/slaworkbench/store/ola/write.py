"""Writing the OLA cycles of a batch of tickets, keeping the verdict of a stopped cycle.

A stored stopped cycle is a recorded verdict (docs/SLA_SEMANTICS.md, "Stopped
verdicts"): outside a re-baseline it stays as it is, and a cycle the engine computes
with the same team and start takes its place in the result. Every other stored row of
the batch (running and paused cycles) becomes the engine's; a new cycle whose number a
kept cycle has is numbered after the highest kept number.

Outside a re-baseline only what differs is written: the stored unfinished cycles and
their holds are read and compared, in memory, with the engine's (by ticket and cycle
number); a cycle whose values and holds are equal is left as it is (its reading is that
of the new evaluation, so its ``evaluated_at`` stays that of the write that stored it),
one that differs is updated in place with its holds replaced, one the engine no longer
computes is deleted and a new one inserted. What is stored is what replacing them all
stores (``tests/unit/app/recompute/test_derived_rows.py``). A re-baseline re-judges the
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
from sqlalchemy import Connection, delete, insert, select

from slaworkbench.domain.clock.ola_columns import OlaColumns
from slaworkbench.domain.clock.results import NONE, STATES
from slaworkbench.store.clocks.transfer import insert_rows, read_ints, update_rows
from slaworkbench.store.ola.read import OlaBatch
from slaworkbench.store.schema import TicketOlaCycle, TicketOlaHold

_CYCLE_COLUMNS = (
    "ticket_id", "cycle_index", "team_id", "started_at", "stopped_at", "state", "target",
    "elapsed", "remaining", "due_at", "breached_at", "at_risk", "risk_at",
    "holder_at_stop_id", "ola_version_id", "evaluated_at",
)  # fmt: skip
_CYCLE_KEYS = ("id", "CAST(ticket_id AS BIGINT) * 1048576 + cycle_index")
"""Per OLA cycle row: its id and its key (ticket, cycle index in one number)."""
_STATE_NAMES = np.array([state.value for state in STATES], dtype=object)

VALUES = (
    "team_id", "started_at", "stopped_at", "state", "target", "elapsed", "remaining",
    "due_at", "breached_at", "at_risk", "risk_at", "holder_at_stop_id", "ola_version_id",
)  # fmt: skip
"""The compared columns of a cycle besides its ticket and number."""

Holds = tuple[tuple[int | None, int], ...]
Key = tuple[int, int]
"""(ticket id, cycle number)"""


def _instant(value: int) -> int | None:
    return None if value == NONE else value


def _holds(holds: Sequence[tuple[int | None, int]]) -> Holds:
    return tuple(sorted(holds, key=lambda h: (-1 if h[0] is None else h[0], h[1])))


class _Stored:
    """The batch's stored cycles: stopped ones by (team, start) per ticket, unfinished
    ones by (ticket, number) with their values and holds."""

    def __init__(self, connection: Connection, ids: Sequence[int]) -> None:
        c = TicketOlaCycle
        self.kept: dict[int, dict[tuple[int | None, int], int]] = {}
        self.unfinished: dict[Key, tuple[int, tuple[object, ...]]] = {}
        columns = [getattr(c, name) for name in VALUES]
        for row in connection.execute(
            select(c.id, c.ticket_id, c.cycle_index, *columns).where(c.ticket_id.in_(ids))
        ):
            cycle_id, ticket_id, index, *values = tuple(row)
            if row.stopped_at is None:
                self.unfinished[(ticket_id, index)] = (cycle_id, tuple(values))
            else:
                self.kept.setdefault(ticket_id, {})[(row.team_id, row.started_at)] = index
        held: dict[int, list[tuple[int | None, int]]] = {}
        if self.unfinished:
            for cycle_id, agent_id, seconds in connection.execute(
                select(TicketOlaHold.cycle_id, TicketOlaHold.agent_id, TicketOlaHold.seconds)
                .join(c, c.id == TicketOlaHold.cycle_id)
                .where(c.ticket_id.in_(ids), c.stopped_at.is_(None))
            ):
                held.setdefault(cycle_id, []).append((agent_id, seconds))
        self.holds = {cycle_id: _holds(rows) for cycle_id, rows in held.items()}


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
        connection.execute(delete(TicketOlaCycle).where(TicketOlaCycle.ticket_id.in_(ids)))
        return write_new_ola_cycles(connection, batch, columns, version_ids, now)
    stored = _Stored(connection, ids)
    kept = stored.kept

    holds: dict[int, list[tuple[int | None, int]]] = {}
    for row, code, seconds in zip(
        columns.held_cycle.tolist(), columns.held_holder.tolist(), columns.held_seconds.tolist(),
        strict=True,
    ):  # fmt: skip
        holds.setdefault(row, []).append((None if code < 0 else batch.agent_ids[code], seconds))
    values: list[dict[str, Any]] = []
    rows_of: list[int] = []
    taken: dict[int, set[int]] = {t: set(v.values()) for t, v in kept.items()}
    for row in range(int(columns.ticket.size)):
        ticket_id = ids[int(columns.ticket[row])]
        cycle_team = batch.team_ids[int(columns.team[row])]
        started_at = int(columns.started_at[row])
        if cycle_team is None or (cycle_team, started_at) in kept.get(ticket_id, {}):
            continue
        used = taken.setdefault(ticket_id, set())
        index = int(columns.index[row])
        if index in used:
            index = max(used) + 1
        used.add(index)
        target, elapsed = int(columns.target[row]), int(columns.elapsed[row])
        holder = int(columns.holder_at_stop[row])
        values.append(
            {
                "ticket_id": ticket_id,
                "cycle_index": index,
                "team_id": cycle_team,
                "started_at": started_at,
                "stopped_at": _instant(int(columns.stopped_at[row])),
                "state": STATES[int(columns.state[row])].value,
                "target": target,
                "elapsed": elapsed,
                "remaining": target - elapsed,
                "due_at": _instant(int(columns.due_at[row])),
                "breached_at": _instant(int(columns.breached_at[row])),
                "at_risk": bool(columns.at_risk[row]),
                "risk_at": _instant(int(columns.risk_at[row])),
                "holder_at_stop_id": None if holder < 0 else batch.agent_ids[holder],
                "ola_version_id": version_ids[int(columns.team[row])],
                "evaluated_at": now,
            }
        )
        rows_of.append(row)
    values, rows_of = _differing(connection, stored, values, rows_of, holds)
    if not values:
        return 0
    new_ids = connection.execute(
        insert(TicketOlaCycle).returning(TicketOlaCycle.id, sort_by_parameter_order=True), values
    ).scalars().all()  # fmt: skip
    _insert_holds(connection, zip(new_ids, rows_of, strict=True), holds)
    return len(values)


def _differing(
    connection: Connection,
    stored: _Stored,
    values: list[dict[str, Any]],
    rows_of: list[int],
    holds: dict[int, list[tuple[int | None, int]]],
) -> tuple[list[dict[str, Any]], list[int]]:
    """Write the cycles that differ from the stored unfinished ones (delete the stored
    ones not computed any more, update the changed ones and replace their holds); returns
    the cycles to insert and their rows."""
    inserted: list[dict[str, Any]] = []
    inserted_rows: list[int] = []
    changed: list[dict[str, Any]] = []
    changed_rows: list[tuple[int, int]] = []
    left = dict(stored.unfinished)
    for value, row in zip(values, rows_of, strict=True):
        old = left.pop((value["ticket_id"], value["cycle_index"]), None)
        if old is None:
            inserted.append(value)
            inserted_rows.append(row)
            continue
        cycle_id, old_values = old
        new_holds = _holds(holds.get(row, []))
        if old_values == tuple(value[name] for name in VALUES) and (
            stored.holds.get(cycle_id, ()) == new_holds
        ):
            continue
        changed.append({**value, "cycle_id": cycle_id})
        changed_rows.append((cycle_id, row))
    gone = [cycle_id for cycle_id, _ in left.values()]
    c = TicketOlaCycle
    if gone:
        connection.execute(delete(c).where(c.id.in_(gone)))
    if changed:
        # Plain tuples through the driver (issue 16: at 1M every running cycle's reading
        # moves, ~25,000 updates per open-ticket recompute).
        update_rows(
            connection,
            c.__tablename__,
            (*VALUES, "evaluated_at"),
            [tuple(row[key] for key in (*VALUES, "evaluated_at", "cycle_id")) for row in changed],
        )
        connection.execute(
            delete(TicketOlaHold).where(TicketOlaHold.cycle_id.in_([i for i, _ in changed_rows]))
        )
        _insert_holds(connection, changed_rows, holds)
    return inserted, inserted_rows


def _insert_holds(
    connection: Connection,
    cycles: Any,
    holds: dict[int, list[tuple[int | None, int]]],
) -> None:
    """Insert the holds of engine row ``row`` for cycle ``cycle_id``, per (id, row)."""
    held_values = [
        (cycle_id, agent_id, seconds)
        for cycle_id, row in cycles
        for agent_id, seconds in holds.get(row, [])
    ]
    insert_rows(
        connection, TicketOlaHold.__tablename__, ("cycle_id", "agent_id", "seconds"), held_values
    )


def _or_none(codes: npt.NDArray[np.int64], ids: Sequence[int | None]) -> list[Any]:
    """The ids of ``codes`` (-1: ``None``)."""
    return list(np.array([*ids, None], dtype=object)[codes].tolist())


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
    known = np.array([team_id is not None for team_id in batch.team_ids] + [False])
    rows = np.flatnonzero(known[columns.team])
    if rows.size == 0:
        return 0
    ids = np.asarray(batch.ids, dtype=np.int64)
    ticket_id = ids[columns.ticket[rows]]
    team, index = columns.team[rows], columns.index[rows]
    target, elapsed = columns.target[rows], columns.elapsed[rows]
    values = zip(
        ticket_id.tolist(), index.tolist(), _or_none(team, batch.team_ids),
        columns.started_at[rows].tolist(), _instants(columns.stopped_at[rows]),
        _STATE_NAMES[columns.state[rows]].tolist(), target.tolist(), elapsed.tolist(),
        (target - elapsed).tolist(), _instants(columns.due_at[rows]),
        _instants(columns.breached_at[rows]), columns.at_risk[rows].astype(bool).tolist(),
        _instants(columns.risk_at[rows]), _or_none(columns.holder_at_stop[rows], batch.agent_ids),
        _or_none(team, version_ids), [now] * rows.size,
        strict=True,
    )  # fmt: skip
    insert_rows(connection, TicketOlaCycle.__tablename__, _CYCLE_COLUMNS, list(values))
    stored = read_ints(
        connection, _CYCLE_KEYS, "ticket_ola_cycles WHERE {where}", np.unique(ticket_id),
        "ticket_id",
    )  # fmt: skip
    stored = stored[np.argsort(stored[:, 1])]
    key = ticket_id * 1048576 + index
    found = np.minimum(np.searchsorted(stored[:, 1], key), max(len(stored) - 1, 0))
    if not len(stored) or (stored[found, 1] != key).any():
        raise RuntimeError("an OLA cycle just written was not found by its key")
    cycle_id = np.full(columns.ticket.size, -1, dtype=np.int64)
    cycle_id[rows] = stored[found, 0]
    held = np.flatnonzero(cycle_id[columns.held_cycle] >= 0)
    insert_rows(
        connection,
        TicketOlaHold.__tablename__,
        ("cycle_id", "agent_id", "seconds"),
        list(
            zip(
                cycle_id[columns.held_cycle[held]].tolist(),
                _or_none(columns.held_holder[held], batch.agent_ids),
                columns.held_seconds[held].tolist(),
                strict=True,
            )
        ),
    )
    return int(rows.size)
