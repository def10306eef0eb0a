"""Whether every ticket's stored clocks equal a fresh evaluation of its events.

``clock_mismatches`` first brings the open clocks to one instant through the ordinary
path (which trusts the cached timelines), then throws every cached timeline away and
re-judges every ticket from its event log alone at that same instant; a ticket whose
stored clocks or SLA summary moved in that second pass was wrong. The moving readings of
a running clock (elapsed, remaining) are left out: they are readings as of a row's
``evaluated_at``.
"""

from __future__ import annotations

from sqlalchemy import text

from slaworkbench.app.recompute.run import recompute
from slaworkbench.store.workspace import Workspace

_LIVE = "c.stopped_at IS NULL AND c.state <> 'paused' AND c.due_at IS NOT NULL"
_CLOCKS = f"""
SELECT t.id, t.status, t.sla_state, t.next_due_at, t.first_response_state,
       t.resolution_state, c.metric, c.cycle_index, c.started_at, c.stopped_at, c.state,
       c.target, CASE WHEN {_LIVE} THEN NULL ELSE c.elapsed END,
       CASE WHEN {_LIVE} THEN NULL ELSE c.remaining END, c.due_at, c.breached_at
FROM tickets t LEFT JOIN ticket_clocks c ON c.ticket_id = t.id
ORDER BY t.id, c.metric, c.cycle_index
"""


def clock_rows(workspace: Workspace) -> dict[int, list[tuple[object, ...]]]:
    """Per ticket, its summary and stored clock rows (without live readings)."""
    rows: dict[int, list[tuple[object, ...]]] = {}
    with workspace.engine.connect() as connection:
        for row in connection.execute(text(_CLOCKS)):
            rows.setdefault(int(row[0]), []).append(tuple(row[1:]))
    return rows


def clock_mismatches(workspace: Workspace, now: int) -> list[int]:
    """The tickets whose stored clocks differ from a fresh evaluation of their events."""
    recompute(workspace, now=now)
    before = clock_rows(workspace)
    with workspace.begin() as connection:
        connection.execute(text("DELETE FROM ticket_timelines"))
    recompute(workspace, now=now, only_open=False, verify=True, author="test", reason="truth")
    after = clock_rows(workspace)
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))
