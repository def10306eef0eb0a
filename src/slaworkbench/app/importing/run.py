"""Import use cases: read a CSV into records, then write them all in one transaction.

The new tickets' clocks are evaluated in that same transaction (``app.recompute.within``),
so a kill at any point leaves the workspace exactly as before or exactly as after: never
tickets without an SLA state.

Re-importing is safe: a ticket whose external id is already in the workspace is skipped
(left exactly as it is, its events untouched) and counted in the summary. A dry run
reads and checks everything, reports what would be stored, and writes nothing.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection

from slaworkbench import formatting
from slaworkbench.app.importing.judges import judges_of
from slaworkbench.app.importing.streamed import write_while_reading
from slaworkbench.app.permissions import Role, require, role_of
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.recompute.within import judge_tickets
from slaworkbench.i18n import tr
from slaworkbench.store.collector import collection_paused
from slaworkbench.store.dialect import IMPORT_LOCK, lock_for_writers
from slaworkbench.store.importing.bulk import (
    existing_external_ids,
    indexes_after_load,
    write_tickets,
)
from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import EventLogPreset, load_preset
from slaworkbench.store.importing.read_ahead import ReaderUnavailable
from slaworkbench.store.importing.records import ImportFileError, ImportSummary, ParsedFile
from slaworkbench.store.importing.storable import check_storable
from slaworkbench.store.importing.ticket_csv import parse_ticket_csv
from slaworkbench.store.workspace import Workspace

Progress = Callable[[str, int], None]
"""``progress(stage, count)``: stage is "read" or "write" (the new tickets' clocks are part
of the write; "clocks" is reported only by ``recompute_clocks``)."""
DEFAULT_PREVIEW = 10
log = logging.getLogger(__name__)


def import_event_log(
    workspace: Workspace,
    path: str | Path,
    preset: str | EventLogPreset,
    *,
    dry_run: bool = False,
    preview: int = DEFAULT_PREVIEW,
    progress: Progress | None = None,
    compute_clocks: bool = True,
) -> ImportSummary:
    """Import an event log with a mapping preset (a name, a path, or a loaded preset).

    The file is read in a second process while this one writes (``streamed``) unless
    this is a dry run, the role may not import (the refusal then comes after the file's
    own errors, as always) or the program is a frozen bundle (which cannot start a
    second interpreter)."""
    mapping = load_preset(preset) if isinstance(preset, str) else preset
    read_apart = not (dry_run or getattr(sys, "frozen", False) or role_of(workspace) < Role.MANAGER)
    if read_apart:
        was_empty = workspace.is_empty()
        try:
            written = write_while_reading(
                workspace,
                path,
                mapping,
                refuse_empty=refuse_if_nothing_accepted,
                judge=_judge_new if compute_clocks else _judge_none,
                progress=progress,
            )
        except ReaderUnavailable as error:
            log.warning("Reading %s in this process: no reading process (%s)", path, error)
        else:
            return _summary(
                workspace,
                written.parsed,
                imported=len(written.ids),
                events=written.events,
                skipped=written.skipped,
                was_empty=was_empty,
                compute_clocks=compute_clocks,
            )
    parsed = read_event_log(path, mapping)
    return store_parsed(
        workspace,
        parsed,
        dry_run=dry_run,
        preview=preview,
        progress=progress,
        compute_clocks=compute_clocks,
    )


def read_event_log(path: str | Path, preset: str | EventLogPreset) -> ParsedFile:
    """An event log read and mapped with a preset (a name, a path, or a loaded preset)."""
    mapping = load_preset(preset) if isinstance(preset, str) else preset
    return parse_event_log(path, mapping)


def import_ticket_csv(
    workspace: Workspace,
    path: str | Path,
    *,
    dry_run: bool = False,
    preview: int = DEFAULT_PREVIEW,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import a one-row-per-ticket CSV."""
    parsed = parse_ticket_csv(path)
    return store_parsed(workspace, parsed, dry_run=dry_run, preview=preview, progress=progress)


