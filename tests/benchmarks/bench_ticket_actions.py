"""A person's ticket actions on the realistic workspace: one ticket's priority changed (the
detail pane's edit, or the row menu on one ticket) and the same change to 200 selected
tickets (the row menu on a selection), each in its transaction with the tickets' clocks,
holds, OLA cycles and rollups written as the program writes them.

Peer in the same run, the same statistic (median of ``--runs``): the bare writes a
person's change itself needs, in ``sqlite3`` — the ticket rows updated (priority and
version) and one ``priority_changed`` event each inserted, one transaction — on the
same copy of the workspace. The ratio is the cost of keeping everything derived from
the tickets right in the same transaction.

Usage: ``python -m tests.benchmarks ticket_actions [--tickets=N | --database=PATH]
[--runs=N] [--selected=N]``; the workspace is copied to a scratch folder first (the
cached demo is never written).
"""

from __future__ import annotations

import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.tickets.edits import FieldValues, apply_bulk_edit, apply_edit
from slaworkbench.domain.model import Priority
from slaworkbench.store.schema import Ticket
from slaworkbench.store.workspace import Workspace, open_workspace
from tests.benchmarks.realistic import demo_now, fresh_copy, load, option, realistic_workspace

PRIORITY_CHANGED = 2
"""``ticket_events.type_code`` of ``priority_changed``."""


def _targets(ws: Workspace, count: int, offset: int) -> list[tuple[int, int, str]]:
    """Tickets not solved, closed or urgent, newest first: ``(id, version, priority)``."""
    with ws.session() as session:
        rows = session.execute(
            select(Ticket.id, Ticket.version, Ticket.priority)
            .where(Ticket.status.in_(("new", "open", "pending", "on_hold")))
            .where(Ticket.priority != "urgent")
            .order_by(Ticket.id.desc())
            .offset(offset)
            .limit(count)
        ).all()
    return [(int(i), int(v), str(p)) for i, v, p in rows]


def _ours(ws: Workspace, targets: list[tuple[int, int, str]], now: int) -> float:
    started = time.perf_counter()
    if len(targets) == 1:
        ((ticket_id, version, _p),) = targets
        apply_edit(ws, ticket_id, FieldValues(priority=Priority.URGENT), author="bench",
                   expected_version=version, now=now)  # fmt: skip
    else:
        apply_bulk_edit(ws, [(t, v) for t, v, _p in targets],
                        FieldValues(priority=Priority.URGENT), author="bench", now=now)  # fmt: skip
    return time.perf_counter() - started


def _peer(path: Path, targets: list[tuple[int, int, str]], now: int) -> float:
    """The same tickets' rows and events written bare (no clocks, nothing derived)."""
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        started = time.perf_counter()
        with connection:
            for ticket_id, version, _p in targets:
                connection.execute(
                    "UPDATE tickets SET priority = 'urgent', version = version + 1,"
                    " updated_at = ? WHERE id = ? AND version = ?",
                    (now, ticket_id, version),
                )
                connection.execute(
                    "INSERT INTO ticket_events (ticket_id, seq, at, type_code, priority_code)"
                    " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, 0 FROM ticket_events"
                    " WHERE ticket_id = ?",
                    (ticket_id, now, PRIORITY_CHANGED, ticket_id),
                )
        return time.perf_counter() - started


def main(argv: list[str]) -> int:
    source = realistic_workspace(argv, default_tickets=100_000)
    runs = int(option(argv, "runs") or 5)
    selected = int(option(argv, "selected") or 200)
    with tempfile.TemporaryDirectory(prefix="bench-actions-", dir="/dev/shm") as scratch:
        copy = Path(scratch) / "actions.sqlite3"
        fresh_copy(source, copy)
        with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as connection:
            now = demo_now(connection) + 3600
        print(f"workspace {source.name}, {load()}")
        results: dict[str, tuple[list[float], list[float]]] = {}
        with open_workspace(str(copy), create=False) as ws:
            _ours(ws, _targets(ws, 1, 0), now)  # uncounted: the first opens and caches
            offset = 1
            for label, count in (("one ticket", 1), (f"{selected} tickets", selected)):
                ours: list[float] = []
                peers: list[float] = []
                for _ in range(runs):  # in turn, each on tickets not changed before
                    mine = _targets(ws, count, offset)
                    offset += count
                    theirs = _targets(ws, count, offset)
                    offset += count
                    if len(mine) < count or len(theirs) < count:
                        raise SystemExit(
                            f"the workspace has too few open tickets for {runs} runs of "
                            f"{count}: use a larger one (--tickets=N) or fewer --runs"
                        )
                    ours.append(_ours(ws, mine, now))
                    peers.append(_peer(copy, theirs, now))
                results[label] = (ours, peers)
        print(f"{'change of priority':<22}{'ours':>12}{'bare writes':>14}{'ratio':>9}")
        for label, (ours, peers) in results.items():
            mine, theirs = statistics.median(ours), statistics.median(peers)
            print(
                f"{label:<22}{mine * 1000:>10.1f} ms{theirs * 1000:>11.1f} ms{mine / theirs:>8.1f}×"
            )
        print(f"(median of {runs} runs each, in turn; {load()})")
    return 0
