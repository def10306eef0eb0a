"""Team mode's data safety: who last changed a policy, a calendar or an agreement and
when (for "changed by NAME at TIME — reload?"), a row version on calendars (policies,
agreements and tickets have one), and policy versions that can be neither rewritten nor
deleted (a trigger on both engines; deleting a whole policy still removes its versions).

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = "policy versions are append-only: save a new version instead"

_SQLITE_TRIGGERS = (
    f"""
    CREATE TRIGGER policy_versions_append_only_update
    BEFORE UPDATE ON policy_versions
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END
    """,
    f"""
    CREATE TRIGGER policy_versions_append_only_delete
    BEFORE DELETE ON policy_versions
    WHEN EXISTS (SELECT 1 FROM policies WHERE id = OLD.policy_id)
    BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END
    """,
)
_POSTGRES_TRIGGERS = (
    f"""
    CREATE FUNCTION policy_versions_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE'
           AND NOT EXISTS (SELECT 1 FROM policies WHERE id = OLD.policy_id) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION '{REFUSAL}' USING ERRCODE = 'restrict_violation';
    END $$
    """,
    """
    CREATE TRIGGER policy_versions_append_only
    BEFORE UPDATE OR DELETE ON policy_versions
    FOR EACH ROW EXECUTE FUNCTION policy_versions_append_only()
    """,
)


def upgrade() -> None:
    for table in ("policies", "calendars", "agreements"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("changed_by", sa.String(length=200), nullable=True))
            batch.add_column(sa.Column("changed_at", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("calendars") as batch:
        batch.add_column(
            sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False)
        )
    # Fill who/when from what the workspace already knows: the current version's author.
    op.execute(
        "UPDATE policies SET changed_by = (SELECT author FROM policy_versions v"
        " WHERE v.id = policies.current_version_id), changed_at = (SELECT created_at"
        " FROM policy_versions v WHERE v.id = policies.current_version_id)"
    )
    op.execute(
        "UPDATE agreements SET changed_by = (SELECT author FROM agreement_versions v"
        " WHERE v.id = agreements.current_version_id), changed_at = (SELECT created_at"
        " FROM agreement_versions v WHERE v.id = agreements.current_version_id)"
    )
    op.execute("UPDATE calendars SET changed_at = created_at")
    statements = _SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else _POSTGRES_TRIGGERS
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS policy_versions_append_only_update")
        op.execute("DROP TRIGGER IF EXISTS policy_versions_append_only_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS policy_versions_append_only ON policy_versions")
        op.execute("DROP FUNCTION IF EXISTS policy_versions_append_only()")
    with op.batch_alter_table("calendars") as batch:
        batch.drop_column("version")
    for table in ("policies", "calendars", "agreements"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("changed_at")
            batch.drop_column("changed_by")
