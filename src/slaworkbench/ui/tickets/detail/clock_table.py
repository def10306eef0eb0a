"""Per metric cycle: target, elapsed, remaining, local due time and state.

Durations are business hours through the domain's one ``format_duration`` (the "why is
it due then?" text uses it too, so both say the same figures); the state cell is the
list's countdown text (``countdown.describe_clock``)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from slaworkbench.domain.clock.readings import BusinessTime
from slaworkbench.domain.durations import format_duration
from slaworkbench.domain.labels import metric_label
from slaworkbench.domain.model import ClockState, Cycle, Metric
from slaworkbench.i18n import tr
from slaworkbench.store.tickets.rows import ClockSnapshot
from slaworkbench.ui.theme import Theme
from slaworkbench.ui.tickets.countdown import describe_clock, working_days_tooltip
from slaworkbench.ui.tickets.detail.explanation_view import local_text


class _ElidedAtTheEnd(QStyledItemDelegate):
    """A state too long for its cell keeps its beginning ("overdue · paused —…"): cut in
    its middle, as the names are (so a cycle's number stays), it read "overd…s 09:00"."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class ClockTable(QTableWidget):
    clock_picked = Signal(object)
    """The ``Cycle`` the user selected."""

    HEADERS = ("Metric", "Target", "Elapsed", "Left", "Due (local)", "State")

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self.theme = theme
        self.setHorizontalHeaderLabels(
            [
                tr("Metric"),
                tr("Target"),
                tr("Elapsed"),
                tr("Left"),
                tr("Due (local)"),
                tr("State"),
            ]
        )
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        # The metric's name whole; the state takes the width the figures leave (elided
        # if short: its tooltip says it all).
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # set by fit_columns
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0") * 3)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Every clock and every column shows: the table is as tall as its rows, and a
        # narrow pane elides the long cells (their tooltips hold the rest).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setItemDelegateForColumn(self.STATE, _ElidedAtTheEnd(self))
        self.setWordWrap(False)
        self.setAccessibleName(tr("SLA clocks"))
        self._clocks: list[Cycle] = []
        self.itemSelectionChanged.connect(self._selection_changed)

    def set_clocks(self, clocks: Sequence[Cycle], now: int, calendar: BusinessTime | None) -> None:
        self._clocks = list(clocks)
        self.setRowCount(len(self._clocks))
        for r, clock in enumerate(self._clocks):
            snapshot = ClockSnapshot(
                clock.state,
                clock.due_at,
                clock.remaining,
                clock.target,
                clock.stopped_at is not None,
                clock.risk_at if not clock.at_risk else (clock.risk_at or 0),
            )
            shown = describe_clock(snapshot, now, calendar)
            remaining = clock.remaining
            if clock.stopped_at is None and clock.due_at is not None:
                remaining = shown.sort_value
            elapsed = clock.target - remaining
            name = metric_label(clock.metric)
            if clock.metric in (Metric.NEXT_RESPONSE, Metric.PERIODIC_UPDATE):
                name = tr("{metric} #{n}").format(metric=name, n=clock.index + 1)
            due = clock.due_at if clock.stopped_at is None else clock.breached_at
            achieved = clock.stopped_at is not None and remaining >= 0
            if achieved:
                remaining_text = "—"  # nothing remains of a clock that stopped in time
            elif remaining < 0:
                remaining_text = tr("−{t}").format(t=format_duration(-remaining))
            else:
                remaining_text = format_duration(remaining)
            durations = {1: clock.target, 2: max(0, elapsed), 3: None if achieved else remaining}
            cells = [
                name,
                format_duration(clock.target),
                format_duration(max(0, elapsed)),
                remaining_text,
                local_text(due)
                if due is not None
                else (tr("paused") if clock.state is ClockState.PAUSED else "—"),
                shown.text,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                seconds = durations.get(c)
                if seconds is not None:
                    item.setToolTip(working_days_tooltip(seconds, calendar))
                if c == 0:  # whole, and when, where a narrow pane leaves columns out
                    item.setToolTip(
                        tr("{metric}: due {due}").format(metric=name, due=cells[4])
                        if due is not None
                        else name
                    )
                if c == len(cells) - 1:
                    item.setToolTip(shown.tooltip)
                    brush = self.theme.foreground(shown.severity)
                    if brush is not None:
                        item.setForeground(brush)
                    icon = self.theme.icon_beside(shown.severity, shown.text)
                    if icon is not None:
                        item.setIcon(icon)
                self.setItem(r, c, item)
        self.resizeRowsToContents()
        header = self.horizontalHeader()
        rows = self.verticalHeader().length()
        height = max(header.sizeHint().height(), header.height()) + 2 * self.frameWidth()
        self.setFixedHeight(height + max(rows, 24) + 2)
        self.fit_columns()

    _ELAPSED, _DUE = 2, 4
    STATE = 5

    def fit_columns(self) -> None:
        """Every clock's name shows whole. A pane too narrow for every figure as well
        (the 1024 px default) leaves out Elapsed (the target less what is left; the
        explanation below counts it), then Due (in the name's tooltip, and the
        explanation's first line) rather than scroll sideways or elide the names."""
        header = self.horizontalHeader()
        padding = 3 * self.fontMetrics().horizontalAdvance("0")
        items = [self.item(r, 0) for r in range(self.rowCount())]
        names = [item.text() for item in items if item is not None]
        longest = max([self.fontMetrics().horizontalAdvance(n) for n in names] or [0])

        def width(column: int) -> int:
            return max(header.sectionSizeHint(column), self.sizeHintForColumn(column))

        state = header.sectionSizeHint(self.STATE) + 4 * padding  # its icon and a word or two
        needed = longest + padding + state + width(1) + width(3)
        room = self.viewport().width()
        elapsed, due = width(self._ELAPSED), width(self._DUE)
        header.setSectionHidden(self._ELAPSED, room < needed + elapsed + due)
        header.setSectionHidden(self._DUE, room < needed + due)
        # The names take what target, time left and the state's first words leave (a
        # sign and a word: "✓ achieved", "⚠ 13m"); a name longer than that (a team's
        # OLA, or Portuguese in a narrow pane) is elided in its middle, so the cycle's
        # number stays, its tooltip whole.
        icon = max(self.iconSize().width(), 16) + 4

        def state_needs(item: QTableWidgetItem | None) -> int:
            """Its icon, if any, and the text's first two words ("✓ achieved")."""
            if item is None:
                return 0
            first = " ".join(item.text().split()[:2])
            return self.fontMetrics().horizontalAdvance(first) + (
                0 if item.icon().isNull() else icon
            )

        states = [state_needs(self.item(r, self.STATE)) for r in range(self.rowCount())]
        state_floor = max(states or [0]) + padding // 2
        rest = width(1) + width(3) + max(header.minimumSectionSize(), state_floor)
        header.resizeSection(0, max(min(longest + padding, room - rest), width(0) // 2))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def clock_at(self, row: int) -> Cycle | None:
        return self._clocks[row] if 0 <= row < len(self._clocks) else None

    def _selection_changed(self) -> None:
        rows = self.selectionModel().selectedRows()
        if rows:
            clock = self.clock_at(rows[0].row())
            if clock is not None:
                self.clock_picked.emit(clock)
