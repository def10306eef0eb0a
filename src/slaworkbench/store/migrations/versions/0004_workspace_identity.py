"""Mark the workspace as ours: a one-row identity table and, on SQLite, the header's
``application_id``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

An older file of ours has neither mark; opening it recognises it by its tables and its
revision (``store/workspace_file.py``), backs it up and runs this migration, which marks
it. A file of another program is refused before anything runs, so it never gets here.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPLICATION_ID = 0x534C4157
"""Frozen here as this revision wrote it ("SLAW"); ``schema.SQLITE_APPLICATION_ID``."""


def upgrade() -> None:
    identity = op.create_table(
        "workspace_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_uuid", sa.String(length=36), nullable=False),
        sa.Column("marked_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace_identity")),
    )
    op.bulk_insert(
        identity, [{"id": 1, "workspace_uuid": str(uuid.uuid4()), "marked_at": int(time.time())}]
    )
    if op.get_context().dialect.name == "sqlite":
        op.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("PRAGMA application_id = 0")
    op.drop_table("workspace_identity")
