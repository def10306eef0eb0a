"""What the window's Import dialog runs: a request, the gate that decides whether a cancel
still stops it, and the sentences for failures the store does not phrase itself.

Qt-free: the dialog runs ``ImportRequest.run`` in the task runner (a dry run on the
general pool, the import on the single writer) and shows what comes back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from slaworkbench.app.importing.run import import_event_log, import_ticket_csv
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError
from slaworkbench.store.importing.bulk import existing_external_ids
from slaworkbench.store.importing.presets import EventLogPreset, load_preset
from slaworkbench.store.importing.records import ImportFileError, ImportSummary
from slaworkbench.store.importing.ticket_csv import KNOWN as TICKET_COLUMNS
from slaworkbench.store.importing.ticket_csv import REQUIRED as TICKET_REQUIRED
from slaworkbench.store.workspace import Workspace

PREVIEW_LIMIT = 50
"""Tickets a dry run returns exactly as they would be stored."""

FileStamp = tuple[int, int]
"""A file's size and modification time (ns): tells whether it changed since a check."""

Progress = Callable[[str, int], None]


class ImportKind(StrEnum):
    EVENT_LOG = "events"
    TICKET_CSV = "tickets"


class Stage(Enum):
    """How far an import went; only a cancel in ``READING`` stops it.

    The values of READING, WRITING and CLOCKS are the stages ``app.importing`` reports.
    """

    READING = "read"
    CANCELLED = "cancelled"
    WRITING = "write"
    CLOCKS = "clocks"


def load_import_preset(name_or_path: str) -> EventLogPreset:
    """``load_preset``, with an unreadable preset file as one sentence too."""
    try:
        return load_preset(name_or_path)
    except UnicodeDecodeError:
        raise ImportFileError(
            tr("The preset file {path} is not UTF-8 text; save it as UTF-8 and try again.").format(
                path=name_or_path
            )
        ) from None
    except OSError as error:
        raise ImportFileError(
            tr("The preset file {path} cannot be read ({reason}).").format(
                path=name_or_path, reason=error.strerror or error
            )
        ) from None


def ticket_csv_columns() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The required and the optional columns of a one-row-per-ticket CSV."""
    return tuple(TICKET_REQUIRED), tuple(c for c in TICKET_COLUMNS if c not in TICKET_REQUIRED)


def file_stamp(path: Path) -> FileStamp | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


@dataclass(frozen=True, slots=True)
class ImportRequest:
    """One file to import: its kind and, for an event log, the preset (name or path)."""

    path: Path
    kind: ImportKind
    preset: str | None = None

    def run(
        self,
        workspace: Workspace,
        *,
        dry_run: bool,
        preview: int = PREVIEW_LIMIT,
        progress: Progress | None = None,
    ) -> ImportSummary:
        if self.kind is ImportKind.TICKET_CSV:
            return import_ticket_csv(
                workspace, self.path, dry_run=dry_run, preview=preview, progress=progress
            )
        if not self.preset:
            raise ImportFileError(tr("Choose the preset that maps the event log's columns."))
        preset = load_import_preset(self.preset)
        return import_event_log(
            workspace, self.path, preset, dry_run=dry_run, preview=preview, progress=progress
        )


class CommitGate:
    """Lets a cancel stop an import only before its first write, and says which won.

    The import calls ``begin_writing()`` once the file is read, the dialog ``cancel()``
    when the user asks; both decide under one lock, so a cancel is never reported for
    an import that went on to commit.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stage = Stage.READING

    @property
    def stage(self) -> Stage:
        with self._lock:
            return self._stage

    def cancel(self) -> bool:
        """Stop the import if it has not started writing; True when it will stop."""
        with self._lock:
            if self._stage is Stage.READING:
                self._stage = Stage.CANCELLED
            return self._stage is Stage.CANCELLED

    def begin_writing(self) -> bool:
        """False when a cancel came first (the import must then write nothing)."""
        with self._lock:
            if self._stage is Stage.READING:
                self._stage = Stage.WRITING
            return self._stage is Stage.WRITING

    def begin_clocks(self) -> None:
        """The tickets are committed; their clocks are being computed."""
        with self._lock:
            self._stage = Stage.CLOCKS


def were_written(workspace: Workspace, external_ids: Iterable[str]) -> bool:
    """Whether tickets the check expected to add are in the workspace now.

    After a failure once writing had begun, this tells a rolled-back import from one
    that committed and failed afterwards (while computing clocks).
    """
    wanted = list(external_ids)
    if not wanted:
        return False
    with workspace.engine.connect() as connection:
        return bool(existing_external_ids(connection, wanted))


def failure_sentence(error: BaseException, stage: Stage = Stage.READING) -> str | None:
    """One sentence for a failed import, or None when only the log can explain it."""
    if stage is Stage.CLOCKS:
        return tr(
            "The tickets were imported, but their SLA clocks could not be computed ({reason}); "
            "run Tools › Recompute SLA clocks."
        ).format(reason=_reason(error))
    if isinstance(error, StoreError):
        return str(error)
    if isinstance(error, OperationalError) and "locked" in str(error.orig).lower():
        return tr(
            "Nothing was imported: another program was writing to the workspace. "
            "Try again in a moment."
        )
    if isinstance(error, OSError | SQLAlchemyError):
        return tr(
            "Nothing was imported: the workspace could not be written ({reason}). "
            "Check the free disk space and the database, then try again."
        ).format(reason=_reason(error))
    return None


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    if isinstance(error, SQLAlchemyError) and getattr(error, "orig", None) is not None:
        return str(getattr(error, "orig", ""))
    return str(error) or error.__class__.__name__
