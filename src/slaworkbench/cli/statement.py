"""``slaworkbench report --customer C --statement``: the customer's service statement for
a period (their agreement's commitments, compliance, availability, satisfaction and the
credits owed) as PDF, HTML or CSV. Input is checked before anything is written."""

from __future__ import annotations

import argparse
import time

from slaworkbench.cli.errors import CommandError
from slaworkbench.cli.report import check_output_path, period_from_args
from slaworkbench.i18n import tr


def cmd_statement(args: argparse.Namespace) -> int:
    customer = (getattr(args, "customer", None) or "").strip()
    if not customer:
        raise CommandError(tr("--statement needs --customer: name the customer it is for."))
    if getattr(args, "team", None):
        raise CommandError(tr("A statement covers all of a customer's tickets; drop --team."))
    fmt = str(args.format or "pdf")
    date_from, date_to = period_from_args(args)
    path = check_output_path(args.out, fmt)
    # The workspace's layers once the input needing none is known to be good.
    from slaworkbench import formatting
    from slaworkbench.app.agreements.statement import build_statement
    from slaworkbench.cli.workspace import command_workspace
    from slaworkbench.reports.statement import write_statement
    from slaworkbench.store.errors import StoreError

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
