"""The daily rollup summed per team (``clock_rollup_by_team``), built from
``clock_rollup``; an index of the stopped first responses and resolutions by business
time (``ix_ticket_clocks_duration_ranks``); the answers and first responses the
satisfaction charts count, each from an index alone (``ix_survey_answers_answered_counts``,
``ix_ticket_clocks_first_responses``).

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-02

``clock_rollup`` keeps customer, policy version and agent apart, so it holds about one
row for every two stopped clocks on a realistic workspace; the dashboard's default load
(no customer filter, breakdown by team or priority) needs only day, metric, priority and
team: a few dozen rows a day. Built here in SQL of its own from ``clock_rollup``.
The index lets the distributions read each histogram bin and the values at the
percentiles' ranks without fetching every value.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DURATIONS = "metric IN ('first_response', 'resolution') AND stopped_at IS NOT NULL"
_FIRST_RESPONSES = "metric = 'first_response' AND cycle_index = 0 AND stopped_at IS NOT NULL"
_BUILD = (
    "INSERT INTO clock_rollup_by_team (day, metric, priority, team_id, achieved, breached,"
    " other) SELECT day, metric, priority, team_id, SUM(achieved), SUM(breached), SUM(other)"
    " FROM clock_rollup GROUP BY day, metric, priority, team_id"
)


def upgrade() -> None:
    op.create_table(
        "clock_rollup_by_team",
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("metric", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("priority", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("team_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("achieved", sa.Integer(), nullable=False),
        sa.Column("breached", sa.Integer(), nullable=False),
        sa.Column("other", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "metric", "priority", "team_id", name=op.f("pk_clock_rollup_by_team")
        ),
        sqlite_with_rowid=False,
    )
    op.execute(_BUILD)
    op.create_index(
        "ix_ticket_clocks_duration_ranks",
        "ticket_clocks",
        ["metric", "priority", "elapsed", "stopped_at"],
        unique=False,
        sqlite_where=sa.text(_DURATIONS),
        postgresql_where=sa.text(_DURATIONS),
    )
    op.create_index(
        "ix_ticket_clocks_first_responses",
        "ticket_clocks",
        ["ticket_id", "elapsed", "metric", "cycle_index", "stopped_at"],
        unique=False,
        sqlite_where=sa.text(_FIRST_RESPONSES),
        postgresql_where=sa.text(_FIRST_RESPONSES),
    )
    op.create_index(
        "ix_survey_answers_answered_counts",
        "survey_answers",
        ["answered_at", "kind", "score", "ticket_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_survey_answers_answered_counts", table_name="survey_answers")
    op.drop_index("ix_ticket_clocks_first_responses", table_name="ticket_clocks")
    op.drop_index("ix_ticket_clocks_duration_ranks", table_name="ticket_clocks")
    op.drop_table("clock_rollup_by_team")
