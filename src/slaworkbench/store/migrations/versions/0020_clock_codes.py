"""The clock rows' metric, state and priority stored as small integer codes
(``metric_code``, ``state_code``, ``priority_code``: positions in ``METRICS``,
``CLOCK_STATES`` and ``PRIORITIES``), with ``metric``, ``state`` and ``priority``
generated from them, and every index of ``ticket_clocks`` on the codes.

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-02

A word such as ``'first_response'`` took 15 bytes in each clock row and again in each
index entry that holds it (the unique key, ``(metric, stopped_at)``, and the partial
indexes of the dashboard and the report); a code takes at most one byte. The names are
``VIRTUAL`` generated columns on SQLite (no storage; raw SQL that reads or compares
``metric`` sees the same words) and ``STORED`` ones on PostgreSQL 15, which has no
``VIRTUAL`` ones (``store.dialect``).

SQLite cannot change a column in place: the table is built again under its name and
the rows copied with their ids. Its two children (``ticket_clock_holds``,
``ticket_clock_holders``) are copied too, because SQLite points their references at the
renamed old table and the drop of that table would delete their rows. PostgreSQL adds
the codes, fills them and replaces the text columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from slaworkbench.store.migration_steps import (
    coded_checks,
    coded_columns,
    computed_names_on_server,
)

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_METRICS = ("first_response", "next_response", "periodic_update", "resolution")
_STATES = ("running", "paused", "achieved", "breached")
_PRIORITIES = ("urgent", "high", "normal", "low")
_CODED = (("metric", _METRICS, 32, False), ("state", _STATES, 16, False))
_PRIORITY = ("priority", _PRIORITIES, 16, True)
_NEW_DURATIONS = "metric_code IN (0, 3) AND stopped_at IS NOT NULL"
_NEW_FIRST_RESPONSES = "metric_code = 0 AND cycle_index = 0 AND stopped_at IS NOT NULL"
_NEW_BREACHED = "state_code = 3"
_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_INDEXES: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    # name, columns, WHERE (the same indexes as at 0019, on the codes)
    ("ix_ticket_clocks_metric_stopped_at", ("metric_code", "stopped_at"), None),
    (
        "ix_ticket_clocks_running_work",
        ("due_at", "ticket_id", "metric_code", "state_code", "stopped_at"),
        "stopped_at IS NULL",
    ),
    (
        "ix_ticket_clocks_durations",
        ("metric_code", "stopped_at", "elapsed", "ticket_id", "priority_code"),
        _NEW_DURATIONS,
    ),
    (
        "ix_ticket_clocks_first_responses",
        ("ticket_id", "elapsed", "metric_code", "cycle_index", "stopped_at"),
        _NEW_FIRST_RESPONSES,
    ),
    (
        "ix_ticket_clocks_stopped_verdicts",
        ("metric_code", "stopped_at", "state_code", "elapsed"),
        _NEW_DURATIONS,
    ),
    (
        "ix_ticket_clocks_breaches",
        ("stopped_at", "elapsed", "target"),
        _NEW_BREACHED,
    ),
    (
        "ix_ticket_clocks_duration_ranks",
        ("metric_code", "priority_code", "elapsed", "stopped_at"),
        _NEW_DURATIONS,
    ),
)
_PLAIN = (
    "id", "ticket_id", "cycle_index", "started_at", "stopped_at", "target", "elapsed",
    "remaining", "due_at", "breached_at", "at_risk", "risk_at", "policy_version_id",
    "evaluated_at",
)  # fmt: skip


def _code_sql(column: str, names: Sequence[str]) -> str:
    whens = " ".join(f"WHEN '{name}' THEN {code}" for code, name in enumerate(names))
    return f"CASE {column} {whens} END"


def _where(bind: sa.Connection, where: str | None) -> dict[str, object]:
    if where is None:
        return {}
    return {f"{bind.dialect.name}_where": sa.text(where)}


def _clocks(metadata: sa.MetaData, name: str) -> sa.Table:
    """``ticket_clocks`` as of this revision (without its secondary indexes)."""
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "ticket_id",
            sa.Integer(),
            sa.ForeignKey("tickets.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("metric_code", sa.SmallInteger(), nullable=False),
        sa.Column("cycle_index", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.BigInteger(), nullable=False),
        sa.Column("stopped_at", sa.BigInteger()),
        sa.Column("state_code", sa.SmallInteger(), nullable=False),
        sa.Column("target", sa.BigInteger(), nullable=False),
        sa.Column("elapsed", sa.BigInteger(), nullable=False),
        sa.Column("remaining", sa.BigInteger(), nullable=False),
        sa.Column("due_at", sa.BigInteger()),
        sa.Column("breached_at", sa.BigInteger()),
        sa.Column("at_risk", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("risk_at", sa.BigInteger()),
        sa.Column(
            "policy_version_id",
            sa.Integer(),
            sa.ForeignKey("policy_versions.id", ondelete="SET NULL"),
        ),
        sa.Column("priority_code", sa.SmallInteger()),
        sa.Column("evaluated_at", sa.BigInteger(), nullable=False),
        *coded_columns((*_CODED, _PRIORITY), persisted=False),
        sa.UniqueConstraint("ticket_id", "metric_code", "cycle_index"),
        *coded_checks((*_CODED, _PRIORITY)),
    )


def _children(metadata: sa.MetaData, clocks: str) -> tuple[sa.Table, sa.Table]:
    """``ticket_clock_holds`` and ``ticket_clock_holders`` as of 0017 (no indexes)."""
    holds = sa.Table(
        "ticket_clock_holds",
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "clock_id",
            sa.Integer(),
            sa.ForeignKey(f"{clocks}.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("agent_id", sa.Integer(), sa.ForeignKey("agents.id", ondelete="SET NULL")),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id", ondelete="SET NULL")),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
    )
    holders = sa.Table(
        "ticket_clock_holders",
        metadata,
        sa.Column(
            "clock_id",
            sa.Integer(),
            sa.ForeignKey(f"{clocks}.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("stopped_at", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sa.Integer(), sa.ForeignKey("agents.id", ondelete="SET NULL")),
        sa.Column("team_id", sa.Integer(), sa.ForeignKey("teams.id", ondelete="SET NULL")),
    )
    return holds, holders


def _stub_parents(metadata: sa.MetaData) -> None:
    """The referenced tables, named only so the foreign keys above resolve."""
    for name in ("tickets", "policy_versions", "agents", "teams"):
        sa.Table(name, metadata, sa.Column("id", sa.Integer(), primary_key=True))


def _drop_clock_indexes(bind: sa.Connection) -> None:
    for name, _columns, _where in _INDEXES:
        op.drop_index(name, table_name="ticket_clocks")


def _create_clock_indexes(bind: sa.Connection) -> None:
    for name, columns, where in _INDEXES:
        op.create_index(name, "ticket_clocks", list(columns), **_where(bind, where))  # type: ignore[arg-type]


def _copy_sqlite_children(bind: sa.Connection) -> None:
    """Copy the holds and holders into tables that reference ``ticket_clocks`` again."""
    op.drop_index("ix_ticket_clock_holds_pieces", table_name="ticket_clock_holds")
    for name in ("ticket_clock_holds", "ticket_clock_holders"):
        op.execute(f"ALTER TABLE {name} RENAME TO _old_{name}")
    metadata = sa.MetaData(naming_convention=_NAMING)
    _stub_parents(metadata)
    sa.Table("ticket_clocks", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    for table in _children(metadata, "ticket_clocks"):
        table.create(bind)
        names = ", ".join(column.name for column in table.columns)
        op.execute(f"INSERT INTO {table.name} ({names}) SELECT {names} FROM _old_{table.name}")
        op.execute(f"DROP TABLE _old_{table.name}")
    op.create_index(
        "ix_ticket_clock_holds_pieces",
        "ticket_clock_holds",
        ["clock_id", "agent_id", "team_id", "seconds"],
    )


def _upgrade_sqlite(bind: sa.Connection) -> None:
    _drop_clock_indexes(bind)
    op.execute("ALTER TABLE ticket_clocks RENAME TO _old_ticket_clocks")
    metadata = sa.MetaData(naming_convention=_NAMING)
    _stub_parents(metadata)
    _clocks(metadata, "ticket_clocks").create(bind)
    plain = ", ".join(_PLAIN)
    op.execute(
        f"INSERT INTO ticket_clocks ({plain}, metric_code, state_code, priority_code)"
        f" SELECT {plain}, {_code_sql('metric', _METRICS)}, {_code_sql('state', _STATES)},"
        f" {_code_sql('priority', _PRIORITIES)} FROM _old_ticket_clocks ORDER BY id"
    )
    _copy_sqlite_children(bind)
    op.execute("DROP TABLE _old_ticket_clocks")
    _create_clock_indexes(bind)


def _upgrade_postgresql(bind: sa.Connection) -> None:
    _drop_clock_indexes(bind)
    op.drop_constraint(op.f("uq_ticket_clocks_ticket_id_metric_cycle_index"), "ticket_clocks")
    for column, _names, _length, _nullable in _CODED:
        op.drop_constraint(op.f(f"ck_ticket_clocks_{column}"), "ticket_clocks")
    for column, _names, _length, _nullable in (*_CODED, _PRIORITY):
        op.add_column("ticket_clocks", sa.Column(f"{column}_code", sa.SmallInteger()))
    op.execute(
        "UPDATE ticket_clocks SET "
        + ", ".join(
            f"{column}_code = {_code_sql(column, names)}"
            for column, names, _length, _nullable in (*_CODED, _PRIORITY)
        )
    )
    computed_names_on_server("ticket_clocks", (*_CODED, _PRIORITY))
    op.create_unique_constraint(
        op.f("uq_ticket_clocks_ticket_id_metric_code_cycle_index"),
        "ticket_clocks",
        ["ticket_id", "metric_code", "cycle_index"],
    )
    _create_clock_indexes(bind)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _upgrade_sqlite(bind)
    else:
        _upgrade_postgresql(bind)


def downgrade() -> None:
    raise NotImplementedError("0020 is not reversible: restore the backup taken before it.")
