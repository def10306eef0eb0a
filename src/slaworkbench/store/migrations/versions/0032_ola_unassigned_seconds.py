"""The seconds no agent held a stopped OLA cycle, where that tells who held it while it
ran (``ticket_ola_cycles.unassigned_seconds``), held in ``ix_ticket_ola_cycles_stopped_at``
with the team, verdict, business time and holder at stop.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-05

The OLA accountability's "while running" reading read every held piece of the period's
stopped cycles: at 1M tickets 1.7 M pieces for the year, about 0.7 s of the report's
CPU. Nearly every OLA cycle is held by no agent (waiting in the team's queue) and then
by its holder at stop, or by no one at all: its pieces are told by the seconds no agent
held it, which the index now holds; only the other cycles' pieces are read
(``app.ola.accountability``). The same as migration 0031 did for the SLA cycles.

``unassigned_seconds`` is set for a stopped cycle whose held pieces are each held by its
holder at stop or by no agent, at most one piece of no agent, summing to its business
time (``elapsed``); NULL otherwise and while a cycle runs. It is written with the cycles
and their holds (``store.ola.write``); filled here from the holds, and the index rebuilt
after the fill.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from slaworkbench.store.migration_steps import partial_index

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEX = "ix_ticket_ola_cycles_stopped_at"
_STOPPED = "stopped_at IS NOT NULL"
_BEFORE = ["stopped_at", "team_id", "state", "elapsed", "holder_at_stop_id", "ticket_id"]
_AFTER = [*_BEFORE, "unassigned_seconds"]
_HOLDS = "FROM ticket_ola_holds AS h WHERE h.cycle_id = ticket_ola_cycles.id"

FILL = (
    "UPDATE ticket_ola_cycles SET unassigned_seconds ="
    f" COALESCE((SELECT sum(h.seconds) {_HOLDS} AND h.agent_id IS NULL), 0)"
    " WHERE stopped_at IS NOT NULL"
    f" AND NOT EXISTS (SELECT 1 {_HOLDS}"
    " AND h.agent_id <> COALESCE(ticket_ola_cycles.holder_at_stop_id, -1))"
    f" AND (SELECT count(*) {_HOLDS} AND h.agent_id IS NULL) <= 1"
    f" AND elapsed = COALESCE((SELECT sum(h.seconds) {_HOLDS}), 0)"
)
"""Every stopped cycle's unassigned seconds, where its holds tell them (a piece of no
agent, ``agent_id`` NULL, never differs)."""


def _index(columns: Sequence[str]) -> None:
    partial_index(_INDEX, "ticket_ola_cycles", columns, _STOPPED)


def upgrade() -> None:
    op.add_column(
        "ticket_ola_cycles", sa.Column("unassigned_seconds", sa.BigInteger(), nullable=True)
    )
    op.drop_index(_INDEX, table_name="ticket_ola_cycles")
    op.execute(FILL)
    _index(_AFTER)


def downgrade() -> None:
    op.drop_index(_INDEX, table_name="ticket_ola_cycles")
    _index(_BEFORE)
    with op.batch_alter_table("ticket_ola_cycles") as batch:
        batch.drop_column("unassigned_seconds")
