"""Moving a ticket to another team as a staged edit: the ``field_changed`` team event,
the OLA cycles in the same transaction, the first move keeping the first team's time,
and Undo moving it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from slaworkbench.app.tickets.edits import FieldValues, apply_edit, undo_edit
from slaworkbench.store.errors import ValidationError
from slaworkbench.store.schema import Team, Ticket, TicketEvent
from tests.support.team_move_workspace import CREATED, HOUR, ola_cycles, team_move_workspace


def _log(workspace, ticket_id):  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        return [
            (row.at, row.type, row.field, row.value, row.author)
            for row in session.execute(
                select(TicketEvent)
                .where(TicketEvent.ticket_id == ticket_id)
                .order_by(TicketEvent.at, TicketEvent.seq)
            ).scalars()
        ]


def _team(workspace, ticket_id):  # type: ignore[no-untyped-def]
    with workspace.session() as session:
        team_id = session.get(Ticket, ticket_id).team_id
        return None if team_id is None else session.get(Team, team_id).name


def test_a_move_writes_the_team_event_and_the_ola_cycles_follow(tmp_path: Path) -> None:
    seeded = team_move_workspace(tmp_path)
    ws, tid = seeded.workspace, seeded.ticket_id
    assert ola_cycles(ws, tid, CREATED) == [("Desk", CREATED, None)]
    moved_at = CREATED + 3 * HOUR
    edit = apply_edit(
        ws, tid, FieldValues(team="Apps"), author="ana", expected_version=2, now=moved_at
    )
    assert edit.before == FieldValues(team="Desk") and edit.after == FieldValues(team="Apps")
    assert _team(ws, tid) == "Apps"
    log = _log(ws, tid)
    # The first move writes down the team the ticket had since it was created.
    assert (CREATED, "field_changed", "team", "Desk", "system") in log
    assert log[-1] == (moved_at, "field_changed", "team", "Apps", "ana")
    # Desk kept its time (created 08:00, stopped 11:00); Apps runs from the move.
    assert ola_cycles(ws, tid, moved_at) == [
        ("Desk", CREATED, moved_at),
        ("Apps", moved_at, None),
    ]


def test_undo_moves_it_back_and_desk_starts_a_new_cycle(tmp_path: Path) -> None:
    seeded = team_move_workspace(tmp_path)
    ws, tid = seeded.workspace, seeded.ticket_id
    moved_at = CREATED + 3 * HOUR
    edit = apply_edit(
        ws, tid, FieldValues(team="Apps"), author="ana", expected_version=2, now=moved_at
    )
    undo_edit(ws, edit, author="ana", now=moved_at + 5)
    assert _team(ws, tid) == "Desk"
    assert _log(ws, tid)[-1] == (moved_at + 5, "field_changed", "team", "Desk", "ana")
    assert ola_cycles(ws, tid, moved_at + 5) == [
        ("Desk", CREATED, moved_at),
        ("Apps", moved_at, moved_at + 5),
        ("Desk", moved_at + 5, None),
    ]


def test_a_move_to_no_team_stops_the_cycle_and_an_unknown_team_is_refused(
    tmp_path: Path,
) -> None:
    seeded = team_move_workspace(tmp_path)
    ws, tid = seeded.workspace, seeded.ticket_id
    with pytest.raises(ValidationError, match="no team named"):
        apply_edit(
            ws, tid, FieldValues(team="Nobody"), author="ana", expected_version=2, now=CREATED + 60
        )
    assert _team(ws, tid) == "Desk" and len(_log(ws, tid)) == 2  # nothing written
    apply_edit(ws, tid, FieldValues(team=""), author="ana", expected_version=2, now=CREATED + HOUR)
    assert _team(ws, tid) is None
    assert ola_cycles(ws, tid, CREATED + HOUR) == [("Desk", CREATED, CREATED + HOUR)]
    with pytest.raises(ValidationError, match="Nothing changed"):
        apply_edit(
            ws, tid, FieldValues(team=""), author="ana", expected_version=3, now=CREATED + HOUR
        )


def test_an_agent_may_move_a_ticket(tmp_path: Path) -> None:
    seeded = team_move_workspace(tmp_path)
    ws, tid = seeded.workspace, seeded.ticket_id
    ws.info["role"] = "agent"  # as a server login in the agent group would be
    apply_edit(
        ws, tid, FieldValues(team="Apps"), author="ana", expected_version=2, now=CREATED + HOUR
    )
    assert _team(ws, tid) == "Apps"
