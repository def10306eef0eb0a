"""The ticket list: pages of rows from SQL, countdowns computed at paint time.

Rows come from ``fetch_page(query, after, limit)``: the ``limit`` rows that follow the
row ``after`` (``None``: the first page) in the query's order, from a store query that
already carries each clock's state and due instant (keyset paging: a page deep in a
million tickets costs what the first does). Filter and order are part of the query, so
sorting re-queries instead of loading every row.

Scrolling down appends pages (``canFetchMore``/``fetchMore``), but the model keeps only
the ``max_cached_pages`` pages used last: each page remembers the row it follows, so a
page dropped from memory is fetched again (one indexed query) when it is scrolled back
into view. Memory stays bounded however far the list is scrolled.

The countdown columns are computed in ``data()`` from the stored due instant and the
injected ``clock`` (a callable returning epoch seconds), so a test can move time and
watch a ticket turn overdue. A cell's countdown is computed once per second however
many roles the view asks for (the model's ``countdowns``, a ``CountdownCells``).
"""

from __future__ import annotations

import bisect
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from slaworkbench.domain.labels import priority_label, status_label
from slaworkbench.domain.model import Metric, Priority, Status
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.query import SortKey, TicketQuery
from slaworkbench.store.tickets.rows import TicketRow
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.countdown import Severity
from slaworkbench.ui.tickets.list.countdown_cells import (
    _ALIGNMENT,
    _BACKGROUND,
    _DECORATION,
    _DISPLAY,
    _FOREGROUND,
    _TOOLTIP,
    CalendarLookup,
    CountdownCells,
    CountdownColumns,
)

FetchPage = Callable[[TicketQuery, TicketRow | None, int], Sequence[TicketRow]]
"""``(query, after, limit)``: the rows following ``after`` (``None``: from the start)."""
AnyIndex = QModelIndex | QPersistentModelIndex


def system_clock() -> int:
    return int(time.time())


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_PRIORITY_RANK = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}
_STATUS_RANK = {s: i for i, s in enumerate(Status)}


