"""``slaworkbench check``: the full check of a workspace (``app.check``) from the command
line. Exit code 0 when nothing was wrong, 1 when the file is damaged, clocks had to be
repaired, or closed tickets were never judged."""

from __future__ import annotations

import argparse
import sys

from slaworkbench.app.check.summary import describe_report
from slaworkbench.app.check.workspace import check_workspace
from slaworkbench.cli.recompute import TerminalProgress
from slaworkbench.cli.workspace import command_workspace
from slaworkbench.i18n import tr


def cmd_check(args: argparse.Namespace) -> int:
    progress = TerminalProgress(sys.stderr, tr("Checking"))
    with command_workspace(args.database, create=False) as workspace:
        try:
            report = check_workspace(workspace, progress=progress)
        finally:
            progress.close()
    lines = describe_report(report)
    stream = sys.stdout if report.ok else sys.stderr
    for line in lines:
        print(line, file=stream)
    return 0 if report.ok else 1
