"""An event-log import that writes while the file is still being read (issue 16).

A second process reads and maps the file (``store.importing.read_ahead``); this one
writes each group of final tickets as it arrives, all in one transaction, so the import
stays all or nothing: a whole-file error found at the last line, a text no workspace can
keep, a failed write or a kill at any moment leaves the workspace as before. The outcome
is the one of ``store_parsed`` on the whole file: the same tickets with the same ids,
events, skipped tickets, rejections, and the same first sentence when it is refused (a
file error before "nothing was accepted" before a text that does not fit).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from sqlalchemy import Connection

from slaworkbench.store.collector import collection_paused
from slaworkbench.store.dialect import IMPORT_LOCK, lock_for_writers
from slaworkbench.store.importing.bulk import (
    ChunkWriter,
    NotReady,
    indexes_after_load,
    ready_plan,
)
from slaworkbench.store.importing.presets import EventLogPreset
from slaworkbench.store.importing.read_ahead import (
    EventLogReader,
    Finished,
    Message,
    ReadyTickets,
    Restart,
    Tickets,
)
from slaworkbench.store.importing.ready import ReadyPlan
from slaworkbench.store.importing.records import ImportFileError, ParsedFile
from slaworkbench.store.workspace import Workspace

Progress = Callable[[str, int], None]


@dataclass(frozen=True, slots=True)
class Written:
    """What the one transaction stored, and the file's summary."""

    parsed: ParsedFile
    """The file without its tickets (they were written as they came)."""
    ids: list[int]
    events: int
    skipped: int


class _Restart(Exception):
    """Tickets already written were not final: write again in a new transaction."""


def write_while_reading(
    workspace: Workspace,
    path: str | Path,
    preset: EventLogPreset,
    *,
    refuse_empty: Callable[[ParsedFile], None],
    judge: Callable[[Connection, list[int]], None],
    progress: Progress | None = None,
) -> Written:
    """Read ``path`` in a second process and write its tickets meanwhile; ``judge`` gets
    the new tickets' ids in the transaction, before the commit (their clocks);
    ``refuse_empty`` raises when the file gave no ticket at all.

    Into a workspace without tickets (and where ids are taken locally: SQLite) the
    reading process builds the rows ready to insert (``ready_plan``); should another
    desk write tickets before this transaction begins, those rows no longer fit
    (``NotReady``, nothing written) and the file is read again, as tickets."""
    with workspace.engine.connect() as connection:
        plan = ready_plan(connection)
    if plan is not None:
        try:
            return _read_and_write(workspace, path, preset, plan, refuse_empty, judge, progress)
        except NotReady:
            pass
    return _read_and_write(workspace, path, preset, None, refuse_empty, judge, progress)


def _read_and_write(
    workspace: Workspace,
    path: str | Path,
    preset: EventLogPreset,
    plan: ReadyPlan | None,
    refuse_empty: Callable[[ParsedFile], None],
    judge: Callable[[Connection, list[int]], None],
    progress: Progress | None,
) -> Written:
    with EventLogReader(path, preset, plan) as reader, collection_paused():
        # The write transaction (and so the workspace's write lock) begins with the
        # first group, not while the reading process starts: a small file comes whole.
        received = reader.messages()
        messages = chain([next(received)], received)
        try:
            return _write(workspace, messages, refuse_empty, judge, progress)
        except _Restart:  # rolled back; every ticket comes again
            return _write(workspace, messages, refuse_empty, judge, progress)


def _write(
    workspace: Workspace,
    messages: Iterator[Message],
    refuse_empty: Callable[[ParsedFile], None],
    judge: Callable[[Connection, list[int]], None],
    progress: Progress | None,
) -> Written:
    refused: ImportFileError | None = None
    received = 0
    with (
        workspace.begin_bulk(staged=True) as connection,
        indexes_after_load(connection),
    ):
        # One import's write at a time on a server (see ``store_parsed``).
        lock_for_writers(connection, IMPORT_LOCK)
        with ChunkWriter(connection) as writer:
            for message in messages:
                if isinstance(message, Finished):
                    break
                if isinstance(message, Restart):
                    if received:
                        raise _Restart
                    continue
                first = not received
                received += message.count
                if refused is None and message.refused is not None:
                    refused = message.refused  # a whole-file error may still overrule it
                elif refused is None:
                    _write_group(writer, message, progress, first=first)
        assert isinstance(message, Finished)
        if refused is not None:  # a file error would have been raised before it
            raise refused
        if not received:
            refuse_empty(message.parsed)
        if writer.ids:
            judge(connection, writer.ids)
    return Written(message.parsed, writer.ids, writer.events, writer.skipped)


def _write_group(
    writer: ChunkWriter, group: Tickets | ReadyTickets, progress: Progress | None, *, first: bool
) -> None:
    """Write one group whose texts all fit (the reading process checked them)."""
    if progress is not None and first:
        progress("read", group.rows)  # the file is being read; writing begins
    if isinstance(group, ReadyTickets):
        writer.write_ready(group.ready)
    else:
        writer.write(group.tickets)
    if progress is not None:
        progress("write", writer.events)
