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
from slaworkbench.i18n import tr

HANDLERS = {
    "demo": "slaworkbench.cli.data:cmd_demo",
    "import": "slaworkbench.cli.data:cmd_import",
    "export": "slaworkbench.cli.data:cmd_export",
    "recompute": "slaworkbench.cli.recompute:cmd_recompute",
    "report": "slaworkbench.cli.report:cmd_report",
    "calendar": "slaworkbench.cli.setup:cmd_calendar",
    "policy": "slaworkbench.cli.setup:cmd_policy",
    "check": "slaworkbench.cli.check:cmd_check",
    "migrate": "slaworkbench.cli.migrate:cmd_migrate",
    "admin": "slaworkbench.cli.admin:cmd_admin",
}
"""Each command's handler, imported only when that command runs."""


LOG_LEVELS = ["debug", "info", "warning", "error"]
SHARED_OPTIONS = (("database", "--database"), ("log_level", "--log-level"))
"""Options accepted before the command and after it: ``(dest, flag)``."""


def _database_help() -> str:
    return tr(
        "workspace database: a SQLAlchemy URL or a SQLite file path "
        "(default: $SLAWORKBENCH_DATABASE, else the user data folder)"
    )


def _dry_run_help() -> str:
    return tr("check the file and show what would be imported; write nothing")


def _log_help() -> str:
    return tr("how much to log on standard error (the log file always gets info and above)")


def _add_database(parser: argparse.ArgumentParser) -> None:
    """``--database`` and ``--log-level`` after a command: kept apart from the top-level
    ones (argparse would let a sub-command's default erase a value given before it) and
    merged by ``merge_shared_options``."""
    parser.add_argument("--database", dest="after_database", metavar="URL", help=_database_help())
    parser.add_argument("--log-level", dest="after_log_level", choices=LOG_LEVELS, help=_log_help())


