"""The status bar's count of the listed tickets: while more are to be loaded, the rows
loaded so far of the view's count when the list is the view alone ("200 of 600
tickets"); "200+ tickets" once a search narrows it (not counted ahead); the whole count
once everything is loaded. Driven like a person: the sidebar clicked, the search typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from slaworkbench.app.demo.workspace import generate_demo
from slaworkbench.store.tickets.query import View
from slaworkbench.store.workspace import open_workspace
from tests.support.live_window import close_window, open_window
from tests.support.ticket_window import click_sidebar_item

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)

NOW = 1_790_000_000


def test_the_count_says_how_many_of_the_view_are_loaded(qtbot: Any, tmp_path: Path) -> None:
    ws = open_workspace(f"sqlite:///{tmp_path / 'w.sqlite3'}", create=True)
    generate_demo(ws, tickets=600, seed=4, now=NOW)
    window = open_window(qtbot, ws, tmp_path, now=NOW)
    window.resize(1400, 900)
    label = window.tickets.count_label
    try:
        click_sidebar_item(qtbot, window, "All tickets")
        page = window.tickets.model.page_size
        qtbot.waitUntil(lambda: label.text() == f"{page} of 600 tickets", timeout=10_000)

        search = window.tickets.toolbar.search
        qtbot.keyClicks(search, "example")  # every requester
        qtbot.keyClick(search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: label.text() == f"{page}+ tickets", timeout=10_000)

        search.clear()
        qtbot.keyClick(search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: label.text() == f"{page} of 600 tickets", timeout=10_000)

        click_sidebar_item(qtbot, window, "Breached")
        breached = window.tickets.list.counts.by_view[View.BREACHED]
        assert 0 < breached < page
        qtbot.waitUntil(lambda: label.text() == f"{breached} tickets", timeout=10_000)
    finally:
        close_window(window)
        ws.close()
