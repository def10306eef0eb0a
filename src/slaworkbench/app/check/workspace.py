"""``check_workspace``: the full check behind ``slaworkbench check`` and Tools › Check
workspace.

Two steps. First the database's own full check (SQLite's ``PRAGMA integrity_check``,
which unlike the ``quick_check`` run at every open also compares every index with its
table); when it finds anything, nothing is written and the report says what it found.
Then the clocks of every open ticket are verified against its events: a recompute at
one instant brings every clock up to that instant, a second, verifying recompute at the
same instant compares every stored row with a fresh evaluation and rewrites the ones
that differ; the tickets whose stored clocks (or SLA state) changed in that second pass
are the ones repaired. Closed tickets and stopped cycles are not re-judged (a stopped
cycle keeps the verdict it was stored with: that is a re-baseline, ``recompute --all``).
The moving reading (elapsed, remaining) of a running clock is not counted as a repair:
it is a reading as of its row's ``evaluated_at``. Closed tickets
that have neither clocks nor a timeline were never evaluated since their events last
changed (an import or a demo cut short during its clock step leaves them so): they are
counted, not re-judged. The stored OLA cycles of the open tickets
(``ticket_ola_cycles``, ``ticket_ola_holds``) are compared the same way, but from before
the first pass: every recompute rewrites the unfinished OLA cycles, so the first pass
would repair them unseen; their digest (``store.ola.digests``) leaves out what moves
with time alone, so what differs after the verifying pass was wrong. Last, the daily
rollup the dashboard and the report read
(``clock_rollup``) is rebuilt from the clock rows when any of its rows differed from them
(the count of differing rows is reported); so are the other rollups and the holders'
samples kept per span.

Those comparisons only read, and on SQLite they run while the integrity check reads the
same file on a thread of its own (SQLite lets go of the interpreter's lock inside both):
at a million tickets each takes about a minute, so the check takes about as long as its
first step instead of the two one after the other. They compare one snapshot taken
before the recomputes; that is the same verdict as after them, because every write of a
clock row moves its rollups by what it changes in the same transaction (what the rollups
are and are not is unchanged by a correct write); a kept span a recompute forgets and
measures again is right after it, and counted as repaired. When the integrity check finds
anything, what the comparisons found (or the error damage gave them) is dropped and
nothing is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import text

from slaworkbench.app.ola.held_samples import fill_held_samples, held_samples_differences
from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.analytics.answer_rollup import (
    answer_rollup_differences,
    rebuild_answer_rollup,
)
from slaworkbench.store.analytics.rollup import rebuild_rollup
from slaworkbench.store.analytics.rollup_check import rollup_differences
from slaworkbench.store.ola.digests import ola_digests
from slaworkbench.store.ola.held_samples import forget_all
from slaworkbench.store.schema import OPEN_STATUSES
from slaworkbench.store.workspace import Workspace

REPAIRED_IDS_SHOWN = 100
"""How many repaired ticket ids a report lists (the count is always whole)."""


@dataclass(frozen=True, slots=True)
class CheckReport:
    integrity_checked: bool
    """False on a database without an integrity check of its own (PostgreSQL)."""
    problems: tuple[str, ...]
    """What the integrity check found; empty when the file is whole."""
    tickets_verified: int
    """Open tickets whose clocks were compared with their events (0 when ``problems``)."""
    tickets_repaired: int
    repaired_ids: tuple[int, ...]
    """The first ``REPAIRED_IDS_SHOWN`` repaired tickets, by id."""
    closed_unevaluated: int
    """Closed tickets with neither clocks nor a timeline (``recompute --all`` judges them)."""
    seconds: float
    rollup_rows_repaired: int = 0
    """Rows of the daily rollup that differed from the clock rows (the table was rebuilt)."""
    ola_tickets_repaired: int = 0
    """Open tickets whose stored OLA rows did not match their events (rewritten)."""
    ola_repaired_ids: tuple[int, ...] = ()
    """The first ``REPAIRED_IDS_SHOWN`` of them, by id."""

    @property
    def ok(self) -> bool:
        """Nothing was wrong (nothing damaged, repaired or left unevaluated)."""
        return (
            not self.problems
            and self.tickets_repaired == 0
            and self.closed_unevaluated == 0
            and self.rollup_rows_repaired == 0
            and self.ola_tickets_repaired == 0
        )


def check_workspace(
    workspace: Workspace,
    *,
    now: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckReport:
    """Check ``workspace`` in full and repair clocks that do not match their events."""
    started = time.perf_counter()
    now = int(time.time()) if now is None else now
    with ThreadPoolExecutor(1, thread_name_prefix="integrity-check") as pool:
        integrity = pool.submit(_integrity, workspace)
        try:
            found = _compare(workspace, now)
        except Exception:
            checked, problems = integrity.result()
            if not problems:
                raise
        else:
            checked, problems = integrity.result()
    if problems:
        return CheckReport(checked, problems, 0, 0, (), 0, time.perf_counter() - started)
    ola_before = found.ola_digests
    recompute(workspace, now=now, progress=progress)
    before = _clock_digests(workspace)
    result = recompute(workspace, now=now, verify=True, progress=progress)
    after = _clock_digests(workspace)
    repaired = sorted(
        ticket for ticket in before.keys() | after.keys() if before.get(ticket) != after.get(ticket)
    )
    with workspace.engine.connect() as connection:
        ola_after = ola_digests(connection, now=now)
    ola_repaired = sorted(
        ticket
        for ticket in ola_before.keys() | ola_after.keys()
        if ola_before.get(ticket) != ola_after.get(ticket)
    )
    rollup_repaired = _repair_rollups(workspace, found)
    return CheckReport(
        integrity_checked=checked,
        problems=(),
        tickets_verified=result.tickets,
        tickets_repaired=len(repaired),
        repaired_ids=tuple(repaired[:REPAIRED_IDS_SHOWN]),
        closed_unevaluated=found.closed_unevaluated,
        seconds=time.perf_counter() - started,
        rollup_rows_repaired=rollup_repaired,
        ola_tickets_repaired=len(ola_repaired),
        ola_repaired_ids=tuple(ola_repaired[:REPAIRED_IDS_SHOWN]),
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """What the comparisons that only read found, in one snapshot."""

    ola_digests: dict[int, int]
    """Per open ticket, a digest of its stored OLA cycles (``store.ola.digests``)."""
    rollup: int
    """Rows of the four clock rollups that differ from the clock rows."""
    answers: int
    """Rows of the answers' rollup (and answers) that differ from the answers."""
    samples: int
    """Kept spans of the holders' samples that differ from their cycles."""
    closed_unevaluated: int


