"""Writing the OLA cycles of a batch of tickets, keeping the verdict of a stopped cycle.

A stored stopped cycle is a recorded verdict (docs/SLA_SEMANTICS.md, "Stopped
verdicts"): outside a re-baseline it stays as it is, and a cycle the engine computes
with the same team and start takes its place in the result. Every other stored row of
the batch (running and paused cycles) is replaced by the engine's; a new cycle whose
number a kept cycle has is numbered after the highest kept number.

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
from slaworkbench.store.clocks.transfer import insert_rows, read_ints
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


def _instant(value: int) -> int | None:
    return None if value == NONE else value


def write_ola_cycles(
    connection: Connection,
    batch: OlaBatch,
    columns: OlaColumns,
    version_ids: Sequence[int | None],
    now: int,
    *,
    rebaseline: bool,
) -> int:
    """Replace the batch's OLA rows by ``columns`` (team code -> OLA version id in
    ``version_ids``); returns how many cycles were written."""
    ids = batch.ids
    kept: dict[int, dict[tuple[int | None, int], int]] = {}
    if not rebaseline:
        for ticket_id, team_id, started_at, index in connection.execute(
            select(
                TicketOlaCycle.ticket_id, TicketOlaCycle.team_id, TicketOlaCycle.started_at,
                TicketOlaCycle.cycle_index,
            ).where(TicketOlaCycle.ticket_id.in_(ids), TicketOlaCycle.stopped_at.is_not(None))
        ).all():  # fmt: skip
            kept.setdefault(ticket_id, {})[(team_id, started_at)] = index
    removed = delete(TicketOlaCycle).where(TicketOlaCycle.ticket_id.in_(ids))
    if not rebaseline:
        removed = removed.where(TicketOlaCycle.stopped_at.is_(None))
    connection.execute(removed)

    holds: dict[int, list[tuple[int | None, int]]] = {}
    for row, code, seconds in zip(
        columns.held_cycle.tolist(), columns.held_holder.tolist(), columns.held_seconds.tolist(),
        strict=True,
    ):  # fmt: skip
        holds.setdefault(row, []).append((None if code < 0 else batch.agent_ids[code], seconds))
    values = []
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
    if not values:
        return 0
    new_ids = connection.execute(
        insert(TicketOlaCycle).returning(TicketOlaCycle.id, sort_by_parameter_order=True), values
    ).scalars().all()  # fmt: skip
    held_values = [
        {"cycle_id": cycle_id, "agent_id": agent_id, "seconds": seconds}
        for cycle_id, row in zip(new_ids, rows_of, strict=True)
        for agent_id, seconds in holds.get(row, [])
    ]
    if held_values:
        connection.execute(insert(TicketOlaHold), held_values)
    return len(values)


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
