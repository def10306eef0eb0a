"""Backups of a SQLite workspace file, kept beside it.

A backup is ``<name>.backup-<revision>-<YYYYmmddTHHMMSS>`` (UTC; ``-2``, ``-3``… when two
are taken in one second), a consistent copy made with SQLite's backup API (the source's
write-ahead log included). It is written under a temporary name ending in ``.partial``
and renamed only when complete, so a backup interrupted by a crash or a kill is never
mistaken for one: it is removed at the next backup. At most ``KEEP`` backups are kept per
workspace; older ones are deleted, newest kept.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import re
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

log = logging.getLogger(__name__)

KEEP = 3
"""How many backups of one workspace are kept."""
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


def list_backups(workspace: Path) -> list[Backup]:
    """The complete backups of ``workspace``, newest first."""
    prefix = workspace.name + ".backup-"
    found: list[Backup] = []
    try:
        candidates = list(workspace.parent.iterdir())
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


def back_up(workspace: Path, revision: str, *, now: dt.datetime | None = None) -> Backup:
    """Copy ``workspace`` (read-only on it) to a new backup; keep the newest ``KEEP``."""
    taken = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    _remove_partials(workspace)
    final, sequence = _free_name(workspace, revision, taken)
    partial = final.with_name(final.name + PARTIAL)
    try:
        _copy(workspace, partial)
        os.replace(partial, final)
    except BaseException:
        _remove(partial)
        raise
    _sync_folder(final.parent)
    backup = Backup(final, revision, taken, sequence)
    prune(workspace)
    return backup


def prune(workspace: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` backups of ``workspace``; the paths deleted."""
    removed = []
    for old in list_backups(workspace)[keep:]:
        _remove(old.path)
        removed.append(old.path)
        log.info("Removed the old backup %s", old.path)
    return removed


def _free_name(workspace: Path, revision: str, taken: dt.datetime) -> tuple[Path, int]:
    base = f"{workspace.name}.backup-{revision}-{taken.strftime(_STAMP)}"
    candidate, sequence = workspace.with_name(base), 1
    while candidate.exists() or candidate.with_name(candidate.name + PARTIAL).exists():
        sequence += 1
        candidate = workspace.with_name(f"{base}-{sequence}")
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


def _remove_partials(workspace: Path) -> None:
    """Leftovers of a backup that was killed half-way (and their SQLite journals)."""
    prefix = workspace.name + ".backup-"
    for leftover in workspace.parent.glob(f"{glob.escape(prefix)}*"):
        if leftover.name.endswith((PARTIAL, PARTIAL + "-journal")):
            _remove(leftover)
            log.info("Removed the unfinished backup %s", leftover)


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
