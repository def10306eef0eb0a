"""The data commands of ``slaworkbench``: ``demo``, ``import`` and ``export``.

Each opens the workspace named by ``--database`` (or the default), does its work, prints
a short summary on stdout and returns 0; a failure raises ``CommandError`` with one
sentence, which ``cli.main`` prints as the reason (no traceback).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from slaworkbench import formatting
from slaworkbench.cli.errors import CommandError
from slaworkbench.cli.workspace import command_workspace, failure_sentence, removed_unless_done
from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.i18n import tr, trn
from slaworkbench.saved_files import writes_through
from slaworkbench.store.errors import StoreError
from slaworkbench.store.importing.records import ImportSummary, TicketRecord, grouped_rejections

SHOWN_LINES = 5
"""Lines listed per group of rejected rows."""
SHOWN_TICKETS = 20
"""Tickets listed of those left out whole."""


class ProgressLine:
    """One self-overwriting progress line on stderr, only when stderr is a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty()
        self._last = 0.0
        self._shown = False

    def __call__(self, stage: str, count: int) -> None:
        now = time.monotonic()
        if not self._enabled or now - self._last < 0.2:
            return
        self._last = now
        labels = {
            "read": tr("read {count} rows"),
            "write": tr("wrote {count} events"),
            "clocks": tr("computing SLA clocks…"),
            "tickets": tr("generated {count} tickets"),
            "export": tr("exported {count} tickets"),
        }
        text = labels.get(stage, stage).format(count=formatting.count(count))
        self._stream.write(f"\r{text:<60}")
        self._stream.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            self._stream.write("\r" + " " * 60 + "\r")
            self._stream.flush()


def _print(text: str = "") -> None:
    print(text, flush=True)


def print_summary(summary: ImportSummary, source: str, out: Callable[[str], None] = _print) -> None:
    if summary.dry_run:
        out(
            tr(
                "Dry run of {source}: nothing was written. {tickets} tickets with "
                "{events} events would be imported ({rows} rows read)."
            ).format(
                source=source,
                tickets=formatting.count(summary.tickets_imported),
                events=formatting.count(summary.events_imported),
                rows=formatting.count(summary.rows),
            )
        )
        for ticket in summary.preview:
            out(preview_line(ticket))
    else:
        out(
            tr(
                "Imported {tickets} tickets with {events} events from {source} ({rows} rows read)."
            ).format(
                source=source,
                tickets=formatting.count(summary.tickets_imported),
                events=formatting.count(summary.events_imported),
                rows=formatting.count(summary.rows),
            )
        )
    if summary.tickets_skipped:
        out(
            tr(
                "Skipped {count} tickets already in the workspace (same id); "
                "they were left unchanged."
            ).format(count=formatting.count(summary.tickets_skipped))
        )
    if summary.ignored_rows:
        out(
            tr("Ignored {count} rows whose status the preset maps to ignore.").format(
                count=formatting.count(summary.ignored_rows)
            )
        )
    for warning in summary.warnings:
        out(tr("Warning: {text}").format(text=warning))
    print_rejections(summary, out)
    if summary.left_out:
        out(
            tr(
                "Left out {count} tickets whole because of their rejected rows (their "
                'clocks would be wrong with a hole in their history; "on_row_error": '
                '"skip_row" in the preset imports them without those rows):'
            ).format(count=formatting.count(len(summary.left_out)))
        )
        for left in summary.left_out[:SHOWN_TICKETS]:
            out(f"  {left.describe()}")
        if len(summary.left_out) > SHOWN_TICKETS:
            more = len(summary.left_out) - SHOWN_TICKETS
            out(tr("  … and {count} more.").format(count=formatting.count(more)))
    if summary.judged_by:
        out(tr("The new tickets were judged by:"))
        for line in summary.judged_by:
            out(f"  {line}")
        out(
            tr(
                "To judge them by your own SLA: slaworkbench policy import FILE, then "
                'slaworkbench recompute --all --reason "...".'
            )
        )


def preview_line(ticket: TicketRecord) -> str:
    """One ticket of a dry run's preview: id, subject, priority, status and its events."""
    events = trn("{n} event", "{n} events", len(ticket.event_rows))
    return tr("  {id} | {subject} | {priority} | {status} | {events}").format(
        id=ticket.external_id,
        subject=ticket.subject,
        priority=priority_label(ticket.priority),
        status=status_label(ticket.status),
        events=events,
    )


def print_rejections(summary: ImportSummary, out: Callable[[str], None] = _print) -> None:
    """Rejected rows grouped by reason (most rows first) with counts, then the first
    lines of each group."""
    if not summary.rejections:
        return
    out(tr("Rejected {count} rows:").format(count=formatting.count(summary.rejected_rows)))
    for reason, rows, items in grouped_rejections(summary.rejections):
        listed = items[:SHOWN_LINES]
        lines = ", ".join(str(item.line) for item in listed)
        more = tr(" and {count} more").format(count=formatting.count(rows - len(listed)))
        out(
            tr("  {rows} × {reason} (line {lines}{more})").format(
                rows=formatting.count(rows),
                reason=reason,
                lines=lines,
                more=more if rows > len(listed) else "",
            )
        )


def _nothing_imported(summary: ImportSummary) -> bool:
    """Rows were read but none gave a ticket, new or already in the workspace."""
    return summary.rows > 0 and summary.tickets_imported == 0 and summary.tickets_skipped == 0


