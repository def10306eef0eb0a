"""Rows ready to insert, built by an import's reading process (issue 16).

When the workspace holds no ticket, the ids of an import's tickets are known before the
write begins (``max(id) + 1`` on, with nothing skipped), and so are the ids new
customers, teams, agents and events' authors will take (the next ones of their tables). The reading
process then builds what the writing process would otherwise build row by row: the
ticket rows with every id in place and the event rows with their ticket ids, both
already grouped for the multi-row ``INSERT`` (``store.importing.bulk.RowInserter``).
The writing process creates the new names, checks they took the planned ids (else
``bulk.NotReady``: the import starts over, read as tickets) and hands the groups to the
database.

Pure Python on purpose: the reading process does not import SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from slaworkbench.domain.model import TEAM_FIELD, EventType
from slaworkbench.store.importing.records import (
    PRIORITY_CODES,
    STATUS_CODES,
    TYPE_CODES,
    TicketRecord,
)

_FIELD_CHANGED = EventType.FIELD_CHANGED.value
_ASSIGNED = EventType.ASSIGNED.value
TICKET_WIDTH = 17
"""Values per ticket row (``bulk.TICKET_COLUMNS``)."""
EVENT_WIDTH = 9
"""Values per event row: ticket id, seq and an ``EventRow`` with its type, status and
priority as codes (``bulk.EVENT_COLUMNS``)."""


NameTable = str
"""``customers``, ``teams`` or ``agents``."""
NAME_TABLES: tuple[NameTable, ...] = ("customers", "teams", "agents")


@dataclass(frozen=True, slots=True)
class ReadyPlan:
    """What the writing process expects: the id of the first ticket, the rows per
    multi-row statement of events and of tickets, and the customers, teams and agents
    the workspace holds (their ids by name, and the id the next new one takes); so too
    the events' authors (``event_authors``, migration 0030)."""

    first_id: int
    per_statement: int
    tickets_per_statement: int
    names: dict[NameTable, dict[str, int]]
    next_name_ids: dict[NameTable, int]
    authors: dict[str, int]
    next_author_id: int


@dataclass(frozen=True, slots=True)
class Names:
    """The names a group of tickets uses, in the order they are created when new."""

    customers: dict[str, str | None]
    """Customer names and the tier of the first ticket naming each."""
    teams: list[str]
    """Teams of the tickets and every team a ticket moved to, sorted."""
    agents: list[str]
    """Assignees, in ticket order, then everyone else a ticket was assigned to, in ticket
    and event order; once each."""


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
    # Likewise an agent a ticket was assigned to for a while (who held its clocks then),
    # after the tickets' assignees (whose order, and so ids, stay as they were).
    agents = list(
        dict.fromkeys(
            chain(
                (r.assignee for r in records if r.assignee is not None),
                (row[6] for r in records for row in r.event_rows if row[1] == _ASSIGNED and row[6]),
            )
        )
    )
    return Names(customers, sorted(teams), agents)


@dataclass(frozen=True, slots=True)
class ReadyRows:
    """One group of tickets ready to insert."""

    first_id: int
    count: int
    """Tickets."""
    new_names: Names
    """The names the workspace does not hold yet, to create in this order..."""
    new_ids: dict[NameTable, dict[str, int]]
    """...which gives them these ids (the writing process checks it)."""
    new_authors: dict[str, int]
    """The events' authors the workspace does not hold yet and the ids they take, in
    the order they are created (the writing process checks them too)."""
    ticket_groups: list[tuple[Any, ...]]
    """``tickets_per_statement`` ticket rows per tuple, flattened, in ``TICKET_COLUMNS``
    order (``store.importing.bulk``)."""
    ticket_rest: list[tuple[Any, ...]]
    event_groups: list[tuple[Any, ...]]
    """``per_statement`` event rows per tuple, flattened, in ``EVENT_COLUMNS`` order."""
    event_rest: list[tuple[Any, ...]]
    """The last rows, fewer than a group, one tuple each (also ``ticket_rest``)."""
    events: int


def _grouped(
    values: list[Any], width: int, per_statement: int
) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """``values`` (rows of ``width`` values one after the other) as groups of
    ``per_statement`` rows, flattened, and the last rows one tuple each."""
    size = width * per_statement
    whole = len(values) - len(values) % size
    groups = [tuple(values[start : start + size]) for start in range(0, whole, size)]
    rest = [tuple(values[start : start + width]) for start in range(whole, len(values), width)]
    return groups, rest


