"""Backups of a SQLite workspace file: before a migration beside it, daily and before a
restore in the data folder (``backup_folder``).

A backup is ``<name>.backup-<revision>-<YYYYmmddTHHMMSS>`` (UTC; ``-2``, ``-3``… when two
are taken in one second), a consistent copy made with SQLite's backup API (the source's
write-ahead log included). It is written under a temporary name ending in ``.partial``
and renamed only when complete, so a backup interrupted by a crash or a kill is never
mistaken for one: it is removed at the next backup. At most ``KEEP`` backups are kept per
workspace and folder; older ones are deleted, newest kept (``KEEP_ROLLING`` for the
daily backups in the data folder).

``restore_backup`` copies a backup back over the workspace with the same backup API
(other connections see the restored file at their next read), after backing up the
current file itself, so a restore can be undone.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import logging
import os
import re
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from slaworkbench.store import dialect

log = logging.getLogger(__name__)

KEEP = 3
"""How many backups of one workspace are kept beside it (before migrations)."""
KEEP_ROLLING = 7
"""How many daily (and before-restore) backups of one workspace the data folder keeps."""
DAILY = "daily"
BEFORE_RESTORE = "prerestore"
"""The labels, in the revision's place, of the data folder's backups."""
PARTIAL = ".partial"
_STAMP = "%Y%m%dT%H%M%S"
_NAME = re.compile(r"\.backup-(?P<revision>[0-9A-Za-z_]+)-(?P<stamp>\d{8}T\d{6})(?:-(?P<n>\d+))?")


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    revision: str
    """The schema revision the workspace had when it was backed up."""
    taken_at: dt.datetime
    """When it was taken (aware, UTC; to the second)."""
    sequence: int
    """1, or the ``-n`` suffix of a second backup taken in the same second."""


def backup_folder(workspace: Path, data_dir: Path) -> Path:
    """Where the rolling backups of ``workspace`` go: a folder of the data folder named
    after the workspace and its full path (two workspaces of one name stay apart)."""
    digest = hashlib.sha256(str(workspace.resolve()).encode()).hexdigest()[:10]
    return data_dir / "backups" / f"{workspace.name}-{digest}"


def list_backups(workspace: Path, folder: Path | None = None) -> list[Backup]:
    """The complete backups of ``workspace`` in ``folder`` (default: beside it), newest
    first."""
    prefix = workspace.name + ".backup-"
    found: list[Backup] = []
    try:
        candidates = list((folder or workspace.parent).iterdir())
    except OSError:
        return []
    for candidate in candidates:
        if not candidate.name.startswith(prefix) or candidate.name.endswith(PARTIAL):
            continue
        match = _NAME.fullmatch(candidate.name[len(workspace.name) :])
        if match is None:
            continue
        taken = dt.datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=dt.UTC)
        found.append(Backup(candidate, match["revision"], taken, int(match["n"] or 1)))
    found.sort(key=lambda backup: (backup.taken_at, backup.sequence), reverse=True)
    return found


def back_up(
    workspace: Path,
    revision: str,
    *,
    now: dt.datetime | None = None,
    folder: Path | None = None,
    keep: int = KEEP,
) -> Backup:
    """Copy ``workspace`` (read-only on it) to a new backup in ``folder`` (default: beside
    it); keep the newest ``keep`` there."""
    taken = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    target = folder or workspace.parent
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    _remove_partials(workspace, target)
    final, sequence = _free_name(workspace, revision, taken, target)
    partial = final.with_name(final.name + PARTIAL)
    try:
        _copy(workspace, partial)
        os.replace(partial, final)
    except BaseException:
        _remove(partial)
        raise
    _sync_folder(final.parent)
    backup = Backup(final, revision, taken, sequence)
    prune(workspace, keep, folder)
    return backup


def prune(workspace: Path, keep: int = KEEP, folder: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``workspace`` in ``folder`` (default:
    beside it); the paths deleted."""
    removed = []
    for old in list_backups(workspace, folder)[keep:]:
        _remove(old.path)
        removed.append(old.path)
        log.info("Removed the old backup %s", old.path)
    return removed


def _free_name(
    workspace: Path, revision: str, taken: dt.datetime, folder: Path
) -> tuple[Path, int]:
    base = f"{workspace.name}.backup-{revision}-{taken.strftime(_STAMP)}"
    candidate, sequence = folder / base, 1
    while candidate.exists() or candidate.with_name(candidate.name + PARTIAL).exists():
        sequence += 1
        candidate = folder / f"{base}-{sequence}"
    return candidate, sequence


def _copy(source: Path, destination: Path) -> None:
    uri = "file:" + quote(str(source)) + "?mode=ro"
    with (
        closing(sqlite3.connect(uri, uri=True)) as reader,
        closing(sqlite3.connect(destination)) as writer,
    ):
        reader.backup(writer)
        writer.execute("PRAGMA journal_mode = DELETE")
    with destination.open("rb") as handle:
        os.fsync(handle.fileno())


def _remove_partials(workspace: Path, folder: Path) -> None:
    """Leftovers of a backup that was killed half-way (and their SQLite journals)."""
    prefix = workspace.name + ".backup-"
    for leftover in folder.glob(f"{glob.escape(prefix)}*"):
        if leftover.name.endswith((PARTIAL, PARTIAL + "-journal")):
            _remove(leftover)
            log.info("Removed the unfinished backup %s", leftover)


@dataclass(frozen=True, slots=True)
class BackupContents:
    """What a backup holds, read from it without changing it."""

    tickets: int | None
    """``None`` when the file cannot be read as a workspace."""
    newest_event_at: int | None
    """The newest event's instant (UTC seconds), ``None`` without events."""


def backup_contents(path: Path) -> BackupContents:
    """Ticket count and newest event of a backup (``tickets`` is ``None`` when unreadable)."""
    uri = "file:" + quote(str(path)) + "?immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as connection:
            tickets = connection.execute("SELECT count(*) FROM tickets").fetchone()[0]
            newest = connection.execute("SELECT max(at) FROM ticket_events").fetchone()[0]
    except sqlite3.Error:
        return BackupContents(None, None)
    return BackupContents(int(tickets), None if newest is None else int(newest))


def restore_backup(
    workspace: Path, backup: Path, folder: Path, *, now: dt.datetime | None = None
) -> Backup:
    """Copy ``backup`` over ``workspace`` after backing up the current file into
    ``folder`` (returned: restoring it undoes this). ``backup`` is checked first: a file
    that is not a whole database is refused with ``sqlite3.DatabaseError`` and nothing
    is changed. The copy is one write transaction on the workspace (SQLite's backup
    API), so a failure or a kill leaves the workspace as it was."""
    uri = "file:" + quote(str(backup)) + "?immutable=1"
    with closing(sqlite3.connect(uri, uri=True)) as source:
        found = [row[0] for row in source.execute("PRAGMA quick_check")]
        if found != ["ok"]:
            raise sqlite3.DatabaseError(f"{backup.name}: {found[0]}")
        undo = back_up(workspace, BEFORE_RESTORE, now=now, folder=folder, keep=KEEP_ROLLING)
        with closing(
            sqlite3.connect(workspace, timeout=dialect.BUSY_TIMEOUT_MS / 1000)
        ) as destination:
            source.backup(destination)
    return undo


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (where the platform lets a folder be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
