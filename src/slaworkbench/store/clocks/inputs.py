"""What a ticket's clocks are computed from, read as domain objects: its current facts (the
attributes policies select on, ``TicketFacts``) and its event log.

The facts are ``tickets t`` joined with ``customers c`` and ``teams tm``, defined once
here: ``facts_query`` reads them with Core (a ticket's clocks after an edit, what-if,
lint), ``FACTS_FROM_SQL`` and ``CONDITION_SQL`` are the same join and columns as SQL text
for the recompute's policy choice (``store.clocks.selection``, ``store.clocks.read``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from slaworkbench.domain.model import Event, EventType, Priority, Status, TicketFacts
from slaworkbench.store.dialect import Bind, with_index
from slaworkbench.store.schema import (
    OPEN_STATUSES,
    Customer,
    EventAuthor,
    Team,
    Ticket,
    TicketEvent,
    split_tags,
)

ID_BATCH = 500
"""Ids per ``IN (...)`` list: far below every backend's parameter limit."""

TICKETS = Ticket.__table__.alias("t")
"""``tickets t``: filter and order ``facts_query`` with its columns."""
_CUSTOMERS = Customer.__table__.alias("c")
_TEAMS = Team.__table__.alias("tm")
_FACTS_FROM = TICKETS.outerjoin(_CUSTOMERS, _CUSTOMERS.c.id == TICKETS.c.customer_id).outerjoin(
    _TEAMS, _TEAMS.c.id == TICKETS.c.team_id
)
FACTS_FROM_SQL = str(_FACTS_FROM)
"""The join as SQL text: ``tickets AS t LEFT OUTER JOIN customers AS c ... teams AS tm``."""
_TICKETS_SQL = "tickets AS t"
if not FACTS_FROM_SQL.startswith(_TICKETS_SQL):
    raise AssertionError(FACTS_FROM_SQL)


def facts_from_sql(bind: Bind, index: str) -> str:
    """``FACTS_FROM_SQL`` with ``tickets t`` walked along ``index`` where the planner
    takes hints (``dialect.with_index``)."""
    return with_index(bind, _TICKETS_SQL, index) + FACTS_FROM_SQL[len(_TICKETS_SQL) :]


_CONDITION_COLUMNS = {
    "priorities": TICKETS.c.priority,
    "customers": _CUSTOMERS.c.name,
    "customer_tiers": _CUSTOMERS.c.tier,
    "teams": _TEAMS.c.name,
    "categories": TICKETS.c.category,
    "channels": TICKETS.c.channel,
    "tags": TICKETS.c.tags,
}
"""Per ``Conditions`` field, the column its values are matched against."""
CONDITION_SQL = {
    name: f"{column.table.name}.{column.name}" for name, column in _CONDITION_COLUMNS.items()
}
"""Per ``Conditions`` field, its column in ``FACTS_FROM_SQL`` as SQL text (``c.name``)."""
_FACT_COLUMNS = (
    TICKETS.c.priority,
    TICKETS.c.status,
    _CUSTOMERS.c.name,
    _CUSTOMERS.c.tier,
    _TEAMS.c.name,
    TICKETS.c.category,
    TICKETS.c.channel,
    TICKETS.c.tags,
)
FACT_WIDTH = len(_FACT_COLUMNS)
"""The facts are the last ``FACT_WIDTH`` values of a ``facts_query`` row."""


def facts_query(*leading: Any) -> Select[Any]:
    """``SELECT leading..., <the facts> FROM <the join>``: give ``facts_of`` the row's tail."""
    return select(*leading, *_FACT_COLUMNS).select_from(_FACTS_FROM)


def facts_of(values: Sequence[Any]) -> TicketFacts:
    """The facts of a ``facts_query`` row (its last ``FACT_WIDTH`` values)."""
    priority, status, customer, tier, team, category, channel, tags = values[-FACT_WIDTH:]
    return TicketFacts(
        Priority(priority), Status(status), customer, tier, team, category, channel,
        split_tags(tags),
    )  # fmt: skip


def event_logs(session: Session, ticket_ids: Sequence[int]) -> dict[int, tuple[Event, ...]]:
    """The event log of each ticket, in log order (instant, then seq)."""
    logs: dict[int, list[Event]] = {ticket_id: [] for ticket_id in ticket_ids}
    for start in range(0, len(ticket_ids), ID_BATCH):
        rows = session.execute(
            select(
                TicketEvent.ticket_id,
                TicketEvent.at,
                TicketEvent.type,
                EventAuthor.name,
                TicketEvent.status,
                TicketEvent.priority,
                TicketEvent.field,
                TicketEvent.value,
            )
            .outerjoin(EventAuthor, EventAuthor.id == TicketEvent.author_id)
            .where(TicketEvent.ticket_id.in_(ticket_ids[start : start + ID_BATCH]))
            .order_by(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.seq)
        )
        for ticket_id, at, kind, author, status, priority, field, value in rows:
            logs[ticket_id].append(
                Event(
                    at,
                    EventType(kind),
                    author,
                    None if status is None else Status(status),
                    None if priority is None else Priority(priority),
                    field,
                    value,
                )
            )
    return {ticket_id: tuple(events) for ticket_id, events in logs.items()}


@dataclass(frozen=True, slots=True)
class TicketInput:
    """Everything the engine needs of one ticket: its current facts and its event log."""

    ticket_id: int
    facts: TicketFacts
    events: tuple[Event, ...]


def _inputs(session: Session, rows: Sequence[Any]) -> list[TicketInput]:
    logs = event_logs(session, [int(row[0]) for row in rows])
    return [TicketInput(int(row[0]), facts_of(row), logs[int(row[0])]) for row in rows]


def read_ticket_inputs(session: Session, ticket_ids: Sequence[int]) -> list[TicketInput]:
    """The inputs of the given tickets (missing ids are skipped), in id order."""
    rows: list[Any] = []
    for start in range(0, len(ticket_ids), ID_BATCH):
        batch = list(ticket_ids[start : start + ID_BATCH])
        rows.extend(session.execute(facts_query(TICKETS.c.id).where(TICKETS.c.id.in_(batch))))
    rows.sort(key=lambda row: row[0])
    return _inputs(session, rows)


def read_ticket_chunk(
    session: Session, *, after_id: int, limit: int, only_open: bool
) -> list[TicketInput]:
    """The next ``limit`` tickets with an id above ``after_id`` (keyset paging by id)."""
    query = facts_query(TICKETS.c.id).where(TICKETS.c.id > after_id)
    if only_open:
        query = query.where(TICKETS.c.status.in_(OPEN_STATUSES))
    return _inputs(session, session.execute(query.order_by(TICKETS.c.id).limit(limit)).all())
