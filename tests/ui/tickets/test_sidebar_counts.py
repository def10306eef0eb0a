"""The views' counts in the sidebar are whole at any size of workspace: "All tickets
(1,000,000)" widens the sidebar the window's splitter started at 150 px (or a person
dragged narrower) instead of being cut to "All tickets (100…"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from slaworkbench.store.tickets.query import View
from slaworkbench.ui.tickets.list.sidebar import SIDEBAR_VIEWS, ViewSidebar

MILLION = "All tickets  (1,000,000)"


def _shown(qtbot: Any, sidebar_width: float) -> tuple[QSplitter, ViewSidebar]:
    """The sidebar beside a list in a splitter, ``sidebar_width`` times as wide as the
    million's label in this font."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    sidebar = ViewSidebar()
    sidebar_width = int(sidebar.tree.fontMetrics().horizontalAdvance(MILLION) * sidebar_width)
    splitter.addWidget(sidebar)
    splitter.addWidget(QWidget())
    splitter.setStretchFactor(1, 1)
    qtbot.addWidget(splitter)
    splitter.resize(1000, 500)
    splitter.setSizes([sidebar_width, 1000 - sidebar_width])
    splitter.show()
    qtbot.waitExposed(splitter)
    return splitter, sidebar


def _cut(sidebar: ViewSidebar) -> list[str]:
    """The views' labels wider than the room the tree gives them."""
    tree = sidebar.tree
    views = tree.topLevelItem(0)
    assert views is not None
    room = tree.viewport().width() - tree.indentation()
    labels = [views.child(row).text(0) for row in range(len(SIDEBAR_VIEWS))]
    return [label for label in labels if tree.fontMetrics().horizontalAdvance(label) > room]


def test_a_million_tickets_count_is_shown_whole(qtbot: Any) -> None:
    splitter, sidebar = _shown(qtbot, 0.7)
    before = splitter.sizes()[0]
    tree = sidebar.tree
    assert tree.viewport().width() < tree.fontMetrics().horizontalAdvance(MILLION)
    sidebar.set_counts({View.ALL_OPEN: 24_247, View.MINE: 2_149, View.ALL: 1_000_000})
    qtbot.waitUntil(lambda: splitter.sizes()[0] > before, timeout=2000)
    assert not _cut(sidebar)
    assert splitter.widget(1).x() > sidebar.geometry().right()  # the list moved over
    views = tree.topLevelItem(0)
    assert views is not None
    labels = [views.child(row).text(0) for row in range(len(SIDEBAR_VIEWS))]
    assert MILLION in labels and "All open  (24,247)" in labels


def test_a_sidebar_wide_enough_keeps_its_width(qtbot: Any) -> None:
    splitter, sidebar = _shown(qtbot, 2.0)
    chosen = splitter.sizes()[0]
    sidebar.set_counts({View.ALL: 1_000_000})
    qtbot.wait(50)
    assert not _cut(sidebar)
    assert splitter.sizes()[0] == chosen  # a person's wider choice stays
