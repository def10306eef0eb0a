"""Indexes the OLA accountability reads alone: the stopped OLA cycles by stop instant with
their team, verdict, business time, holder at stop and ticket
(``ix_ticket_ola_cycles_stopped_at``, partial: stopped cycles only), and each cycle's held
pieces with holder and seconds (``ix_ticket_ola_holds_pieces``, which replaces
``ix_ticket_ola_holds_cycle_id``: it leads with the same column).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

Without them no index of ``ticket_ola_cycles`` led with the stop time, so the report read
the whole table in slices of cycle ids whatever the period, and each held piece's row
was looked up from the cycle-id index: about 3 s of CPU of the 1M report for the year,
and as much for a week. The first is partial so that the recompute's lookups of running
cycles by ticket (``stopped_at IS NULL``) keep the ticket's index. Built here from the
existing rows (one pass per table).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STOPPED = "stopped_at IS NOT NULL"


def upgrade() -> None:
    op.create_index(
        "ix_ticket_ola_cycles_stopped_at",
        "ticket_ola_cycles",
        ["stopped_at", "team_id", "state", "elapsed", "holder_at_stop_id", "ticket_id"],
        unique=False,
        sqlite_where=sa.text(_STOPPED),
        postgresql_where=sa.text(_STOPPED),
    )
    op.create_index(
        "ix_ticket_ola_holds_pieces",
        "ticket_ola_holds",
        ["cycle_id", "agent_id", "seconds"],
        unique=False,
    )
    op.drop_index("ix_ticket_ola_holds_cycle_id", table_name="ticket_ola_holds")


def downgrade() -> None:
    op.create_index("ix_ticket_ola_holds_cycle_id", "ticket_ola_holds", ["cycle_id"])
    op.drop_index("ix_ticket_ola_holds_pieces", table_name="ticket_ola_holds")
    op.drop_index("ix_ticket_ola_cycles_stopped_at", table_name="ticket_ola_cycles")
