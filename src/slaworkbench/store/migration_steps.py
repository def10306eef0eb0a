"""Steps that migrations share.

``key_pieces_by_owner`` (migrations 0025, for the SLA cycles' held pieces, and 0029, for
the OLA cycles'): a table of pieces with an integer ``id`` of their own and a covering
index that leads with their owner's id becomes a table keyed by (owner, piece),
``WITHOUT ROWID`` on SQLite, and the index goes.

``piece`` orders an owner's pieces as the ids did: the id less the smallest id of the
owner's pieces (small numbers, in the same order). SQLite builds the table again and
copies the rows in key order; PostgreSQL adds and fills the column, drops ``id`` and the
index, and makes (owner, piece) the key.

Coded columns (migrations 0020, for the clock rows' metric, state and priority, 0026 and
0030, for the event log's type, status and priority): a small integer ``<column>_code``
holds a name's position in a list, and ``<column>`` is the name, generated from the
code (``coded_columns``: ``VIRTUAL`` where a table is built anew, ``STORED`` where
PostgreSQL swaps the text column for it, ``computed_names_on_server``), the code kept
within the list by a check (``coded_checks``).

``stopped_verdicts_index`` (migrations 0023 and 0031): the stopped first responses'
and resolutions' covering index ``ix_ticket_clocks_stopped_verdicts`` made again with
the columns a revision gives it (built after a fill, so the fill does not update it row
by row); ``partial_index`` makes it, and any partial index (0032: the stopped OLA
cycles').

``told_clock_pieces`` and ``told_ola_pieces`` (migration 0036): the held pieces an SLA
or OLA cycle's row tells (``unassigned_seconds``), as rows of ``ticket_clock_holds`` and
``ticket_ola_holds``: what 0036 stops storing and its downgrade stores again.

What a step does must not change once a revision uses it (a later layout is a later
migration's business).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from alembic import op

_NAMING = {
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


Coded = tuple[str, Sequence[str], int, bool]
"""A coded column: its name, the names its codes stand for, the length of the name
column, and whether it may be NULL."""

EVENT_CODED_0026: tuple[Coded, ...] = (
    (
        "type",
        (
            "created",
            "status_changed",
            "priority_changed",
            "agent_reply",
            "customer_reply",
            "internal_note",
            "assigned",
            "field_changed",
        ),
        32,
        False,
    ),
    ("status", ("new", "open", "pending", "on_hold", "solved", "closed"), 16, True),
    ("priority", ("urgent", "high", "normal", "low"), 16, True),
)
"""The event log's coded columns as migration 0026 made them."""


def coded_name_sql(column: str, names: Sequence[str]) -> str:
    """The name ``<column>_code`` stands for."""
    whens = " ".join(f"WHEN {code} THEN '{name}'" for code, name in enumerate(names))
    return f"CASE {column}_code {whens} END"


def coded_check_sql(column: str, names: Sequence[str], nullable: bool) -> str:
    """``<column>_code`` within ``names`` (or NULL, where ``nullable``)."""
    check = f"{column}_code BETWEEN 0 AND {len(names) - 1}"
    return f"{column}_code IS NULL OR {check}" if nullable else check


def coded_columns(coded: Sequence[Coded], *, persisted: bool) -> list[sa.Column[str]]:
    """The generated name column of each coded column."""
    return [
        sa.Column(
            column,
            sa.String(length),
            sa.Computed(sa.text(coded_name_sql(column, names)), persisted=persisted),
            nullable=nullable,
        )
        for column, names, length, nullable in coded
    ]


def coded_checks(coded: Sequence[Coded]) -> list[sa.CheckConstraint]:
    """The check of each coded column's code, named after the column."""
    return [
        sa.CheckConstraint(coded_check_sql(column, names, nullable), name=column)
        for column, names, _length, nullable in coded
    ]


def computed_names_on_server(table: str, coded: Sequence[Coded]) -> None:
    """On PostgreSQL, once ``<column>_code`` is filled: each text column gives way to the
    ``STORED`` name generated from its code, and the code gets its check."""
    for column, names, length, nullable in coded:
        if not nullable:
            op.alter_column(table, f"{column}_code", nullable=False)
        op.drop_column(table, column)
        op.add_column(table, coded_columns([(column, names, length, nullable)], persisted=True)[0])
        op.create_check_constraint(
            op.f(f"ck_{table}_{column}"), table, coded_check_sql(column, names, nullable)
        )


@dataclass(frozen=True)
class KeyedPieces:
    table: str
    owner: str
    """The owner's id column (``clock_id``, ``cycle_id``)."""
    owner_table: str
    index: str
    """The covering index that goes."""
    holders: Sequence[str]
    """The nullable holder id columns after the owner (``agent_id``, ``team_id``…), each
    referring to the table of its name's plural (``agents``, ``teams``)."""


