"""Tickets never evaluated since their events last changed: neither clock rows nor a
timeline. A workspace an import or a demo was killed in before issue 14 (item 2) was
fixed can hold thousands; reports say how many instead of silently counting without
them (``recompute --all`` judges them).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

_HELD = "SELECT (SELECT count(*) FROM tickets) - (SELECT count(*) FROM ticket_timelines)"
_UNEVALUATED = """
SELECT count(*) FROM tickets t
WHERE NOT EXISTS (SELECT 1 FROM ticket_timelines l WHERE l.ticket_id = t.id)
  AND NOT EXISTS (SELECT 1 FROM ticket_clocks c WHERE c.ticket_id = t.id)
"""


def unevaluated_tickets(session: Session) -> int:
    """How many tickets have neither clock rows nor a timeline. Every evaluated ticket has
    a timeline until its events change, so two counts settle the usual case; the exact
    query runs only when some tickets lack a timeline."""
    if int(session.execute(text(_HELD)).scalar_one()) <= 0:
        return 0
    return int(session.execute(text(_UNEVALUATED)).scalar_one())
