"""The daily rollup of stopped clocks (``clock_rollup``), built from the clock rows; an
index that holds every stopped first response's and resolution's business time.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

The rollup is built here, in SQL of its own (the code that keeps it later may change),
so an upgraded file's dashboard reads it at once: one grouped pass over
``ticket_clocks`` joined to ``tickets``.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DURATIONS = "metric IN ('first_response', 'resolution') AND stopped_at IS NOT NULL"
_METRICS = ("first_response", "next_response", "periodic_update", "resolution")
_PRIORITIES = ("urgent", "high", "normal", "low")


def _code(column: str, values: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{value}' THEN {i}" for i, value in enumerate(values))
    return f"CASE {column} {whens} ELSE -1 END"


_BUILD = (
    "INSERT INTO clock_rollup (day, metric, priority, team_id, customer_id,"
    " policy_version_id, agent_id, achieved, breached, other)"
    f" SELECT c.stopped_at / 86400, {_code('c.metric', _METRICS)},"
    f" {_code('COALESCE(c.priority, t.priority)', _PRIORITIES)}, COALESCE(t.team_id, 0),"
    " COALESCE(t.customer_id, 0), COALESCE(c.policy_version_id, 0),"
    " COALESCE(t.assignee_id, 0),"
    " SUM(CASE WHEN c.state = 'achieved' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN c.state = 'breached' THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN c.state IN ('achieved', 'breached') THEN 0 ELSE 1 END)"
    " FROM ticket_clocks c JOIN tickets t ON t.id = c.ticket_id"
    " WHERE c.stopped_at IS NOT NULL"
    " GROUP BY 1, 2, 3, 4, 5, 6, 7"
)


def upgrade() -> None:
    op.create_table(
        "clock_rollup",
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("metric", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("priority", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("team_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("policy_version_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("agent_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("achieved", sa.Integer(), nullable=False),
        sa.Column("breached", sa.Integer(), nullable=False),
        sa.Column("other", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day",
            "metric",
            "priority",
            "team_id",
            "customer_id",
            "policy_version_id",
            "agent_id",
            name=op.f("pk_clock_rollup"),
        ),
        sqlite_with_rowid=False,
    )
    op.execute(_BUILD)
    op.create_index(
        "ix_ticket_clocks_durations",
        "ticket_clocks",
        ["metric", "stopped_at", "elapsed", "ticket_id", "priority"],
        unique=False,
        sqlite_where=sa.text(_DURATIONS),
        postgresql_where=sa.text(_DURATIONS),
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_clocks_durations", table_name="ticket_clocks")
    op.drop_table("clock_rollup")
