"""Looking at a SQLite workspace file before anything may write to it.

``examine`` lets SQLite itself decide whether a file is whole: it opens the file
read-only (which replays a write-ahead log that a killed or still running process left
behind, and waits out a checkpoint in progress), runs ``PRAGMA quick_check`` and reads
the few facts ``store.workspace`` needs to tell our file from another program's. Only
what SQLite reports as corrupt is called damaged, and the sentence then names the newest
backup and what restoring it would lose.

The quick check reads every page, so it is skipped for a file ``store.checked_files``
recorded as whole (a check that passed, or a clean close by this program) whose identity
has not changed since and that has no log beside it. Damage SQLite meets later, while
reading, is the same sentence (``damaged_while_reading``).

Nothing here writes to the file, with one exception: a hot rollback journal (a
transaction cut short in rollback-journal mode) must be rolled back before the file can
be read at all, and that is done only when the header already carries our
``application_id`` — a file of another program is refused as it is.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from urllib.parse import quote

from slaworkbench import formatting
from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.backups import list_backups
from slaworkbench.store.checked_files import CheckedFiles, identity_of, logs_are_empty
from slaworkbench.store.errors import WorkspaceBusyError, WorkspaceError
from slaworkbench.store.schema import SQLITE_APPLICATION_ID

_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_READONLY_ROLLBACK = 776  # a hot journal a read-only connection may not roll back
_CANNOT_OPEN_READ_ONLY = {14, 8}  # SQLITE_CANTOPEN, SQLITE_READONLY_* (no -shm possible)


class OpeningPhase(Enum):
    """The slow steps of opening a workspace, told to whoever waits for it
    (``open_workspace``'s ``on_phase``): the window says what it is waiting for."""

    CHECKING = "checking"
    """Every page of the file read by ``PRAGMA quick_check`` (~11 s at a million tickets)."""
    BACKING_UP = "backing_up"
    """The file copied before an upgrade."""
    UPGRADING = "upgrading"
    """The schema brought to this version's revision, in one transaction."""


PhaseListener = Callable[[OpeningPhase], None]


@dataclass(frozen=True, slots=True)
class FileFacts:
    """What a whole SQLite file says about itself."""

    application_id: int
    tables: frozenset[str]
    revision: str | None
    has_identity: bool
    """Whether ``workspace_identity`` holds its row."""
    writable: bool
    """Whether this process may write the file and create files beside it."""

    @property
    def marked(self) -> bool:
        return self.application_id == SQLITE_APPLICATION_ID


def examine(
    path: Path,
    checked: CheckedFiles | None = None,
    *,
    in_full: bool = True,
    on_phase: PhaseListener | None = None,
) -> FileFacts:
    """The facts of the existing, non-empty SQLite file ``path``, or a ``WorkspaceError``
    (not a database, damaged, busy, unreadable, an unfinished foreign transaction).

    ``checked`` is the record of files known whole (by default the program's): a file it
    holds unchanged is not read in full; a file that passes the check is added to it.
    ``in_full=False`` (a command that only reads): the facts without reading every page,
    as for a file recorded whole, when they can be read; damage elsewhere is met, and
    said, where a read meets it (``workspace.DamageWatch``). Anything that cannot be
    read so is examined in full, which says what is wrong. ``on_phase`` hears
    ``CHECKING`` before a check of every page."""
    checked = CheckedFiles() if checked is None else checked
    if not in_full or checked.is_whole(path):  # a reading command needs no record
        try:
            return _read_facts(path, immutable=False, check=False)
        except sqlite3.Error:
            checked.forget(path)  # a whole file must read; this one is checked in full
    before = identity_of(path) if logs_are_empty(path) else None
    if on_phase is not None:
        on_phase(OpeningPhase.CHECKING)
    facts = _examine_in_full(path)
    checked.remember_if_unchanged(before, path)
    return facts


def _examine_in_full(path: Path) -> FileFacts:
    header = _read_header(path)
    if not header.startswith(dialect.SQLITE_HEADER):
        if len(header) < len(dialect.SQLITE_HEADER) and dialect.SQLITE_HEADER.startswith(header):
            raise damaged_error(path, tr("the file ends inside its header"))
        raise WorkspaceError(
            tr(
                "{path} is not an SLA Workbench workspace (it is not a SQLite database); "
                "choose another file. The file was left untouched."
            ).format(path=path)
        )
    try:
        return _read_facts(path, immutable=False)
    except sqlite3.Error as error:
        code = _code(error)
        if code == _READONLY_ROLLBACK:
            return _after_rolling_back(path, header)
        if code & 0xFF in _CANNOT_OPEN_READ_ONLY and _unwritten_log_is_empty(path):
            # A folder this process may not write to: SQLite cannot make the shared-memory
            # file it reads a write-ahead log with, and there is no log to read.
            try:
                return _read_facts(path, immutable=True)
            except sqlite3.Error as second:
                raise _as_workspace_error(path, second) from second
        raise _as_workspace_error(path, error) from error


def damaged_error(path: Path, detail: str) -> WorkspaceError:
    """The sentence for a file SQLite reports as damaged, naming the backup to restore."""
    text = tr(
        "The workspace {path} is damaged ({detail}), so it was not opened; the file was "
        "left untouched."
    ).format(path=path, detail=detail)
    return WorkspaceError(text + " " + backup_advice(path))


def damaged_while_reading(path: Path, detail: str) -> WorkspaceError:
    """The sentence for damage SQLite met in an open workspace (the check at open was
    skipped for a file recorded whole, or the file was damaged since it was opened)."""
    text = tr(
        "The workspace {path} is damaged ({detail}): SQLite met the damage while reading "
        "it, so what was under way stopped and nothing more was written to it."
    ).format(path=path, detail=detail)
    return WorkspaceError(text + " " + backup_advice(path))


def is_corrupt(error: BaseException | None) -> bool:
    """Whether SQLite reported ``error`` for a damaged file (``SQLITE_CORRUPT``, "file is
    not a database")."""
    return isinstance(error, sqlite3.Error) and _code(error) & 0xFF in _CORRUPT


def backup_advice(path: Path) -> str:
    newest = newest_backup(path)
    if newest is None:
        return tr(
            "There is no backup of it beside it: keep a copy of the file and recover what "
            "you can with the sqlite3 tool's .recover command."
        )
    return newest


def newest_backup(path: Path) -> str | None:
    """A sentence naming the newest backup of ``path`` and what restoring it loses."""
    backups = list_backups(path)
    if not backups:
        return None
    newest = backups[0]
    return tr(
        "The newest backup is {backup}, taken {when} UTC; restoring it loses every change "
        "made after that."
    ).format(backup=newest.path.name, when=formatting.date_time(newest.taken_at))


def busy_error(where: str) -> WorkspaceBusyError:
    seconds = dialect.BUSY_TIMEOUT_MS / 1000
    return WorkspaceBusyError(
        tr(
            "The workspace {where} is busy: another program or window has been writing to "
            "it for more than {seconds} s. Wait until it has finished and try again; "
            "nothing was changed."
        ).format(where=where, seconds=formatting.decimal(seconds))
    )


def read_only_error(path: Path) -> WorkspaceError:
    return WorkspaceError(
        tr(
            "The workspace {path} cannot be written (the file or its folder is read-only), "
            "so it was not opened; copy it to a folder you may write to, or ask for write "
            "access. The file was left untouched."
        ).format(path=path)
    )


_FULL, _READONLY, _IOERR, _CANTOPEN = 13, 8, 10, 14


def write_failure(error: BaseException | None, where: str) -> WorkspaceError | None:
    """A sentence for SQLite failing to write (disk full, read-only, input/output error),
    else ``None``. The transaction was rolled back, so nothing was changed."""
    if not isinstance(error, sqlite3.Error):
        return None
    code = _code(error) & 0xFF
    workspace = Path(where)
    if code == _FULL or (code in (_IOERR, _CANTOPEN) and _disk_nearly_full(workspace)):
        reason = tr("the disk is full")
        advice = tr("free some space and try again")
        temporary = sqlite_temporary_folder() if code == _FULL else None
        if (
            temporary is not None
            and not _disk_nearly_full(workspace)
            and not _same_disk(temporary, workspace)
        ):
            # A large write also sorts into temporary files (a bulk load's indexes, an
            # upgrade), and the workspace's disk has room: the full one may be that
            # folder's, which the rolled-back write no longer shows.
            reason = tr(
                "a disk is full: the workspace's, or that of the temporary folder {folder}"
            ).format(folder=temporary)
            advice = tr(
                "free some space (or set SQLITE_TMPDIR to a folder on a larger disk) and try again"
            )
    elif code == _READONLY:
        reason = tr("the file or its folder is read-only")
        advice = tr("ask for write access or copy it to a folder you may write to")
    elif code in (_IOERR, _CANTOPEN):
        reason = tr("the disk refused a read or a write")
        advice = tr("check the disk (space, permissions, a removed drive) and try again")
    else:
        return None
    return WorkspaceError(
        tr(
            "The workspace {where} could not be written ({reason}); {advice}. Nothing was changed."
        ).format(where=where, reason=reason, advice=advice)
    )


def sqlite_temporary_folder() -> Path | None:
    """The folder SQLite writes its temporary files to: on Unix the first writable one of
    ``SQLITE_TMPDIR``, ``TMPDIR``, ``/var/tmp``, ``/usr/tmp`` and ``/tmp`` (SQLite's own
    order), elsewhere the system's temporary folder."""
    if os.name == "nt":
        return Path(tempfile.gettempdir())
    for folder in (
        os.environ.get("SQLITE_TMPDIR"),
        os.environ.get("TMPDIR"),
        "/var/tmp",
        "/usr/tmp",
        "/tmp",
    ):
        if folder and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return Path(folder)
    return None


def _same_disk(folder: Path, workspace: Path) -> bool:
    """Whether ``folder`` is on the file system of the ``workspace`` file (when either
    cannot be looked at: taken as the same, the plain sentence)."""
    try:
        return os.stat(folder).st_dev == os.stat(workspace.parent).st_dev
    except OSError:
        return True


_NEARLY_FULL = 1 << 20
"""Free bytes below which an input/output error is put down to a full disk (SQLite reports
a failed write of its shared-memory or log file as an I/O error, not as "full")."""


def _disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL
    except OSError:
        return False


def is_busy(error: BaseException | None) -> bool:
    return isinstance(error, sqlite3.Error) and _code(error) & 0xFF in _BUSY


# --- reading ----------------------------------------------------------------------------


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(100)
    except OSError as error:
        raise WorkspaceError(
            tr("The workspace {path} could not be read ({error}); check its permissions.").format(
                path=path, error=error.strerror or error
            )
        ) from error


def _read_facts(path: Path, *, immutable: bool, check: bool = True) -> FileFacts:
    uri = "file:" + quote(str(path)) + ("?immutable=1" if immutable else "?mode=ro")
    connection = sqlite3.connect(uri, uri=True, timeout=dialect.BUSY_TIMEOUT_MS / 1000)
    with closing(connection):
        application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
        if check:
            quick_check(connection, path)
        tables = frozenset(
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        revision = None
        if "alembic_version" in tables:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
            revision = str(rows[0][0]) if len(rows) == 1 else None
        has_identity = "workspace_identity" in tables and bool(
            connection.execute("SELECT count(*) FROM workspace_identity").fetchone()[0]
        )
    writable = not immutable and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    return FileFacts(application_id, tables, revision, has_identity, writable)


def quick_check(connection: sqlite3.Connection, path: Path) -> None:
    """``PRAGMA quick_check``: every page read, the damaged sentence for what it finds."""
    problems = [str(row[0]) for row in connection.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise damaged_error(path, "; ".join(problems))


def _after_rolling_back(path: Path, header: bytes) -> FileFacts:
    """Roll back the hot journal of one of our files, then read it; refuse any other."""
    if len(header) < 72 or int.from_bytes(header[68:72], "big") != SQLITE_APPLICATION_ID:
        raise WorkspaceError(
            tr(
                "{path} holds a transaction another program did not finish (the file "
                "{journal} beside it); it is not an SLA Workbench workspace, so it was left "
                "untouched. Open it with the program that wrote it."
            ).format(path=path, journal=path.name + "-journal")
        )
    try:
        writer = sqlite3.connect(path, timeout=dialect.BUSY_TIMEOUT_MS / 1000)
        with closing(writer):
            writer.execute("PRAGMA application_id").fetchone()  # reading rolls it back
        return _read_facts(path, immutable=False)
    except sqlite3.Error as error:
        if _code(error) & 0xFF in _CANNOT_OPEN_READ_ONLY:
            raise read_only_error(path) from error
        raise _as_workspace_error(path, error) from error


def _unwritten_log_is_empty(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True


def _as_workspace_error(path: Path, error: sqlite3.Error) -> WorkspaceError:
    code = _code(error) & 0xFF
    if code in _BUSY:
        return busy_error(str(path))
    if code in _CORRUPT:
        return damaged_error(path, str(error))
    failure = write_failure(error, str(path))
    if failure is not None and (code == _FULL or _disk_nearly_full(path)):
        return failure
    if code in _CANNOT_OPEN_READ_ONLY:
        return read_only_error(path)
    return WorkspaceError(
        tr("The workspace {path} could not be read ({error}); nothing was changed.").format(
            path=path, error=error
        )
    )


def _code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0) or 0)
