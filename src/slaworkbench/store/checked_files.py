"""The record of SQLite workspace files known to be whole, so an unchanged file is not
read in full again at every open.

``PRAGMA quick_check`` reads every page of a file: 28 s of CPU on a 2.9 GB workspace.
A file SQLite found whole, or that this program closed cleanly (its last connection
checkpointed, no write-ahead log left), is whole until something writes to it again.
Its *identity* is recorded here: the resolved path, device, inode, size, modification
time in nanoseconds and the two counters SQLite keeps in the header (the file change
counter, bytes 24–27, and "version-valid-for", bytes 92–95). An open whose identity
matches a record exactly, with no write-ahead log or rollback journal holding content
beside the file, skips the check; anything else — a file touched, grown, replaced,
copied, or left by a process killed mid-write — is checked in full, unless the command
only reads it (``open_workspace(reading=True)``: it meets damage where it reads).

The record is a small JSON file in the program's data folder, rewritten atomically (a
temporary file, then ``os.replace``) and bounded to the most recent files. A record that
cannot be read or written is ignored: the check then simply runs, nothing but speed is
lost.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from slaworkbench import config

log = logging.getLogger(__name__)

RECORD_FILE = "checked-workspaces.json"
KEPT = 50
"""How many files the record remembers (the most recently recorded)."""

_FORMAT = 1


@dataclass(frozen=True, slots=True)
class FileIdentity:
    """What tells one state of a file from another without reading it."""

    path: str
    device: int
    inode: int
    size: int
    mtime_ns: int
    change_counter: int
    valid_for: int


def identity_of(path: Path) -> FileIdentity | None:
    """The identity of the file at ``path`` now, or ``None`` when it cannot be read."""
    try:
        resolved = path.resolve()
        with resolved.open("rb") as handle:
            status = os.fstat(handle.fileno())
            header = handle.read(100)
    except OSError:
        return None
    if len(header) < 100:
        return None
    return FileIdentity(
        path=str(resolved),
        device=status.st_dev,
        inode=status.st_ino,
        size=status.st_size,
        mtime_ns=status.st_mtime_ns,
        change_counter=int.from_bytes(header[24:28], "big"),
        valid_for=int.from_bytes(header[92:96], "big"),
    )


def logs_are_empty(path: Path) -> bool:
    """Whether neither a write-ahead log nor a rollback journal beside ``path`` holds
    anything (a killed writer's changes would be there, not in the file)."""
    for suffix in ("-wal", "-journal"):
        try:
            if path.with_name(path.name + suffix).stat().st_size > 0:
                return False
        except FileNotFoundError:
            continue
        except OSError:
            return False
    return True


def record_file() -> Path:
    return config.data_dir() / RECORD_FILE


class CheckedFiles:
    """The record at ``location`` (by default ``record_file()``)."""

    def __init__(self, location: Path | None = None) -> None:
        self._location = location

    @property
    def location(self) -> Path:
        return self._location if self._location is not None else record_file()

    def is_whole(self, path: Path) -> bool:
        """Whether ``path`` is, byte for byte as far as its identity tells, a file recorded
        as whole, with no log beside it: then it need not be checked again."""
        identity = identity_of(path)
        if identity is None or not logs_are_empty(path):
            return False
        return self._read().get(identity.path) == identity

    def remember(self, identity: FileIdentity) -> None:
        """Record ``identity`` as whole (the most recent entry; the oldest beyond
        ``KEPT`` are forgotten)."""
        records = self._read()
        records.pop(identity.path, None)
        records[identity.path] = identity
        self._write(list(records.values())[-KEPT:])

    def remember_if_unchanged(self, before: FileIdentity | None, path: Path) -> None:
        """Record the file as whole if its identity is still ``before`` and no log beside
        it holds anything (a check of it just passed)."""
        if before is not None and logs_are_empty(path) and identity_of(path) == before:
            self.remember(before)

    def forget(self, path: Path) -> None:
        """Drop the record of ``path`` (SQLite met damage in it): the next open checks."""
        key = str(path.resolve())
        records = self._read()
        if records.pop(key, None) is not None:
            self._write(list(records.values()))

    def _read(self) -> dict[str, FileIdentity]:
        try:
            raw = json.loads(self.location.read_text(encoding="utf-8"))
            if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
                return {}
            found = (FileIdentity(**entry) for entry in raw["files"])
            return {identity.path: identity for identity in found if _well_formed(identity)}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def _write(self, identities: list[FileIdentity]) -> None:
        content = json.dumps({"format": _FORMAT, "files": [asdict(i) for i in identities]})
        location = self._location
        try:
            location = self.location
            handle, temporary = tempfile.mkstemp(
                prefix=location.name + ".", suffix=".tmp", dir=location.parent
            )
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(content)
                os.replace(temporary, location)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as error:
            log.info("The record of checked workspaces %s was not written: %s", location, error)


def _well_formed(identity: FileIdentity) -> bool:
    return isinstance(identity.path, str) and all(
        isinstance(value, int) and not isinstance(value, bool)
        for value in (
            identity.device,
            identity.inode,
            identity.size,
            identity.mtime_ns,
            identity.change_counter,
            identity.valid_for,
        )
    )
