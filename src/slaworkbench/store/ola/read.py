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
import numpy.typing as npt
from sqlalchemy import Connection, Integer, column, select, text
from sqlalchemy.orm import Session

from slaworkbench.domain.clock.events import (
    KIND_CREATED,
    KIND_PRIORITY,
    KIND_STATUS,
    PRIORITIES,
    STATUSES,
)
from slaworkbench.domain.clock.ola_columns import KIND_ASSIGNED, KIND_TEAM, OlaEventColumns
from slaworkbench.domain.model import TEAM_FIELD
from slaworkbench.domain.sorting import lexsort_order
from slaworkbench.store.clocks.read import engine_code_sql
from slaworkbench.store.clocks.transfer import read_ints
from slaworkbench.store.dialect import driver_sql
from slaworkbench.store.ola.columns import int_columns
from slaworkbench.store.schema import EVENT_TYPES, Agent, Team, codes_sql
from slaworkbench.store.schema import PRIORITIES as SCHEMA_PRIORITIES
from slaworkbench.store.schema import STATUSES as SCHEMA_STATUSES

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


_READ_TYPES = ("created", "status_changed", "priority_changed", "assigned")
_OLA_TYPES = (
    f"({codes_sql('type', EVENT_TYPES, _READ_TYPES)}"
    f" OR ({codes_sql('type', EVENT_TYPES, ('field_changed',))} AND field = '{TEAM_FIELD}'))"
)
_KIND_OF_CODE = np.array([_KINDS.get(name, -1) for name in EVENT_TYPES], dtype=np.int64)
"""The OLA engine's kind of each stored type code (migration 0026; -1: a type it does
not read, which ``_OLA_TYPES`` leaves out)."""
_CODES = (
    "type_code",
    engine_code_sql("status", SCHEMA_STATUSES, list(_STATUS)),
    engine_code_sql("priority", SCHEMA_PRIORITIES, list(_PRIORITY)),
)
"""The stored type code, and status and priority as their positions in ``_STATUS`` and
``_PRIORITY`` (-1: none)."""
_ASSIGNED = EVENT_TYPES.index("assigned")
_FIELD_CHANGED = EVENT_TYPES.index("field_changed")


def _id_of(table: str) -> str:
    """The id of the row of ``table`` named by the event's value: -1 for no value, -2
    for a name ``table`` does not hold."""
    return (
        f"COALESCE((SELECT n.id FROM {table} n WHERE n.name = ticket_events.value),"
        " CASE WHEN COALESCE(ticket_events.value, '') = '' THEN -1 ELSE -2 END)"
    )


_EVENT_INTS = (
    "ticket_id", "at", "seq", *_CODES,
    f"CASE type_code WHEN {_ASSIGNED} THEN {_id_of('agents')}"
    f" WHEN {_FIELD_CHANGED} THEN {_id_of('teams')} ELSE -1 END",
)  # fmt: skip
"""The events the OLA engine looks at, as integers: the team or agent of a team move or
an assignment by its id."""
_EVENT_NAMES = (
    f"SELECT ticket_id, at, {', '.join(_CODES)},"
    f" CASE WHEN type_code IN ({_ASSIGNED}, {_FIELD_CHANGED}) THEN value END"
    f" FROM ticket_events WHERE {{where}} AND {_OLA_TYPES} ORDER BY ticket_id, at, seq"
)
"""The same events in log order with the team or agent name (for names the workspace
does not hold)."""


def _rows(connection: Connection, sql: str, ids: Sequence[int]) -> list[Any]:
    """The rows of ``sql`` (which holds ``{where}``, a condition on ``ticket_id``) for
    tickets ``ids``, through the driver."""
    ordered = sorted(ids)
    found: list[Any] = []
    for start in range(0, len(ordered), _IN_BATCH):
        batch = tuple(ordered[start : start + _IN_BATCH])
        where = f"ticket_id IN ({', '.join(['?'] * len(batch))})"
        found.extend(
            connection.exec_driver_sql(driver_sql(connection, sql.format(where=where)), batch).all()
        )
    return found


def _lookup(codes: dict[int, int]) -> npt.NDArray[np.int64]:
    """Row id -> code as an array (-1 for -1)."""
    table = np.full(max(codes, default=0) + 2, -1, dtype=np.int64)
    for row_id, code in codes.items():
        table[row_id] = code
    return table


def _events_by_id(
    connection: Connection, ids: npt.NDArray[np.int64], teams: _Codes, agents: _Codes
) -> npt.NDArray[np.int64] | None:
    """The batch's events as ``(ticket_id, at, kind, status, priority, code)`` rows in log
    order, read as integers; ``None`` when one names a team or agent the workspace does
    not hold (those take codes in order of appearance: ``_events_by_name``)."""
    rows = read_ints(
        connection, _EVENT_INTS, "ticket_events WHERE {where} AND " + _OLA_TYPES, ids, "ticket_id"
    )
    if (rows[:, 6] == -2).any():
        return None
    rows = rows[lexsort_order((rows[:, 2], rows[:, 1], rows[:, 0]))]
    kind = _KIND_OF_CODE[rows[:, 3]]
    ref = rows[:, 6]
    value = np.full(ref.size, -1, dtype=np.int64)
    for code, known in ((KIND_TEAM, teams), (KIND_ASSIGNED, agents)):
        named = (kind == code) & (ref >= 0)
        value[named] = _lookup(known.by_id)[ref[named]]
    return np.column_stack((rows[:, 0], rows[:, 1], kind, rows[:, 4], rows[:, 5], value))


