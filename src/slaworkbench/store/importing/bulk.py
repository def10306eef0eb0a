"""Bulk writes of imported or generated tickets with SQLAlchemy Core ``executemany``.

Everything goes through the caller's ``Connection`` and so into the caller's one
transaction: an import is all-or-nothing because the caller commits once at the end.
Names (customers, teams, agents) are looked up or created once per name.

Rows are tuples, not dicts: where the driver is positional the Core-compiled INSERT
(``?`` placeholders) goes straight to its ``executemany``, so a row costs the database's
work and little else. What a database allows (ids from ``max(id)`` inside the write
transaction, multi-row ``VALUES``) is ``store.dialect.bulk_traits``; the callers wrap a
bulk write in ``store.dialect.bulk_write_settings``.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import chain
from typing import Any

from sqlalchemy import (
    Connection,
    Index,
    SmallInteger,
    Table,
    bindparam,
    func,
    insert,
    inspect,
    literal,
    select,
)

from slaworkbench.store.dialect import (
    SAFE_BOUND_PARAMETERS,
    bulk_traits,
    copies_values,
    copy_values,
    index_build_settings,
    local_ids,
)
from slaworkbench.store.event_authors import EVENT_AUTHORS, AuthorIds, new_author_rows
from slaworkbench.store.importing.ready import Names, ReadyPlan, ReadyRows, names_of
from slaworkbench.store.importing.records import (
    PRIORITY_CODES,
    STATUS_CODES,
    TYPE_CODES,
    TicketRecord,
    coded_event_rows,
)
from slaworkbench.store.schema import (
    EVENT_TYPES,
    OPEN_ID_INDEX,
    PRIORITIES,
    STATUSES,
    Agent,
    Coded,
    Customer,
    Team,
    Ticket,
    TicketClock,
    TicketEvent,
    TicketOlaCycle,
    join_tags,
)

TICKETS: Table = Ticket.__table__  # type: ignore[assignment]
EVENTS: Table = TicketEvent.__table__  # type: ignore[assignment]
CLOCKS: Table = TicketClock.__table__  # type: ignore[assignment]
OLA_CYCLES: Table = TicketOlaCycle.__table__  # type: ignore[assignment]
LOADED_TABLES = (TICKETS, EVENTS, CLOCKS, OLA_CYCLES)
"""What an import or a demo fills (with the clocks and OLA cycles judged in the same
transaction)."""
CUSTOMERS: Table = Customer.__table__  # type: ignore[assignment]
TEAMS: Table = Team.__table__  # type: ignore[assignment]
AGENTS: Table = Agent.__table__  # type: ignore[assignment]
NAME_TABLES = (CUSTOMERS, TEAMS, AGENTS)

LOOKUP_CHUNK = 500
"""Values per ``IN (...)``: well below every backend's bound-parameter limit."""
EVENT_CHUNK = 20_000


def existing_external_ids(connection: Connection, external_ids: Iterable[str]) -> set[str]:
    """Which of these external ids already name a ticket in the workspace."""
    wanted = list(dict.fromkeys(external_ids))
    found: set[str] = set()
    column = TICKETS.c.external_id
    held = connection.execute(select(func.count()).select_from(TICKETS)).scalar_one()
    if held == 0:
        return found
    if held <= len(wanted):  # one pass over the (smaller) workspace beats many IN lists
        found.update(connection.execute(select(column).where(column.is_not(None))).scalars())
        return found & set(wanted)
    return _external_ids_among(connection, wanted)


def _external_ids_among(connection: Connection, wanted: list[str]) -> set[str]:
    found: set[str] = set()
    column = TICKETS.c.external_id
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        found.update(connection.execute(select(column).where(column.in_(chunk))).scalars())
    return found


