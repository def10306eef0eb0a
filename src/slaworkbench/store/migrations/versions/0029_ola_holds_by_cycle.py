"""The held pieces of the OLA cycles keyed by (cycle, piece), without a row id of their
own: on SQLite a ``WITHOUT ROWID`` table, on PostgreSQL the same primary key; the
covering index ``ix_ticket_ola_holds_pieces`` goes (as migration 0025 did for the SLA
cycles' pieces).

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04

The index (cycle, agent, seconds) held every column of its table a second time so that
the OLA accountability read each cycle's pieces from it alone (migration 0022). Keyed by
(cycle, piece), the table itself is that index. ``piece`` orders a cycle's pieces as the
ids did: here the id less the smallest id of the cycle's pieces; the writes number them
0, 1, 2… from now on. SQLite rebuilds the table (the rows copied in key order);
PostgreSQL adds and fills the column, drops ``id`` and the index, and makes (cycle,
piece) the key.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAMING = {
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_INDEX = "ix_ticket_ola_holds_pieces"
_FIRST = "SELECT cycle_id, min(id) AS first_id FROM {0} GROUP BY cycle_id"
"""Each cycle's first piece id (from the index, which starts with the cycle id)."""


def _holds(metadata: sa.MetaData) -> sa.Table:
    """``ticket_ola_holds`` as of this revision."""
    for parent in ("ticket_ola_cycles", "agents"):
        sa.Table(parent, metadata, sa.Column("id", sa.Integer(), primary_key=True))
    return sa.Table(
        "ticket_ola_holds",
        metadata,
        sa.Column(
            "cycle_id",
            sa.Integer(),
            sa.ForeignKey("ticket_ola_cycles.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("piece", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("agent_id", sa.Integer(), sa.ForeignKey("agents.id", ondelete="SET NULL")),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sqlite_with_rowid=False,
    )


def _upgrade_sqlite(bind: sa.Connection) -> None:
    op.execute("ALTER TABLE ticket_ola_holds RENAME TO _old_ticket_ola_holds")
    op.execute(
        "CREATE TEMPORARY TABLE _first_piece (cycle_id INTEGER PRIMARY KEY, first_id INTEGER)"
    )
    op.execute(f"INSERT INTO _first_piece {_FIRST.format('_old_ticket_ola_holds')}")
    op.drop_index(_INDEX, table_name="_old_ticket_ola_holds")
    _holds(sa.MetaData(naming_convention=_NAMING)).create(bind)
    op.execute(
        "INSERT INTO ticket_ola_holds (cycle_id, piece, agent_id, seconds)"
        " SELECT h.cycle_id, h.id - f.first_id, h.agent_id, h.seconds"
        " FROM _old_ticket_ola_holds AS h JOIN _first_piece AS f ON f.cycle_id = h.cycle_id"
        " ORDER BY h.cycle_id, h.id"
    )
    op.execute("DROP TABLE _old_ticket_ola_holds")
    op.execute("DROP TABLE _first_piece")


def _upgrade_postgresql() -> None:
    op.add_column("ticket_ola_holds", sa.Column("piece", sa.Integer(), nullable=True))
    op.execute(
        f"UPDATE ticket_ola_holds AS h SET piece = h.id - f.first_id"
        f" FROM ({_FIRST.format('ticket_ola_holds')}) AS f WHERE f.cycle_id = h.cycle_id"
    )
    op.alter_column("ticket_ola_holds", "piece", nullable=False)
    op.drop_index(_INDEX, table_name="ticket_ola_holds")
    op.drop_constraint("pk_ticket_ola_holds", "ticket_ola_holds", type_="primary")
    op.drop_column("ticket_ola_holds", "id")
    op.create_primary_key("pk_ticket_ola_holds", "ticket_ola_holds", ["cycle_id", "piece"])


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _upgrade_sqlite(bind)
    else:
        _upgrade_postgresql()


def downgrade() -> None:
    raise NotImplementedError("0029 is not reversible: restore the backup taken before it.")
