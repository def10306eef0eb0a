"""Ticket timelines (the clock engine's view of each ticket's log, and its clock hash);
the clocks' due-instant index covers running cycles only; open tickets by id.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

The table starts empty: the next recompute fills it from ``ticket_events`` (a ticket
without a timeline row is read the old way), so the migration stays instant on a large
workspace and an old file keeps every byte of its history.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
_OPEN = "status IN ('new', 'open', 'pending', 'on_hold')"


def upgrade() -> None:
    op.create_table(
        "ticket_timelines",
        sa.Column("ticket_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("events", sa.Text(), nullable=False),
        sa.Column("clocks_hash", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_timelines_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_ticket_timelines")),
    )
    # "Due soon" looks up running cycles only; stopped ones need no due-order index.
    op.drop_index("ix_ticket_clocks_due_at", table_name="ticket_clocks")
    op.create_index(
        "ix_ticket_clocks_running_due_at",
        "ticket_clocks",
        ["due_at"],
        unique=False,
        sqlite_where=sa.text("stopped_at IS NULL"),
        postgresql_where=sa.text("stopped_at IS NULL"),
    )

    # The recompute of open tickets walks them in id order, chunk by chunk.
    op.create_index(
        "ix_tickets_open_id",
        "tickets",
        ["id"],
        unique=False,
        sqlite_where=sa.text(_OPEN),
        postgresql_where=sa.text(_OPEN),
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_open_id", table_name="tickets")
    op.drop_index("ix_ticket_clocks_running_due_at", table_name="ticket_clocks")
    op.create_index("ix_ticket_clocks_due_at", "ticket_clocks", ["due_at"], unique=False)
    op.drop_table("ticket_timelines")
