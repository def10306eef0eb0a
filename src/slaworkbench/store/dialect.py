"""The one seam for database-specific tricks (everything else in store/ is portable SQL).

SQLite: WAL, ``foreign_keys=ON``, ``busy_timeout`` and ``synchronous=NORMAL`` on every
connection; real transactions (``BEGIN`` is emitted by us, so DDL and reads are
transactional too, and a write session takes the write lock up front with
``BEGIN IMMEDIATE``); a header check before a file is ever connected to; consistent
backups through SQLite's backup API; ``PRAGMA data_version`` to notice commits made by
other connections and processes. Several connections read one snapshot
(``connections_in_one_snapshot``): SQLite's write lock is held a moment while each takes
its own; PostgreSQL's ``REPEATABLE READ`` transactions share an exported snapshot.

Other databases (PostgreSQL): the one-row ``change_feed`` counter (migration 0011),
bumped by every write transaction, plays the part of ``data_version``; on PostgreSQL the
same transaction sends ``NOTIFY slaworkbench_changes`` (delivered when it commits), which
a dedicated listening connection (``open_change_listener``) hears at once. A lost
connection to the server is told apart from other failures (``server_unreachable``) and
a server's refusal at connection time is named (``connection_failure``).

The bulk paths (imports, the recompute's transfers, the analytics fetch) ask
``bulk_traits`` what they may use and call the few SQL tricks below; they never look at
which database it is. On SQLite: integers read as one ``group_concat`` text, multi-row
``VALUES`` statements, ``UPDATE ... FROM (VALUES ...)`` and ``json_each`` (3.33+), ids
taken from ``max(id)`` inside the write transaction, a larger page cache for a bulk write,
``INDEXED BY`` hints, ``instr``. Elsewhere: plain rows, ``executemany``, ``RETURNING``,
``strpos``.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    Column,
    Computed,
    Connection,
    Engine,
    Float,
    Integer,
    LargeBinary,
    Table,
    any_,
    create_engine,
    event,
    func,
    literal,
    select,
    text,
)
from sqlalchemy import insert as sql_insert
from sqlalchemy import update as sql_update
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import StaticPool
from sqlalchemy.schema import CreateIndex

from slaworkbench.store.schema import PARTIAL_WHERE, ChangeFeed

SQLITE_HEADER = b"SQLite format 3\x00"


@compiles(CreateIndex, "postgresql")
def _partial_on_postgresql(element: CreateIndex, compiler: Any, **kw: Any) -> str:
    """A partial index of the schema with its condition on PostgreSQL: the schema keeps
    it in the index's ``info`` (``store.schema._where``), so that SQLAlchemy's
    PostgreSQL dialect is loaded only where it is used."""
    index = element.element
    where = index.info.get(PARTIAL_WHERE)
    if where is not None and index.dialect_options["postgresql"]["where"] is None:
        index.dialect_options["postgresql"]["where"] = text(where)
    return str(compiler.visit_create_index(element, **kw))


@compiles(Computed, "postgresql")
def _stored_on_postgresql(element: Computed, compiler: Any, **kw: Any) -> str:
    """A generated column is ``STORED`` on PostgreSQL (15 has no ``VIRTUAL`` ones); the
    schema declares the names of the clock codes ``VIRTUAL`` for SQLite, where they then
    take no room (``store.schema.name_of_code``, migration 0020)."""
    expression = compiler.sql_compiler.process(
        element.sqltext, include_table=False, literal_binds=True
    )
    return f"GENERATED ALWAYS AS ({expression}) STORED"


BUSY_TIMEOUT_MS = 15_000
CONNECT_TIMEOUT_S = 5
CHANGE_CHANNEL = "slaworkbench_changes"
"""The PostgreSQL ``LISTEN``/``NOTIFY`` channel every write transaction notifies."""
_log = logging.getLogger(__name__)
WRITE_OPTION = "slaworkbench_write"
"""Execution option: this connection's transaction will write (``BEGIN IMMEDIATE``)."""


