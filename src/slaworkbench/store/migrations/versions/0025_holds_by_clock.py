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

from slaworkbench.store.migration_steps import KeyedPieces, key_pieces_by_owner

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PIECES = KeyedPieces(
    "ticket_clock_holds",
    "clock_id",
    "ticket_clocks",
    "ix_ticket_clock_holds_pieces",
    ("agent_id", "team_id"),
)


def upgrade() -> None:
    key_pieces_by_owner(_PIECES)


def downgrade() -> None:
    raise NotImplementedError("0025 is not reversible: restore the backup taken before it.")
