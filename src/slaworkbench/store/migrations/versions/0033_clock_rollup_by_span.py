"""The daily rollup summed over spans of 32 UTC days (``clock_rollup_by_span``), built from
``clock_rollup``.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-05

A period's figures summed over its days (the report's breakdowns by customer and agent,
its policy versions; the dashboard's breakdowns by customer and agent) read every row of
``clock_rollup`` in the period: on the realistic demo about one for every two stopped
clocks, 2.16 M for a year at 1M tickets. The same customers and agents come back every
few days, so 32 days hold about as many rows as two: the spans that lie whole inside a
period are read from this table (span ``s`` is days ``[32 s, 32 s + 32)`` from
1970-01-01), the days at either end from ``clock_rollup``. Built here in SQL of its own
(a revision's SQL does not change with later code).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY = "metric, priority, team_id, customer_id, policy_version_id, agent_id"
_BUILD = (
    f"INSERT INTO clock_rollup_by_span (span, {_KEY}, achieved, breached, other)"
    f" SELECT day / 32, {_KEY}, SUM(achieved), SUM(breached), SUM(other)"
    f" FROM clock_rollup GROUP BY day / 32, {_KEY}"
)


def upgrade() -> None:
    op.create_table(
        "clock_rollup_by_span",
        *(
            sa.Column(name, sa.Integer(), autoincrement=False, nullable=False)
            for name in ("span", *_KEY.split(", "))
        ),
        sa.Column("achieved", sa.Integer(), nullable=False),
        sa.Column("breached", sa.Integer(), nullable=False),
        sa.Column("other", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("span", *_KEY.split(", "), name=op.f("pk_clock_rollup_by_span")),
        sqlite_with_rowid=False,
    )
    op.execute(_BUILD)


def downgrade() -> None:
    op.drop_table("clock_rollup_by_span")
