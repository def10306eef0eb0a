"""The dashboard's per-team view: OLA figures per team and per agent; clicking a number
opens the ticket list filtered to the tickets behind it, with a filter chip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from slaworkbench.app.analytics.filters import Filters
from slaworkbench.ui.dashboard.holder_table import BREACHED_COLUMN, STOPPED_COLUMN
from slaworkbench.ui.dashboard.ola_view import TEAM
from slaworkbench.ui.tickets.list.filter_chips import FilterChip
from tests.support.dashboard_clicks import click_cell, row_of, tickets_of
from tests.support.live_window import close_window, open_window
from tests.support.ola_workspace import NOW, ola_workspace

MARCH = Filters(dt.date(2026, 3, 1), dt.date(2026, 3, 31), tz="UTC")


def _tickets(workspace: Any, sql: str) -> set[int]:
    return tickets_of(workspace, sql, MARCH)


def test_a_click_on_a_teams_breaches_lists_those_tickets_with_a_chip(
    qtbot: Any, tmp_path: Path
) -> None:
    seeded = ola_workspace(tmp_path, tickets=80)
    win = open_window(qtbot, seeded.workspace, tmp_path, now=NOW)
    try:
        win.show_tab(1)
        win.dashboard.set_filters(MARCH)
        view = win.dashboard.ola
        qtbot.waitUntil(lambda: view.data is not None and not view.is_busy(), timeout=20_000)
        teams = view.tables[TEAM]
        desk = row_of(teams, "Desk")
        figures = next(f for f in view.data.teams if f.name == "Desk")
        assert teams.item(desk, BREACHED_COLUMN).text() == str(figures.breached)
        assert figures.breached > 0

        click_cell(qtbot, teams, desk, BREACHED_COLUMN)
        assert win.tabs.currentIndex() == 0
        expected = _tickets(
            seeded.workspace,
            "SELECT DISTINCT c.ticket_id FROM ticket_ola_cycles c"
            " JOIN teams t ON t.id = c.team_id WHERE t.name = 'Desk' AND c.state = 'breached'"
            " AND c.stopped_at >= :start AND c.stopped_at < :end",
        )
        qtbot.waitUntil(lambda: win.tickets.model.rowCount() == len(expected), timeout=10_000)
        shown = {win.tickets.model.row_at(i).id for i in range(win.tickets.model.rowCount())}
        assert shown == expected
        chips = [w.label.text() for w in win.tickets.chips.findChildren(FilterChip)]
        assert any("Dashboard: Breached OLA cycles of Desk stopped" in c for c in chips), chips

        # per agent, by the assignee when the cycle stopped
        win.show_tab(1)
        at_stop = view.tables["at_stop"]
        ana = row_of(at_stop, "ana")
        click_cell(qtbot, at_stop, ana, STOPPED_COLUMN)
        expected = _tickets(
            seeded.workspace,
            "SELECT DISTINCT c.ticket_id FROM ticket_ola_cycles c"
            " JOIN agents a ON a.id = c.holder_at_stop_id WHERE a.name = 'ana'"
            " AND c.stopped_at >= :start AND c.stopped_at < :end",
        )
        qtbot.waitUntil(lambda: win.tickets.model.rowCount() == len(expected), timeout=10_000)
        shown = {win.tickets.model.row_at(i).id for i in range(win.tickets.model.rowCount())}
        assert shown == expected
        chips = [w.label.text() for w in win.tickets.chips.findChildren(FilterChip)]
        assert any("OLA cycles held by ana when they stopped" in chip for chip in chips), chips
    finally:
        close_window(win)
