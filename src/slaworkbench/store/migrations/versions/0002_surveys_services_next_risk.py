"""Surveys (CSAT/NPS answers), services with their outages, and tickets.next_risk_at.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-15
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # When the next ticket turns at risk, so the breach monitor need not read every clock.
    op.add_column("tickets", sa.Column("next_risk_at", sa.BigInteger(), nullable=True))
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("availability_target", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("name", name=op.f("uq_services_name")),
    )
    op.create_table(
        "outages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.BigInteger(), nullable=False),
        sa.Column("ended_at", sa.BigInteger(), nullable=True),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_outages_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outages")),
    )
    op.create_index(
        "ix_outages_service_id_started_at", "outages", ["service_id", "started_at"], unique=False
    )
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "(kind = 'csat' AND score BETWEEN 1 AND 5)"
            " OR (kind = 'nps' AND score BETWEEN 0 AND 10)",
            name=op.f("ck_survey_answers_score"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_survey_answers_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
    )
    op.create_index(
        op.f("ix_survey_answers_answered_at"), "survey_answers", ["answered_at"], unique=False
    )
    op.create_index(
        op.f("ix_survey_answers_ticket_id"), "survey_answers", ["ticket_id"], unique=False
    )


def downgrade() -> None:
    op.drop_table("outages")
    op.drop_table("services")
    op.drop_table("survey_answers")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("next_risk_at")
