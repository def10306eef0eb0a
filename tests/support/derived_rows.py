"""The SQL of the clock rows and their derived tables (SLA holds and holders, OLA cycles
and holds) keyed by ticket, metric and cycle number instead of row ids, which a rewrite
renumbers: what the recompute tests compare between two ways of writing them."""

from __future__ import annotations

CLOCK_ROWS = """
    SELECT ticket_id, metric, cycle_index, started_at, stopped_at, state, target, elapsed,
           remaining, due_at, breached_at, at_risk, risk_at, policy_version_id,
           evaluated_at
    FROM ticket_clocks"""
CLOCK_HOLDS = """
    SELECT c.ticket_id, c.metric, c.cycle_index, h.agent_id, h.team_id, h.seconds
    FROM ticket_clock_holds h JOIN ticket_clocks c ON c.id = h.clock_id"""
CLOCK_HOLDERS = """
    SELECT c.ticket_id, c.metric, c.cycle_index, s.stopped_at, s.agent_id, s.team_id
    FROM ticket_clock_holders s JOIN ticket_clocks c ON c.id = s.clock_id"""
OLA_HOLDS = """
    SELECT o.ticket_id, o.cycle_index, h.agent_id, h.seconds
    FROM ticket_ola_holds h JOIN ticket_ola_cycles o ON o.id = h.cycle_id"""
_OLA_CYCLE_VALUES = """ticket_id, cycle_index, team_id, started_at, stopped_at, state, target,
           elapsed, remaining, due_at, breached_at, at_risk, risk_at,
           holder_at_stop_id, ola_version_id"""
OLA_CYCLES = f"SELECT {_OLA_CYCLE_VALUES}, evaluated_at FROM ticket_ola_cycles"
OLA_CYCLE_VERDICTS = f"SELECT {_OLA_CYCLE_VALUES} FROM ticket_ola_cycles"
"""Without ``evaluated_at``: a cycle the write left alone keeps the instant of the
write that stored it."""
