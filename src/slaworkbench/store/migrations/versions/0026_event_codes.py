"""The event log's type, status and priority stored as small integer codes (``type_code``,
``status_code``, ``priority_code``: positions in ``EVENT_TYPES``, ``STATUSES`` and
``PRIORITIES``), with ``type``, ``status`` and ``priority`` generated from them, as
migration 0020 did for the clock rows.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04

A word such as ``'status_changed'`` took up to 16 bytes in each of the log's rows (the
largest table of a workspace); a code takes one. The names are ``VIRTUAL`` generated
columns on SQLite (no storage; raw SQL that reads or compares ``type`` sees the same
words) and ``STORED`` ones on PostgreSQL 15, which has no ``VIRTUAL`` ones
(``store.dialect``).

Every writer of the log has only ever stored the names of those lists (the ticket
actions and escalations through the domain's enums, the importers through presets whose
targets are checked against them, the demo from the lists themselves), but only the type
had a CHECK. A status or priority outside the lists would become -1, which the new CHECK
refuses: the upgrade then fails as a whole and the file stays at 0025, nothing lost.

SQLite cannot change a column in place: the table is built again under its name (still
``WITHOUT ROWID``, keyed by (ticket, seq)) and the rows copied in key order (nothing
references ``ticket_events``). PostgreSQL adds the codes, fills them and replaces the
text columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from slaworkbench.store.migration_steps import (
    EVENT_CODED_0026,
    coded_checks,
    coded_columns,
    computed_names_on_server,
)

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CODED = EVENT_CODED_0026
_NAMING = {
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_PLAIN = ("ticket_id", "seq", "at", "author", "field", "value")


def _code_sql(column: str, names: Sequence[str]) -> str:
    """The code of the name in ``column``: NULL for NULL, -1 (refused by the CHECK) for
    a text not in ``names``."""
    whens = " ".join(f"WHEN {column} = '{name}' THEN {code}" for code, name in enumerate(names))
    return f"CASE WHEN {column} IS NULL THEN NULL {whens} ELSE -1 END"


def _events(metadata: sa.MetaData) -> sa.Table:
    """``ticket_events`` as of this revision."""
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
        sa.Column("author", sa.String(200)),
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
    _events(sa.MetaData(naming_convention=_NAMING)).create(bind)
    plain = ", ".join(_PLAIN)
    codes = ", ".join(f"{column}_code" for column, _names, _length, _nullable in _CODED)
    values = ", ".join(_code_sql(column, names) for column, names, _length, _nullable in _CODED)
    op.execute(
        f"INSERT INTO ticket_events ({plain}, {codes}) SELECT {plain}, {values}"
        " FROM _old_ticket_events ORDER BY ticket_id, seq"
    )
    op.execute("DROP TABLE _old_ticket_events")


def _upgrade_postgresql() -> None:
    op.drop_constraint(op.f("ck_ticket_events_type"), "ticket_events")
    for column, _names, _length, _nullable in _CODED:
        op.add_column("ticket_events", sa.Column(f"{column}_code", sa.SmallInteger()))
    op.execute(
        "UPDATE ticket_events SET "
        + ", ".join(
            f"{column}_code = {_code_sql(column, names)}"
            for column, names, _length, _nullable in _CODED
        )
    )
    computed_names_on_server("ticket_events", _CODED)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _upgrade_sqlite(bind)
    else:
        _upgrade_postgresql()


def downgrade() -> None:
    raise NotImplementedError("0026 is not reversible: restore the backup taken before it.")
