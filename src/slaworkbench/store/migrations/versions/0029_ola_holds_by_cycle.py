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

from slaworkbench.store.migration_steps import KeyedPieces, key_pieces_by_owner

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PIECES = KeyedPieces(
    "ticket_ola_holds", "cycle_id", "ticket_ola_cycles", "ix_ticket_ola_holds_pieces", ("agent_id",)
)


def upgrade() -> None:
    key_pieces_by_owner(_PIECES)


def downgrade() -> None:
    raise NotImplementedError("0029 is not reversible: restore the backup taken before it.")