def _events_by_name(
    connection: Connection, ids: npt.NDArray[np.int64], teams: _Codes, agents: _Codes
) -> npt.NDArray[np.int64]:
    """``_events_by_id`` for a batch that names teams or agents the workspace does not
    hold: each name gets a code, in order of appearance."""
    rows = _rows(connection, _EVENT_NAMES, ids.tolist())
    if not rows:
        return np.zeros((0, 6), dtype=np.int64)
    ticket_ids, at, kind_code, status, priority, names = zip(*rows, strict=True)
    kind = _KIND_OF_CODE[np.array(kind_code, dtype=np.int64)]
    value = [
        teams.of(name) if k == KIND_TEAM else agents.of(name) if k == KIND_ASSIGNED else -1
        for k, name in zip(kind.tolist(), names, strict=True)
    ]
    return np.column_stack(
        (
            np.array(ticket_ids, dtype=np.int64), np.array(at, dtype=np.int64), kind,
            np.array(status, dtype=np.int64), np.array(priority, dtype=np.int64),
            np.array(value, dtype=np.int64),
        )
    )  # fmt: skip


def read_ola_batch(connection: Connection, ids: Sequence[int]) -> OlaBatch:
    """The OLA engine's events of tickets ``ids`` (see the module text), read as integers
    (names only where the workspace does not know one) and turned into columns with
    numpy."""
    teams = _Codes(connection.execute(select(Team.id, Team.name).order_by(Team.id)).all())
    agents = _Codes(connection.execute(select(Agent.id, Agent.name).order_by(Agent.id)).all())
    ordered = np.unique(np.asarray(ids, dtype=np.int64))
    table = _events_by_id(connection, ordered, teams, agents)
    if table is None:
        table = _events_by_name(connection, ordered, teams, agents)
    position = {ticket_id: i for i, ticket_id in enumerate(ids)}
    table[:, 0] = [position[t] for t in table[:, 0].tolist()]
    current = read_ints(
        connection, ("id", "COALESCE(team_id, -1)"), "tickets WHERE {where}", ordered, "id"
    )
    team_of_ticket = dict(zip(current[:, 0].tolist(), current[:, 1].tolist(), strict=True))
    # A ticket whose log records no team move: a move to its current team right after
    # its first ``created`` event stands in for the missing one.
    ticket, kind = table[:, 0], table[:, 2]
    moved = np.unique(ticket[kind == KIND_TEAM])
    created = np.flatnonzero(kind == KIND_CREATED)
    born, first = np.unique(ticket[created], return_index=True)
    first_created = created[first]
    team_code = np.array(
        [
            -2 if (team_id := team_of_ticket.get(ids[t], -1)) < 0 else teams.by_id[team_id]
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


def tickets_due_to_move(
    connection: Connection, ids: npt.NDArray[np.int64], now: int
) -> npt.NDArray[np.int64]:
    """Those of tickets ``ids`` with a stored unfinished OLA cycle whose verdict the time
    alone moves by ``now``: running and not yet at risk or breached, with its risk or due
    instant at or before ``now`` (or written after ``now``: a recompute back in time).
    Every other unfinished cycle reads the same at ``now`` but for its running reading."""
    found = read_ints(connection, ("ticket_id",), _moving(now), np.unique(ids), "ticket_id")
    return np.unique(found[:, 0])


def _moving(now: int) -> str:
    """The unfinished OLA cycles the time alone moves by ``now`` (``{where}`` to fill)."""
    return (
        f"ticket_ola_cycles WHERE {{where}} AND stopped_at IS NULL AND (evaluated_at > {int(now)}"
        f" OR (state = 'running' AND (risk_at <= {int(now)} OR due_at <= {int(now)})))"
    )


def all_tickets_due_to_move(connection: Connection, now: int) -> npt.NDArray[np.int64]:
    """``tickets_due_to_move`` of every ticket, in one statement: each team's unfinished
    cycles from ``ix_ticket_ola_cycles_team_id_stopped_at`` (about half the work of
    looking the open tickets' cycles up 500 ids at a time; issue 16)."""
    cycles = _moving(now).format(where="team_id IN (SELECT id FROM teams)")
    query = text(f"SELECT ticket_id FROM {cycles}").columns(column("ticket_id", Integer))
    with Session(bind=connection) as session:
        (found,) = int_columns(session, query, 1)
    return np.unique(found)