def _table(pieces: KeyedPieces, metadata: sa.MetaData) -> sa.Table:
    parents = [pieces.owner_table, *(f"{column[:-3]}s" for column in pieces.holders)]
    for parent in parents:
        sa.Table(parent, metadata, sa.Column("id", sa.Integer(), primary_key=True))
    return sa.Table(
        pieces.table,
        metadata,
        sa.Column(
            pieces.owner,
            sa.Integer(),
            sa.ForeignKey(f"{pieces.owner_table}.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("piece", sa.Integer(), primary_key=True, autoincrement=False),
        *(
            sa.Column(
                column, sa.Integer(), sa.ForeignKey(f"{column[:-3]}s.id", ondelete="SET NULL")
            )
            for column in pieces.holders
        ),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sqlite_with_rowid=False,
    )


def _first_ids(pieces: KeyedPieces, table: str) -> str:
    """Each owner's first piece id (from the index, which leads with the owner's id)."""
    return f"SELECT {pieces.owner}, min(id) AS first_id FROM {table} GROUP BY {pieces.owner}"


def key_pieces_by_owner(pieces: KeyedPieces) -> None:
    bind = op.get_bind()
    owner, old = pieces.owner, f"_old_{pieces.table}"
    if bind.dialect.name != "sqlite":
        op.add_column(pieces.table, sa.Column("piece", sa.Integer(), nullable=True))
        op.execute(
            f"UPDATE {pieces.table} AS h SET piece = h.id - f.first_id"
            f" FROM ({_first_ids(pieces, pieces.table)}) AS f WHERE f.{owner} = h.{owner}"
        )
        op.alter_column(pieces.table, "piece", nullable=False)
        op.drop_index(pieces.index, table_name=pieces.table)
        op.drop_constraint(f"pk_{pieces.table}", pieces.table, type_="primary")
        op.drop_column(pieces.table, "id")
        op.create_primary_key(f"pk_{pieces.table}", pieces.table, [owner, "piece"])
        return
    op.execute(f"ALTER TABLE {pieces.table} RENAME TO {old}")
    op.execute(
        f"CREATE TEMPORARY TABLE _first_piece ({owner} INTEGER PRIMARY KEY, first_id INTEGER)"
    )
    op.execute(f"INSERT INTO _first_piece {_first_ids(pieces, old)}")
    op.drop_index(pieces.index, table_name=old)
    _table(pieces, sa.MetaData(naming_convention=_NAMING)).create(bind)
    values = ", ".join(f"h.{column}" for column in (*pieces.holders, "seconds"))
    op.execute(
        f"INSERT INTO {pieces.table} ({owner}, piece, {', '.join((*pieces.holders, 'seconds'))})"
        f" SELECT h.{owner}, h.id - f.first_id, {values}"
        f" FROM {old} AS h JOIN _first_piece AS f ON f.{owner} = h.{owner}"
        f" ORDER BY h.{owner}, h.id"
    )
    op.execute(f"DROP TABLE {old}")
    op.execute("DROP TABLE _first_piece")


STOPPED_VERDICTS = "ix_ticket_clocks_stopped_verdicts"
_DURATIONS_AS_CODES = "metric_code IN (0, 3) AND stopped_at IS NOT NULL"


def partial_index(name: str, table: str, columns: Sequence[str], where: str) -> None:
    """Create the index ``name`` of ``table`` on ``columns``, of the rows ``where`` holds
    (on both engines)."""
    op.create_index(
        name,
        table,
        list(columns),
        unique=False,
        sqlite_where=sa.text(where),
        postgresql_where=sa.text(where),
    )


def stopped_verdicts_index(columns: Sequence[str]) -> None:
    """Create ``ix_ticket_clocks_stopped_verdicts`` on ``columns`` (the clock rows'
    codes, migration 0020 on)."""
    partial_index(STOPPED_VERDICTS, "ticket_clocks", columns, _DURATIONS_AS_CODES)


def told_clock_pieces(schema: str = "") -> str:
    """``SELECT clock_id, piece, agent_id, team_id, seconds`` of the held pieces that the
    clock rows of ``schema`` (e.g. ``"new."``; ``""``: the connection's own) tell: for
    a stopped cycle with ``unassigned_seconds`` (migration 0031: its pieces are all of its
    team at stop, held by its agent at stop or by no agent, summing to its business time),
    one piece of no agent for the seconds unassigned, then one of its agent at stop for
    the rest, each only with time (migration 0036)."""
    return _told_pieces(f"{schema}ticket_clocks", "clock_id", "stop_agent_id", "stop_team_id")


def told_ola_pieces(schema: str = "") -> str:
    """``SELECT cycle_id, piece, agent_id, seconds`` of the held pieces that the OLA cycle
    rows of ``schema`` tell: for a stopped cycle with ``unassigned_seconds`` (migration
    0032: its pieces are held by its holder at stop or by no agent, at most one such piece,
    summing to its business time), one piece of no agent for the seconds unassigned, then
    one of its holder at stop for the rest, each only with time (migration 0036)."""
    return _told_pieces(f"{schema}ticket_ola_cycles", "cycle_id", "holder_at_stop_id", None)


def _told_pieces(rows: str, owner: str, holder: str, team: str | None) -> str:
    """The pieces the cycle rows ``rows`` tell, as ``owner`` (the row's id), ``piece``,
    ``agent_id`` (``holder`` or NULL), ``team_id`` (``team``; none when ``None``) and
    ``seconds``."""
    teams = ("", "") if team is None else (f" {team} AS team_id,", f" {team},")
    return (
        f"SELECT id AS {owner}, 0 AS piece, NULL AS agent_id,{teams[0]}"
        f" unassigned_seconds AS seconds FROM {rows} WHERE unassigned_seconds > 0"
        f" UNION ALL SELECT id, CASE WHEN unassigned_seconds > 0 THEN 1 ELSE 0 END,"
        f" {holder},{teams[1]} elapsed - unassigned_seconds FROM {rows}"
        f" WHERE unassigned_seconds IS NOT NULL AND {holder} IS NOT NULL"
        " AND elapsed > unassigned_seconds"
    )
