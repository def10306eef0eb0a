"""Rows ready to insert, built by an import's reading process (issue 16).

When the workspace holds no ticket, the ids of an import's tickets are known before the
write begins (``max(id) + 1`` on, with nothing skipped), so the reading process can build
what the writing process would otherwise build row by row: the ticket rows (with the
customer, team and agent names where their ids go; the writing process knows the ids)
and the event rows with their ticket ids, already grouped for the multi-row ``INSERT``
(``store.importing.bulk.RowInserter``). The writing process then only swaps three names
for ids per ticket and hands the groups to the database.

Pure Python on purpose: the reading process does not import SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from slaworkbench.domain.clock.ola import TEAM_FIELD
from slaworkbench.domain.model import EventType
from slaworkbench.store.importing.records import TicketRecord

_FIELD_CHANGED = EventType.FIELD_CHANGED.value


@dataclass(frozen=True, slots=True)
class ReadyPlan:
    """What the writing process expects: the id of the first ticket, and the event rows
    per multi-row statement."""

    first_id: int
    per_statement: int


@dataclass(frozen=True, slots=True)
class Names:
    """The names a group of tickets uses, in the order they are created when new."""

    customers: dict[str, str | None]
    """Customer names and the tier of the first ticket naming each."""
    teams: list[str]
    """Teams of the tickets and every team a ticket moved to, sorted."""
    agents: list[str]
    """Assignees, in ticket order, once each."""


def names_of(records: Sequence[TicketRecord]) -> Names:
    """The customers, teams and agents ``records`` name (what ``NameIds`` creates)."""
    customers: dict[str, str | None] = {}
    for record in records:
        if record.customer is not None:
            customers.setdefault(record.customer, record.customer_tier)
    # A team a case was with only for a while is a team too (it may have an OLA).
    teams = {r.team for r in records if r.team is not None}
    teams.update(
        row[6]
        for r in records
        for row in r.event_rows
        if row[5] == TEAM_FIELD and row[1] == _FIELD_CHANGED and row[6]
    )
    agents = list(dict.fromkeys(r.assignee for r in records if r.assignee is not None))
    return Names(customers, sorted(teams), agents)


TicketValues = tuple[Any, ...]
"""A ticket row in ``bulk.TICKET_COLUMNS`` order without its id, the customer, team and
agent as names and the tags as the set (``bulk.ready_ticket_rows`` makes the row)."""


@dataclass(frozen=True, slots=True)
class ReadyRows:
    """One group of tickets ready to insert."""

    first_id: int
    tickets: list[TicketValues]
    names: Names
    event_groups: list[tuple[Any, ...]]
    """``per_statement`` event rows per tuple, flattened, in ``EVENT_COLUMNS`` order."""
    event_rest: list[tuple[Any, ...]]
    """The last rows, fewer than ``per_statement``, one tuple each."""
    events: int


def ready_rows(records: Sequence[TicketRecord], first_id: int, per_statement: int) -> ReadyRows:
    """``records`` as rows ready to insert, their ids from ``first_id`` on."""
    tickets = [
        (
            r.external_id,
            r.subject,
            r.requester,
            r.customer,
            r.team,
            r.assignee,
            r.category,
            r.channel,
            r.tags,
            r.priority.value,
            r.status.value,
            r.created_at,
            r.updated_at,
            r.solved_at,
        )
        for r in records
    ]
    events = [
        (ticket_id, seq, *row)
        for ticket_id, record in enumerate(records, first_id)
        for seq, row in enumerate(record.event_rows, 1)
    ]
    whole = len(events) - len(events) % per_statement
    flat = chain.from_iterable
    groups = [
        tuple(flat(events[start : start + per_statement]))
        for start in range(0, whole, per_statement)
    ]
    return ReadyRows(first_id, tickets, names_of(records), groups, events[whole:], len(events))
