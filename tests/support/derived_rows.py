"""The SQL of the clock rows and their derived tables (SLA holds and holders, OLA cycles
and holds) keyed by ticket, metric and cycle number instead of row ids, which a rewrite
renumbers: what the recompute tests compare between two ways of writing them."""

from __future__ import annotations

from slaworkbench.store.migration_steps import told_clock_pieces, told_ola_pieces

CLOCK_ROWS = """
    SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target, elapsed,
           remaining, due_at, breached_at, at_risk, risk_at, policy_version_id,
           evaluated_at
    FROM ticket_clocks"""
CLOCK_HOLDS = """
    SELECT c.ticket_id, c.metric, c.cycle_index, h.piece, h.agent_id, h.team_id, h.seconds
    FROM ticket_clock_holds h JOIN ticket_clocks c ON c.id = h.clock_id"""
CLOCK_HOLDS_DONE = CLOCK_HOLDS + " WHERE c.stopped_at IS NOT NULL"
"""The holds of stopped cycles: fixed by the events (a running cycle's are a reading:
``RUNNING_HOLDERS``)."""
CLOCK_HOLDERS = """
    SELECT c.ticket_id, c.metric, c.cycle_index, c.holds_at, c.stop_agent_id, c.stop_team_id,
           c.unassigned_seconds
    FROM ticket_clocks c
    WHERE c.holds_at IS NOT NULL OR c.stop_agent_id IS NOT NULL OR c.stop_team_id IS NOT NULL
       OR c.unassigned_seconds IS NOT NULL"""
"""The holders at stop on the clock rows, with the stop they were measured for and the
seconds no agent held them (migrations 0023, 0028 and 0031)."""
HELD_PIECES = (
    "(SELECT clock_id, piece, agent_id, team_id, seconds FROM ticket_clock_holds"
    f" UNION ALL {told_clock_pieces()})"
)
"""Every held piece of every SLA cycle: the stored ones and those a row tells, which are
not stored (``unassigned_seconds``; migration 0036)."""
_QUALIFIES = """
          c.stopped_at IS NOT NULL AND c.holds_at = c.stopped_at
           AND NOT EXISTS (
               SELECT 1 FROM ticket_clock_holds h WHERE h.clock_id = c.id
                  AND (COALESCE(h.team_id, -1) <> COALESCE(c.stop_team_id, -1)
                       OR h.agent_id <> COALESCE(c.stop_agent_id, -1)))
           AND c.elapsed = COALESCE(
               (SELECT sum(h.seconds) FROM ticket_clock_holds h WHERE h.clock_id = c.id), 0)"""
UNASSIGNED_APART = f"""
    SELECT c.id, c.unassigned_seconds FROM ticket_clocks c
    WHERE CASE WHEN c.unassigned_seconds IS NOT NULL THEN
            c.stopped_at IS NULL OR COALESCE(c.holds_at, -1) <> c.stopped_at
            OR c.unassigned_seconds < 0 OR c.unassigned_seconds > c.elapsed
            OR EXISTS (SELECT 1 FROM ticket_clock_holds h WHERE h.clock_id = c.id)
          ELSE {_QUALIFIES} END"""
"""Clock rows whose ``unassigned_seconds`` is not what their holds tell (migration 0031):
a row that tells its pieces is of a cycle stopped where they were measured, stores none
(migration 0036) and tells no more than its business time; a row that does not tells
none because its stored pieces do not qualify. None, after any write."""
STOP_HOLDERS_APART = """
    SELECT c.id, c.stop_agent_id, c.stop_team_id, c.holds_at, c.stopped_at
    FROM ticket_clocks c
    WHERE (c.holds_at IS NULL AND (c.stop_agent_id IS NOT NULL OR c.stop_team_id IS NOT NULL))
       OR (c.holds_at IS NOT NULL AND c.stopped_at IS NULL)"""
"""Clock rows with a holder at stop but no stop it was measured for, or a measured stop
while they run: none, after any write."""
HELD_OLA_PIECES = (
    "(SELECT cycle_id, piece, agent_id, seconds FROM ticket_ola_holds"
    f" UNION ALL {told_ola_pieces()})"
)
"""Every held piece of every OLA cycle: the stored ones and those a row tells, which are
not stored (``unassigned_seconds``; migration 0036)."""
_OLA_QUALIFIES = """
          o.stopped_at IS NOT NULL
           AND NOT EXISTS (
               SELECT 1 FROM ticket_ola_holds h WHERE h.cycle_id = o.id
                  AND h.agent_id <> COALESCE(o.holder_at_stop_id, -1))
           AND (SELECT count(*) FROM ticket_ola_holds h
                WHERE h.cycle_id = o.id AND h.agent_id IS NULL) <= 1
           AND o.elapsed = COALESCE(
               (SELECT sum(h.seconds) FROM ticket_ola_holds h WHERE h.cycle_id = o.id), 0)"""
