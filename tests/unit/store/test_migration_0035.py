"""Migration 0035 (``tickets_judged_elsewhere``): an upgraded 0034 file marks, by joining
every clock row to its ticket once, the tickets whose stored rows were judged under
another policy; the writers then keep the marks (a ticket action that moves a ticket with a
stopped cycle to another policy marks it, a re-baseline that re-judges it clears it), and on
each engine the upgrade's fill runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from slaworkbench.app.recompute.run import recompute
from slaworkbench.app.tickets.actions import change_priority
from slaworkbench.store.clocks.elsewhere import judged_elsewhere
from slaworkbench.store.schema import Ticket, TicketClock
from slaworkbench.store.workspace import open_workspace, upgrade
from tests.support.engines import ENGINES
from tests.support.older_files import (
    copy_into_revision,
    database_at,
    demo_file,
    insert_clock_rows,
    insert_tickets,
)

NOW = 1_780_000_000


def _marked(path: Path) -> list[int]:
    workspace = open_workspace(f"sqlite:///{path}", create=False)
    try:
        with workspace.engine.connect() as connection:
            return judged_elsewhere(connection).tolist()
    finally:
        workspace.close()


def _policy_of_version(connection, version: int) -> int:  # type: ignore[no-untyped-def]
    return int(
        connection.execute(
            text("SELECT policy_id FROM policy_versions WHERE id = :v"), {"v": version}
        ).scalar_one()
    )


def test_an_upgraded_0034_file_marks_what_the_writers_mark(tmp_path: Path) -> None:
    fresh = demo_file(tmp_path / "fresh.sqlite3", tickets=300, now=NOW)
    workspace = open_workspace(f"sqlite:///{fresh}", create=False)
    try:
        assert not _marked_in(workspace)
        with workspace.engine.connect() as connection:
            ticket_id, version, policy_version = connection.execute(
                select(Ticket.id, Ticket.version, Ticket.policy_version_id)
                .join(TicketClock, TicketClock.ticket_id == Ticket.id)
                .where(
                    Ticket.status.in_(["open", "pending", "solved"]),
                    Ticket.priority == "low",
                    TicketClock.metric == "first_response",
                    TicketClock.stopped_at.is_not(None),
                )
                .order_by(Ticket.id)
                .limit(1)
            ).one()
        change_priority(
            workspace, ticket_id, "urgent", author="test", expected_version=version, now=NOW + 60
        )
        with workspace.engine.connect() as connection:
            moved_to = connection.execute(
                select(Ticket.policy_version_id).where(Ticket.id == ticket_id)
            ).scalar_one()
            kept = set(
                connection.execute(
                    select(TicketClock.policy_version_id).where(
                        TicketClock.ticket_id == ticket_id, TicketClock.stopped_at.is_not(None)
                    )
                ).scalars()
            )
            # the action moved it to another policy; its stopped rows keep the old one's
            assert _policy_of_version(connection, moved_to) != _policy_of_version(
                connection, policy_version
            )
            assert policy_version in kept
        assert _marked_in(workspace) == [ticket_id]
    finally:
        workspace.close()

    old = tmp_path / "old.sqlite3"
    copy_into_revision(fresh, old, "0034")
    assert _marked(old) == [ticket_id]  # the upgrade's join finds what the writer marked

    for path in (fresh, old):
        workspace = open_workspace(f"sqlite:///{path}", create=False)
        try:
            recompute(workspace, only_open=False, now=NOW + 120)  # re-judges it: cleared
        finally:
            workspace.close()
        assert _marked(path) == []


def _marked_in(workspace) -> list[int]:  # type: ignore[no-untyped-def]
    with workspace.engine.connect() as connection:
        return judged_elsewhere(connection).tolist()


@pytest.mark.parametrize("engine_name", ENGINES)
def test_the_fill_runs_on_each_engine(engine_name: str, tmp_path: Path) -> None:
    with database_at(engine_name, tmp_path, "0034") as engine:
        with engine.begin() as connection:
            insert_tickets(connection, [1, 2])
            insert_clock_rows(connection, [(1, 0, 500), (2, 3, None)], ticket_id=1)
        with engine.begin() as connection:
            upgrade(connection)
        with engine.connect() as connection:
            assert judged_elsewhere(connection).tolist() == []  # no version on either side
