"""Clicking the numbers of the dashboard's per-holder tables like a person, and the
tickets an SQL statement names for a period (the "who held the clock" view tests)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from sqlalchemy import text

from slaworkbench.app.analytics.filters import Filters, period_bounds


def row_of(table: Any, name: str) -> int:
    """The row whose first cell reads ``name``."""
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)


def click_cell(qtbot: Any, table: Any, row: int, column: int) -> None:
    """A left click in the middle of the cell's rectangle."""
    table.scrollToItem(table.item(row, column))
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def tickets_of(workspace: Any, sql: str, filters: Filters) -> set[int]:
    """The ticket ids ``sql`` selects with ``:start``/``:end`` the period's bounds."""
    start, end = period_bounds(filters)
    with workspace.session() as session:
        return set(session.execute(text(sql), {"start": start, "end": end}).scalars())
