"""Several desks at once, on each engine: ticket actions, two recomputes and two imports
run together for ``SLAWORKBENCH_CONCURRENCY_SECONDS`` (10 s in the default suite; ``make
faults`` runs it for 60 s), each desk with its own connection pool as a separate desktop
would. Afterwards every ticket's stored clocks equal a fresh evaluation of its events
(``tests/support/clock_truth.py``), and nothing failed except the refusals a person is
meant to see ("changed by someone else", "closed", and on a crowded machine "another
program has been writing for more than 15 s … nothing was changed": six desks in one
process on two cores shared with other builds can hold SQLite's one write lock that
long; the person waits and tries again, and every desk still has to get its own work
done).
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import text

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.app.importing.run import import_event_log
from slaworkbench.app.ola.held_samples import held_samples_differences
from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import agent_reply, change_status, customer_reply
from slaworkbench.domain.model import Status
from slaworkbench.store.errors import StaleTicketError, ValidationError, WorkspaceBusyError
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.support.clock_truth import clock_mismatches
from tests.support.concurrency import event_log

SECONDS = float(os.environ.get("SLAWORKBENCH_CONCURRENCY_SECONDS", "10"))


class Desk(threading.Thread):
    """One desktop: its own workspace (pool), repeating ``step`` until the deadline."""

    def __init__(self, url: str, deadline: float, step: Callable[[Workspace, int], None]) -> None:
        super().__init__()
        self.url, self.deadline, self.step = url, deadline, step
        self.rounds = 0
        self.done = 0
        self.failures: list[BaseException] = []

    def run(self) -> None:
        ws = open_workspace(self.url, create=False)
        try:
            while time.monotonic() < self.deadline:
                try:
                    self.step(ws, self.rounds)
                    self.done += 1
                except (StaleTicketError, ValidationError, WorkspaceBusyError):
                    pass  # what a person is told: changed by someone else, closed, busy
                except BaseException as error:
                    self.failures.append(error)
                    return
                self.rounds += 1
        finally:
            ws.close()


def _open_ticket(ws: Workspace, rng: random.Random) -> tuple[int, int] | None:
    """A ticket that is not closed: a solved one is reopened (its resolution clock
    continues, ``domain.clock.verdicts``)."""
    with ws.session() as session:
        rows = session.execute(
            text(
                "SELECT id, version FROM tickets"
                " WHERE status IN ('new', 'open', 'pending', 'on_hold', 'solved') ORDER BY id"
            )
        ).all()
    return tuple(rng.choice(rows)) if rows else None  # type: ignore[return-value]


def _ticket_actions(seed: int) -> Callable[[Workspace, int], None]:
    rng = random.Random(seed)

    def step(ws: Workspace, _round: int) -> None:
        picked = _open_ticket(ws, rng)
        if picked is None:
            return
        ticket, version = picked
        action = rng.randrange(4)
        if action == 0:
            agent_reply(ws, ticket, "On it", author="Ana", expected_version=version)
        elif action == 1:
            customer_reply(ws, ticket, "Any news?", author="Customer", expected_version=version)
        else:
            status = Status.PENDING if action == 2 else Status.OPEN
            change_status(ws, ticket, status, author="Bo", expected_version=version)

    return step


def _recomputes(full: bool) -> Callable[[Workspace, int], None]:
    def step(ws: Workspace, round_: int) -> None:
        every = full and round_ % 2 == 0
        recompute(ws, only_open=not every, chunk_size=150, author="t", reason="race")

    return step


def _imports(folder: Path, name: str) -> Callable[[Workspace, int], None]:
    def step(ws: Workspace, round_: int) -> None:
        # Every third round both import desks bring the same file: one imports, one skips.
        shared = round_ % 3 == 0
        prefix = f"S{round_}" if shared else f"{name}{round_}"
        path = folder / f"{name}-{prefix}.csv"
        import_event_log(ws, event_log(path, prefix, 60), "bpic2013")

    return step


def test_desks_at_once_leave_every_ticket_with_its_true_clocks(
    workspace_url: str, tmp_path: Path
) -> None:
    ws = open_workspace(workspace_url)
    try:
        generate_demo(ws, tickets=400, seed=11, now=int(time.time()) - 3600)
        deadline = time.monotonic() + SECONDS
        desks = [
            Desk(workspace_url, deadline, _ticket_actions(1)),
            Desk(workspace_url, deadline, _ticket_actions(2)),
            Desk(workspace_url, deadline, _recomputes(full=True)),
            Desk(workspace_url, deadline, _recomputes(full=False)),
            Desk(workspace_url, deadline, _imports(tmp_path, "A")),
            Desk(workspace_url, deadline, _imports(tmp_path, "B")),
        ]
        for desk in desks:
            desk.start()
        for desk in desks:
            desk.join()
        assert [failure for desk in desks for failure in desk.failures] == []
        assert all(desk.done > 0 for desk in desks), [(d.done, d.rounds) for d in desks]
        with ws.session() as session:
            unjudged = session.execute(
                text(
                    "SELECT count(*) FROM tickets t WHERE NOT EXISTS"
                    " (SELECT 1 FROM ticket_clocks c WHERE c.ticket_id = t.id)"
                )
            ).scalar_one()
        assert unjudged == 0
        assert clock_mismatches(ws, int(time.time())) == []
        # every span a fill kept (re-baselines refill them all, beside the desks) is what
        # its cycles give: no fill kept a span a desk's write changed
        with ws.engine.connect() as connection:
            assert held_samples_differences(connection) == []
    finally:
        ws.close()
