"""``slaworkbench recompute [--all]``: re-evaluate clocks from the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from typing import TextIO

from slaworkbench import formatting
from slaworkbench.app.recompute.run import recompute
from slaworkbench.cli.errors import CommandError
from slaworkbench.cli.workspace import command_workspace
from slaworkbench.i18n import tr, trn


class TerminalProgress:
    """A one-line progress bar on a terminal; silent when output is not a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream = stream
        self._label = label
        self._enabled = stream.isatty()
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        fraction = done / total if total else 1.0
        filled = int(fraction * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        line = tr("{label} [{bar}] {percent} ({done} of {total})").format(
            label=self._label,
            bar=bar,
            percent=formatting.percent(fraction, 1).rjust(6),
            done=formatting.count(done),
            total=formatting.count(total),
        )
        self._stream.write("\r" + line)
        self._stream.flush()

    def close(self) -> None:
        if self._enabled:
            self._stream.write("\n")
            self._stream.flush()


def cmd_recompute(args: argparse.Namespace) -> int:
    if args.all and not args.reason:
        raise CommandError(
            tr('A re-baseline re-judges closed tickets: say why with --reason "...".')
        )
    progress = TerminalProgress(sys.stderr, tr("Recomputing"))
    started = time.perf_counter()
    with command_workspace(args.database, create=False) as workspace:
        try:
            result = recompute(
                workspace,
                only_open=not args.all,
                progress=progress,
                author=args.author or getpass.getuser(),
                reason=args.reason,
                verify=args.verify,
            )
        finally:
            progress.close()
    seconds = max(time.perf_counter() - started, 1e-9)
    done = trn(
        "Recomputed the SLA clocks of {n} ticket in {seconds} s.",
        "Recomputed the SLA clocks of {n} tickets in {seconds} s.",
        result.tickets,
    )
    print(done.format(seconds=formatting.number(seconds, 1)))
    current = result.up_to_date + result.moved
    if current:
        print(
            trn(
                "The clocks of {n} other open ticket were up to date.",
                "The clocks of {n} other open tickets were up to date.",
                current,
            )
        )
    if result.ola_repaired:
        print(
            trn(
                "Rewrote the team agreement (OLA) cycles of {n} ticket that did not match "
                "its events.",
                "Rewrote the team agreement (OLA) cycles of {n} tickets that did not match "
                "their events.",
                len(result.ola_repaired),
            )
        )
    return 0
