"""The held pieces of the SLA cycles keyed by (clock, piece), without a row id of their
own: on SQLite a ``WITHOUT ROWID`` table, on PostgreSQL the same primary key; the
covering index ``ix_ticket_clock_holds_pieces`` goes.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04

Each piece had an integer ``id`` that only ordered a cycle's pieces, and every column of
the table was stored a second time in ``ix_ticket_clock_holds_pieces`` (clock, agent,
team, seconds) so that who held a cycle was read from the index alone (migration 0017):
137 MB of the 1M demo's file for a 125 MB table. Keyed by (clock, piece), a cycle's
pieces lie together in the table's own b-tree and are read from it alone.

``piece`` orders a cycle's pieces as the ids did: here it is the id less the smallest id
of the cycle's pieces (so small numbers, in the same order); the writes number them 0, 1,
2… from now on. SQLite rebuilds the table (the rows copied in key order); PostgreSQL adds
and fills the column, drops ``id`` and the index, and makes (clock, piece) the key.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAMING = {
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_INDEX = "ix_ticket_clock_holds_pieces"
_FIRST = "SELECT clock_id, min(id) AS first_id FROM {0} GROUP BY clock_id"
"""Each cycle's first piece id (from the index, which starts with the clock id)."""


def _holds(metadata: sa.MetaData) -> sa.Table:
    """``ticket_clock_holds`` as of this revision."""
    for parent in ("ticket_clocks", "agents", "teams"):
        sa.Table(parent, metadata, sa.Column("id", sa.Integer(), primary_key=True))
    return sa.Table(
        "ticket_clock_holds",
        metadata,
        sa.Column(
            "clock_id",
            sa.Integer(),
            sa.ForeignKey("ticket_clocks.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("piece", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("agent_id", sa.Integer(), sa.ForeignKey("agents.id", ondelete="SET NULL")),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id", ondelete="SET NULL")),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sqlite_with_rowid=False,
    )


def _upgrade_sqlite(bind: sa.Connection) -> None:
    op.execute("ALTER TABLE ticket_clock_holds RENAME TO _old_ticket_clock_holds")
    op.execute(
        "CREATE TEMPORARY TABLE _first_piece (clock_id INTEGER PRIMARY KEY, first_id INTEGER)"
    )
    op.execute(f"INSERT INTO _first_piece {_FIRST.format('_old_ticket_clock_holds')}")
    op.drop_index(_INDEX, table_name="_old_ticket_clock_holds")
    _holds(sa.MetaData(naming_convention=_NAMING)).create(bind)
    op.execute(
        "INSERT INTO ticket_clock_holds (clock_id, piece, agent_id, team_id, seconds)"
        " SELECT h.clock_id, h.id - f.first_id, h.agent_id, h.team_id, h.seconds"
        " FROM _old_ticket_clock_holds AS h JOIN _first_piece AS f ON f.clock_id = h.clock_id"
        " ORDER BY h.clock_id, h.id"
    )
    op.execute("DROP TABLE _old_ticket_clock_holds")
    op.execute("DROP TABLE _first_piece")


def _upgrade_postgresql() -> None:
    op.add_column("ticket_clock_holds", sa.Column("piece", sa.Integer(), nullable=True))
    op.execute(
        f"UPDATE ticket_clock_holds AS h SET piece = h.id - f.first_id"
        f" FROM ({_FIRST.format('ticket_clock_holds')}) AS f WHERE f.clock_id = h.clock_id"
    )
    op.alter_column("ticket_clock_holds", "piece", nullable=False)
    op.drop_index(_INDEX, table_name="ticket_clock_holds")
    op.drop_constraint("pk_ticket_clock_holds", "ticket_clock_holds", type_="primary")
    op.drop_column("ticket_clock_holds", "id")
    op.create_primary_key("pk_ticket_clock_holds", "ticket_clock_holds", ["clock_id", "piece"])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _upgrade_sqlite(bind)
    else:
        _upgrade_postgresql()


def downgrade() -> None:
    raise NotImplementedError("0025 is not reversible: restore the backup taken before it.")