def merge_shared_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """One value per shared option, whether it came before or after the command; the same
    option given on both sides with different values is refused."""
    for dest, flag in SHARED_OPTIONS:
        after = getattr(args, f"after_{dest}", None)
        if hasattr(args, f"after_{dest}"):
            delattr(args, f"after_{dest}")
        if after is None:
            continue
        before = getattr(args, dest)
        if before is not None and before != after:
            parser.error(
                tr(
                    "{flag} is given twice with different values ({first}, {second}); give it once."
                ).format(flag=flag, first=before, second=after)
            )
        setattr(args, dest, after)
    if getattr(args, "command", None) is not None and args.demo_if_empty:
        parser.error(
            tr("--demo-if-empty only applies when the window opens; drop it or the command.")
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="slaworkbench",
        description=tr("SLA Workbench: track support tickets against their SLAs."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"SLA Workbench {__version__}",
        help=tr("show the program's version and exit"),
    )
    parser.add_argument("--database", metavar="URL", help=_database_help())
    parser.add_argument(
        "--log-level",
        choices=LOG_LEVELS,
        help=tr(
            "how much to log on standard error (default: warning; the log file always gets "
            "info and above)"
        ),
    )
    parser.add_argument(
        "--demo-if-empty",
        action="store_true",
        help=tr("when the workspace has no tickets, fill it with demo data first"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help=tr("fill the workspace with realistic demo data"))
    _add_database(demo)
    demo.add_argument(
        "--tickets",
        type=int,
        default=5000,
        metavar="N",
        help=tr("how many tickets (default: 5000)"),
    )
    demo.add_argument(
        "--seed", type=int, default=1, metavar="S", help=tr("the same seed gives the same data")
    )

    imp = commands.add_parser("import", help=tr("import events or tickets from CSV"))
    imp_kinds = imp.add_subparsers(dest="kind", metavar="KIND", required=True)
    events = imp_kinds.add_parser("events", help=tr("an event log (one row per status change)"))
    _add_database(events)
    events.add_argument("file", metavar="FILE", help=tr("the CSV file"))
    events.add_argument(
        "--preset",
        required=True,
        metavar="NAME_OR_PATH",
        help=tr("how to read the columns: a preset's name (e.g. bpic2013) or its JSON file"),
    )
    events.add_argument("--dry-run", action="store_true", help=_dry_run_help())
    tickets = imp_kinds.add_parser("tickets", help=tr("one row per ticket"))
    _add_database(tickets)
    tickets.add_argument("file", metavar="FILE", help=tr("the CSV file"))
    tickets.add_argument("--dry-run", action="store_true", help=_dry_run_help())

    exp = commands.add_parser("export", help=tr("export tickets with their clock results"))
    exp_kinds = exp.add_subparsers(dest="kind", metavar="KIND", required=True)
    exp_tickets = exp_kinds.add_parser("tickets", help=tr("tickets and their SLA clocks as CSV"))
    _add_database(exp_tickets)
    exp_tickets.add_argument(
        "file", metavar="FILE", help=tr("the CSV file to write (/dev/stdout: to a pipe)")
    )

    recompute = commands.add_parser("recompute", help=tr("re-evaluate the SLA clocks of tickets"))
    _add_database(recompute)
    recompute.add_argument(
        "--all", action="store_true", help=tr("every ticket, closed ones too (a re-baseline)")
    )
    recompute.add_argument("--reason", help=tr("why history is re-judged (recorded with --all)"))
    recompute.add_argument("--author", help=tr("who re-baselines (default: your login name)"))
    recompute.add_argument(
        "--verify",
        action="store_true",
        help=tr(
            "compare every stored clock row instead of trusting the fingerprints (repairs a"
            " file edited by hand)"
        ),
    )

    report = commands.add_parser("report", help=tr("write a compliance summary"))
    _add_database(report)
    report.add_argument(
        "--from", dest="date_from", required=True, metavar="DATE", help=tr("first day, YYYY-MM-DD")
    )
    report.add_argument(
        "--to", dest="date_to", required=True, metavar="DATE", help=tr("last day, YYYY-MM-DD")
    )
    report.add_argument("--team", metavar="T", help=tr("only this team's tickets"))
    report.add_argument("--customer", metavar="C", help=tr("only this customer's tickets"))
    report.add_argument(
        "--format", choices=["pdf", "csv", "html"], default="pdf", help=tr("default: pdf")
    )
    report.add_argument("--out", required=True, metavar="FILE", help=tr("the file to write"))
    report.add_argument(
        "--statement", action="store_true", help=tr("the --customer's service statement instead")
    )
    report.add_argument(
        "--language",
        metavar="LOCALE",
        help=tr(
            "write it in this language and locale, e.g. pt_BR, pt_PT, en_GB, en_US "
            "(default: the command line's, from LANG)"
        ),
    )
    check = commands.add_parser(
        "check",
        help=tr(
            "check the workspace in full: the database's integrity, and every open "
            "ticket's clocks against its events (repairing those that differ)"
        ),
    )
    _add_database(check)
    migrate = commands.add_parser(
        "migrate",
        help=tr(
            "copy a workspace into an empty database (e.g. to a team server), all or "
            "nothing, verified by row counts and a checksum of the clock results"
        ),
    )
    migrate.add_argument(
        "--from", dest="source", required=True, metavar="FILE_OR_URL", help=tr("the workspace")
    )
    migrate.add_argument(
        "--to", dest="target", required=True, metavar="URL", help=tr("an empty database")
    )
    _add_setup_commands(commands)
    _add_admin_commands(commands)
    return parser


def _add_admin_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``admin init-roles`` and ``admin add-user``: roles and logins on a team server."""
    admin = commands.add_parser("admin", help=tr("roles and logins on a team server"))
    actions = admin.add_subparsers(dest="admin_action", metavar="ACTION", required=True)
    init = actions.add_parser("init-roles", help=tr("create the group roles and their grants"))
    _add_database(init)
    user = actions.add_parser("add-user", help=tr("a login with a role, and its agent row"))
    user.add_argument("name", help=tr("the login name (also the agent's name)"))
    user.add_argument("--role", required=True, choices=["agent", "manager", "admin"])
    user.add_argument(
        "--no-password", action="store_true", help=tr("set no password (the server authenticates)")
    )
    _add_database(user)


def _add_setup_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``calendar`` and ``policy``: list, export and import the window's JSON files."""
    calendar = commands.add_parser("calendar", help=tr("list, export or import business calendars"))
    calendar_actions = calendar.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = calendar_actions.add_parser("list", help=tr("every calendar and its time zone"))
    _add_database(listing)
    export = calendar_actions.add_parser("export", help=tr("write a calendar to a JSON file"))
    _add_database(export)
    export.add_argument("name", metavar="NAME")
    export.add_argument("file", metavar="FILE")
    imp = calendar_actions.add_parser(
        "import", help=tr("add a calendar from a JSON file (one of the same name is replaced)")
    )
    _add_database(imp)
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--author", help=tr("who imports (default: your login name)"))

    policy = commands.add_parser("policy", help=tr("list, export or import SLA policies"))
    policy_actions = policy.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = policy_actions.add_parser("list", help=tr("the policies in evaluation order"))
    _add_database(listing)
    export = policy_actions.add_parser(
        "export", help=tr("write a policy and its calendar to a JSON file")
    )
    _add_database(export)
    export.add_argument("name", metavar="NAME")
    export.add_argument("file", metavar="FILE")
    imp = policy_actions.add_parser(
        "import",
        help=tr(
            "add a policy from a JSON file (one of the same name gets a new version); "
            "its calendar comes along when the file holds one"
        ),
    )
    _add_database(imp)
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--reason", help=tr("why (recorded with the version; default: the file name)"))
    imp.add_argument("--author", help=tr("who imports (default: your login name)"))
    imp.add_argument(
        "--first", action="store_true", help=tr("put the policy first in the evaluation order")
    )


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


def _sentence(error: BaseException) -> str:
    from slaworkbench.cli.workspace import failure_sentence

    return failure_sentence(error) or tr(
        "The input is nested too deeply to be read; nothing was changed."
    )


def main(argv: Sequence[str] | None = None) -> int:
    from slaworkbench import language
    from slaworkbench.cli import parser_language

    language.activate(language.system_locale())  # the window may override it at start
    parser_language.install()
    parser = build_parser()
    args = parser.parse_args(argv)
    merge_shared_options(parser, args)
    setup_logging(args.log_level or "warning")
    try:
        return _dispatch(args)
    except CommandError as error:
        _fail(str(error))
        return 1
    except (OSError, MemoryError, RecursionError) as error:  # a sentence, not a traceback
        _fail(_sentence(error))
        return 1
    except KeyboardInterrupt:
        _fail(tr("interrupted; nothing was changed by the unfinished step."))
        return 130
    finally:
        if argv is None and args.command is not None:
            _process_ends()


def _process_ends() -> None:
    """A command run as the program (``argv`` read from the process) has finished and the
    interpreter shuts down next. Its shutdown collects cycles among every object left,
    module by module: ~0.4 s after a PDF report (SQLAlchemy's and Qt's classes, pyqtgraph,
    numpy), whatever the report's size. Those objects are moved out of the collector's
    reach instead (``gc.freeze``): the process's memory goes back whole when it exits.
    Reference counting and the exit handlers (logging's flush, Qt's cleanup) still run;
    the workspace is closed by then. Not done when ``main`` is called with arguments (the
    tests, in a process that goes on)."""
    import gc

    gc.freeze()


def _fail(sentence: str) -> None:
    """The one line of a failure on standard error, after the program's name."""
    print("slaworkbench:", sentence, file=sys.stderr)


def gui_main() -> int:
    return main(sys.argv[1:])
