"""What the OLA engine needs of a batch of tickets, read as columns.

The events that move a ticket between teams (``field_changed`` with field ``team``), the
assignments, status and priority changes and ``created``, in log order. A ticket whose
log records no team move has been with its current team since it was created: a move to
``tickets.team_id`` at its ``created`` instant stands in for the missing event
(docs/SLA_SEMANTICS.md, "Team agreements (OLAs)"). Team and agent names become codes:
teams known to the workspace first (``team_ids``), then names it does not know (a team
without an OLA); likewise the holders (``agent_ids``, ``None`` for an unknown name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, select

from slaworkbench.domain.clock.events import (
    KIND_CREATED,
    KIND_PRIORITY,
    KIND_STATUS,
    PRIORITIES,
    STATUSES,
)
from slaworkbench.domain.clock.ola import TEAM_FIELD
from slaworkbench.domain.clock.ola_columns import KIND_ASSIGNED, KIND_TEAM, OlaEventColumns
from slaworkbench.store.clocks.read import case_sql
from slaworkbench.store.dialect import driver_sql
from slaworkbench.store.schema import Agent, Team

_KINDS = {
    "created": KIND_CREATED,
    "status_changed": KIND_STATUS,
    "priority_changed": KIND_PRIORITY,
    "assigned": KIND_ASSIGNED,
    "field_changed": KIND_TEAM,
}
_STATUS = {status.value: code for code, status in enumerate(STATUSES)}
_PRIORITY = {priority.value: code for code, priority in enumerate(PRIORITIES)}
_IN_BATCH = 500


@dataclass(frozen=True, slots=True)
class OlaBatch:
    ids: list[int]
    """Ticket ids; ticket ``i`` of the columns is ``ids[i]``."""
    events: OlaEventColumns
    team_ids: list[int | None]
    """Team code -> team id (``None``: a name the workspace does not know)."""
    agent_ids: list[int | None]
    """Holder code -> agent id (``None``: a name the workspace does not know)."""


class _Codes:
    def __init__(self, known: Sequence[tuple[int, str]]) -> None:
        self.ids: list[int | None] = [row_id for row_id, _ in known]
        self.by_name = {name: code for code, (_, name) in enumerate(known)}
        self.by_id = {row_id: code for code, (row_id, _) in enumerate(known)}

    def of(self, name: str | None) -> int:
        if not name:
            return -1
        code = self.by_name.get(name)
        if code is None:
            code = self.by_name[name] = len(self.ids)
            self.ids.append(None)
        return code


_EVENT_SQL = (
    "SELECT ticket_id, at, "
    + case_sql("type", list(_KINDS))
    + ", "
    + case_sql("status", list(_STATUS))
    + ", "
    + case_sql("priority", list(_PRIORITY))
    + ", CASE WHEN type IN ('assigned', 'field_changed') THEN value END"
    " FROM ticket_events WHERE {where} AND (type IN"
    " ('created', 'status_changed', 'priority_changed', 'assigned')"
    f" OR (type = 'field_changed' AND field = '{TEAM_FIELD}'))"
    " ORDER BY ticket_id, at, seq"
)
"""The events the OLA engine looks at, in log order: kind, status and priority as codes
(the positions in ``_KINDS``, ``_STATUS`` and ``_PRIORITY``), and the team or agent
name of a team move or an assignment."""
_KIND_OF_CODE = np.array(list(_KINDS.values()), dtype=np.int64)


def _rows(connection: Connection, sql: str, column: str, ids: Sequence[int]) -> list[Any]:
    """The rows of ``sql`` (which holds ``{where}``, a condition on ``column``) for
    tickets ``ids``, through the driver: no ORM rows, and a range where the ids are
    contiguous (a bulk load's chunk)."""
    ordered = sorted(ids)
    pieces: list[tuple[str, tuple[int, ...]]] = []
    if ordered and ordered[-1] - ordered[0] + 1 == len(ordered):
        pieces.append((f"{column} BETWEEN ? AND ?", (ordered[0], ordered[-1])))
    else:
        for start in range(0, len(ordered), _IN_BATCH):
            batch = tuple(ordered[start : start + _IN_BATCH])
            pieces.append((f"{column} IN ({', '.join(['?'] * len(batch))})", batch))
    found: list[Any] = []
    for where, params in pieces:
        text = driver_sql(connection, sql.format(where=where))
        found.extend(connection.exec_driver_sql(text, params).all())
    return found


def read_ola_batch(connection: Connection, ids: Sequence[int]) -> OlaBatch:
    """The OLA engine's events of tickets ``ids`` (see the module text), read through the
    driver and turned into columns with numpy."""
    teams = _Codes(connection.execute(select(Team.id, Team.name).order_by(Team.id)).all())
    agents = _Codes(connection.execute(select(Agent.id, Agent.name).order_by(Agent.id)).all())
    position = {ticket_id: i for i, ticket_id in enumerate(ids)}
    current_team = dict(
        _rows(connection, "SELECT id, team_id FROM tickets WHERE {where}", "id", ids)
    )
    rows = _rows(connection, _EVENT_SQL, "ticket_id", ids)
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        columns = OlaEventColumns(*(empty.copy() for _ in range(6)))
        return OlaBatch(list(ids), columns, teams.ids, agents.ids)
    ticket_ids, at, kind_code, status, priority, names = zip(*rows, strict=True)
    kind = _KIND_OF_CODE[np.array(kind_code, dtype=np.int64)]
    value = np.array(
        [
            teams.of(name) if k == KIND_TEAM else agents.of(name) if k == KIND_ASSIGNED else -1
            for k, name in zip(kind.tolist(), names, strict=True)
        ],
        dtype=np.int64,
    )
    ticket = np.array([position[t] for t in ticket_ids], dtype=np.int64)
    table = np.column_stack(
        (ticket, np.array(at, dtype=np.int64), kind, np.array(status, dtype=np.int64),
         np.array(priority, dtype=np.int64), value)
    )  # fmt: skip
    # A ticket whose log records no team move: a move to its current team right after
    # its first ``created`` event stands in for the missing one.
    moved = np.unique(ticket[kind == KIND_TEAM])
    created = np.flatnonzero(kind == KIND_CREATED)
    born, first = np.unique(ticket[created], return_index=True)
    first_created = created[first]
    team_code = np.array(
        [
            -2 if (team_id := current_team.get(ids[t])) is None else teams.by_id[team_id]
            for t in born.tolist()
        ],
        dtype=np.int64,
    ).reshape(-1)
    standing = ~np.isin(born, moved) & (team_code != -2)
    at_created = first_created[standing]
    stand_ins = np.column_stack(
        (
            born[standing], table[at_created, 1], np.full(at_created.size, KIND_TEAM),
            np.full(at_created.size, -1), np.full(at_created.size, -1), team_code[standing],
        )
    )  # fmt: skip
    table = np.insert(table, at_created + 1, stand_ins, axis=0)
    events = OlaEventColumns(*(np.ascontiguousarray(table[:, k]) for k in range(6)))
    return OlaBatch(list(ids), events, teams.ids, agents.ids)
