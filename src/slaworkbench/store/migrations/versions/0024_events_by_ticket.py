"""The event log keyed by (ticket, seq), without a row id of its own: on SQLite a
``WITHOUT ROWID`` table, on PostgreSQL the same primary key.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-04

Until now each event had an integer ``id`` (SQLite's row id) that nothing referred to,
and ``(ticket_id, seq)`` was a unique constraint: SQLite kept the key a second time in
its own index (``sqlite_autoindex_ticket_events_1``, 219 MB of the 1M demo's 3.2 GB) and
a read of one ticket's log went through that index and then, event by event, to the row.
Keyed by (ticket, seq), the rows of one ticket lie together in the table's own b-tree,
in log order, and that index is gone.

SQLite cannot change a table's key in place: the table is built again under its name and
the rows copied in key order (nothing references ``ticket_events``). PostgreSQL drops
``id`` and the unique constraint and makes ``(ticket_id, seq)`` the primary key.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TYPES = (
    "created",
    "status_changed",
    "priority_changed",
    "agent_reply",
    "customer_reply",
    "internal_note",
    "assigned",
    "field_changed",
)
_NAMING = {
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_COLUMNS = ("ticket_id", "seq", "at", "type", "author", "status", "priority", "field", "value")


def _events(metadata: sa.MetaData) -> sa.Table:
    """``ticket_events`` as of this revision."""
    sa.Table("tickets", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    types = ", ".join(f"'{name}'" for name in _TYPES)
    return sa.Table(
        "ticket_events",
        metadata,
        sa.Column(
            "ticket_id",
            sa.Integer(),
            sa.ForeignKey("tickets.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("author", sa.String(200)),
        sa.Column("status", sa.String(16)),
        sa.Column("priority", sa.String(16)),
        sa.Column("field", sa.String(100)),
        sa.Column("value", sa.Text()),
        sa.CheckConstraint(f"type IN ({types})", name="type"),
        sqlite_with_rowid=False,
    )


def _upgrade_sqlite(bind: sa.Connection) -> None:
    op.execute("ALTER TABLE ticket_events RENAME TO _old_ticket_events")
    _events(sa.MetaData(naming_convention=_NAMING)).create(bind)
    names = ", ".join(_COLUMNS)
    op.execute(
        f"INSERT INTO ticket_events ({names}) SELECT {names} FROM _old_ticket_events"
        " ORDER BY ticket_id, seq"
    )
    op.execute("DROP TABLE _old_ticket_events")


def _upgrade_postgresql() -> None:
    op.drop_constraint("uq_ticket_events_ticket_id_seq", "ticket_events", type_="unique")
    op.drop_constraint("pk_ticket_events", "ticket_events", type_="primary")
    op.drop_column("ticket_events", "id")
    op.create_primary_key("pk_ticket_events", "ticket_events", ["ticket_id", "seq"])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _upgrade_sqlite(bind)
    else:
        _upgrade_postgresql()


def downgrade() -> None:
    raise NotImplementedError("0024 is not reversible: restore the backup taken before it.")
