"""The data commands of ``slaworkbench``: ``demo``, ``import`` and ``export``.

Each opens the workspace named by ``--database`` (or the default), does its work, prints
a short summary on stdout and returns 0; a failure raises ``CommandError`` with one
sentence, which ``cli.main`` prints as the reason (no traceback).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from slaworkbench.cli.errors import CommandError
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError
from slaworkbench.store.importing.records import ImportSummary
from slaworkbench.store.workspace import Workspace, open_workspace

SHOWN_REJECTIONS = 20


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
            "read": tr("read {count:,} rows"),
            "write": tr("wrote {count:,} events"),
            "clocks": tr("computing SLA clocks…"),
            "tickets": tr("generated {count:,} tickets"),
            "export": tr("exported {count:,} tickets"),
        }
        text = labels.get(stage, stage).format(count=count)
        self._stream.write(f"\r{text:<60}")
        self._stream.flush()
        self._shown = True

    def done(self) -> None:
        if self._shown:
            self._stream.write("\r" + " " * 60 + "\r")
            self._stream.flush()


@contextmanager
def _workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    try:
        workspace = open_workspace(getattr(args, "database", None))
    except StoreError as error:
        raise CommandError(str(error)) from None
    try:
        yield workspace
    except StoreError as error:
        raise CommandError(str(error)) from None
    except OSError as error:
        raise CommandError(
            tr("The workspace could not be written ({reason}); nothing was changed.").format(
                reason=error.strerror or error
            )
        ) from None
    finally:
        workspace.close()


def _print(text: str = "") -> None:
    print(text, flush=True)


def print_summary(summary: ImportSummary, source: str, out: Callable[[str], None] = _print) -> None:
    if summary.dry_run:
        out(
            tr(
                "Dry run of {source}: nothing was written. {tickets:,} tickets with "
                "{events:,} events would be imported ({rows:,} rows read)."
            ).format(
                source=source,
                tickets=summary.tickets_imported,
                events=summary.events_imported,
                rows=summary.rows,
            )
        )
        for ticket in summary.preview:
            out(
                f"  {ticket.external_id} | {ticket.subject} | {ticket.priority.value} | "
                f"{ticket.status.value} | {len(ticket.event_rows)} events"
            )
    else:
        out(
            tr(
                "Imported {tickets:,} tickets with {events:,} events from {source} "
                "({rows:,} rows read)."
            ).format(
                source=source,
                tickets=summary.tickets_imported,
                events=summary.events_imported,
                rows=summary.rows,
            )
        )
    if summary.tickets_skipped:
        out(
            tr(
                "Skipped {count:,} tickets already in the workspace (same id); "
                "they were left unchanged."
            ).format(count=summary.tickets_skipped)
        )
    if summary.rejections:
        out(tr("Rejected {count:,} rows:").format(count=len(summary.rejections)))
        for rejection in summary.rejections[:SHOWN_REJECTIONS]:
            out(f"  {rejection.describe()}")
        hidden = len(summary.rejections) - SHOWN_REJECTIONS
        if hidden > 0:
            out(tr("  … and {count:,} more.").format(count=hidden))


def cmd_import(args: argparse.Namespace) -> int:
    from slaworkbench.app.importing.run import import_event_log, import_ticket_csv

    progress = ProgressLine()
    with _workspace(args) as workspace:
        try:
            if args.kind == "events":
                summary = import_event_log(
                    workspace, args.file, args.preset, dry_run=args.dry_run, progress=progress
                )
            else:
                summary = import_ticket_csv(
                    workspace, args.file, dry_run=args.dry_run, progress=progress
                )
        finally:
            progress.done()
    print_summary(summary, args.file)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from slaworkbench.store.importing.export import export_tickets

    progress = ProgressLine()
    with _workspace(args) as workspace, workspace.engine.connect() as connection:
        try:
            count = export_tickets(connection, args.file, progress=lambda n: progress("export", n))
        finally:
            progress.done()
    _print(tr("Exported {count:,} tickets to {path}.").format(count=count, path=args.file))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from slaworkbench.app.demo.workspace import generate_demo

    if args.tickets < 1:
        raise CommandError(tr("--tickets must be at least 1."))
    progress = ProgressLine()
    started = time.monotonic()
    with _workspace(args) as workspace:
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
            "Created {tickets:,} demo tickets with {events:,} events in {seconds:.1f} s "
            "(seed {seed}, as of instant {now})."
        ).format(
            tickets=result.tickets,
            events=result.events,
            seconds=time.monotonic() - started,
            seed=args.seed,
            now=result.now,
        )
    )
    return 0