class _AuthorIds(dict[str | None, int | None]):
    """The authors' ids by name (``None``: ``None``); a name not held takes the next id
    and is noted in ``new`` (as ``store.event_authors.AuthorIds`` does in the writer)."""

    def __init__(self, held: dict[str, int], next_id: int) -> None:
        super().__init__(held.items())
        self[None] = None
        self.next_id = next_id
        self.new: dict[str, int] = {}

    def __missing__(self, name: str | None) -> int:
        if name is None:
            raise KeyError(name)
        id_ = self[name] = self.new[name] = self.next_id
        self.next_id += 1
        return id_


class ReadyBuilder:
    """Builds each group's rows against a ``ReadyPlan``: ticket ids follow one another
    from the plan's first id, and names the workspace does not hold take the next ids of
    their table, as ``NameIds.ensure`` will give them (and the events' authors as
    ``AuthorIds.add_planned`` expects)."""

    def __init__(self, plan: ReadyPlan) -> None:
        self._plan = plan
        self.restart()

    def restart(self) -> None:
        """Every ticket comes again (the writer starts its transaction over)."""
        self._next_id = self._plan.first_id
        self._ids = {table: dict(ids) for table, ids in self._plan.names.items()}
        self._next_name_ids = dict(self._plan.next_name_ids)
        self._authors = _AuthorIds(self._plan.authors, self._plan.next_author_id)

    def _new(self, table: NameTable, names: Iterable[str]) -> dict[str, int]:
        ids = self._ids[table]
        new: dict[str, int] = {}
        for name in names:
            if name not in ids:
                new[name] = ids[name] = self._next_name_ids[table]
                self._next_name_ids[table] += 1
        return new

    def build(self, records: Sequence[TicketRecord]) -> ReadyRows:
        named = names_of(records)
        new_ids = {
            "customers": self._new("customers", named.customers),
            "teams": self._new("teams", named.teams),
            "agents": self._new("agents", named.agents),
        }
        new_names = Names(
            {name: tier for name, tier in named.customers.items() if name in new_ids["customers"]},
            [name for name in named.teams if name in new_ids["teams"]],
            [name for name in named.agents if name in new_ids["agents"]],
        )
        customers, teams, agents = (self._ids[table] for table in NAME_TABLES)
        first_id = self._next_id
        self._next_id += len(records)
        tickets: list[Any] = []
        add = tickets.extend
        for ticket_id, r in enumerate(records, first_id):
            add(
                (
                    ticket_id,
                    r.external_id,
                    r.subject,
                    r.requester,
                    None if r.customer is None else customers[r.customer],
                    None if r.team is None else teams[r.team],
                    None if r.assignee is None else agents[r.assignee],
                    r.category,
                    r.channel,
                    _tags_text(r.tags) if r.tags else "",
                    r.priority._value_,  # the attribute itself: ``.value`` is a descriptor call
                    r.status._value_,
                    r.created_at,
                    r.updated_at,
                    r.solved_at,
                    1,
                    "none",
                )
            )
        events: list[Any] = []
        add = events.extend
        types, statuses, priorities = TYPE_CODES, STATUS_CODES, PRIORITY_CODES
        authors = self._authors
        authors.new = {}
        for ticket_id, record in enumerate(records, first_id):
            # Type, status and priority as their stored codes (migration 0026) and the
            # author as its id (migration 0030), turned here in the reading process
            # rather than by the writer.
            for seq, (at, kind, author, status, priority, f, v) in enumerate(record.event_rows, 1):
                add((ticket_id, seq, at, types[kind], authors[author], statuses[status],
                     priorities[priority], f, v))  # fmt: skip
        ticket_groups, ticket_rest = _grouped(
            tickets, TICKET_WIDTH, self._plan.tickets_per_statement
        )
        event_groups, event_rest = _grouped(events, EVENT_WIDTH, self._plan.per_statement)
        return ReadyRows(
            first_id,
            len(records),
            new_names,
            new_ids,
            authors.new,
            ticket_groups,
            ticket_rest,
            event_groups,
            event_rest,
            len(events) // EVENT_WIDTH,
        )


def _tags_text(tags: frozenset[str]) -> str:
    """The stored form of a ticket's tags: the schema's own ``join_tags``, imported when
    a file first has tags (the reading process does not import SQLAlchemy otherwise)."""
    from slaworkbench.store.schema import join_tags

    return join_tags(tags)
