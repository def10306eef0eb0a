"""The held pieces an SLA or OLA cycle's row tells are no longer stored
(``ticket_clock_holds``, ``ticket_ola_holds``).

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06

Since migration 0031 a stopped cycle whose pieces are all of its team at stop, each held
by its agent at stop or by no agent and summing to its business time, records the seconds
no agent held it (``ticket_clocks.unassigned_seconds``), and every reader of who held it
while it ran takes its pieces from the row: the seconds no agent held it, and the rest by
its agent at stop. Their stored pieces were read by nothing but the holder filter of the
ticket list, which now reads the row too. At 1M realistic tickets they are 5.74 M of the
6.38 M pieces (~100 MB of a 2.34 GB file, and as many rows a demo, an import or a
re-baseline writes). Deleted here; the writers no longer store them
(``store.clocks.holds``). The downgrade stores them again from the rows
(``migration_steps.told_clock_pieces``: one piece per holder, where a cycle held by the
same holder twice had two; the seconds per holder are the same).

The OLA cycles likewise (migration 0032: ``ticket_ola_cycles.unassigned_seconds``, read
by the accountability figures; the ticket list's OLA filter now reads the row too):
1.67 M of the 1.68 M pieces at 1M (``told_ola_pieces``).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from slaworkbench.store.migration_steps import told_clock_pieces, told_ola_pieces

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "DELETE FROM ticket_clock_holds WHERE clock_id IN"
        " (SELECT id FROM ticket_clocks WHERE unassigned_seconds IS NOT NULL)"
    )
    op.execute(
        "DELETE FROM ticket_ola_holds WHERE cycle_id IN"
        " (SELECT id FROM ticket_ola_cycles WHERE unassigned_seconds IS NOT NULL)"
    )


def downgrade() -> None:
    op.execute(
        "INSERT INTO ticket_clock_holds (clock_id, piece, agent_id, team_id, seconds) "
        + told_clock_pieces()
    )
    op.execute(
        "INSERT INTO ticket_ola_holds (cycle_id, piece, agent_id, seconds) " + told_ola_pieces()
    )