class TicketTableModel(QAbstractTableModel):
    COL_ID = 0
    COL_SUBJECT = 1
    COL_TIME_TO_BREACH = 2
    COL_PRIORITY = 3
    COL_STATUS = 4
    COL_ASSIGNEE = 5
    COL_CUSTOMER = 6
    COL_FIRST_RESPONSE = 7
    COL_NEXT_RESPONSE = 8
    COL_PERIODIC_UPDATE = 9
    COL_RESOLUTION = 10
    COL_NEXT_DUE = 11
    COL_OLA = 12
    """The OLA of the team the ticket is with now: its business time left."""
    COLUMN_COUNT = 13
    METRIC_COLUMNS: Mapping[Metric, int] = MappingProxyType(
        {
            Metric.FIRST_RESPONSE: COL_FIRST_RESPONSE,
            Metric.NEXT_RESPONSE: COL_NEXT_RESPONSE,
            Metric.PERIODIC_UPDATE: COL_PERIODIC_UPDATE,
            Metric.RESOLUTION: COL_RESOLUTION,
        }
    )
    """The column of each metric's own countdown (hidden until someone shows it)."""
    COUNTDOWN_COLUMNS = (
        COL_TIME_TO_BREACH,
        COL_FIRST_RESPONSE,
        COL_NEXT_RESPONSE,
        COL_PERIODIC_UPDATE,
        COL_RESOLUTION,
        COL_NEXT_DUE,
        COL_OLA,
    )

    SortRole = Qt.ItemDataRole.UserRole + 1
    SeverityRole = Qt.ItemDataRole.UserRole + 3
    """The countdown columns' ``Severity`` value (a plain ``str``: Qt roles hold plain
    values), for delegates and tests."""
    MetricRole = Qt.ItemDataRole.UserRole + 4
    """The time-to-breach cell's secondary text: the name of the clock it counts (str)."""
    _ANSWERED = frozenset(
        {_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, _BACKGROUND, _DECORATION}
        | {int(SortRole), int(SeverityRole), int(MetricRole)}
    )

    PAGE_SIZE = 200
    MAX_CACHED_PAGES = 30

    _SORT_KEYS = {
        COL_ID: SortKey.ID,
        COL_SUBJECT: SortKey.SUBJECT,
        COL_TIME_TO_BREACH: SortKey.TIME_TO_BREACH,
        COL_CUSTOMER: SortKey.CUSTOMER,
        COL_PRIORITY: SortKey.PRIORITY,
        COL_STATUS: SortKey.STATUS,
        COL_ASSIGNEE: SortKey.ASSIGNEE,
        COL_FIRST_RESPONSE: SortKey.FIRST_RESPONSE,
        COL_NEXT_RESPONSE: SortKey.NEXT_RESPONSE,
        COL_PERIODIC_UPDATE: SortKey.PERIODIC_UPDATE,
        COL_RESOLUTION: SortKey.RESOLUTION,
        COL_NEXT_DUE: SortKey.NEXT_DUE,
        COL_OLA: SortKey.OLA,
    }

    def __init__(
        self,
        fetch_page: FetchPage,
        *,
        clock: Callable[[], int] = system_clock,
        calendar_for: CalendarLookup | None = None,
        theme: Theme | None = None,
        page_size: int = PAGE_SIZE,
        max_cached_pages: int = MAX_CACHED_PAGES,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._fetch_page = fetch_page
        self.clock = clock
        self.theme = theme or Theme()
        self.page_size = page_size
        self.max_cached_pages = max(2, max_cached_pages)
        self._query = TicketQuery()
        self._icons: dict[Severity, QIcon] = {}
        self.pages_fetched = 0
        """How many pages came from SQL since the model was made (for benchmarks)."""
        self._count = 0
        self.countdowns = CountdownCells(
            CountdownColumns(
                self.COL_TIME_TO_BREACH,
                {column: metric for metric, column in self.METRIC_COLUMNS.items()},
                self.COUNTDOWN_COLUMNS,
                int(self.SortRole),
                int(self.SeverityRole),
                int(self.MetricRole),
                self.COL_OLA,
            ),
            self._row,
            lambda: self._count,
            clock=clock,
            calendar_for=calendar_for or (lambda _id: None),
            theme=self.theme,
        )
        self.theme.changed.connect(self.repaint_countdowns)
        self._clear()

    def _clear(self) -> None:
        self._count = 0
        self._starts: list[int] = []
        """Position of each page's first row."""
        self._anchors: list[TicketRow | None] = []
        """The row each page follows (what to fetch it again after)."""
        self._sizes: list[int] = []
        self._pages: OrderedDict[int, list[TicketRow]] = OrderedDict()
        """The pages in memory, least recently used first."""
        self._row_of_id: dict[int, int] = {}
        self._last: TicketRow | None = None
        self._has_more = False
        self.countdowns.invalidate()

    # -- loading ---------------------------------------------------------------------

    @property
    def query(self) -> TicketQuery:
        return self._query

    def set_query(self, query: TicketQuery) -> None:
        """Show the first page of another view, search or order."""
        self._query = query
        self.refresh()

    def refresh(self) -> None:
        """Re-read the first page (the list starts again from the top)."""
        rows = self._fetch(None, self.page_size)
        self.set_rows(rows, has_more=None)

    def _fetch(self, after: TicketRow | None, limit: int) -> Sequence[TicketRow]:
        self.pages_fetched += 1
        return self._fetch_page(self._query, after, limit)

    def set_rows(self, rows: Sequence[TicketRow], *, has_more: bool | None = False) -> None:
        self.beginResetModel()
        self._clear()
        if rows:
            self._append_page(None, list(rows))
        self._has_more = len(rows) >= self.page_size if has_more is None else has_more
        self.endResetModel()

    def _append_page(self, anchor: TicketRow | None, rows: list[TicketRow]) -> None:
        page = len(self._starts)
        self._starts.append(self._count)
        self._anchors.append(anchor)
        self._sizes.append(len(rows))
        self._count += len(rows)
        self._last = rows[-1]
        self._keep(page, rows)

    def _keep(self, page: int, rows: list[TicketRow]) -> None:
        self._pages[page] = rows
        start = self._starts[page]
        for offset, row in enumerate(rows):
            self._row_of_id[row.id] = start + offset
        while len(self._pages) > self.max_cached_pages:
            dropped, old = self._pages.popitem(last=False)
            first = self._starts[dropped]
            for offset, row in enumerate(old):
                if self._row_of_id.get(row.id) == first + offset:
                    del self._row_of_id[row.id]

    def _page_of(self, position: int) -> int:
        return bisect.bisect_right(self._starts, position) - 1

    def _rows_of_page(self, page: int) -> list[TicketRow]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        # Dropped from memory: fetch it again after the row it follows.
        size = self._sizes[page]
        rows = [r for r in self._fetch(self._anchors[page], size) if r.id not in self._row_of_id]
        rows = rows[:size]
        self.countdowns.forget_cells()
        self._keep(page, rows)
        return rows

    def _row(self, position: int) -> TicketRow | None:
        if not 0 <= position < self._count:
            return None
        page = self._page_of(position)
        rows = self._rows_of_page(page)
        offset = position - self._starts[page]
        return rows[offset] if offset < len(rows) else None

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._has_more:
            return
        anchor = self._last
        fetched = self._fetch(anchor, self.page_size)
        self._has_more = len(fetched) >= self.page_size
        page = [r for r in fetched if r.id not in self._row_of_id]
        if not page:
            self._has_more = False
            return
        first = self._count
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._append_page(anchor, page)
        self.endInsertRows()

    def update_row(self, row: TicketRow) -> None:
        """Replace one ticket's row after an action (its row re-fetched by id)."""
        position = self._row_of_id.get(row.id)
        if position is None:
            return
        page = self._page_of(position)
        rows = self._pages.get(page)
        if rows is None:
            return
        rows[position - self._starts[page]] = row
        self.countdowns.invalidate()
        self.dataChanged.emit(self.index(position, 0), self.index(position, self.COLUMN_COUNT - 1))

    def repaint_countdowns(self) -> None:
        """Compute every countdown cell again and have the views repaint them (the
        theme or the business calendars changed)."""
        self.countdowns.invalidate()
        if self._count:
            first, last = self.COUNTDOWN_COLUMNS[0], self.COUNTDOWN_COLUMNS[-1]
            self.dataChanged.emit(self.index(0, first), self.index(self._count - 1, last))

    def row_at(self, position: int) -> TicketRow | None:
        return self._row(position)

    def position_of(self, ticket_id: int) -> int | None:
        """The row of a ticket among the pages in memory (``None`` if not there)."""
        return self._row_of_id.get(ticket_id)

    def loaded_count(self) -> int:
        """Rows the list has reached by scrolling (not all of them are in memory)."""
        return self._count

    def cached_count(self) -> int:
        """Rows held in memory."""
        return sum(len(rows) for rows in self._pages.values())

    def has_more(self) -> bool:
        return self._has_more

    # -- Qt model API ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_title(section)
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_TIME_TO_BREACH:
            return tr(
                "Business time left on the ticket's most urgent clock (its name in small "
                "text); sorted by it, the most urgent (or most overdue) first"
            )
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_NEXT_DUE:
            return tr("When the ticket's first running clock is due, in local time")
        if role == Qt.ItemDataRole.ToolTipRole and section == self.COL_OLA:
            return tr("Business time left on the OLA of the team the ticket is with now")
        if role == Qt.ItemDataRole.ToolTipRole and section in self.COUNTDOWN_COLUMNS:
            return tr("Business time left before the target, or how late the clock is")
        return None

    def column_title(self, section: int) -> str:
        """The header's text of a column (also the column menu's)."""
        return [
            tr("ID"),
            tr("Subject"),
            tr("Time to breach"),
            tr("Priority"),
            tr("Status"),
            tr("Assignee"),
            tr("Customer"),
            tr("First response"),
            tr("Next response"),
            tr("Periodic update"),
            tr("Resolution"),
            tr("Next due"),
            tr("OLA"),
        ][section]

    def sortable(self, column: int) -> bool:
        """Whether the store can order the list by this column."""
        return column in self._SORT_KEYS

    def sort_column(self) -> int:
        """The column of the query's order."""
        return next(c for c, key in self._SORT_KEYS.items() if key is self._query.sort)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._SORT_KEYS.get(column)
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key is self._query.sort and descending == self._query.descending and self._count:
            return
        self.set_query(replace(self._query, sort=key, descending=descending))

    def data(self, index: AnyIndex, role: int = _DISPLAY) -> Any:
        role = int(role)
        if role not in self._ANSWERED or not index.isValid():
            return None  # fonts, check states, size hints...: asked for every cell painted
        position, column = index.row(), index.column()
        if column in self.COUNTDOWN_COLUMNS:
            if role == _TOOLTIP:
                return self.countdowns.tooltip(position, column)
            return self.countdowns.cell(position, column).get(role)
        row = self._row(position)
        if row is None:
            return None
        if role == _DISPLAY:
            return self._text(row, column)
        if role == self.SortRole:
            return self._sort_value(row, column)
        if role == _TOOLTIP and column == self.COL_SUBJECT:
            return row.subject
        if role == _ALIGNMENT and column == self.COL_ID:
            return _RIGHT
        return None

    # -- cells -----------------------------------------------------------------------

    def _text(self, row: TicketRow, column: int) -> str:
        if column == self.COL_ID:
            return row.reference
        if column == self.COL_SUBJECT:
            return row.subject
        if column == self.COL_CUSTOMER:
            return row.customer or "—"
        if column == self.COL_PRIORITY:
            return priority_label(row.priority)
        if column == self.COL_STATUS:
            return status_label(row.status)
        if column == self.COL_ASSIGNEE:
            return row.assignee or tr("Unassigned")
        return ""

    def _sort_value(self, row: TicketRow, column: int) -> Any:
        if column == self.COL_ID:
            return row.id
        if column == self.COL_PRIORITY:
            return _PRIORITY_RANK[row.priority]
        if column == self.COL_STATUS:
            return _STATUS_RANK[row.status]
        return self._text(row, column).casefold()