def _compare(workspace: Workspace, now: int) -> _Found:
    """The open tickets' OLA digests, and what differs between the rollups (and the
    holders' samples) and what they derive from, read in one snapshot."""
    with workspace.engine.connect() as connection, connection.begin():
        return _Found(
            ola_digests=ola_digests(connection, now=now),
            rollup=len(rollup_differences(connection)),
            answers=len(answer_rollup_differences(connection)),
            samples=len(held_samples_differences(connection)),
            closed_unevaluated=int(connection.execute(text(_UNEVALUATED)).scalar_one()),
        )


def _repair_rollups(workspace: Workspace, found: _Found) -> int:
    """Rebuild the daily rollups from the clock rows (and the survey answers), and the
    holders' samples kept per span, those that differed from them; the number of rows
    (and spans) that differed."""
    if found.rollup or found.answers or found.samples:
        with workspace.begin() as connection:
            if found.rollup:
                rebuild_rollup(connection)
            if found.answers:
                rebuild_answer_rollup(connection)
            if found.samples:  # every kept span measured again
                forget_all(connection)
                fill_held_samples(connection, int(time.time()))
    return found.rollup + found.answers + found.samples


def _integrity(workspace: Workspace) -> tuple[bool, tuple[str, ...]]:
    if workspace.engine.dialect.name != "sqlite":
        return False, ()
    with workspace.engine.connect() as connection:
        rows = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    return True, () if rows == ["ok"] else tuple(rows)


_OPEN = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
_CLOCKS = f"""
SELECT t.id, t.sla_state, t.next_due_at, c.metric, c.cycle_index, c.started_at,
       c.stopped_at, c.state, c.at_risk, c.target,
       CASE WHEN {{live}} THEN NULL ELSE c.elapsed END,
       CASE WHEN {{live}} THEN NULL ELSE c.remaining END,
       c.due_at, c.breached_at, c.risk_at, c.policy_version_id
FROM tickets t LEFT JOIN ticket_clocks c ON c.ticket_id = t.id
WHERE t.status IN ({_OPEN})
ORDER BY t.id, c.metric, c.cycle_index
""".format(live="c.stopped_at IS NULL AND c.state <> 'paused' AND c.due_at IS NOT NULL")


_UNEVALUATED = f"""
SELECT count(*) FROM tickets t
WHERE t.status NOT IN ({_OPEN})
  AND NOT EXISTS (SELECT 1 FROM ticket_clocks c WHERE c.ticket_id = t.id)
  AND NOT EXISTS (SELECT 1 FROM ticket_timelines l WHERE l.ticket_id = t.id)
"""


def _clock_digests(workspace: Workspace) -> dict[int, int]:
    """Per open ticket, a hash of its SLA state and its stored clocks without readings."""
    digests: dict[int, int] = {}
    with workspace.engine.connect() as connection:
        for row in connection.execute(text(_CLOCKS)).yield_per(20_000):
            ticket = int(row[0])
            digests[ticket] = hash((digests.get(ticket, 0), tuple(row[1:])))
    return digests