@contextmanager
def indexes_after_load(
    connection: Connection, tables: Sequence[Table] = LOADED_TABLES
) -> Iterator[None]:
    """Drop the secondary indexes of those ``tables`` that are empty now, and create them
    again when the load is done, in the caller's transaction: one sorted build per index
    instead of millions of inserts at random places (issue 16: that churn spilled pages
    to disk again and again). Unique constraints stay, and so does the index that
    queries name (``OPEN_ID_INDEX``). Should the load fail, the caller's rollback brings
    the dropped indexes back with everything else. Only where ``bulk_traits`` allows it
    (not on a server other desktops read while the load runs)."""
    dropped: list[Index] = []
    for table in tables if bulk_traits(connection).indexes_after_load else ():
        if connection.execute(select(literal(1)).select_from(table).limit(1)).first():
            continue
        present = {index["name"] for index in inspect(connection).get_indexes(table.name)}
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            if index.name in present and index.name != OPEN_ID_INDEX and not index.unique:
                index.drop(connection)
                dropped.append(index)
    outer = connection.info.get(_AFTER_LOAD)
    pending: list[Callable[[], None]] = []
    if dropped:
        connection.info[_AFTER_LOAD] = pending
    try:
        yield
    finally:
        if dropped and outer is None:
            del connection.info[_AFTER_LOAD]
        elif dropped:
            connection.info[_AFTER_LOAD] = outer
    with index_build_settings(connection):
        for index in dropped:
            index.create(connection)
    for work in pending:
        after_load(connection, work)


_AFTER_LOAD = "slaworkbench.after_load"


def after_load(connection: Connection, work: Callable[[], None]) -> None:
    """Run ``work`` (in the caller's transaction) once the indexes an enclosing
    ``indexes_after_load`` dropped are built again, or now outside such a block: for
    reads of what the load wrote that the indexes serve (the held samples' read of
    every span's stopped cycles scanned the whole clock table without them). Not run
    should the load fail."""
    pending: list[Callable[[], None]] | None = connection.info.get(_AFTER_LOAD)
    if pending is None:
        work()
    else:
        pending.append(work)


