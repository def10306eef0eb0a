"""The seconds no agent held a stopped SLA cycle, where that tells who held it while it
ran (``ticket_clocks.unassigned_seconds``), held in ``ix_ticket_clocks_stopped_verdicts``
with the verdict, business time and holder at stop.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-04

Who held the period's stopped cycles "while running" (the report and the dashboard)
looked every cycle's held pieces up by clock id: about 2 s of CPU for the year at 1M, a
b-tree descent per cycle. Nine cycles in ten were held within their team at stop, first
by no agent (waiting in the team's queue), then by their agent at stop: their pieces are
told by the seconds no agent held them, which the index now holds beside the business
time and the holder at stop; only the other cycles' pieces are looked up
(``store.ola.sla_holders``).

``unassigned_seconds`` is set for a stopped cycle whose holds were measured for its stop
(``holds_at`` = ``stopped_at``) and whose held pieces are all of its team at stop, each
held by its agent at stop or by no agent, summing to its business time (``elapsed``);
NULL otherwise and while a cycle runs. It is written with the holds
(``store.clocks.holds``); filled here from them, and the index rebuilt after the fill.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from slaworkbench.store.migration_steps import STOPPED_VERDICTS, stopped_verdicts_index

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ["metric_code", "stopped_at", "state_code", "elapsed", "stop_agent_id", "stop_team_id"]
_AFTER = [*_BEFORE, "unassigned_seconds"]
_HOLDS = "FROM ticket_clock_holds AS h WHERE h.clock_id = ticket_clocks.id"

FILL = (
    "UPDATE ticket_clocks SET unassigned_seconds ="
    f" COALESCE((SELECT sum(h.seconds) {_HOLDS} AND h.agent_id IS NULL), 0)"
    " WHERE stopped_at IS NOT NULL AND holds_at = stopped_at"
    f" AND NOT EXISTS (SELECT 1 {_HOLDS}"
    " AND (COALESCE(h.team_id, -1) <> COALESCE(ticket_clocks.stop_team_id, -1)"
    " OR h.agent_id <> COALESCE(ticket_clocks.stop_agent_id, -1)))"
    f" AND elapsed = COALESCE((SELECT sum(h.seconds) {_HOLDS}), 0)"
)
"""Every stopped cycle's unassigned seconds, where its holds tell them (a piece of no
agent, ``agent_id`` NULL, never differs)."""


def upgrade() -> None:
    op.add_column("ticket_clocks", sa.Column("unassigned_seconds", sa.BigInteger(), nullable=True))
    op.drop_index(STOPPED_VERDICTS, table_name="ticket_clocks")
    op.execute(FILL)
    stopped_verdicts_index(_AFTER)


def downgrade() -> None:
    op.drop_index(STOPPED_VERDICTS, table_name="ticket_clocks")
    stopped_verdicts_index(_BEFORE)
    with op.batch_alter_table("ticket_clocks") as batch:
        batch.drop_column("unassigned_seconds")
