"""What every engine can keep: the same input is accepted or refused on SQLite and on
PostgreSQL, with the same sentence, before anything is written.

SQLite stores a text of any length in a ``VARCHAR(500)`` column and a NUL character in
any text; PostgreSQL refuses both, which used to abort an import with a traceback half
way. The limits come from the schema's column lengths, so they cannot drift from it;
the schema (and so SQLAlchemy) is imported when they are first needed, so an import's
reading process, which checks with the limits its parent sends (``schema_limits``), does
not start SQLAlchemy.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

from slaworkbench import formatting
from slaworkbench.domain.model import TEAM_FIELD, EventType
from slaworkbench.i18n import marked, tr
from slaworkbench.store.importing.records import ImportFileError, TicketRecord

Limits = Mapping[str, int | None]
"""The longest text each kind of text may have (``None``: any length)."""


def _length(column: Any) -> int | None:
    from sqlalchemy import String

    kind = getattr(column, "type", None)
    return kind.length if isinstance(kind, String) and kind.length else None


@functools.cache
def schema_limits() -> dict[str, int | None]:
    """The limits of the schema's columns."""
    from slaworkbench.store.schema import Agent, Customer, EventAuthor, Team, Ticket, TicketEvent

    return {
        "external_id": _length(Ticket.__table__.c.external_id),
        "subject": _length(Ticket.__table__.c.subject),
        "requester": _length(Ticket.__table__.c.requester),
        "customer": _length(Customer.__table__.c.name),
        "customer_tier": _length(Customer.__table__.c.tier),
        "team": _length(Team.__table__.c.name),
        "assignee": _length(Agent.__table__.c.name),
        "category": _length(Ticket.__table__.c.category),
        "channel": _length(Ticket.__table__.c.channel),
        "author": _length(EventAuthor.__table__.c.name),
        "field": _length(TicketEvent.__table__.c.field),
        "value": None,
        "tag": None,
    }


_NAMES = {
    "external_id": marked("id"),
    "subject": marked("subject"),
    "requester": marked("requester"),
    "customer": marked("customer"),
    "customer_tier": marked("customer tier"),
    "team": marked("team"),
    "assignee": marked("assignee"),
    "category": marked("category"),
    "channel": marked("channel"),
    "author": marked("event author"),
    "field": marked("changed field"),
    "value": marked("event value"),
    "tag": marked("tag"),
}


_TICKET_TEXTS = ("external_id", "subject", "requester", "customer", "customer_tier", "team",
                 "assignee", "category", "channel")  # fmt: skip
_EVENT_TEXTS = (("author", 2), ("field", 5), ("value", 6))


def _texts(ticket: TicketRecord) -> Iterator[tuple[str, str]]:
    for key in _TICKET_TEXTS:
        value = getattr(ticket, key)
        if value:
            yield key, value
    for tag in ticket.tags:
        yield "tag", tag
    for row in ticket.event_rows:
        for key, position in _EVENT_TEXTS:
            text = row[position]
            if isinstance(text, str) and text:
                # A team move's value is a team name, an assignment's an agent's: the
                # team's and the assignee's limits apply (each becomes a name row).
                yield _value_key(key, row), text


_ASSIGNED = EventType.ASSIGNED.value


def _value_key(key: str, row: tuple[Any, ...]) -> str:
    """The kind of text an event's ``key`` cell is: a team move's value is a team, an
    assignment's an assignee."""
    if key != "value":
        return key
    if row[5] == TEAM_FIELD:
        return "team"
    return "assignee" if row[1] == _ASSIGNED else key


def _fits(limits: Limits, key: str, values: list[str]) -> bool:
    limit = limits[key]
    if limit is not None and max(map(len, values), default=0) > limit:
        return False
    return "\x00" not in "".join(values)


def _all_fit(tickets: Sequence[TicketRecord], limits: Limits) -> bool:
    """Whether every text of every ticket fits, judged a column at a time (C loops over
    the whole import instead of a Python loop over each text)."""
    for key in _TICKET_TEXTS:
        if not _fits(limits, key, list(filter(None, map(attrgetter(key), tickets)))):
            return False
    if not _fits(limits, "tag", list(chain.from_iterable(ticket.tags for ticket in tickets))):
        return False
    rows = list(chain.from_iterable(ticket.event_rows for ticket in tickets))
    moves = [row[6] for row in rows if row[5] == TEAM_FIELD and row[6]]
    handed = [row[6] for row in rows if row[1] == _ASSIGNED and row[6]]
    return (
        _fits(limits, "team", moves)
        and _fits(limits, "assignee", handed)
        and all(
            _fits(limits, key, list(filter(None, map(itemgetter(position), rows))))
            for key, position in _EVENT_TEXTS
        )
    )


def check_storable(tickets: Iterable[TicketRecord], limits: Limits | None = None) -> None:
    """Refuse the whole import (``ImportFileError``) at the first ticket with a text no
    engine may keep: longer than its column (``limits``, the schema's by default), or
    holding a NUL character."""
    limits = schema_limits() if limits is None else limits
    tickets = tickets if isinstance(tickets, Sequence) else tuple(tickets)
    if _all_fit(tickets, limits):
        return
    for ticket in tickets:  # some text does not fit: find the first, in file order
        for key, value in _texts(ticket):
            limit = limits[key]
            if "\x00" in value:
                raise ImportFileError(
                    tr(
                        "Nothing was imported: ticket “{case}” has a NUL character in its "
                        "{what}, which a workspace cannot keep; remove it from the file and "
                        "import again."
                    ).format(case=ticket.external_id.replace("\x00", "?"), what=tr(_NAMES[key]))
                )
            if limit is not None and len(value) > limit:
                raise ImportFileError(
                    tr(
                        "Nothing was imported: the {what} of ticket “{case}” has {length} "
                        "characters, more than the {limit} a workspace keeps; shorten it in "
                        "the file and import again."
                    ).format(
                        case=ticket.external_id[:40],
                        what=tr(_NAMES[key]),
                        length=formatting.count(len(value)),
                        limit=formatting.count(limit),
                    )
                )
