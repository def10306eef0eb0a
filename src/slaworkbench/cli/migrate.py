"""``slaworkbench migrate --from FILE_OR_URL --to URL``: move a workspace into an empty
database (``store/moving.py``), all or nothing; prints what was copied and the checksum
of the clock results both sides agree on."""

from __future__ import annotations

import argparse
import sys

from slaworkbench import formatting
from slaworkbench.cli.workspace import command_workspace, failures_as_sentences
from slaworkbench.config import to_database_url
from slaworkbench.i18n import tr
from slaworkbench.store import dialect
from slaworkbench.store.moving import move_workspace


def cmd_migrate(args: argparse.Namespace) -> int:
    target = to_database_url(args.target)

    def progress(table: str, rows: int) -> None:
        print(
            tr("  {table}: {rows} rows").format(table=table, rows=formatting.count(rows)),
            file=sys.stderr,
        )

    with command_workspace(args.source, create=False) as source, failures_as_sentences():
        report = move_workspace(source, target, progress=progress)
    print(
        tr(
            "Moved the workspace to {where}: {tables} tables, {rows} rows, verified (row counts "
            "per table and clock checksum {checksum}) in {seconds} s."
        ).format(
            where=dialect.workspace_location(target),
            tables=formatting.count(len(report.rows)),
            rows=formatting.count(sum(report.rows.values())),
            checksum=report.clock_checksum[:16],
            seconds=formatting.number(report.seconds, 1),
        )
    )
    return 0
