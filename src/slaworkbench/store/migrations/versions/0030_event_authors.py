"""The event log's author stored as the id of its name in a new table ``event_authors``
(``id``, ``name`` unique): ``ticket_events.author_id`` replaces ``author``.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-04

The author (an agent's name, a requester's address, ``system``…) was text in each of
the log's rows: 160 MB of the 1M demo's 630 MB log, with only about 15,000 distinct
names. An id takes one to three bytes. Every distinct text becomes one name, exactly as
it was (case, spaces and all; an empty text too); NULL stays NULL.

SQLite cannot change a column in place: the names are gathered first, then the table is
built again under its name (still ``WITHOUT ROWID``, keyed by (ticket, seq)) and the
rows copied in key order, each author's id found through the names' unique index
(nothing references ``ticket_events``). PostgreSQL adds and fills ``author_id`` and
drops ``author``. Both are plain SQL, so an offline ``--sql`` script does the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from slaworkbench.store.migration_steps import (
    EVENT_CODED_0026,
    coded_checks,
    coded_columns,
)

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CODED = EVENT_CODED_0026
_NAMING = {
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_KEPT = (
    "ticket_id", "seq", "at", "type_code", "status_code", "priority_code", "field", "value",
)  # fmt: skip
_NAMES = (
    "INSERT INTO event_authors (name) SELECT author FROM {table}"
    " WHERE author IS NOT NULL GROUP BY author ORDER BY author"
)
"""Every distinct author once, in the order of their texts (ids 1, 2, 3…)."""


def _create_authors() -> None:
    op.create_table(
        "event_authors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_authors")),
        sa.UniqueConstraint("name", name=op.f("uq_event_authors_name")),
    )


def _events(metadata: sa.MetaData) -> sa.Table:
    """``ticket_events`` as of this revision (0026's with ``author_id`` for ``author``)."""
    sa.Table("tickets", metadata, sa.Column("id", sa.Integer(), primary_key=True))
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
        sa.Column("type_code", sa.SmallInteger(), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("event_authors.id")),
        sa.Column("status_code", sa.SmallInteger()),
        sa.Column("priority_code", sa.SmallInteger()),
        sa.Column("field", sa.String(100)),
        sa.Column("value", sa.Text()),
        *coded_columns(_CODED, persisted=False),
        *coded_checks(_CODED),
        sqlite_with_rowid=False,
    )


def _upgrade_sqlite(bind: sa.Connection) -> None:
    op.execute("ALTER TABLE ticket_events RENAME TO _old_ticket_events")
    _create_authors()
    op.execute(_NAMES.format(table="_old_ticket_events"))
    metadata = sa.MetaData(naming_convention=_NAMING)
    sa.Table("event_authors", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    _events(metadata).create(bind)
    kept = ", ".join(_KEPT)
    old_kept = ", ".join(f"o.{column}" for column in _KEPT)
    op.execute(
        f"INSERT INTO ticket_events ({kept}, author_id) SELECT {old_kept}, a.id"
        " FROM _old_ticket_events o LEFT JOIN event_authors a ON a.name = o.author"
        " ORDER BY o.ticket_id, o.seq"
    )
    op.execute("DROP TABLE _old_ticket_events")


def _upgrade_postgresql() -> None:
    _create_authors()
    op.execute(_NAMES.format(table="ticket_events"))
    op.add_column("ticket_events", sa.Column("author_id", sa.Integer()))
    op.execute(
        "UPDATE ticket_events SET author_id = a.id FROM event_authors a"
        " WHERE a.name = ticket_events.author"
    )
    op.drop_column("ticket_events", "author")
    op.create_foreign_key(
        op.f("fk_ticket_events_author_id_event_authors"),
        "ticket_events",
        "event_authors",
        ["author_id"],
        ["id"],
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _upgrade_sqlite(bind)
    else:
        _upgrade_postgresql()


def downgrade() -> None:
    raise NotImplementedError("0030 is not reversible: restore the backup taken before it.")
