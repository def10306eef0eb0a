"""Team agreements (OLAs): versioned targets per team, the OLA cycles of each ticket and
who held them. New tables only; an older workspace has no OLA yet, so nothing to fill.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATES = "state IN ('running', 'paused', 'achieved', 'breached')"


def upgrade() -> None:
    op.create_table(
        "team_ola_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendars.id"],
            name=op.f("fk_team_ola_versions_calendar_id_calendars"), ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"],
            name=op.f("fk_team_ola_versions_team_id_teams"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_ola_versions")),
        sa.UniqueConstraint(
            "team_id", "version", name=op.f("uq_team_ola_versions_team_id_version")
        ),
    )  # fmt: skip
    op.create_table(
        "ticket_ola_cycles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("cycle_index", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.BigInteger(), nullable=False),
        sa.Column("stopped_at", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=False),
        sa.Column("elapsed", sa.BigInteger(), nullable=False),
        sa.Column("remaining", sa.BigInteger(), nullable=False),
        sa.Column("due_at", sa.BigInteger(), nullable=True),
        sa.Column("breached_at", sa.BigInteger(), nullable=True),
        sa.Column("at_risk", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("risk_at", sa.BigInteger(), nullable=True),
        sa.Column("holder_at_stop_id", sa.Integer(), nullable=True),
        sa.Column("ola_version_id", sa.Integer(), nullable=True),
        sa.Column("evaluated_at", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(_STATES, name=op.f("ck_ticket_ola_cycles_state")),
        sa.ForeignKeyConstraint(
            ["holder_at_stop_id"], ["agents.id"],
            name=op.f("fk_ticket_ola_cycles_holder_at_stop_id_agents"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["ola_version_id"], ["team_ola_versions.id"],
            name=op.f("fk_ticket_ola_cycles_ola_version_id_team_ola_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"],
            name=op.f("fk_ticket_ola_cycles_team_id_teams"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"],
            name=op.f("fk_ticket_ola_cycles_ticket_id_tickets"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_ola_cycles")),
        sa.UniqueConstraint(
            "ticket_id", "cycle_index", name=op.f("uq_ticket_ola_cycles_ticket_id_cycle_index")
        ),
    )  # fmt: skip
    op.create_index(
        "ix_ticket_ola_cycles_team_id_stopped_at",
        "ticket_ola_cycles",
        ["team_id", "stopped_at"],
    )
    op.create_table(
        "ticket_ola_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cycle_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"],
            name=op.f("fk_ticket_ola_holds_agent_id_agents"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["ticket_ola_cycles.id"],
            name=op.f("fk_ticket_ola_holds_cycle_id_ticket_ola_cycles"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_ola_holds")),
    )  # fmt: skip
    op.create_index("ix_ticket_ola_holds_cycle_id", "ticket_ola_holds", ["cycle_id"])


def downgrade() -> None:
    op.drop_index("ix_ticket_ola_holds_cycle_id", table_name="ticket_ola_holds")
    op.drop_table("ticket_ola_holds")
    op.drop_index("ix_ticket_ola_cycles_team_id_stopped_at", table_name="ticket_ola_cycles")
    op.drop_table("ticket_ola_cycles")
    op.drop_table("team_ola_versions")