def _first_bytes(path: Path, count: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(count)


def _read_only_uri(path: Path) -> str:
    """A SQLite URI that reads ``path`` without creating or changing any file: immutable
    when no other program has it open (no ``-wal`` beside it), else plain read-only
    (the other program's ``-wal`` and ``-shm`` files already exist)."""
    in_use = path.with_name(path.name + "-wal").exists()
    return "file:" + quote(str(path)) + ("?mode=ro" if in_use else "?immutable=1")


@contextmanager
def _existing_tickets(args: argparse.Namespace) -> Iterator[Connection | None]:
    """A read-only look at the workspace for a dry run: nothing is created, migrated or
    written; ``None`` when there is no workspace there yet (so every ticket is new)."""
    from sqlalchemy import create_engine, inspect

    from slaworkbench import config
    from slaworkbench.store import dialect, workspace_file

    try:
        url = config.resolve_database_url(args.database)
        path = dialect.sqlite_file_path(url)
        if path is not None and (not path.exists() or path.stat().st_size == 0):
            yield None
            return
        if path is not None:
            if path.with_name(path.name + "-wal").exists():
                # Another process has it open: SQLite replays its log and decides whether
                # the file is whole (its -wal and -shm exist already, nothing is created).
                workspace_file.examine(path)
            elif _first_bytes(path, 16) != dialect.SQLITE_HEADER:
                raise CommandError(
                    tr(
                        "{path} is not an SLA Workbench workspace (it is not a SQLite "
                        "database); choose another file. Nothing was changed."
                    ).format(path=path)
                )
            uri = _read_only_uri(path)
            engine = create_engine(
                "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
            )
        else:
            engine = create_engine(url)
    except StoreError as error:
        raise CommandError(str(error)) from None
    try:
        with engine.connect() as connection:
            yield connection if inspect(connection).has_table("tickets") else None
    except SQLAlchemyError as error:
        raise CommandError(
            tr("The workspace could not be read ({reason}); nothing was changed.").format(
                reason=error.__class__.__name__
            )
        ) from None
    finally:
        engine.dispose()


def cmd_import(args: argparse.Namespace) -> int:
    from slaworkbench.app.importing.run import check_parsed, read_event_log
    from slaworkbench.store.importing.ticket_csv import parse_ticket_csv

    progress = ProgressLine()
    try:
        if args.dry_run:
            parsed = (
                read_event_log(args.file, args.preset)
                if args.kind == "events"
                else parse_ticket_csv(args.file)
            )
            with _existing_tickets(args) as connection:
                summary = check_parsed(connection, parsed)
        elif args.kind == "events":
            summary = _import_events(args, progress)
        else:
            summary = _import_tickets(args, progress)
    except (StoreError, MemoryError) as error:
        raise CommandError(str(failure_sentence(error))) from None
    finally:
        progress.done()
    if _nothing_imported(summary):
        print_rejections(summary, lambda text: print(text, file=sys.stderr))
        first = (
            tr(" (first: {reason})").format(reason=summary.rejections[0].describe())
            if summary.rejections
            else ""
        )
        raise CommandError(
            tr(
                "Nothing would be imported: none of the {rows} rows gave a ticket{first}; "
                "fix the file or the preset and try again."
            ).format(rows=formatting.count(summary.rows), first=first)
        )
    print_summary(summary, args.file)
    return 0


def _import_events(args: argparse.Namespace, progress: ProgressLine) -> ImportSummary:
    """The event log is read while it is written (``import_event_log``), so the workspace
    is opened (or created) first; a workspace file this command created is removed again
    when the file is refused, so a failed import still creates no workspace."""
    from slaworkbench.app.importing.run import import_event_log
    from slaworkbench.store.importing.presets import load_preset

    preset = load_preset(args.preset)  # a wrong preset is refused before anything
    with (
        removed_unless_done(args.database),
        command_workspace(args.database, create=True) as workspace,
    ):
        return import_event_log(workspace, args.file, preset, progress=progress)


def _import_tickets(args: argparse.Namespace, progress: ProgressLine) -> ImportSummary:
    """A ticket CSV is read and checked before the workspace is opened (or created)."""
    from slaworkbench.app.importing.run import refuse_if_nothing_accepted, store_parsed
    from slaworkbench.store.importing.ticket_csv import parse_ticket_csv

    parsed = parse_ticket_csv(args.file)
    refuse_if_nothing_accepted(parsed)
    with command_workspace(args.database, create=True) as workspace:
        return store_parsed(workspace, parsed, progress=progress)


def cmd_export(args: argparse.Namespace) -> int:
    from slaworkbench.store.importing.export import export_tickets

    progress = ProgressLine()
    with (
        command_workspace(args.database, create=False, reading=True) as workspace,
        workspace.engine.connect() as connection,
    ):
        try:
            count = export_tickets(connection, args.file, progress=lambda n: progress("export", n))
        finally:
            progress.done()
    summary = tr("Exported {count} tickets to {path}.").format(
        count=formatting.count(count), path=args.file
    )
    if writes_through(args.file):  # /dev/stdout or a pipe: what reads it gets the CSV alone
        print(summary, file=sys.stderr, flush=True)
    else:
        _print(summary)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from slaworkbench.app.demo.workspace import generate_demo

    if args.tickets < 1:
        raise CommandError(tr("--tickets must be at least 1."))
    progress = ProgressLine()
    started = time.monotonic()
    with command_workspace(args.database, create=True) as workspace:
        try:
            result = generate_demo(
                workspace,
                tickets=args.tickets,
                seed=args.seed,
                progress=lambda n: progress("tickets", n),
            )
        finally:
            progress.done()
    _print(
        tr(
            "Created {tickets} demo tickets with {events} events in {seconds} s "
            "(seed {seed}, as of instant {now})."
        ).format(
            tickets=formatting.count(result.tickets),
            events=formatting.count(result.events),
            seconds=formatting.number(time.monotonic() - started, 1),
            seed=args.seed,
            now=result.now,
        )
    )
    return 0
