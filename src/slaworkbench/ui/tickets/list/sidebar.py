"""The sidebar: the built-in views and the saved filters."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from slaworkbench import formatting
from slaworkbench.store.tickets.query import View
from slaworkbench.ui.tickets.list.saved_filters import SavedFilter

_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data: a plain string key, ``view:<value>`` or ``filter:<name>``.

Qt roles hold plain keys, never Python objects: PySide6 6.11 hands a ``StrEnum`` back as
a bare ``str``, so an ``isinstance`` check on the data silently fails.
"""
_VIEW_PREFIX = "view:"
_FILTER_PREFIX = "filter:"


def view_label(view: View) -> str:
    from slaworkbench.i18n import tr

    return {
        View.ALL_OPEN: tr("All open"),
        View.MINE: tr("Mine"),
        View.AT_RISK: tr("At risk"),
        View.BREACHED: tr("Breached"),
        View.PENDING: tr("Pending"),
        View.UNASSIGNED: tr("Unassigned"),
        View.ALL: tr("All tickets"),
    }[view]


SIDEBAR_VIEWS = (
    View.ALL_OPEN,
    View.MINE,
    View.AT_RISK,
    View.BREACHED,
    View.PENDING,
    View.UNASSIGNED,
    View.ALL,
)


class ViewSidebar(QWidget):
    view_chosen = Signal(object)
    """A ``View`` (built-in) was picked."""
    filter_chosen = Signal(object)
    """A ``SavedFilter`` was picked."""
    filter_delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(10)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemActivated.connect(self._picked)
        self.tree.itemClicked.connect(self._picked)
        self._quiet = True
        """While the highlight is moved by the program (not by the keys): no pick."""
        self.tree.currentItemChanged.connect(self._moved)
        self.tree.setAccessibleName(self.tr("Ticket views"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

        self._views_root = QTreeWidgetItem(self.tree, [self.tr("Views")])
        self._filters_root = QTreeWidgetItem(self.tree, [self.tr("Saved filters")])
        for root in (self._views_root, self._filters_root):
            root.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = root.font(0)
            font.setBold(True)
            root.setFont(0, font)
        self._view_items: dict[View, QTreeWidgetItem] = {}
        for view in SIDEBAR_VIEWS:
            item = QTreeWidgetItem(self._views_root, [view_label(view)])
            item.setData(0, _ROLE, _VIEW_PREFIX + view.value)
            self._view_items[view] = item
        self._filters: dict[str, SavedFilter] = {}
        self._empty_hint = QTreeWidgetItem(self._filters_root, [self.tr("(none yet)")])
        self._empty_hint.setFlags(Qt.ItemFlag.NoItemFlags)
        self.tree.expandAll()
        self.select_view(View.ALL_OPEN)
        self._quiet = False

    def set_counts(self, counts: dict[View, int]) -> None:
        for view, item in self._view_items.items():
            if view in counts:
                item.setText(0, f"{view_label(view)}  ({formatting.count(counts[view])})")
            else:
                item.setText(0, view_label(view))
        self._fit_labels()

    def _fit_labels(self) -> None:
        """At least as wide as every label with its count ("All tickets  (1,000,000)" in
        a workspace of a million), however narrow the window's splitter started it or a
        person dragged it: a count cut short says nothing."""
        tree = self.tree
        option = QStyleOptionViewItem()
        tree.initViewItemOption(option)
        delegate = tree.itemDelegate()
        widest = max(
            delegate.sizeHint(option, tree.indexFromItem(item)).width()
            for item in self._view_items.values()
        )  # the views only: a saved filter is named by a person, maybe at length (drag it)
        needed = widest + tree.indentation() + 2 * tree.frameWidth()
        if tree.verticalScrollBar().isVisible():
            needed += tree.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(needed)

    def set_saved_filters(self, filters: list[SavedFilter]) -> None:
        with self._highlight_by_program():
            self._set_saved_filters(filters)

    def _set_saved_filters(self, filters: list[SavedFilter]) -> None:
        for item in self._filters_root.takeChildren():
            if item is not self._empty_hint:
                del item
        self._filters = {saved.name: saved for saved in filters}
        if not filters:
            self._filters_root.addChild(self._empty_hint)
        for saved in filters:
            item = QTreeWidgetItem(self._filters_root, [saved.name])
            item.setData(0, _ROLE, _FILTER_PREFIX + saved.name)
            item.setToolTip(0, self.tr("Right-click to delete this filter"))
        self.tree.expandAll()

    def select_view(self, view: View) -> None:
        """Highlight the view the list shows (narrowed or not: the chips say so)."""
        with self._highlight_by_program():
            self.tree.setCurrentItem(self._view_items[view])

    def select_filter(self, name: str) -> None:
        """Highlight the saved filter the list shows (no view is highlighted then)."""
        for index in range(self._filters_root.childCount()):
            item = self._filters_root.child(index)
            if item is not None and item.data(0, _ROLE) == _FILTER_PREFIX + name:
                with self._highlight_by_program():
                    self.tree.setCurrentItem(item)
                return

    @contextmanager
    def _highlight_by_program(self) -> Iterator[None]:
        quiet, self._quiet = self._quiet, True
        try:
            yield
        finally:
            self._quiet = quiet

    def _moved(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        """The arrow keys (Home, End, Page Up/Down) moved the highlight: the list shows
        what is highlighted, as after a click; the highlight and the list used to part
        until Enter. A mouse press moves it too, and its click picks (once)."""
        if current is None or self._quiet:
            return
        if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        self._picked(current)

    def current_key(self) -> str:
        """What is highlighted: ``view:<value>``, ``filter:<name>`` or ``""``."""
        item = self.tree.currentItem()
        key = item.data(0, _ROLE) if item is not None else None
        return key if isinstance(key, str) else ""

    def _view_of(self, item: QTreeWidgetItem) -> View | None:
        key = item.data(0, _ROLE)
        if isinstance(key, str) and key.startswith(_VIEW_PREFIX):
            try:
                return View(key.removeprefix(_VIEW_PREFIX))
            except ValueError:
                return None
        return None

    def _filter_of(self, item: QTreeWidgetItem) -> SavedFilter | None:
        key = item.data(0, _ROLE)
        if isinstance(key, str) and key.startswith(_FILTER_PREFIX):
            return self._filters.get(key.removeprefix(_FILTER_PREFIX))
        return None

    def _picked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        view = self._view_of(item)
        if view is not None:
            self.view_chosen.emit(view)
            return
        saved = self._filter_of(item)
        if saved is not None:
            self.filter_chosen.emit(saved)

    def _context_menu(self, position: QPoint) -> None:
        item = self.tree.itemAt(position)
        data = self._filter_of(item) if item else None
        if data is None:
            return
        menu = QMenu(self)
        remove = menu.addAction(self.tr("Delete filter “{name}”").replace("{name}", data.name))
        chosen = menu.exec(self.tree.viewport().mapToGlobal(position))
        if chosen is remove:
            self.filter_delete_requested.emit(data.name)
