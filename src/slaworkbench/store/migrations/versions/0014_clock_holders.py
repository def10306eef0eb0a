"""Who held an SLA clock: ``ticket_clock_holds`` (business seconds per (agent, team) piece
of each cycle) and ``ticket_clock_holders`` (the holder at stop), filled for the cycles an
older workspace already has (docs/SLA_SEMANTICS.md, "Who held an SLA clock").

The fill attributes each stored cycle as it stands — start, stop, and the calendar and
pause statuses of the policy version recorded on its row; an unfinished cycle up to its
row's ``evaluated_at`` — from the event log. It writes no clock row: a stopped cycle keeps
its verdict, nothing is re-judged.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CHUNK = 5000


def upgrade() -> None:
    op.create_table(
        "ticket_clock_holds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clock_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"],
            name=op.f("fk_ticket_clock_holds_agent_id_agents"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["clock_id"], ["ticket_clocks.id"],
            name=op.f("fk_ticket_clock_holds_clock_id_ticket_clocks"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"],
            name=op.f("fk_ticket_clock_holds_team_id_teams"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_clock_holds")),
    )  # fmt: skip
    op.create_index("ix_ticket_clock_holds_clock_id", "ticket_clock_holds", ["clock_id"])
    op.create_table(
        "ticket_clock_holders",
        sa.Column("clock_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("stopped_at", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"],
            name=op.f("fk_ticket_clock_holders_agent_id_agents"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["clock_id"], ["ticket_clocks.id"],
            name=op.f("fk_ticket_clock_holders_clock_id_ticket_clocks"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"],
            name=op.f("fk_ticket_clock_holders_team_id_teams"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("clock_id", name=op.f("pk_ticket_clock_holders")),
    )  # fmt: skip
    if not op.get_context().as_sql:  # an offline script has no rows to read
        _fill(op.get_bind())


def _fill(connection: sa.Connection) -> None:
    from slaworkbench.store.clocks.holds import refresh_clock_holds

    now = int(time.time())
    after = 0
    while True:
        ids = [
            int(i)
            for i in connection.execute(
                sa.text(
                    "SELECT DISTINCT ticket_id FROM ticket_clocks WHERE ticket_id > :after "
                    "ORDER BY ticket_id LIMIT :limit"
                ),
                {"after": after, "limit": _CHUNK},
            ).scalars()
        ]
        if not ids:
            return
        refresh_clock_holds(
            connection, ids, [None] * len(ids), now, rebaseline=True, as_of_0014=True
        )
        after = ids[-1]


def downgrade() -> None:
    op.drop_table("ticket_clock_holders")
    op.drop_index("ix_ticket_clock_holds_clock_id", table_name="ticket_clock_holds")
    op.drop_table("ticket_clock_holds")
