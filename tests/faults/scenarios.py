"""The commands the fault suite kills: import, demo, recompute, migration, a ticket action,
several tickets changed as one.

Each builds its before workspace in-process (the clock passed as ``FROZEN_NOW``) and
names the child to run; sizes are chosen so a whole run takes a few seconds.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import insert, text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.policies.versions import list_policies, save_policy_version
from slaworkbench.store.schema import Ticket
from slaworkbench.store.seed import standard_policy_spec
from slaworkbench.store.workspace import open_workspace, upgrade
from tests.faults.harness import FROZEN_NOW, Scenario, program

LONG = os.environ.get("SLAWORKBENCH_FAULTS") == "long"
"""The long form uses the sizes docs/RELIABILITY.md reports; the short one smaller ones."""
IMPORT_ROWS = 20_000 if LONG else 8_000
RECOMPUTE_TICKETS = 7_000 if LONG else 2_000
OLD_FILE_TICKETS = 20_000 if LONG else 8_000


def _demo_workspace(path: Path, tickets: int) -> None:
    with open_workspace(str(path)) as workspace:
        if tickets:
            generate_demo(workspace, tickets=tickets, seed=1, now=FROZEN_NOW)


# --- import -----------------------------------------------------------------------------


def _import_before(path: Path) -> None:
    _demo_workspace(path, 200)


def _import_argv(path: Path, scratch: Path) -> list[str]:
    csv = scratch / "tickets.csv"
    with csv.open("w", encoding="utf-8") as handle:
        handle.write("id,subject,priority,created,first_response,resolved\n")
        for n in range(IMPORT_ROWS):
            day = 1 + n % 28
            handle.write(
                f"F{n},Printer {n},normal,2025-11-{day:02d}T09:00:00Z,"
                f"2025-11-{day:02d}T10:00:00Z,2025-11-{day:02d}T15:00:00Z\n"
            )
    return program("import", "tickets", str(csv), "--database", str(path))


# --- demo -------------------------------------------------------------------------------


def _demo_before(path: Path) -> None:
    _demo_workspace(path, 0)


def _demo_argv(path: Path, _scratch: Path) -> list[str]:
    return program("demo", "--tickets", "3000", "--seed", "7", "--database", str(path))


_WITH_HELPERS = (
    "from slaworkbench.app.demo import draft_process\n"
    "from slaworkbench.store.clocks import transfer\n"
    "draft_process.PROCESS_FROM = transfer.STAGE_FROM = 1_000\n"
)
"""Run before the program: a small demo takes the paths of a large one, its tickets
drawn by a helper process and its clock step's rows bound by another (``store.staging``)."""


def _demo_with_helpers_argv(path: Path, _scratch: Path) -> list[str]:
    flag, code, *args = program("demo", "--tickets", "3000", "--seed", "8", "--database", str(path))
    return [flag, _WITH_HELPERS + code, *args]


# --- recompute --------------------------------------------------------------------------


def _recompute_before(path: Path) -> None:
    """Demo tickets, then a policy saved again (on 24/7 hours): every clock is stale."""
    with open_workspace(str(path)) as workspace:
        generate_demo(workspace, tickets=RECOMPUTE_TICKETS, seed=1, now=FROZEN_NOW)
        with workspace.session(write=True) as session:
            for policy in list_policies(session):
                save_policy_version(
                    session,
                    policy.id,
                    {**standard_policy_spec(), "name": policy.name},
                    calendar_name="24/7",
                    author="faults",
                    now=FROZEN_NOW,
                )


def _recompute_argv(path: Path, _scratch: Path) -> list[str]:
    return program(
        "recompute", "--all", "--reason", "fault suite", "--author", "faults",
        "--database", str(path),
    )  # fmt: skip


# --- migration --------------------------------------------------------------------------


def _old_file_before(path: Path) -> None:
    """A workspace at revision 0003 (before our files were marked), with some history."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            upgrade(connection, "0003")
            tickets = [
                {"id": n, "subject": f"Old ticket {n} " + "x" * 200, "priority": "normal",
                 "status": "open", "created_at": FROZEN_NOW - 86_400 * 30 + n,
                 "updated_at": FROZEN_NOW - 86_400 * 30 + n}
                for n in range(1, OLD_FILE_TICKETS + 1)
            ]  # fmt: skip
            connection.execute(insert(Ticket), tickets)
            # As stored at 0003 (the type is a code since migration 0026).
            connection.execute(
                text(
                    "INSERT INTO ticket_events (ticket_id, seq, at, type)"
                    " VALUES (:ticket_id, 1, :at, 'created')"
                ),
                [{"ticket_id": row["id"], "at": row["created_at"]} for row in tickets],
            )
    finally:
        engine.dispose()


def _migration_argv(path: Path, scratch: Path) -> list[str]:
    """Any command opens the file: it is backed up, then upgraded to the newest revision."""
    return program("export", "tickets", str(scratch / "out.csv"), "--database", str(path))


# --- a ticket action --------------------------------------------------------------------

_REPLY = """
import sys, time
time.time = lambda: {now}.0
from sqlalchemy import select
from slaworkbench.app.tickets.actions import agent_reply
from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import open_workspace
with open_workspace(sys.argv[1], create=False) as workspace:
    with workspace.session() as session:
        ticket_id, version = session.execute(
            select(Ticket.id, Ticket.version).where(Ticket.status == "open").order_by(Ticket.id)
        ).first()
    agent_reply(workspace, ticket_id, "We are on it.", author="faults", expected_version=version)
"""


def _action_before(path: Path) -> None:
    _demo_workspace(path, 300)


def _action_argv(path: Path, _scratch: Path) -> list[str]:
    return ["-c", _REPLY.format(now=FROZEN_NOW), str(path)]


# --- several tickets changed as one ------------------------------------------------------

_BULK = """
import sys, time
time.time = lambda: {now}.0
from sqlalchemy import select
from slaworkbench.app.tickets.edits import FieldValues, apply_bulk_edit
from slaworkbench.domain.model import Priority
from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import open_workspace
with open_workspace(sys.argv[1], create=False) as workspace:
    with workspace.session() as session:
        targets = session.execute(
            select(Ticket.id, Ticket.version)
            .where(Ticket.status != "closed", Ticket.priority != "urgent")
            .order_by(Ticket.id)
        ).all()
    apply_bulk_edit(workspace, [tuple(t) for t in targets], FieldValues(priority=Priority.URGENT),
                    author="faults", now={now})
"""
BULK_TICKETS = 6_000 if LONG else 2_000
"""Of which about one in eight is not closed: the bulk edit re-targets each one's clocks."""


def _bulk_before(path: Path) -> None:
    _demo_workspace(path, BULK_TICKETS)


def _bulk_argv(path: Path, _scratch: Path) -> list[str]:
    return ["-c", _BULK.format(now=FROZEN_NOW), str(path)]


SCENARIOS = (
    Scenario("import", _import_before, _import_argv),
    Scenario("demo", _demo_before, _demo_argv),
    Scenario("demo with helpers", _demo_before, _demo_with_helpers_argv),
    Scenario("recompute", _recompute_before, _recompute_argv, per_ticket=True),
    Scenario("migration", _old_file_before, _migration_argv),
    Scenario("ticket action", _action_before, _action_argv),
    Scenario("bulk ticket edit", _bulk_before, _bulk_argv),
)
