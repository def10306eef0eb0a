"""One shared 1 Hz timer that repaints the countdown cells of the visible rows.

Each tick asks the model which countdown cells of the rows the view shows would now
read differently (``CountdownCells.changed``: a cell showing "2h 14m"
changes once a minute, "✓ achieved" never) and emits ``dataChanged`` for those cells
only, one signal per block of rows with the same changed columns. It stops while the
window is hidden or minimised, so an idle or minimised window costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from slaworkbench.ui.tickets.list.table_model import TicketTableModel


def changed_blocks(cells: Sequence[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """Cells ``(row, column)`` as ``(first row, last row, first column, last column)``
    blocks: each row's changed columns (first to last), consecutive rows with the same
    span merged. ``[(3, 6), (3, 8), (4, 6), (4, 8), (9, 7)]`` → ``[(3, 4, 6, 8), (9, 9, 7, 7)]``.
    """
    spans: dict[int, tuple[int, int]] = {}
    for row, column in cells:
        low, high = spans.get(row, (column, column))
        spans[row] = (min(low, column), max(high, column))
    blocks: list[tuple[int, int, int, int]] = []
    for row in sorted(spans):
        low, high = spans[row]
        if blocks and blocks[-1][1] == row - 1 and blocks[-1][2:] == (low, high):
            blocks[-1] = (blocks[-1][0], row, low, high)
        else:
            blocks.append((row, row, low, high))
    return blocks


def contiguous_runs(columns: Sequence[int]) -> list[tuple[int, int]]:
    """``[6, 7, 8, 10]`` → ``[(6, 8), (10, 10)]``."""
    runs: list[tuple[int, int]] = []
    for column in sorted(set(columns)):
        if runs and column == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], column)
        else:
            runs.append((column, column))
    return runs


class CountdownTicker(QObject):
    INTERVAL_MS = 1000

    def __init__(self, view: QAbstractItemView, model: TicketTableModel, window: QWidget) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._window = window
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self.tick)
        window.installEventFilter(self)
        self._update_running()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.Hide,
            QEvent.Type.WindowStateChange,
        ):
            # The state is settled after the event is handled.
            QTimer.singleShot(0, self._update_running)
        return False

    def _should_run(self) -> bool:
        return self._window.isVisible() and not self._window.isMinimized()

    def _update_running(self) -> None:
        if self._should_run():
            if not self._timer.isActive():
                self._timer.start()
                self.tick()  # catch up at once after being hidden
        else:
            self._timer.stop()

    def visible_rows(self) -> tuple[int, int] | None:
        rows = self._model.rowCount()
        if rows == 0 or not self._view.isVisible():
            return None
        viewport = self._view.viewport()
        top = self._view.indexAt(viewport.rect().topLeft()).row()
        bottom = self._view.indexAt(viewport.rect().bottomLeft()).row()
        if top < 0:
            top = 0
        if bottom < 0:
            bottom = rows - 1
        return top, bottom

    def visible_countdown_columns(self) -> list[int]:
        """The countdown columns the viewport shows (a narrow table may show none)."""
        columns = list(self._model.COUNTDOWN_COLUMNS)
        view = self._view
        if not isinstance(view, QTableView):
            return columns
        width = view.viewport().width()
        return [
            c
            for c in columns
            if not view.isColumnHidden(c)
            and view.columnViewportPosition(c) < width
            and view.columnViewportPosition(c) + view.columnWidth(c) > 0
        ]

    def tick(self) -> None:
        """Repaint the visible countdown cells whose text or colour has changed."""
        visible = self.visible_rows()
        if visible is None:
            return
        columns = self.visible_countdown_columns()
        if not columns:
            return
        changed = self._model.countdowns.changed(*visible, columns)
        # A block spans adjacent countdown columns only (never the columns between).
        runs = contiguous_runs(columns)
        blocks = [
            block
            for low, high in runs
            for block in changed_blocks([(r, c) for r, c in changed if low <= c <= high])
        ]
        for first_row, last_row, first, last in blocks:
            self._model.dataChanged.emit(
                self._model.index(first_row, first),
                self._model.index(last_row, last),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.DecorationRole,
                ],
            )
