"""Daily backups of the open workspace, the list File › Restore backup… shows, and the
restore itself (``store.backups`` does the copying).

Backups are kept in the data folder (``config.data_dir()/backups/<workspace>-<hash>``),
the newest ``KEEP_ROLLING``; the backups taken beside the workspace before a migration
are listed too. A workspace that is not a SQLite file (PostgreSQL) has no backups here:
its server has its own.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from slaworkbench import config
from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.backups import (
    BEFORE_RESTORE,
    DAILY,
    KEEP_ROLLING,
    Backup,
    back_up,
    backup_contents,
    backup_folder,
    list_backups,
    restore_backup,
)
from slaworkbench.store.errors import WorkspaceError
from slaworkbench.store.workspace import Workspace

DAILY_INTERVAL = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup as the restore dialog lists it (plain values)."""

    path: str
    taken_at: dt.datetime
    kind: str
    """"daily", "before a restore" or "before an upgrade"."""
    tickets: int | None
    newest_event_at: int | None


def workspace_file(workspace: Workspace) -> Path | None:
    return dialect.sqlite_file_path(workspace.url)


def _folder(path: Path) -> Path:
    return backup_folder(path, config.data_dir())


def backup_if_due(workspace: Workspace, *, now: dt.datetime | None = None) -> Backup | None:
    """A daily backup when the newest one in the data folder is a day old or more (or
    there is none); ``None`` when none was due or the workspace is not a file."""
    path = workspace_file(workspace)
    if path is None or not path.exists():
        return None
    moment = now or dt.datetime.now(dt.UTC)
    folder = _folder(path)
    newest = next((b for b in list_backups(path, folder) if b.revision == DAILY), None)
    if newest is not None and moment - newest.taken_at < DAILY_INTERVAL:
        return None
    try:
        return back_up(path, DAILY, now=moment, folder=folder, keep=KEEP_ROLLING)
    except (OSError, sqlite3.Error) as error:
        raise WorkspaceError(
            tr("The daily backup of {path} could not be written ({reason}).").format(
                path=path, reason=error
            )
        ) from None


def _kind(backup: Backup) -> str:
    if backup.revision == DAILY:
        return tr("daily")
    if backup.revision == BEFORE_RESTORE:
        return tr("before a restore")
    return tr("before an upgrade")


def available_backups(workspace: Workspace) -> list[BackupInfo]:
    """Every backup of the workspace (data folder and beside it), newest first, with what
    each holds."""
    path = workspace_file(workspace)
    if path is None:
        return []
    found = list_backups(path, _folder(path)) + list_backups(path)
    found.sort(key=lambda backup: (backup.taken_at, backup.sequence), reverse=True)
    infos = []
    for backup in found:
        contents = backup_contents(backup.path)
        infos.append(
            BackupInfo(
                str(backup.path),
                backup.taken_at,
                _kind(backup),
                contents.tickets,
                contents.newest_event_at,
            )
        )
    return infos


def restore(workspace: Workspace, backup_path: str) -> BackupInfo:
    """Put the backup at ``backup_path`` in the workspace's place; the current file is
    backed up first (returned, so the restore can be undone by restoring it)."""
    path = workspace_file(workspace)
    if path is None:
        raise WorkspaceError(tr("Only a workspace file can be restored from a backup."))
    try:
        undo = restore_backup(path, Path(backup_path), _folder(path))
    except (OSError, sqlite3.Error) as error:
        raise WorkspaceError(
            tr(
                "The backup {backup} could not be restored ({reason}); the workspace was "
                "left as it was."
            ).format(backup=Path(backup_path).name, reason=error)
        ) from None
    contents = backup_contents(undo.path)
    return BackupInfo(
        str(undo.path), undo.taken_at, _kind(undo), contents.tickets, contents.newest_event_at
    )
