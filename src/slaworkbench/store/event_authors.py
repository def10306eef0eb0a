"""The event log's authors as ids of their names (``event_authors``, migration 0030).

An event stores ``author_id``; the name is stored once in ``event_authors``. The 1M demo
has 13 M events and about 15,000 distinct authors (agents' names, requesters'
addresses): the name in every row was 160 MB of its file.

Two ways to get ids, both inside the caller's transaction:

- ``author_ids`` for a few names (a ticket action, an escalation): looked up, and the
  missing ones added with ``INSERT ... ON CONFLICT DO NOTHING`` (portable SQL), so two
  desks adding the same name at once both get its one id;
- ``AuthorIds`` for a bulk write (an import, the demo): every name read once into a
  dict, a new name given its id as the rows are built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, text

from slaworkbench.store.dialect import bulk_traits
from slaworkbench.store.schema import EventAuthor

EVENT_AUTHORS: Table = EventAuthor.__table__  # type: ignore[assignment]
_LOOKUP_CHUNK = 500
_ADD = text("INSERT INTO event_authors (name) VALUES (:name) ON CONFLICT (name) DO NOTHING")


def _held(connection: Connection, names: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    column = EVENT_AUTHORS.c.name
    for start in range(0, len(names), _LOOKUP_CHUNK):
        chunk = names[start : start + _LOOKUP_CHUNK]
        rows = connection.execute(select(column, EVENT_AUTHORS.c.id).where(column.in_(chunk)))
        found.update((name, id_) for name, id_ in rows)
    return found


def author_ids(connection: Connection, names: Iterable[str]) -> dict[str, int]:
    """The id of each of ``names``, adding the names ``event_authors`` does not hold."""
    wanted = list(dict.fromkeys(names))
    ids = _held(connection, wanted)
    missing = [name for name in wanted if name not in ids]
    if missing:
        connection.execute(_ADD, [{"name": name} for name in missing])
        ids.update(_held(connection, missing))
    return ids


def author_id(connection: Connection, name: str | None) -> int | None:
    """The id of one author's name (``None`` for none), added when new."""
    return None if name is None else author_ids(connection, [name])[name]


class AuthorIds(dict[str | None, int | None]):
    """Every author's id by name, for a bulk write in the caller's transaction:
    ``ids[name]`` is the name's id, ``ids[None]`` is ``None``.

    A name not held yet gets its id at once. Where ids are taken locally
    (``bulk_traits(...).local_ids``: SQLite, whose writer holds the only write lock) it
    is the next one and the name waits in ``take_new`` for the write that goes before
    the events naming it (which may run on a ``BackgroundWriter``'s thread); elsewhere
    it is inserted at once (``RETURNING``; the bulk writes run on the caller's thread
    there, so the connection is free while rows are built).

    Create it while the connection is idle (it reads the table)."""

    def __init__(self, connection: Connection) -> None:
        rows = connection.execute(select(EVENT_AUTHORS.c.name, EVENT_AUTHORS.c.id))
        super().__init__((name, id_) for name, id_ in rows)
        self[None] = None
        self._connection = connection
        self._local = bulk_traits(connection).local_ids
        self._next = 0
        if self._local:
            top = connection.execute(select(func.coalesce(func.max(EVENT_AUTHORS.c.id), 0)))
            self._next = int(top.scalar_one()) + 1
        self._new: list[tuple[int, str]] = []

    def __missing__(self, name: str | None) -> int:
        if name is None:  # never: ``None`` is held from the start
            raise KeyError(name)
        if self._local:
            id_ = self._next
            self._next += 1
            self._new.append((id_, name))
        else:
            statement = insert(EVENT_AUTHORS).returning(EVENT_AUTHORS.c.id)
            id_ = int(self._connection.execute(statement, {"name": name}).scalar_one())
        self[name] = id_
        return id_

    def ensure(self, names: Iterable[str | None]) -> None:
        """Give every one of ``names`` its id now: where ids are not taken locally, the
        names not held yet are added in one batch (``author_ids``) instead of one
        ``INSERT`` each as the rows are built (a round trip per new name on a server).
        Where they are taken locally, nothing: a new name costs nothing there."""
        if self._local:
            return
        missing = [name for name in dict.fromkeys(names) if name not in self]
        if missing:
            assert None not in missing  # ``None`` is held from the start
            self.update(author_ids(self._connection, missing))  # type: ignore[arg-type]

    def take_new(self) -> list[tuple[int, str]]:
        """The names given ids since the last call and not written yet, as ``(id,
        name)`` rows to insert before the events that name them (only where ids are
        taken locally; empty elsewhere)."""
        new, self._new = self._new, []
        return new

    def plan(self) -> tuple[dict[str, int], int]:
        """Every name's id and the id the next new one takes (what a reading process
        builds ready rows against; only where ids are taken locally)."""
        held = {name: id_ for name, id_ in self.items() if name is not None and id_ is not None}
        return held, self._next

    def add_planned(self, planned: Mapping[str, int]) -> bool:
        """Take the names a reading process gave ids to (in that order): whether each
        was new here and got the very id planned (else nothing is taken)."""
        expected = self._next
        for name, id_ in planned.items():
            if name in self or id_ != expected:
                return False
            expected += 1
        for name, id_ in planned.items():
            self[name] = id_
            self._new.append((id_, name))
        self._next = expected
        return True


def new_author_rows(new: list[tuple[int, str]]) -> list[dict[str, Any]]:
    """``take_new``'s rows as Core parameters for ``insert(EVENT_AUTHORS)``."""
    return [{"id": id_, "name": name} for id_, name in new]
