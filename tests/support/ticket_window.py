"""Driving the tickets tab as a person does: click a sidebar view, click a ticket's row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from slaworkbench.ui.tickets.detail.pane import DetailPane


def click_sidebar_item(qtbot: Any, window: Any, text_prefix: str) -> None:
    """Click the sidebar row whose label starts with ``text_prefix``."""
    tree = window.tickets.sidebar.tree
    matches = [
        item
        for root in range(tree.topLevelItemCount())
        for child in range(tree.topLevelItem(root).childCount())
        if (item := tree.topLevelItem(root).child(child)).text(0).startswith(text_prefix)
    ]
    assert len(matches) == 1, text_prefix
    rect = tree.visualItemRect(matches[0])
    assert rect.isValid(), f"{text_prefix} is not on screen"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def select_ticket(qtbot: Any, window: Any, ticket_id: int) -> DetailPane:
    """Click the ticket's row and wait until the detail pane shows all of it."""
    model, table = window.tickets.model, window.tickets.table
    qtbot.waitUntil(lambda: model.position_of(ticket_id) is not None)
    rect = table.visualRect(model.index(model.position_of(ticket_id), 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    pane: DetailPane = window.tickets.detail
    qtbot.waitUntil(pane.is_complete)
    return pane