OLA_UNASSIGNED_APART = f"""
    SELECT o.id, o.unassigned_seconds FROM ticket_ola_cycles o
    WHERE CASE WHEN o.unassigned_seconds IS NOT NULL THEN
            o.stopped_at IS NULL OR o.unassigned_seconds < 0
            OR o.unassigned_seconds > o.elapsed
            OR EXISTS (SELECT 1 FROM ticket_ola_holds h WHERE h.cycle_id = o.id)
          ELSE {_OLA_QUALIFIES} END"""
"""OLA cycles whose ``unassigned_seconds`` is not what their holds tell (migration 0032):
a row that tells its pieces is of a stopped cycle, stores none (migration 0036) and
tells no more than its business time; a row that does not tells none because its
stored pieces do not qualify. None, after any write."""
OLA_HOLDS = """
    SELECT o.ticket_id, o.cycle_index, h.piece, h.agent_id, h.seconds
    FROM ticket_ola_holds h JOIN ticket_ola_cycles o ON o.id = h.cycle_id"""
_OLA_CYCLE_VALUES = """ticket_id, cycle_index, team_id, started_at, stopped_at, state, target,
           elapsed, remaining, due_at, breached_at, at_risk, risk_at,
           holder_at_stop_id, ola_version_id, unassigned_seconds"""
OLA_CYCLES = f"SELECT {_OLA_CYCLE_VALUES}, evaluated_at FROM ticket_ola_cycles"
OLA_CYCLE_VERDICTS = f"SELECT {_OLA_CYCLE_VALUES} FROM ticket_ola_cycles"
"""Without ``evaluated_at``: a cycle the write left alone keeps the instant of the
write that stored it."""
_RUNNING_READING = "stopped_at IS NULL AND state <> 'paused' AND due_at IS NOT NULL"
"""``domain.clock.readings.is_running_reading`` in SQL (of ``ticket_ola_cycles``)."""
OLA_CYCLES_JUDGED = f"""
    SELECT ticket_id, cycle_index, team_id, started_at, stopped_at, state, target,
           CASE WHEN {_RUNNING_READING} THEN NULL ELSE elapsed END,
           CASE WHEN {_RUNNING_READING} THEN NULL ELSE remaining END,
           due_at, breached_at, at_risk, risk_at, holder_at_stop_id, ola_version_id,
           unassigned_seconds
    FROM ticket_ola_cycles"""
"""``OLA_CYCLE_VERDICTS`` without the reading of a cycle running towards its due
instant (its elapsed and remaining move with the time alone: ``store.ola.write`` leaves
them as of the write that stored them, and readers take the live ones)."""
OLA_HOLDS_JUDGED = f"""
    SELECT o.ticket_id, o.cycle_index, h.agent_id,
           CASE WHEN {
    _RUNNING_READING.replace("stopped_at", "o.stopped_at")
    .replace("state", "o.state")
    .replace("due_at", "o.due_at")
} THEN NULL
                ELSE h.seconds END
    FROM ticket_ola_holds h JOIN ticket_ola_cycles o ON o.id = h.cycle_id"""
"""``OLA_HOLDS`` without the seconds of a running reading's holds (who held it stays)."""
RUNNING_HOLDERS = f"""
    SELECT c.ticket_id, c.metric, c.cycle_index, h.agent_id, h.team_id
    FROM ticket_clock_holds h JOIN ticket_clocks c ON c.id = h.clock_id
    WHERE c.stopped_at IS NULL
    UNION ALL
    SELECT o.ticket_id, 'ola', o.cycle_index, h.agent_id, o.team_id
    FROM ticket_ola_holds h JOIN ticket_ola_cycles o ON o.id = h.cycle_id
    WHERE {
    _RUNNING_READING.replace("stopped_at", "o.stopped_at")
    .replace("state", "o.state")
    .replace("due_at", "o.due_at")
}"""
"""Who held each unfinished SLA cycle and each running OLA cycle for some business time:
a reading as of the row's ``evaluated_at`` (a holder joins it once their share passes
zero), so a row left alone holds a subset of what a fresh evaluation holds."""
HELD_DONE = f"""
    SELECT c.ticket_id, c.metric, c.cycle_index, h.agent_id, h.team_id, h.seconds
    FROM ticket_clock_holds h JOIN ticket_clocks c ON c.id = h.clock_id
    WHERE c.stopped_at IS NOT NULL
    UNION ALL
    SELECT o.ticket_id, 'ola', o.cycle_index, h.agent_id, o.team_id, h.seconds
    FROM ticket_ola_holds h JOIN ticket_ola_cycles o ON o.id = h.cycle_id
    WHERE NOT ({
    _RUNNING_READING.replace("stopped_at", "o.stopped_at")
    .replace("state", "o.state")
    .replace("due_at", "o.due_at")
})"""
"""The holds of every stopped SLA cycle and every OLA cycle that is not a running
reading: fixed by the events."""
