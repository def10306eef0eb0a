"""Each holder's samples kept per span of 32 UTC days (``held_samples``, with the spans
they hold in ``held_sample_spans``).

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-05

The report's "who held the clock" sections give every agent and team a median and P90
of the first responses and resolutions that stopped in a period: exact figures, read
from every stopped cycle of the period and the pieces held of those their row does not
tell (a year at 1M tickets: 8.6 M cycles, two thirds of the report's CPU). The spans
that lie whole in a period are read from these tables instead: per span, metric,
reading and holder the cycles, breaches, first place and the samples' business seconds
as one blob.

Created empty: a span without a row of ``held_sample_spans`` is read from the clock rows
as before, so the file reads the same at once; the next recompute run fills the spans
that have ended (the code that measures a cycle's holders is the application's, which a
revision does not call).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(*names: str) -> list[sa.Column[int]]:
    return [sa.Column(name, sa.Integer(), autoincrement=False, nullable=False) for name in names]


def upgrade() -> None:
    op.create_table(
        "held_sample_spans",
        *_key("metric", "span"),
        sa.PrimaryKeyConstraint("metric", "span", name=op.f("pk_held_sample_spans")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "held_samples",
        *_key("metric", "span", "reading", "kind", "holder_id"),
        sa.Column("cycles", sa.Integer(), nullable=False),
        sa.Column("breached", sa.Integer(), nullable=False),
        sa.Column("first_place", sa.BigInteger(), nullable=False),
        sa.Column("seconds", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint(
            "metric", "span", "reading", "kind", "holder_id", name=op.f("pk_held_samples")
        ),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("held_samples")
    op.drop_table("held_sample_spans")
