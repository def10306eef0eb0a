"""Escalations: the log of fired escalation rules, the plan of the rules still to fire
(indexed by instant, for the breach monitor), and an index on the ticket summaries'
``evaluated_at`` so the plan follows the tickets whose clocks were written since.

The rules themselves are part of a policy version's spec (no column). An old workspace
has no rules, so both tables start empty.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_METRICS = "metric IN ('first_response', 'next_response', 'periodic_update', 'resolution')"


def upgrade() -> None:
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("cycle_index", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.BigInteger(), nullable=False),
        sa.Column("fired_at", sa.BigInteger(), nullable=False),
        sa.Column("late", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.Text(), nullable=False),
        sa.CheckConstraint(_METRICS, name=op.f("ck_escalations_metric")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"],
            name=op.f("fk_escalations_ticket_id_tickets"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policies.id"],
            name=op.f("fk_escalations_policy_id_policies"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["policy_version_id"], ["policy_versions.id"],
            name=op.f("fk_escalations_policy_version_id_policy_versions"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
        sa.UniqueConstraint(
            "ticket_id", "metric", "cycle_index", "policy_id", "level",
            name=op.f("uq_escalations_ticket_id_metric_cycle_index_policy_id_level"),
        ),
    )  # fmt: skip
    op.create_index("ix_escalations_fired_at", "escalations", ["fired_at"])
    op.create_table(
        "escalation_plan",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("cycle_index", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"],
            name=op.f("fk_escalation_plan_ticket_id_tickets"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policies.id"],
            name=op.f("fk_escalation_plan_policy_id_policies"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "ticket_id", "metric", "cycle_index", "policy_id", "level",
            name=op.f("pk_escalation_plan"),
        ),
    )  # fmt: skip
    op.create_index("ix_escalation_plan_at", "escalation_plan", ["at"])
    op.create_index("ix_tickets_evaluated_at", "tickets", ["evaluated_at"])


def downgrade() -> None:
    op.drop_index("ix_tickets_evaluated_at", table_name="tickets")
    op.drop_index("ix_escalation_plan_at", table_name="escalation_plan")
    op.drop_table("escalation_plan")
    op.drop_index("ix_escalations_fired_at", table_name="escalations")
    op.drop_table("escalations")