def store_parsed(
    workspace: Workspace,
    parsed: ParsedFile,
    *,
    dry_run: bool = False,
    preview: int = DEFAULT_PREVIEW,
    progress: Progress | None = None,
    compute_clocks: bool = True,
) -> ImportSummary:
    """Write the parsed tickets that are not in the workspace yet, all or nothing."""
    if progress is not None:
        progress("read", parsed.rows)
    if dry_run:
        with workspace.engine.connect() as connection:
            return check_parsed(connection, parsed, preview=preview)
    refuse_if_nothing_accepted(parsed)
    require(workspace, Role.MANAGER, tr("import tickets"))
    with collection_paused():
        check_storable(parsed.tickets)
    ids = [ticket.external_id for ticket in parsed.tickets]
    was_empty = workspace.is_empty()
    written = 0

    def on_events(count: int) -> None:
        if progress is not None:
            progress("write", count)

    with (
        collection_paused(),
        workspace.begin_bulk(staged=True) as connection,
        indexes_after_load(connection),
    ):
        # One import's write at a time on a server: a second one waits, then finds the
        # first one's tickets and skips them (SQLite's write lock does the same).
        lock_for_writers(connection, IMPORT_LOCK)
        existing = existing_external_ids(connection, ids)
        new = [t for t in parsed.tickets if t.external_id not in existing]
        new_ids, written = write_tickets(connection, new, progress=on_events)
        if new and compute_clocks:
            _judge_new(connection, new_ids)
    return _summary(
        workspace,
        parsed,
        imported=len(new),
        events=written,
        skipped=len(existing),
        was_empty=was_empty,
        compute_clocks=compute_clocks,
    )


def _judge_new(connection: Connection, new_ids: list[int]) -> None:
    """The clocks of just imported tickets, before the one commit: new tickets have ids
    above every old one, judged by the current policies."""
    judge_tickets(
        connection,
        now=int(time.time()),
        after_id=min(new_ids) - 1,
        new_tickets=True,
        only=new_ids,
    )


def _judge_none(connection: Connection, new_ids: list[int]) -> None:
    """No clocks now (``compute_clocks=False``: a later recompute judges them)."""


def _summary(
    workspace: Workspace,
    parsed: ParsedFile,
    *,
    imported: int,
    events: int,
    skipped: int,
    was_empty: bool,
    compute_clocks: bool,
) -> ImportSummary:
    """The outcome of a committed import (``parsed``: the file's rows, rejections and
    warnings; its tickets are not read here)."""
    if imported and compute_clocks:
        log.info("Recomputed the clocks of %d imported tickets in the write", imported)
    judged_by: tuple[str, ...] = ()
    if imported and was_empty:
        with workspace.session() as session:
            judged_by = judges_of(session)
    return ImportSummary(
        dry_run=False,
        rows=parsed.rows,
        tickets_imported=imported,
        events_imported=events,
        tickets_skipped=skipped,
        rejections=parsed.rejections,
        ignored_rows=parsed.ignored_rows,
        warnings=parsed.warnings,
        left_out=parsed.left_out,
        judged_by=judged_by,
    )


def check_parsed(
    connection: Connection | None, parsed: ParsedFile, *, preview: int = DEFAULT_PREVIEW
) -> ImportSummary:
    """What importing ``parsed`` would do, written nowhere; ``connection`` reads the
    workspace's ticket ids (``None``: a workspace that does not exist yet, so empty)."""
    check_storable(parsed.tickets)
    ids = [ticket.external_id for ticket in parsed.tickets]
    existing = set() if connection is None else existing_external_ids(connection, ids)
    new = [t for t in parsed.tickets if t.external_id not in existing]
    return ImportSummary(
        dry_run=True,
        rows=parsed.rows,
        tickets_imported=len(new),
        events_imported=sum(len(t.event_rows) for t in new),
        tickets_skipped=len(existing),
        rejections=parsed.rejections,
        preview=tuple(new[:preview]),
        ignored_rows=parsed.ignored_rows,
        warnings=parsed.warnings,
        left_out=parsed.left_out,
    )


def refuse_if_nothing_accepted(parsed: ParsedFile) -> None:
    """A file none of whose rows gives a ticket imports nothing: one sentence with the
    first reason, instead of a success that stored no ticket."""
    if parsed.tickets or parsed.rows == 0:
        return
    if not parsed.rejections:
        raise ImportFileError(
            tr(
                "Nothing was imported: the preset ignores the status of all {rows} rows; "
                'check its "ignore" list and import again.'
            ).format(rows=formatting.count(parsed.rows))
        )
    first = parsed.rejections[0]
    raise ImportFileError(
        tr(
            "Nothing was imported: {count} of the {rows} rows were rejected and none gave "
            "a ticket (first: {first}); fix the file or the preset and import again."
        ).format(
            count=formatting.count(parsed.rejected_rows),
            rows=formatting.count(parsed.rows),
            first=first.describe(),
        )
    )


def recompute_clocks(
    workspace: Workspace,
    progress: Progress | None = None,
    now: int | None = None,
    after_id: int = 0,
) -> bool:
    """Evaluate the clocks of every ticket, or of those with an id above ``after_id``
    (imported history is judged by the current policies)."""
    if progress is not None:
        progress("clocks", 0)
    recompute(workspace, only_open=False, now=now, after_id=after_id)
    return True
