"""The open-ticket selection reads the tickets with an OLA cycle the time alone moves
in one statement along the team index (``all_tickets_due_to_move``, issue 16); it must
name, among any tickets, exactly those the per-ticket read
(``tickets_due_to_move``) names, at every instant — before, between and after the
cycles' risk and due instants, and back in time (cycles written after ``now``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sqlalchemy import select

from slaworkbench.store.ola.read import all_tickets_due_to_move, tickets_due_to_move
from slaworkbench.store.schema import Ticket, TicketOlaCycle
from tests.support.ola_workspace import HOUR, NOW, START, ola_workspace


def test_one_statement_names_the_tickets_the_per_ticket_read_names(tmp_path: Path) -> None:
    workspace = ola_workspace(tmp_path, tickets=80, seed=11).workspace
    with workspace.session() as session:
        ids = np.array(sorted(session.scalars(select(Ticket.id))), dtype=np.int64)
        instants = {
            int(at)
            for column in (TicketOlaCycle.risk_at, TicketOlaCycle.due_at)
            for at in session.scalars(select(column).where(TicketOlaCycle.stopped_at.is_(None)))
            if at is not None
        }
    assert instants, "the workspace has running OLA cycles"
    moments = sorted(instants | {at - 1 for at in instants} | {START, NOW, NOW + 400 * HOUR})
    named = 0
    with workspace.engine.connect() as connection:
        for now in moments:
            every = all_tickets_due_to_move(connection, now)
            for some in (ids, ids[::3]):
                expected = tickets_due_to_move(connection, some, now)
                assert np.intersect1d(some, every).tolist() == expected.tolist()
                named += expected.size
    assert named, "some instant moves some cycle"
