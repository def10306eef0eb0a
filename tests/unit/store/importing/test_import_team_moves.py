"""The event-log importer turns a team column that changes between a case's rows into
moves between teams, so each team's OLA cycle is its own."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from slaworkbench.app.importing.run import import_event_log
from slaworkbench.app.ola.terms import TeamOlaEdit, load_team_olas_screen, save_team_terms
from slaworkbench.app.recompute.run import recompute
from slaworkbench.domain.model import Priority
from slaworkbench.store.importing.event_log import parse_event_log
from slaworkbench.store.importing.presets import load_preset
from slaworkbench.store.schema import Team, TicketOlaCycle
from tests.support.import_files import PRESET, workspace, write_csv

HEADER = "Case,When,Status,Sub Status,Impact,Owner,Group\n"
ROWS = (
    HEADER
    + "A1,2026-03-02T09:00:00+00:00,Queued,Waiting,Medium,ana,Desk\n"
    + "A1,2026-03-02T09:30:00+00:00,Accepted,Working,Medium,ana,Desk\n"
    + "A1,2026-03-02T10:00:00+00:00,Accepted,Working,Medium,ana,Apps\n"  # a move alone
    + "A1,2026-03-02T11:00:00+00:00,Accepted,Wait - User,Medium,cy,\n"  # empty: no move
    + "A1,2026-03-02T12:00:00+00:00,Accepted,Working,Medium,cy,Network\n"  # with a status
    + "A1,2026-03-02T13:00:00+00:00,Completed,Resolved,Medium,cy,Desk\n"  # closing move
    + "B2,2026-03-02T09:00:00+00:00,Queued,Waiting,Low,bo,Desk\n"
    + "B2,2026-03-02T10:00:00+00:00,Completed,Resolved,Low,bo,Desk\n"  # never moves
)
T = 1772442000  # 2026-03-02T09:00:00Z
H = 3600


def _preset(tmp_path: Path) -> Path:
    path = tmp_path / "teams.json"
    preset = dict(PRESET, columns=dict(PRESET["columns"], team="Group"))  # type: ignore[arg-type]
    path.write_text(json.dumps(preset), encoding="utf-8")
    return path


def test_team_changes_between_rows_are_moves(tmp_path: Path) -> None:
    parsed = parse_event_log(
        write_csv(tmp_path / "log.csv", ROWS), load_preset(str(_preset(tmp_path)))
    )
    a1, b2 = parsed.tickets
    assert [(e.at, e.type.value, e.field, e.value, e.status) for e in a1.events] == [
        (T, "created", None, None, "open"),
        (T, "field_changed", "team", "Desk", None),  # the first team, at creation
        (T, "assigned", None, "ana", None),  # and the first assignee
        (T + H // 2, "agent_reply", None, None, None),
        (T + H, "field_changed", "team", "Apps", None),  # the move is the row's event
        (T + 2 * H, "assigned", None, "cy", None),  # handed over with the status change
        (T + 2 * H, "status_changed", None, None, "pending"),
        (T + 3 * H, "field_changed", "team", "Network", None),  # before the status change
        (T + 3 * H, "status_changed", None, None, "open"),
        (T + 4 * H, "status_changed", None, None, "solved"),
        (T + 4 * H, "field_changed", "team", "Desk", None),  # after solving: no empty cycle
    ]
    assert a1.team == "Desk"
    assert not [e for e in b2.events if e.field == "team"] and b2.team == "Desk"


def test_an_imported_case_gets_a_cycle_with_each_team(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    try:
        import_event_log(ws, write_csv(tmp_path / "log.csv", ROWS), str(_preset(tmp_path)))
        with ws.session() as session:
            # Network is a team although no case ends with it.
            assert set(session.execute(select(Team.name)).scalars()) == {
                "Desk",
                "Apps",
                "Network",
            }
        screen = load_team_olas_screen(ws)
        calendar = screen.calendars[0]
        for info in screen.teams:
            edit = TeamOlaEdit(info.team_id, {p: 8 * H for p in Priority}, 0.25, calendar, 0)
            save_team_terms(ws, edit, author="lead", reason="OLA", now=T - H)
        recompute(ws, only_open=False, now=T + 9 * H, author="test", reason="OLAs")
        with ws.session() as session:
            cycles = session.execute(
                select(Team.name, TicketOlaCycle.started_at, TicketOlaCycle.stopped_at)
                .join(Team, Team.id == TicketOlaCycle.team_id)
                .order_by(TicketOlaCycle.ticket_id, TicketOlaCycle.cycle_index)
            ).all()
        assert [tuple(c) for c in cycles] == [
            ("Desk", T, T + H),
            ("Apps", T + H, T + 3 * H),
            ("Network", T + 3 * H, T + 4 * H),
            ("Desk", T, T + H),  # B2 stayed with Desk
        ]
    finally:
        ws.close()
