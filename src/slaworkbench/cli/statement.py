"""``slaworkbench report --customer C --statement``: the customer's service statement for
a period (their agreement's commitments, compliance, availability, satisfaction and the
credits owed) as PDF, HTML or CSV. Input is checked before anything is written."""

from __future__ import annotations

import argparse
import time

from slaworkbench import formatting
from slaworkbench.app.agreements.statement import build_statement
from slaworkbench.cli.errors import CommandError
from slaworkbench.cli.workspace import command_workspace
from slaworkbench.i18n import tr
from slaworkbench.store.errors import StoreError


def cmd_statement(args: argparse.Namespace) -> int:
    from slaworkbench.cli.report import check_output_path, parse_date
    from slaworkbench.reports.statement import write_statement

    customer = (getattr(args, "customer", None) or "").strip()
    if not customer:
        raise CommandError(tr("--statement needs --customer: name the customer it is for."))
    if getattr(args, "team", None):
        raise CommandError(tr("A statement covers all of a customer's tickets; drop --team."))
    fmt = str(args.format or "pdf")
    date_from = parse_date(args.date_from, "--from")
    date_to = parse_date(args.date_to, "--to")
    if date_from > date_to:
        raise CommandError(
            tr("--from {start} is after --to {end}; the period must start before it ends.").format(
                start=date_from.isoformat(), end=date_to.isoformat()
            )
        )
    path = check_output_path(args.out, fmt)
    started = time.monotonic()
    # Only reads, as the report does: no check of every page of a file another process
    # has open (the window), which takes ~11 s at a million tickets.
    with command_workspace(args.database, create=False, reading=True) as workspace:
        try:
            statement = build_statement(workspace, customer, date_from, date_to)
        except StoreError as error:
            raise CommandError(str(error)) from None
        try:
            pages = write_statement(
                statement, fmt, path, locale=getattr(args, "language", None) or None
            )
        except OSError as error:
            raise CommandError(
                tr("The statement could not be written to {path}: {reason}.").format(
                    path=path, reason=error.strerror or error
                )
            ) from None
    print(
        tr("Wrote {path} (credits owed {total} {currency}{pages}) in {seconds} s.").format(
            path=path,
            total=formatting.number(statement.total_credit, 2),
            currency=statement.agreement.currency,
            pages=tr(", {count} pages").format(count=formatting.count(pages)) if pages else "",
            seconds=formatting.number(time.monotonic() - started, 1),
        )
    )
    return 0
