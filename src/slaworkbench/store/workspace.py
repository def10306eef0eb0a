"""Opening a workspace: check the file, back up and migrate an older one, seed a new one.

``open_workspace`` is the only way in. For a SQLite file, SQLite itself first reads it
read-only (``store/workspace_file.py``: the write-ahead log replayed, ``PRAGMA
quick_check``) *before* anything may write to it, so a file that is refused (not a
database, damaged, another program's, written by a newer program, read-only) keeps every
byte. Our files carry ``PRAGMA application_id`` and a ``workspace_identity`` row
(migration 0004); an older file of ours without them is recognised by its revision and
its tables, and marked when it is upgraded. An older file is first backed up beside it
(``store/backups.py``), then upgraded by Alembic in one transaction. Only ``create=True``
creates a workspace, and only as a new file in an existing folder; it is created at the
newest revision and seeded (``store/seed.py``). A write lock held by another connection
for longer than the busy timeout ends in ``WorkspaceBusyError``, a sentence.

The quick check is skipped for a file recorded as whole and unchanged since
(``store/checked_files.py``); closing a workspace cleanly records it. Damage SQLite
meets in any statement later is the damaged sentence, and drops the record.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event, exists, inspect, select, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from slaworkbench import config
from slaworkbench.i18n import tr
from slaworkbench.store import dialect, workspace_file
from slaworkbench.store.backups import back_up
from slaworkbench.store.checked_files import CheckedFiles, identity_of, logs_are_empty
from slaworkbench.store.errors import (
    PermissionRefusedError,
    ServerUnreachableError,
    WorkspaceError,
)
from slaworkbench.store.schema import SQLITE_APPLICATION_ID, Ticket

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

SCHEMA_REVISION = "0037"
"""The newest migration's revision (a test pins it to alembic's head). Opening a file
at this revision needs no alembic at all, which keeps start-up quick."""

CORE_TABLES = frozenset(
    {
        "agents",
        "calendar_holidays",
        "calendars",
        "customers",
        "policies",
        "policy_versions",
        "teams",
        "ticket_clocks",
        "ticket_events",
        "tickets",
        "workspace_meta",
    }
)
"""The tables every revision of our schema has (0001 made them): with a known revision,
they recognise a file of ours written before 0004 marked our files."""

log = logging.getLogger(__name__)

MIGRATIONS_DIR = config.package_folder("slaworkbench.store", "migrations")
_WROTE = "slaworkbench_wrote"


# --- Alembic, run programmatically ------------------------------------------------------


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _scripts() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest revision, as the migration scripts say (slow: parses them all)."""
    head = _scripts().get_current_head()
    assert head is not None
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` inside the connection's transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def current_revision(connection: Connection) -> str | None:
    """The file's revision, read with plain SQL (None when it has no version table)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    try:
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


# --- the workspace ----------------------------------------------------------------------


class Workspace:
    """An open workspace: an engine plus sessions with a transaction each."""

    def __init__(self, url: str, engine: Engine, *, damage: DamageWatch | None = None) -> None:
        self.url = url
        self.engine = engine
        path = dialect.sqlite_file_path(url)
        self._file = path
        self._damage = damage if damage is not None or path is None else DamageWatch(engine, path)
        self.where = str(path) if path is not None else _hidden(engine)
        """The file, or the URL without its password: how sentences name the workspace."""
        self._write_engine = engine.execution_options(**{dialect.WRITE_OPTION: True})
        self._track_changes = dialect.needs_change_counter(engine)
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self._data_version: dialect.DataVersion | None = None
        self.info: dict[str, object] = {}
        """Facts about this workspace asked once per opening (e.g. the acting role)."""
        if self._track_changes:
            for factory in (self._sessions, self._write_sessions):
                event.listen(factory, "do_orm_execute", _note_orm_write)
                event.listen(factory, "after_flush", _note_flush)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({self.engine.url.render_as_string(hide_password=True)!r})"

    @contextmanager
    def session(self, *, write: bool = False, derived: bool = False) -> Iterator[Session]:
        """One ``Session`` in one transaction: committed on success, rolled back on error.

        ``write=True`` takes SQLite's write lock when the transaction begins
        (``BEGIN IMMEDIATE``), so a read-then-write use case waits for other writers
        instead of failing half-way; use it for every session that will write.
        ``derived=True`` writes only bookkeeping that no screen shows (the escalation
        plan): it does not bump the change feed, so other desktops and this window's
        watcher are not told of a change that changes nothing they show (each refresh of
        the plan would otherwise reload every open screen and re-plan again).
        """
        factory = self._write_sessions if write else self._sessions
        with _busy_as_sentence(self.where), factory() as session:
            try:
                yield session
                if self._track_changes and not derived:
                    session.flush()
                    if session.info.pop(_WROTE, False):
                        dialect.bump_change_counter(session.connection())
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def sessions_in_one_snapshot(self, count: int) -> Iterator[list[Session]]:
        """Up to ``count`` read sessions, one connection each (one per thread), that all
        read the same state of the workspace (``dialect.connections_in_one_snapshot``:
        fewer where connections cannot share one, as in an in-memory database); their
        transactions are rolled back when the block ends. Writers are kept out for the
        moment the snapshots are taken: a write lock held longer than the busy timeout is
        the busy sentence, as for ``begin``."""
        with (
            _busy_as_sentence(self.where),
            dialect.connections_in_one_snapshot(self.engine, count) as connections,
        ):
            sessions = [Session(bind=connection) for connection in connections]
            try:
                yield sessions
            finally:
                for session in sessions:
                    session.close()

    def derived_writes_are_silent(self) -> bool:
        """Whether a ``session(derived=True)`` write leaves the version other desktops
        watch unchanged: true where that version is the change counter (a server), false
        on a file, whose ``PRAGMA data_version`` moves with every commit."""
        return self._track_changes

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A Core connection in one write transaction (bulk inserts, batch updates)."""
        with _busy_as_sentence(self.where), self._write_engine.begin() as connection:
            yield connection
            if self._track_changes:
                dialect.bump_change_counter(connection)

    @contextmanager
    def run_of_transactions(self) -> Iterator[Callable[[], AbstractContextManager[Connection]]]:
        """A ``begin`` for a run of write transactions on one connection held for the
        run, with a page cache that keeps what one transaction read for the next and the
        log copied into the file less often (``dialect.settings_for_a_run``): a
        recompute reads a ticket's pages to select it, again to evaluate it and again to
        write it. Each transaction commits on its own, as with ``begin``."""
        with _busy_as_sentence(self.where), self._write_engine.connect() as connection:

            @contextmanager
            def begin() -> Iterator[Connection]:
                with _busy_as_sentence(self.where), connection.begin():
                    yield connection
                    if self._track_changes:
                        dialect.bump_change_counter(connection)

            with dialect.settings_for_a_run(connection):
                yield begin

    @contextmanager
    def begin_bulk(self, *, staged: bool = False) -> Iterator[Connection]:
        """``begin`` for one very large write (a demo, a big import), with the database's
        settings for a bulk load for its length (``dialect.bulk_load_settings``);
        ``staged``: with a database attached for rows staged elsewhere, where the
        database takes them (``dialect.staging``)."""
        with (
            _busy_as_sentence(self.where),
            self._write_engine.connect() as connection,
            dialect.bulk_load_settings(connection),
            dialect.staging(connection) if staged else nullcontext(),
            connection.begin(),
        ):
            yield connection
            if self._track_changes:
                dialect.bump_change_counter(connection)

    @contextmanager
    def one_at_a_time(self, key: int) -> Iterator[bool]:
        """``dialect.exclusive_run`` of ``key`` on this workspace (yields whether another
        holder was waited for), a server that went away said as the one sentence."""
        with _busy_as_sentence(self.where), dialect.exclusive_run(self.engine, key) as waited:
            yield waited

    def is_empty(self) -> bool:
        """Whether the workspace holds no tickets yet."""
        with _busy_as_sentence(self.where), self.engine.connect() as connection:
            return not connection.execute(select(exists().where(Ticket.id.is_not(None)))).scalar()

    def data_version(self) -> int:
        """A number that changes whenever another connection or process commits."""
        with _busy_as_sentence(self.where):
            if self._data_version is None:
                self._data_version = dialect.data_version_for(self.engine)
            return self._data_version.current()

    def close(self) -> None:
        if self._data_version is not None:
            self._data_version.close()
            self._data_version = None
        self.engine.dispose()
        self._remember_if_whole()

    def _remember_if_whole(self) -> None:
        """Record the file as whole after a clean close: every connection of this engine
        closed (the last one checkpointed and removed the write-ahead log), no log left
        beside it, and no damage met while it was open."""
        if self._file is None or self._damage is None or self._damage.met:
            return
        checked_out = getattr(self.engine.pool, "checkedout", None)
        if checked_out is not None and checked_out() > 0:
            return  # a connection still in use (a transaction may be open)
        if not logs_are_empty(self._file):
            return  # another connection still writes, or a checkpoint was cut short
        identity = identity_of(self._file)
        if identity is not None:
            self._damage.checked.remember(identity)


class DamageWatch:
    """Damage SQLite meets in any statement of ``engine`` becomes the damaged sentence
    (``workspace_file.damaged_while_reading``) instead of a database error, and the file's
    record as whole is dropped so that the next open checks it in full."""

    def __init__(self, engine: Engine, path: Path, checked: CheckedFiles | None = None) -> None:
        self.path = path
        self.checked = CheckedFiles() if checked is None else checked
        self.met = False
        event.listen(engine, "handle_error", self._on_error)

    def _on_error(self, context: ExceptionContext) -> None:
        error = context.original_exception
        if not workspace_file.is_corrupt(error):
            return
        self.met = True
        self.checked.forget(self.path)
        raise workspace_file.damaged_while_reading(self.path, str(error)) from error


@contextmanager
def _busy_as_sentence(where: str) -> Iterator[None]:
    """Turn SQLite's "database is locked" after the busy timeout, a full disk, a read-only
    file and an input/output error, and a team server that went away, into sentences
    (``WorkspaceError``)."""
    try:
        yield
    except DBAPIError as error:
        if dialect.server_unreachable(error):
            raise ServerUnreachableError(where) from error
        if dialect.is_permission_refusal(error.orig):
            raise PermissionRefusedError(
                tr(
                    "The server refused this for your login; ask an admin for a role that may "
                    "do it. Nothing was changed."
                )
            ) from error
        if not isinstance(error, OperationalError):
            raise
        if workspace_file.is_busy(error.orig):
            raise workspace_file.busy_error(where) from error
        failure = workspace_file.write_failure(error.orig, where)
        if failure is not None:
            raise failure from error
        raise


def _note_orm_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


def _note_flush(session: Session, _context: Any) -> None:
    session.info[_WROTE] = True


# --- opening ----------------------------------------------------------------------------


def open_workspace(
    url: str | None = None,
    *,
    create: bool = True,
    reading: bool = False,
    on_phase: workspace_file.PhaseListener | None = None,
) -> Workspace:
    """Open (and if needed create, back up and migrate) the workspace at ``url``.

    ``url`` is a SQLAlchemy URL or a file path; ``None`` means ``--database`` /
    ``SLAWORKBENCH_DATABASE`` / the default file (``config.resolve_database_url``).
    ``create=False`` refuses a file that does not exist yet; ``create=True`` creates a
    missing file, but never a missing folder, and never turns an existing zero-byte file
    into a workspace (a workspace emptied by a crash or a full disk must not be papered
    over: the sentence says to restore or delete it).
    ``reading=True`` (a command that only reads it: a report, an export) skips
    reading every page of a file at the newest revision that is not recorded whole
    (``workspace_file.examine``'s ``in_full``): a file another process has open beside
    its write-ahead log is never recorded so, and that check takes ~11 s at a million
    tickets. Damage is then said where a read meets it; a file to upgrade is checked in
    full first, since the upgrade writes it.
    ``on_phase`` (called on the opening thread) hears each slow step as it begins — the
    check of every page, the backup before an upgrade, the upgrade — so that a window
    can say what it waits for; an open with none of them calls it never.
    Raises ``WorkspaceError`` with a sentence when the workspace cannot be used.
    """
    resolved = config.resolve_database_url(url)
    path = dialect.sqlite_file_path(resolved)
    checked = CheckedFiles()
    if path is not None:
        _check_sqlite_file(path, checked, create=create, reading=reading, on_phase=on_phase)
    engine = dialect.make_engine(resolved)
    damage = DamageWatch(engine, path, checked) if path is not None else None
    where = str(path) if path is not None else _hidden(engine)
    try:
        with _busy_as_sentence(where):
            _migrate(engine, where, create=create, on_phase=on_phase)
    except BaseException:
        engine.dispose()
        raise
    return Workspace(resolved, engine, damage=damage)


def _hidden(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _check_sqlite_file(
    path: Path,
    checked: CheckedFiles,
    *,
    create: bool,
    reading: bool = False,
    on_phase: workspace_file.PhaseListener | None = None,
) -> None:
    """Everything that can refuse a file, done read-only; backs up a file to migrate."""
    try:
        _check_and_back_up(path, checked, create=create, reading=reading, on_phase=on_phase)
    except (OSError, sqlite3.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise WorkspaceError(
            tr(
                "The workspace {path} could not be checked or backed up ({reason}); free some "
                "disk space or check its permissions, then try again. The file was left "
                "untouched."
            ).format(path=path, reason=reason)
        ) from error


def _check_and_back_up(
    path: Path,
    checked: CheckedFiles,
    *,
    create: bool,
    reading: bool = False,
    on_phase: workspace_file.PhaseListener | None = None,
) -> None:
    if path.is_dir():
        raise WorkspaceError(
            tr("{path} is a folder, not a workspace file; choose a file.").format(path=path)
        )
    if not path.exists():
        if not path.parent.is_dir():
            raise WorkspaceError(
                tr(
                    "The folder {folder} does not exist, so there is no workspace at {path}; "
                    "check the path. Nothing was created."
                ).format(folder=path.parent, path=path)
            )
        if not create:
            raise WorkspaceError(
                tr("There is no workspace at {path}; check the path or create a new one.").format(
                    path=path
                )
            )
        return
    if path.stat().st_size == 0:
        text = tr(
            "{path} is an empty file (0 bytes), not a workspace, so it was left untouched; "
            "if it held your workspace, restore a backup, otherwise delete it or choose "
            "another file."
        ).format(path=path)
        newest = workspace_file.newest_backup(path)
        raise WorkspaceError(text if newest is None else text + " " + newest)
    facts = workspace_file.examine(path, checked, in_full=not reading, on_phase=on_phase)
    if reading and facts.revision != SCHEMA_REVISION:
        # an upgrade writes: checked first
        facts = workspace_file.examine(path, checked, on_phase=on_phase)
    _check_identity(path, facts)
    _check_revision(str(path), facts.tables, facts.revision, create=create)
    if not facts.writable:
        raise workspace_file.read_only_error(path)
    if facts.revision is not None and facts.revision != SCHEMA_REVISION:
        if on_phase is not None:
            on_phase(workspace_file.OpeningPhase.BACKING_UP)
        backup = back_up(path, facts.revision)
        log.info(
            "Backed up %s to %s before upgrading it from %s", path, backup.path, backup.revision
        )


def _check_identity(path: Path, facts: workspace_file.FileFacts) -> None:
    """Refuse a database that is not ours: no mark, and not an older file of ours."""
    if facts.marked:
        return
    if facts.application_id == 0 and not facts.tables:
        return  # an empty database: nothing in it to lose (``_check_revision`` decides)
    older_of_ours = (
        facts.application_id == 0
        and facts.revision is not None
        and facts.tables >= CORE_TABLES
        and facts.revision in known_revisions()
    )
    if not older_of_ours:
        raise WorkspaceError(
            tr(
                "{where} is a database but not an SLA Workbench workspace; choose another "
                "file. It was left untouched."
            ).format(where=path)
        )


def _check_revision(
    where: str, tables: set[str] | frozenset[str], revision: str | None, *, create: bool
) -> None:
    user_tables = {name for name in tables if name != "alembic_version"}
    if revision is None and user_tables:
        raise WorkspaceError(
            tr(
                "{where} is a database but not an SLA Workbench workspace; choose another "
                "file. It was left untouched."
            ).format(where=where)
        )
    if revision is None and not create:
        raise WorkspaceError(
            tr("{where} holds no workspace yet; create one first.").format(where=where)
        )
    if revision is not None and revision != SCHEMA_REVISION and revision not in known_revisions():
        raise WorkspaceError(
            tr(
                "This workspace was written by a newer SLA Workbench (revision {revision}). "
                "Install the newer version to open it; the file was left untouched."
            ).format(revision=revision)
        )


def _migrate(
    engine: Engine,
    where: str,
    *,
    create: bool,
    on_phase: workspace_file.PhaseListener | None = None,
) -> None:
    """Bring the schema to head in one write transaction; seed a workspace just created;
    mark a SQLite file as ours if it is not yet (a copy made with ``.dump`` loses it)."""
    head = SCHEMA_REVISION
    with engine.connect() as reader:
        if current_revision(reader) == head and _marked(reader):
            return  # the usual case: nothing to migrate, no write lock taken
    from slaworkbench.store.roles import regrant_after_upgrade
    from slaworkbench.store.seed import seed_workspace

    writer = engine.execution_options(**{dialect.WRITE_OPTION: True})
    with writer.begin() as connection:
        revision = current_revision(connection)
        if revision == head:
            _mark(connection)
            return
        tables = set(inspect(connection).get_table_names())
        _check_revision(where, tables, revision, create=create)
        if revision is not None and on_phase is not None:
            on_phase(workspace_file.OpeningPhase.UPGRADING)
        started = time.monotonic()
        with dialect.sort_threads(connection):
            # A new file is made at head in one step where the program ships that schema.
            if revision is not None or tables or not dialect.create_new_at_head(connection, head):
                upgrade(connection, "head")
        if revision is None:
            with Session(bind=connection) as session:
                seed_workspace(session)
                session.commit()  # joins the outer transaction; it commits below
        elif regrant_after_upgrade(connection):
            log.info("Workspace %s: the team's group roles granted again after the upgrade", where)
        log.info(
            "Workspace %s upgraded from %s to %s in %.1fs",
            where,
            revision or "nothing",
            head,
            time.monotonic() - started,
        )
    if revision is not None:
        started = time.monotonic()
        given_back = dialect.reclaim_free_pages(engine)
        if given_back is not None:
            log.info(
                "Workspace %s: %.1f MB that the upgrade left unused given back in %.1fs",
                where,
                given_back / 1e6,
                time.monotonic() - started,
            )


def _marked(connection: Connection) -> bool:
    if connection.dialect.name != "sqlite":
        return True
    value = connection.exec_driver_sql("PRAGMA application_id").scalar()
    return value == SQLITE_APPLICATION_ID


def _mark(connection: Connection) -> None:
    if connection.dialect.name == "sqlite" and not _marked(connection):
        connection.exec_driver_sql(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")
