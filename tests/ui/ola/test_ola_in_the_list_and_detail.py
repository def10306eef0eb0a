"""A ticket's OLA cycles show in the detail pane's clocks table, and the list's OLA
column (shown from the column menu) counts the current team's OLA time left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.labels import clock_state_label
from slaworkbench.store.schema import Team, TicketOlaCycle
from slaworkbench.ui.tickets.list.table_model import TicketTableModel
from tests.support.live_window import close_window, open_window
from tests.support.ola_workspace import NOW, ola_workspace

# The offscreen platform says these on every show and popup; they are not about our code.
pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)


def _ticket_with_running_ola(
    workspace: Any,
) -> tuple[int, list[tuple[int, str, int, str, int | None]]]:
    with workspace.session() as session:
        ticket_id = (
            session.execute(
                select(TicketOlaCycle.ticket_id)
                .where(TicketOlaCycle.stopped_at.is_(None), TicketOlaCycle.state != "paused")
                .where(
                    TicketOlaCycle.ticket_id.in_(
                        select(TicketOlaCycle.ticket_id).where(
                            TicketOlaCycle.stopped_at.is_not(None)
                        )
                    )
                )
                .order_by(TicketOlaCycle.ticket_id)
            )
            .scalars()
            .first()
        )
        assert ticket_id is not None
        cycles = session.execute(
            select(
                TicketOlaCycle.cycle_index,
                Team.name,
                TicketOlaCycle.target,
                TicketOlaCycle.state,
                TicketOlaCycle.stopped_at,
            )
            .join(Team, Team.id == TicketOlaCycle.team_id)
            .where(TicketOlaCycle.ticket_id == ticket_id)
            .order_by(TicketOlaCycle.cycle_index)
        ).all()
    return ticket_id, [tuple(row) for row in cycles]  # type: ignore[misc]


def test_the_detail_pane_and_the_list_show_the_ola(qtbot: Any, tmp_path: Path) -> None:
    seeded = ola_workspace(tmp_path)
    ticket_id, cycles = _ticket_with_running_ola(seeded.workspace)
    win = open_window(qtbot, seeded.workspace, tmp_path, now=NOW)
    try:
        model, table = win.tickets.model, win.tickets.table
        qtbot.waitUntil(lambda: model.position_of(ticket_id) is not None, timeout=10_000)

        # the column menu (right click on a header) shows the OLA column
        header = table.horizontalHeader()
        subject = TicketTableModel.COL_SUBJECT
        x = header.sectionViewportPosition(subject) + header.sectionSize(subject) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.RightButton, pos=QPoint(x, header.height() // 2)
        )
        menu = win.tickets.columns.menu
        assert menu is not None
        qtbot.waitUntil(menu.isVisible, timeout=3000)
        action = next(a for a in menu.actions() if a.text() == "Show OLA")
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        assert not table.isColumnHidden(TicketTableModel.COL_OLA)
        position = model.position_of(ticket_id)
        assert position is not None
        cell = model.index(position, TicketTableModel.COL_OLA)
        assert model.headerData(TicketTableModel.COL_OLA, Qt.Orientation.Horizontal) == "OLA"
        running_team = next(team for _, team, _, _, stopped in cycles if stopped is None)
        assert f"OLA of {running_team}" in str(model.data(cell, Qt.ItemDataRole.ToolTipRole))
        assert model.data(cell, TicketTableModel.SeverityRole) in ("ok", "at_risk", "overdue")

        rect = table.visualRect(model.index(position, TicketTableModel.COL_SUBJECT))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        pane = win.tickets.detail
        qtbot.waitUntil(lambda: pane.is_complete() and pane.ticket_id == ticket_id, timeout=10_000)
        clocks = pane.clock_table
        names = [clocks.item(r, 0).text() for r in range(clocks.rowCount())]
        expected = [f"OLA {team} #{index + 1}" for index, team, _, _, _ in cycles]
        assert names[-len(expected) :] == expected
        first = clocks.rowCount() - len(expected)
        for offset, (_, _, target, state, _) in enumerate(cycles):
            row = first + offset
            assert clocks.item(row, 1).text() == format_duration(target)
            assert clocks.item(row, 5).text().startswith(clock_state_label(state))
    finally:
        close_window(win)
