"""The first workspace schema: people, calendars, policies, tickets, events and clocks.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CURRENT_VERSION_FK_ARGS = (
    "fk_policies_current_version_id_policy_versions",
    "policies",
    "policy_versions",
    ["current_version_id"],
    ["id"],
)


def _current_version_fk(*, inline: bool) -> list[sa.ForeignKeyConstraint]:
    """policies <-> policy_versions is a cycle: SQLite takes the forward reference inline
    (it cannot ALTER a constraint in), other databases get it added afterwards."""
    if not inline:
        return []
    name, _source, target, local, remote = _CURRENT_VERSION_FK_ARGS
    return [
        sa.ForeignKeyConstraint(
            local, [f"{target}.{column}" for column in remote], name=name, ondelete="SET NULL"
        )
    ]


def upgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    op.create_table(
        "calendars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendars")),
        sa.UniqueConstraint("name", name=op.f("uq_calendars_name")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("tier", sa.String(length=50), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("name", name=op.f("uq_customers_name")),
    )
    op.create_table(
        "policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("current_version_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        *_current_version_fk(inline=sqlite),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policies")),
        sa.UniqueConstraint("name", name=op.f("uq_policies_name")),
    )
    op.create_index(op.f("ix_policies_position"), "policies", ["position"], unique=False)
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_table(
        "workspace_meta",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workspace_meta")),
    )
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=16), server_default="agent", nullable=False),
        sa.CheckConstraint("role IN ('agent', 'manager', 'admin')", name=op.f("ck_agents_role")),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_agents_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("name", name=op.f("uq_agents_name")),
    )
    op.create_index(op.f("ix_agents_team_id"), "agents", ["team_id"], unique=False)
    op.create_table(
        "calendar_holidays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["calendars.id"],
            name=op.f("fk_calendar_holidays_calendar_id_calendars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_holidays")),
        sa.UniqueConstraint(
            "calendar_id", "date", name=op.f("uq_calendar_holidays_calendar_id_date")
        ),
    )
    op.create_table(
        "policy_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("policy_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("spec", sa.Text(), nullable=False),
        sa.Column("review_date", sa.Date(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["calendars.id"],
            name=op.f("fk_policy_versions_calendar_id_calendars"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"],
            ["policies.id"],
            name=op.f("fk_policy_versions_policy_id_policies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_versions")),
        sa.UniqueConstraint(
            "policy_id", "version", name=op.f("uq_policy_versions_policy_id_version")
        ),
    )
    if not sqlite:
        op.create_foreign_key(*_CURRENT_VERSION_FK_ARGS, ondelete="SET NULL")
    op.create_table(
        "tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("subject", sa.String(length=500), server_default="", nullable=False),
        sa.Column("requester", sa.String(length=320), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=200), nullable=True),
        sa.Column("channel", sa.String(length=50), nullable=True),
        sa.Column("tags", sa.Text(), server_default="", nullable=False),
        sa.Column("priority", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.Column("solved_at", sa.BigInteger(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("policy_version_id", sa.Integer(), nullable=True),
        sa.Column("evaluated_at", sa.BigInteger(), nullable=True),
        sa.Column("next_due_at", sa.BigInteger(), nullable=True),
        sa.Column("sla_state", sa.String(length=16), server_default="none", nullable=False),
        sa.Column("first_response_state", sa.String(length=16), nullable=True),
        sa.Column("first_response_due_at", sa.BigInteger(), nullable=True),
        sa.Column("first_response_remaining", sa.BigInteger(), nullable=True),
        sa.Column("first_response_target", sa.BigInteger(), nullable=True),
        sa.Column("resolution_state", sa.String(length=16), nullable=True),
        sa.Column("resolution_due_at", sa.BigInteger(), nullable=True),
        sa.Column("resolution_remaining", sa.BigInteger(), nullable=True),
        sa.Column("resolution_target", sa.BigInteger(), nullable=True),
        sa.CheckConstraint(
            "first_response_state IS NULL OR first_response_state IN "
            "('running', 'at_risk', 'paused', 'achieved', 'breached')",
            name=op.f("ck_tickets_first_response_state"),
        ),
        sa.CheckConstraint(
            "priority IN ('urgent', 'high', 'normal', 'low')", name=op.f("ck_tickets_priority")
        ),
        sa.CheckConstraint(
            "resolution_state IS NULL OR resolution_state IN "
            "('running', 'at_risk', 'paused', 'achieved', 'breached')",
            name=op.f("ck_tickets_resolution_state"),
        ),
        sa.CheckConstraint(
            "sla_state IN ('none', 'ok', 'at_risk', 'breached', 'paused', 'achieved')",
            name=op.f("ck_tickets_sla_state"),
        ),
        sa.CheckConstraint(
            "status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')",
            name=op.f("ck_tickets_status"),
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["agents.id"],
            name=op.f("fk_tickets_assignee_id_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_tickets_customer_id_customers"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["policy_version_id"],
            ["policy_versions.id"],
            name=op.f("fk_tickets_policy_version_id_policy_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_tickets_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
        sa.UniqueConstraint("external_id", name=op.f("uq_tickets_external_id")),
    )
    op.create_index(
        "ix_tickets_assignee_id_next_due_at",
        "tickets",
        ["assignee_id", "next_due_at"],
        unique=False,
    )
    op.create_index("ix_tickets_created_at", "tickets", ["created_at"], unique=False)
    op.create_index(
        "ix_tickets_customer_id_next_due_at",
        "tickets",
        ["customer_id", "next_due_at"],
        unique=False,
    )
    op.create_index(
        "ix_tickets_open_next_due_at",
        "tickets",
        ["next_due_at"],
        unique=False,
        sqlite_where=sa.text("status IN ('new', 'open', 'pending', 'on_hold')"),
        postgresql_where=sa.text("status IN ('new', 'open', 'pending', 'on_hold')"),
    )
    op.create_index(
        "ix_tickets_status_next_due_at", "tickets", ["status", "next_due_at"], unique=False
    )
    op.create_index(
        "ix_tickets_team_id_next_due_at", "tickets", ["team_id", "next_due_at"], unique=False
    )
    op.create_table(
        "ticket_clocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=32), nullable=False),
        sa.Column("cycle_index", sa.Integer(), nullable=False),
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
        sa.Column("policy_version_id", sa.Integer(), nullable=True),
        sa.Column("evaluated_at", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(
            "metric IN ('first_response', 'next_response', 'periodic_update', 'resolution')",
            name=op.f("ck_ticket_clocks_metric"),
        ),
        sa.CheckConstraint(
            "state IN ('running', 'paused', 'achieved', 'breached')",
            name=op.f("ck_ticket_clocks_state"),
        ),
        sa.ForeignKeyConstraint(
            ["policy_version_id"],
            ["policy_versions.id"],
            name=op.f("fk_ticket_clocks_policy_version_id_policy_versions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_clocks_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_clocks")),
        sa.UniqueConstraint(
            "ticket_id",
            "metric",
            "cycle_index",
            name=op.f("uq_ticket_clocks_ticket_id_metric_cycle_index"),
        ),
    )
    op.create_index("ix_ticket_clocks_due_at", "ticket_clocks", ["due_at"], unique=False)
    op.create_index(
        "ix_ticket_clocks_metric_stopped_at",
        "ticket_clocks",
        ["metric", "stopped_at"],
        unique=False,
    )
    op.create_table(
        "ticket_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("priority", sa.String(length=16), nullable=True),
        sa.Column("field", sa.String(length=100), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "type IN ('created', 'status_changed', 'priority_changed', 'agent_reply', "
            "'customer_reply', 'internal_note', 'assigned', 'field_changed')",
            name=op.f("ck_ticket_events_type"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_ticket_events_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_events")),
        sa.UniqueConstraint("ticket_id", "seq", name=op.f("uq_ticket_events_ticket_id_seq")),
    )


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    if not sqlite:
        op.drop_constraint(_CURRENT_VERSION_FK_ARGS[0], "policies", type_="foreignkey")
    for table in (
        "ticket_events",
        "ticket_clocks",
        "tickets",
        "policy_versions",
        "calendar_holidays",
        "agents",
        "workspace_meta",
        "teams",
        "policies",
        "customers",
        "calendars",
    ):
        op.drop_table(table)
