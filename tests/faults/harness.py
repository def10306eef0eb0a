"""Kill the real program at random points and judge what it left behind.

A *scenario* is a workspace in a known state (the *before* file, built once) and a
command that changes it. The command runs as the real program, ``python -m
slaworkbench …`` (or, for a ticket action, which has no command, a few lines driving
``app.tickets.actions``), with ``time.time`` frozen so two complete runs write exactly the
same rows. One complete run on a copy of the before file gives the *after* state; then,
for every kill point, a fresh copy is changed by the command until ``SIGKILL`` at a random
delay, and the file is judged:

- ``integrity``: SQLite's ``PRAGMA integrity_check`` says ``ok``;
- ``state``: ``before`` or ``after`` when the canonical dump (schema and every row, the
  random workspace uuid aside, plus ``application_id``) equals one of them exactly;
  ``per-ticket`` when every ticket's bundle (its row, its timeline, and what is derived
  of it: its clocks, their held pieces, its OLA cycles and theirs, its survey answers'
  first responses) equals its before or its after bundle, every other table equals its
  before or after whole, and the rollups summed over all tickets (and the holders'
  samples kept per span) are what the clock rows and answers they now hold give (what a
  chunked recompute promises: each chunk writes its tickets' derived rows and the
  rollups' deltas in one transaction); else ``neither``;
- ``opens``: ``open_workspace(create=False)`` opens it (a refusal of an intact file is a
  failure);
- ``backups``: every backup beside it is a whole database holding the before state.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from slaworkbench.app.ola.held_samples import held_samples_differences
from slaworkbench.store.analytics.answer_rollup import answer_rollup_differences
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.backups import list_backups
from slaworkbench.store.dialect import make_engine
from slaworkbench.store.errors import WorkspaceError
from slaworkbench.store.workspace import SCHEMA_REVISION, open_workspace

FROZEN_NOW = 1_767_225_600  # 2026-01-01T00:00:00Z
SOURCE = Path(__file__).resolve().parents[2] / "src"

_PROGRAM = """
import runpy, sys, time
time.time = lambda: {now}.0
sys.argv = ["slaworkbench", *sys.argv[1:]]
runpy.run_module("slaworkbench", run_name="__main__", alter_sys=True)
"""
"""``python -m slaworkbench ARGS`` with the clock frozen at ``FROZEN_NOW``."""

_TICKET_BUNDLE_TABLES = (
    "tickets",
    "ticket_clocks",
    "ticket_timelines",
    "ticket_clock_holds",
    "ticket_ola_cycles",
    "ticket_ola_holds",
    "survey_answers",
    "tickets_judged_elsewhere",
)
_ROLLUPS = (
    "clock_rollup",
    "clock_rollup_by_team",
    "clock_rollup_by_span",
    "duration_rollup",
    "answer_rollup",
    "held_samples",
    "held_sample_spans",
)
"""Sums over every ticket: judged by agreeing with the rows they sum, not whole (the
holders' samples: every span kept is what its cycles give; a run killed between its
chunks and its fill keeps fewer spans than either end)."""


@dataclass(frozen=True)
class Scenario:
    name: str
    prepare: Callable[[Path], None]
    """Builds the before workspace at the given path (closed, no write-ahead log left)."""
    argv: Callable[[Path, Path], list[str]]
    """The child's arguments after ``python``, given the workspace and a scratch folder."""
    per_ticket: bool = False
    """Whether a mix of before and after tickets is a promised outcome (a chunked recompute)."""
    known_issue: int | None = None
    """The item of issue 14 that leaves this command's killed runs in neither state."""


@dataclass
class Outcome:
    delay: float
    state: str
    integrity: bool
    opens: bool
    backups_ok: bool
    exit_code: int | None
    detail: str = ""


@dataclass
class Result:
    scenario: str
    reference_seconds: float
    window: tuple[float, float]
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.state == state)

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not (o.integrity and o.opens and o.backups_ok)]

    def summary(self) -> str:
        states = Counter(outcome.state for outcome in self.outcomes)
        return (
            f"{self.scenario}: {len(self.outcomes)} kills "
            f"(a whole run {self.reference_seconds:.1f} s, kills at "
            f"{self.window[0]:.2f}-{self.window[1]:.2f} s): "
            + ", ".join(f"{state} {states[state]}" for state in sorted(states))
            + f"; integrity failures {sum(not o.integrity for o in self.outcomes)}, "
            f"refused opens {sum(not o.opens for o in self.outcomes)}, "
            f"bad backups {sum(not o.backups_ok for o in self.outcomes)}"
        )


