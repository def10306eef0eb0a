"""The change feed: a one-row counter every write transaction bumps, so other desktops
notice a change by reading one number (and, on PostgreSQL, are told at once by a
``NOTIFY`` sent in the same transaction; ``store/dialect.py``).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

The counter used to be a text value in ``workspace_meta`` (key ``change_counter``); it
moves here as a number, keeping its value, so a desktop that was watching it sees no
jump backwards.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KEY = "change_counter"


def upgrade() -> None:
    op.create_table(
        "change_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_feed")),
    )
    # Plain SQL, so the migration also renders offline (``alembic upgrade --sql``).
    op.execute(
        "INSERT INTO change_feed (id, counter) "
        "SELECT 1, COALESCE(MAX(CAST(value AS BIGINT)), 0) FROM workspace_meta "
        f"WHERE key = '{OLD_KEY}'"
    )
    op.execute(f"DELETE FROM workspace_meta WHERE key = '{OLD_KEY}'")


def downgrade() -> None:
    op.drop_table("change_feed")
