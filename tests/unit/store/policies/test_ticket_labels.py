"""The labels of the tickets a what-if flips are read in pieces of ``ID_BATCH`` ids:
the team OLA what-if once sent all 566,608 ids of the 1M demo's largest team in one
``IN`` list, and SQLite refused it ("too many SQL variables")."""

from __future__ import annotations

import sqlite3

import pytest

from slaworkbench.app.tickets.actions import NewTicket, create_ticket
from slaworkbench.store.policies import editing
from slaworkbench.store.workspace import Workspace


def test_labels_come_in_pieces_and_all_of_them(
    engine_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = {
        create_ticket(
            engine_workspace,
            NewTicket(subject=f"Subject {n}", external_id=f"EXT-{n}" if n % 2 else None),
            author="admin",
            now=1_790_000_000,
        ): n
        for n in range(7)
    }
    monkeypatch.setattr(editing, "ID_BATCH", 2)
    with engine_workspace.session() as session:
        driver = session.connection().connection.dbapi_connection
        if isinstance(driver, sqlite3.Connection):  # SQLite refuses more than 3 values now
            driver.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 3)
        labels = editing.ticket_labels(session, sorted(made))
    assert labels == {
        ticket_id: (f"EXT-{n}" if n % 2 else None, f"Subject {n}") for ticket_id, n in made.items()
    }
