"""Writing the OLA cycles of a batch of tickets, keeping the verdict of a stopped cycle.

A stored stopped cycle is a recorded verdict (docs/SLA_SEMANTICS.md, "Stopped
verdicts"): outside a re-baseline it stays as it is, and a cycle the engine computes
with the same team and start takes its place in the result. Every other stored row of
the batch (running and paused cycles) is replaced by the engine's; a new cycle whose
number a kept cycle has is numbered after the highest kept number.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, delete, insert, select

from slaworkbench.domain.clock.ola_columns import OlaColumns
from slaworkbench.domain.clock.results import NONE, STATES
from slaworkbench.store.ola.read import OlaBatch
from slaworkbench.store.schema import TicketOlaCycle, TicketOlaHold


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
