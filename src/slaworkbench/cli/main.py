"""The command line: ``slaworkbench [COMMAND]``; no command opens the window.

The parser lives here; each command's work lives in the layer that owns it, imported
only when that command runs so ``--version`` and ``--help`` stay instant.
Every failure ends with exit code 1 or 2 and one line that says what is wrong.
"""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import sys
from collections.abc import Sequence

from slaworkbench import __version__
from slaworkbench.cli.errors import CommandError

HANDLERS = {
    "demo": "slaworkbench.cli.data:cmd_demo",
    "import": "slaworkbench.cli.data:cmd_import",
    "export": "slaworkbench.cli.data:cmd_export",
    "recompute": "slaworkbench.cli.recompute:cmd_recompute",
    "report": "slaworkbench.cli.report:cmd_report",
}
"""Each command's handler, imported only when that command runs."""


def _add_database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="workspace database: a SQLAlchemy URL or a SQLite file path "
        "(default: $SLAWORKBENCH_DATABASE, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slaworkbench",
        description="SLA Workbench: track support tickets against their SLAs.",
    )
    parser.add_argument("--version", action="version", version=f"SLA Workbench {__version__}")
    _add_database(parser)
    parser.add_argument(
        "--log-level",
        choices=["debug", "info", "warning", "error"],
        default="warning",
        help="how much to log on standard error (the log file always gets info and above)",
    )
    parser.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="when the workspace has no tickets, fill it with demo data first",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="fill the workspace with realistic demo data")
    _add_database(demo)
    demo.add_argument("--tickets", type=int, default=5000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    imp = commands.add_parser("import", help="import events or tickets from CSV")
    imp_kinds = imp.add_subparsers(dest="kind", metavar="KIND", required=True)
    events = imp_kinds.add_parser("events", help="an event log (one row per status change)")
    _add_database(events)
    events.add_argument("file", metavar="FILE")
    events.add_argument("--preset", required=True, metavar="NAME_OR_PATH")
    events.add_argument("--dry-run", action="store_true")
    tickets = imp_kinds.add_parser("tickets", help="one row per ticket")
    _add_database(tickets)
    tickets.add_argument("file", metavar="FILE")
    tickets.add_argument("--dry-run", action="store_true")

    exp = commands.add_parser("export", help="export tickets with their clock results")
    exp_kinds = exp.add_subparsers(dest="kind", metavar="KIND", required=True)
    exp_tickets = exp_kinds.add_parser("tickets", help="tickets and their SLA clocks as CSV")
    _add_database(exp_tickets)
    exp_tickets.add_argument("file", metavar="FILE")

    recompute = commands.add_parser("recompute", help="re-evaluate the SLA clocks of tickets")
    _add_database(recompute)
    recompute.add_argument(
        "--all", action="store_true", help="every ticket, closed ones too (a re-baseline)"
    )
    recompute.add_argument("--reason", help="why history is re-judged (recorded with --all)")
    recompute.add_argument("--author", help="who re-baselines (default: your login name)")
    recompute.add_argument(
        "--verify",
        action="store_true",
        help="compare every stored clock row instead of trusting the fingerprints (repairs a"
        " file edited by hand)",
    )

    report = commands.add_parser("report", help="write a compliance summary")
    _add_database(report)
    report.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    report.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    report.add_argument("--team", metavar="T")
    report.add_argument("--customer", metavar="C")
    report.add_argument("--format", choices=["pdf", "csv", "html"], default="pdf")
    report.add_argument("--out", required=True, metavar="FILE")
    return parser


def setup_logging(level: str) -> None:
    """Log to standard error at ``level`` and to a rotating file in the log folder."""
    from slaworkbench import config

    root = logging.getLogger()
    root.setLevel(logging.DEBUG if level == "debug" else logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(getattr(logging, level.upper()))
    console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(console)
    try:
        file_handler = logging.handlers.RotatingFileHandler(
            config.log_file(),
            maxBytes=2_000_000,
            backupCount=3,
            encoding="utf-8",
        )
    except OSError as error:  # a read-only home must not stop the program
        logging.getLogger(__name__).warning("No log file: %s", error)
    else:
        file_handler.setLevel(logging.INFO)
        file_handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
        )
        root.addHandler(file_handler)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        from slaworkbench.ui.window.launch import run_gui

        return run_gui(args)
    import importlib

    module_name, function = HANDLERS[args.command].split(":")
    handler = getattr(importlib.import_module(module_name), function)
    result: int = handler(args)
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.log_level)
    try:
        return _dispatch(args)
    except CommandError as error:
        print(f"slaworkbench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(
            "slaworkbench: interrupted; nothing was changed by the unfinished step.",
            file=sys.stderr,
        )
        return 130


def gui_main() -> int:
    return main(sys.argv[1:])
