"""The tickets whose stored stopped cycles keep verdicts of another policy
(``tickets_judged_elsewhere``).

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-05

A re-baseline after a policy save evaluates only the tickets the save can move, and the
tickets that a ticket action moved to another policy after some of their cycles stopped:
those keep verdicts of the other policy, which the re-baseline re-judges by the ticket's
own. It found them by joining every clock row to its ticket (1.7 s at 1M tickets, on
every re-baseline); the writers now mark them as they merge stored stopped cycles into
an evaluation. Filled here by that join once: every ticket with a clock row judged by a
version of another policy than the ticket's (or by a policy where the ticket has none,
or the reverse). A ticket marked that needs no re-judging is evaluated once by the next
re-baseline, which clears its mark.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FILL = """
INSERT INTO tickets_judged_elsewhere (ticket_id)
SELECT DISTINCT c.ticket_id
FROM ticket_clocks c
JOIN tickets t ON t.id = c.ticket_id
LEFT JOIN policy_versions cv ON cv.id = c.policy_version_id
LEFT JOIN policy_versions tv ON tv.id = t.policy_version_id
WHERE COALESCE(c.policy_version_id, -1) <> COALESCE(t.policy_version_id, -1)
  AND COALESCE(cv.policy_id, -1) <> COALESCE(tv.policy_id, -1)
"""


def upgrade() -> None:
    op.create_table(
        "tickets_judged_elsewhere",
        sa.Column("ticket_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_tickets_judged_elsewhere_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_tickets_judged_elsewhere")),
        sqlite_with_rowid=False,
    )
    op.execute(_FILL)


def downgrade() -> None:
    op.drop_table("tickets_judged_elsewhere")