class NameIds:
    """Ids of customers, teams and agents by name, created on first use; and of the
    events' authors (``authors``)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._ids: dict[str, dict[str, int]] = {}
        self._authors: AuthorIds | None = None

    @property
    def authors(self) -> AuthorIds:
        """The events' authors' ids, read on first use (``prepare`` and
        ``ensure_names`` read them, while the connection is idle)."""
        if self._authors is None:
            self._authors = AuthorIds(self._connection)
        return self._authors

    def _table_ids(self, table: Table) -> dict[str, int]:
        ids = self._ids.get(table.name)
        if ids is None:
            rows = self._connection.execute(select(table.c.name, table.c.id))
            ids = self._ids[table.name] = {name: id_ for name, id_ in rows}
        return ids

    def ensure(self, table: Table, rows: Iterable[dict[str, Any]]) -> None:
        """Insert the rows (each with a ``name``) whose name is not there yet."""
        ids = self._table_ids(table)
        new = {row["name"]: row for row in rows if row["name"] not in ids}
        if not new:
            return
        statement = insert(table).returning(table.c.name, table.c.id, sort_by_parameter_order=True)
        for name, id_ in self._connection.execute(statement, list(new.values())):
            ids[name] = id_

    def get(self, table: Table, name: str | None) -> int | None:
        return None if name is None else self._table_ids(table)[name]

    def ids(self, table: Table) -> dict[str, int]:
        """Every known id of the table by name (read-only use)."""
        return self._table_ids(table)

    def prepare(self, records: Sequence[TicketRecord]) -> None:
        self.ensure_names(names_of(records))

    def ensure_names(self, names: Names) -> None:
        """Create the customers, teams and agents of ``names`` that are not there yet."""
        _ = self.authors  # read now, while the connection is idle
        self.ensure(CUSTOMERS, ({"name": n, "tier": t} for n, t in names.customers.items()))
        self.ensure(TEAMS, ({"name": name} for name in names.teams))
        self.ensure(AGENTS, ({"name": name, "role": "agent"} for name in names.agents))


TICKET_COLUMNS = (
    "id",
    "external_id",
    "subject",
    "requester",
    "customer_id",
    "team_id",
    "assignee_id",
    "category",
    "channel",
    "tags",
    "priority",
    "status",
    "created_at",
    "updated_at",
    "solved_at",
    "version",
    "sla_state",
)
"""Every column an imported ticket sets (``version`` and ``sla_state`` carry the schema's
Python-side defaults, given here so the statement stays positional)."""
EVENT_COLUMNS = (
    "ticket_id", "seq", "at", "type", "author_id", "status", "priority", "field", "value",
)  # fmt: skip
"""The columns of an event row, by key: ``type``, ``status`` and ``priority`` are the
code columns (``Coded``, migration 0026), given their codes, and the author its id in
``event_authors`` (migration 0030; ``records.coded_event_rows`` and the reading
process's ``ready.ReadyBuilder``)."""
if (
    tuple(TYPE_CODES) != EVENT_TYPES
    or tuple(STATUS_CODES)[1:] != STATUSES
    or tuple(PRIORITY_CODES)[1:] != PRIORITIES
):
    raise RuntimeError("the importer's event codes differ from the schema's lists")


def _ticket_rows(records: Sequence[TicketRecord], names: NameIds) -> list[tuple[Any, ...]]:
    """Ticket rows as tuples in ``TICKET_COLUMNS`` order, ``id`` still ``None``."""
    customers = names.ids(CUSTOMERS)
    teams = names.ids(TEAMS)
    agents = names.ids(AGENTS)
    return [
        (
            None,
            r.external_id,
            r.subject,
            r.requester,
            None if r.customer is None else customers[r.customer],
            None if r.team is None else teams[r.team],
            None if r.assignee is None else agents[r.assignee],
            r.category,
            r.channel,
            join_tags(r.tags) if r.tags else "",
            r.priority.value,
            r.status.value,
            r.created_at,
            r.updated_at,
            r.solved_at,
            1,
            "none",
        )
        for r in records
    ]


ROWS_PER_STATEMENT = 100
Prepared = list[tuple[str | None, list[Any]]]
"""Statements ready to run: driver SQL and its parameter tuples, or ``None`` and Core
parameter dicts for the table's plain ``INSERT``."""


class RowInserter:
    """``executemany`` of tuples into some columns of a table, inside the caller's
    transaction.

    Where the database takes grouped values (SQLite), rows go in groups as one multi-row
    ``INSERT ... VALUES (...), (...)`` statement per group (the Core-compiled SQL, ``?``
    placeholders, repeated): SQLite then opens its table and index cursors once per
    group instead of once per row, which makes a bulk write about 1.7 times as fast as
    one statement per row. On PostgreSQL through psycopg, the rows of a write go as one
    ``COPY ... FROM STDIN`` (``dialect.copy_values``): ``executemany`` runs each row as
    a statement of its own on the server. Elsewhere, Core parameter dicts go to the
    driver's own ``executemany``.
    """

    def __init__(self, connection: Connection, table: Table, columns: Sequence[str]) -> None:
        self._connection = connection
        self._columns = tuple(columns)
        # A ``Coded`` column is given its code: the parameter is a plain integer, which
        # the driver gets as it is (grouped SQL) and Core passes on untouched (dicts).
        statement = insert(table).values(
            {
                name: bindparam(
                    name,
                    type_=SmallInteger() if isinstance(table.c[name].type, Coded) else None,
                )
                for name in self._columns
            }
        )
        compiled = statement.compile(dialect=connection.dialect)
        self.positional = (
            bulk_traits(connection).grouped_values
            and bool(connection.dialect.positional)
            and compiled.positiontup == list(self._columns)
        )
        self._sql = compiled.string
        self._group = max(1, min(ROWS_PER_STATEMENT, SAFE_BOUND_PARAMETERS // len(self._columns)))
        head, values = self._sql.split(" VALUES ", 1)
        self._group_sql = f"{head} VALUES {', '.join([values] * self._group)}"
        self._statement = statement
        self._table = table.name
        self._copied = (
            [table.c[name].name for name in self._columns] if copies_values(connection) else None
        )

    @property
    def per_statement(self) -> int:
        """Rows per multi-row statement (where ``positional``)."""
        return self._group

    def __call__(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.run(self.prepare(rows))

    def prepared_groups(
        self, groups: list[tuple[Any, ...]], rest: list[tuple[Any, ...]]
    ) -> Prepared:
        """What ``prepare`` gives for rows already grouped ``per_statement`` at a time and
        flattened (``groups``), then the last ones (``rest``); only where ``positional``."""
        assert self.positional
        prepared: Prepared = []
        if groups:
            prepared.append((self._group_sql, groups))
        if rest:
            prepared.append((self._sql, rest))
        return prepared

    def prepare(self, rows: Sequence[tuple[Any, ...]]) -> Prepared:
        """The statements and parameters that insert ``rows`` (Python work only, so that
        a ``BackgroundWriter`` can run the last ones meanwhile)."""
        if not rows:
            return []
        if self._copied is not None:
            return [(_COPY, list(rows))]
        if not self.positional:
            columns = self._columns
            return [(None, [dict(zip(columns, row, strict=True)) for row in rows])]
        group = self._group
        whole = len(rows) - len(rows) % group
        prepared: Prepared = []
        if whole:
            flat = chain.from_iterable
            params = [tuple(flat(rows[start : start + group])) for start in range(0, whole, group)]
            prepared.append((self._group_sql, params))
        if whole < len(rows):
            prepared.append((self._sql, list(rows[whole:])))
        return prepared

    def run(self, prepared: Prepared) -> None:
        """Execute what ``prepare`` gave, in the caller's transaction."""
        for sql, params in prepared:
            if sql is _COPY:
                assert self._copied is not None
                copy_values(self._connection, self._table, self._copied, params)
            elif sql is None:
                self._connection.execute(self._statement, params)
            else:
                self._connection.exec_driver_sql(sql, params)


_COPY = "COPY"
"""``prepare``'s mark for rows ``run`` writes by ``dialect.copy_values``."""


class BackgroundWriter:
    """Runs one write at a time on a second thread while the caller prepares the next.

    SQLite's driver lets go of the GIL inside ``sqlite3_step``, so building the next
    chunk's parameter tuples overlaps the database's work on the last one (issue 16).
    Only one write is ever pending and the caller's connection is used by one thread at a
    time: ``submit`` waits for the write before, and leaving the block waits for the last
    one, also when the caller fails (its transaction is rolled back only after), and
    raises the write's own error. Where ``enabled`` is false (a server, whose driver has
    its own transport), writes run at once on the caller's thread.
    """

    def __init__(self, enabled: bool) -> None:
        self._pool = ThreadPoolExecutor(1, "bulk-writer") if enabled else None
        self._pending: Future[None] | None = None

    def __enter__(self) -> BackgroundWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if error is None:
                self.wait()
            elif self._pending is not None:
                concurrent.futures.wait([self._pending])
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)

    def submit(self, write: Callable[[Prepared], None], prepared: Prepared) -> None:
        self.wait()
        if self._pool is None:
            write(prepared)
        else:
            self._pending = self._pool.submit(write, prepared)

    def wait(self) -> None:
        """Until the pending write is done (raising its error, if any)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()


def insert_tickets(
    connection: Connection, rows: list[tuple[Any, ...]], writer: BackgroundWriter | None = None
) -> list[int]:
    """Insert ticket rows (tuples in ``TICKET_COLUMNS`` order, ``id`` ignored); their ids
    (the rows are written by ``writer`` when given and the ids known beforehand)."""
    if not rows:
        return []
    if bulk_traits(connection).local_ids:
        ids = local_ids(connection, TICKETS, len(rows))
        inserter = RowInserter(connection, TICKETS, TICKET_COLUMNS)
        prepared = inserter.prepare([(id_, *row[1:]) for id_, row in zip(ids, rows, strict=True)])
        if writer is None:
            inserter.run(prepared)
        else:
            writer.submit(inserter.run, prepared)
        return ids
    columns = TICKET_COLUMNS[1:]
    statement = insert(TICKETS).returning(TICKETS.c.id, sort_by_parameter_order=True)
    params = [dict(zip(columns, row[1:], strict=True)) for row in rows]
    return list(connection.execute(statement, params).scalars())


class EventInserter(RowInserter):
    """``executemany`` of event tuples ``(ticket_id, seq, at, type, author_id, status,
    priority, field, value)``, with type, status and priority as codes; the authors'
    names new to ``event_authors`` go in first (``with_authors``)."""

    COLUMNS = EVENT_COLUMNS

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection, EVENTS, EVENT_COLUMNS)

    def with_authors(
        self, authors: list[tuple[int, str]], prepared: Prepared
    ) -> Callable[[Prepared], None]:
        """A write of ``prepared`` events that first inserts ``authors`` (``AuthorIds.
        take_new``: the names the events are the first to use)."""

        def run(_: Prepared) -> None:
            if authors:
                self._connection.execute(insert(EVENT_AUTHORS), new_author_rows(authors))
            self.run(prepared)

        return run


def write_tickets(
    connection: Connection,
    records: Sequence[TicketRecord],
    names: NameIds | None = None,
    progress: Callable[[int], None] | None = None,
    writer: BackgroundWriter | None = None,
) -> tuple[list[int], int]:
    """Insert the tickets and their events; returns the new ticket ids and the event count.

    With a ``writer`` (idle when called) the last writes may still run when this
    returns; the caller waits for them before it uses the connection again. Nothing is
    committed here: the caller's transaction decides.
    """
    if not records:
        return [], 0
    names = names or NameIds(connection)
    names.prepare(records)
    insert_events = EventInserter(connection)
    if writer is None:
        with BackgroundWriter(insert_events.positional) as own:
            written = _write_records(connection, records, names, insert_events, own, progress)
    else:
        written = _write_records(connection, records, names, insert_events, writer, progress)
    if progress is not None:
        progress(written[1])
    return written


def _write_records(
    connection: Connection,
    records: Sequence[TicketRecord],
    names: NameIds,
    insert_events: EventInserter,
    writer: BackgroundWriter,
    progress: Callable[[int], None] | None,
) -> tuple[list[int], int]:
    events_written = 0
    batch: list[tuple[Any, ...]] = []
    authors = names.authors
    authors.ensure(row[2] for record in records for row in record.event_rows)
    ticket_ids = insert_tickets(connection, _ticket_rows(records, names), writer)

    def submit(batch: list[tuple[Any, ...]]) -> None:
        prepared = insert_events.prepare(batch)
        writer.submit(insert_events.with_authors(authors.take_new(), prepared), [])

    for ticket_id, record in zip(ticket_ids, records, strict=True):
        batch += coded_event_rows(ticket_id, record.event_rows, authors)
        if len(batch) >= EVENT_CHUNK:
            submit(batch)
            if progress is not None and events_written:
                progress(events_written)
            events_written += len(batch)
            batch = []
    if batch:
        submit(batch)
        events_written += len(batch)
    return ticket_ids, events_written


class NotReady(Exception):
    """Rows built ready to insert no longer fit the workspace (another desk wrote tickets
    since they were planned): nothing of them was written; build them here."""


def ready_plan(connection: Connection) -> ReadyPlan | None:
    """The ids and grouping a reading process may build ready rows for (``ChunkWriter.
    write_ready``), or ``None``: only into a workspace that holds no ticket (nothing can
    be skipped, so each ticket's id is known in advance), where ids are taken locally and
    rows go in grouped statements (SQLite)."""
    inserter = EventInserter(connection)
    tickets = RowInserter(connection, TICKETS, TICKET_COLUMNS)
    if not (bulk_traits(connection).local_ids and inserter.positional and tickets.positional):
        return None
    if connection.execute(select(literal(1)).select_from(TICKETS).limit(1)).first():
        return None
    names = NameIds(connection)
    # Plain ``str`` keys: a table's name is SQLAlchemy's ``quoted_name``, whose pickle
    # made the reading process import SQLAlchemy (a third of a second at its start).
    held = {str(table.name): dict(names.ids(table)) for table in NAME_TABLES}
    authors, next_author_id = names.authors.plan()
    return ReadyPlan(
        local_ids(connection, TICKETS, 1)[0],
        inserter.per_statement,
        tickets.per_statement,
        held,
        {str(table.name): local_ids(connection, table, 1)[0] for table in NAME_TABLES},
        authors,
        next_author_id,
    )


class ChunkWriter:
    """Writes tickets a group at a time as they come (``write``), in the caller's
    transaction, skipping those whose external id the workspace holds already: what
    ``write_tickets`` does for a whole file, while the rest of the file is still being
    read. One ``BackgroundWriter`` serves every group, so a group's last events are
    written while the next group arrives; the connection is used by one thread at a
    time (``write`` waits for the pending write first). Leaving the block waits for the
    last write (and raises its error). Groups built ready to insert by the reading
    process go through ``write_ready``."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        held = connection.execute(select(func.count()).select_from(TICKETS)).scalar_one()
        self._held = held > 0
        self._names = NameIds(connection)
        self._events = EventInserter(connection)
        self._tickets: RowInserter | None = None
        self._writer = BackgroundWriter(self._events.positional)
        self.ids: list[int] = []
        self.events = 0
        self.skipped = 0

    def __enter__(self) -> ChunkWriter:
        self._writer.__enter__()
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._writer.__exit__(kind, error, trace)

    def write(self, records: Sequence[TicketRecord]) -> None:
        """Insert those of ``records`` that are new (the last writes may still run)."""
        self._writer.wait()
        if self._held:
            wanted = [record.external_id for record in records]
            existing = _external_ids_among(self._connection, wanted)
            self.skipped += len(existing)
            records = [record for record in records if record.external_id not in existing]
        ids, events = write_tickets(self._connection, records, self._names, writer=self._writer)
        self.ids += ids
        self.events += events

    def write_ready(self, ready: ReadyRows) -> None:
        """Insert a group the reading process built ready to insert against a
        ``ready_plan`` (the last writes may still run); ``NotReady`` when its ids, or
        those of its new names, are not the next ones here (the caller's transaction is
        then rolled back: nothing of the import is kept)."""
        self._writer.wait()
        if not ready.count:
            return
        if self._held or local_ids(self._connection, TICKETS, 1)[0] != ready.first_id:
            raise NotReady
        self._names.ensure_names(ready.new_names)
        for table in NAME_TABLES:
            ids = self._names.ids(table)
            if any(ids.get(name) != id_ for name, id_ in ready.new_ids[table.name].items()):
                raise NotReady
        if not self._names.authors.add_planned(ready.new_authors):
            raise NotReady
        tickets = self._tickets = self._tickets or RowInserter(
            self._connection, TICKETS, TICKET_COLUMNS
        )
        ticket_rows = tickets.prepared_groups(ready.ticket_groups, ready.ticket_rest)
        events = self._events.with_authors(
            self._names.authors.take_new(),
            self._events.prepared_groups(ready.event_groups, ready.event_rest),
        )

        def run(_: Prepared) -> None:
            tickets.run(ticket_rows)
            events([])

        self._writer.submit(run, [])
        self.ids += range(ready.first_id, ready.first_id + ready.count)
        self.events += ready.events


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """A plain Core ``executemany`` of rows into any table (surveys, outages, ...)."""
    if rows:
        connection.execute(insert(table), rows)
