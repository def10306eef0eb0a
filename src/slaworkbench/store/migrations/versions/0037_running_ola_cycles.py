"""The tickets with an OLA cycle not stopped (``ix_ticket_ola_cycles_running``, partial: a
ticket's cycle with its team now, running or paused; a few thousand rows of millions).

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-06

The ticket list sorted by the OLA column orders the tickets whose cycle with their team
runs or is paused; without an index on the cycles not stopped, finding those tickets
meant reading every cycle (or each ticket's cycles, for every ticket): 0.85 s a page of
"All tickets" on the 1M demo. Built here from the existing rows (one pass).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NOT_STOPPED = "stopped_at IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_ticket_ola_cycles_running",
        "ticket_ola_cycles",
        ["ticket_id"],
        unique=False,
        sqlite_where=sa.text(_NOT_STOPPED),
        postgresql_where=sa.text(_NOT_STOPPED),
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_ola_cycles_running", table_name="ticket_ola_cycles")
