"""``slaworkbench report``: write the compliance summary for a period as PDF, HTML or CSV.

Everything that can be wrong with the input is checked here, before anything is
written: the dates, the period, the team and customer, the output path, the workspace.
Each failure raises ``CommandError`` with one sentence. What needs no workspace (the
dates, the period, the output path) is checked before the workspace's layers are
imported (SQLAlchemy, Qt, numpy: about a second), so a mistyped date is answered at once.
It runs headless: ``reports.output`` chooses the offscreen platform when no display
is available, before any Qt application exists.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from slaworkbench.cli.errors import CommandError
from slaworkbench.i18n import tr

if TYPE_CHECKING:
    from slaworkbench.app.analytics.filters import Filters


def parse_date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(
            tr("{option} '{text}' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.").format(
                option=option, text=text
            )
        ) from None


def check_output_path(text: str, fmt: str) -> Path:
    """The output file, refused when it cannot be written (nothing is created here)."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise CommandError(
            tr("--out {path} is a folder; name a file, e.g. {path}/report.{fmt}.").format(
                path=path, fmt=fmt
            )
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise CommandError(
            tr("The folder {folder} does not exist; create it or choose another --out.").format(
                folder=parent
            )
        )
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CommandError(
            tr("{path} cannot be written (permission denied); choose another --out.").format(
                path=path
            )
        )
    return path


def period_from_args(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    """``--from`` and ``--to``, refused unless both are dates and the first is not after
    the second."""
    date_from = parse_date(args.date_from, "--from")
    date_to = parse_date(args.date_to, "--to")
    if date_from > date_to:
        raise CommandError(
            tr("--from {start} is after --to {end}; the period must start before it ends.").format(
                start=date_from.isoformat(), end=date_to.isoformat()
            )
        )
    return date_from, date_to


def filters_from_args(args: argparse.Namespace, period: tuple[dt.date, dt.date]) -> Filters:
    from slaworkbench.app.analytics.filters import Filters

    date_from, date_to = period
    return Filters(
        date_from=date_from,
        date_to=date_to,
        team=getattr(args, "team", None),
        customer=getattr(args, "customer", None),
        priority=getattr(args, "priority", None),
        tz=getattr(args, "tz", None) or "UTC",
    )


def check_language(args: argparse.Namespace) -> None:
    """``--language``, refused unless it names a language (a report in ``xx`` would come
    out in English with untranslated dates, as if asked for)."""
    value = getattr(args, "language", None)
    if not value:
        return
    from slaworkbench import language

    if not language.knows(value):
        raise CommandError(
            tr(
                "--language {value} is not a language; write a locale such as pt_PT, pt_BR, "
                "en_GB or en_US."
            ).format(value=value)
        )


def cmd_report(args: argparse.Namespace) -> int:
    check_language(args)
    if getattr(args, "statement", False):
        from slaworkbench.cli.statement import cmd_statement

        return cmd_statement(args)
    fmt = str(args.format or "pdf")
    period = period_from_args(args)
    path = check_output_path(args.out, fmt)
    # The workspace's layers once the input needing none is known to be good.
    from slaworkbench import formatting
    from slaworkbench.app.analytics.filters import AnalyticsError, check_filters
    from slaworkbench.cli.workspace import command_workspace
    from slaworkbench.reports import builder, output

    filters = filters_from_args(args, period)
    started = time.monotonic()
    with command_workspace(args.database, create=False, reading=True) as workspace:
        try:
            check_filters(workspace, filters)
        except AnalyticsError as error:
            raise CommandError(str(error)) from None
        options = builder.ReportOptions(
            filters=filters, landscape=bool(getattr(args, "landscape", False))
        )
        if fmt == "csv":  # the CSV lists every running clock
            options = dataclasses.replace(options, running_limit=None)
        try:
            data, pages = output.report_file(
                workspace,
                options,
                fmt,
                path,
                workspace=builder.workspace_name(workspace.url),
                locale=getattr(args, "language", None) or None,
            )
        except OSError as error:
            raise CommandError(
                tr("The report could not be written to {path}: {reason}.").format(
                    path=path, reason=error.strerror or error
                )
            ) from None
    stopped = sum(m.stopped for m in data.headline)
    summary = tr("Wrote {path} ({clocks} clocks stopped in the period{pages}) in {seconds} s.")
    print(
        summary.format(
            path=path,
            clocks=formatting.count(stopped),
            pages=tr(", {count} pages").format(count=formatting.count(pages)) if pages else "",
            seconds=formatting.number(time.monotonic() - started, 1),
        )
    )
    return 0
