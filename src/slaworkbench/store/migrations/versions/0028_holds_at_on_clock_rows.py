"""The holder at stop kept on the clock row alone: ``ticket_clocks.holds_at`` (the stop
instant a cycle's holds were measured for) takes the place of ``ticket_clock_holders``,
whose agent and team the clock row has carried since migration 0023.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04

A holder row per stopped cycle (151 MB of the 1M demo) repeated the clock row's id and
its holder at stop; what only it held was the stop its holds were measured for, which
tells the recompute whether a stopped cycle's holds are still those of its stop. That
instant is now a column of the clock row, filled here from the holder rows (``UPDATE …
FROM`` where the engine has it, correlated sub-queries on SQLite before 3.33), and the
table goes. A clock row without a holder row keeps NULL: its holds are measured again
by the next recompute that reaches it, as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fill_sql(dialect: str) -> str:
    if dialect != "sqlite" or sqlite3.sqlite_version_info >= (3, 33, 0):
        return (
            "UPDATE ticket_clocks SET holds_at = h.stopped_at, stop_agent_id = h.agent_id,"
            " stop_team_id = h.team_id FROM ticket_clock_holders AS h"
            " WHERE h.clock_id = ticket_clocks.id"
        )
    held = "SELECT {0} FROM ticket_clock_holders AS h WHERE h.clock_id = ticket_clocks.id"
    return (
        f"UPDATE ticket_clocks SET holds_at = ({held.format('h.stopped_at')}),"
        f" stop_agent_id = ({held.format('h.agent_id')}),"
        f" stop_team_id = ({held.format('h.team_id')})"
        " WHERE id IN (SELECT clock_id FROM ticket_clock_holders)"
    )


def upgrade() -> None:
    op.add_column("ticket_clocks", sa.Column("holds_at", sa.BigInteger(), nullable=True))
    op.execute(_fill_sql(op.get_context().dialect.name))
    op.drop_table("ticket_clock_holders")


def downgrade() -> None:
    raise NotImplementedError("0028 is not reversible: restore the backup taken before it.")
