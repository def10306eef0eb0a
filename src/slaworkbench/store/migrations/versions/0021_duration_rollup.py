"""The response-time distributions' daily rollup (``duration_rollup``): stopped first
responses and resolutions per UTC day x metric x judging priority x histogram bin of
their business seconds, with their count and sum.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02

The dashboard's distributions walked the index by business time once per bin, metric
and priority (80 walks reading every value of the period, the slowest part of its cold
load at a million tickets, issue 16); the bins and the means now come from this table
(a few hundred rows a year) and only the values around each percentile's rank are read
from that index. Built here from the clock rows in SQL of its own; the bins' edges are
``store.schema.DURATION_EDGES`` at this revision, written out so that the migration does
not change when the program's do.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EDGES = (900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 432000)
_BIN = (
    "CASE "
    + " ".join(f"WHEN elapsed < {edge} THEN {i}" for i, edge in enumerate(_EDGES))
    + f" ELSE {len(_EDGES)} END"
)
# metric codes: 0 first_response, 3 resolution (positions in the sorted METRICS).
_BUILD = (
    "INSERT INTO duration_rollup (day, metric, priority, bin, clocks, total)"
    f" SELECT stopped_at / 86400, metric_code, priority_code, {_BIN}, COUNT(*), SUM(elapsed)"
    " FROM ticket_clocks WHERE metric_code IN (0, 3) AND stopped_at IS NOT NULL"
    " AND priority_code IS NOT NULL AND elapsed IS NOT NULL GROUP BY 1, 2, 3, 4"
)


def upgrade() -> None:
    op.create_table(
        "duration_rollup",
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("metric", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("priority", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("bin", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("clocks", sa.Integer(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "metric", "priority", "bin", name=op.f("pk_duration_rollup")
        ),
        sqlite_with_rowid=False,
    )
    op.execute(_BUILD)


def downgrade() -> None:
    op.drop_table("duration_rollup")
