"""Each clock row records the priority it was judged under (``ticket_clocks.priority``),
so figures per priority of a closed period keep the priority a stopped cycle's verdict
was judged under after a later priority change; each ticket records where its next due
instant lies on its calendar's working-time axis (``tickets.next_due_position``), so the
list orders by business time left.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

Old rows are filled from the event log: a stopped cycle was judged under the priority in
force when it stopped (the last ``created`` or ``priority_changed`` event with a priority
at or before its stop, ``normal`` when there is none, as the engine reads a ``created``
without one); a running or paused cycle under the ticket's current priority. A later
recompute writes what the engine gives for every row it rewrites.

``next_due_position`` needs the calendars, which SQL cannot count in: it starts NULL and
the next recompute writes it (until then the list orders such a ticket by wall time
left). The tickets' clock fingerprints are forgotten so that recompute reads them all.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STOPPED = """
UPDATE ticket_clocks SET priority = COALESCE(
    (SELECT e.priority FROM ticket_events e
     WHERE e.ticket_id = ticket_clocks.ticket_id
       AND e.type IN ('created', 'priority_changed')
       AND e.priority IS NOT NULL
       AND e.at <= ticket_clocks.stopped_at
     ORDER BY e.at DESC, e.seq DESC LIMIT 1),
    'normal')
WHERE stopped_at IS NOT NULL
"""
_OPEN = """
UPDATE ticket_clocks SET priority =
    (SELECT t.priority FROM tickets t WHERE t.id = ticket_clocks.ticket_id)
WHERE stopped_at IS NULL
"""


def upgrade() -> None:
    op.add_column("ticket_clocks", sa.Column("priority", sa.String(length=16), nullable=True))
    op.execute(_STOPPED)
    op.execute(_OPEN)
    op.add_column("tickets", sa.Column("next_due_position", sa.BigInteger(), nullable=True))
    op.execute("UPDATE ticket_timelines SET clocks_hash = NULL")


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("next_due_position")
    with op.batch_alter_table("ticket_clocks") as batch:
        batch.drop_column("priority")