def is_sqlite_url(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_file_path(url: str) -> Path | None:
    """The file behind a SQLite URL; ``None`` for in-memory databases and other backends."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or parsed.query.get("mode") == "memory":
        return None
    if database.startswith("file:"):
        database = database[len("file:") :].split("?", 1)[0]
    return Path(database).expanduser().resolve()


def workspace_location(url: str) -> str:
    """Where a workspace lives, for people: its file, or its server URL without the
    password."""
    path = sqlite_file_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def workspace_label(url: str) -> str:
    """A short name of the workspace for the window's title and status bar: the file, or
    the server and database (``host:port/database``)."""
    path = sqlite_file_path(url)
    if path is not None:
        return str(path)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return ":memory:"
    server = parsed.host or "localhost"
    if parsed.port is not None:
        server = f"{server}:{parsed.port}"
    return f"{server}/{parsed.database or ''}"


# --- engines ----------------------------------------------------------------------------


class _HintedSQLiteCompiler(SQLiteCompiler):
    """SQLite's compiler, rendering a statement's table hints (``Select.with_hint`` with
    ``dialect_name="sqlite"``, as ``index_hint`` writes them) after the table's name:
    SQLAlchemy's own drops them on SQLite."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def index_hint(statement: Any, table: Any, index: str) -> Any:
    """``statement`` with ``table`` walked along ``index`` on SQLite (``INDEXED BY``, as
    ``with_index`` for SQL written as text); elsewhere ``statement`` as it is. The index
    must answer the statement: a partial one only where its condition is implied."""
    return statement.with_hint(table, f"INDEXED BY {index}", dialect_name="sqlite")


def make_engine(url: str) -> Engine:
    """An engine with every connection configured for the workspace's needs."""
    if not is_sqlite_url(url):
        server_kwargs: dict[str, Any] = {"pool_pre_ping": True}
        if make_url(url).get_driver_name() == "psycopg":
            # A server that does not answer is a sentence within seconds, not a frozen task.
            server_kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
        return create_engine(url, **server_kwargs)
    in_memory = sqlite_file_path(url) is None
    kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
    if in_memory:
        kwargs["poolclass"] = StaticPool
    engine = create_engine(url, **kwargs)
    engine.dialect.statement_compiler = _HintedSQLiteCompiler
    _configure_sqlite(engine, wal=not in_memory)
    return engine


def _enter_wal(cursor: Any) -> None:
    """Put the file in WAL mode, unless a bulk load (``bulk_load_settings``) holds it in
    rollback-journal mode right now: switching needs the file to itself, so a connection
    opened meanwhile (the window's reads while its demo is built) would wait out the busy
    timeout and fail. It reads in the load's journal mode instead; the load restores WAL
    when it ends."""
    (mode,) = cursor.execute("PRAGMA journal_mode").fetchone()
    if str(mode).lower() == "wal":
        return
    cursor.execute("PRAGMA busy_timeout = 0")
    try:
        cursor.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        pass  # another connection writes in a rollback journal: it switches back itself
    finally:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us emit BEGIN ourselves (pysqlite's implicit transactions skip DDL and reads).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if wal:
                _enter_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


# --- one snapshot read on several connections ------------------------------------------


@contextmanager
def connections_in_one_snapshot(engine: Engine, count: int) -> Iterator[list[Connection]]:
    """``count`` connections of ``engine``, each in a read transaction of its own that
    reads the same state of the database (for readers on as many threads), rolled back
    when the block ends.

    SQLite: the write lock is held on another connection (``BEGIN IMMEDIATE``) while
    each reader takes its snapshot with a first read, so no commit falls between them;
    while a writer holds the lock (past ``SNAPSHOT_LOCK_WAIT_MS``) one connection is
    yielded instead, as a reader never waits for a writer. PostgreSQL: ``REPEATABLE
    READ`` transactions, the first exporting its snapshot (``pg_export_snapshot``) and
    the others importing it. Where connections cannot share one (an in-memory SQLite
    database has a single connection, another engine), one connection is yielded."""
    postgres = engine.dialect.name == "postgresql"
    if not postgres and sqlite_file_path(str(engine.url)) is None:
        count = 1
    with ExitStack() as stack:
        connections = [stack.enter_context(engine.connect()) for _ in range(count)]
        if postgres:
            exported = None
            for connection in connections:
                connection.begin()
                connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                if exported is None:
                    exported = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar()
                else:
                    connection.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{exported}'")
        elif count == 1 or not _snapshots_under_lock(engine, connections):
            connections = connections[:1]
            connections[0].begin()
        yield connections


SNAPSHOT_LOCK_WAIT_MS = 200
"""How long readers wait for SQLite's write lock to take their snapshots together; a
writer holding it longer (an import, a re-baseline) leaves them to one connection."""


def _snapshots_under_lock(engine: Engine, connections: Sequence[Connection]) -> bool:
    """Begin each of ``connections``' read transactions while another connection holds
    the write lock, so that they read one state; ``False`` (nothing begun) when a
    writer keeps the lock past ``SNAPSHOT_LOCK_WAIT_MS`` (or the lock is refused
    otherwise): readers never wait for a writer."""
    with engine.connect() as locker:
        raw = locker.connection.driver_connection  # a pragma outside any transaction
        assert raw is not None
        raw.execute(f"PRAGMA busy_timeout = {SNAPSHOT_LOCK_WAIT_MS}")
        try:
            try:
                lock = locker.execution_options(**{WRITE_OPTION: True}).begin()
            except OperationalError:  # busy, or any other refusal of a lock readers can do without
                return False
            with lock:
                for connection in connections:
                    connection.begin()
                    connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
                lock.rollback()
            return True
        finally:
            raw.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


# --- noticing other writers -------------------------------------------------------------


class DataVersion(Protocol):
    def current(self) -> int: ...

    def close(self) -> None: ...


class SqliteDataVersion:
    """``PRAGMA data_version`` on a dedicated read-only connection that never writes, so
    every commit by any other connection (this process or another) changes it."""

    def __init__(self, path: Path) -> None:
        uri = "file:" + quote(str(path)) + "?mode=ro"
        self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._connection.isolation_level = None
        self._lock = threading.Lock()

    def current(self) -> int:
        with self._lock:
            row = self._connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class CounterDataVersion:
    """The ``change_feed`` counter, bumped by ``bump_change_counter``."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def current(self) -> int:
        with self._engine.connect() as connection:
            value = connection.execute(
                select(ChangeFeed.counter).where(ChangeFeed.id == 1)
            ).scalar_one_or_none()
        return int(value) if value is not None else 0

    def close(self) -> None:
        return None


def _sqlite_file(engine: Engine) -> Path | None:
    return sqlite_file_path(str(engine.url)) if engine.dialect.name == "sqlite" else None


def create_new_at_head(connection: Connection, head: str) -> bool:
    """Make a new, empty workspace's schema at ``head`` in one step where the program
    ships it (a SQLite file: ``store.head_schema``); False where the migrations must
    run (a server database, or no snapshot of ``head``)."""
    if connection.dialect.name != "sqlite":
        return False
    from slaworkbench.store.head_schema import create_at_head

    return create_at_head(connection, head)


RECLAIM_FREE_SHARE = 0.2
"""``reclaim_free_pages`` gives free pages back when they are more than this share of the
file (and at least ``RECLAIM_MIN_PAGES``)."""
RECLAIM_MIN_PAGES = 256


def reclaim_free_pages(engine: Engine) -> int | None:
    """Give the free pages of a SQLite file back to the file system (``VACUUM``) when they
    are more than ``RECLAIM_FREE_SHARE`` of it: after an upgrade that built a table again
    (migrations 0020, 0024, 0025), the old copy's pages stay inside the file, which would
    otherwise grow by a quarter at the very change meant to make it smaller. Returns the
    bytes given back; ``None`` when nothing was done (PostgreSQL, an in-memory database,
    few free pages) or the ``VACUUM`` failed (another program holds the file, or the disk
    has no room for its copy): the file is then as it was, whole, and that is logged."""
    if _sqlite_file(engine) is None:
        return None
    with engine.connect() as connection:
        # The driver's own connection: VACUUM runs outside a transaction, and the
        # connection's "begin" hook would open one.
        raw = connection.connection.driver_connection
        assert raw is not None
        page_size, pages, free = (
            int(raw.execute(f"PRAGMA {name}").fetchone()[0])
            for name in ("page_size", "page_count", "freelist_count")
        )
        if free < RECLAIM_MIN_PAGES or free < pages * RECLAIM_FREE_SHARE:
            return None
        try:
            raw.execute("VACUUM")
        except sqlite3.Error as error:
            _log.warning("The file's %d free pages were not given back: %s", free, error)
            return None
        finally:
            with suppress(sqlite3.Error):  # the copy went through the write-ahead log
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        after = int(raw.execute("PRAGMA page_count").fetchone()[0])
    return (pages - after) * page_size


def needs_change_counter(engine: Engine) -> bool:
    """Whether write sessions must bump the counter (no ``PRAGMA data_version`` here)."""
    return _sqlite_file(engine) is None


def bump_change_counter(connection: Connection) -> None:
    """Add one to the change counter inside the caller's transaction; on PostgreSQL also
    ``NOTIFY`` the listeners (the server delivers it when the transaction commits, and
    never if it rolls back)."""
    result = connection.execute(
        sql_update(ChangeFeed).where(ChangeFeed.id == 1).values(counter=ChangeFeed.counter + 1)
    )
    if result.rowcount == 0:
        connection.execute(sql_insert(ChangeFeed).values(id=1, counter=1))
    if connection.dialect.name == "postgresql":
        connection.execute(func.pg_notify(CHANGE_CHANNEL, "").select())


def data_version_for(engine: Engine) -> DataVersion:
    return file_data_version(engine) or CounterDataVersion(engine)


def file_data_version(engine: Engine) -> DataVersion | None:
    """A reading that any commit by anyone changes and that costs no query of the
    database's tables (a SQLite file's ``data_version``); ``None`` where there is none."""
    path = _sqlite_file(engine)
    return None if path is None else SqliteDataVersion(path)


class ChangeListener(Protocol):
    @property
    def connected(self) -> bool: ...

    def wait(self, timeout_s: float) -> bool:
        """Block up to ``timeout_s``; whether a change was announced meanwhile."""
        ...

    def close(self) -> None: ...


class PostgresChangeListener:
    """A dedicated autocommit connection that ``LISTEN``s on ``CHANGE_CHANNEL``.

    Used from one thread. A lost connection is opened again on the next ``wait`` (and
    reports a change then, since notifications sent meanwhile were lost)."""

    def __init__(self, conninfo: str) -> None:
        self._conninfo = conninfo
        self._connection: Any = None
        self._lost = False

    @property
    def connected(self) -> bool:
        """Whether the listening connection is open (commits from now on are heard)."""
        connection = self._connection
        return connection is not None and not connection.closed

    def _connect(self) -> Any:
        import psycopg

        connection = psycopg.connect(
            self._conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
        )
        connection.execute(f"LISTEN {CHANGE_CHANNEL}")
        return connection

    def wait(self, timeout_s: float) -> bool:
        import psycopg

        reconnected = False
        try:
            if self._connection is None or self._connection.closed:
                self._connection = self._connect()
                reconnected, self._lost = self._lost, False
            told = False
            for _notify in self._connection.notifies(timeout=timeout_s, stop_after=1):
                told = True
            return told or reconnected
        except psycopg.Error:
            self._drop()
            self._lost = True
            time.sleep(timeout_s)
            return False

    def _drop(self) -> None:
        if self._connection is not None:
            with suppress(Exception):
                self._connection.close()
        self._connection = None

    def close(self) -> None:
        self._drop()


def open_change_listener(engine: Engine) -> ChangeListener | None:
    """A listener told of every commit at once, where the database can (PostgreSQL
    through psycopg); ``None`` elsewhere (then the counter is polled)."""
    url = engine.url
    if url.get_backend_name() != "postgresql" or url.get_driver_name() != "psycopg":
        return None
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    return PostgresChangeListener(conninfo)


_SERVER_GOING_AWAY = frozenset({"57P01", "57P02", "57P03"})
"""admin_shutdown, crash_shutdown, cannot_connect_now."""


def server_unreachable(error: BaseException) -> bool:
    """Whether ``error`` means the database server went away or cannot be reached (the
    connection was lost, refused or timed out), as opposed to a refused statement."""
    if not isinstance(error, DBAPIError) or error.orig is None:
        return False
    if getattr(error, "connection_invalidated", False):
        return True
    module = type(error.orig).__module__
    if not module.startswith("psycopg"):
        return False
    import psycopg

    if not isinstance(error.orig, psycopg.OperationalError | psycopg.InterfaceError):
        return False
    # A statement the server refused (a deadlock, a serialization failure, a lock or
    # statement timeout) is an OperationalError too, with its own SQLSTATE; only a lost
    # connection (none, class 08) or a server shutting down or starting (57P01-57P03) is
    # the server going away.
    state = getattr(error.orig, "sqlstate", None)
    return state is None or state.startswith("08") or state in _SERVER_GOING_AWAY


def connection_failure(error: BaseException) -> str:
    """Why a server refused a connection: ``"password"`` (authentication failed),
    ``"database"`` (no such database) or ``"unreachable"`` (anything else: no server
    there, a firewall, a timeout)."""
    text = str(getattr(error, "orig", None) or error).lower()
    if "password" in text or "authentication" in text:
        return "password"
    if "does not exist" in text and "database" in text:
        return "database"
    return "unreachable"


# --- what bulk paths may use --------------------------------------------------------------

Bind = Connection | Engine

SAFE_BOUND_PARAMETERS = 999
"""Bound parameters one statement may carry on every SQLite build (the compile-time
default was 999 before 3.32, 32766 since) and on every other database."""
BULK_CACHE_KIB = 131_072
"""SQLite page cache for one bulk write (128 MiB, allocated only as used): a big import
touches the pages of several indexes at random, and a small cache spills them to the
WAL again and again. A per-connection setting, restored afterwards; it changes nothing
about durability."""


@dataclass(frozen=True, slots=True)
class BulkTraits:
    """What moving many rows may use on one database."""

    packs_text: bool
    """Integers come back fastest as one ``group_concat`` text per statement (one
    driver step, parsed by numpy) rather than as rows (one step per row)."""
    grouped_values: bool
    """Many rows per ``INSERT ... VALUES (...), (...)`` beat the driver's
    ``executemany`` of one row per statement."""
    update_from_values: bool
    """``UPDATE ... FROM (VALUES ...)`` and ``DELETE ... IN (SELECT ... json_each(?))``
    beat ``executemany`` (SQLite 3.33 and later)."""
    local_ids: bool
    """New rows may take their ids from ``max(id)`` (the write transaction holds the
    database's only write lock), so the rows need not come back by ``RETURNING``."""
    indexes_after_load: bool
    """A load into empty tables may drop their secondary indexes and build them at the
    end (no other session waits on the table's lock meanwhile, as on a shared server)."""


_SQLITE_TRAITS = BulkTraits(
    packs_text=True,
    grouped_values=True,
    update_from_values=sqlite3.sqlite_version_info >= (3, 33, 0),
    local_ids=True,
    indexes_after_load=True,
)
PORTABLE_TRAITS = BulkTraits(
    packs_text=False,
    grouped_values=False,
    update_from_values=False,
    local_ids=False,
    indexes_after_load=False,
)
"""What any database can do (plain rows, ``executemany``, ``RETURNING``)."""


def bulk_traits(bind: Bind) -> BulkTraits:
    return _SQLITE_TRAITS if bind.dialect.name == "sqlite" else PORTABLE_TRAITS


@contextmanager
def _pragmas_for_block(connection: Connection, settings: dict[str, int]) -> Iterator[None]:
    """On SQLite, ``settings`` (pragma name: value) on ``connection`` until the block
    ends, then the connection's own values again, whether or not it is in a transaction
    (each of these may change inside one). Restoring never hides the block's own error:
    a connection left so is merely faster or slower."""
    if connection.dialect.name != "sqlite":
        yield
        return
    previous = {
        name: int(connection.exec_driver_sql(f"PRAGMA {name}").scalar_one()) for name in settings
    }
    for name, value in settings.items():
        connection.exec_driver_sql(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        with suppress(DBAPIError):
            for name, value in previous.items():
                connection.exec_driver_sql(f"PRAGMA {name} = {value}")


def bulk_write_settings(connection: Connection) -> AbstractContextManager[None]:
    """Connection settings for a large write inside the caller's transaction (on SQLite
    a larger page cache for the duration of the write)."""
    return _pragmas_for_block(connection, {"cache_size": -BULK_CACHE_KIB})


def contains_ignoring_case(bind: Bind, column: Any, pattern: str) -> Any:
    """``column`` matches the ``LIKE`` ``pattern`` (``\\`` escapes), letters of either
    case alike. On SQLite a plain ``LIKE``: it already folds case, for the letters its
    ``lower()`` folds (ASCII), so it selects the same rows as ``lower(column) LIKE
    lower(pattern)`` (what ``ilike`` compiles to there) without lowering every value
    first (a search over a million tickets: 0.40 s against 1.05 s). Elsewhere
    ``ILIKE``."""
    if bind.dialect.name == "sqlite":
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


def listed_ids(bind: Bind, ids: Sequence[int]) -> Any:
    """``ids`` as one bound value for ``kept_to_listed``: a JSON array on SQLite (written
    by ``str`` of the list, in C), an array of 64-bit integers elsewhere."""
    if bind.dialect.name == "sqlite":
        return literal(str(list(ids)))
    return literal(list(ids), ARRAY(BigInteger))


def kept_to_listed(bind: Bind, query: Any, column: Any, listed: Any) -> Any:
    """``query`` (of one table) kept to the rows whose ``column`` is one of the ``listed``
    ids (``listed_ids``), looked up in the list's order: on SQLite a ``json_each`` table
    the rows are joined to (an ascending list is looked up each id next to the last,
    where an ``IN`` list of literals is parsed first, several times slower), elsewhere
    ``= ANY`` of the array."""
    if bind.dialect.name == "sqlite":
        ids = func.json_each(listed).table_valued("value")
        return query.select_from(ids).join(column.table, column == ids.c.value)
    return query.where(column == any_(listed))


RUN_CHECKPOINT_PAGES = 20_000
"""WAL pages (80 MB at 4 KiB) a run of transactions lets the log reach before a commit
copies it into the file (SQLite's default: 1,000). A recompute's chunks rewrite many of
the same pages (indexes, rollups) one transaction after the other: copied every few
transactions instead of after each, each such page is written to the file once for
several. At 1M tickets a re-baseline wrote 4.9 GB with the default and 3.5 GB with
this, in ~6 % less time; the log file itself stays as large as the largest
transaction made it either way."""


_RUN_SETTINGS = {"cache_size": -BULK_CACHE_KIB, "wal_autocheckpoint": RUN_CHECKPOINT_PAGES}


@contextmanager
def settings_for_a_run(connection: Connection) -> Iterator[None]:
    """On SQLite, ``_RUN_SETTINGS`` on ``connection`` (outside a transaction: set on the
    driver, which begins none) until the block ends, then its own values again.
    ``BULK_CACHE_KIB`` of page cache: a run of transactions on one connection (a
    recompute selects its tickets, then chunk by chunk reads, writes and commits them)
    then reads each page from the file once rather than once per step; a page another
    connection changed in between is read again (SQLite checks the WAL at every
    transaction), so it changes nothing a reader sees. The log is copied into the file
    every ``RUN_CHECKPOINT_PAGES`` (after the run, whatever it holds then is copied when
    the next commit or the last connection asks)."""
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.driver_connection
    if driver is None:  # pragma: no cover - a checked-out pool connection has one
        yield
        return
    previous = {name: int(driver.execute(f"PRAGMA {name}").fetchone()[0]) for name in _RUN_SETTINGS}
    for name, value in _RUN_SETTINGS.items():
        driver.execute(f"PRAGMA {name} = {int(value)}")
    try:
        yield
    finally:
        # Never hide the run's own error; a connection left so is merely faster.
        with suppress(sqlite3.Error):
            for name, value in previous.items():
                driver.execute(f"PRAGMA {name} = {value}")


LOAD_CACHE_KIB = 1_048_576
"""SQLite page cache for a bulk load (1 GiB, allocated only as used): building the
secondary indexes after the load sorts in it instead of in temporary files."""


def load_sort_threads() -> int:
    """Helper threads SQLite may start to sort during a bulk load (``PRAGMA threads``):
    one per core beyond the first, four at most. Building an index after the load and
    grouping the new rows into the rollups are sorts of millions of rows, which SQLite
    splits between the threads and merges; nothing else changes."""
    return max(0, min((os.cpu_count() or 1) - 1, 4))


INDEX_SORT_CACHE_KIB = 16_384
"""SQLite page cache while indexes are built after a bulk load: SQLite's sorter sorts in
runs as large as the page cache (up to 512 MB), each on one thread, so with the load's
1 GiB cache an index of millions of rows was one run; in runs of 16 MB, spilled to
temporary files and merged, on ``load_sort_threads`` helper threads, the same build takes
about half the time (``indexes_after_load``)."""


def index_build_settings(connection: Connection) -> AbstractContextManager[None]:
    """On SQLite, ``INDEX_SORT_CACHE_KIB`` of page cache and the helper threads for
    building indexes inside the caller's transaction, then the connection's own again
    (dirty pages beyond the smaller cache are written to the file early, as a commit
    would: nothing a reader sees changes)."""
    settings = {"cache_size": -INDEX_SORT_CACHE_KIB, "threads": load_sort_threads()}
    return _pragmas_for_block(connection, settings)


def sort_threads(connection: Connection) -> AbstractContextManager[None]:
    """``load_sort_threads`` helper threads for SQLite's sorts on ``connection`` (inside
    or outside a transaction) until the block ends, then its own number again: for an
    upgrade, whose migrations build indexes and fill columns of millions of rows."""
    return _pragmas_for_block(connection, {"threads": load_sort_threads()})


@contextmanager
def bulk_load_settings(connection: Connection) -> Iterator[None]:
    """Settings for one very large write on ``connection``, entered *outside* a
    transaction (the caller begins its one transaction inside) and restored after.

    On SQLite the file leaves write-ahead logging for a rollback journal while the load
    runs, when no other connection has it open: pages appended to the file are then
    written once, where in WAL mode every page goes to the log and again to the file at
    the checkpoint (issue 16: a 1M demo wrote 8-11× its size). A rollback journal keeps
    the write all-or-nothing: a kill leaves a hot journal that the next opening rolls
    back. The page cache is large, and large sorts use the other cores
    (``load_sort_threads``). Sorts larger than the cache allows spill to temporary files
    (``temp_store = FILE``): with temporary storage in memory SQLite sorts everything in
    one run on one thread, which took twice as long to build an index of millions of
    rows (``index_build_settings``).
    """
    if connection.dialect.name != "sqlite" or connection.in_transaction():
        with bulk_write_settings(connection):
            yield
        return
    # The driver's own connection runs these outside any transaction (SQLAlchemy's
    # would begin one, and the journal mode cannot change inside one).
    driver = connection.connection.dbapi_connection
    assert driver is not None

    def pragma(statement: str) -> Any:
        row = driver.execute(f"PRAGMA {statement}").fetchone()
        return None if row is None else row[0]

    pragmas = ("synchronous", "temp_store", "cache_size", "threads")
    before = {name: int(pragma(name)) for name in pragmas}
    left_wal = False
    if str(pragma("journal_mode")).lower() == "wal":
        # Only a connection alone on the file may leave WAL; otherwise stay in WAL at
        # once rather than wait for the other connections.
        pragma("busy_timeout = 0")
        try:
            left_wal = str(pragma("journal_mode = DELETE")).lower() == "delete"
        except sqlite3.OperationalError:
            left_wal = False
        finally:
            pragma(f"busy_timeout = {BUSY_TIMEOUT_MS}")
    pragma("synchronous = FULL")
    pragma("temp_store = FILE")
    pragma(f"cache_size = -{LOAD_CACHE_KIB}")
    pragma(f"threads = {load_sort_threads()}")
    try:
        yield
    finally:
        # The file goes back to WAL (a setting stored in the file); should that fail,
        # the next connection's own setup switches it back.
        with suppress(sqlite3.Error):
            if left_wal:
                pragma("journal_mode = WAL")
            for name, value in before.items():
                pragma(f"{name} = {value}")


STAGED_SCHEMA = "staged"
"""The schema an in-memory database of staged rows is attached as (``staging``)."""
_STAGING_KEY = "slaworkbench.staging"


@contextmanager
def staging(connection: Connection) -> Iterator[bool]:
    """On SQLite, an empty in-memory database attached to ``connection`` as
    ``STAGED_SCHEMA`` until the block ends; yields whether rows staged elsewhere can be
    copied in (``copy_staged``). Entered *outside* a transaction, as an attachment must
    be: a write transaction then covers the attached database too, which being in
    memory needs no journal of its own; it is detached after the transaction ends. No
    other database, and a driver without ``deserialize``, yields False and attaches
    nothing."""
    driver = connection.connection.dbapi_connection if connection.dialect.name == "sqlite" else None
    if driver is None or connection.in_transaction() or not hasattr(driver, "deserialize"):
        yield False
        return
    driver.execute(f"ATTACH DATABASE ':memory:' AS {STAGED_SCHEMA}")
    connection.info[_STAGING_KEY] = True
    try:
        yield True
    finally:
        connection.info.pop(_STAGING_KEY, None)
        with suppress(sqlite3.Error):
            driver.execute(f"DETACH DATABASE {STAGED_SCHEMA}")


def stages(connection: Connection) -> bool:
    """Whether ``connection`` is inside ``staging`` (rows may be staged for it)."""
    return bool(connection.info.get(_STAGING_KEY))


def copy_staged(
    connection: Connection,
    data: bytes,
    table: str,
    columns: Sequence[str],
    staged_table: str,
    staged_columns: Sequence[str],
    *,
    key: str | None = None,
) -> None:
    """Write the rows of a staged database (``data``, the bytes of
    ``store.staging.staged_rows``: ``staged_columns`` of ``staged_table``) inside
    the caller's transaction: the database replaces the one attached by ``staging``, and
    one statement copies its rows into ``columns`` of ``table``, in their order, or, with
    a ``key``, sets ``columns`` on the rows of ``table`` whose ``key`` is each staged
    row's last value (``UPDATE … FROM``)."""
    driver = connection.connection.dbapi_connection
    assert driver is not None and stages(connection)
    driver.deserialize(data, name=STAGED_SCHEMA)
    source = f"{STAGED_SCHEMA}.{staged_table}"
    if key is None:
        values = ", ".join(staged_columns)
        connection.exec_driver_sql(
            f"INSERT INTO main.{table} ({', '.join(columns)})"
            f" SELECT {values} FROM {source} ORDER BY rowid"
        )
        return
    *assigned, key_value = staged_columns
    sets = ", ".join(f"{name} = s.{value}" for name, value in zip(columns, assigned, strict=True))
    connection.exec_driver_sql(
        f"UPDATE main.{table} SET {sets} FROM {source} AS s WHERE {table}.{key} = s.{key_value}"
    )


def local_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """The next ``count`` ids of ``table`` (only where ``bulk_traits(...).local_ids``)."""
    start = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
    return list(range(start + 1, start + 1 + count))


def bound_parameter_limit(connection: Connection) -> int:
    """Bound parameters one statement may carry on this connection."""
    driver = connection.connection.dbapi_connection
    getlimit = getattr(driver, "getlimit", None)
    if getlimit is None:
        return SAFE_BOUND_PARAMETERS
    return int(getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def driver_sql(connection: Connection, text: str) -> str:
    """``text`` with ``?`` placeholders in the driver's paramstyle (a literal ``%``, SQL's
    modulo, doubled where the driver reads ``%`` as the start of a placeholder)."""
    if connection.dialect.paramstyle in ("format", "pyformat"):
        return text.replace("%", "%%").replace("?", "%s")
    return text


def one_parameter_ids(bind: Bind, column: str) -> tuple[str, Callable[[list[int]], Any]] | None:
    """SQL true when ``column`` is one of a list of ids bound as one ``?`` parameter, and
    what makes that parameter of a list: SQLite's ``json_each`` of a JSON text (3.33 and
    later, as ``update_from_values``), PostgreSQL's ``= ANY`` of an array. ``None``
    elsewhere (then one statement an id)."""
    if bind.dialect.name == "postgresql":
        return f"{column} = ANY(?)", list
    if bulk_traits(bind).update_from_values:
        return f"{column} IN (SELECT j.value FROM json_each(?) AS j)", json.dumps
    return None


def update_from_values_sql(
    bind: Bind, table: str, columns: Sequence[str], key: str
) -> Callable[[int], str] | None:
    """``UPDATE table SET columns FROM (VALUES ...) AS v WHERE table.key = v.key`` for
    ``count`` rows of ``?`` placeholders (the columns' values, then the key), where the
    database takes it: SQLite 3.33 and later as it is; PostgreSQL with the first row's
    values cast to the columns' types (a ``VALUES`` list is typed by its values, and one
    of NULLs would be text). ``None`` elsewhere (then one statement a row)."""
    width = len(columns) + 1
    sets = ", ".join(f"{name} = v.column{k}" for k, name in enumerate(columns, 1))
    plain = f"({', '.join(['?'] * width)})"
    if bind.dialect.name == "postgresql":
        by_name = {column.name: column for column in ChangeFeed.metadata.tables[table].columns}
        types = [by_name[name].type.compile(dialect=bind.dialect) for name in (*columns, key)]
        first = f"({', '.join(f'CAST(? AS {kind})' for kind in types)})"
    elif bulk_traits(bind).update_from_values:
        first = plain
    else:
        return None

    def statement(count: int) -> str:
        values = ", ".join([first] + [plain] * (count - 1))
        return (
            f"UPDATE {table} SET {sets} FROM (VALUES {values}) AS v"
            f" WHERE {table}.{key} = v.column{width}"
        )

    return statement


def least_per_group_sql(bind: Bind, columns: str, source: str, group_by: str, key: str) -> str:
    """``SELECT columns, key FROM source``, one row per ``group_by`` group: the row of the
    group whose integer ``key`` is least, found without a sort where rows come in group
    order (SQLite's bare columns of ``min()``; PostgreSQL's ``DISTINCT ON``)."""
    if bind.dialect.name == "sqlite":
        return f"SELECT {columns}, min({key}) FROM {source} GROUP BY {group_by}"
    return (
        f"SELECT DISTINCT ON ({group_by}) {columns}, {key} FROM {source} ORDER BY {group_by}, {key}"
    )


def with_index(bind: Bind, table: str, index: str) -> str:
    """``table`` (``tickets t``) told to walk ``index`` where the planner takes hints:
    without statistics SQLite's would rather search another index and sort."""
    return f"{table} INDEXED BY {index}" if bind.dialect.name == "sqlite" else table


def contains_sql(bind: Bind, haystack: str, needle: str) -> str:
    """SQL true when the text ``needle`` occurs in ``haystack`` (case-sensitive)."""
    function = "instr" if bind.dialect.name == "sqlite" else "strpos"
    return f"{function}({haystack}, {needle}) > 0"


COPY_BATCH_ROWS = 5_000


class NulCharacterError(ValueError):
    """A text to copy holds a NUL character, which PostgreSQL cannot keep (SQLite can)."""

    def __init__(self, table: str, column: str, key: str) -> None:
        super().__init__(f"{table}.{column} of {key}")
        self.table = table
        self.column = column
        self.key = key
        """The row's primary key, as ``name=value`` pairs."""


def _copies(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg"


def stored_columns(table: Table) -> list[Column[Any]]:
    """The columns of ``table`` a row is written with: all but the generated ones (the
    names of the clock codes, ``store.schema.name_of_code``)."""
    return [column for column in table.columns if column.computed is None]


def copy_rows(connection: Connection, table: Table, rows: Iterator[Sequence[Any]]) -> int:
    """Insert ``rows`` (values in the order of ``stored_columns``) into ``table`` inside the
    caller's transaction; how many. PostgreSQL through psycopg: one ``COPY ... FROM
    STDIN`` (several times faster than inserts), a text with a NUL character refused
    (``NulCharacterError``); elsewhere ``executemany`` in batches."""
    names = [column.name for column in stored_columns(table)]
    if _copies(connection):
        count = 0

        def checked() -> Iterator[Sequence[Any]]:
            nonlocal count
            for row in rows:
                for name, value in zip(names, row, strict=True):
                    if isinstance(value, str) and "\x00" in value:
                        raise NulCharacterError(table.name, name, _key_text(table, names, row))
                count += 1
                yield row

        copy_values(connection, table.name, names, checked())
        return count
    count = 0
    # The statement's parameters are named by column key: a code column's key is its
    # name's ("metric" for ``metric_code``, ``store.schema.Coded``).
    keys = [column.key for column in stored_columns(table)]
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(dict(zip(keys, row, strict=True)))
        if len(batch) >= COPY_BATCH_ROWS:
            connection.execute(sql_insert(table), batch)
            count += len(batch)
            batch = []
    if batch:
        connection.execute(sql_insert(table), batch)
        count += len(batch)
    return count


def copies_values(connection: Connection) -> bool:
    """Whether ``copy_values`` writes on ``connection``: PostgreSQL through psycopg."""
    return _copies(connection)


def copy_values(
    connection: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in the order of the column names ``columns``) into
    ``table`` by one ``COPY ... FROM STDIN`` in the caller's transaction (only where
    ``copies_values``): a bulk write's rows in one stream instead of one statement each
    (``executemany`` runs every row on the server). The caller has refused texts with a
    NUL character (an import's ``check_storable``) or never makes them (the demo, the
    clock rows)."""
    assert _copies(connection)
    raw: Any = connection.connection.dbapi_connection
    quoted = ", ".join(f'"{name}"' for name in columns)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def _copy_sql(table: Table) -> str:
    quoted = ", ".join(f'"{column.name}"' for column in stored_columns(table))
    return f'COPY "{table.name}" ({quoted}) FROM STDIN'


def _key_text(table: Table, names: Sequence[str], row: Sequence[Any]) -> str:
    keys = [column.name for column in table.primary_key.columns]
    return ", ".join(f"{name}={row[names.index(name)]}" for name in keys)


@contextmanager
def streamed_cursor(connection: Connection) -> Iterator[Any]:
    """A driver cursor on ``connection`` (inside its transaction) whose rows come from the
    database as ``fetchmany`` asks for them: on PostgreSQL a server-side cursor (psycopg's
    plain cursor reads the whole result into memory at ``execute``: ~1.4 GB for the
    8.6 M clock rows of a million tickets); SQLite steps through its rows anyway."""
    raw: Any = connection.connection.dbapi_connection
    if connection.dialect.name == "postgresql":
        cursor = raw.cursor(name=f"slaworkbench_{next(_CURSOR_NAMES)}")
    else:
        cursor = raw.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


_CURSOR_NAMES = itertools.count(1)


COPY_TEXT_ROWS = 20_000
"""Rows of a raw copy fetched from SQLite and written to ``COPY`` at a time."""


def copies_raw_rows(source: Connection, target: Connection, table: Table) -> bool:
    """Whether ``copy_raw_rows`` moves ``table`` from ``source`` to ``target``: SQLite
    into PostgreSQL through psycopg, a table without floating-point columns (whose text
    SQLite would round; those few rows go through ``copy_rows``)."""
    return (
        source.dialect.name == "sqlite"
        and _copies(target)
        and not any(isinstance(column.type, Float) for column in table.columns)
    )


def copy_raw_rows(
    source: Connection, target: Connection, table: Table, *, blank: Sequence[str] = ()
) -> int:
    """Copy every row of ``table`` from SQLite (``source``'s transaction) into PostgreSQL
    (``target``'s) as ``COPY`` text that SQLite itself writes, one line per row, with no
    conversion of values in Python; the columns ``blank`` names are copied as NULL. A
    text with a NUL character is refused (``NulCharacterError``). Returns the rows.

    Each column as PostgreSQL's text format reads it: integers (the timestamps, in UTC
    seconds) as digits, booleans (SQLite's 0/1) as ``t``/``f``, dates (ISO text) and
    every other text (JSON included) with backslash, tab, line feed and carriage return
    escaped, NULL as ``\\N``. Only where ``copies_raw_rows``."""
    fields = " || char(9) || ".join(
        "'\\N'" if column.name in blank else _copy_text_sql(column)
        for column in stored_columns(table)
    )
    reader: Any = source.connection.dbapi_connection
    writer: Any = target.connection.dbapi_connection
    cursor = reader.cursor()
    count = 0
    try:
        cursor.execute(f'SELECT {fields} FROM "{table.name}"')
        with writer.cursor() as out, out.copy(_copy_sql(table)) as copy:
            while rows := cursor.fetchmany(COPY_TEXT_ROWS):
                text = "\n".join([row[0] for row in rows])
                if "\x00" in text:
                    raise _nul_in(table, [row[0] for row in rows])
                copy.write(text)
                copy.write("\n")
                count += len(rows)
    finally:
        cursor.close()
    return count


def _copy_text_sql(column: Column[Any]) -> str:
    """SQLite's expression of ``column`` in PostgreSQL's ``COPY`` text format."""
    name = f'"{column.name}"'
    if isinstance(column.type, Boolean):
        value = f"CASE WHEN {name} IS NULL THEN NULL WHEN {name} THEN 't' ELSE 'f' END"
    elif isinstance(column.type, Integer):
        value = f"CAST({name} AS TEXT)"
    elif isinstance(column.type, LargeBinary):  # bytea's hex form, its backslash escaped
        value = f"CASE WHEN {name} IS NULL THEN NULL ELSE '\\\\x' || lower(hex({name})) END"
    else:
        value = name
        for char, escaped in (("'\\'", "'\\\\'"), ("char(9)", "'\\t'"), ("char(10)", "'\\n'"),
                              ("char(13)", "'\\r'")):  # fmt: skip
            value = f"replace({value}, {char}, {escaped})"
    return f"coalesce({value}, '\\N')"


def _nul_in(table: Table, lines: Sequence[str]) -> NulCharacterError:
    names = [column.name for column in stored_columns(table)]
    line = next(line for line in lines if "\x00" in line)
    fields = line.split("\t")
    column = next(name for name, field in zip(names, fields, strict=True) if "\x00" in field)
    return NulCharacterError(table.name, column, _key_text(table, names, fields))


@contextmanager
def constraints_after_load(connection: Connection) -> Iterator[None]:
    """For a load into empty tables in the caller's transaction: on PostgreSQL the
    secondary indexes, unique and foreign-key constraints are dropped first and created
    again (checked, in the same transaction) when the load ends, which builds each index
    once from sorted rows instead of row by row and checks each reference in one join
    instead of one trigger per row (what ``pg_restore`` does). Primary keys stay. On an
    error nothing is created again: the caller's rollback restores them. Elsewhere
    nothing is done."""
    if connection.dialect.name != "postgresql":
        yield
        return
    constraints = connection.exec_driver_sql(
        "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype"
        " FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid"
        " WHERE r.relnamespace = current_schema()::regnamespace AND c.contype IN ('u', 'f')"
    ).all()
    indexes = connection.exec_driver_sql(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
        " FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid"
        " WHERE r.relnamespace = current_schema()::regnamespace"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid"
        " AND c.conrelid = i.indrelid)"
    ).all()
    foreign = [row for row in constraints if row[3] == "f"]
    unique = [row for row in constraints if row[3] == "u"]
    for table, name, _definition, _kind in [*foreign, *unique]:
        connection.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for index, _definition in indexes:
        connection.exec_driver_sql(f"DROP INDEX {index}")
    yield
    connection.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
    for _index, definition in indexes:
        connection.exec_driver_sql(definition)
    for table, name, definition, _kind in [*unique, *foreign]:
        connection.exec_driver_sql(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def reset_id_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """After rows were copied with their ids: let the next insert take ``max(id) + 1``
    (PostgreSQL's sequences do not follow copied ids; SQLite takes ``max(id)`` anyway)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.columns or table.c.id.autoincrement is False:
            continue
        if not isinstance(table.c.id.type, Integer):
            continue
        connection.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
            f'COALESCE((SELECT max(id) FROM "{table.name}"), 0) + 1, false) '
            f"WHERE pg_get_serial_sequence('\"{table.name}\"', 'id') IS NOT NULL"
        )


def alters_tables_in_batches(bind: Bind) -> bool:
    """Whether migrations must copy a table to alter it (SQLite's ``ALTER TABLE`` is
    limited)."""
    return bind.dialect.name == "sqlite"


# --- one writer at a time across desktops ---------------------------------------------

RECOMPUTE_LOCK = 0x534C_4157_0001
"""Advisory lock key: one recompute at a time on a server (``exclusive_run``)."""
IMPORT_LOCK = 0x534C_4157_0002
"""Advisory lock key: one import's write at a time on a server (``lock_for_writers``)."""
ROLLUP_LOCK = 0x534C_4157_0003
"""Advisory lock key: one transaction at a time writes the rollups' rows on a server
(``store/analytics/rollup.py``, ``lock_for_writers``)."""


@contextmanager
def exclusive_run(engine: Engine, key: int) -> Iterator[bool]:
    """Hold ``key`` for a run of several transactions; yields whether another holder had
    to be waited for first.

    PostgreSQL: a session-level ``pg_advisory_lock`` on a connection of its own, released
    when the run ends (or when that connection dies with the process), so desktops
    sharing a server take turns. SQLite: nothing more is needed or possible across
    processes than the write lock every write transaction already takes
    (``BEGIN IMMEDIATE``), so this yields False at once.
    """
    if engine.dialect.name != "postgresql":
        yield False
        return
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        got = connection.execute(select(func.pg_try_advisory_lock(key))).scalar_one()
        if not got:
            connection.execute(select(func.pg_advisory_lock(key)))
        try:
            yield not got
        finally:
            with suppress(DBAPIError):  # a dead connection has released it already
                connection.execute(select(func.pg_advisory_unlock(key)))


def lock_for_writers(connection: Connection, key: int) -> None:
    """Take ``key`` until the caller's transaction ends (PostgreSQL's
    ``pg_advisory_xact_lock``); on SQLite the transaction's write lock already orders
    writers."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(key)))


def lock_rows(connection: Connection, table: Table, ids: Sequence[int]) -> bool:
    """Lock these rows of ``table`` (by ``id``, in id order so two lockers never deadlock)
    until the caller's transaction ends; returns whether anything was done. SQLite's write
    transaction holds the whole database already, so there it returns False."""
    if connection.dialect.name == "sqlite" or not ids:
        return False
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), SAFE_BOUND_PARAMETERS):
        batch = ordered[start : start + SAFE_BOUND_PARAMETERS]
        connection.execute(
            select(table.c.id).where(table.c.id.in_(batch)).order_by(table.c.id).with_for_update()
        ).all()
    return True


def is_permission_refusal(error: BaseException | None) -> bool:
    """Whether the database refused a statement for the login's privileges (or a policy
    version's append-only trigger refused it): SQLSTATE 42501 on PostgreSQL."""
    return getattr(error, "sqlstate", None) == "42501"
