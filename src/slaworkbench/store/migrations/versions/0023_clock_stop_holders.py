"""Each SLA cycle's holder at stop on its clock row (``ticket_clocks.stop_agent_id`` and
``stop_team_id``, copied from ``ticket_clock_holders``), held in
``ix_ticket_clocks_stopped_verdicts`` with the verdict and business time.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03

Who held the period's stopped cycles (the report and the dashboard) read each cycle from
that index and then looked its holder row up by clock id: about 1.4 s of CPU per metric
for the year at 1M, a b-tree descent per cycle. With the holder on the clock row the
cycles and their holders at stop come from the index alone. The holder rows stay (the
ticket filter by holder and the recompute's "holder of this stop?" read them); the
columns are written with them from now on (``store.clocks.holds``). Filled here from the
holder rows in one pass; the index is rebuilt after the fill, so the fill does not
update it row by row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from slaworkbench.store.migration_steps import STOPPED_VERDICTS, stopped_verdicts_index

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = ["metric_code", "stopped_at", "state_code", "elapsed"]
_AFTER = [*_BEFORE, "stop_agent_id", "stop_team_id"]
_HELD = "h.agent_id IS NOT NULL OR h.team_id IS NOT NULL"


def _fill_sql(dialect: str) -> str:
    """Every clock row's holder at stop from its holder row (rows without a holder, or
    holding nobody, keep NULL)."""
    if dialect != "sqlite" or sqlite3.sqlite_version_info >= (3, 33, 0):
        return (
            "UPDATE ticket_clocks SET stop_agent_id = h.agent_id, stop_team_id = h.team_id"
            f" FROM ticket_clock_holders AS h WHERE h.clock_id = ticket_clocks.id AND ({_HELD})"
        )
    held = "SELECT {0} FROM ticket_clock_holders AS h WHERE h.clock_id = ticket_clocks.id"
    return (
        f"UPDATE ticket_clocks SET stop_agent_id = ({held.format('h.agent_id')}),"
        f" stop_team_id = ({held.format('h.team_id')})"
        f" WHERE id IN (SELECT h.clock_id FROM ticket_clock_holders AS h WHERE {_HELD})"
    )


def upgrade() -> None:
    op.add_column("ticket_clocks", sa.Column("stop_agent_id", sa.Integer(), nullable=True))
    op.add_column("ticket_clocks", sa.Column("stop_team_id", sa.Integer(), nullable=True))
    op.drop_index(STOPPED_VERDICTS, table_name="ticket_clocks")
    op.execute(_fill_sql(op.get_context().dialect.name))
    stopped_verdicts_index(_AFTER)


def downgrade() -> None:
    op.drop_index(STOPPED_VERDICTS, table_name="ticket_clocks")
    stopped_verdicts_index(_BEFORE)
    with op.batch_alter_table("ticket_clocks") as batch:
        batch.drop_column("stop_team_id")
        batch.drop_column("stop_agent_id")