def environment(home: Path) -> dict[str, str]:
    python_path = os.pathsep.join(
        [str(SOURCE), str(SOURCE.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return {
        **os.environ,
        "SLAWORKBENCH_HOME": str(home),
        "PYTHONPATH": python_path,
        "QT_QPA_PLATFORM": "offscreen",
    }


def program(*args: str) -> list[str]:
    return ["-c", _PROGRAM.format(now=FROZEN_NOW), *args]


# --- judging a file ---------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    digest: str
    tables: dict[str, str]
    """Per table outside the ticket bundles, a digest of its rows."""
    tickets: dict[int, str]
    """Per ticket, a digest of its row, its timeline and what is derived of it."""
    sums_agree: bool = True
    """Whether the rollups are what the clock rows and answers give (a file at head)."""


def snapshot(path: Path) -> tuple[Snapshot, bool]:
    """What SQLite reads from ``path`` (its log replayed), and whether it is intact."""
    with closing(sqlite3.connect(path)) as connection:
        intact = connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        whole = hashlib.sha256()
        whole.update(str(connection.execute("PRAGMA application_id").fetchone()[0]).encode())
        for line in connection.iterdump():
            if line.startswith('INSERT INTO "workspace_identity"'):
                line = "workspace_identity row"  # its uuid is random by design
            whole.update(line.encode() + b"\n")
        names = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        tables = {
            name: _rows_digest(
                connection, f'SELECT * FROM "{name}" ORDER BY {_row_order(connection, name)}'
            )
            for name in names
            if name not in _TICKET_BUNDLE_TABLES
            and name not in _ROLLUPS
            and name != "workspace_identity"
        }
        tickets = _ticket_bundles(connection, names)
        at_head = "alembic_version" in names and connection.execute(
            "SELECT version_num FROM alembic_version"
        ).fetchall() == [(SCHEMA_REVISION,)]
    return Snapshot(whole.hexdigest(), tables, tickets, not at_head or _sums_agree(path)), intact


def _sums_agree(path: Path) -> bool:
    """Whether the rollups of the file at head are what its rows give (the checks of
    ``slaworkbench check``), read without writing."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return (
                not rollup_differences(connection)
                and not answer_rollup_differences(connection)
                and not held_samples_differences(connection)
            )
    finally:
        engine.dispose()


def _row_order(connection: sqlite3.Connection, table: str) -> str:
    """``rowid``, or the primary key of a ``WITHOUT ROWID`` table (``clock_rollup``)."""
    sql = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()[0]
    if "WITHOUT ROWID" not in sql.upper():
        return "rowid"
    keys = sorted(
        (int(row[5]), str(row[1]))
        for row in connection.execute(f'PRAGMA table_info("{table}")')
        if int(row[5])
    )
    return ", ".join(f'"{name}"' for _, name in keys)


def _rows_digest(connection: sqlite3.Connection, sql: str) -> str:
    digest = hashlib.sha256()
    for row in connection.execute(sql):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def _ticket_bundles(connection: sqlite3.Connection, names: list[str]) -> dict[int, str]:
    if "tickets" not in names:
        return {}
    bundles: dict[int, hashlib._Hash] = {}
    for row in connection.execute("SELECT * FROM tickets ORDER BY id"):
        bundles[int(row[0])] = hashlib.sha256(repr(row).encode())
    held = [c for c in _HELD_AT_STOP if c in _columns(connection, "ticket_clocks")]
    queries = [
        "SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target, elapsed,"
        " remaining, due_at, breached_at, at_risk, risk_at, policy_version_id, evaluated_at"
        f"{''.join(', ' + c for c in held)}"
        " FROM ticket_clocks ORDER BY ticket_id, metric, cycle_index"
    ]
    if "ticket_timelines" in names:
        queries.append("SELECT * FROM ticket_timelines ORDER BY ticket_id")
    if "ticket_clock_holds" in names:
        queries.append(
            "SELECT c.ticket_id, c.metric, c.cycle_index, h.agent_id, h.team_id, h.seconds"
            " FROM ticket_clock_holds h JOIN ticket_clocks c ON c.id = h.clock_id"
            " ORDER BY c.ticket_id, c.metric, c.cycle_index,"
            f" {_piece_order(connection, 'ticket_clock_holds')}"
        )
    if "ticket_ola_cycles" in names:
        values = ", ".join(c for c in _columns(connection, "ticket_ola_cycles") if c != "id")
        queries.append(
            f"SELECT ticket_id, {values} FROM ticket_ola_cycles ORDER BY ticket_id, cycle_index"
        )
    if "ticket_ola_holds" in names:
        queries.append(
            "SELECT o.ticket_id, o.cycle_index, h.agent_id, h.seconds FROM ticket_ola_holds h"
            " JOIN ticket_ola_cycles o ON o.id = h.cycle_id"
            f" ORDER BY o.ticket_id, o.cycle_index, {_piece_order(connection, 'ticket_ola_holds')}"
        )
    if "survey_answers" in names:
        queries.append("SELECT ticket_id, * FROM survey_answers ORDER BY ticket_id, id")
    if "tickets_judged_elsewhere" in names:  # migration 0035
        queries.append("SELECT ticket_id FROM tickets_judged_elsewhere ORDER BY ticket_id")
    for query in queries:
        for row in connection.execute(query):
            bundle = bundles.setdefault(int(row[0]), hashlib.sha256(b"orphan"))
            bundle.update(repr(row).encode())
    return {ticket: bundle.hexdigest() for ticket, bundle in bundles.items()}


_HELD_AT_STOP = ("stop_agent_id", "stop_team_id", "holds_at", "unassigned_seconds")
"""What a clock row records of its holds, where its revision has it (0023, 0028, 0031)."""


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [str(row[1]) for row in connection.execute(f'PRAGMA table_info("{table}")')]


def _piece_order(connection: sqlite3.Connection, table: str) -> str:
    """A held piece's order within its cycle: its number (keyed since 0025 and 0029) or
    its own id before."""
    return "h.piece" if "piece" in _columns(connection, table) else "h.id"


def classify(now: Snapshot, before: Snapshot, after: Snapshot) -> str:
    if now.digest == before.digest:
        return "before"
    if now.digest == after.digest:
        return "after"
    tables_each = all(
        now.tables.get(name) in (before.tables.get(name), after.tables.get(name))
        for name in now.tables.keys() | before.tables.keys() | after.tables.keys()
    )
    tickets_each = all(
        now.tickets.get(ticket) in (before.tickets.get(ticket), after.tickets.get(ticket))
        for ticket in now.tickets.keys() | before.tickets.keys() | after.tickets.keys()
    )
    return "per-ticket" if tables_each and tickets_each and now.sums_agree else "neither"


def backups_hold(path: Path, before: Snapshot) -> bool:
    """Every backup beside ``path`` is a whole database with the before state."""
    for backup in list_backups(path):
        state, intact = snapshot(backup.path)
        if not intact or state.digest != before.digest:
            return False
    return True


def opens(path: Path) -> tuple[bool, str]:
    try:
        open_workspace(str(path), create=False).close()
    except WorkspaceError as error:
        return False, str(error)
    return True, ""


# --- running ----------------------------------------------------------------------------


def _fresh_copy(template: Path, folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    path = folder / template.name
    shutil.copyfile(template, path)
    return path


def _start(scenario: Scenario, path: Path, scratch: Path, home: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *scenario.argv(path, scratch)],
        env=environment(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def run_scenario(
    scenario: Scenario, root: Path, kills: int, rng: random.Random
) -> tuple[Result, Snapshot, Snapshot]:
    """The before and after states, then ``kills`` runs each killed at a random delay."""
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    template = root / "template" / "workspace.sqlite3"
    template.parent.mkdir(parents=True, exist_ok=True)
    scenario.prepare(template)
    assert not Path(f"{template}-wal").exists(), "the before file must be closed"
    before, intact = snapshot(_fresh_copy(template, root / "before"))
    assert intact

    path = _fresh_copy(template, root / "reference")
    started = time.monotonic()
    child = _start(scenario, path, root / "reference", home)
    first_write = None
    while child.poll() is None:
        if first_write is None and len(list(path.parent.glob(f"{path.name}?*"))) > 0:
            first_write = time.monotonic() - started  # a log, a journal or a backup appeared
        time.sleep(0.002)
    seconds = time.monotonic() - started
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == 0, stderr.decode(errors="replace")
    after, intact = snapshot(path)
    assert intact and after.digest != before.digest, "the command changed nothing"
    # Kills land between just before the first write and the end of a complete run.
    window = (0.9 * (first_write or 0.0), seconds)

    result = Result(scenario.name, seconds, window)
    for number in range(kills):
        delay = rng.uniform(*window)
        folder = root / f"kill-{number}"
        path = _fresh_copy(template, folder)
        child = _start(scenario, path, folder, home)
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        child.communicate(timeout=120)
        state, intact = snapshot(path)
        judged = classify(state, before, after)
        opened, detail = opens(path) if intact else (False, "not intact")
        result.outcomes.append(
            Outcome(
                delay=delay,
                state=judged,
                integrity=intact,
                opens=opened,
                backups_ok=backups_hold(path, before),
                exit_code=child.returncode,
                detail=detail,
            )
        )
        shutil.rmtree(folder, ignore_errors=True)
    return result, before, after
