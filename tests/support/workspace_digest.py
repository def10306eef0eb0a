"""A digest of what a workspace *means*, independent of how it is stored.

``results_digest`` hashes the ticket export (the clock results every user sees) and, read
through the ORM so column types decode them, every ticket, event, clock cycle, OLA cycle, survey
answer and rollup row in a stable order. Storage changes (integer codes, compact caches, dropped
indexes) must leave it unchanged; the derived timeline cache is left out on purpose.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select

from slaworkbench.store.importing.export import export_tickets
from slaworkbench.store.schema import (
    ClockRollup,
    Coded,
    EventAuthor,
    SurveyAnswer,
    Ticket,
    TicketClock,
    TicketEvent,
    TicketOlaCycle,
)
from slaworkbench.store.workspace import Workspace

_COPIED = {"stop_agent_id", "stop_team_id", "holds_at", "unassigned_seconds"}
"""Clock row columns that record who held the cycle at stop, the stop that was measured
for and the seconds no agent held it (migrations 0023, 0028 and 0031): derived like the
holds, which the digest leaves out, as it left out the holder rows they were copied
from."""


def results_digest(ws: Workspace, folder: Path, now: int) -> str:
    digest = hashlib.sha256()
    target = folder / "digest-export.csv"
    with ws.engine.connect() as connection:
        export_tickets(connection, target, now=now)
        digest.update(target.read_bytes())
        queries = (
            select(Ticket.__table__).order_by(Ticket.id),
            # The author by name (migration 0030 stores its id): as the column held it.
            select(
                *(c for c in TicketEvent.__table__.columns if c.name != "author_id"),
                EventAuthor.name.label("author"),
            )
            .outerjoin(EventAuthor, EventAuthor.id == TicketEvent.author_id)
            .order_by(TicketEvent.ticket_id, TicketEvent.seq),
            select(TicketClock.__table__).order_by(
                TicketClock.ticket_id, TicketClock.metric, TicketClock.cycle_index
            ),
            select(TicketOlaCycle.__table__).order_by(
                TicketOlaCycle.ticket_id, TicketOlaCycle.cycle_index
            ),
            select(SurveyAnswer.__table__).order_by(SurveyAnswer.id),
            select(ClockRollup.__table__).order_by(*ClockRollup.__table__.primary_key.columns),
        )
        # A column stored as a code (migrations 0020 and 0026) is digested as its
        # generated name column, which holds the value the column had before the codes:
        # the digest stays the one pinned before them (the code column itself is left out).
        coded = {
            column.name
            for table in (TicketClock.__table__, TicketEvent.__table__)
            for column in table.columns
            if isinstance(column.type, Coded)
        }
        for query in queries:
            for row in connection.execute(query):
                # An answer's first response (migration 0019) is derived from the clock
                # rows, which are in the digest already; a clock row's holder at stop
                # (migration 0023) is a copy of its holder row, which the digest leaves
                # out as it always did.
                values = {
                    k: v
                    for k, v in row._mapping.items()
                    if k != "id"
                    and k not in coded
                    and k not in _COPIED
                    and not (k == "first_response" and "score" in row._mapping)
                }
                digest.update(repr(sorted(values.items())).encode())
    target.unlink()
    return digest.hexdigest()
