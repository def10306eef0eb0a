"""The dashboard's "who held the SLA clock" view: figures per agent and per team in both
readings, each table labelled; clicking a number opens the ticket list filtered to the
tickets behind it, with a filter chip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.domain.model import Metric
from slaworkbench.ui.dashboard.holder_table import BREACHED_COLUMN, STOPPED_COLUMN
from slaworkbench.ui.dashboard.sla_holders_view import AT_STOP, WHILE_RUNNING
from slaworkbench.ui.tickets.list.filter_chips import FilterChip
from tests.support.dashboard_clicks import click_cell, row_of, tickets_of
from tests.support.derived_rows import HELD_PIECES
from tests.support.live_window import close_window, open_window
from tests.support.ola_workspace import NOW, ola_workspace

MARCH = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31), tz="UTC")


def _tickets(workspace: Any, sql: str) -> set[int]:
    return tickets_of(workspace, sql, MARCH)


def _listed(qtbot: Any, win: Any, expected: set[int]) -> None:
    qtbot.waitUntil(lambda: win.tickets.model.rowCount() == len(expected), timeout=10_000)
    shown = {win.tickets.model.row_at(i).id for i in range(win.tickets.model.rowCount())}
    assert shown == expected


def _chips(win: Any) -> list[str]:
    return [w.label.text() for w in win.tickets.chips.findChildren(FilterChip)]


def test_a_click_on_a_holders_number_lists_those_tickets_with_a_chip(
    qtbot: Any, tmp_path: Path
) -> None:
    seeded = ola_workspace(tmp_path, tickets=80, sla=True)
    win = open_window(qtbot, seeded.workspace, tmp_path, now=NOW)
    try:
        win.show_tab(1)
        win.dashboard.set_filters(MARCH)
        view = win.dashboard.holders
        qtbot.waitUntil(lambda: view.data is not None and not view.is_busy(), timeout=20_000)
        assert view.data.metric is Metric.RESOLUTION
        assert "while the clock ran" in view.captions[("team", WHILE_RUNNING)].text()
        assert "when the clock stopped" in view.captions[("agent", AT_STOP)].text()

        # per team, while the clock ran: the breached resolutions Desk held some time of
        teams = view.tables[("team", WHILE_RUNNING)]
        desk = row_of(teams, "Desk")
        figures = next(f for f in view.data.teams_while_running if f.name == "Desk")
        assert teams.item(desk, BREACHED_COLUMN).text() == str(figures.breached)
        assert figures.breached > 0
        click_cell(qtbot, teams, desk, BREACHED_COLUMN)
        assert win.tabs.currentIndex() == 0
        _listed(
            qtbot,
            win,
            _tickets(
                seeded.workspace,
                "SELECT DISTINCT c.ticket_id FROM ticket_clocks c"
                f" JOIN {HELD_PIECES} h ON h.clock_id = c.id"
                " JOIN teams t ON t.id = h.team_id"
                " WHERE t.name = 'Desk' AND c.metric = 'resolution' AND c.state = 'breached'"
                " AND c.stopped_at >= :start AND c.stopped_at < :end AND h.seconds > 0",
            ),
        )
        assert any(
            "Breached resolution clocks held by team Desk while running stopped" in chip
            for chip in _chips(win)
        ), _chips(win)

        # per agent, by the assignee when the clock stopped
        win.show_tab(1)
        at_stop = view.tables[("agent", AT_STOP)]
        ana = row_of(at_stop, "ana")
        click_cell(qtbot, at_stop, ana, STOPPED_COLUMN)
        _listed(
            qtbot,
            win,
            _tickets(
                seeded.workspace,
                "SELECT DISTINCT c.ticket_id FROM ticket_clocks c"
                " JOIN agents a ON a.id = c.stop_agent_id WHERE a.name = 'ana'"
                " AND c.metric = 'resolution'"
                " AND c.stopped_at >= :start AND c.stopped_at < :end",
            ),
        )
        assert any("Resolution clocks held by ana when they stopped" in c for c in _chips(win))

        # another metric, chosen with the keyboard: the tables follow it
        win.show_tab(1)
        view.metric_choice.setFocus()
        qtbot.keyClick(view.metric_choice, Qt.Key.Key_Home)
        qtbot.waitUntil(
            lambda: (
                view.data is not None
                and view.data.metric is Metric.FIRST_RESPONSE
                and not view.is_busy()
            ),
            timeout=20_000,
        )
        assert "First response" in view.captions[("agent", AT_STOP)].text()
    finally:
        close_window(win)
