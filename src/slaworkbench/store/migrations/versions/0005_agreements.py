"""Service agreements: agreements with immutable versions and a review log; services
gain customers and a measurement window; outages gain a weight, a planned flag and
linked tickets; survey answers gain a comment.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("survey_answers") as batch:
        batch.add_column(sa.Column("comment", sa.Text(), nullable=True))
    with op.batch_alter_table("services") as batch:
        batch.add_column(
            sa.Column(
                "measurement_window", sa.String(length=16), server_default="month", nullable=False
            )
        )
    with op.batch_alter_table("outages") as batch:
        batch.add_column(
            sa.Column("weight", sa.Float(), server_default=sa.text("1.0"), nullable=False)
        )
        batch.add_column(
            sa.Column("planned", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "service_customers",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"],
            name=op.f("fk_service_customers_customer_id_customers"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"],
            name=op.f("fk_service_customers_service_id_services"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "customer_id", name=op.f("pk_service_customers")),
    )  # fmt: skip
    op.create_table(
        "outage_tickets",
        sa.Column("outage_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["outage_id"], ["outages.id"],
            name=op.f("fk_outage_tickets_outage_id_outages"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"],
            name=op.f("fk_outage_tickets_ticket_id_tickets"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("outage_id", "ticket_id", name=op.f("pk_outage_tickets")),
    )  # fmt: skip
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("current_version_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"],
            name=op.f("fk_agreements_customer_id_customers"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
    )  # fmt: skip
    op.create_index(
        "ix_agreements_active_customer_id",
        "agreements",
        ["customer_id"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )
    op.create_table(
        "agreement_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=True),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("review_interval_months", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"],
            name=op.f("fk_agreement_versions_agreement_id_agreements"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"], ["calendars.id"],
            name=op.f("fk_agreement_versions_calendar_id_calendars"), ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policies.id"],
            name=op.f("fk_agreement_versions_policy_id_policies"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_versions")),
        sa.UniqueConstraint(
            "agreement_id", "version", name=op.f("uq_agreement_versions_agreement_id_version")
        ),
    )  # fmt: skip
    with op.batch_alter_table("agreements") as batch:
        batch.create_foreign_key(
            "fk_agreements_current_version_id_agreement_versions",
            "agreement_versions",
            ["current_version_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "agreement_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.BigInteger(), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("changes", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"],
            name=op.f("fk_agreement_reviews_agreement_id_agreements"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_reviews")),
    )  # fmt: skip
    op.create_index(
        op.f("ix_agreement_reviews_agreement_id"), "agreement_reviews", ["agreement_id"]
    )


def downgrade() -> None:
    op.drop_table("agreement_reviews")
    with op.batch_alter_table("agreements") as batch:
        batch.drop_constraint(
            "fk_agreements_current_version_id_agreement_versions", type_="foreignkey"
        )
    op.drop_table("agreement_versions")
    op.drop_index("ix_agreements_active_customer_id", table_name="agreements")
    op.drop_table("agreements")
    op.drop_table("outage_tickets")
    op.drop_table("service_customers")
    with op.batch_alter_table("outages") as batch:
        batch.drop_column("planned")
        batch.drop_column("weight")
    with op.batch_alter_table("services") as batch:
        batch.drop_column("measurement_window")
    with op.batch_alter_table("survey_answers") as batch:
        batch.drop_column("comment")
