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

import numpy as np
from sqlalchemy import Connection, and_, or_, select

from slaworkbench.domain.clock.events import (
    KIND_CREATED,
    KIND_OTHER,
    KIND_PRIORITY,
    KIND_STATUS,
    PRIORITIES,
    STATUSES,
)
from slaworkbench.domain.clock.ola import TEAM_FIELD
from slaworkbench.domain.clock.ola_columns import KIND_ASSIGNED, KIND_TEAM, OlaEventColumns
from slaworkbench.store.schema import Agent, Team, Ticket, TicketEvent

_KINDS = {
    "created": KIND_CREATED,
    "status_changed": KIND_STATUS,
    "priority_changed": KIND_PRIORITY,
    "assigned": KIND_ASSIGNED,
    "field_changed": KIND_TEAM,
}
_STATUS = {status.value: code for code, status in enumerate(STATUSES)}
_PRIORITY = {priority.value: code for code, priority in enumerate(PRIORITIES)}


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


def read_ola_batch(connection: Connection, ids: Sequence[int]) -> OlaBatch:
    teams = _Codes(connection.execute(select(Team.id, Team.name).order_by(Team.id)).all())
    agents = _Codes(connection.execute(select(Agent.id, Agent.name).order_by(Agent.id)).all())
    position = {ticket_id: i for i, ticket_id in enumerate(ids)}
    current_team = dict(
        connection.execute(select(Ticket.id, Ticket.team_id).where(Ticket.id.in_(ids))).all()
    )
    rows = connection.execute(
        select(
            TicketEvent.ticket_id, TicketEvent.at, TicketEvent.type, TicketEvent.status,
            TicketEvent.priority, TicketEvent.value,
        )
        .where(
            TicketEvent.ticket_id.in_(ids),
            or_(
                TicketEvent.type.in_(("created", "status_changed", "priority_changed", "assigned")),
                and_(TicketEvent.type == "field_changed", TicketEvent.field == TEAM_FIELD),
            ),
        )
        .order_by(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.seq)
    ).all()  # fmt: skip
    moved = {row.ticket_id for row in rows if row.type == "field_changed"}
    table: list[tuple[int, int, int, int, int, int]] = []
    seen_created: set[int] = set()
    for ticket_id, at, type_, status, priority, value in rows:
        kind = _KINDS.get(type_, KIND_OTHER)
        code = -1
        if kind == KIND_TEAM:
            code = teams.of(value)
        elif kind == KIND_ASSIGNED:
            code = agents.of(value)
        where = position[ticket_id]
        table.append(
            (
                where,
                at,
                kind,
                _STATUS.get(status or "", -1),
                _PRIORITY.get(priority or "", -1),
                code,
            )
        )
        if kind == KIND_CREATED and ticket_id not in seen_created:
            seen_created.add(ticket_id)
            team_id = current_team.get(ticket_id)
            if ticket_id not in moved and team_id is not None:
                table.append((where, at, KIND_TEAM, -1, -1, teams.by_id[team_id]))
    array = np.array(table, dtype=np.int64).reshape(-1, 6)
    events = OlaEventColumns(*(np.ascontiguousarray(array[:, k]) for k in range(6)))
    return OlaBatch(list(ids), events, teams.ids, agents.ids)
